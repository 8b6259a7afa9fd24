//! The payments report by number: its period (bounds and default from the shared rule), the
//! request, and the reports kept in the cache, opened through the exports' opener.

use super::files::ExportedFiles;
use super::numbers::{export_dir, write_off_thread};
use super::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use kabinet_core::api::PaymentsReport;
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::payments::SentReport;
use kabinet_core::rules::payments_period::PeriodBounds;
use serde::Serialize;
use tauri::{AppHandle, State};

/// The period a payments report can cover today (earliest, latest) and its default.
#[tauri::command(rename_all = "snake_case")]
pub async fn payments_period(state: State<'_, AppState>) -> CmdResult<PeriodBounds> {
    Ok(state.account().await.payments().period())
}

/// Asks the portal to send the report to `email`; keeps its XLSX (in the app's language).
#[tauri::command(rename_all = "snake_case")]
pub async fn payments_report_request(
    state: State<'_, AppState>,
    msisdn: String,
    from: NaiveDate,
    to: NaiveDate,
    email: String,
) -> CmdResult<SentReport> {
    let lang = state.settings.read().await.language;
    state.account().await.payments().request_report(&msisdn, from, to, &email, lang).await
}

/// The reports kept for a number, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn payments_saved(state: State<'_, AppState>, msisdn: String) -> CmdResult<Vec<DocumentInfo>> {
    state.account().await.payments().saved(&msisdn).await
}

#[derive(Serialize)]
pub struct OpenedReport {
    /// Where the file was written, for Open file / Show in folder.
    path: String,
    report: Option<PaymentsReport>,
}

/// Writes a kept report's file to the Downloads folder (so the OS can open it) and returns
/// where, with the payments it holds.
#[tauri::command(rename_all = "snake_case")]
pub async fn payments_saved_open(
    app: AppHandle,
    state: State<'_, AppState>,
    files: State<'_, ExportedFiles>,
    id: i64,
) -> CmdResult<OpenedReport> {
    let (file, report) = state.account().await.payments().saved_report(id).await?;
    let path = export_dir(&app, &state)?.join(&file.file_name);
    let target = path.clone();
    write_off_thread(move || kabinet_core::export::write_file(&target, &file.bytes)).await?;
    files.remember(&path);
    Ok(OpenedReport { path: path.display().to_string(), report })
}
