//! Password recovery and account activation: phone, code, new password.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::{RecoveryTicket, RecoveryVerified};
use kabinet_core::domain::Phone;
use serde::Serialize;
use tauri::State;

/// A started recovery, with the number as core read it (its one rule for written numbers), so
/// the window never reads a typed number again by a rule of its own.
#[derive(Serialize)]
pub struct RecoveryStarted {
    pub phone: String,
    pub ticket: RecoveryTicket,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_start(state: State<'_, AppState>, phone: String) -> CmdResult<RecoveryStarted> {
    let phone = Phone::parse(&phone)?;
    let ticket = state.account().await?.recovery_start(phone.as_str()).await?;
    Ok(RecoveryStarted { phone: phone.as_str().to_string(), ticket })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_resend(state: State<'_, AppState>, recovery_id: String) -> CmdResult<RecoveryTicket> {
    state.account().await?.recovery_resend(&recovery_id).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_verify(
    state: State<'_, AppState>,
    recovery_id: String,
    code: String,
) -> CmdResult<RecoveryVerified> {
    state.account().await?.recovery_verify(&recovery_id, &code).await
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
    state.account().await?.recovery_complete(&recovery_id, &phone, &reset_token, &password, &confirmation).await
}
