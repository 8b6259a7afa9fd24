//! Who is calling: the bearer token's session, and the hashing of every secret the sandbox keeps.
//!
//! Passwords are Argon2 hashes; session and reset tokens are 256 random bits, stored as SHA-256
//! (nothing can be guessed from a hash of so long a random value). A six-digit recovery code is
//! not: it is stored as HMAC-SHA256 under the portal's key, which is not in the database
//! (`portal_key.rs`), and PIN/PUK are derived with that key. The
//! Idempotency-Keys of requests and answers that carry a secret live in memory only
//! (`idempotency::memory::SecretKeys`), and the messages with
//! codes are kept in memory only (`outbox.rs`), so the data folder holds no secret in clear.
//!
//! Two kinds of session: an administrator's (`sessions`, [`Admin`]) and a secret-code holder's
//! (`code_sessions`, [`CodeHolder`]: the employee who signed in to one number with its code).
//! The second is kept apart so it can never pass as the first: [`layer`] refuses it any change
//! (403 `forbidden`), the [`Admin`] extractor answers it 404, and only the read routes of a
//! number take a [`Reader`], which lets it read its own number. Secret codes (eight digits, kept
//! until deleted) are Argon2 hashes: each of the 10^8 guesses costs a memory-hard Argon2 run.
//!
//! Argon2 is slow on purpose, so it runs on the blocking pool, never under the writer lock,
//! and at most `Rules::max_concurrent_hashes` at once ([`hash_turn`]): a storm of sign-ins
//! queues behind itself (and is refused with 429 after `Rules::hash_wait`), while other
//! administrators' requests go on.

use crate::db::{parse_ts, ts};
use crate::digest::sha256_hex;
use crate::error::ApiError;
use crate::state::AppState;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kabinet_protocol::error::Reason;
use kabinet_protocol::{Error, ErrorCode};
use rand::Rng;
use tokio::sync::OwnedSemaphorePermit;

/// The signed-in administrator of a request.
#[derive(Debug, Clone)]
pub struct Admin {
    pub id: i64,
    pub phone: String,
    pub name: String,
    pub token_hash: String,
}

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("argon2 with default params").to_string()
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

/// 32 random bytes as hex: session and reset tokens.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::thread_rng().gen();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A six-digit one-time code.
pub fn new_code() -> String {
    format!("{:06}", rand::thread_rng().gen_range(0..1_000_000))
}

pub fn bearer_token_hash(parts: &Parts) -> Option<String> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then(|| sha256_hex(token.as_bytes()))
}

/// Waits for a turn to run Argon2, at most `Rules::hash_wait`; then 429 `rate_limited`.
pub async fn hash_turn(state: &AppState) -> Result<OwnedSemaphorePermit, ApiError> {
    let wait = state.rules.hash_wait;
    match tokio::time::timeout(wait, state.hashes.clone().acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => {
            let seconds = wait.as_secs().max(1);
            Err(ApiError(
                Error::new(ErrorCode::RateLimited, format!("Too many sign-ins at once. Try again in {seconds} s."))
                    .with_retry_after(seconds),
            ))
        }
    }
}

/// [`verify_password`] in its turn, on the blocking pool.
pub async fn verify_password_in_turn(state: &AppState, password: &str, hash: &str) -> Result<bool, ApiError> {
    let _turn = hash_turn(state).await?;
    let (password, hash) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await.map_err(|_| internal())
}

/// [`hash_password`] in its turn, on the blocking pool.
pub async fn hash_password_in_turn(state: &AppState, password: &str) -> Result<String, ApiError> {
    let _turn = hash_turn(state).await?;
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&password)).await.map_err(|_| internal())
}

fn internal() -> ApiError {
    ApiError::new(ErrorCode::Internal, "The portal failed to process the request. Try again in a few minutes.")
}

/// The employee signed in with a number's secret code (`POST /api/v1/auth/code-login`): reads
/// that one number's information and usage, changes nothing. Its session is a row of
/// `code_sessions`, never of `sessions`, so it can never pass as an [`Admin`].
#[derive(Debug, Clone)]
pub struct CodeHolder {
    pub msisdn: String,
    pub token_hash: String,
}

/// Whoever may read a number: an administrator of its company, or the holder of its secret
/// code. Only the read routes of one number take it; every other route takes [`Admin`].
#[derive(Debug, Clone)]
pub enum Reader {
    Admin(Admin),
    CodeHolder(CodeHolder),
}

impl Reader {
    /// 404 unless the reader may read `msisdn`: an administrator of its company (as
    /// `store::numbers::actor`), or the holder of that number's code.
    pub async fn may_read(&self, conn: &mut sqlx::SqliteConnection, msisdn: &str) -> Result<(), ApiError> {
        match self {
            Reader::Admin(admin) => crate::store::numbers::actor(conn, admin.id, msisdn).await.map(|_| ()),
            Reader::CodeHolder(holder) if holder.msisdn == msisdn => Ok(()),
            Reader::CodeHolder(_) => Err(ApiError::not_found()),
        }
    }
}

/// Who a session belongs to.
enum Caller {
    Admin(Admin),
    CodeHolder(CodeHolder),
}

/// The one route a code holder may call besides reading its number: ending its own session.
const LOGOUT_PATH: &str = "/api/v1/auth/logout";

/// Authenticates every request to a route that needs a session, before anything else looks
/// at it (the Idempotency-Key check runs after this), and hands the [`Admin`] (or the
/// [`CodeHolder`]) to the handler. A code holder is refused any change here, 403 `forbidden`,
/// before its body or key is looked at; what it may read is up to the route's extractor
/// ([`Reader`] for its number; [`Admin`] answers 404 to it).
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    match authenticate_any(&parts, &state).await {
        Ok(Caller::Admin(admin)) => {
            parts.extensions.insert(admin);
            next.run(Request::from_parts(parts, body)).await
        }
        Ok(Caller::CodeHolder(holder)) => {
            let reads = matches!(parts.method, Method::GET | Method::HEAD);
            if !reads && parts.uri.path() != LOGOUT_PATH {
                return read_only().into_response();
            }
            parts.extensions.insert(holder);
            next.run(Request::from_parts(parts, body)).await
        }
        Err(e) => e.into_response(),
    }
}

fn read_only() -> ApiError {
    ApiError::refused(
        ErrorCode::Forbidden,
        Reason::CodeHolderReadOnly,
        "A secret code lets you view the number's information and usage, not change them.",
    )
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(admin) = parts.extensions.get::<Admin>() {
            return Ok(admin.clone());
        }
        if parts.extensions.get::<CodeHolder>().is_some() {
            // A code holder sees nothing but its own number (routes that take a Reader).
            return Err(ApiError::not_found());
        }
        // Administrators' sessions only: a code session is not in that table.
        authenticate(parts, state).await
    }
}

impl FromRequestParts<AppState> for Reader {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(holder) = parts.extensions.get::<CodeHolder>() {
            return Ok(Reader::CodeHolder(holder.clone()));
        }
        Admin::from_request_parts(parts, state).await.map(Reader::Admin)
    }
}

fn expired() -> ApiError {
    ApiError::new(ErrorCode::SessionExpired, "Your session has ended. Sign in again.")
}

/// An administrator's session first, then a code holder's; 401 `session_expired` otherwise.
async fn authenticate_any(parts: &Parts, state: &AppState) -> Result<Caller, ApiError> {
    match authenticate(parts, state).await {
        Ok(admin) => Ok(Caller::Admin(admin)),
        Err(e) if e.0.code == ErrorCode::SessionExpired => {
            let token_hash = bearer_token_hash(parts).ok_or_else(expired)?;
            let mut conn = state.db.acquire().await?;
            let (msisdn, expires_at) =
                crate::store::secret_code::session(&mut conn, &token_hash).await?.ok_or_else(expired)?;
            let now = state.clock.now();
            if expires_at <= now {
                crate::store::secret_code::slide(&mut conn, &token_hash, None).await?;
                return Err(expired());
            }
            crate::store::secret_code::slide(&mut conn, &token_hash, Some(now + state.rules.session_idle)).await?;
            Ok(Caller::CodeHolder(CodeHolder { msisdn, token_hash }))
        }
        Err(e) => Err(e),
    }
}

/// The live session of the bearer token, slid forward; 401 `session_expired` otherwise.
async fn authenticate(parts: &Parts, state: &AppState) -> Result<Admin, ApiError> {
    let token_hash = bearer_token_hash(parts).ok_or_else(expired)?;
    let now = state.clock.now();
    let row: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT a.id, a.phone, a.name, s.expires_at FROM sessions s JOIN admins a ON a.id = s.admin_id
         WHERE s.token_hash = ?",
    )
    .bind(&token_hash)
    .fetch_optional(&state.db)
    .await?;
    let (id, phone, name, expires_at) = row.ok_or_else(expired)?;
    if parse_ts(&expires_at) <= now {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?").bind(&token_hash).execute(&state.db).await?;
        return Err(expired());
    }
    sqlx::query("UPDATE sessions SET expires_at = ? WHERE token_hash = ?")
        .bind(ts(now + state.rules.session_idle))
        .bind(&token_hash)
        .execute(&state.db)
        .await?;
    Ok(Admin { id, phone, name, token_hash })
}

/// An eight-digit secret code (it lives until deleted, so longer than a one-time code).
pub fn new_secret_code() -> String {
    format!("{:08}", rand::thread_rng().gen_range(0..100_000_000))
}

#[cfg(test)]
mod tests {
    use crate::{Config, Rules, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
    use reqwest::{Client, StatusCode};
    use serde_json::json;
    use std::time::Duration;

    async fn sign_in(http: &Client, url: &str, key: &str) -> reqwest::Response {
        http.post(format!("{url}api/v1/auth/login"))
            .header("Idempotency-Key", key)
            .json(&json!({"phone": DEMO_LOGIN_PHONE, "password": DEMO_LOGIN_PASSWORD}))
            .send()
            .await
            .unwrap()
    }

    async fn start(rules: Rules) -> (crate::RunningSandbox, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().into());
        config.rules = rules;
        (crate::start(config).await.unwrap(), dir)
    }

    #[tokio::test]
    async fn changes_go_on_while_sign_ins_wait_for_a_password_hash() {
        let (sandbox, _dir) = start(Rules { hash_wait: Duration::from_secs(60), ..Rules::default() }).await;
        let (http, url) = (Client::new(), sandbox.url());
        let token: serde_json::Value = sign_in(&http, &url, "first").await.json().await.unwrap();
        let token = token["token"].as_str().unwrap().to_string();

        // Every hash turn is taken, as in a storm: the next sign-in waits for its hash.
        let turns = sandbox.state.hashes.clone().acquire_many_owned(sandbox.state.rules.max_concurrent_hashes as u32);
        let turns = turns.await.unwrap();
        let waiting = tokio::spawn(async move { sign_in(&Client::new(), &url, "second").await.status() });
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(!waiting.is_finished());

        let change = http
            .put(format!("{}api/v1/companies/1/display-name", sandbox.url()))
            .bearer_auth(&token)
            .header("Idempotency-Key", "rename")
            .json(&json!({"display_name": "Office"}))
            .send();
        let change = tokio::time::timeout(Duration::from_secs(10), change).await.expect("the change did not wait");
        assert_eq!(change.unwrap().status(), StatusCode::OK);
        assert!(!waiting.is_finished(), "the sign-in was still waiting for its hash");
        drop(turns);
        assert_eq!(waiting.await.unwrap(), StatusCode::OK);
    }

    #[tokio::test]
    async fn a_sign_in_that_gets_no_hash_turn_is_refused_with_retry_after() {
        let (sandbox, _dir) = start(Rules { hash_wait: Duration::from_millis(200), ..Rules::default() }).await;
        let turns = sandbox.state.hashes.clone().acquire_many_owned(sandbox.state.rules.max_concurrent_hashes as u32);
        let turns = turns.await.unwrap();
        let resp = sign_in(&Client::new(), &sandbox.url(), "k").await;
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(resp.headers()["retry-after"], "1");
        let body: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(body["code"], "rate_limited");
        // Refused before any hash: the number's failure count did not move.
        drop(turns);
        let row: Option<i64> =
            sqlx::query_scalar("SELECT failures FROM login_failures").fetch_optional(&sandbox.state.db).await.unwrap();
        assert_eq!(row, None);
    }

    #[tokio::test]
    async fn one_address_cannot_take_every_sign_in_turn() {
        let rules = Rules { hash_wait: Duration::from_secs(60), ..Rules::default() };
        let per_peer = rules.signins_per_peer;
        let (sandbox, _dir) = start(rules).await;
        let url = sandbox.url();
        let turns = sandbox.state.hashes.clone().acquire_many_owned(sandbox.state.rules.max_concurrent_hashes as u32);
        let turns = turns.await.unwrap();
        let from = |ip: &str| Client::builder().local_address(ip.parse::<std::net::IpAddr>().ok()).build().unwrap();
        let mut waiting = Vec::new();
        for i in 0..per_peer {
            let (http, url) = (from("127.0.0.1"), url.clone());
            waiting.push(tokio::spawn(async move { sign_in(&http, &url, &format!("a{i}")).await.status() }));
        }
        let (http, other_url) = (from("127.0.0.2"), url.clone());
        let other = tokio::spawn(async move { sign_in(&http, &other_url, "b").await.status() });
        tokio::time::sleep(Duration::from_millis(300)).await;

        // The busy address is refused at once, without a hash; the other one waits its turn.
        let busy = from("127.0.0.1");
        let refused = tokio::time::timeout(Duration::from_secs(10), sign_in(&busy, &url, "a-more"));
        let refused = refused.await.expect("refused at once");
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(refused.json::<serde_json::Value>().await.unwrap()["code"], "rate_limited");
        assert!(!other.is_finished());
        drop(turns);
        assert_eq!(other.await.unwrap(), StatusCode::OK);
        for w in waiting {
            assert_eq!(w.await.unwrap(), StatusCode::OK);
        }
    }

    #[tokio::test]
    async fn a_wrong_password_is_answered_after_the_failure_delay() {
        let (sandbox, _dir) = start(Rules { failed_signin_delay: Duration::from_secs(1), ..Rules::default() }).await;
        let started = std::time::Instant::now();
        let resp = Client::new()
            .post(format!("{}api/v1/auth/login", sandbox.url()))
            .header("Idempotency-Key", "wrong")
            .json(&json!({"phone": DEMO_LOGIN_PHONE, "password": "Wrong-Password-1"}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert!(started.elapsed() >= Duration::from_secs(1), "{:?}", started.elapsed());
    }
}
