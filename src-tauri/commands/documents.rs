//! The Documents and reports tab and the documents library: company reports asked for and
//! followed, the allowed periods (from the shared rules), and the library's files, opened with
//! the system viewer from the app's own documents folder or saved where the user chooses
//! through the native save dialog. The window has no opener or dialog permission of its own:
//! these commands use the plugins from Rust, on files of the library only.

use super::CmdResult;
use crate::state::AppState;
use chrono::Utc;
use kabinet_core::api::{ReportKind, ReportRequest, RequestRecord};
use kabinet_core::cache::documents::{DocumentInfo, LibraryFilter};
use kabinet_core::reports::RequestedReport;
use kabinet_core::rules::reports::ReportBounds;
use kabinet_core::{Error, ErrorCode};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// The allowed periods of every report now, and their defaults.
#[tauri::command(rename_all = "snake_case")]
pub async fn report_bounds() -> CmdResult<ReportBounds> {
    Ok(kabinet_core::rules::reports::bounds(Utc::now()))
}

/// Asks for a company report; the watcher follows it and keeps its file when it is done.
#[tauri::command(rename_all = "snake_case")]
pub async fn report_request(
    state: State<'_, AppState>,
    company_id: i64,
    request: ReportRequest,
) -> CmdResult<RequestRecord> {
    state.account().await.reports().request(company_id, &request).await
}

/// The company's reports asked for from this computer (of `kinds`, or all), newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn reports_requested(
    state: State<'_, AppState>,
    company_id: i64,
    kinds: Vec<ReportKind>,
) -> CmdResult<Vec<RequestedReport>> {
    state.account().await.reports().of_company(company_id, &kinds).await
}

/// The library's files matching `filter`, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_list(state: State<'_, AppState>, filter: LibraryFilter) -> CmdResult<Vec<DocumentInfo>> {
    state.account().await.library().list(&filter).await
}

/// Opens a library file with the system viewer (written to the app's documents folder first).
#[tauri::command(rename_all = "snake_case")]
pub async fn library_open(app: AppHandle, state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    let dir = state.data_dir.join("documents");
    let path = state.account().await.library().write_for_viewer(id, &dir).await?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| Error::new(ErrorCode::Internal, format!("The document could not be opened: {e}")))
}

/// Saves a copy of a library file where the user chooses (the native save dialog, starting in
/// Downloads with the file's name); answers where, or nothing when the user cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_save_as(app: AppHandle, state: State<'_, AppState>, id: i64) -> CmdResult<Option<String>> {
    let account = state.account().await;
    let doc = account.library().load(id).await?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog = app.dialog().file().set_file_name(&doc.info.file_name);
    if let Ok(downloads) = app.path().download_dir() {
        dialog = dialog.set_directory(downloads);
    }
    if let Some(extension) = std::path::Path::new(&doc.info.file_name).extension().and_then(|e| e.to_str()) {
        dialog = dialog.add_filter(extension.to_uppercase(), &[extension]);
    }
    dialog.save_file(move |chosen| {
        let _ = tx.send(chosen);
    });
    let Some(chosen) = rx.await.ok().flatten() else { return Ok(None) };
    let path = chosen
        .into_path()
        .map_err(|e| Error::new(ErrorCode::InvalidInput, format!("path: this place cannot be written to: {e}")))?;
    account.library().save_copy(id, &path).await?;
    Ok(Some(path.display().to_string()))
}
