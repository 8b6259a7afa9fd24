//! Wrong passwords of an account, counted in a row, and the lock they lead to: ONE count for
//! sign-in and for the "current password" of a password change, so a stolen session cannot guess
//! the password without limit either, and the two together give no more guesses than one.
//!
//! `Rules::lockout_after` wrong passwords in a row lock the number for `Rules::lockout_for`:
//! both sign-in and the password change then answer 429 `locked_out` with `Retry-After`, before
//! any password is hashed. Each wrong password before that says how many attempts are left. A
//! right password forgets the count. The rows are `login_failures` (`store::sessions`); the callers
//! hold the writer lock and their transaction.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store;
use kabinet_protocol::error::Reason;
use kabinet_protocol::{Error, ErrorCode};
use sqlx::SqliteConnection;

/// What the lock stops, for its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locked {
    SignIn,
    PasswordChange,
}

impl Locked {
    /// 429 `locked_out` for `seconds` more.
    fn error(self, seconds: i64) -> ApiError {
        let minutes = (seconds + 59) / 60;
        let error = match self {
            Locked::SignIn => Error::new(
                ErrorCode::LockedOut,
                format!("Too many failed attempts. Sign-in is locked for {minutes} min."),
            ),
            Locked::PasswordChange => Error::new(
                ErrorCode::LockedOut,
                format!("Too many wrong passwords. Changing the password and signing in are locked for {minutes} min."),
            )
            .with_reason(Reason::PasswordAttemptsExceeded)
            .with_field("current_password"),
        };
        ApiError(error.with_retry_after(seconds.max(1) as u64))
    }
}

/// 429 `locked_out` while the number is locked.
pub async fn ensure_unlocked(
    state: &AppState,
    conn: &mut SqliteConnection,
    phone: &str,
    what: Locked,
) -> ApiResult<()> {
    let now = state.clock.now();
    match store::sessions::locked_until(conn, phone).await? {
        Some(until) if until > now => Err(what.error((until - now).num_seconds())),
        _ => Ok(()),
    }
}

/// Counts one wrong password in the caller's transaction: `Ok(attempts left)`, or the
/// `locked_out` error when this one locked the number. Either way the caller commits.
pub async fn count_wrong(
    state: &AppState,
    conn: &mut SqliteConnection,
    phone: &str,
    what: Locked,
) -> ApiResult<Result<u32, ApiError>> {
    let rules = &state.rules;
    let count = store::sessions::failures(conn, phone).await? + 1;
    if count >= rules.lockout_after {
        store::sessions::lock(conn, phone, state.clock.now() + rules.lockout_for).await?;
        return Ok(Err(what.error(rules.lockout_for.num_seconds())));
    }
    store::sessions::set_failures(conn, phone, count).await?;
    Ok(Ok((rules.lockout_after - count) as u32))
}

/// A right password: the count starts again.
pub async fn forget(conn: &mut SqliteConnection, phone: &str) -> ApiResult<()> {
    store::sessions::forget_failures(conn, phone).await
}
