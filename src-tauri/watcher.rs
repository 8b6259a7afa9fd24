//! Forwards core's requests watcher (`kabinet_core::watcher`) to the window: each request that
//! changed is one `request-changed` event with its record (`ui/js/requests.js` listens). The
//! loop itself is core's; the app only gives it the account in use and the event to send.

use crate::state::AppState;
use tauri::{AppHandle, Emitter, Manager};

/// The event the window gets for a request that changed.
pub const REQUEST_CHANGED: &str = "request-changed";

pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let emitter = app.clone();
        let account = move || {
            let app = app.clone();
            // It follows the account once the app has started (after the first paint), and
            // never starts it itself.
            async move { app.state::<AppState>().wait_started().await.account().await }
        };
        kabinet_core::watcher::follow(account, |record| {
            if let Err(e) = emitter.emit(REQUEST_CHANGED, record) {
                tracing::warn!("request-changed not sent to the window: {e}");
            }
        })
        .await;
    });
}
