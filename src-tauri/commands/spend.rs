//! The Spend area: its figures from the cache (offline as of the last fetch), the fetch of the
//! charges from the portal, the numbers behind one figure, and the chargeback file kept in the
//! library. Thin: every figure is built by core (`account.spend()`).
//!
//! The embedded demo portal's company gets the demo's labels (cost centres) once, when Spend
//! first reads it: labels live only in the local cache, so the portal cannot serve them
//! (`portal_sandbox::DEMO_LABELS_CSV`, applied by `labels().seed_once`).

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::rules::document_months::YearMonth;
use kabinet_core::spend::aggregate::{Basis, Figure};
use kabinet_core::spend::{Fetched, NumberBehind, SpendOverview};
use tauri::State;

/// Gives the embedded demo's company its labels, once (see the module's note). A failure is
/// logged and the figures shown without them: the labels are a demo's convenience.
async fn seed_demo_labels(state: &AppState, company_id: i64) {
    if company_id != portal_sandbox::DEMO_LABELS_COMPANY || state.info().await.demo.is_none() {
        return;
    }
    let csv = portal_sandbox::DEMO_LABELS_CSV.as_bytes();
    let seeded = match state.account().await {
        Ok(account) => account.labels().seed_once(company_id, csv, "demo-labels.csv").await,
        Err(e) => Err(e),
    };
    if let Err(e) = seeded {
        tracing::warn!("the demo's labels were not applied: {e}");
    }
}

/// Every figure over the last 12 months held, from the cache: what the screen shows.
#[tauri::command(rename_all = "snake_case")]
pub async fn spend_overview(state: State<'_, AppState>, company_id: i64, basis: Basis) -> CmdResult<SpendOverview> {
    seed_demo_labels(&state, company_id).await;
    state.account().await?.spend().overview(company_id, basis).await
}

/// Fetches the charges of the last 12 certificate months from the portal into the cache.
#[tauri::command(rename_all = "snake_case")]
pub async fn spend_fetch(state: State<'_, AppState>, company_id: i64) -> CmdResult<Fetched> {
    state.account().await?.spend().fetch(company_id).await
}

/// The numbers behind one figure of the overview, each with its part of it.
#[tauri::command(rename_all = "snake_case")]
pub async fn spend_behind(
    state: State<'_, AppState>,
    company_id: i64,
    figure: Figure,
    basis: Basis,
) -> CmdResult<Vec<NumberBehind>> {
    state.account().await?.spend().behind(company_id, &figure, basis).await
}

/// The chargeback of `from..=to` (months held) as XLSX in the user's language, kept in the
/// library; the window then offers to open it.
#[tauri::command(rename_all = "snake_case")]
pub async fn spend_chargeback(
    state: State<'_, AppState>,
    company_id: i64,
    from: YearMonth,
    to: YearMonth,
) -> CmdResult<DocumentInfo> {
    let lang = state.settings.read().await.language;
    let (_, info) = state.account().await?.spend().chargeback_file(company_id, from, to, lang).await?;
    Ok(info)
}
