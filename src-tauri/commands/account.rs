//! Sign-in, sign-out and the remembered session.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::account::SignedIn;
use kabinet_core::api::Profile;
use kabinet_core::cache::Cached;
use tauri::State;

/// Resumes a remembered session, if there is one.
#[tauri::command(rename_all = "snake_case")]
pub async fn session_restore(state: State<'_, AppState>) -> CmdResult<Option<Cached<Profile>>> {
    state.account().await.restore().await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn login(state: State<'_, AppState>, phone: String, password: String, remember: bool) -> CmdResult<SignedIn> {
    state.account().await.login(&phone, &password, remember).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn logout(state: State<'_, AppState>) -> CmdResult<()> {
    state.account().await.logout().await;
    Ok(())
}
