//! Balance transfer (the third main tab, and a number's "…" menu).

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::{Transfer, TransferRequest};
use kabinet_core::domain::Tiyn;
use tauri::State;

/// What the number can give now, from its cached summary (shown under the sender).
#[tauri::command(rename_all = "snake_case")]
pub async fn transfer_available(state: State<'_, AppState>, msisdn: String) -> CmdResult<Tiyn> {
    state.account().await?.transfer().available(&msisdn).await
}

/// The transfer checked as `transfer_send` checks it, sending nothing: the screen asks its
/// question only about a transfer the shared rule allows (errors name `sender`, `recipient` or
/// `amount`). The answer holds both numbers as read from what was typed (11 digits).
#[tauri::command(rename_all = "snake_case")]
pub async fn transfer_check(
    state: State<'_, AppState>,
    company_id: i64,
    from: String,
    to: String,
    amount_tiyn: i64,
) -> CmdResult<TransferRequest> {
    state.account().await?.transfer().check(company_id, &from, &to, Tiyn(amount_tiyn)).await
}

/// Transfers `amount_tiyn` from `from` to `to`, as one intent (one Idempotency-Key however often
/// it is retried); answers both numbers after it.
#[tauri::command(rename_all = "snake_case")]
pub async fn transfer_send(
    state: State<'_, AppState>,
    company_id: i64,
    from: String,
    to: String,
    amount_tiyn: i64,
) -> CmdResult<Transfer> {
    state.account().await?.transfer().send(company_id, &from, &to, Tiyn(amount_tiyn)).await
}
