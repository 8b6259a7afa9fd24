//! The administrator's own profile: the e-mail and the password hash. Changing the password
//! ends the administrator's other sessions in the same transaction.

use crate::error::ApiResult;
use kabinet_protocol::api::Profile;
use kabinet_protocol::domain::Email;
use sqlx::SqliteConnection;

pub async fn of(conn: &mut SqliteConnection, admin_id: i64, phone: &str, name: &str) -> ApiResult<Profile> {
    let email: String =
        sqlx::query_scalar("SELECT email FROM admins WHERE id = ?").bind(admin_id).fetch_one(&mut *conn).await?;
    Ok(Profile { phone: phone.into(), name: name.into(), email })
}

pub async fn set_email(conn: &mut SqliteConnection, admin_id: i64, email: &Email) -> ApiResult<()> {
    sqlx::query("UPDATE admins SET email = ? WHERE id = ?")
        .bind(email.as_str())
        .bind(admin_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The stored password hash (none until the account is activated).
pub async fn password_hash(conn: &mut SqliteConnection, admin_id: i64) -> ApiResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT password_hash FROM admins WHERE id = ?").bind(admin_id).fetch_one(&mut *conn).await?)
}

/// Replaces the password hash, only over the one that was checked (a concurrent change makes
/// this one's current password wrong: `false`), and ends every session but `keep_session`.
pub async fn change_password(
    conn: &mut SqliteConnection,
    admin_id: i64,
    checked_hash: &str,
    new_hash: &str,
    keep_session: &str,
) -> ApiResult<bool> {
    let changed = sqlx::query("UPDATE admins SET password_hash = ? WHERE id = ? AND password_hash = ?")
        .bind(new_hash)
        .bind(admin_id)
        .bind(checked_hash)
        .execute(&mut *conn)
        .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM sessions WHERE admin_id = ? AND token_hash <> ?")
        .bind(admin_id)
        .bind(keep_session)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}
