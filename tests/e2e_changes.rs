//! End to end, in the real window: What changed. The CLI signs in on the app's own data folder,
//! syncs and fetches the bills from the same portal; the feed in the window then lists the very
//! changes `kabinet-cli changes --json` gives (the demo's dormant lines among them, with their
//! monthly cost), filters them by kind and by cost centre, refuses a rule out of its bounds under
//! its field, reads the same with the portal gone, and opens a number's profile. Screenshots in
//! English and Russian, at the default and the minimum size.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::{own_portal, App};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The CLI built beside the app (`cargo build --workspace`), on `data` as its data folder.
async fn cli(data: &Path, args: &[&str]) -> Output {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_kabinet")).with_file_name("kabinet-cli");
    assert!(exe.exists(), "build the workspace first: {} is missing", exe.display());
    let mut command = std::process::Command::new(exe);
    command
        .args(args)
        .env("KABINET_DATA_DIR", data)
        .env("KABINET_KEYCHAIN", "off")
        .env("KABINET_PASSWORD", "Kabinet-2026");
    tokio::task::spawn_blocking(move || command.output().unwrap()).await.unwrap()
}

fn ok(out: Output) -> Output {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The feed's rows as the window shows them: (number, kind), top to bottom.
async fn feed(app: &App) -> Vec<(String, String)> {
    let script = "return [...document.querySelectorAll('#changes-table tbody tr')]\
                  .map((r) => [r.dataset.msisdn, r.dataset.kind]);";
    let rows = app.client.execute(script, vec![]).await.expect("the feed's rows");
    serde_json::from_value(rows).expect("pairs")
}

#[tokio::test]
async fn the_feed_in_the_window_is_the_clis_and_filters_by_kind_and_cost_centre() {
    let (portal, _portal_dir) = own_portal().await;
    let url = portal.url();
    let app = App::launch().await;
    app.use_portal(&url).await;
    app.sign_in_demo().await;

    // The CLI on the app's data folder: the same cache, the same portal.
    let data = app.logs().join("app");
    ok(cli(&data, &["login", "--portal", &url, "--phone", "77010016515"]).await);
    ok(cli(&data, &["sync", "--company", "1"]).await);
    let out = app.logs().join("chargeback");
    ok(cli(&data, &["spend", "--company", "1", "--out", out.to_str().unwrap()]).await);
    let listed = ok(cli(&data, &["--json", "changes", "--company", "1", "--since", "2000-01-01"]).await);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let from_cli: Vec<(String, String)> =
        rows.iter().map(|r| (r["msisdn"].as_str().unwrap().into(), r["kind"].as_str().unwrap().into())).collect();
    let dormant: Vec<&str> =
        rows.iter().filter(|r| r["kind"] == "dormant").map(|r| r["msisdn"].as_str().unwrap()).collect();
    assert_eq!(dormant.len(), 3, "the demo's dormant lines: {rows:?}");
    // Two of them in a cost centre.
    let labelled = ["labels", "--company", "1", "set", dormant[0], dormant[1], "--cost-centre-code", "CC-7"];
    ok(cli(&data, &[&labelled[..], &["--cost-centre-name", "Склад"]].concat()).await);
    let in_centre =
        ok(cli(&data, &["--json", "changes", "--company", "1", "--since", "2000-01-01", "--cost-centre", "CC-7"])
            .await);
    let in_centre: Vec<serde_json::Value> = serde_json::from_slice(&in_centre.stdout).unwrap();
    let in_centre: Vec<(String, String)> =
        in_centre.iter().map(|r| (r["msisdn"].as_str().unwrap().into(), r["kind"].as_str().unwrap().into())).collect();
    assert!(
        in_centre.iter().any(|(m, _)| m == dormant[0])
            && in_centre.iter().all(|(m, _)| m == dormant[0] || m == dormant[1])
    );

    // The window's feed: the same changes, in the same order.
    app.click("#numbers-changes").await;
    app.wait_text("#changes-count", &format!("Changes: {}", from_cli.len())).await;
    assert_eq!(feed(&app).await, from_cli);
    app.screenshot("changes-en").await;
    app.choose("#changes-kind", "dormant").await;
    app.wait_text("#changes-count", "Changes: 3").await;
    let text = app.wait_text("#changes-table", "a month").await;
    assert!(text.contains("Dormant line") && text.contains("No usage billed since"), "{text}");
    app.to_minimum_size().await;
    app.screenshot("changes-en-min").await;

    // A rule out of its bounds is refused under its field, in the window's words.
    app.type_into("#changes-rules-form-spend_rise", "0").await;
    app.click("#changes-rules-save").await;
    app.wait_text("#changes-rules-form-spend_rise-error", "Enter a whole percent from 1 to 1,000.").await;
    app.screenshot("changes-rules-error-en").await;

    // By cost centre: the CLI's label is the window's filter too, with the same rows.
    app.choose("#changes-kind", "").await;
    app.choose("#changes-cost-centre", "CC-7").await;
    app.wait_text("#changes-count", &format!("Changes: {}", in_centre.len())).await;
    assert_eq!(feed(&app).await, in_centre);
    app.choose("#changes-kind", "dormant").await;
    app.choose("#changes-cost-centre", "*").await;
    app.wait_text("#changes-count", "Changes: 3").await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("#changes-count", "Изменений: 3").await;
    app.wait_text("#changes-table", "в месяц").await;
    app.screenshot("changes-rules-error-ru-min").await;
    app.client.execute("document.getElementById('view').scrollTop = 0; window.scrollTo(0, 0);", vec![]).await.unwrap();
    app.screenshot("changes-ru-min").await;
    app.choose("#changes-kind", "").await;
    app.wait_text("#changes-count", &format!("Изменений: {}", from_cli.len())).await;
    app.client.set_window_size(1200, 780).await.expect("back to the default size");
    app.screenshot("changes-ru").await;

    // Offline: the feed is read from the cache all the same.
    portal.shutdown().await;
    app.click("#changes-back").await;
    app.click("#numbers-changes").await;
    app.wait_text("#changes-count", &format!("Изменений: {}", from_cli.len())).await;
    assert_eq!(feed(&app).await, from_cli);

    // A number leads to its profile.
    app.click(&format!("#changes-table tr[data-msisdn='{}'] .changes-number", dormant[0])).await;
    app.find(&format!("#screen-number[data-msisdn='{}']", dormant[0])).await;
    app.keep_screenshots();
    app.close().await;
}
