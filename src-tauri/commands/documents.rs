//! The Documents and reports tab and the documents library: company reports asked for and
//! followed, the allowed periods (from the shared rules), and the library's files, opened with
//! the system viewer from the app's own documents folder or saved where the user chooses
//! through the native save dialog. The window has no opener or dialog permission of its own:
//! these commands use the plugins from Rust, on files of the library only.
//!
//! A computer may have no application for a kind of file (no spreadsheet program, a bare
//! Linux): the opener then fails, and the window must say that, where the file is, and offer
//! Save as… and Show in folder, never "something went wrong" ([`open_failure`]).

use super::CmdResult;
use crate::state::AppState;
use chrono::Utc;
use kabinet_core::api::{ReportKind, ReportRequest, RequestRecord};
use kabinet_core::cache::documents::{DocumentInfo, LibraryFilter};
use kabinet_core::reports::RequestedReport;
use kabinet_core::rules::reports::ReportBounds;
use kabinet_core::{Error, ErrorCode};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

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
    state.account().await?.reports().request(company_id, &request).await
}

/// The company's reports asked for from this computer (of `kinds`, or all), newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn reports_requested(
    state: State<'_, AppState>,
    company_id: i64,
    kinds: Vec<ReportKind>,
) -> CmdResult<Vec<RequestedReport>> {
    state.account().await?.reports().of_company(company_id, &kinds).await
}

/// The library's files matching `filter`, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_list(state: State<'_, AppState>, filter: LibraryFilter) -> CmdResult<Vec<DocumentInfo>> {
    state.account().await?.library().list(&filter).await
}

/// Opens a library file with the system viewer (written to the app's documents folder first);
/// `no_application` (with the file's `path`) when nothing on the computer opens its kind.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_open(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    let path = viewer_copy(&state, id).await?;
    let target = path.clone();
    // The opener waits a moment for each launcher's exit status: off the async threads.
    let opened = tauri::async_runtime::spawn_blocking(move || tauri_plugin_opener::open_path(&target, None::<&str>))
        .await
        .map_err(|e| Error::new(ErrorCode::Internal, format!("The opener stopped: {e}")))?;
    opened.map_err(|e| open_failure(e, &path))
}

/// Shows a library file in its folder (the file manager, or the folder opened when no file
/// manager can point at the file); `no_application` when nothing can show a folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_show_in_folder(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    let path = viewer_copy(&state, id).await?;
    let file = path.clone();
    let shown = tauri::async_runtime::spawn_blocking(move || {
        tauri_plugin_opener::reveal_item_in_dir(&file).or_else(|_| match file.parent() {
            Some(dir) => tauri_plugin_opener::open_path(dir, None::<&str>),
            None => Err(tauri_plugin_opener::Error::NoParent(file.clone())),
        })
    })
    .await
    .map_err(|e| Error::new(ErrorCode::Internal, format!("The opener stopped: {e}")))?;
    shown.map_err(|e| open_failure(e, &path))
}

/// The library file `id` written to the app's own documents folder, for the system to open.
async fn viewer_copy(state: &State<'_, AppState>, id: i64) -> CmdResult<PathBuf> {
    let dir = state.data_dir.join("documents");
    state.account().await?.library().write_for_viewer(id, &dir).await
}

/// What the system opener's failure on `path` (a file just written) means. The opener runs the
/// desktop's launchers in turn and reports the first one's failure, or that none is installed:
/// on Linux `xdg-open` exits 3 ("no method available for opening") or 4 (the action failed),
/// `gio open` exits 2 ("Failed to find default application for content type …"), `kde-open`
/// 1; with none of them installed the launcher is not found. Each means that no application on
/// this computer opens this kind of file (or shows a folder): `no_application`, with the file's
/// place (`path`) and kind (`extension`), which the window says and offers Save as… and Show in
/// folder for. Anything else (the opener itself broken) stays `internal`.
pub(crate) fn open_failure(error: tauri_plugin_opener::Error, path: &Path) -> Error {
    match error {
        tauri_plugin_opener::Error::Io(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::Other) => {
            let extension = path.extension().map(|x| x.to_string_lossy().to_uppercase()).unwrap_or_default();
            Error::new(
                ErrorCode::NoApplication,
                format!("No application on this computer opens {}: {e}", path.display()),
            )
            .with_param("path", path.display())
            .with_param("extension", extension)
        }
        other => Error::new(ErrorCode::Internal, format!("The document could not be opened: {other}")),
    }
}

/// Saves a copy of a library file where the user chooses (the native save dialog, starting in
/// Downloads with the file's name); answers where, or nothing when the user cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_save_as(app: AppHandle, state: State<'_, AppState>, id: i64) -> CmdResult<Option<String>> {
    let account = state.account().await?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn a_launcher_that_finds_no_application_is_no_application_with_the_files_place() {
        let path = Path::new("/data/documents/7-reconciliation.xlsx");
        // What the opener answers when `gio open` exits 2 (no default application), and when
        // no launcher is installed at all.
        let exited = io::Error::other(
            r#"Launcher "gio" "open" "/data/documents/7-reconciliation.xlsx" failed with ExitStatus(unix_wait_status(512))"#,
        );
        let missing = io::Error::new(ErrorKind::NotFound, "No such file or directory (os error 2)");
        for e in [exited, missing] {
            let error = open_failure(tauri_plugin_opener::Error::Io(e), path);
            assert_eq!(error.code, ErrorCode::NoApplication);
            assert_eq!(error.param("path"), Some("/data/documents/7-reconciliation.xlsx"));
            assert_eq!(error.param("extension"), Some("XLSX"));
        }
        let other = open_failure(tauri_plugin_opener::Error::UnsupportedPlatform, path);
        assert_eq!(other.code, ErrorCode::Internal);
    }
}
