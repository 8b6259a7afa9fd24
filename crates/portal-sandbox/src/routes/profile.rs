//! The administrator's own profile: view it, change the e-mail, change the password (the
//! current one required; other sessions end).

use crate::auth::{hash_password_in_turn, verify_password_in_turn, Admin};
use crate::error::{ApiError, ApiResult, Body};
use crate::idempotency::{Answer, Key};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_core::api::{EmailChangeRequest, PasswordChangeRequest, Profile};
use kabinet_core::domain::{Email, Password, Phone};
use kabinet_core::{Error, ErrorCode};

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
        (status = 422, body = Error, description = "wrong_password, weak_password, password_mismatch"),
        (status = 429, body = Error, description = "rate_limited (Retry-After) when too many passwords wait to be hashed"),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    admin: Admin,
    Body(req): Body<PasswordChangeRequest>,
) -> ApiResult<StatusCode> {
    // Argon2 in its turn and outside the writer lock (this route is in `hashing_router`).
    let hash = store::profile::password_hash(&mut *state.db.acquire().await?, admin.id).await?;
    let wrong = || ApiError(Error::new(ErrorCode::WrongPassword, "The current password is wrong."));
    let current = hash.ok_or_else(wrong)?;
    if !verify_password_in_turn(&state, &req.current_password, &current).await? {
        return Err(wrong());
    }
    let phone = Phone::parse(&admin.phone)?;
    let password = Password::new_with_confirmation(&req.new_password, &req.confirmation, Some(&phone))?;
    let new_hash = hash_password_in_turn(&state, password.expose()).await?;
    let _writer = state.write_lock.lock().await;
    let mut tx = store::begin(&state.db).await?;
    if !store::profile::change_password(&mut tx, admin.id, &current, &new_hash, &admin.token_hash).await? {
        return Err(wrong());
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
