//! End to end, in the real window: bulk actions (issue 9, part 3).
//! - A bulk block of three numbers of the demo company ticked in the list, one of them
//!   Blocked / Debt: the preview skips it saying why, the confirmation starts on Cancel and says
//!   how many numbers, the run ends with a result per number, exported to Excel.
//! - Twenty numbers ticked with a shift-click, on a portal that answers slowly: the run is
//!   cancelled halfway (some done, the rest cancelled), resumed, and every number is done once,
//!   counted in the portal's own database.
//! - A run the app left halfway (closed while it ran) is offered on start ("… was interrupted
//!   at N. Resume · Show · Discard") and resumed: every number done once, the ones that were in
//!   flight included.
//! - Offline, the preview applies the shared rules, says the portal was not asked, and Run
//!   waits for the portal.
//! - No action is preselected; the selection is kept across searches; a skip says what it means
//!   for the run; a Cancel that came when every number was already sent says nothing was
//!   cancelled; with the paused notice the window never scrolls as a whole.
//!
//! Screenshots in English and Russian, at the default size and at 900 × 600; set
//! `KABINET_E2E_SHOTS=<dir>` to keep them.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::bulk::{bulk_layout_problems, resume_from_the_notice, wait_finished, window_scroll_problems};
use common::App;

/// The rows drawn in the list, in order: (index, msisdn, state).
async fn drawn_rows(app: &App) -> Vec<(u64, String, String)> {
    let script = r##"return [...document.querySelectorAll("#numbers-viewport .vrow.data")]
        .map((r) => [Number(r.dataset.index), r.dataset.msisdn, r.querySelector("[class^=state-]").className.slice(6)])
        .sort((a, b) => a[0] - b[0]);"##;
    let rows = app.client.execute(script, vec![]).await.expect("read the rows");
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| (r[0].as_u64().unwrap(), r[1].as_str().unwrap().to_string(), r[2].as_str().unwrap().to_string()))
        .collect()
}

/// The list's count once a search or a filter changed it from `before`.
async fn narrowed_count(app: &App, before: &str) -> String {
    let started = std::time::Instant::now();
    loop {
        let text = app.wait_text("#numbers-count", "Numbers: ").await;
        let n = text.trim_start_matches("Numbers: ").trim().to_string();
        if n != before {
            return n;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "the list never changed from {before}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The id of the focused element.
async fn focused(app: &App) -> String {
    let id = app.client.execute("return document.activeElement.id;", vec![]).await.expect("the focus");
    id.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_bulk_block_of_three_skips_the_debt_number_and_reports_each_number() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;

    // By state, descending: Blocked / Debt first, then Blocked, then Active.
    app.click("[data-sort=state]").await;
    app.click("[data-sort=state]").await;
    app.find("[data-column=state][aria-sort=descending]").await;
    app.wait_content("#numbers-viewport .vrow.data[data-index='0']", "Blocked / Debt").await;
    let rows = drawn_rows(&app).await;
    let debt = rows.iter().find(|r| r.2 == "blocked_debt").expect("a Blocked / Debt number on screen").1.clone();
    let active: Vec<String> = rows.iter().filter(|r| r.2 == "active").take(2).map(|r| r.1.clone()).collect();
    assert_eq!(active.len(), 2, "two Active numbers on screen: {rows:?}");

    for msisdn in [&debt, &active[0], &active[1]] {
        app.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-select]")).await;
    }
    app.wait_text("#selection-count", "3 selected").await;
    app.wait_text("#selection-all", "Select all 33 numbers of the company").await;
    app.screenshot("bulk-selection-en").await;
    app.click("#selection-bulk").await;

    app.wait_text("#bulk-subject", "3 numbers selected").await;
    // No action is chosen at first (Block is destructive): Preview asks for one, by its field.
    assert_eq!(app.value("#bulk-action").await, "", "nothing preselected");
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-action-error", "Choose the action").await;
    assert_eq!(app.attribute("#bulk-action", "aria-invalid").await.as_deref(), Some("true"));
    app.screenshot("bulk-choose-action-en").await;
    assert!(app.find("#bulk-run-box").await.attr("hidden").await.expect("attribute").is_some(), "no preview");
    // A service is chosen from the catalogue of a selected number.
    app.choose("#bulk-action", "service_on").await;
    app.wait_visible("#bulk-service option").await;
    app.choose("#bulk-action", "block").await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-run-title", "Preview: Block").await;
    app.wait_text("[data-testid=bulk-to-run] .value", "2").await;
    app.wait_text("[data-testid=bulk-skipped] .value", "1").await;
    app.wait_text(&format!("#bulk-items tr[data-msisdn='{debt}']"), "Skipped").await;
    app.wait_text(
        &format!("#bulk-items tr[data-msisdn='{debt}'] .bulk-detail"),
        "Only an active number can be blocked",
    )
    .await;
    app.wait_text("#bulk-reasons", "Only an active number can be blocked").await;
    for msisdn in &active {
        app.wait_text(&format!("#bulk-items tr[data-msisdn='{msisdn}']"), "Will run").await;
    }
    app.screenshot("bulk-preview-en").await;
    let problems = bulk_layout_problems(&app).await;
    assert!(problems.is_empty(), "the preview at the default size:\n{problems}");

    // Another action chosen after the preview: the preview (and its Run) is gone, so Run never
    // does what is no longer chosen; previewed again, it is back.
    app.choose("#bulk-action", "unblock").await;
    assert!(app.find("#bulk-run-box").await.attr("hidden").await.expect("attribute").is_some());
    app.choose("#bulk-action", "block").await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-run-title", "Preview: Block").await;
    app.wait_text("[data-testid=bulk-to-run] .value", "2").await;

    // The confirmation says how many, and starts on Cancel (a destructive action).
    app.click("#bulk-run").await;
    app.wait_text("#bulk-confirm-dialog", "for 2 numbers").await;
    assert_eq!(focused(&app).await, "bulk-confirm-dialog-cancel");
    app.screenshot("bulk-confirm-en").await;
    app.click("#bulk-confirm-dialog-confirm").await;

    app.wait_text("#bulk-run-title", "Finished: Block").await;
    app.wait_text("[data-testid=bulk-done] .value", "2").await;
    app.wait_text("[data-testid=bulk-failed] .value", "0").await;
    // A row says In process while the portal works on its block, and Done once the watcher saw
    // it completed (no click).
    for msisdn in &active {
        app.wait_text(&format!("#bulk-items tr[data-msisdn='{msisdn}'] .bulk-state"), "Done").await;
        app.wait_text(&format!("#bulk-items tr[data-msisdn='{msisdn}'] .bulk-detail"), "Request").await;
    }
    app.wait_text(&format!("#bulk-items tr[data-msisdn='{debt}'] .bulk-state"), "Skipped").await;
    let progress = app.attribute("#bulk-progressbar", "aria-valuenow").await;
    assert_eq!(progress.as_deref(), Some("2"));

    // The result in Excel, in the documents library.
    app.click("#bulk-export").await;
    app.wait_visible("#bulk-exported .doc-open").await;
    let id: i64 = app.attribute("#bulk-exported", "data-document").await.expect("the library's id").parse().unwrap();
    let bytes = app.library_file(id).await;
    assert!(bytes.starts_with(b"PK"), "an XLSX file");
    app.screenshot("bulk-result-en").await;

    app.to_minimum_size().await;
    app.screenshot("bulk-result-en-min").await;
    let problems = bulk_layout_problems(&app).await;
    assert!(problems.is_empty(), "the result at the minimum size:\n{problems}");
    app.choose("#lang-select", "ru").await;
    app.wait_text("#bulk-run-title", "Завершено").await;
    app.wait_text(&format!("#bulk-items tr[data-msisdn='{debt}'] .bulk-detail"), "только активный номер").await;
    app.screenshot("bulk-result-ru-min").await;
    let problems = bulk_layout_problems(&app).await;
    assert!(problems.is_empty(), "the Russian result at the minimum size:\n{problems}");

    // Back in the list, the selection is kept. The ONE watcher followed each bulk block (the
    // rows above reached Done): the list shows them Blocked by itself, no sync.
    app.click("#bulk-back").await;
    app.wait_text("#selection-count", "Выбрано: 3").await;
    app.screenshot("bulk-list-ru-min").await;
    for msisdn in &active {
        app.wait_content(&format!("#numbers-viewport [data-msisdn='{msisdn}']"), "Заблокирован").await;
    }

    // A new search keeps the selection, and the bar counts it: one more number found by a
    // search is added to it.
    app.choose("#lang-select", "en").await;
    app.type_into("#numbers-search", "0600").await;
    let n = narrowed_count(&app, "33").await;
    app.wait_text("#selection-count", "3 selected").await;
    let found = drawn_rows(&app).await;
    let more =
        found.iter().find(|r| ![&debt, &active[0], &active[1]].contains(&&r.1)).expect("another number").1.clone();
    app.click(&format!("#numbers-viewport [data-msisdn='{more}'] [data-testid=row-select]")).await;
    app.wait_text("#selection-count", "4 selected").await;
    let script = "const s = document.getElementById('numbers-search'); s.value = ''; \
                  s.dispatchEvent(new Event('input', { bubbles: true }));";
    app.client.execute(script, vec![]).await.expect("empty the search");
    narrowed_count(&app, &n).await;
    app.wait_text("#selection-count", "4 selected").await;
    for msisdn in [&debt, &active[0], &active[1], &more] {
        let ticked = app
            .client
            .execute(
                "return document.querySelector(`#numbers-viewport [data-msisdn='${arguments[0]}'] input`)?.checked ?? null;",
                vec![msisdn.as_str().into()],
            )
            .await
            .expect("script");
        assert_ne!(ticked.as_bool(), Some(false), "{msisdn} is still ticked");
    }
    app.screenshot("bulk-selection-kept-en").await;

    // "All results" of a search is the search itself.
    app.click("#selection-clear").await;
    app.type_into("#numbers-search", "0600").await;
    narrowed_count(&app, "33").await;
    app.click("[data-msisdn='77010600037'] [data-testid=row-select]").await;
    app.wait_text("#selection-all", &format!("Select all {n} results of this search")).await;
    app.click("#selection-all").await;
    app.wait_text("#selection-count", &format!("All {n} results of “0600” selected")).await;
    app.click("#selection-bulk").await;
    app.wait_text("#bulk-subject", &format!("All {n} results of the search “0600”")).await;
    app.choose("#bulk-action", "ban_on:sms_ussd").await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-run-title", "Preview: Set the ban on SMS / USSD control").await;
    app.wait_text("[data-testid=bulk-total] .value", &n).await;
    app.screenshot("bulk-preview-search-en-min").await;
    let problems = bulk_layout_problems(&app).await;
    assert!(problems.is_empty(), "the search's preview at the minimum size:\n{problems}");

    // All the numbers of the search's results that are Blocked: read into a list of numbers (a
    // search selection cannot say "Blocked"), then unblocked in the preview.
    app.click("#bulk-back").await;
    app.wait_text("#selection-count", &format!("All {n} results")).await;
    app.choose("#numbers-state", "blocked").await;
    app.wait_content("#numbers-viewport .vrow.data", "Blocked").await;
    let blocked = narrowed_count(&app, &n).await;
    // The search's results stay selected, now as their list of numbers.
    app.wait_text("#selection-count", &format!("{n} selected")).await;
    app.click("#selection-clear").await;
    app.click("#numbers-select-page").await;
    app.wait_text("#selection-count", &format!("All {blocked} numbers of this list selected")).await;
    app.click("#selection-bulk").await;
    app.wait_text("#bulk-subject", &format!("{blocked} numbers selected in the list")).await;
    app.choose("#bulk-action", "unblock").await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-run-title", "Preview: Unblock").await;
    app.wait_text("[data-testid=bulk-total] .value", &blocked).await;
    app.wait_text("[data-testid=bulk-to-run] .value", &blocked).await;
    app.keep_screenshots();
    app.close().await;
}

/// How long the slow portal takes to answer anything: a bulk run of four at a time then takes
/// about this long per four numbers, long enough to cancel it halfway.
const SLOW_ANSWER: std::time::Duration = std::time::Duration::from_millis(900);

/// A demo portal of the test's own that answers every `/api/v1` request `SLOW_ANSWER` late.
async fn slow_portal() -> (portal_sandbox::RunningSandbox, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = portal_sandbox::Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().into());
    config.rules.answer_latency = SLOW_ANSWER;
    let portal = portal_sandbox::start(config).await.expect("sandbox starts");
    (portal, dir)
}

/// How many block requests the portal made for each number (read from its own database).
async fn block_requests(dir: &std::path::Path) -> std::collections::BTreeMap<String, i64> {
    use sqlx::{ConnectOptions, Connection};
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.join("portal.sqlite"))
        .read_only(true)
        .connect()
        .await
        .expect("the portal's database opens");
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT msisdn, COUNT(*) FROM requests WHERE kind = 'block' GROUP BY msisdn")
            .fetch_all(&mut conn)
            .await
            .expect("count the requests");
    let _ = conn.close().await;
    rows.into_iter().collect()
}

/// Waits until the progress bar says at least `n` numbers are done or failed.
async fn wait_done_at_least(app: &App, n: u64) {
    let started = std::time::Instant::now();
    loop {
        let now = app.attribute("#bulk-progressbar", "aria-valuenow").await;
        if now.and_then(|v| v.parse::<u64>().ok()).is_some_and(|v| v >= n) {
            return;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{n} numbers were never done");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Presses `key` (a character or a `fantoccini::key::Key`) on whatever has the focus.
async fn press(app: &App, key: char) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    app.client.perform_actions(keys).await.expect("press a key");
}

/// Clicks the element `css` with Shift held, as a user selects a range.
async fn shift_click(app: &App, css: &str) {
    use fantoccini::actions::{
        Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
    };
    use fantoccini::key::Key;
    let element = app.wait_visible(css).await;
    let pause = KeyAction::Pause { duration: std::time::Duration::ZERO };
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: Key::Shift.into() })
        .then(pause.clone())
        .then(pause)
        .then(KeyAction::Up { value: Key::Shift.into() });
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Pause { duration: std::time::Duration::ZERO });
    app.client.perform_actions(Actions::from(keys).and(mouse)).await.expect("shift-click");
    app.client.release_actions().await.expect("release the keys");
}

#[tokio::test]
async fn a_bulk_run_of_twenty_cancelled_halfway_then_resumed_does_each_number_once() {
    let (portal, portal_dir) = slow_portal().await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    // Space ticks the focused row; a shift-click ticks the range from it: twenty numbers.
    let to_run = preview_blocking_twenty(&app).await;
    assert!(to_run >= 8, "enough Active numbers among the first twenty: {to_run}");
    app.click("#bulk-run").await;
    app.click("#bulk-confirm-dialog-confirm").await;

    // The first numbers are done (progress comes at most ten times a second, so the count may
    // jump): cancel. The ones in flight finish; the rest are cancelled.
    app.wait_text("#bulk-run-title", "Running: Block").await;
    app.wait_visible("#bulk-progressbar").await;
    wait_done_at_least(&app, 1).await;
    app.screenshot("bulk-running-en").await;
    app.click("#bulk-cancel").await;
    app.wait_text("#bulk-run-title", "Cancelled: Block").await;
    let done: u64 = app.wait_text("[data-testid=bulk-done] .value", "").await.trim().parse().expect("a count");
    assert!((1..to_run).contains(&done), "some done, not all: {done} of {to_run}");
    app.wait_text("#bulk-items", "Cancelled").await;
    app.wait_text("[data-testid=bulk-remaining] .value", &(to_run - done).to_string()).await;
    app.screenshot("bulk-cancelled-en").await;
    app.to_minimum_size().await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("#bulk-run-title", "Отменено: Заблокировать").await;
    app.wait_text("#bulk-progress-text", "Отменено:").await;
    app.wait_text("#bulk-items", "Отменено").await;
    app.screenshot("bulk-cancelled-ru-min").await;
    let problems = bulk_layout_problems(&app).await;
    assert!(problems.is_empty(), "the cancelled run in Russian at the minimum size:\n{problems}");
    app.choose("#lang-select", "en").await;
    let counted = block_requests(portal_dir.path()).await;
    assert_eq!(counted.values().sum::<i64>(), done as i64, "the portal blocked exactly the done ones: {counted:?}");

    // Resumed: the rest, and nothing twice.
    app.click("#bulk-resume").await;
    app.wait_text("#bulk-run-title", "Finished: Block").await;
    app.wait_text("[data-testid=bulk-done] .value", &to_run.to_string()).await;
    let counted = block_requests(portal_dir.path()).await;
    assert_eq!(counted.len() as u64, to_run, "every number to run was blocked: {counted:?}");
    assert!(counted.values().all(|&n| n == 1), "each number once: {counted:?}");
    app.screenshot("bulk-resumed-en").await;
    app.keep_screenshots();
    app.close().await;
    portal.shutdown().await;
}

/// Signs in, ticks the first twenty numbers of the list (Space, then a shift-click) and opens
/// the bulk screen with a preview of blocking them; returns how many will run.
async fn preview_blocking_twenty(app: &App) -> u64 {
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    app.find("#numbers-viewport .vrow.data[data-index='0']").await;
    app.client.execute("document.getElementById('numbers-viewport').focus();", vec![]).await.unwrap();
    press(app, fantoccini::key::Key::Down.into()).await;
    press(app, ' ').await;
    app.wait_text("#selection-count", "1 selected").await;
    app.client.execute("document.getElementById('numbers-viewport').scrollTop = 19 * 34 - 120;", vec![]).await.unwrap();
    shift_click(app, "#numbers-viewport .vrow.data[data-index='19'] [data-testid=row-select]").await;
    app.wait_text("#selection-count", "20 selected").await;
    app.click("#selection-bulk").await;
    app.choose("#bulk-action", "block").await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-run-title", "Preview: Block").await;
    app.wait_text("[data-testid=bulk-to-run] .value", "").await.trim().parse().expect("a count")
}

#[tokio::test]
async fn a_run_the_app_left_halfway_is_offered_on_start_and_resumed_without_repeating() {
    let (portal, portal_dir) = slow_portal().await;
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap().to_string();

    let app = App::launch_with(&[("KABINET_DATA_DIR", &dir)]).await;
    app.use_portal(&portal.url()).await;
    let to_run = preview_blocking_twenty(&app).await;
    app.click("#bulk-run").await;
    app.click("#bulk-confirm-dialog-confirm").await;
    wait_done_at_least(&app, 1).await;
    // The app closes in the middle of the run.
    app.close().await;
    let before = block_requests(portal_dir.path()).await;
    assert!((before.len() as u64) < to_run, "closed before the end: {before:?}");

    let app = App::launch_with(&[("KABINET_DATA_DIR", &dir)]).await;
    app.sign_in_demo().await;
    let notice = app.wait_text(".bulk-paused", "stopped before the end").await;
    assert!(notice.contains("“Block” on 20 numbers"), "{notice}");
    assert!(notice.contains(&format!("of {to_run} processed")), "{notice}");
    assert!(notice.contains("nothing is done twice"), "{notice}");
    app.wait_visible("#numbers-viewport .vrow.data").await;
    let problems = window_scroll_problems(&app).await;
    assert!(problems.is_empty(), "with the paused notice:\n{problems}");
    app.screenshot("bulk-paused-notice-en").await;
    app.to_minimum_size().await;
    app.choose("#lang-select", "ru").await;
    let notice = app.wait_text(".bulk-paused", "остановилось до завершения").await;
    assert!(notice.contains(&format!("из {to_run}")), "{notice}");
    let problems = window_scroll_problems(&app).await;
    assert!(problems.is_empty(), "with the paused notice, in Russian at the minimum size:\n{problems}");
    app.screenshot("bulk-paused-notice-ru-min").await;
    app.choose("#lang-select", "en").await;
    resume_from_the_notice(&app).await;
    wait_finished(&app).await;
    app.wait_text("[data-testid=bulk-done] .value", &to_run.to_string()).await;
    let counted = block_requests(portal_dir.path()).await;
    assert_eq!(counted.len() as u64, to_run, "every number to run was blocked: {counted:?}");
    assert!(counted.values().all(|&n| n == 1), "each number once, the ones in flight included: {counted:?}");
    app.screenshot("bulk-resumed-after-restart-en-min").await;

    // Finished: no longer offered.
    app.click("#bulk-back").await;
    app.find("#screen-home").await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    let offered = app.client.execute("return document.querySelectorAll('.bulk-paused').length;", vec![]).await.unwrap();
    assert_eq!(offered.as_u64(), Some(0));
    app.keep_screenshots();
    app.close().await;
    portal.shutdown().await;
}

#[tokio::test]
async fn offline_the_preview_applies_the_shared_rules_and_says_the_portal_was_not_asked() {
    let (portal, _portal_dir) = common::own_portal().await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    // The manual's numbers: 77010542006 Blocked, 77010542007 Active.
    for msisdn in ["77010542006", "77010542007"] {
        app.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-select]")).await;
    }
    app.wait_text("#selection-count", "2 selected").await;
    portal.shutdown().await;

    app.click("#selection-bulk").await;
    app.choose("#bulk-action", "block").await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-run-title", "Preview: Block").await;
    app.wait_text("#bulk-unchecked", "only Kabinet's own rules were checked").await;
    app.wait_text("[data-testid=bulk-to-run] .value", "1").await;
    app.wait_text("#bulk-items tr[data-msisdn='77010542006'] .bulk-state", "Skipped").await;
    app.wait_text("#bulk-items tr[data-msisdn='77010542007'] .bulk-state", "Will run").await;
    // The window learns the portal is away: Run waits for it, saying why.
    app.wait_visible("#offline-banner").await;
    let run = app.find("#bulk-run").await;
    assert!(!run.is_enabled().await.unwrap(), "Run needs the portal");
    assert_eq!(
        app.attribute("#bulk-run", "title").await.as_deref(),
        Some("Not available offline: the portal cannot be reached.")
    );
    app.screenshot("bulk-preview-offline-en").await;
    app.keep_screenshots();
    app.close().await;
}

/// Sets the SMS / USSD control ban on `msisdn` in the portal's own database.
async fn set_ban_sms_ussd(dir: &std::path::Path, msisdn: &str) {
    use sqlx::Connection;
    let url = format!("sqlite://{}", dir.join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.expect("the portal's database opens");
    sqlx::query("UPDATE numbers SET ban_sms_ussd = 1 WHERE msisdn = ?")
        .bind(msisdn)
        .execute(&mut db)
        .await
        .expect("set");
    let _ = db.close().await;
}

#[tokio::test]
async fn a_skip_says_what_it_means_for_the_run_and_a_cancel_when_all_was_sent_says_nothing_was_cancelled() {
    let (portal, portal_dir) = common::own_portal().await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    // Two Active numbers of the manual, each found by its own search.
    for (ticked, msisdn) in [(1, "77010542007"), (2, "77012115526")] {
        app.search_one(&msisdn[4..], msisdn).await;
        app.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-select]")).await;
        app.wait_text("#selection-count", &format!("{ticked} selected")).await;
    }
    app.click("#selection-bulk").await;

    // A ban the portal already has on one of them: skipped, saying what it means for the run
    // (nothing to do), not "Refresh the page" as on one number's screen.
    set_ban_sms_ussd(portal_dir.path(), "77010542007").await;
    app.choose("#bulk-action", "ban_on:sms_ussd").await;
    app.click("#bulk-preview").await;
    let why = app.wait_text("#bulk-items tr[data-msisdn='77010542007'] .bulk-detail", "already set").await;
    assert!(why.contains("there is nothing to do") && !why.contains("Refresh"), "{why}");
    app.wait_text("#bulk-reasons", "there is nothing to do").await;
    app.choose("#lang-select", "ru").await;
    let why = app.wait_text("#bulk-items tr[data-msisdn='77010542007'] .bulk-detail", "уже установлен").await;
    assert!(!why.contains("Обновите"), "{why}");
    app.choose("#lang-select", "en").await;

    app.choose("#bulk-action", "block").await;
    app.click("#bulk-preview").await;
    app.wait_text("[data-testid=bulk-to-run] .value", "2").await;

    // Both blocks are sent at once and answered 3 s later: Cancel comes while both are in flight.
    common::delay_answers(&portal, Some(3_000)).await;
    app.click("#bulk-run").await;
    app.click("#bulk-confirm-dialog-confirm").await;
    app.click("#bulk-cancel").await;
    app.wait_text("#bulk-status", "Nothing was cancelled").await;
    app.wait_text("#bulk-run-title", "Finished: Block").await;
    app.wait_text("[data-testid=bulk-done] .value", "2").await;
    assert_eq!(block_requests(portal_dir.path()).await.len(), 2, "both were blocked");
    app.screenshot("bulk-cancel-too-late-en").await;
    app.to_minimum_size().await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("#bulk-status", "Ничего не отменено").await;
    app.wait_text("#bulk-run-title", "Завершено").await;
    app.screenshot("bulk-cancel-too-late-ru-min").await;
    let problems = bulk_layout_problems(&app).await;
    assert!(problems.is_empty(), "in Russian at the minimum size:\n{problems}");
    common::delay_answers(&portal, None).await;
    app.keep_screenshots();
    app.close().await;
    portal.shutdown().await;
}
