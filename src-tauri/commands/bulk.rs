//! Bulk actions (issue 9): preview a selection, run it in the background with `bulk-progress`
//! events, cancel, read the results, export them, forget a run. Thin: core's `account.bulk()`
//! does the work (see `kabinet-core/src/bulk/mod.rs`).
//!
//! Unlike the older commands, these take camelCase arguments (Tauri's default):
//! `bulk_preview({companyId, selection, action})`, `bulk_items({runId, offset, limit})`.
//! One run at a time per administrator: core refuses a second one while one runs (the run's
//! lifecycle is core's and kept in the cache; the shell keeps no state of its own).

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::action::Action;
use kabinet_core::bulk::{BulkItem, BulkRun, RunState, Selection};
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::{Error, ErrorCode};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, Manager, State};

/// The event the window gets as a run goes: its `BulkRun`, at most ten a second, and always
/// the last.
pub const BULK_PROGRESS: &str = "bulk-progress";

/// The least time between two progress events of a running run.
const THROTTLE: Duration = Duration::from_millis(100);

/// Previews `action` on the `selection` of the company's numbers: what will run and what is
/// skipped and why; the run is kept, ready.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_preview(
    state: State<'_, AppState>,
    company_id: i64,
    selection: Selection,
    action: Action,
) -> CmdResult<BulkRun> {
    state.account().await.bulk().preview(company_id, &selection, &action).await
}

/// The lines of a file of pairs (number and new SIM) for a bulk SIM replacement: a CSV or
/// text file's lines, an XLSX's first two columns (core's `bulk::lines_of_file`).
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_pair_lines(name: String, bytes: Vec<u8>) -> CmdResult<Vec<String>> {
    kabinet_core::bulk::lines_of_file(&name, &bytes)
}

/// Starts or resumes a run in the background and returns at once; `bulk-progress` follows it.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_run(app: AppHandle, state: State<'_, AppState>, run_id: String) -> CmdResult<()> {
    let account = state.account().await;
    let run = account.bulk().get(&run_id).await?;
    if run.state == RunState::Finished {
        return Err(Error::new(ErrorCode::NotAllowedInState, "This bulk action is finished: every number was sent."));
    }
    // Refused here, at once, when it or another run is running; driven in the background.
    let claimed = account.bulk().claim(&run_id).await?;
    tauri::async_runtime::spawn(async move {
        let last_sent: Mutex<Option<Instant>> = Mutex::new(None);
        let emit = |run: &BulkRun| {
            if let Err(e) = app.emit(BULK_PROGRESS, run) {
                tracing::warn!("bulk-progress not sent to the window: {e}");
            }
        };
        let progress = |run: &BulkRun| {
            let mut last = last_sent.lock().expect("bulk lock");
            if run.state == RunState::Running && last.is_some_and(|t| t.elapsed() < THROTTLE) {
                return;
            }
            *last = Some(Instant::now());
            emit(run);
        };
        let result = account.bulk().run_claimed(claimed, progress).await;
        if let Err(e) = result {
            tracing::warn!(code = %e.code_str(), "bulk run {run_id} stopped: {}", e.message);
            // The window still learns where the run stands.
            if let Ok(run) = app.state::<AppState>().account().await.bulk().get(&run_id).await {
                emit(&run);
            }
        }
    });
    Ok(())
}

/// Cancels a run between numbers (those in flight finish).
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_cancel(state: State<'_, AppState>, run_id: String) -> CmdResult<BulkRun> {
    state.account().await.bulk().cancel(&run_id).await
}

/// `limit` numbers of a run from `offset`, with their results.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_items(
    state: State<'_, AppState>,
    run_id: String,
    offset: u64,
    limit: u64,
) -> CmdResult<Vec<BulkItem>> {
    state.account().await.bulk().items(&run_id, offset, limit).await
}

/// The company's runs, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_runs(state: State<'_, AppState>, company_id: Option<i64>) -> CmdResult<Vec<BulkRun>> {
    state.account().await.bulk().runs(company_id).await
}

/// The run's results as XLSX (in the app's language), kept in the documents library.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_export(state: State<'_, AppState>, run_id: String) -> CmdResult<DocumentInfo> {
    let lang = state.settings.read().await.language;
    state.account().await.bulk().export(&run_id, lang).await
}

/// Forgets a run and its results (not while it runs).
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_discard(state: State<'_, AppState>, run_id: String) -> CmdResult<()> {
    state.account().await.bulk().discard(&run_id).await
}
