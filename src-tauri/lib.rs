//! The desktop app: a thin Tauri shell over `kabinet-core`.
//!
//! - [`portal`]: which portal the app talks to, and the embedded demo sandbox when none is set;
//! - [`state`]: what the commands share, opened after the window's first paint;
//! - [`settings_store`]: the typed settings, kept with tauri-plugin-store;
//! - [`commands`]: one command per portal action, declared once in `commands/mod.rs`;
//! - [`watcher`]: forwards core's requests watcher to the window (`request-changed`);
//! - [`memory`]: keeps the heap from holding freed memory (measured by `tests/e2e_memory.rs`);
//! - [`desktop`]: one instance per data folder, and the window's size and place remembered;
//! - [`logging`]: stderr and a rotating log file, every line redacted;
//! - [`webview`]: WebKit features the app does not use, turned off (memory);
//! - [`timing`]: the start's phases, timed from the launch, one log line.
//!
//! A command unpacks its arguments, calls core, and returns core's result; errors reach the UI
//! as `{code, message}`.

pub mod commands;
pub mod desktop;
pub mod logging;
pub mod memory;
pub mod portal;
pub mod settings_store;
pub mod state;
pub mod timing;
pub mod watcher;
pub mod webview;

use std::path::PathBuf;
use tauri::Manager;

/// Overrides the folder of the cache, settings and demo portal (tests run one app per folder).
pub const DATA_DIR_ENV: &str = "KABINET_DATA_DIR";

/// `$KABINET_DATA_DIR`, when set.
fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()).map(PathBuf::from)
}

/// Where Kabinet keeps its files: `$KABINET_DATA_DIR`, or the OS's app data folder.
fn data_dir(app: &tauri::App) -> Result<PathBuf, Box<dyn std::error::Error>> {
    match data_dir_override() {
        Some(dir) => Ok(dir),
        None => Ok(app.path().app_data_dir()?),
    }
}

pub fn run() {
    timing::launched();
    memory::return_freed_memory();
    logging::init();
    let context = tauri::generate_context!();
    let overridden = data_dir_override();
    tauri::Builder::default()
        // First: a second launch hands over before anything else starts.
        .plugin(desktop::single_instance(&context.config().identifier, overridden.as_deref()))
        .plugin(desktop::window_state(overridden.as_deref()))
        // Used from Rust only (commands/diagnostics.rs): the window gets no permission of it.
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_store::Builder::new().build())
        // Used from Rust only (commands/documents.rs): the window gets no permission of theirs.
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        // Used from Rust only (commands/changes.rs: one summary per sync), like the two above.
        .plugin(tauri_plugin_notification::init())
        .on_window_event(desktop::window_event)
        // Used from Rust only (commands/updates.rs): checks and installs on the window's word.
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(commands::updates::Updates::default())
        .setup(|app| {
            let setup_started = timing::since_launch_ms();
            match app.path().app_log_dir() {
                Ok(logs) => {
                    if let Err(e) = logging::start_file(&logs) {
                        tracing::warn!("no log file, stderr only: {e}");
                    }
                }
                Err(e) => tracing::warn!("no log folder, stderr only: {e}"),
            }
            tracing::info!("Kabinet {} starting", env!("CARGO_PKG_VERSION"));
            // The window is made (and its saved size restored) before this runs.
            if let Some(window) = app.get_webview_window("main") {
                desktop::fit_on_screen(&window);
                webview::slim(&window);
            }
            let dir = data_dir(app)?;
            // Private (0700 on Unix). When it cannot be made, the cache falls back to memory
            // and says so on screen, rather than the app not starting.
            if let Err(e) = kabinet_core::private_fs::create_private_dir(&dir) {
                tracing::warn!("the data folder {} cannot be used: {e}", dir.display());
            }
            let settings = settings_store::load(app.handle(), &dir);
            // Nothing slow before the first paint: the cache and the portal open when the
            // window asks, once its login screen is drawn (state.rs).
            app.manage(state::AppState::new(dir, settings));
            watcher::spawn(app.handle().clone());
            timing::setup_ran(setup_started);
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(context)
        .expect("Kabinet failed to start")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = app.try_state::<state::AppState>() {
                    tauri::async_runtime::block_on(state.shutdown());
                }
            }
        });
}
