//! About, reached from Help: the version, the build's commit, the data folder, and the
//! licences of the bundled components (as text), in the real window; screenshots in English,
//! Russian and Kazakh at the default size and the minimum.

mod common;

use common::App;

/// The commit `build.rs` records: what git says of this checkout, when git is there.
fn head() -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn about_shows_the_version_the_commit_the_data_folder_and_the_licences() {
    let app = App::launch().await;
    app.click("#nav-help").await;
    app.click("#help-about").await;

    app.wait_text("#about-version", env!("CARGO_PKG_VERSION")).await;
    let commit = app.find("#about-commit").await.text().await.expect("its text");
    match head() {
        // Built in this checkout, after its last commit: the commit is HEAD's.
        Some(head) if std::env::var_os("KABINET_BUILD_COMMIT").is_none() => assert_eq!(commit, head),
        _ => assert!(!commit.is_empty()),
    }
    let data_dir = app.data_dir.path().join("app");
    app.wait_text("#about-data-dir", &data_dir.display().to_string()).await;
    app.find("#about-open-folder").await;

    // The licences, from the committed file: MIT covers the most crates; its text and its
    // crates are shown once it is opened, as text.
    let mit = "#about-licences details[data-licence='MIT']";
    app.wait_text(&format!("{mit} summary"), "MIT").await;
    app.click(&format!("{mit} summary")).await;
    app.wait_text(&format!("{mit} .licence-text"), "Permission is hereby granted").await;
    app.wait_content(&format!("{mit} .licence-crates"), "serde ").await;
    let markup = app.client.execute("return document.querySelectorAll('#about-licences pre *').length;", vec![]).await;
    assert_eq!(markup.expect("a script's answer").as_u64(), Some(0), "licence texts are text, never HTML");
    app.click(&format!("{mit} summary")).await;

    // One shrink, after every language at the default size (as e2e_updates: a window grown back
    // and shrunk again under WebKitWebDriver once never answered).
    for (size, (w, h)) in [("default", (1200, 780)), ("minimum", (900, 600))] {
        app.resize(w, h).await;
        for lang in ["en", "ru", "kk"] {
            app.choose("#lang-select", lang).await;
            app.screenshot(&format!("about-{lang}-{size}")).await;
        }
    }
    app.wait_text("#screen-about h1", "Kabinet бағдарламасы туралы").await;
    app.keep_screenshots();
    app.close().await;
}
