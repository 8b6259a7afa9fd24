//! Runs core's requests watcher for the app's whole life and tells the window: each request
//! that changed is one `request-changed` event with its record (`ui/js/requests.js` listens).
//!
//! The account is taken again at every step, so a change of portal (which swaps the account)
//! is followed from the next step on.

use crate::state::AppState;
use tauri::{AppHandle, Emitter, Manager};

/// The event the window gets for a request that changed.
pub const REQUEST_CHANGED: &str = "request-changed";

pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            let account = app.state::<AppState>().account().await;
            let (changed, wait) = account.requests().watch_step().await;
            for record in changed {
                if let Err(e) = app.emit(REQUEST_CHANGED, &record) {
                    tracing::warn!("request-changed not sent to the window: {e}");
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = account.request_wake() => {}
            }
        }
    });
}
