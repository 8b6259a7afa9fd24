//! SIM card replacement and the bans on a number (the profile's and the list's "…" menus).

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::{Ban, BanChange, RequestRecord};
use tauri::State;

/// Asks for the number's SIM to be replaced by the card `iccid`; the request completes later
/// (the watcher reports it as `request-changed`).
#[tauri::command(rename_all = "snake_case")]
pub async fn sim_replace(state: State<'_, AppState>, msisdn: String, iccid: String) -> CmdResult<RequestRecord> {
    state.account().await.sim().replace(&msisdn, &iccid).await
}

/// The new SIM's ICCID checked as `sim_replace` checks it (digits, length, Luhn), without
/// sending anything: the dialog asks its question only about a valid one.
#[tauri::command(rename_all = "snake_case")]
pub async fn sim_check_iccid(state: State<'_, AppState>, iccid: String) -> CmdResult<String> {
    state.account().await.sim().check_iccid(&iccid)
}

/// Sets (`set`) or removes the ban `ban` (`mykcell_details`, `mykcell`, `sms_ussd`; another is
/// refused by core, naming the field).
#[tauri::command(rename_all = "snake_case")]
pub async fn ban_set(state: State<'_, AppState>, msisdn: String, ban: Ban, set: bool) -> CmdResult<BanChange> {
    state.account().await.bans().set(&msisdn, &ban, set).await
}
