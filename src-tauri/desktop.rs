//! Behaving like any other desktop app: one instance per data folder, and the window back where
//! the user left it.
//!
//! - One instance (tauri-plugin-single-instance): a second launch on the same data folder hands
//!   over to the running one, which shows and focuses its window and tells it
//!   ([`SECOND_INSTANCE_EVENT`]), and exits; two apps never write one cache. On Linux the plugin
//!   owns a D-Bus session-bus name: ours is derived from the data folder when `KABINET_DATA_DIR`
//!   names one ([`instance_id`]), so apps on other folders (the e2e tests run many at once) are
//!   not "the running instance" of each other. Without a session bus the plugin logs a warning
//!   and the app starts normally: nothing to hand over to, nothing to crash on. The CLI takes no
//!   part: it opens the same cache beside the app (SQLite's own locking).
//! - The window (tauri-plugin-window-state): size, position and the maximised state, restored
//!   when the window opens; the position only when it still falls on a screen that exists (the
//!   plugin checks each monitor), else the system places the window; a window larger than its
//!   screen now (a smaller monitor than when it was saved) is shrunk and moved onto it
//!   ([`fit_on_screen`]). The plugin saves at a clean
//!   exit only, so a crash (or tauri-driver ending the app) would lose it: [`window_event`] also
//!   saves [`SAVE_AFTER`] after the last move or resize.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tauri::{Emitter, Manager, Runtime, Window, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// Told to the window when a second launch was turned into focusing it.
pub const SECOND_INSTANCE_EVENT: &str = "second-instance";

/// What is remembered of the window.
const REMEMBERED: StateFlags = StateFlags::SIZE.union(StateFlags::POSITION).union(StateFlags::MAXIMIZED);

/// The quiet time after the last move or resize before the window's state is saved.
pub const SAVE_AFTER: Duration = Duration::from_millis(500);

/// The window-state file when the data folder is overridden (else the plugin's own file in the
/// app's config folder).
pub const WINDOW_STATE_FILE: &str = "window-state.json";

/// The single-instance plugin, keyed to the data folder in use.
pub fn single_instance<R: Runtime>(
    identifier: &str,
    data_dir_override: Option<&Path>,
) -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(identifier, data_dir_override))
        .callback(|app, _args, _cwd| {
            tracing::info!("a second launch hands over to this window");
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
            let _ = app.emit_to("main", SECOND_INSTANCE_EVENT, ());
        })
        .build()
}

/// The instance's name: the app's identifier for the OS's data folder, else the identifier and
/// a digest of the folder's full path (a D-Bus name element: letters and digits, not first a
/// digit, hence the `d`).
pub fn instance_id(identifier: &str, data_dir_override: Option<&Path>) -> String {
    use sha2::{Digest, Sha256};
    match data_dir_override {
        None => identifier.to_string(),
        Some(dir) => {
            let full = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            let digest = Sha256::digest(full.to_string_lossy().as_bytes());
            let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
            format!("{identifier}.d{hex}")
        }
    }
}

/// The window-state plugin, its file in the data folder when that is overridden.
pub fn window_state<R: Runtime>(data_dir_override: Option<&Path>) -> tauri::plugin::TauriPlugin<R> {
    let mut builder = tauri_plugin_window_state::Builder::new().with_state_flags(REMEMBERED);
    if let Some(dir) = data_dir_override {
        // The plugin joins this to its folder: an absolute path stands for itself.
        builder = builder.with_filename(window_state_path(dir).to_string_lossy());
    }
    builder.build()
}

pub fn window_state_path(dir: &Path) -> PathBuf {
    dir.join(WINDOW_STATE_FILE)
}

/// Shrinks the restored window to its screen and moves it onto it, if it hangs over the edges
/// (the plugin restores the saved size whatever the screen). Maximised windows are the
/// system's to place.
pub fn fit_on_screen<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    if window.is_maximized().unwrap_or(false) {
        return;
    }
    let (Ok(Some(monitor)), Ok(position), Ok(size)) =
        (window.current_monitor(), window.outer_position(), window.outer_size())
    else {
        return;
    };
    let screen = (*monitor.position(), *monitor.size());
    let fitted = fit(
        (position.x, position.y, size.width, size.height),
        (screen.0.x, screen.0.y, screen.1.width, screen.1.height),
    );
    if fitted != (position.x, position.y, size.width, size.height) {
        let (x, y, width, height) = fitted;
        tracing::info!("the window did not fit its screen: {width}x{height} at {x},{y}");
        let _ = window.set_size(tauri::PhysicalSize { width, height });
        let _ = window.set_position(tauri::PhysicalPosition { x, y });
    }
}

/// `window` (x, y, width, height) made no larger than `screen` and moved inside it.
fn fit(window: (i32, i32, u32, u32), screen: (i32, i32, u32, u32)) -> (i32, i32, u32, u32) {
    let (sx, sy, sw, sh) = screen;
    let (w, h) = (window.2.min(sw), window.3.min(sh));
    let x = window.0.clamp(sx, sx + (sw - w) as i32);
    let y = window.1.clamp(sy, sy + (sh - h) as i32);
    (x, y, w, h)
}

/// Counts moves and resizes: a save runs only if none came after the one that scheduled it.
static LAST_CHANGE: AtomicU64 = AtomicU64::new(0);

/// Saves the window's state [`SAVE_AFTER`] after it was last moved or resized.
pub fn window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
        return;
    }
    let change = LAST_CHANGE.fetch_add(1, Ordering::SeqCst) + 1;
    let app = window.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SAVE_AFTER).await;
        if LAST_CHANGE.load(Ordering::SeqCst) == change {
            if let Err(e) = app.save_window_state(REMEMBERED) {
                tracing::warn!("the window's size and place were not saved: {e}");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_larger_than_its_screen_is_shrunk_and_moved_onto_it() {
        let laptop = (0, 0, 1366, 768);
        assert_eq!(fit((100, 50, 1200, 700), laptop), (100, 50, 1200, 700), "it fits: left alone");
        assert_eq!(fit((900, 500, 1200, 700), laptop), (166, 68, 1200, 700), "hangs over: moved in");
        assert_eq!(fit((0, 0, 2560, 1400), laptop), (0, 0, 1366, 768), "larger: shrunk");
        let right = (1920, 0, 1280, 1024);
        assert_eq!(fit((1800, -20, 1000, 700), right), (1920, 0, 1000, 700), "a second screen's edges");
    }

    #[test]
    fn each_data_folder_has_its_own_instance_name() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let id = "kz.kabinet.desktop";
        assert_eq!(instance_id(id, None), id);
        let (name_a, name_b) = (instance_id(id, Some(a.path())), instance_id(id, Some(b.path())));
        assert_ne!(name_a, name_b);
        assert_eq!(name_a, instance_id(id, Some(&a.path().join("."))), "one folder, one name, however written");
        // A valid D-Bus well-known name once the plugin appends `.SingleInstance`.
        let element = name_a.strip_prefix("kz.kabinet.desktop.").unwrap();
        assert!(element.starts_with('d') && element.chars().all(|c| c.is_ascii_alphanumeric()), "{element}");
    }
}
