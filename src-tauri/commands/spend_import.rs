//! Importing charges breakdown files (the certificate's XLSX with Appendix 1) into Spend's
//! cache. The files are chosen in the native open dialog, opened from Rust as the library's
//! save dialog is (the window has no dialog or file permission of its own), several at once;
//! each is imported on its own (`account.spend().import`), so one refused file does not stop the
//! others, and the window is told each file's outcome.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::spend::import::Imported;
use kabinet_core::Error;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// One chosen file's outcome: what it brought, or why it was refused (the error the window
/// translates: `reason.not_a_breakdown` with `file` and `missing`).
#[derive(Debug, Serialize)]
pub struct FileOutcome {
    pub file: String,
    pub imported: Option<Imported>,
    pub error: Option<Error>,
}

/// Opens the dialog (XLSX, several files) and imports what is chosen into `company_id`'s
/// charges; an empty list when the dialog is cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn spend_import_pick(
    app: AppHandle,
    state: State<'_, AppState>,
    company_id: i64,
) -> CmdResult<Vec<FileOutcome>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog().file().add_filter("XLSX", &["xlsx"]).pick_files(move |chosen| {
        let _ = tx.send(chosen);
    });
    let paths: Vec<std::path::PathBuf> =
        rx.await.ok().flatten().unwrap_or_default().into_iter().filter_map(|p| p.into_path().ok()).collect();
    let account = state.account().await?;
    let mut outcomes = Vec::with_capacity(paths.len());
    for path in paths {
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let result = match tokio::fs::read(&path).await {
            Ok(bytes) => account.spend().import(company_id, &file, &bytes).await,
            Err(e) => Err(kabinet_core::spend::import::unreadable(&file, &e)),
        };
        let (imported, error) = match result {
            Ok(done) => (Some(done), None),
            Err(e) => (None, Some(e)),
        };
        outcomes.push(FileOutcome { file, imported, error });
    }
    Ok(outcomes)
}
