//! The `profile` table: the signed-in administrator as last fetched.

use crate::api::Profile;
use crate::error::Result;
use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

pub async fn save(
    db: impl SqliteExecutor<'_>,
    portal: &str,
    profile: &Profile,
    fetched_at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO profile (portal, phone, name, email, fetched_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (portal, phone) DO UPDATE SET name = excluded.name, email = excluded.email,
         fetched_at = excluded.fetched_at",
    )
    .bind(portal)
    .bind(&profile.phone)
    .bind(&profile.name)
    .bind(&profile.email)
    .bind(fetched_at.to_rfc3339())
    .execute(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(())
}

pub async fn load(db: impl SqliteExecutor<'_>, portal: &str, phone: &str) -> Result<Option<(Profile, DateTime<Utc>)>> {
    let row: Option<(String, String, String, String)> =
        sqlx::query_as("SELECT phone, name, email, fetched_at FROM profile WHERE portal = ? AND phone = ?")
            .bind(portal)
            .bind(phone)
            .fetch_optional(db)
            .await
            .map_err(crate::Error::cache)?;
    Ok(row.map(|(phone, name, email, at)| (Profile { phone, name, email }, super::parse_time(&at))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Cache;

    #[tokio::test]
    async fn round_trip_and_update() {
        let cache = Cache::in_memory().await.unwrap();
        let mut p = Profile { phone: "77010016515".into(), name: "Алия".into(), email: "a@b.kz".into() };
        let t = Utc::now();
        save(cache.pool(), "demo", &p, t).await.unwrap();
        p.email = "new@b.kz".into();
        save(cache.pool(), "demo", &p, t).await.unwrap();
        let (loaded, at) = load(cache.pool(), "demo", "77010016515").await.unwrap().unwrap();
        assert_eq!(loaded, p);
        assert_eq!(at.timestamp(), t.timestamp());
        assert!(load(cache.pool(), "other", "77010016515").await.unwrap().is_none());
    }
}
