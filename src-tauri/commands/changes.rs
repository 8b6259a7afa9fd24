//! What changed: the feed (filtered by kind, number, cost centre; read from the cache, so it
//! works offline), the company's rules (read and saved, each typed value checked by core and
//! refused naming its field), the desktop notifications' opt-in, and the one notification a
//! sync sends when it found changes (`notify_sync`, worded by `kabinet_core::changes::summary`).

use super::CmdResult;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use kabinet_core::account::Account;
use kabinet_core::cache::changes::ChangeRow;
use kabinet_core::changes::detect::Rules;
use kabinet_core::changes::input::RulesInput;
use kabinet_core::changes::ChangesFilter;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_notification::NotificationExt;

/// The company's changes since `since` (RFC 3339; all kept when absent), newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn changes_list(
    state: State<'_, AppState>,
    company_id: i64,
    since: Option<DateTime<Utc>>,
    filter: ChangesFilter,
) -> CmdResult<Vec<ChangeRow>> {
    let since = since.unwrap_or(DateTime::UNIX_EPOCH);
    state.account().await?.changes().list(company_id, since, &filter).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn changes_rules(state: State<'_, AppState>, company_id: i64) -> CmdResult<Rules> {
    state.account().await?.changes().rules(company_id).await
}

/// Saves the rules as typed in the window; gives them back as kept.
#[tauri::command(rename_all = "snake_case")]
pub async fn changes_rules_save(state: State<'_, AppState>, company_id: i64, rules: RulesInput) -> CmdResult<Rules> {
    let account = state.account().await?;
    account.changes().set_rules(company_id, rules.read()?).await?;
    account.changes().rules(company_id).await
}

/// Turns the company's desktop notifications on or off, keeping its thresholds.
#[tauri::command(rename_all = "snake_case")]
pub async fn changes_notify(state: State<'_, AppState>, company_id: i64, on: bool) -> CmdResult<Rules> {
    let account = state.account().await?;
    let rules = Rules { notify: on, ..account.changes().rules(company_id).await? };
    account.changes().set_rules(company_id, rules).await?;
    Ok(rules)
}

/// After a sync of `company` that started at `started`: one desktop notification of what it
/// found, when the company opted in and it found anything. A notification that cannot be shown
/// (no notification service) is logged, never a failed sync.
pub async fn notify_sync(app: &AppHandle, account: &Account, company: i64, started: DateTime<Utc>) {
    let summary = async {
        if !account.changes().rules(company).await?.notify {
            return Ok::<_, kabinet_core::Error>(None);
        }
        let rows = account.changes().list(company, started, &ChangesFilter::default()).await?;
        if rows.is_empty() {
            return Ok(None);
        }
        let name = account.companies().await?.data.into_iter().find(|c| c.id == company).map(|c| c.display_name);
        let lang = app.state::<AppState>().settings.read().await.language;
        Ok(kabinet_core::changes::summary::summary(&name.unwrap_or_else(|| company.to_string()), &rows, lang))
    };
    match summary.await {
        Ok(Some(body)) => {
            if let Err(e) = app.notification().builder().title("Kabinet").body(body).show() {
                tracing::warn!("the changes notification was not shown: {e}");
            }
        }
        Ok(None) => {}
        Err(e) => tracing::warn!("the changes notification was not made: {e}"),
    }
}
