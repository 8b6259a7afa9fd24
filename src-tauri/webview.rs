//! WebKit settings the app does not need, turned off to save memory (Linux, WebKitGTK).
//!
//! The window is a form-and-table app on a local page: no accelerated compositing
//! ([`before_start`]), no WebGL, audio, video or camera, no
//! Back/Forward page cache (the app has its own history of screens; WebKit's would keep whole
//! pages alive), no DNS prefetching, and the web context's cache model is WebKit's
//! `DocumentViewer` (the smallest memory caches: one local page, nothing to cache from the
//! network). Measured with `tests/bench/memory.rs`; figures in ARCHITECTURE.md (Benchmarks).
//! Other platforms' webviews are left as they are.

use tauri::{Runtime, WebviewWindow};

/// WebKitGTK's switch for accelerated compositing, read when WebKit starts.
const NO_COMPOSITING_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// No accelerated compositing, unless the user's environment says otherwise: the web process
/// drew its layers through GL (under Xvfb, Mesa's software GL), about 90 MB more (PSS) for a
/// page of forms and a list. Set before WebKit starts: the same policy set on the webview once
/// it exists (`HardwareAccelerationPolicy::Never`) made the web process leave the mode it had
/// started in, which delayed the first paint. Call first thing, before any thread starts.
pub fn before_start() {
    #[cfg(target_os = "linux")]
    if std::env::var_os(NO_COMPOSITING_ENV).is_none() {
        std::env::set_var(NO_COMPOSITING_ENV, "1");
    }
}

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
