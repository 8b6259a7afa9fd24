//! Sign-in and sign-out, with the lockout rule: five failed logins in a row lock the number for
//! 15 minutes (429 `locked_out` with `Retry-After`). The answer to a failure never says whether
//! the number or the password was wrong, and unknown numbers are counted and locked alike.

use crate::auth::{hash_password, new_token, sha256_hex, verify_password_in_turn, Admin};
use crate::db::{parse_ts, ts};
use crate::error::{ApiError, ApiResult, Body};
use crate::idempotency::SecretAnswer;
use crate::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::Json;
use kabinet_core::api::{LoginRequest, LoginResponse, Profile};
use kabinet_core::domain::Phone;
use kabinet_core::{Error, ErrorCode};
use std::net::SocketAddr;

/// Signs in with a phone number and password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    params(("Idempotency-Key" = String, Header)),
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 400, body = Error, description = "invalid_phone"),
        (status = 401, body = Error, description = "invalid_credentials, with attempts_left"),
        (status = 403, body = Error, description = "activation_required: the account was never activated"),
        (status = 429, body = Error, description = "locked_out, with Retry-After; rate_limited (Retry-After) when too many sign-ins wait to be checked"),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Body(req): Body<LoginRequest>,
) -> ApiResult<(SecretAnswer, Json<LoginResponse>)> {
    let phone = Phone::parse(&req.phone)?;
    // A few sign-ins at once per address, so one address cannot take every hash turn.
    let _slot = state.signin_peers.take(peer.ip(), state.rules.signins_per_peer)?;
    // A locked number costs no hash: a stream of wrong passwords ends here after five.
    locked_out(&state, &phone).await?;

    let admin: Option<AdminRow> =
        sqlx::query_as("SELECT id, name, email, password_hash, activated FROM admins WHERE phone = ?")
            .bind(phone.as_str())
            .fetch_optional(&state.db)
            .await?;
    let known_hash = match &admin {
        Some((_, _, _, Some(hash), 1)) => Some(hash.clone()),
        Some((_, _, _, _, 0)) => {
            return Err(ApiError::new(
                ErrorCode::ActivationRequired,
                "You need to change your password to activate your account. Use \"Forgot password?\".",
            ))
        }
        _ => None,
    };
    // Argon2 in its turn and outside the writer lock. Unknown numbers spend the same time on a
    // dummy hash, so timing does not tell them apart.
    let checked =
        verify_password_in_turn(&state, &req.password, known_hash.as_deref().unwrap_or(&dummy_hash())).await?;
    let ok = known_hash.is_some() && checked;
    let answer = record(&state, &phone, ok, admin).await;
    if matches!(&answer, Err(e) if matches!(e.0.code, ErrorCode::InvalidCredentials | ErrorCode::LockedOut)) {
        // Outside the writer lock and the hash turn, but holding this address's place.
        tokio::time::sleep(state.rules.failed_signin_delay).await;
    }
    answer
}

type AdminRow = (i64, String, String, Option<String>, i64);

/// Under the writer lock: counts a failure (and locks), or opens the session.
async fn record(
    state: &AppState,
    phone: &Phone,
    ok: bool,
    admin: Option<AdminRow>,
) -> ApiResult<(SecretAnswer, Json<LoginResponse>)> {
    let rules = &state.rules;
    let _writer = state.write_lock.lock().await;
    // Again under the lock: concurrent failures may have locked the number meanwhile.
    locked_out(state, phone).await?;
    let now = state.clock.now();
    if !ok {
        let failures: Option<i64> = sqlx::query_scalar("SELECT failures FROM login_failures WHERE phone = ?")
            .bind(phone.as_str())
            .fetch_optional(&state.db)
            .await?;
        let count = failures.unwrap_or(0) + 1;
        if count >= rules.lockout_after {
            sqlx::query(
                "INSERT INTO login_failures (phone, failures, locked_until) VALUES (?, 0, ?)
                 ON CONFLICT (phone) DO UPDATE SET failures = 0, locked_until = excluded.locked_until",
            )
            .bind(phone.as_str())
            .bind(ts(now + rules.lockout_for))
            .execute(&state.db)
            .await?;
            return Err(locked(rules.lockout_for.num_seconds()));
        }
        sqlx::query(
            "INSERT INTO login_failures (phone, failures, locked_until) VALUES (?, ?, NULL)
             ON CONFLICT (phone) DO UPDATE SET failures = excluded.failures, locked_until = NULL",
        )
        .bind(phone.as_str())
        .bind(count)
        .execute(&state.db)
        .await?;
        return Err(ApiError(
            Error::new(ErrorCode::InvalidCredentials, "Wrong phone number or password.")
                .with_attempts_left((rules.lockout_after - count) as u32),
        ));
    }

    let (id, name, email, _, _) = admin.expect("ok implies a known admin");
    sqlx::query("DELETE FROM login_failures WHERE phone = ?").bind(phone.as_str()).execute(&state.db).await?;
    let token = new_token();
    let expires_at = now + rules.session_idle;
    sqlx::query("INSERT INTO sessions (token_hash, admin_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind(sha256_hex(token.as_bytes()))
        .bind(id)
        .bind(ts(now))
        .bind(ts(expires_at))
        .execute(&state.db)
        .await?;
    let profile = Profile { phone: phone.to_string(), name, email };
    Ok((SecretAnswer, Json(LoginResponse { token, expires_at, profile })))
}

/// 429 `locked_out` while the number is locked.
async fn locked_out(state: &AppState, phone: &Phone) -> ApiResult<()> {
    let until: Option<Option<String>> = sqlx::query_scalar("SELECT locked_until FROM login_failures WHERE phone = ?")
        .bind(phone.as_str())
        .fetch_optional(&state.db)
        .await?;
    let now = state.clock.now();
    match until.flatten().map(|u| parse_ts(&u)) {
        Some(until) if until > now => Err(locked((until - now).num_seconds())),
        _ => Ok(()),
    }
}

fn locked(seconds: i64) -> ApiError {
    let minutes = (seconds + 59) / 60;
    ApiError(
        Error::new(ErrorCode::LockedOut, format!("Too many failed attempts. Sign-in is locked for {minutes} min."))
            .with_retry_after(seconds.max(1) as u64),
    )
}

fn dummy_hash() -> String {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("not-a-real-password")).clone()
}

/// Ends the current session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    responses((status = 204), (status = 401, body = Error, description = "session_expired")))]
pub async fn logout(State(state): State<AppState>, admin: Admin) -> ApiResult<StatusCode> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?").bind(&admin.token_hash).execute(&state.db).await?;
    Ok(StatusCode::NO_CONTENT)
}
