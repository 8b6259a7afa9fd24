//! WebKit settings the app does not need, turned off to save memory and start time (Linux,
//! WebKitGTK).
//!
//! The window is a form-and-table app on a local page: no WebGL, audio, video or camera, no
//! Back/Forward page cache (the app has its own history of screens; WebKit's would keep whole
//! pages alive), no DNS prefetching, and the web context's cache model is WebKit's
//! `DocumentViewer` (the smallest memory caches: one local page, nothing to cache from the
//! network). Measured with `tests/bench/memory.rs`; figures in ARCHITECTURE.md (Benchmarks).
//! Other platforms' webviews are left as they are.
//!
//! Hardware acceleration stays as WebKit chooses, for now. Off
//! (`HardwareAccelerationPolicy::Never`, or `WEBKIT_DISABLE_COMPOSITING_MODE=1`) measured far
//! better under software GL (Mesa's llvmpipe, as under Xvfb): the cold-start bench's phases
//! (7 Dec 2026, release, load 7–9) put the first painted frame 2.0–4.6 s after the login form was
//! in the DOM with compositing, 20–70 ms without, and the web process went from 217 to 121 MB
//! PSS (memory bench, 100,000 numbers). But with the policy set here, `tests/e2e_kazakh.rs` hung
//! at a click on a modal dialog's confirm button under WebKitWebDriver (the app idle, no error
//! logged); not understood yet, so not kept. The earlier measurement that kept compositing on
//! (6.2 s against 3.9 s, dev build) compared screens only "drawn" once the start was over (the
//! language picker changed then), so it timed the start, not the paint. A user may set the
//! variable.

use tauri::{Runtime, WebviewWindow};

/// Applies the settings to `window`'s webview (on the UI thread, soon after).
pub fn slim<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let applied = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, SettingsExt, WebContextExt, WebViewExt};
            let view = webview.inner();
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
            if let Some(settings) = WebViewExt::settings(&view) {
                settings.set_enable_webgl(false);
                settings.set_enable_webaudio(false);
                settings.set_enable_media(false);
                settings.set_enable_media_stream(false);
                settings.set_enable_mediasource(false);
                settings.set_enable_encrypted_media(false);
                settings.set_enable_page_cache(false);
                settings.set_enable_dns_prefetching(false);
                settings.set_enable_html5_database(false);
                settings.set_enable_offline_web_application_cache(false);
            }
        });
        if let Err(e) = applied {
            tracing::warn!("the webview's settings were left as they are: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
