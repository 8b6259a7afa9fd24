//! End to end, in the real window: the numbers list shows the label values (employee,
//! department, cost centre) as their own columns, toggled in the "Columns" menu and kept when the
//! list is opened again, sorted by a label column with the unlabelled numbers after; the portal's
//! columns can be hidden too. Screenshots in English and Russian, at the default and the minimum
//! size.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

/// The sort name of the row at `index` of the list (its `data-msisdn`).
async fn row_at(app: &App, index: usize) -> String {
    app.wait_visible(&format!("#numbers-viewport [data-index='{index}']")).await;
    app.attribute(&format!("#numbers-viewport [data-index='{index}']"), "data-msisdn").await.unwrap_or_default()
}

#[tokio::test]
async fn label_values_show_as_sortable_columns_chosen_in_the_columns_menu() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.find("#screen-home").await;

    // Two numbers labelled from a file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("labels.csv");
    std::fs::write(
        &file,
        "Номер;Сотрудник;Отдел;Код ЦФО;ЦФО\n\
         77010600000;Ержан Б.;Склад;CC-20;Логистика\n\
         77010542006;Данияр К.;Продажи;CC-10;Продажи\n",
    )
    .unwrap();
    app.find("#labels-import-file").await.send_keys(file.to_str().unwrap()).await.expect("the file chosen");
    app.wait_text("#labels-import-dialog-message", "To change: 2.").await;
    app.click("#labels-import-dialog-confirm").await;
    app.wait_text("#numbers-labels-notice", "Labels changed: 2.").await;
    assert!(
        app.client
            .find_all(fantoccini::Locator::Css("[role=columnheader][data-column=employee]"))
            .await
            .unwrap()
            .is_empty(),
        "no label column until one is chosen"
    );

    // The three label columns on, the payment method off.
    for column in ["employee", "department", "cost_centre", "payment_method"] {
        app.click("#numbers-columns").await;
        let item = format!("#column-{column}");
        assert_eq!(
            app.attribute(&item, "aria-checked").await.as_deref(),
            Some(if column == "payment_method" { "true" } else { "false" })
        );
        app.click(&item).await;
        app.click("#numbers-columns").await;
        assert_eq!(
            app.attribute(&format!("#column-{column}"), "aria-checked").await.as_deref(),
            Some(if column == "payment_method" { "false" } else { "true" })
        );
        app.client.execute("document.getElementById('row-menu')?.remove()", vec![]).await.unwrap();
    }
    app.wait_text("[role=columnheader][data-column=employee]", "Employee").await;
    app.wait_text("[role=columnheader][data-column=cost_centre]", "Cost centre").await;
    assert!(app
        .client
        .find_all(fantoccini::Locator::Css("[role=columnheader][data-column=payment_method]"))
        .await
        .unwrap()
        .is_empty());
    let row = "#numbers-viewport [data-msisdn='77010542006']";
    // (The DOM's text: WebDriver does not report an ellipsised cell's.)
    app.wait_content(&format!("{row} [data-column=employee]"), "Данияр К.").await;
    app.wait_content(&format!("{row} [data-column=department]"), "Продажи").await;
    app.wait_content(&format!("{row} [data-column=cost_centre]"), "CC-10 — Продажи").await;

    // Sorted by employee: the labelled numbers first, by name; reversed, still first.
    app.click("[role=columnheader][data-column=employee] button").await;
    let mut first = String::new();
    for _ in 0..50 {
        first = row_at(&app, 0).await;
        if first == "77010542006" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!((first.as_str(), row_at(&app, 1).await.as_str()), ("77010542006", "77010600000"));
    assert_eq!(
        app.attribute("[role=columnheader][data-column=employee]", "aria-sort").await.as_deref(),
        Some("ascending")
    );
    app.screenshot("label-columns-en").await;
    app.click("[role=columnheader][data-column=employee] button").await;
    app.wait_text("[role=columnheader][data-column=employee]", "▼").await;
    assert_eq!(row_at(&app, 0).await, "77010600000");

    // Kept when the list is opened again (localStorage), in Russian, at the minimum size.
    app.open_profile("77010542007").await;
    app.click("#number-back").await;
    app.wait_text("[role=columnheader][data-column=department]", "Department").await;
    let clear = "const s = document.getElementById('numbers-search'); s.value = ''; \
                 s.dispatchEvent(new Event('input', { bubbles: true }));";
    app.client.execute(clear, vec![]).await.expect("the search emptied");
    app.wait_content(&format!("{row} [data-column=cost_centre]"), "CC-10").await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("[role=columnheader][data-column=department]", "Отдел").await;
    app.screenshot("label-columns-ru").await;
    app.to_minimum_size().await;
    app.wait_content(&format!("{row} [data-column=cost_centre]"), "CC-10").await;
    app.screenshot("label-columns-ru-min").await;
    app.choose("#lang-select", "en").await;
    app.wait_text("[role=columnheader][data-column=department]", "Department").await;
    // Every column shown again: still every one fits the minimum window.
    app.click("#numbers-columns").await;
    app.click("#column-payment_method").await;
    app.client.execute("document.getElementById('row-menu')?.remove()", vec![]).await.unwrap();
    app.wait_text("[role=columnheader][data-column=payment_method]", "payment").await;
    app.screenshot("label-columns-en-min").await;
    // The row's last cell (its menu) and the toolbar's last button are inside the window.
    let fits = app
        .client
        .execute(
            "const r = document.querySelector(\"#numbers-viewport [data-msisdn='77010542006'] [data-testid=row-more]\").getBoundingClientRect(); \
             const e = document.getElementById('numbers-export').getBoundingClientRect(); \
             return r.right <= window.innerWidth && r.width > 0 && e.right <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, serde_json::Value::Bool(true), "the row's menu is inside the window at 900x600");
    app.keep_screenshots();
    app.close().await;
}
