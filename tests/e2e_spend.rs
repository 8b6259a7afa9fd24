//! End to end, in the real window: the Spend area. On the embedded demo (its company seeded with
//! cost centres once), Spend starts empty with a call to fetch; after the fetch it shows the
//! charts and tables by month, cost centre, department, tariff and service, a seeded cost
//! centre's figure equal to what core computes from the same demo data; the VAT switch changes
//! the figures; a figure leads to the numbers behind it and a number to its profile; a
//! chargeback is saved in the library. On a portal that then stops, Spend still shows
//! everything as of the last fetch. Screenshots in English and Russian, at the default and the
//! minimum size.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use kabinet_core::spend::aggregate::{Amounts, Basis};
use std::sync::Arc;

/// Tiyn as the English window writes them (`en-GB`): `12,345.67 ₸`.
fn tenge_en(tiyn: i64) -> String {
    let whole = (tiyn.abs() / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{grouped}.{:02} ₸", if tiyn < 0 { "-" } else { "" }, tiyn.abs() % 100)
}

/// What core computes for the demo company's cost centre `code` (its name, with VAT and without,
/// how many numbers), from a demo portal of the test's own (the same seed as the app's embedded
/// one) and the demo's labels.
async fn core_cost_centre(code: &str) -> (String, Amounts, i64) {
    use kabinet_core::{account::Account, cache::Cache, client::PortalClient, secrets::Vault};
    let (portal, _dir) = common::own_portal().await;
    let account = Account::new(
        PortalClient::new(&portal.url()).unwrap(),
        Cache::in_memory().await.unwrap(),
        Arc::new(Vault::memory_only()),
        "demo",
    );
    account.login(portal_sandbox::DEMO_LOGIN_PHONE, portal_sandbox::DEMO_LOGIN_PASSWORD, false).await.unwrap();
    let company = portal_sandbox::DEMO_LABELS_COMPANY;
    account.companies().await.unwrap();
    account.numbers().sync(company, false, &|_| {}).await.unwrap();
    account.labels().seed_once(company, portal_sandbox::DEMO_LABELS_CSV.as_bytes(), "demo").await.unwrap();
    account.spend().fetch(company).await.unwrap();
    let overview = account.spend().overview(company, Basis::WithVat).await.unwrap();
    let group = overview.by_cost_centre.into_iter().find(|g| g.key.as_deref() == Some(code)).expect("the cost centre");
    portal.shutdown().await;
    (group.name, group.total, group.numbers)
}

/// Scrolls the screen (only the screen: the window itself never scrolls) to the part `css`, as a
/// user would, for a screenshot of it.
async fn show(app: &App, css: &str) {
    app.find(css).await;
    let script = "const view = document.getElementById('view'); \
                  const top = document.querySelector(arguments[0]).getBoundingClientRect().top; \
                  view.scrollTop += top - view.getBoundingClientRect().top;";
    app.client.execute(script, vec![css.into()]).await.expect("scrolled");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

#[tokio::test]
async fn spend_by_cost_centre_on_the_demo_with_its_numbers_and_a_chargeback() {
    let (name, expected, numbers) = core_cost_centre("CC-200").await;
    let app = App::launch().await;
    app.sign_in_demo().await;
    // The sign-in's sync fetches the months not held yet; a fetch asks for all 12 again.
    app.click("#tab-spend").await;
    app.click("#spend-fetch").await;
    app.wait_text("#notice", "Charges fetched: months 12").await;
    app.wait_text("#spend-asof", "Charges as of").await;
    // The seeded cost centre, its figure as core computes it, and a chart drawn beside its table.
    let row = "#spend-by-cost-centre-table tr[data-key='CC-200']";
    app.wait_text(row, &format!("CC-200 {name}")).await;
    app.wait_text(&format!("{row} .spend-total"), &tenge_en(expected.total)).await;
    // How many numbers are behind it (the overview carries the count, not the list).
    app.wait_text(&format!("{row} td:nth-of-type(2)"), &numbers.to_string()).await;
    app.wait_text("#spend-by-cost-centre-table", "Unassigned").await;
    app.find("#spend-by-cost-centre .spend-chart canvas").await;
    app.find("#spend-by-month .spend-chart canvas").await;
    for table in
        ["#spend-by-month-table", "#spend-by-department-table", "#spend-by-tariff-table", "#spend-by-service-table"]
    {
        app.find(&format!("{table} tbody tr")).await;
    }
    app.find("#spend-top-table tbody tr").await;
    app.find(".spend-toolbar #spend-import").await;
    app.screenshot("spend-en").await;
    show(&app, "#spend-by-cost-centre").await;
    app.screenshot("spend-cost-centre-en").await;
    show(&app, "#spend-top").await;
    app.screenshot("spend-top-en").await;

    // Without VAT, from the keyboard (the switch is a radio group: an arrow key moves it): the
    // same cost centre's figure without VAT.
    app.client
        .execute("document.querySelector(\"#spend-basis input[value='with_vat']\").focus();", vec![])
        .await
        .unwrap();
    let right: char = fantoccini::key::Key::Right.into();
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: right }).then(KeyAction::Up { value: right });
    app.client.perform_actions(keys).await.expect("an arrow key on the switch");
    app.wait_text(&format!("{row} .spend-total"), &tenge_en(expected.net)).await;
    app.wait_text("#spend-fact-basis", "Without VAT").await;

    // The figure leads to the numbers behind it, which add up to it; a number to its profile.
    app.click(&format!("{row} .spend-figure")).await;
    app.wait_text("#spend-behind-title", &format!("Cost centre CC-200 {name}")).await;
    app.wait_text("#spend-behind-table tfoot", &tenge_en(expected.total)).await;
    app.wait_text("#spend-behind-table tfoot", &tenge_en(expected.net)).await;
    app.wait_text("#spend-behind-table [data-msisdn='77012115526']", "+7 701 211 55 26").await;
    app.screenshot("spend-behind-en").await;
    app.click("#spend-behind-table [data-msisdn='77012115526'] .spend-number").await;
    app.find("#screen-number[data-msisdn='77012115526'] #number-general .kv").await;
    app.click("#nav-back").await;
    app.find("#spend-behind-table").await;
    app.click("#spend-behind-back").await;
    app.find("#spend-by-cost-centre-table").await;

    // A month's total leads to every number billed that month, adding up to it.
    let month = app.find("#spend-by-month-table tbody tr:last-child").await.text().await.unwrap();
    app.click("#spend-by-month-table tbody tr:last-child .spend-figure").await;
    app.wait_text("#spend-behind-title", "All numbers").await;
    // The row's last cell: the month with VAT ("563,854.82 ₸").
    let words: Vec<&str> = month.split_whitespace().collect();
    let total = words[words.len() - 2..].join(" ");
    app.wait_text("#spend-behind-table tfoot", &total).await;
    app.click("#spend-behind-back").await;
    app.find("#spend-by-cost-centre-table").await;

    // A bar leads to its numbers too: the first month's bottom layer is the largest cost centre
    // (the table's first named row).
    show(&app, "#spend-by-cost-centre").await;
    let largest = app.find("#spend-by-cost-centre-table tbody tr:not([data-key='']) th").await.text().await.unwrap();
    let first_month = app.find("#spend-by-month-table tbody tr:first-child .spend-figure").await.text().await.unwrap();
    let over = app.find("#spend-by-cost-centre .u-over").await;
    let size = app.client.execute(
        "const o = arguments[0]; return [o.clientWidth, o.clientHeight];",
        vec![serde_json::to_value(&over).unwrap()],
    );
    let size: Vec<f64> = serde_json::from_value(size.await.unwrap()).unwrap();
    let (x, y) = (-size[0] / 2.0 + size[0] / 24.0, size[1] / 2.0 - 4.0);
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: over, duration: None, x, y })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    app.client.perform_actions(mouse).await.expect("a click on a bar");
    app.wait_text("#spend-behind-title", &format!("Cost centre {} · {first_month}", largest.trim())).await;
    app.click("#spend-behind-back").await;
    app.find("#spend-by-cost-centre-table").await;

    // A chargeback of the months held, kept in the library, with a notice that opens it.
    app.click("#spend-chargeback").await;
    app.wait_visible("#spend-chargeback-panel").await;
    app.screenshot("spend-chargeback-en").await;
    app.click("#spend-chargeback-save").await;
    app.wait_text("#spend-saved", "Saved in the documents library").await;
    app.find("#spend-saved .doc-open").await;
    let id: i64 = app.attribute("#spend-saved", "data-document").await.expect("the file's id").parse().unwrap();
    assert!(app.library_file(id).await.starts_with(b"PK"), "an XLSX file");

    // In Russian, at the default size and the minimum.
    app.choose("#lang-select", "ru").await;
    app.wait_text("#spend-by-cost-centre-table", "Без ЦФО").await;
    app.wait_text("#spend-by-cost-centre", "По ЦФО").await;
    app.screenshot("spend-ru").await;
    show(&app, "#spend-by-cost-centre").await;
    app.screenshot("spend-cost-centre-ru").await;
    app.to_minimum_size().await;
    app.find("#spend-by-cost-centre .spend-chart canvas").await;
    show(&app, "#screen-spend").await;
    // At 900×600 the window itself does not scroll (the screen does), nor does a table push it wider.
    let overflow = "const r = document.documentElement; \
                    return [r.scrollWidth - r.clientWidth, r.scrollHeight - r.clientHeight];";
    let overflow = app.client.execute(overflow, vec![]).await.unwrap();
    assert_eq!(overflow, serde_json::json!([0, 0]), "the window overflows at its minimum size");
    app.screenshot("spend-ru-min").await;
    show(&app, "#spend-by-cost-centre").await;
    app.screenshot("spend-cost-centre-ru-min").await;
    app.choose("#lang-select", "en").await;
    app.wait_text("#spend-by-cost-centre", "By cost centre").await;
    show(&app, "#screen-spend").await;
    app.screenshot("spend-en-min").await;
    show(&app, "#spend-by-cost-centre").await;
    app.screenshot("spend-cost-centre-en-min").await;
    show(&app, "#spend-top").await;
    app.screenshot("spend-top-en-min").await;
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn offline_spend_shows_everything_as_of_the_last_fetch() {
    let (portal, _portal_dir) = common::own_portal().await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;
    app.click("#tab-spend").await;
    app.click("#spend-fetch").await;
    app.wait_text("#notice", "Charges fetched: months 12").await;
    // Drawn again after the fetch (the sign-in's sync may have drawn some months before).
    app.find("#spend-by-month-table tbody tr:nth-child(12)").await;
    let months = app.find("#spend-by-month-table tbody").await.text().await.unwrap();
    let as_of = app.wait_text("#spend-asof", "Charges as of").await;

    // The portal stops: a fetch fails and says why, and the figures stay.
    portal.shutdown().await;
    app.click("#spend-fetch").await;
    app.wait_text("#spend-status", "The portal cannot be reached").await;
    app.wait_visible("#offline-banner").await;
    app.wait_text("#connection", "Offline, data as of").await;
    // Spend opened again reads the cache.
    app.click("#tab-numbers").await;
    app.find("#screen-home").await;
    app.click("#tab-spend").await;
    app.wait_text("#spend-asof", &as_of).await;
    assert_eq!(app.find("#spend-by-month-table tbody").await.text().await.unwrap(), months);
    app.find("#spend-by-cost-centre .spend-chart canvas").await;
    assert!(!app.find("#spend-fetch").await.is_enabled().await.unwrap(), "fetching needs the portal");
    // The chargeback is made from the cache: offline too.
    app.click("#spend-chargeback").await;
    app.click("#spend-chargeback-save").await;
    app.wait_text("#spend-saved", "Saved in the documents library").await;
    app.screenshot("spend-offline-en").await;
    app.keep_screenshots();
    app.close().await;
}

/// After a sync's charges step, Spend's four views are already added up and kept (a large
/// company's first adding-up after new charges or labels takes seconds), before the screen is
/// ever opened.
#[tokio::test]
async fn a_sync_adds_up_spends_views_before_the_screen_is_opened() {
    use sqlx::{ConnectOptions, Connection};
    let app = App::launch().await;
    app.sign_in_demo().await;
    let cache = app.data_dir.path().join("app").join("cache.sqlite");
    let started = std::time::Instant::now();
    let mut views = 0;
    while started.elapsed() < std::time::Duration::from_secs(30) {
        if let Ok(mut conn) = sqlx::sqlite::SqliteConnectOptions::new().filename(&cache).read_only(true).connect().await
        {
            views = sqlx::query_scalar::<_, i64>("SELECT COUNT(DISTINCT dimension) FROM spend_views")
                .fetch_one(&mut conn)
                .await
                .unwrap_or(0);
            let _ = conn.close().await;
        }
        if views == 4 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert_eq!(views, 4, "the four views kept behind the sync, Spend never opened");
    app.close().await;
}
