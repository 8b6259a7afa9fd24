//! Password recovery and first-time activation, in three steps: phone, code, new password.
//!
//! Rules: the code goes by SMS to the operator's own numbers and by e-mail to Tele2/Altel and
//! foreign numbers; it can be re-sent only 60 s after the last send, expires 5 minutes after it,
//! and dies after 3 wrong tries. The answer to step 1 is the same for unknown numbers.
//! Setting the password activates an account that was never activated, and ends its sessions.
//! The database keeps a code as its HMAC under the portal's key, with the recovery's id
//! (`portal_key.rs`): a six-digit code kept as a plain hash would be found by trying them all.

use crate::auth::{hash_password_in_turn, new_code, new_token};
use crate::db::{parse_ts, ts};
use crate::digest::sha256_hex;
use crate::error::{ApiError, ApiResult, Body, Path};
use crate::idempotency::SecretAnswer;
use crate::language::Asked;
use crate::portal_key::Purpose;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use kabinet_protocol::api::{
    CodeChannel, RecoveryCompleteRequest, RecoveryStartRequest, RecoveryTicket, RecoveryVerified, RecoveryVerifyRequest,
};
use kabinet_protocol::domain::{Password, Phone};
use kabinet_protocol::{Error, ErrorCode};

struct Recovery {
    phone: String,
    admin_id: Option<i64>,
    channel: CodeChannel,
    code_hash: String,
    sent_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    wrong_attempts: i64,
    reset_token_hash: Option<String>,
    state: String,
}

async fn load(state: &AppState, id: &str) -> ApiResult<Recovery> {
    type Row = (String, Option<i64>, String, String, String, String, i64, Option<String>, String);
    let row: Option<Row> = sqlx::query_as(
        "SELECT phone, admin_id, channel, code_hash, sent_at, expires_at, wrong_attempts, reset_token_hash, state
         FROM recoveries WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let (phone, admin_id, channel, code_hash, sent_at, expires_at, wrong_attempts, reset_token_hash, st) =
        row.ok_or_else(|| ApiError::new(ErrorCode::NotFound, "This recovery is unknown or over. Start again."))?;
    Ok(Recovery {
        phone,
        admin_id,
        channel: if channel == "sms" { CodeChannel::Sms } else { CodeChannel::Email },
        code_hash,
        sent_at: parse_ts(&sent_at),
        expires_at: parse_ts(&expires_at),
        wrong_attempts,
        reset_token_hash,
        state: st,
    })
}

fn ticket(state: &AppState, id: String, channel: CodeChannel) -> RecoveryTicket {
    RecoveryTicket {
        recovery_id: id,
        channel,
        resend_after_s: state.rules.code_resend_after.num_seconds() as u64,
        expires_in_s: state.rules.code_ttl.num_seconds() as u64,
    }
}

/// The code as the database keeps it: its MAC under the portal's key, bound to the recovery.
fn code_mac(state: &AppState, id: &str, code: &str) -> String {
    state.key.mac_hex(Purpose::RecoveryCode, &[id.as_bytes(), code.as_bytes()])
}

/// Puts a fresh code for the recovery `id` in the outbox (for a known account) and returns what
/// the database keeps of it ([`code_mac`]).
async fn send_code(
    state: &AppState,
    id: &str,
    admin_id: Option<i64>,
    phone: &str,
    channel: &CodeChannel,
    lang: Asked,
) -> ApiResult<String> {
    let code = new_code();
    if let Some(id) = admin_id {
        let email: String =
            sqlx::query_scalar("SELECT email FROM admins WHERE id = ?").bind(id).fetch_one(&state.db).await?;
        let minutes = state.rules.code_ttl.num_minutes();
        let (recipient, body) = match channel {
            CodeChannel::Sms => (phone.to_string(), crate::messages::recovery_sms(lang.0, &code, minutes)),
            // The sandbox picks the channel itself: Email is the only other one it uses.
            _ => (email, crate::messages::recovery_email(lang.0, phone, &code, minutes)),
        };
        // In memory only: the data folder never holds a code (see outbox.rs).
        state.outbox.send(state.clock.now(), channel.clone(), recipient, body);
    }
    Ok(code_mac(state, id, &code))
}

fn too_early(wait_s: i64) -> ApiError {
    ApiError(
        Error::new(ErrorCode::RateLimited, format!("A new code can be sent in {wait_s} s."))
            .with_retry_after(wait_s.max(1) as u64),
    )
}

/// Step 1: sends a code for the number.
#[utoipa::path(post, path = "/api/v1/auth/recovery", tag = "auth",
    params(("Idempotency-Key" = String, Header)),
    request_body = RecoveryStartRequest,
    responses(
        (status = 200, body = RecoveryTicket),
        (status = 400, body = Error, description = "invalid_phone"),
        (status = 429, body = Error, description = "rate_limited: a code was sent to this number less than 60 s ago"),
    ))]
pub async fn start(
    State(state): State<AppState>,
    lang: Asked,
    Body(req): Body<RecoveryStartRequest>,
) -> ApiResult<Json<RecoveryTicket>> {
    let phone = Phone::parse(&req.phone)?;
    let now = state.clock.now();
    let last_sent: Option<String> = sqlx::query_scalar("SELECT MAX(sent_at) FROM recoveries WHERE phone = ?")
        .bind(phone.as_str())
        .fetch_one(&state.db)
        .await?;
    if let Some(last) = last_sent.map(|s| parse_ts(&s)) {
        let wait = (last + state.rules.code_resend_after - now).num_seconds();
        if wait > 0 {
            return Err(too_early(wait));
        }
    }
    let admin_id: Option<i64> = sqlx::query_scalar("SELECT id FROM admins WHERE phone = ?")
        .bind(phone.as_str())
        .fetch_optional(&state.db)
        .await?;
    let channel = if phone.gets_sms_codes() { CodeChannel::Sms } else { CodeChannel::Email };
    let id = uuid::Uuid::new_v4().to_string();
    let code_hash = send_code(&state, &id, admin_id, phone.as_str(), &channel, lang).await?;
    sqlx::query(
        "INSERT INTO recoveries (id, phone, admin_id, channel, code_hash, sent_at, expires_at, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'sent')",
    )
    .bind(&id)
    .bind(phone.as_str())
    .bind(admin_id)
    .bind(if channel == CodeChannel::Sms { "sms" } else { "email" })
    .bind(code_hash)
    .bind(ts(now))
    .bind(ts(now + state.rules.code_ttl))
    .execute(&state.db)
    .await?;
    Ok(Json(ticket(&state, id, channel)))
}

/// Sends a new code (the old one stops working), no sooner than 60 s after the last one.
#[utoipa::path(post, path = "/api/v1/auth/recovery/{id}/resend", tag = "auth",
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 200, body = RecoveryTicket),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: the password was already set"),
        (status = 429, body = Error, description = "rate_limited, with Retry-After"),
    ))]
pub async fn resend(
    State(state): State<AppState>,
    lang: Asked,
    Path(id): Path<String>,
) -> ApiResult<Json<RecoveryTicket>> {
    let rec = load(&state, &id).await?;
    if rec.state == "done" || rec.state == "verified" {
        return Err(ApiError::new(ErrorCode::NotAllowedInState, "The code was already confirmed."));
    }
    let now = state.clock.now();
    let wait = (rec.sent_at + state.rules.code_resend_after - now).num_seconds();
    if wait > 0 {
        return Err(too_early(wait));
    }
    let code_hash = send_code(&state, &id, rec.admin_id, &rec.phone, &rec.channel, lang).await?;
    sqlx::query(
        "UPDATE recoveries SET code_hash = ?, sent_at = ?, expires_at = ?, wrong_attempts = 0, state = 'sent' WHERE id = ?",
    )
    .bind(code_hash)
    .bind(ts(now))
    .bind(ts(now + state.rules.code_ttl))
    .bind(&id)
    .execute(&state.db)
    .await?;
    Ok(Json(ticket(&state, id, rec.channel)))
}

/// Step 2: checks the code. A retry with the same Idempotency-Key replays the first answer; sent
/// again with the same code but no known key, it answers a fresh reset token and the earlier
/// one stops working.
#[utoipa::path(post, path = "/api/v1/auth/recovery/{id}/verify", tag = "auth",
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = RecoveryVerifyRequest,
    responses(
        (status = 200, body = RecoveryVerified),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: the recovery is over, or was confirmed with another code"),
        (status = 422, body = Error, description = "invalid_code (with attempts_left), code_expired, code_attempts_exceeded"),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Body(req): Body<RecoveryVerifyRequest>,
) -> ApiResult<(SecretAnswer, Json<RecoveryVerified>)> {
    let rec = load(&state, &id).await?;
    let dead = || ApiError::new(ErrorCode::CodeAttemptsExceeded, "Too many wrong codes. Request a new code.");
    let confirmed = || ApiError::new(ErrorCode::NotAllowedInState, "The code was already confirmed.");
    match rec.state.as_str() {
        // "verified": a retry whose first answer was lost and whose key is not known (keys of
        // this route live in memory only, idempotency.rs): the same code gets a fresh token
        // and the earlier one stops working.
        "sent" | "verified" => {}
        "dead" => return Err(dead()),
        _ => return Err(confirmed()),
    }
    if state.clock.now() >= rec.expires_at {
        return Err(ApiError::new(ErrorCode::CodeExpired, "The code has expired. Request a new code."));
    }
    // Unknown numbers were sent nothing, so no code matches for them.
    let matches = rec.admin_id.is_some()
        && state.key.matches(Purpose::RecoveryCode, &[id.as_bytes(), req.code.trim().as_bytes()], &rec.code_hash);
    if rec.state == "verified" && !matches {
        return Err(confirmed());
    }
    if !matches {
        let wrong = rec.wrong_attempts + 1;
        let died = wrong >= state.rules.code_attempts;
        sqlx::query("UPDATE recoveries SET wrong_attempts = ?, state = ? WHERE id = ?")
            .bind(wrong)
            .bind(if died { "dead" } else { "sent" })
            .bind(&id)
            .execute(&state.db)
            .await?;
        if died {
            return Err(dead());
        }
        return Err(ApiError(
            Error::new(ErrorCode::InvalidCode, "Wrong code.")
                .with_attempts_left((state.rules.code_attempts - wrong) as u32),
        ));
    }
    let activated: i64 =
        sqlx::query_scalar("SELECT activated FROM admins WHERE id = ?").bind(rec.admin_id).fetch_one(&state.db).await?;
    let reset_token = new_token();
    // A retry keeps the first verification's deadline: retrying never extends it.
    let expires_at = if rec.state == "verified" { rec.expires_at } else { state.clock.now() + state.rules.reset_ttl };
    sqlx::query("UPDATE recoveries SET state = 'verified', reset_token_hash = ?, expires_at = ? WHERE id = ?")
        .bind(sha256_hex(reset_token.as_bytes()))
        .bind(ts(expires_at))
        .bind(&id)
        .execute(&state.db)
        .await?;
    Ok((SecretAnswer, Json(RecoveryVerified { reset_token, activation_required: activated == 0 })))
}

/// Step 3: sets the new password (and activates a new account).
#[utoipa::path(post, path = "/api/v1/auth/recovery/{id}/complete", tag = "auth",
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = RecoveryCompleteRequest,
    responses(
        (status = 204),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: the code was not confirmed"),
        (status = 429, body = Error, description = "rate_limited (Retry-After) when too many password changes wait to be hashed"),
        (status = 422, body = Error, description = "weak_password, password_mismatch, code_expired"),
    ))]
pub async fn complete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Body(req): Body<RecoveryCompleteRequest>,
) -> ApiResult<StatusCode> {
    let rec = load(&state, &id).await?;
    let token_ok = rec.reset_token_hash.as_deref() == Some(sha256_hex(req.reset_token.as_bytes()).as_str());
    if rec.state != "verified" || !token_ok {
        return Err(ApiError::new(ErrorCode::NotAllowedInState, "Confirm the code first."));
    }
    if state.clock.now() >= rec.expires_at {
        return Err(ApiError::new(ErrorCode::CodeExpired, "This recovery has expired. Start again."));
    }
    let phone = Phone::parse(&rec.phone)?;
    let password = Password::new_with_confirmation(&req.password, &req.confirmation, Some(&phone))?;
    let admin_id = rec.admin_id.expect("verified recoveries belong to an admin");
    // Argon2 in its turn and outside the writer lock; the recovery is claimed under it.
    let password_hash = hash_password_in_turn(&state, password.expose()).await?;
    let _writer = state.write_lock.lock().await;
    let mut tx = state.db.begin().await?;
    let claimed = sqlx::query(
        "UPDATE recoveries SET state = 'done', reset_token_hash = NULL
         WHERE id = ? AND state = 'verified' AND reset_token_hash = ?",
    )
    .bind(&id)
    .bind(rec.reset_token_hash.as_deref())
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Err(ApiError::new(ErrorCode::NotAllowedInState, "Confirm the code first."));
    }
    sqlx::query("UPDATE admins SET password_hash = ?, activated = 1 WHERE id = ?")
        .bind(password_hash)
        .bind(admin_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE admin_id = ?").bind(admin_id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM login_failures WHERE phone = ?").bind(&rec.phone).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
