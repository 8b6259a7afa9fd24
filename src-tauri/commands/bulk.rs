//! Bulk actions (issue 9): preview a selection, run it in the background with `bulk-progress`
//! events (core's `bulk::Runner`), cancel or pause, read the results, export them, forget a run. Thin: core's `account.bulk()`
//! does the work (see `kabinet-core/src/bulk/mod.rs`).
//!
//! Unlike the older commands, these take camelCase arguments (Tauri's default):
//! `bulk_preview({companyId, selection, action})`, `bulk_items({runId, offset, limit})`.
//! One run at a time per administrator: core refuses a second one while one runs (the run's
//! lifecycle is core's and kept in the cache; the shell keeps no state of its own).

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::action::Action;
use kabinet_core::bulk::{BulkItem, BulkRun, Runner, Selection};
use kabinet_core::cache::documents::DocumentInfo;
use tauri::{AppHandle, Emitter, State};

/// The event the window gets as a run goes: its `BulkRun`, at most ten a second, and always
/// the last (core's `Runner` paces them).
pub const BULK_PROGRESS: &str = "bulk-progress";

/// Previews `action` on the `selection` of the company's numbers: what will run and what is
/// skipped and why; the run is kept, ready.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_preview(
    state: State<'_, AppState>,
    company_id: i64,
    selection: Selection,
    action: Action,
) -> CmdResult<BulkRun> {
    state.account().await?.bulk().preview(company_id, &selection, &action).await
}

/// The lines of a file of pairs (number and new SIM) for a bulk SIM replacement: a CSV or
/// text file's lines, an XLSX's first two columns (core's `bulk::lines_of_file`).
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_pair_lines(name: String, bytes: Vec<u8>) -> CmdResult<Vec<String>> {
    kabinet_core::bulk::lines_of_file(&name, &bytes)
}

/// Starts or resumes a run in the background and returns at once; `bulk-progress` follows it.
/// Core's `Runner` claims it (refused here, at once, when it or another run is running, or it
/// is finished) and drives it; the shell only forwards its progress.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_run(app: AppHandle, state: State<'_, AppState>, run_id: String) -> CmdResult<()> {
    let runner = Runner::claim(state.account().await?, &run_id).await?;
    runner.spawn(move |run: &BulkRun| {
        if let Err(e) = app.emit(BULK_PROGRESS, run) {
            tracing::warn!("bulk-progress not sent to the window: {e}");
        }
    });
    Ok(())
}

/// Pauses a run between numbers (those in flight finish); Resume starts it again.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_pause(state: State<'_, AppState>, run_id: String) -> CmdResult<BulkRun> {
    state.account().await?.bulk().pause(&run_id).await
}

/// Cancels a run between numbers (those in flight finish).
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_cancel(state: State<'_, AppState>, run_id: String) -> CmdResult<BulkRun> {
    state.account().await?.bulk().cancel(&run_id).await
}

/// `limit` numbers of a run from `offset`, with their results.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_items(
    state: State<'_, AppState>,
    run_id: String,
    offset: u64,
    limit: u64,
) -> CmdResult<Vec<BulkItem>> {
    state.account().await?.bulk().items(&run_id, offset, limit).await
}

/// The company's runs, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_runs(state: State<'_, AppState>, company_id: Option<i64>) -> CmdResult<Vec<BulkRun>> {
    state.account().await?.bulk().runs(company_id).await
}

/// The run's results as XLSX (in the app's language), kept in the documents library.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_export(state: State<'_, AppState>, run_id: String) -> CmdResult<DocumentInfo> {
    let lang = state.settings.read().await.language;
    state.account().await?.bulk().export(&run_id, lang).await
}

/// Forgets a run and its results (not while it runs).
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_discard(state: State<'_, AppState>, run_id: String) -> CmdResult<()> {
    state.account().await?.bulk().discard(&run_id).await
}
