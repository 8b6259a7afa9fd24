//! "My Profile": the administrator's e-mail and password.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::Profile;
use kabinet_core::cache::Cached;
use tauri::State;

#[tauri::command(rename_all = "snake_case")]
pub async fn profile_get(state: State<'_, AppState>) -> CmdResult<Cached<Profile>> {
    state.account().await?.profile().await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn profile_change_email(state: State<'_, AppState>, email: String) -> CmdResult<Profile> {
    state.account().await?.change_email(&email).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn profile_change_password(
    state: State<'_, AppState>,
    current_password: String,
    new_password: String,
    confirmation: String,
) -> CmdResult<()> {
    state.account().await?.change_password(&current_password, &new_password, &confirmation).await
}
