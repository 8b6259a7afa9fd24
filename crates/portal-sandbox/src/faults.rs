//! Failures on purpose, set through `POST /sandbox/faults`, for tests of interrupted work
//! (a sync that dies halfway must leave the client's cache as it was; an app killed after the
//! portal acted and before it answered must resolve its intent with the same key).

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use kabinet_core::ErrorCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Default)]
pub struct Faults {
    numbers_pages_left: Arc<Mutex<Option<u32>>>,
    /// Milliseconds every state-changing answer is held after its action (0: none).
    answer_delay_ms: Arc<AtomicU64>,
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
}

/// Holds the answer to a state-changing request for the planned delay. It is the outermost
/// layer of the session routes, so it runs after the action committed, its Idempotency-Key's
/// answer was stored and every lock was let go: a retry with the same key meanwhile replays.
pub async fn delay_answers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let changes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let response = next.run(request).await;
    let ms = state.faults.answer_delay_ms.load(Ordering::Relaxed);
    if changes && ms > 0 {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    response
}
