//! The `number_cards` table: the parts of a number profile as last fetched (detail,
//! allowances, services), stored as JSON of the wire types, per administrator. PIN/PUK are
//! never among them.

use super::Owner;
use crate::api::UsageKind;
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::SqliteExecutor;

/// Which part of the profile.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Detail,
    Allowances,
    Services,
    /// The device (IMEI) registration page.
    Devices,
    /// The call forwardings that are set.
    Forwarding,
    /// A usage report, one per period and kind.
    Usage {
        from: NaiveDate,
        to: NaiveDate,
        kind: UsageKind,
    },
}

impl Part {
    fn key(self) -> String {
        match self {
            Part::Detail => "detail".into(),
            Part::Allowances => "allowances".into(),
            Part::Services => "services".into(),
            Part::Devices => "devices".into(),
            Part::Forwarding => "forwarding".into(),
            Part::Usage { from, to, kind } => format!("usage/{from}/{to}/{kind:?}"),
        }
    }
}

pub async fn save<T: Serialize>(
    db: impl SqliteExecutor<'_>,
    owner: &Owner,
    msisdn: &str,
    part: Part,
    body: &T,
    fetched_at: DateTime<Utc>,
) -> Result<()> {
    let json = serde_json::to_string(body).expect("wire types serialize");
    sqlx::query(
        "INSERT INTO number_cards (portal, admin_phone, msisdn, part, body, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (portal, admin_phone, msisdn, part)
         DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(msisdn)
    .bind(part.key())
    .bind(json)
    .bind(fetched_at.to_rfc3339())
    .execute(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(())
}

/// The cached part, or `None` when never fetched (or written by a version that no longer reads it).
pub async fn load<T: DeserializeOwned>(
    db: impl SqliteExecutor<'_>,
    owner: &Owner,
    msisdn: &str,
    part: Part,
) -> Result<Option<(T, DateTime<Utc>)>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT body, fetched_at FROM number_cards WHERE portal = ? AND admin_phone = ? AND msisdn = ? AND part = ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(msisdn)
    .bind(part.key())
    .fetch_optional(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(row.and_then(|(body, at)| serde_json::from_str(&body).ok().map(|v| (v, super::parse_time(&at)))))
}

/// Changes the cached part in place with `change`, if it is cached (a part never fetched stays
/// so): how an answer about one field of a profile (a ban, a secret code, new figures) reaches
/// the profile kept for offline use.
pub async fn edit<T: Serialize + DeserializeOwned>(
    pool: &sqlx::SqlitePool,
    owner: &Owner,
    msisdn: &str,
    part: Part,
    at: DateTime<Utc>,
    change: impl FnOnce(&mut T),
) -> Result<()> {
    if let Some((mut body, _)) = load::<T>(pool, owner, msisdn, part).await? {
        change(&mut body);
        save(pool, owner, msisdn, part, &body, at).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Cache;
    use chrono::TimeZone;

    #[tokio::test]
    async fn parts_round_trip_per_owner_number_and_usage_period() {
        let cache = Cache::in_memory().await.unwrap();
        let demo = Owner::new("demo", "77010016515");
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 0).unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let october = Part::Usage { from: d(10, 1), to: d(10, 31), kind: UsageKind::All };
        let october_sms = Part::Usage { from: d(10, 1), to: d(10, 31), kind: UsageKind::Sms };
        save(cache.pool(), &demo, "77010542007", Part::Detail, &vec!["first"], at).await.unwrap();
        save(cache.pool(), &demo, "77010542007", Part::Detail, &vec!["second"], at).await.unwrap();
        save(cache.pool(), &demo, "77010542007", october, &"calls and data", at).await.unwrap();

        let detail: (Vec<String>, _) = load(cache.pool(), &demo, "77010542007", Part::Detail).await.unwrap().unwrap();
        assert_eq!(detail, (vec!["second".to_string()], at), "a newer fetch replaces the part");
        let usage: Option<(String, _)> = load(cache.pool(), &demo, "77010542007", october).await.unwrap();
        assert_eq!(usage.unwrap().0, "calls and data");
        assert!(load::<String>(cache.pool(), &demo, "77010542007", october_sms).await.unwrap().is_none());
        let other_portal = Owner::new("prod", "77010016515");
        assert!(load::<Vec<String>>(cache.pool(), &other_portal, "77010542007", Part::Detail).await.unwrap().is_none());
        let other_admin = Owner::new("demo", "77071234567");
        assert!(
            load::<Vec<String>>(cache.pool(), &other_admin, "77010542007", Part::Detail).await.unwrap().is_none(),
            "another administrator does not read this one's cards"
        );
        // A body this version cannot read counts as not cached, rather than failing the screen.
        assert!(load::<u32>(cache.pool(), &demo, "77010542007", Part::Detail).await.unwrap().is_none());
    }
}
