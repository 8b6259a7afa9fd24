//! `Idempotency-Key` on every state-changing request under `/api/v1`.
//!
//! The first answer to a key is stored with a hash of the request body. The same key with the
//! same body replays that answer (the action does not run again); with another body it is
//! refused with 422 `idempotency_key_reused`. Keys are scoped by method, path and caller.
//! Server errors (5xx) are not stored, so they can be retried.

use crate::auth::{bearer_token_hash, sha256_hex};
use crate::db::ts;
use crate::error::ApiError;
use crate::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kabinet_core::api::IDEMPOTENCY_KEY_HEADER;
use kabinet_core::ErrorCode;

const MAX_BODY: usize = 1024 * 1024;

pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    match guarded(state, request, next).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn guarded(state: AppState, request: Request, next: Next) -> Result<Response, ApiError> {
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
    let caller = {
        let p = axum::http::request::Parts::clone(&parts);
        bearer_token_hash(&p).unwrap_or_else(|| "anonymous".into())
    };
    let scope = format!("{} {} {}", parts.method, parts.uri.path(), caller);
    let bytes = to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| ApiError::new(ErrorCode::InvalidInput, "The request body is too large."))?;
    let body_hash = sha256_hex(&bytes);

    let _writer = state.write_lock.lock().await;
    let stored: Option<(String, i64, Vec<u8>)> =
        sqlx::query_as("SELECT body_hash, status, response FROM idempotency WHERE key = ? AND scope = ?")
            .bind(&key)
            .bind(&scope)
            .fetch_optional(&state.db)
            .await?;
    if let Some((first_hash, status, response)) = stored {
        if first_hash != body_hash {
            return Err(ApiError::new(
                ErrorCode::IdempotencyKeyReused,
                "This Idempotency-Key was already used for a different request.",
            ));
        }
        let mut replay = Response::new(Body::from(response));
        *replay.status_mut() = StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK);
        let headers = replay.headers_mut();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
        return Ok(replay);
    }

    let response = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_BODY).await.unwrap_or_default();
    if !parts.status.is_server_error() {
        sqlx::query(
            "INSERT INTO idempotency (key, scope, body_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&key)
        .bind(&scope)
        .bind(&body_hash)
        .bind(i64::from(parts.status.as_u16()))
        .bind(bytes.to_vec())
        .bind(ts(state.clock.now()))
        .execute(&state.db)
        .await?;
    }
    Ok(Response::from_parts(parts, Body::from(bytes)))
}
