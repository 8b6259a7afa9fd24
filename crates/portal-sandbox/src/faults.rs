//! Failures on purpose, set through `POST /sandbox/faults`, for tests of interrupted work
//! (a sync that dies halfway must leave the client's cache as it was; an app killed after the
//! portal acted and before it answered must resolve its intent with the same key; a portal that
//! crashes between a change and its answer must replay that answer to the retry, not act again).

use crate::error::ApiError;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use kabinet_protocol::api::CrashAfterChange;
use kabinet_protocol::ErrorCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Default)]
pub struct Faults {
    numbers_pages_left: Arc<Mutex<Option<u32>>>,
    /// Milliseconds every state-changing answer is held after its action (0: none).
    answer_delay_ms: Arc<AtomicU64>,
    /// The next change dies between its commit and its answer.
    crash_after_change: Arc<Mutex<Option<CrashAfterChange>>>,
}

impl Faults {
    pub fn fail_numbers_after(&self, pages: Option<u32>) {
        *self.numbers_pages_left.lock().expect("faults lock") = pages;
    }

    /// Counts a page of numbers; errors once the planned pages are served.
    pub fn take_numbers_page(&self) -> Result<(), ApiError> {
        let mut left = self.numbers_pages_left.lock().expect("faults lock");
        match left.as_mut() {
            None => Ok(()),
            Some(0) => Err(ApiError::new(ErrorCode::Internal, "Injected fault: the portal is failing.")),
            Some(n) => {
                *n -= 1;
                Ok(())
            }
        }
    }

    pub fn delay_answers(&self, ms: Option<u64>) {
        self.answer_delay_ms.store(ms.unwrap_or(0), Ordering::Relaxed);
    }

    pub fn crash_after_change(&self, how: Option<CrashAfterChange>) {
        *self.crash_after_change.lock().expect("faults lock") = how;
    }

    /// Called by `idempotency::layer` once a change's handler returned (its transaction
    /// committed) and before its answer leaves: the planned crash, once.
    pub fn crash_if_planned(&self) {
        let planned = self.crash_after_change.lock().expect("faults lock").take();
        match planned {
            None => {}
            Some(CrashAfterChange::Process) => {
                tracing::error!("injected fault: the portal crashes after a change, before its answer");
                std::process::abort();
            }
            // The connection's task unwinds: the client gets no answer, the server goes on.
            Some(CrashAfterChange::Task) => panic!("injected fault: the request dies after its change"),
        }
    }
}

/// Holds the answer to a state-changing request for the planned delay. It is the outermost
/// layer of the session routes, so it runs after the action committed, its Idempotency-Key's
/// answer was stored and every lock was let go: a retry with the same key meanwhile replays.
/// Its state is the [`Faults`] alone (`AppState::faults`), so this module does not depend on
/// the state that holds it.
pub async fn delay_answers(State(faults): State<Faults>, request: Request, next: Next) -> Response {
    let changes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let response = next.run(request).await;
    let ms = faults.answer_delay_ms.load(Ordering::Relaxed);
    if changes && ms > 0 {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    response
}
