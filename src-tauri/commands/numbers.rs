//! Number management: the list (windows of the cache), sync with progress, exports.

use super::files::ExportedFiles;
use super::CmdResult;
use crate::state::AppState;
use kabinet_core::cache::numbers::{NumberFilter, NumberWindow};
use kabinet_core::export::{self, ListFormat};
use kabinet_core::numbers::NumbersStatus;
use kabinet_core::sync::SyncReport;
use kabinet_core::{Error, ErrorCode};
use tauri::{AppHandle, Emitter, Manager, State};

/// The event that carries sync progress to the UI.
pub const SYNC_PROGRESS_EVENT: &str = "sync-progress";

#[tauri::command(rename_all = "snake_case")]
pub async fn numbers_sync(
    app: AppHandle,
    state: State<'_, AppState>,
    company_id: i64,
    full: bool,
) -> CmdResult<SyncReport> {
    let emit = move |p| {
        let _ = app.emit(SYNC_PROGRESS_EVENT, p);
    };
    state.account().await.numbers().sync(company_id, full, &emit).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn numbers_window(
    state: State<'_, AppState>,
    company_id: i64,
    filter: NumberFilter,
    offset: i64,
    limit: i64,
) -> CmdResult<NumberWindow> {
    state.account().await.numbers().window(company_id, &filter, offset, limit).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn numbers_status(state: State<'_, AppState>, company_id: i64) -> CmdResult<NumbersStatus> {
    state.account().await.numbers().status(company_id).await
}

/// Writes the (filtered) cached list to the Downloads folder, named by the company's name;
/// returns the file's path (which `export_open` may then open).
#[tauri::command(rename_all = "snake_case")]
pub async fn numbers_export(
    app: AppHandle,
    state: State<'_, AppState>,
    files: State<'_, ExportedFiles>,
    company_id: i64,
    filter: NumberFilter,
    format: ListFormat,
) -> CmdResult<String> {
    let account = state.account().await;
    let numbers = account.numbers().all(company_id, &filter).await?;
    let lang = state.settings.read().await.language;
    let path = export_dir(&app, &state)?.join(account.numbers().export_name(company_id, format).await?);
    let company = account.numbers().export_company(company_id).await?;
    let target = path.clone();
    write_off_thread(move || export::numbers_file(&target, &numbers, &company, lang, format)).await?;
    files.remember(&path);
    Ok(path.display().to_string())
}

/// Runs a file write on the blocking pool, so a big export never stalls the async runtime.
pub async fn write_off_thread(write: impl FnOnce() -> Result<(), Error> + Send + 'static) -> CmdResult<()> {
    tauri::async_runtime::spawn_blocking(write).await.map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))?
}

/// The user's Downloads folder, or the app's own exports folder (made, private, when missing)
/// when there is none. Exports refuse a folder that does not exist, so the app makes its own.
pub fn export_dir(app: &AppHandle, state: &AppState) -> Result<std::path::PathBuf, Error> {
    if let Some(downloads) = app.path().download_dir().ok().filter(|d| d.is_dir()) {
        return Ok(downloads);
    }
    let own = state.data_dir.join("exports");
    kabinet_core::private_fs::create_private_dir(&own).map_err(|e| {
        Error::new(ErrorCode::Internal, format!("The exports folder {} cannot be made: {e}", own.display()))
    })?;
    Ok(own)
}

/// Whether the portal answers now (the UI polls this while offline).
#[tauri::command(rename_all = "snake_case")]
pub async fn connection_check(state: State<'_, AppState>) -> CmdResult<bool> {
    Ok(state.account().await.ping().await)
}
