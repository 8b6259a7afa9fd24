//! Password recovery and account activation: phone, code, new password.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::{RecoveryTicket, RecoveryVerified};
use tauri::State;

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_start(state: State<'_, AppState>, phone: String) -> CmdResult<RecoveryTicket> {
    state.account().await.recovery_start(&phone).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_resend(state: State<'_, AppState>, recovery_id: String) -> CmdResult<RecoveryTicket> {
    state.account().await.recovery_resend(&recovery_id).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_verify(
    state: State<'_, AppState>,
    recovery_id: String,
    code: String,
) -> CmdResult<RecoveryVerified> {
    state.account().await.recovery_verify(&recovery_id, &code).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_complete(
    state: State<'_, AppState>,
    recovery_id: String,
    phone: String,
    reset_token: String,
    password: String,
    confirmation: String,
) -> CmdResult<()> {
    state.account().await.recovery_complete(&recovery_id, &phone, &reset_token, &password, &confirmation).await
}
