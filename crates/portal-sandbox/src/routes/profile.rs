//! The administrator's own profile: view it, change the e-mail, change the password (the
//! current one required; other sessions end).

use crate::auth::{hash_password, verify_password, Admin};
use crate::error::{ApiError, ApiResult, Body};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_core::api::{EmailChangeRequest, PasswordChangeRequest, Profile};
use kabinet_core::domain::{Email, Password, Phone};
use kabinet_core::{Error, ErrorCode};

async fn profile_of(state: &AppState, admin: &Admin) -> ApiResult<Profile> {
    let email: String =
        sqlx::query_scalar("SELECT email FROM admins WHERE id = ?").bind(admin.id).fetch_one(&state.db).await?;
    Ok(Profile { phone: admin.phone.clone(), name: admin.name.clone(), email })
}

/// The signed-in administrator.
#[utoipa::path(get, path = "/api/v1/profile", tag = "profile", security(("bearer" = [])),
    responses((status = 200, body = Profile), (status = 401, body = Error, description = "session_expired")))]
pub async fn get_profile(State(state): State<AppState>, admin: Admin) -> ApiResult<Json<Profile>> {
    Ok(Json(profile_of(&state, &admin).await?))
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
    Body(req): Body<EmailChangeRequest>,
) -> ApiResult<Json<Profile>> {
    let email = Email::parse(&req.email)?;
    sqlx::query("UPDATE admins SET email = ? WHERE id = ?")
        .bind(email.as_str())
        .bind(admin.id)
        .execute(&state.db)
        .await?;
    Ok(Json(profile_of(&state, &admin).await?))
}

/// Changes the password; the current one is required, and every other session ends.
#[utoipa::path(put, path = "/api/v1/profile/password", tag = "profile", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = PasswordChangeRequest,
    responses(
        (status = 204),
        (status = 401, body = Error, description = "session_expired"),
        (status = 422, body = Error, description = "wrong_password, weak_password, password_mismatch"),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    admin: Admin,
    Body(req): Body<PasswordChangeRequest>,
) -> ApiResult<StatusCode> {
    let hash: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM admins WHERE id = ?").bind(admin.id).fetch_one(&state.db).await?;
    if !hash.map(|h| verify_password(&req.current_password, &h)).unwrap_or(false) {
        return Err(ApiError(Error::new(ErrorCode::WrongPassword, "The current password is wrong.")));
    }
    let phone = Phone::parse(&admin.phone)?;
    let password = Password::new_with_confirmation(&req.new_password, &req.confirmation, Some(&phone))?;
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE admins SET password_hash = ? WHERE id = ?")
        .bind(hash_password(password.expose()))
        .bind(admin.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE admin_id = ? AND token_hash <> ?")
        .bind(admin.id)
        .bind(&admin.token_hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
