//! End to end, in the real app window: a cache file that cannot be opened (garbage bytes) does
//! not stop the app; the window says what happened and where the old file is, in English and
//! Russian, until dismissed.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use std::time::Duration;

#[tokio::test]
async fn a_garbage_cache_file_opens_the_window_and_says_where_the_old_file_went() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("cache.sqlite"), vec![0x5Au8; 4096]).unwrap();
    let dir = data.path().to_str().unwrap().to_string();
    let app = App::launch_with(&[("KABINET_DATA_DIR", &dir)]).await;

    let text = app.wait_text("#cache-notice-text", "could not be read").await;
    let moved = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with("cache.sqlite.broken-"))
        .expect("the old file was moved aside");
    assert!(text.contains(moved.to_str().unwrap()), "the notice names {moved:?}: {text}");
    assert_eq!(std::fs::read(&moved).unwrap(), vec![0x5Au8; 4096], "kept as it was");

    app.choose("#lang-select", "ru").await;
    app.wait_text("#cache-notice-text", "Старый файл перемещён").await;
    // The window works on the fresh cache: sign in and see the companies.
    app.sign_in_demo().await;
    app.wait_text("#company-select", "Филиал ТОО Кабинет").await;

    app.click("#cache-notice-dismiss").await;
    let notice = app.find("#cache-notice").await;
    let mut hidden = false;
    for _ in 0..40 {
        if !notice.is_displayed().await.unwrap() {
            hidden = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(hidden, "dismissed");
    app.close().await;
}
