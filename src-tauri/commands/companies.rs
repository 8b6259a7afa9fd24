//! "My Companies" and the company selector.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::Company;
use kabinet_core::cache::Cached;
use tauri::State;

#[tauri::command(rename_all = "snake_case")]
pub async fn companies_list(state: State<'_, AppState>) -> CmdResult<Cached<Vec<Company>>> {
    state.account().await?.companies().await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn company_set_display_name(
    state: State<'_, AppState>,
    company_id: i64,
    display_name: String,
) -> CmdResult<Company> {
    state.account().await?.set_display_name(company_id, &display_name).await
}
