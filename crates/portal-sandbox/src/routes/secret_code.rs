//! The secret code over HTTP (manual: "Obtaining a secret code", FAQ 6): the administrator has
//! one sent to the number by SMS, or deletes it; the employee signs in with the number and the
//! code and gets a session that reads that one number (`auth::CodeHolder`).
//!
//! The code is hashed with Argon2 (in its turn, outside the writer lock, like a password), so
//! these routes take the writer lock themselves (`routes::session_unserialised_router`,
//! `routes::hashing_router`). Sending one keeps its Idempotency-Key in the database with its
//! change (neither its request nor its answer carries the code); the code login's keys stay in
//! memory (its body carries the code). The code reaches the outbox only, after the change
//! committed; no answer carries it.

use crate::auth::{hash_password_in_turn, new_secret_code, new_token, verify_password_in_turn, Admin};
use crate::digest::sha256_hex;
use crate::error::{ApiError, ApiResult, Body, Path};
use crate::idempotency::{Answer, Key, SecretAnswer};
use crate::language::Asked;
use crate::messages;
use crate::state::AppState;
use crate::store;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::Json;
use kabinet_protocol::api::{CodeChannel, CodeLoginRequest, CodeLoginResponse, SecretCodeDeleted, SecretCodeSent};
use kabinet_protocol::domain::Phone;
use kabinet_protocol::{Error, ErrorCode};
use std::net::SocketAddr;

/// Sends a new secret code to the number by SMS. A code sent before stops working (replaced)
/// and its sessions end. The answer says that it was sent, never the code.
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/secret-code", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 200, body = SecretCodeSent),
        (status = 401, body = Error),
        (status = 403, body = Error, description = "forbidden: a secret-code session"),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state (secret_code_needs_active)"),
        (status = 429, body = Error, description = "rate_limited: too many codes hashed at once"),
    ))]
pub async fn send(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Asked(lang): Asked,
    Path(msisdn): Path<String>,
) -> ApiResult<Answer> {
    // Another company's number costs no hash.
    store::numbers::actor(&mut *state.db.acquire().await?, admin.id, &msisdn).await?;
    let code = new_secret_code();
    let code_hash = hash_password_in_turn(&state, &code).await?;
    let _writer = state.write_lock.lock().await;
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, &msisdn).await?;
    let now = state.clock.now();
    let outcome = store::secret_code::send(&mut tx, actor, &msisdn, &code_hash, now).await?;
    let sent = outcome.is_ok();
    let answer = store::commit_answer(tx, &key, StatusCode::OK, outcome).await?;
    if sent {
        state.outbox.send(now, CodeChannel::Sms, msisdn, messages::secret_code_sms(lang, &code));
    }
    Ok(answer)
}

/// Deletes the number's secret code; the employee's sessions with it end.
#[utoipa::path(delete, path = "/api/v1/numbers/{msisdn}/secret-code", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 200, body = SecretCodeDeleted),
        (status = 401, body = Error),
        (status = 403, body = Error, description = "forbidden: a secret-code session"),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state (no_secret_code)"),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path(msisdn): Path<String>,
) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, &msisdn).await?;
    let outcome = store::secret_code::delete(&mut tx, actor, &msisdn, state.clock.now()).await?;
    store::commit_answer(tx, &key, StatusCode::OK, outcome).await
}

/// The employee signs in to one number with its secret code. The session reads that number's
/// information, services, allowances, forwarding and usage (403 `forbidden` on any change, 404
/// for anything else). After `Rules::lockout_after` wrong codes in a row the code is deleted.
#[utoipa::path(post, path = "/api/v1/auth/code-login", tag = "auth",
    params(("Idempotency-Key" = String, Header)),
    request_body = CodeLoginRequest,
    responses(
        (status = 200, body = CodeLoginResponse),
        (status = 400, body = Error, description = "invalid_phone (field `msisdn`)"),
        (status = 401, body = Error, description = "invalid_credentials: no such code for this number"),
        (status = 429, body = Error, description = "rate_limited"),
    ))]
pub async fn code_login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Body(req): Body<CodeLoginRequest>,
) -> ApiResult<(SecretAnswer, Json<CodeLoginResponse>)> {
    let phone = Phone::parse(&req.msisdn).map_err(|e| ApiError(Error::from(e).with_field("msisdn")))?;
    let msisdn = phone.as_str();
    let _slot = state.signin_peers.take(peer.ip(), state.rules.signins_per_peer)?;
    let stored = store::secret_code::stored(&mut *state.db.acquire().await?, msisdn).await?;
    // A number without a code spends the same time on a dummy hash.
    let dummy = super::auth::dummy_hash();
    let hash = stored.as_ref().map_or(dummy.as_str(), |s| s.code_hash.as_str());
    let checked = verify_password_in_turn(&state, req.code.trim(), hash).await?;

    let writer = state.write_lock.lock().await;
    let mut tx = store::begin(&state.db).await?;
    // The code may have been replaced or deleted while it was checked.
    let still = store::secret_code::stored(&mut tx, msisdn).await?;
    let ok =
        checked && stored.is_some() && still.as_ref().map(|s| &s.code_hash) == stored.as_ref().map(|s| &s.code_hash);
    let now = state.clock.now();
    if !ok {
        if stored.is_some() {
            store::secret_code::failed(&mut tx, msisdn, state.rules.lockout_after).await?;
        }
        tx.commit().await?;
        drop(writer);
        tokio::time::sleep(state.rules.failed_signin_delay).await;
        return Err(ApiError::new(ErrorCode::InvalidCredentials, "Wrong number or secret code."));
    }
    let token = new_token();
    let expires_at = now + state.rules.session_idle;
    store::secret_code::open_session(&mut tx, msisdn, &sha256_hex(token.as_bytes()), now, expires_at).await?;
    tx.commit().await?;
    Ok((SecretAnswer, Json(CodeLoginResponse { token, expires_at, msisdn: msisdn.to_string() })))
}
