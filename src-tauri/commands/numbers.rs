//! Number management: the list (windows of the cache), sync with progress, exports.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::cache::numbers::{NumberFilter, NumberWindow};
use kabinet_core::export::ListFormat;
use kabinet_core::numbers::NumbersStatus;
use kabinet_core::spend::aggregate::Basis;
use kabinet_core::sync::SyncReport;
use tauri::{AppHandle, Emitter, State};

/// The event that carries sync progress to the UI.
pub const SYNC_PROGRESS_EVENT: &str = "sync-progress";

#[tauri::command(rename_all = "snake_case")]
pub async fn numbers_sync(
    app: AppHandle,
    state: State<'_, AppState>,
    company_id: i64,
    full: bool,
) -> CmdResult<SyncReport> {
    let started = chrono::Utc::now();
    let progress = app.clone();
    let emit = move |p| {
        let _ = progress.emit(SYNC_PROGRESS_EVENT, p);
    };
    let account = state.account().await?;
    let report = account.numbers().sync(company_id, full, &emit).await?;
    // The list is written: answer now, and bring the charges months not held yet behind it (a
    // large company's first year is a minute of the portal's time the list must not wait for).
    // The one notification of the sync follows them, as the spend rules find changes too.
    tauri::async_runtime::spawn(async move {
        let refreshed = account.spend().refresh(company_id).await;
        if let Err(e) = &refreshed {
            tracing::warn!("the charges after the sync of company {company_id} failed: {e}");
        }
        let months = refreshed.map(|f| f.months.len()).unwrap_or(0);
        // Spend's views added up now, behind the sync, so the screen opens on kept ones: at
        // 100,000 numbers the first adding-up after new charges or labels takes seconds
        // (ARCHITECTURE, Benchmarks); when they are kept already this is a read.
        if let Err(e) = account.spend().overview(company_id, Basis::WithVat).await {
            tracing::warn!("spend's views after the sync of company {company_id}: {e}");
        }
        let _ = app.emit(CHARGES_REFRESHED_EVENT, serde_json::json!({ "company_id": company_id, "months": months }));
        super::changes::notify_sync(&app, &account, company_id, started).await;
    });
    Ok(report)
}

/// The event that says a sync's charges step ended (`{company_id, months}`: how many months it
/// brought), so a Spend screen on show draws them.
pub const CHARGES_REFRESHED_EVENT: &str = "charges-refreshed";

#[tauri::command(rename_all = "snake_case")]
pub async fn numbers_window(
    state: State<'_, AppState>,
    company_id: i64,
    filter: NumberFilter,
    offset: i64,
    limit: i64,
) -> CmdResult<NumberWindow> {
    state.account().await?.numbers().window(company_id, &filter, offset, limit).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn numbers_status(state: State<'_, AppState>, company_id: i64) -> CmdResult<NumbersStatus> {
    state.account().await?.numbers().status(company_id).await
}

/// Exports the (filtered) cached list in `format` into the documents library, named by the
/// company's name; the window then offers Open and Save as… (`library_open`, `library_save_as`).
#[tauri::command(rename_all = "snake_case")]
pub async fn numbers_export(
    state: State<'_, AppState>,
    company_id: i64,
    filter: NumberFilter,
    format: ListFormat,
) -> CmdResult<DocumentInfo> {
    let lang = state.settings.read().await.language;
    state.account().await?.library().save_numbers_list(company_id, &filter, lang, format).await
}

/// Whether the portal answers now (the UI polls this while offline).
#[tauri::command(rename_all = "snake_case")]
pub async fn connection_check(state: State<'_, AppState>) -> CmdResult<bool> {
    Ok(state.account().await?.ping().await)
}
