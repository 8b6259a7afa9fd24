//! Sign-in and sign-out, with the lockout rule (`lockout.rs`): five wrong passwords in a row lock
//! the number for 15 minutes (429 `locked_out` with `Retry-After`). The answer to a failure never
//! says whether the number or the password was wrong, and unknown numbers are counted and locked
//! alike.

use crate::auth::{hash_password, new_token, verify_password_in_turn, Reader};
use crate::digest::sha256_hex;
use crate::error::{ApiError, ApiResult, Body};
use crate::idempotency::{Answer, Key, SecretAnswer};
use crate::lockout::{self, Locked};
use crate::state::AppState;
use crate::store;
use axum::extract::{ConnectInfo, State};
use axum::Json;
use kabinet_protocol::api::{LoginRequest, LoginResponse, Profile};
use kabinet_protocol::domain::Phone;
use kabinet_protocol::{Error, ErrorCode};
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
    lockout::ensure_unlocked(&state, &mut *state.db.acquire().await?, phone.as_str(), Locked::SignIn).await?;

    let account = store::sessions::account(&mut *state.db.acquire().await?, phone.as_str()).await?;
    let known_hash = match &account {
        Some(store::sessions::Account { password_hash: Some(hash), activated: true, .. }) => Some(hash.clone()),
        Some(store::sessions::Account { activated: false, .. }) => {
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
    let answer = record(&state, &phone, ok, account).await;
    if matches!(&answer, Err(e) if matches!(e.0.code, ErrorCode::InvalidCredentials | ErrorCode::LockedOut)) {
        // Outside the writer lock and the hash turn, but holding this address's place.
        tokio::time::sleep(state.rules.failed_signin_delay).await;
    }
    answer
}

/// Under the writer lock, in one transaction: counts a failure (and locks), or opens the
/// session.
async fn record(
    state: &AppState,
    phone: &Phone,
    ok: bool,
    account: Option<store::sessions::Account>,
) -> ApiResult<(SecretAnswer, Json<LoginResponse>)> {
    let rules = &state.rules;
    let _writer = state.write_lock.lock().await;
    let mut tx = store::begin(&state.db).await?;
    // Again under the lock: concurrent failures may have locked the number meanwhile.
    lockout::ensure_unlocked(state, &mut tx, phone.as_str(), Locked::SignIn).await?;
    let now = state.clock.now();
    if !ok {
        let counted = lockout::count_wrong(state, &mut tx, phone.as_str(), Locked::SignIn).await?;
        tx.commit().await?;
        let left = counted?;
        return Err(ApiError(
            Error::new(ErrorCode::InvalidCredentials, "Wrong phone number or password.").with_attempts_left(left),
        ));
    }

    let account = account.expect("ok implies a known admin");
    let token = new_token();
    let expires_at = now + rules.session_idle;
    store::sessions::open(&mut tx, phone.as_str(), account.id, &sha256_hex(token.as_bytes()), now, expires_at).await?;
    tx.commit().await?;
    let profile = Profile { phone: phone.to_string(), name: account.name, email: account.email };
    Ok((SecretAnswer, Json(LoginResponse { token, expires_at, profile })))
}

/// An Argon2 hash no password matches: what an unknown number (or a number without a secret code)
/// is checked against, so timing does not tell it apart.
pub(super) fn dummy_hash() -> String {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("not-a-real-password")).clone()
}

/// Ends the current session (an administrator's, or a secret-code holder's).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    responses((status = 204), (status = 401, body = Error, description = "session_expired")))]
pub async fn logout(State(state): State<AppState>, caller: Reader, key: Key) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    match caller {
        Reader::Admin(admin) => store::sessions::end(&mut tx, &admin.token_hash).await?,
        Reader::CodeHolder(holder) => store::secret_code::slide(&mut tx, &holder.token_hash, None).await?,
    }
    store::commit_no_content(tx, &key).await
}
