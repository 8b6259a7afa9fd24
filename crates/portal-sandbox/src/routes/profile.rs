//! The administrator's own profile: view it, change the e-mail, change the password (the
//! current one required; other sessions end). A wrong current password counts with sign-in's
//! wrong passwords (`lockout.rs`): five in a row lock both for 15 minutes.

use crate::auth::{hash_password_in_turn, verify_password_in_turn, Admin};
use crate::error::{ApiError, ApiResult, Body};
use crate::idempotency::{Answer, Key};
use crate::lockout::{self, Locked};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_protocol::api::{EmailChangeRequest, PasswordChangeRequest, Profile};
use kabinet_protocol::domain::{Email, Password, Phone};
use kabinet_protocol::{Error, ErrorCode};

async fn profile_of(conn: &mut sqlx::SqliteConnection, admin: &Admin) -> ApiResult<Profile> {
    store::profile::of(conn, admin.id, &admin.phone, &admin.name).await
}

/// The signed-in administrator.
#[utoipa::path(get, path = "/api/v1/profile", tag = "profile", security(("bearer" = [])),
    responses((status = 200, body = Profile), (status = 401, body = Error, description = "session_expired")))]
pub async fn get_profile(State(state): State<AppState>, admin: Admin) -> ApiResult<Json<Profile>> {
    Ok(Json(profile_of(&mut *state.db.acquire().await?, &admin).await?))
}

/// Changes the e-mail address of the registration details.
#[utoipa::path(put, path = "/api/v1/profile/email", tag = "profile", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = EmailChangeRequest,
    responses(
        (status = 200, body = Profile),
        (status = 400, body = Error, description = "invalid_email"),
        (status = 401, body = Error, description = "session_expired"),
    ))]
pub async fn change_email(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Body(req): Body<EmailChangeRequest>,
) -> ApiResult<Answer> {
    let email = Email::parse(&req.email)?;
    let mut tx = store::begin(&state.db).await?;
    store::profile::set_email(&mut tx, admin.id, &email).await?;
    let profile = profile_of(&mut tx, &admin).await?;
    store::commit_answer(tx, &key, StatusCode::OK, Ok(profile)).await
}

/// Changes the password; the current one is required, and every other session ends.
#[utoipa::path(put, path = "/api/v1/profile/password", tag = "profile", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = PasswordChangeRequest,
    responses(
        (status = 204),
        (status = 401, body = Error, description = "session_expired"),
        (status = 422, body = Error, description = "wrong_password (field current_password, with attempts_left), weak_password, password_mismatch"),
        (status = 429, body = Error, description = "locked_out (reason password_attempts_exceeded, Retry-After): five wrong passwords in a row, here or at sign-in, lock both for 15 min; rate_limited (Retry-After) when too many passwords wait to be hashed"),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    admin: Admin,
    Body(req): Body<PasswordChangeRequest>,
) -> ApiResult<StatusCode> {
    // A locked number costs no hash. Argon2 in its turn and outside the writer lock (this route
    // is in `session_hashing_router`).
    let mut conn = state.db.acquire().await?;
    lockout::ensure_unlocked(&state, &mut conn, &admin.phone, Locked::PasswordChange).await?;
    let hash = store::profile::password_hash(&mut conn, admin.id).await?;
    drop(conn);
    let wrong =
        || ApiError::invalid_field(ErrorCode::WrongPassword, "current_password", "The current password is wrong.");
    let current = hash.ok_or_else(wrong)?;
    if !verify_password_in_turn(&state, &req.current_password, &current).await? {
        return Err(count_wrong(&state, &admin).await);
    }
    let phone = Phone::parse(&admin.phone)?;
    let password = Password::new_with_confirmation(&req.new_password, &req.confirmation, Some(&phone))?;
    let new_hash = hash_password_in_turn(&state, password.expose()).await?;
    let _writer = state.write_lock.lock().await;
    let mut tx = store::begin(&state.db).await?;
    if !store::profile::change_password(&mut tx, admin.id, &current, &new_hash, &admin.token_hash).await? {
        // Another change came first: this current password is no longer the password.
        return Err(wrong());
    }
    lockout::forget(&mut tx, &admin.phone).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A wrong current password, counted under the writer lock: 422 `wrong_password` with the
/// attempts left, or 429 `locked_out` when it was one too many.
async fn count_wrong(state: &AppState, admin: &Admin) -> ApiError {
    let counted = async {
        let _writer = state.write_lock.lock().await;
        let mut tx = store::begin(&state.db).await?;
        // Again under the lock: concurrent failures may have locked the number meanwhile.
        lockout::ensure_unlocked(state, &mut tx, &admin.phone, Locked::PasswordChange).await?;
        let counted = lockout::count_wrong(state, &mut tx, &admin.phone, Locked::PasswordChange).await?;
        tx.commit().await?;
        counted
    };
    match counted.await {
        Ok(left) => ApiError(
            Error::new(ErrorCode::WrongPassword, "The current password is wrong.")
                .with_field("current_password")
                .with_attempts_left(left),
        ),
        Err(e) => e,
    }
}
