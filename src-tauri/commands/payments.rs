//! The payments report by number: its period (bounds and default from the shared rule), the
//! request, and the reports kept in the documents library (opened and saved from there).

use super::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use kabinet_core::api::PaymentsReport;
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::payments::SentReport;
use kabinet_core::rules::payments_period::PeriodBounds;
use tauri::State;

/// The period a payments report can cover today (earliest, latest) and its default.
#[tauri::command(rename_all = "snake_case")]
pub async fn payments_period(state: State<'_, AppState>) -> CmdResult<PeriodBounds> {
    Ok(state.account().await?.payments().period())
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
    state.account().await?.payments().request_report(&msisdn, from, to, &email, lang).await
}

/// The reports kept for a number, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn payments_saved(state: State<'_, AppState>, msisdn: String) -> CmdResult<Vec<DocumentInfo>> {
    state.account().await?.payments().saved(&msisdn).await
}

/// The payments a kept report holds, to show them again (offline too); its file opens from the
/// library (`library_open`).
#[tauri::command(rename_all = "snake_case")]
pub async fn payments_saved_report(state: State<'_, AppState>, id: i64) -> CmdResult<Option<PaymentsReport>> {
    Ok(state.account().await?.payments().saved_report(id).await?.1)
}
