//! `Idempotency-Key` on every state-changing request under `/api/v1`.
//!
//! The check runs last: after routing (an unknown path or method answers 404 or 405) and after
//! authentication (`auth::layer`: a request without a live session answers 401, even when it
//! repeats a key), so the key never hides what the request itself got wrong. It is a
//! `route_layer` in `routes::router`.
//!
//! The first answer to a key is stored with a hash of the request body. The same key with the
//! same body replays that answer (the action does not run again); with another body it is
//! refused with 422 `idempotency_key_reused`. Keys are scoped by method, path and caller.
//! Server errors (5xx) are not stored, so they can be retried.
//!
//! Answers that carry a secret (a session token, a reset token) are marked [`SecretAnswer`] by
//! their handler and never stored: the promise of `auth.rs` is that tokens exist in the data
//! folder only as SHA-256. For such a key only the body's hash is kept; a retry with the same
//! body runs the action again (a new session; a fresh reset token that replaces the first).
//! Answers are kept for `Rules::idempotency_ttl`, then purged (`purge.rs`).

use crate::auth::{sha256_hex, Admin};
use crate::db::ts;
use crate::error::ApiError;
use crate::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use kabinet_core::api::IDEMPOTENCY_KEY_HEADER;
use kabinet_core::ErrorCode;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::{Mutex, OwnedMutexGuard};

const MAX_BODY: usize = 1024 * 1024;

/// Marks an answer that carries a secret: it is never stored for replay.
#[derive(Debug, Clone, Copy)]
pub struct SecretAnswer;

impl IntoResponseParts for SecretAnswer {
    type Error = Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        res.extensions_mut().insert(self);
        Ok(res)
    }
}

/// For routes whose handlers take `AppState::write_lock` themselves: the ones that hash a
/// password, which must not hold the writer lock while Argon2 runs.
pub async fn layer_unserialised(State(state): State<AppState>, request: Request, next: Next) -> Response {
    checked(state, request, next, false).await
}

/// For every other state-changing route: the handler runs holding the writer lock.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    checked(state, request, next, true).await
}

async fn checked(state: AppState, request: Request, next: Next, serialised: bool) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    match guarded(state, request, next, serialised).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn guarded(state: AppState, request: Request, next: Next, serialised: bool) -> Result<Response, ApiError> {
    let key = request
        .headers()
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .map(str::to_string)
        .ok_or_else(|| {
            ApiError::new(ErrorCode::IdempotencyKeyRequired, "State-changing requests need an Idempotency-Key header.")
        })?;
    let (parts, body) = request.into_parts();
    // `auth::layer` put the caller there; routes without a session share "anonymous".
    let caller = parts.extensions.get::<Admin>().map_or_else(|| "anonymous".to_string(), |a| a.token_hash.clone());
    let scope = format!("{} {} {}", parts.method, parts.uri.path(), caller);
    let bytes = to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| ApiError::new(ErrorCode::InvalidInput, "The request body is too large."))?;
    let body_hash = sha256_hex(&bytes);

    let _turn = state.keys_in_flight.hold(format!("{key}\n{scope}")).await;
    let writer = if serialised { Some(state.write_lock.lock().await) } else { None };
    let now = state.clock.now();
    let stored: Option<(String, i64, Vec<u8>, i64)> = sqlx::query_as(
        "SELECT body_hash, status, response, replayable FROM idempotency WHERE key = ? AND scope = ? AND created_at > ?",
    )
    .bind(&key)
    .bind(&scope)
    .bind(ts(now - state.rules.idempotency_ttl))
    .fetch_optional(&state.db)
    .await?;
    let request = Request::from_parts(parts, Body::from(bytes));
    match stored {
        Some((first_hash, ..)) if first_hash != body_hash => {
            return Err(ApiError::new(
                ErrorCode::IdempotencyKeyReused,
                "This Idempotency-Key was already used for a different request.",
            ))
        }
        Some((_, status, response, 1)) => {
            let mut replay = Response::new(Body::from(response));
            *replay.status_mut() = StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK);
            let headers = replay.headers_mut();
            headers.insert("content-type", HeaderValue::from_static("application/json"));
            headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
            return Ok(replay);
        }
        // A secret-bearing answer was not kept: run the action again (see the module docs).
        Some(_) => return Ok(next.run(request).await),
        None => {}
    }

    let response = next.run(request).await;
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_BODY).await.unwrap_or_default();
    if !parts.status.is_server_error() {
        let secret = parts.extensions.get::<SecretAnswer>().is_some();
        let _writer = match writer {
            Some(w) => w,
            None => state.write_lock.lock().await,
        };
        sqlx::query(
            "INSERT INTO idempotency (key, scope, body_hash, status, response, replayable, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (key, scope) DO UPDATE SET body_hash = excluded.body_hash, status = excluded.status,
                 response = excluded.response, replayable = excluded.replayable, created_at = excluded.created_at",
        )
        .bind(&key)
        .bind(&scope)
        .bind(&body_hash)
        .bind(i64::from(parts.status.as_u16()))
        .bind(if secret { Vec::new() } else { bytes.to_vec() })
        .bind(!secret)
        .bind(ts(state.clock.now()))
        .execute(&state.db)
        .await?;
    }
    Ok(Response::from_parts(parts, Body::from(bytes)))
}

/// Keys with a request in flight: a second request with the same key waits for the first to
/// finish, then replays its answer.
#[derive(Clone, Default)]
pub struct InFlight {
    keys: Arc<std::sync::Mutex<HashMap<String, Arc<Mutex<()>>>>>,
}

impl InFlight {
    async fn hold(&self, id: String) -> KeyTurn {
        let lock = {
            let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
            keys.entry(id.clone()).or_default().clone()
        };
        KeyTurn { guard: Some(lock.lock_owned().await), keys: self.keys.clone(), id }
    }
}

struct KeyTurn {
    guard: Option<OwnedMutexGuard<()>>,
    keys: Arc<std::sync::Mutex<HashMap<String, Arc<Mutex<()>>>>>,
    id: String,
}

impl Drop for KeyTurn {
    fn drop(&mut self) {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        drop(self.guard.take());
        // Nobody else holds or waits for the key (waiters clone it under this same lock).
        if keys.get(&self.id).is_some_and(|l| Arc::strong_count(l) == 1) {
            keys.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_key_is_forgotten_once_no_request_holds_it() {
        let in_flight = InFlight::default();
        let first = in_flight.hold("k".into()).await;
        let second = tokio::spawn({
            let in_flight = in_flight.clone();
            async move { in_flight.hold("k".into()).await }
        });
        tokio::task::yield_now().await;
        drop(first);
        let second = second.await.unwrap();
        assert_eq!(in_flight.keys.lock().unwrap().len(), 1);
        drop(second);
        assert!(in_flight.keys.lock().unwrap().is_empty());
    }
}
