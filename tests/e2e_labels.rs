//! End to end, in the real window: who uses each number (labels, kept on this computer only).
//! A number's profile edits its label (a cost centre's name without its code is refused under
//! the code's field), the list shows who uses a number and filters by department, the list's
//! selection is edited at once and undone, and a CSV file is imported after its preview names the
//! lines it cannot use. Screenshots in English and Russian, at the default and the minimum size.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

/// Empties the list's search as a user's Backspace does (an `input` event).
async fn clear_search(app: &App) {
    let script = "const s = document.getElementById('numbers-search'); s.value = ''; \
                  s.dispatchEvent(new Event('input', { bubbles: true }));";
    app.client.execute(script, vec![]).await.expect("the search emptied");
}

#[tokio::test]
async fn labels_are_edited_filtered_imported_and_undone() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.open_profile("77010542007").await;
    app.wait_text("#number-labels", "Not set").await;

    // A name without its code is refused under the code's field, in the window's words.
    app.click("#labels-edit").await;
    app.type_into("#labels-dialog-cost_centre_name", "Финансы").await;
    app.click("#labels-dialog-confirm").await;
    app.wait_text("#labels-dialog-cost_centre_code-error", "Enter the cost centre's code too.").await;
    assert_eq!(app.attribute("#labels-dialog-cost_centre_code", "aria-invalid").await.as_deref(), Some("true"));
    app.screenshot("labels-dialog-error-en").await;
    app.type_into("#labels-dialog-employee", "Айгерим Н.").await;
    app.type_into("#labels-dialog-department", "Бухгалтерия").await;
    app.type_into("#labels-dialog-cost_centre_code", "CC-10").await;
    app.type_into("#labels-dialog-tags", "VIP, Алматы").await;
    app.click("#labels-dialog-confirm").await;
    app.wait_text("#labels-employee", "Айгерим Н.").await;
    app.wait_text("#labels-cost-centre", "CC-10 — Финансы").await;
    app.wait_text("#labels-tags", "VIP, Алматы").await;
    app.wait_text("#number-labels-notice", "Labels changed: 1.").await;
    app.screenshot("labels-profile-en").await;

    // The list says who uses the number and filters by the department.
    app.click("#number-back").await;
    app.find("#screen-home").await;
    clear_search(&app).await;
    app.wait_content("#numbers-viewport [data-msisdn='77010542007']", "Айгерим Н.").await;
    app.choose("#numbers-label", "department:Бухгалтерия").await;
    app.wait_text("#numbers-count", "Numbers: 1").await;
    // A search finds the number by its employee too.
    app.choose("#numbers-label", "").await;
    app.type_into("#numbers-search", "айгерим").await;
    app.wait_text("#numbers-count", "Numbers: 1").await;
    clear_search(&app).await;

    // The selection's labels at once: two numbers to one department, then undone.
    app.wait_visible("#numbers-viewport [data-msisdn='77010542006']").await;
    for msisdn in ["77010542006", "77010600000"] {
        app.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-select]")).await;
    }
    app.wait_text("#selection-count", "2 selected").await;
    app.click("#selection-labels").await;
    app.type_into("#labels-selection-dialog-department", "Склад").await;
    app.click("#labels-selection-dialog-confirm").await;
    app.wait_text("#numbers-labels-notice", "Labels changed: 2.").await;
    app.choose("#numbers-label", "department:Склад").await;
    app.wait_text("#numbers-count", "Numbers: 2").await;
    app.screenshot("labels-list-en").await;
    app.click("#labels-undo").await;
    app.wait_text("#numbers-labels-notice", "Undone: 2").await;
    // The department is no longer used by any label: the filter shows every number again.
    let mut left = String::from("?");
    for _ in 0..50 {
        left = app.value("#numbers-label").await;
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(left, "", "the filter by a department no longer used is dropped");

    // An import: previewed (the lines it cannot use named), then applied.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("labels.csv");
    std::fs::write(
        &file,
        "Номер;Сотрудник;Отдел;Код ЦФО;ЦФО;Теги\n\
         +7 701 054 20 06;Данияр К.;Продажи;CC-20;Продажи;VIP\n\
         87010600000;Ержан Б.;Продажи;CC-20;Продажи;\n\
         +7 777 000 00 00;Никто;;;;\n\
         12345;;;;;\n",
    )
    .unwrap();
    app.find("#labels-import-file").await.send_keys(file.to_str().unwrap()).await.expect("the file chosen");
    app.wait_text("#labels-import-dialog-message", "To change: 2.").await;
    app.wait_text("#labels-import-problems", "Line 4: +7 777 000 00 00 is not one of the company's numbers.").await;
    app.wait_text("#labels-import-problems", "Line 5, number: Not a phone number").await;
    app.screenshot("labels-import-en").await;
    app.click("#labels-import-dialog-confirm").await;
    app.wait_text("#numbers-labels-notice", "Labels changed: 2.").await;
    app.choose("#numbers-label", "department:Продажи").await;
    app.wait_text("#numbers-count", "Numbers: 2").await;

    // In Russian, at the minimum size.
    app.choose("#lang-select", "ru").await;
    app.wait_text("#numbers-count", "Номеров: 2").await;
    app.to_minimum_size().await;
    app.screenshot("labels-list-ru-min").await;
    app.choose("#numbers-label", "").await;
    app.type_into("#numbers-search", "0542007").await;
    app.wait_text("#numbers-count", "Номеров: 1").await;
    app.click("#numbers-viewport [data-msisdn='77010542007']").await;
    app.wait_text("#labels-edit", "Изменить").await;
    app.find("#number-general .kv").await;
    app.screenshot("labels-profile-ru-min").await;
    app.click("#labels-edit").await;
    app.wait_visible("#labels-dialog").await;
    app.screenshot("labels-dialog-ru-min").await;
    app.click("#labels-dialog-cancel").await;
    app.keep_screenshots();
    app.close().await;
}
