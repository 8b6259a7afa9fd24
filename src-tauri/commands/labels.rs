//! Who uses each number (employee, department, cost centre, tags): read, set for one number or
//! the list's selection, import from a file the window read (previewed, then applied), undo.
//! Local only: core keeps labels in the cache and never sends them to the portal.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::cache::labels::Change;
use kabinet_core::labels::import::{Outcome, Plan};
use kabinet_core::labels::{LabelChoices, LabelEdit};
use kabinet_core::number_label::Label;
use tauri::State;

#[tauri::command(rename_all = "snake_case")]
pub async fn labels_get(state: State<'_, AppState>, company_id: i64, msisdn: String) -> CmdResult<Label> {
    state.account().await?.labels().get(company_id, &msisdn).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn labels_set(
    state: State<'_, AppState>,
    company_id: i64,
    msisdn: String,
    label: Label,
) -> CmdResult<Change> {
    state.account().await?.labels().set(company_id, &msisdn, label).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn labels_edit(
    state: State<'_, AppState>,
    company_id: i64,
    msisdns: Vec<String>,
    edit: LabelEdit,
) -> CmdResult<Change> {
    state.account().await?.labels().edit(company_id, &msisdns, &edit).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn labels_choices(state: State<'_, AppState>, company_id: i64) -> CmdResult<LabelChoices> {
    state.account().await?.labels().choices(company_id).await
}

/// The most lines the window is told it cannot import (the counts say how many there are).
const PROBLEMS_SHOWN: usize = 200;

/// What importing the file's `bytes` (XLSX or CSV, read by the window) would change; writes
/// nothing. The window gets the counts, the digest and the lines it cannot import (the first
/// [`PROBLEMS_SHOWN`]), not every changed row: a file of 100,000 numbers stays a small answer.
#[tauri::command(rename_all = "snake_case")]
pub async fn labels_import_preview(state: State<'_, AppState>, company_id: i64, bytes: Vec<u8>) -> CmdResult<Plan> {
    let mut plan = state.account().await?.labels().preview_import(company_id, &bytes).await?;
    plan.rows.retain(|r| matches!(r.outcome, Outcome::Unknown | Outcome::Malformed { .. }));
    plan.rows.truncate(PROBLEMS_SHOWN);
    Ok(plan)
}

/// Applies the import previewed with `digest` in one change (refused if the plan changed).
#[tauri::command(rename_all = "snake_case")]
pub async fn labels_import_apply(
    state: State<'_, AppState>,
    company_id: i64,
    bytes: Vec<u8>,
    file_name: String,
    digest: String,
) -> CmdResult<Change> {
    state.account().await?.labels().apply_import(company_id, &bytes, &file_name, &digest).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn labels_last_change(state: State<'_, AppState>, company_id: i64) -> CmdResult<Option<Change>> {
    state.account().await?.labels().last_change(company_id).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn labels_undo(state: State<'_, AppState>, company_id: i64, change_id: i64) -> CmdResult<u64> {
    state.account().await?.labels().undo(company_id, change_id).await
}
