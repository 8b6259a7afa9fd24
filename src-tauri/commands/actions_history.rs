//! The company's actions history (Documents and reports → Actions history): the rows of a
//! period, filtered by number and by action (in core), and "Export to XLSX" into the library.

use super::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use kabinet_core::actions_history::{ActionsFilter, HistoryView};
use kabinet_core::cache::documents::DocumentInfo;
use tauri::State;

/// The company's actions from `from` to `to` that pass `filter`.
#[tauri::command(rename_all = "snake_case")]
pub async fn actions_history_list(
    state: State<'_, AppState>,
    company_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    filter: ActionsFilter,
) -> CmdResult<HistoryView> {
    state.account().await?.actions_history().list(company_id, from, to, &filter).await
}

/// The same rows as an XLSX file (in the app's language), kept in the library.
#[tauri::command(rename_all = "snake_case")]
pub async fn actions_history_export(
    state: State<'_, AppState>,
    company_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    filter: ActionsFilter,
) -> CmdResult<DocumentInfo> {
    let lang = state.settings.read().await.language;
    state.account().await?.actions_history().export(company_id, from, to, &filter, lang).await
}
