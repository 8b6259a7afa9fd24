//! The number profile: information, PIN/PUK on demand, allowances, services, usage; the actions'
//! catalogue.

use super::CmdResult;
use crate::state::AppState;
use chrono::NaiveDate;
use kabinet_core::action_catalogue;
use kabinet_core::api::{Allowances, NumberDetail, NumberServices, RequestRecord, SimSecrets, UsageKind, UsageReport};
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::cache::Cached;
use serde::Serialize;
use tauri::State;

#[tauri::command(rename_all = "snake_case")]
pub async fn number_get(state: State<'_, AppState>, msisdn: String) -> CmdResult<Cached<NumberDetail>> {
    state.account().await?.numbers().detail(&msisdn).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn number_sim_secrets(state: State<'_, AppState>, msisdn: String) -> CmdResult<SimSecrets> {
    state.account().await?.numbers().sim_secrets(&msisdn).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn number_allowances(state: State<'_, AppState>, msisdn: String) -> CmdResult<Cached<Allowances>> {
    state.account().await?.numbers().allowances(&msisdn).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn number_services(state: State<'_, AppState>, msisdn: String) -> CmdResult<Cached<NumberServices>> {
    state.account().await?.numbers().services(&msisdn).await
}

/// Every action with the number states that allow it (the shared table) and its text keys, the
/// menus' items with the dialogs of the actions that describe themselves, and the bulk screen's
/// choices (`kabinet_core::action_catalogue`), so the UI offers what the portal accepts and
/// keeps no list of its own.
#[tauri::command(rename_all = "snake_case")]
pub fn actions() -> CmdResult<action_catalogue::Catalogue> {
    Ok(action_catalogue::catalogue())
}

/// A number's requests that finish later, as last known (the watcher keeps them fresh), newest
/// first; they show offline too.
#[tauri::command(rename_all = "snake_case")]
pub async fn number_requests(state: State<'_, AppState>, msisdn: String) -> CmdResult<Vec<RequestRecord>> {
    state.account().await?.requests().of_number(&msisdn).await
}

#[derive(Serialize)]
pub struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

/// The usage report's default period: last month, in Kazakhstan time.
#[tauri::command(rename_all = "snake_case")]
pub async fn usage_default_period() -> CmdResult<Period> {
    let (from, to) = kabinet_core::kz::last_month(chrono::Utc::now());
    Ok(Period { from, to })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn usage_report(
    state: State<'_, AppState>,
    msisdn: String,
    from: NaiveDate,
    to: NaiveDate,
    kind: UsageKind,
) -> CmdResult<Cached<UsageReport>> {
    state.account().await?.numbers().usage(&msisdn, from, to, kind).await
}

/// Exports the usage report as XLSX into the documents library.
#[tauri::command(rename_all = "snake_case")]
pub async fn usage_export(
    state: State<'_, AppState>,
    msisdn: String,
    from: NaiveDate,
    to: NaiveDate,
    kind: UsageKind,
) -> CmdResult<DocumentInfo> {
    let lang = state.settings.read().await.language;
    state.account().await?.library().save_usage(&msisdn, from, to, kind, lang).await
}
