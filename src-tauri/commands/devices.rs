//! Device (IMEI) registration of a number: its page, and its four requests (core's
//! `account.devices()` checks the values, by field, and keeps each request for the watcher).

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::{DeviceRegistration, RequestRecord};
use kabinet_core::cache::Cached;
use tauri::State;

/// The last IMEI seen with the SIM, the status, the registered IMEIs and the request history.
#[tauri::command(rename_all = "snake_case")]
pub async fn devices_get(state: State<'_, AppState>, msisdn: String) -> CmdResult<Cached<DeviceRegistration>> {
    state.account().await?.devices().get(&msisdn).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn device_register(state: State<'_, AppState>, msisdn: String, imei: String) -> CmdResult<RequestRecord> {
    state.account().await?.devices().register(&msisdn, &imei).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn device_reregister(
    state: State<'_, AppState>,
    msisdn: String,
    imei: String,
    previous_owner_msisdn: String,
    previous_owner_iin: String,
    terms_accepted: bool,
) -> CmdResult<RequestRecord> {
    let account = state.account().await?;
    account.devices().reregister(&msisdn, &imei, &previous_owner_msisdn, &previous_owner_iin, terms_accepted).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn device_register_duplicate(
    state: State<'_, AppState>,
    msisdn: String,
    imei: String,
    terms_accepted: bool,
) -> CmdResult<RequestRecord> {
    state.account().await?.devices().register_duplicate(&msisdn, &imei, terms_accepted).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn device_deregister(state: State<'_, AppState>, msisdn: String, imei: String) -> CmdResult<RequestRecord> {
    state.account().await?.devices().deregister(&msisdn, &imei).await
}
