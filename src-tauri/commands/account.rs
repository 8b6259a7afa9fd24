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
    state.account().await?.restore().await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn login(state: State<'_, AppState>, phone: String, password: String, remember: bool) -> CmdResult<SignedIn> {
    let signed_in = state.account().await?.login(&phone, &password, remember).await?;
    // The log hides all but the number's last two digits (logging.rs), as it hides any number.
    tracing::info!("signed in as {} (remember: {remember})", signed_in.profile.phone);
    Ok(signed_in)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn logout(state: State<'_, AppState>) -> CmdResult<()> {
    state.account().await?.logout().await;
    Ok(())
}
