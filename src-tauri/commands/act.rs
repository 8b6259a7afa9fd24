//! Every simple action on a number, through one pair of commands (`kabinet_core::act`): the
//! window's dialogs are built from the `actions` command's offers, check their values with
//! `act_check` and send with `act`. Adding such an action adds no command.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::action::ActionKind;
use std::collections::BTreeMap;
use tauri::State;

/// The action of `kind` with `params` (the dialog's values and the menu item's fixed ones),
/// each checked by its rule without sending anything: the values as they would be sent (an
/// ICCID's digits), or the error naming the wrong field.
#[tauri::command(rename_all = "snake_case")]
pub async fn act_check(
    state: State<'_, AppState>,
    kind: ActionKind,
    params: BTreeMap<String, String>,
) -> CmdResult<BTreeMap<&'static str, String>> {
    Ok(state.account().await?.act().check(kind, &params)?.params())
}

/// Checks, then sends the action of `kind` with `params` on the number `msisdn`; the portal's
/// answer (a request that completes later is reported by the watcher as `request-changed`).
#[tauri::command(rename_all = "snake_case")]
pub async fn act(
    state: State<'_, AppState>,
    msisdn: String,
    kind: ActionKind,
    params: BTreeMap<String, String>,
) -> CmdResult<serde_json::Value> {
    let account = state.account().await?;
    let action = account.act().check(kind, &params)?;
    account.act().send(&msisdn, &action).await
}
