//! `Idempotency-Key` on every state-changing request under `/api/v1`.
//!
//! The check runs last: after routing (an unknown path or method answers 404 or 405) and after
//! authentication (`auth::layer`: a request without a live session answers 401, even when it
//! repeats a key), so the key never hides what the request itself got wrong. It is a
//! `route_layer` in `routes::router`.
//!
//! The first answer to a key is stored with a hash of the request body. The same key with the
//! same body replays that answer (the action does not run again); with another body it is
//! refused with 422 `idempotency_key_reused`. Keys are scoped by method, path and caller: the
//! administrator (not the session, so a retry after a new sign-in replays), or a code holder's
//! session.
//! Server errors (5xx) and 429 (`rate_limited`, `locked_out`) are not stored: nothing was done,
//! so a retry with the same key may act.
//!
//! A change and its key's answer commit in ONE transaction, as payment APIs do: the handler
//! takes the request's [`Key`] and commits with `store::commit_answer`, which writes the answer
//! before the commit. Stored afterwards, a crash between the two (a `kill -9`, a panic) would
//! leave the change without its key, and the retry would act a second time. Answers given
//! before any change (a body that does not parse, a number of another company) are stored here
//! after the handler, which is safe: a retry gets the same refusal. A session's 2xx answer that
//! was not recorded with its change is a bug of its route (a debug assertion says so).
//!
//! Routes whose request or answer carries a secret (a password, a one-time code, a session or
//! reset token: sign-in, recovery verify and complete, password change) keep their keys in
//! memory only ([`Keep::Memory`]): not the answer, and not even the body's hash, since a fast
//! hash of a body holding a password can be reversed by guessing. The promise of `auth.rs` is
//! that secrets exist in the data folder only as SHA-256 of random values, as HMAC under the
//! portal's key (`portal_key.rs`: recovery codes) or as Argon2. Such
//! keys replay within the process's life; after a restart a retry runs the action again (a new
//! session; a consumed reset token or changed password answers with its error). An answer marked
//! [`SecretAnswer`] is never written to the database even on a route kept there, as a safety net.
//! Answers are kept for `Rules::idempotency_ttl`, then purged (`purge.rs`).

use crate::auth::{Admin, CodeHolder};
use crate::db::ts;
use crate::digest::sha256_hex;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use chrono::{DateTime, Utc};
use kabinet_protocol::api::{idempotency_key, IDEMPOTENCY_KEY_HEADER};
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;
use std::convert::Infallible;

pub mod memory;

use memory::Stored;

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

/// The Idempotency-Key of the request being handled, on a route whose keys are kept in the
/// database: the handler records its answer with its change ([`Key::record`], called by
/// `store::commit_answer`) in the change's own transaction.
#[derive(Debug, Clone)]
pub struct Key {
    key: String,
    scope: String,
    body_hash: String,
    at: DateTime<Utc>,
}

impl<S: Send + Sync> FromRequestParts<S> for Key {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts.extensions.get::<Key>().cloned().ok_or_else(|| {
            tracing::error!(
                "{} {}: a change recorded with its key on a route without one",
                parts.method,
                parts.uri.path()
            );
            ApiError::new(ErrorCode::Internal, "The portal failed to process the request. Try again in a few minutes.")
        })
    }
}

impl Key {
    /// Writes the key's first answer in the caller's transaction, so it commits (or not) with
    /// the change it answers.
    pub async fn record(&self, conn: &mut SqliteConnection, status: StatusCode, response: &[u8]) -> ApiResult<()> {
        store_answer(conn, &self.key, &self.scope, &self.body_hash, status, response, self.at).await
    }
}

/// An answer recorded with its change (its key's first answer is already in the database).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

/// Marks a response whose answer was recorded in the change's transaction.
#[derive(Debug, Clone, Copy)]
struct Recorded;

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let empty = self.body.is_empty();
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        if !empty {
            response.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
        }
        response.extensions_mut().insert(Recorded);
        response
    }
}

async fn store_answer(
    conn: &mut SqliteConnection,
    key: &str,
    scope: &str,
    body_hash: &str,
    status: StatusCode,
    response: &[u8],
    at: DateTime<Utc>,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO idempotency (key, scope, body_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key, scope) DO UPDATE SET body_hash = excluded.body_hash, status = excluded.status,
             response = excluded.response, created_at = excluded.created_at",
    )
    .bind(key)
    .bind(scope)
    .bind(body_hash)
    .bind(i64::from(status.as_u16()))
    .bind(response)
    .bind(ts(at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Where a key's first answer is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The `idempotency` table: survives a restart.
    Database,
    /// [`memory::SecretKeys`], in memory: for requests and answers that carry a secret.
    Memory,
}

/// For most state-changing routes: the handler runs holding the writer lock.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    checked(state, request, next, true, Keep::Database).await
}

/// For a change whose handler takes `AppState::write_lock` itself (after Argon2), with its key
/// kept in the database (recorded in the change's transaction).
pub async fn layer_unserialised(State(state): State<AppState>, request: Request, next: Next) -> Response {
    checked(state, request, next, false, Keep::Database).await
}

/// For a route whose request or answer carries a secret, run holding the writer lock.
pub async fn layer_secret(State(state): State<AppState>, request: Request, next: Next) -> Response {
    checked(state, request, next, true, Keep::Memory).await
}

/// For routes that hash a password (their body carries it): the handler takes
/// `AppState::write_lock` itself, after Argon2, which must not run holding it.
pub async fn layer_secret_unserialised(State(state): State<AppState>, request: Request, next: Next) -> Response {
    checked(state, request, next, false, Keep::Memory).await
}

async fn checked(state: AppState, request: Request, next: Next, serialised: bool, keep: Keep) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    match guarded(state, request, next, serialised, keep).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn guarded(
    state: AppState,
    request: Request,
    next: Next,
    serialised: bool,
    keep: Keep,
) -> Result<Response, ApiError> {
    let key = request
        .headers()
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(idempotency_key)
        .map(str::to_string)
        .ok_or_else(|| {
            ApiError::new(ErrorCode::IdempotencyKeyRequired, "State-changing requests need an Idempotency-Key header.")
        })?;
    let (mut parts, body) = request.into_parts();
    // `auth::layer` put the caller there (an administrator, or a code holder ending its session);
    // routes without a session share "anonymous". An administrator's keys are theirs across
    // sessions: a retry after signing in again is the same intent, and replays.
    let caller = match (parts.extensions.get::<Admin>(), parts.extensions.get::<CodeHolder>()) {
        (Some(admin), _) => format!("admin:{}", admin.id),
        (None, Some(holder)) => holder.token_hash.clone(),
        (None, None) => "anonymous".to_string(),
    };
    let scope = format!("{} {} {}", parts.method, parts.uri.path(), caller);
    let bytes = to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| ApiError::new(ErrorCode::InvalidInput, "The request body is too large."))?;
    let body_hash = sha256_hex(&bytes);

    let _turn = state.keys_in_flight.hold(format!("{key}\n{scope}")).await;
    let writer = if serialised { Some(state.write_lock.lock().await) } else { None };
    let now = state.clock.now();
    let since = now - state.rules.idempotency_ttl;
    let stored = match keep {
        Keep::Memory => state.secret_keys.get(&key, &scope, since),
        Keep::Database => sqlx::query_as::<_, (String, i64, Vec<u8>)>(
            "SELECT body_hash, status, response FROM idempotency WHERE key = ? AND scope = ? AND created_at > ?",
        )
        .bind(&key)
        .bind(&scope)
        .bind(ts(since))
        .fetch_optional(&state.db)
        .await?
        .map(|(body_hash, status, response)| Stored { body_hash, status: status as u16, response }),
    };
    if let Some(first) = stored {
        if first.body_hash != body_hash {
            return Err(ApiError::new(
                ErrorCode::IdempotencyKeyReused,
                "This Idempotency-Key was already used for a different request.",
            ));
        }
        let mut replay = Response::new(Body::from(first.response));
        *replay.status_mut() = StatusCode::from_u16(first.status).unwrap_or(StatusCode::OK);
        let headers = replay.headers_mut();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
        return Ok(replay);
    }

    let session = parts.extensions.get::<Admin>().is_some();
    if keep == Keep::Database {
        parts.extensions.insert(Key { key: key.clone(), scope: scope.clone(), body_hash: body_hash.clone(), at: now });
    }
    let response = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_BODY).await.unwrap_or_default();
    // Nothing was done: a server error, or too many at once (429); a retry may act.
    if parts.status.is_server_error() || parts.status == StatusCode::TOO_MANY_REQUESTS {
        return Ok(Response::from_parts(parts, Body::from(bytes)));
    }
    state.faults.crash_if_planned();
    if parts.extensions.get::<Recorded>().is_some() {
        return Ok(Response::from_parts(parts, Body::from(bytes)));
    }
    debug_assert!(
        !(keep == Keep::Database && session && parts.status.is_success()),
        "{scope}: a change answered {} without recording its key in its transaction (store::commit_answer)",
        parts.status
    );
    let first = Stored { body_hash, status: parts.status.as_u16(), response: bytes.to_vec() };
    if keep == Keep::Memory {
        state.secret_keys.put(key, scope, first, state.clock.now());
    } else if parts.extensions.get::<SecretAnswer>().is_some() {
        tracing::error!("{scope}: an answer carrying a secret on a route whose keys are kept in the database");
    } else {
        // An answer given before any change (nothing to commit with it).
        let _writer = match writer {
            Some(w) => w,
            None => state.write_lock.lock().await,
        };
        let mut conn = state.db.acquire().await?;
        store_answer(&mut conn, &key, &scope, &first.body_hash, parts.status, &first.response, state.clock.now())
            .await?;
    }
    Ok(Response::from_parts(parts, Body::from(bytes)))
}
