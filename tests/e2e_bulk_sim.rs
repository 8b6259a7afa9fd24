//! End to end, in the real window: SIM card replacement in BULK (issue 16). Three Active
//! numbers are selected in the list; on the bulk screen SIM replacement asks for each number's
//! own new SIM (the numbers are written in, one a line; an empty field is refused under it,
//! marked `aria-invalid`); the preview names a number given twice; the run sends one
//! replacement per number, and the run's rows go from "In process" to "Done" by themselves as
//! core's watcher follows each request (no click); the number's profile then shows the new SIM
//! and its replacement date.
//!
//! Screenshots in English and Russian at the default size and at the minimum size (900 × 600);
//! set `KABINET_E2E_SHOTS=<dir>` to keep them.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

/// Three valid ICCIDs (Luhn) that no demo number has.
const NEW_SIMS: [&str; 3] = ["89997020000000001013", "89997020000000001021", "89997020000000001039"];

/// The rows drawn in the list: (msisdn, state class).
async fn drawn_rows(app: &App) -> Vec<(String, String)> {
    let script = r##"return [...document.querySelectorAll("#numbers-viewport .vrow.data")]
        .map((r) => [r.dataset.msisdn, r.querySelector("[class^=state-]").className.slice(6)]);"##;
    let rows = app.client.execute(script, vec![]).await.expect("read the rows");
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| (r[0].as_str().unwrap().to_string(), r[1].as_str().unwrap().to_string()))
        .collect()
}

/// Writes `text` into the textarea `css` as a paste does (WebDriver's typing drops line breaks).
async fn paste(app: &App, css: &str, text: &str) {
    app.find(css).await;
    let script = "const t = document.querySelector(arguments[0]); t.focus(); t.value = arguments[1]; \
                  t.dispatchEvent(new Event('input', { bubbles: true }));";
    app.client.execute(script, vec![css.into(), text.into()]).await.expect("paste");
}

/// Whether the element `css` fits the window's width (nothing off screen to the right).
async fn fits_width(app: &App, css: &str) -> bool {
    let script =
        "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return r.right <= innerWidth;";
    app.client.execute(script, vec![css.into()]).await.expect("measure").as_bool().unwrap_or(false)
}

#[tokio::test]
async fn bulk_sim_replacement_rows_reach_done_by_themselves_and_the_profile_shows_the_new_sim() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    let rows = drawn_rows(&app).await;
    let active: Vec<String> = rows.iter().filter(|r| r.1 == "active").take(3).map(|r| r.0.clone()).collect();
    assert_eq!(active.len(), 3, "three Active numbers on screen: {rows:?}");
    for msisdn in &active {
        app.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-select]")).await;
    }
    app.wait_text("#selection-count", "3 selected").await;
    app.click("#selection-bulk").await;
    app.wait_text("#bulk-subject", "3 numbers selected").await;

    // SIM replacement asks for the pairs; the selected numbers are written in.
    app.choose("#bulk-action", "sim_replacement").await;
    app.wait_visible("#bulk-pairs-pairs").await;
    let written = app.value("#bulk-pairs-pairs").await;
    assert_eq!(written.lines().count(), 3, "{written}");
    app.screenshot("bulk-sim-pairs-en").await;

    // Empty: refused under the field by the form, before core.
    paste(&app, "#bulk-pairs-pairs", " ").await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-pairs-pairs-error", "Write each number with the number (ICCID)").await;
    assert_eq!(app.attribute("#bulk-pairs-pairs", "aria-invalid").await.as_deref(), Some("true"));
    app.screenshot("bulk-sim-empty-en").await;
    // The field, its hint and its error in Russian (bound once, re-rendered), then back.
    app.choose("#lang-select", "ru").await;
    app.wait_text("#bulk-pairs-pairs-error", "Напишите каждый номер").await;
    app.screenshot("bulk-sim-empty-ru").await;
    app.choose("#lang-select", "en").await;
    app.wait_text("#bulk-pairs-pairs-error", "Write each number").await;

    // A number given twice: the preview names it.
    let twice = format!("{} {}\n{} {}", active[0], NEW_SIMS[0], active[0], NEW_SIMS[1]);
    paste(&app, "#bulk-pairs-pairs", &twice).await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-run-title", "Preview: SIM card replacement").await;
    app.wait_text("[data-testid=bulk-to-run] .value", "1").await;
    app.wait_text("#bulk-items tr[data-state=skipped]", "already earlier in the selection").await;

    let pairs: Vec<String> = active.iter().zip(NEW_SIMS).map(|(n, sim)| format!("{n};{sim}")).collect();
    paste(&app, "#bulk-pairs-pairs", &pairs.join("\n")).await;
    app.click("#bulk-preview").await;
    app.wait_text("[data-testid=bulk-to-run] .value", "3").await;
    app.wait_text("#bulk-items", NEW_SIMS[2]).await;
    app.screenshot("bulk-sim-preview-en").await;
    app.click("#bulk-run").await;
    app.wait_text("#bulk-confirm-dialog", "for 3 numbers").await;
    app.click("#bulk-confirm-dialog-confirm").await;
    app.wait_text("#bulk-run-title", "Finished: SIM card replacement").await;
    app.wait_text("[data-testid=bulk-done] .value", "3").await;
    app.screenshot("bulk-sim-finished-en").await;

    // The watcher follows each replacement: the rows reach Done without a click.
    for msisdn in &active {
        let row = format!("#bulk-items tr[data-msisdn='{msisdn}'][data-request-state=done]");
        app.wait_text(&row, "Done").await;
    }
    app.screenshot("bulk-sim-done-en").await;

    // The same screen at the minimum size, in English and in Russian.
    app.to_minimum_size().await;
    assert!(fits_width(&app, "#bulk-items").await, "the rows fit 900 px");
    app.screenshot("bulk-sim-done-en-min").await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("#bulk-run-title", "Замена SIM-карты").await;
    app.wait_text("#bulk-items", "Новая SIM-карта").await;
    assert!(fits_width(&app, "#bulk-items").await, "the rows fit 900 px");
    app.screenshot("bulk-sim-done-ru-min").await;
    app.choose("#lang-select", "en").await;

    // The profile has the new SIM and its replacement date.
    app.click("#bulk-back").await;
    app.open_profile(&active[0]).await;
    app.wait_text("#sim-iccid", NEW_SIMS[0]).await;
    let date = app.find("#sim-replaced-at").await.text().await.expect("the date");
    assert!(date.chars().any(|c| c.is_ascii_digit()), "a replacement date: {date:?}");
    let script = "document.getElementById('number-sim').scrollIntoView();";
    app.client.execute(script, vec![]).await.expect("scroll to the SIM card");
    app.screenshot("bulk-sim-profile-en").await;
    app.keep_screenshots();
    app.close().await;
}
