//! The actions whose answer never arrived (`account.intents()`): listed at sign-in, each
//! resolved by asking the portal with its own Idempotency-Key, or dismissed.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::intents::PendingIntent;
use kabinet_core::intents::ResolvedIntent;
use tauri::State;

#[tauri::command(rename_all = "snake_case")]
pub async fn intents_pending(state: State<'_, AppState>) -> CmdResult<Vec<PendingIntent>> {
    state.account().await?.intents().pending().await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn intents_resolve(state: State<'_, AppState>, key: String) -> CmdResult<ResolvedIntent> {
    state.account().await?.resolve_intent(&key).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn intents_dismiss(state: State<'_, AppState>, key: String) -> CmdResult<()> {
    state.account().await?.intents().dismiss(&key).await
}
