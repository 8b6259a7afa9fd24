//! The smoke test of a built package: the binary the `.deb` installs, extracted by
//! `.ci/package-smoke` into a throwaway root, starts under Xvfb, shows the demo login and signs
//! in to the embedded demo portal, driven through WebDriver like every other e2e test.
//!
//! It runs only when `KABINET_E2E_APP` names that binary (the harness then drives it instead of
//! the one cargo built); otherwise it says so and passes, so `cargo test` alone skips it. Which
//! files the package holds (no test data, stripped, no demo secrets) `.ci/package-smoke` checks.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use std::path::Path;

/// The packaged binary to drive, when one is named.
fn packaged_app() -> Option<String> {
    match std::env::var("KABINET_E2E_APP") {
        Ok(path) if !path.is_empty() => Some(path),
        _ => {
            eprintln!(
                "e2e_package: skipped: KABINET_E2E_APP is not set (.ci/package-smoke sets it to the \
                 binary extracted from the .deb)"
            );
            None
        }
    }
}

#[tokio::test]
async fn the_packaged_app_starts_and_signs_in_to_the_demo_portal() {
    let Some(binary) = packaged_app() else { return };
    // The harness must drive the package's binary, not the one this test was built with.
    assert!(Path::new(&binary).is_file(), "KABINET_E2E_APP={binary} is not a file");
    assert_ne!(
        std::fs::canonicalize(&binary).ok(),
        std::fs::canonicalize(env!("CARGO_BIN_EXE_kabinet")).ok(),
        "KABINET_E2E_APP names cargo's own build, not a packaged binary"
    );

    let app = App::launch().await;
    app.wait_text("#demo-login", "77010016515").await;
    app.sign_in_demo().await;
    app.wait_text("#company-title", "ТОО Кабинет").await;
    app.wait_text("#connection", "Online").await;
    app.close().await;
}
