//! Who is calling: the bearer token's session, and the hashing of every secret the sandbox keeps.
//!
//! Passwords are Argon2 hashes; session tokens, reset tokens and one-time codes are random and
//! stored as SHA-256 (they are long-random or short-lived, so a fast hash is enough).

use crate::db::{parse_ts, ts};
use crate::error::ApiError;
use crate::state::AppState;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use kabinet_core::ErrorCode;
use rand::Rng;
use sha2::{Digest, Sha256};

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

pub fn sha256_hex(value: &[u8]) -> String {
    Sha256::digest(value).iter().map(|b| format!("{b:02x}")).collect()
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

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let expired = || ApiError::new(ErrorCode::SessionExpired, "Your session has ended. Sign in again.");
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
}
