//! End to end, in the real window: the Documents and reports tab and the documents library.
//! A list of numbers report is requested, followed by the watcher until the portal has e-mailed
//! it, and its file appears in the library; with the portal stopped the library still lists it,
//! and filters it. Open on a computer with no application for the file says so, where the file
//! is, and offers Save as… and Show in folder. Nothing is cut at the minimum size. Screenshots in
//! English and Russian, at the default and the minimum size (`KABINET_E2E_SHOTS=<dir>` keeps
//! them).

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;

/// Whether the page scrolls sideways (the layout does not fit the window's width).
async fn scrolls_sideways(app: &App) -> bool {
    let script = "return document.documentElement.scrollWidth > document.documentElement.clientWidth;";
    app.client.execute(script, vec![]).await.expect("layout script").as_bool().unwrap_or(true)
}

#[tokio::test]
async fn a_requested_report_arrives_in_the_library_which_works_with_the_portal_stopped() {
    let (portal, _portal_dir) = common::own_portal().await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;

    app.click("#tab-documents").await;
    app.find("#screen-documents").await;
    app.click("#subtab-numbers_report").await;
    app.wait_text("#documents-content h2", "List of numbers report").await;
    app.wait_text("#numbers-requested", "No report of this kind").await;
    // The e-mail is the administrator's by default; a wrong one is refused under its field.
    assert_eq!(app.value("#numbers-report-form-email").await, "aliya.saparova@kabinet.kz");
    app.type_into("#numbers-report-form-email", "@").await;
    app.click("#numbers-report-form-submit").await;
    app.wait_text("#numbers-report-form-email-error", "e-mail").await;
    app.type_into("#numbers-report-form-email", "buh@kabinet.kz").await;
    app.click("#numbers-report-form-submit").await;
    app.wait_text("#numbers-report-status", "The request is accepted").await;
    app.wait_text("#numbers-requested [data-request] .request-state", "Being prepared").await;
    app.screenshot("documents-numbers-report-en").await;
    // The portal prepares it in a few seconds; the watcher brings the file, and the row follows.
    portal.clock().advance(5);
    app.wait_text("#numbers-requested [data-request] .request-state", "saved in the library").await;
    app.find("#numbers-requested .doc-open").await;

    app.click("#subtab-library").await;
    app.wait_text("#library-table", "numbers_150340001236_").await;
    app.wait_text("#library-table", "List of numbers report").await;
    app.screenshot("documents-library-en").await;

    // The portal is gone: the library still lists the file, and filters it.
    portal.shutdown().await;
    app.click("#subtab-numbers_report").await;
    app.click("#subtab-library").await;
    app.wait_text("#library-table", "numbers_150340001236_").await;
    app.type_into("#library-search", "no such file").await;
    app.wait_text("#library-empty", "No documents match").await;
    app.type_into("#library-search", "150340001236").await;
    app.wait_text("#library-table", "numbers_150340001236_").await;
    app.choose("#library-kind", "certificate").await;
    app.wait_text("#library-empty", "No documents match").await;
    app.choose("#library-kind", "").await;

    app.choose("#lang-select", "ru").await;
    app.wait_text("#subtab-library", "Библиотека документов").await;
    app.wait_text("#library-table", "Отчёт по списку номеров").await;
    app.screenshot("documents-library-ru").await;
    app.to_minimum_size().await;
    assert!(!scrolls_sideways(&app).await, "the library fits the minimum width");
    app.screenshot("documents-library-ru-min").await;
    app.click("#subtab-numbers_report").await;
    app.wait_text("#documents-content h2", "Отчёт по списку номеров").await;
    assert!(!scrolls_sideways(&app).await, "the report's tab fits the minimum width");
    app.screenshot("documents-numbers-report-ru-min").await;
    app.choose("#lang-select", "en").await;
    app.wait_text("#documents-content h2", "List of numbers report").await;
    app.screenshot("documents-numbers-report-en-min").await;
    app.keep_screenshots();
    app.close().await;
}

/// A folder of the desktop's launchers as they answer on a computer with no application for a
/// file or a folder: `xdg-open` exits 3 ("no method available for opening"), `gio open` exits
/// 2 ("Failed to find default application"). Put first on the app's PATH, so no real viewer
/// ever opens whatever this computer has installed.
fn launchers_without_applications() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, code) in
        [("xdg-open", 3), ("gio", 2), ("gnome-open", 1), ("kde-open", 1), ("kde-open5", 1), ("kde-open6", 1)]
    {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\necho \"$0: no application for $*\" >&2\nexit {code}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{}", dir.path().display(), std::env::var("PATH").unwrap_or_default());
    (dir, path)
}

/// Downloads the certificate of the manual's number 77010542007 (by phone number) as PDF, so
/// the library has a file with a number.
async fn a_certificate_by_number(app: &App) {
    app.click("#tab-documents").await;
    app.find("#screen-documents").await;
    app.click("#subtab-certificate").await;
    app.wait_text("#documents-content h2", "Service delivery certificate").await;
    app.click("#certificate-by-number").await;
    app.type_into("#certificate-form-msisdn", "+7 701 054 20 07").await;
    app.click("#certificate-pdf").await;
    app.wait_text("#certificate-status", "Saved in the documents library").await;
}

#[tokio::test]
async fn open_without_an_application_says_so_shows_where_the_file_is_and_offers_save_as_and_show_in_folder() {
    let (_launchers, path) = launchers_without_applications();
    let app = App::launch_with(&[("PATH", &path)]).await;
    app.sign_in_demo().await;
    a_certificate_by_number(&app).await;

    // Right after the download: Open says no application opens PDF files, and where the file is.
    app.click("#certificate-status .doc-open").await;
    app.wait_text("#certificate-status", "No application on this computer opens PDF files").await;
    let text = app.wait_text("#certificate-status .doc-path", ".pdf").await;
    assert!(text.contains("/app/documents/"), "the file in the app's documents folder: {text}");
    assert!(std::path::Path::new(text.trim()).is_file(), "the place shown is the file: {text}");
    let status = app.wait_text("#certificate-status", "The file is here:").await;
    assert!(!status.contains("Something went wrong"), "{status}");
    app.find("#certificate-status .doc-save-as").await;
    // Show in folder: no file manager either, and it says so without losing the file's place.
    app.click("#certificate-status .doc-show-folder").await;
    app.wait_text("#certificate-status .doc-folder-error", "No application on this computer shows folders").await;
    app.wait_text("#certificate-status .doc-path", ".pdf").await;
    app.screenshot("documents-no-application-en").await;

    // The same from the library, in Russian.
    app.click("#subtab-library").await;
    app.wait_text("#library-table", ".pdf").await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("#subtab-library", "Библиотека документов").await;
    app.click("#library-table .doc-open").await;
    app.wait_text("#library-status", "На этом компьютере нет приложения, которое открывает файлы PDF").await;
    app.wait_text("#library-status .doc-show-folder", "Показать в папке").await;
    app.wait_text("#library-status .doc-save-as", "Сохранить как…").await;
    app.screenshot("documents-no-application-ru").await;
    app.to_minimum_size().await;
    assert!(!scrolls_sideways(&app).await, "the notice fits the minimum width");
    app.screenshot("documents-no-application-ru-min").await;
    app.keep_screenshots();
    app.close().await;
}

/// Whether the text of an input (`what`: its `value` or its `placeholder`) fits its box:
/// `[needed, room]` in px, measured with the input's own font.
async fn text_fits(app: &App, css: &str, what: &str) -> (f64, f64) {
    let script = "const el = document.querySelector(arguments[0]); const cs = getComputedStyle(el); \
        const ctx = document.createElement('canvas').getContext('2d'); \
        ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`; \
        const text = arguments[1] === 'placeholder' ? el.placeholder : el.value; \
        return [ctx.measureText(text).width, el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)];";
    let v = app.client.execute(script, vec![css.into(), what.into()]).await.expect("measure");
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

/// Every `.doc-actions` (Open, Save as…) on screen: whether its buttons share one line and none
/// is cut (`scrollWidth <= clientWidth`, and inside the screen's area, which must not scroll
/// sideways).
async fn file_buttons_on_one_line(app: &App) -> Value {
    let script = "const main = document.querySelector('main'); const right = main.getBoundingClientRect().right; \
        return [...document.querySelectorAll('.doc-actions')].map(box => { \
        const b = [...box.querySelectorAll('button')]; \
        const tops = b.map(x => Math.round(x.getBoundingClientRect().top)); \
        return { one_line: tops.every(t => t === tops[0]), n: b.length, \
          uncut: main.scrollWidth <= main.clientWidth && b.every(x => x.scrollWidth <= x.clientWidth && x.getBoundingClientRect().right <= right) }; });";
    app.client.execute(script, vec![]).await.expect("layout script")
}

#[tokio::test]
async fn nothing_is_cut_at_the_minimum_size_in_english_and_russian() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    a_certificate_by_number(&app).await;
    app.to_minimum_size().await;
    // A registration number has 34 characters (`ESF-<BIN>-<YYYYMMDD>-<8 digits>`).
    let registration = "ESF-150340001236-20261203-00012345";
    assert_eq!(registration.len(), 34);
    for (lang, library) in [("en", "Documents library"), ("ru", "Библиотека документов")] {
        app.choose("#lang-select", lang).await;
        app.wait_text("#subtab-library", library).await;
        app.click("#subtab-library").await;
        app.find("#library-table .doc-open").await;
        let (need, room) = text_fits(&app, "#library-search", "placeholder").await;
        assert!(need <= room, "{lang}: the library's search placeholder needs {need} px, has {room}");
        let buttons = file_buttons_on_one_line(&app).await;
        for b in buttons.as_array().unwrap() {
            assert_eq!((b["one_line"].as_bool(), b["uncut"].as_bool()), (Some(true), Some(true)), "{lang}: {buttons}");
        }
        assert!(!scrolls_sideways(&app).await, "{lang}: the library fits the minimum width");
        app.screenshot(&format!("documents-library-{lang}-min")).await;

        app.click("#subtab-invoice_search").await;
        app.type_into("#invoice-search-form-number", registration).await;
        let (need, room) = text_fits(&app, "#invoice-search-form-number", "value").await;
        assert!(need <= room, "{lang}: a registration number needs {need} px, the box has {room}");
        assert!(!scrolls_sideways(&app).await, "{lang}: the invoice search fits the minimum width");
        app.screenshot(&format!("documents-invoice-search-{lang}-min")).await;
    }
    app.keep_screenshots();
    app.close().await;
}
