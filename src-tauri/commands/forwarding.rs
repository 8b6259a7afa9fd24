//! Call forwarding of a number: read, set one kind, switch one off (`account.forwarding()`).

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::ForwardingList;
use kabinet_core::cache::Cached;
use tauri::State;

#[tauri::command(rename_all = "snake_case")]
pub async fn forwarding_get(state: State<'_, AppState>, msisdn: String) -> CmdResult<Cached<ForwardingList>> {
    state.account().await?.forwarding().list(&msisdn).await
}

/// Sets the forwarding of `kind`; `delay_s` as typed (empty for the default), no answer only.
#[tauri::command(rename_all = "snake_case")]
pub async fn forwarding_set(
    state: State<'_, AppState>,
    msisdn: String,
    kind: String,
    target: String,
    delay_s: Option<String>,
) -> CmdResult<ForwardingList> {
    state.account().await?.forwarding().set(&msisdn, &kind, &target, delay_s.as_deref().unwrap_or("")).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn forwarding_clear(state: State<'_, AppState>, msisdn: String, kind: String) -> CmdResult<ForwardingList> {
    state.account().await?.forwarding().clear(&msisdn, &kind).await
}
