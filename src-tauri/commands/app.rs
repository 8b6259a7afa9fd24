//! The app itself: what it runs against, its settings, and the demo portal's outbox.

use super::CmdResult;
use crate::state::{AppInfo, AppState};
use kabinet_core::api::OutboxMessage;
use kabinet_core::settings::Settings;
use kabinet_core::{Error, ErrorCode};
use tauri::{AppHandle, State};

/// Version, portal, demo login and settings, as known now: at once, also while the app starts
/// (`starting`), so the window can draw its login screen first.
#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    Ok(state.info().await)
}

/// Opens the cache and the portal (the window asks once its first screen is drawn) and answers
/// the complete info.
#[tauri::command(rename_all = "snake_case")]
pub async fn app_start(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    state.started().await?;
    Ok(state.info().await)
}

/// The window's marks of its start, logged as milliseconds since the launch (timing.rs; the
/// cold-start bench prints each phase from that line).
#[tauri::command(rename_all = "snake_case")]
pub async fn app_start_timing(timing: crate::timing::WindowMarks) -> CmdResult<()> {
    crate::timing::log_window_marks(timing)
        .map_err(|message| Error::invalid_field(ErrorCode::InvalidInput, "timing", message))
}

/// Validates, stores and applies the settings. A new portal signs the user out.
#[tauri::command(rename_all = "snake_case")]
pub async fn settings_save(app: AppHandle, state: State<'_, AppState>, settings: Settings) -> CmdResult<AppInfo> {
    let settings = settings.validated()?;
    state.apply_settings(settings.clone()).await?;
    crate::settings_store::save(&app, &state.data_dir, &settings)?;
    Ok(state.info().await)
}

/// The SMS and e-mails the demo portal "sent", so a user can finish the recovery flow.
#[tauri::command(rename_all = "snake_case")]
pub async fn demo_outbox(state: State<'_, AppState>) -> CmdResult<Vec<OutboxMessage>> {
    // In-process: the embedded portal's /sandbox routes need a secret only it and the app hold.
    state.demo_outbox().await.ok_or_else(|| Error::new(ErrorCode::Forbidden, "Only the demo portal has an outbox."))
}
