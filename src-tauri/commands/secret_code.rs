//! A number's secret code: send one to the number, delete it (`account.secret_code()`). The
//! window learns that a code was sent, never the code.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::{SecretCodeDeleted, SecretCodeSent};
use tauri::State;

#[tauri::command(rename_all = "snake_case")]
pub async fn secret_code_send(state: State<'_, AppState>, msisdn: String) -> CmdResult<SecretCodeSent> {
    state.account().await.secret_code().send(&msisdn).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn secret_code_delete(state: State<'_, AppState>, msisdn: String) -> CmdResult<SecretCodeDeleted> {
    state.account().await.secret_code().delete(&msisdn).await
}
