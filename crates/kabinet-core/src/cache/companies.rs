//! The `companies` table: the companies granted to an administrator, in the portal's order.

use crate::api::Company;
use crate::error::Result;
use chrono::{DateTime, Utc};
use sqlx::{Sqlite, Transaction};

/// Replaces the whole list for (portal, admin) in one transaction: a list that is half old and
/// half new is never visible.
pub async fn replace_all(
    tx: &mut Transaction<'_, Sqlite>,
    portal: &str,
    admin_phone: &str,
    companies: &[Company],
    fetched_at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("DELETE FROM companies WHERE portal = ? AND admin_phone = ?")
        .bind(portal)
        .bind(admin_phone)
        .execute(&mut **tx)
        .await
        .map_err(crate::Error::cache)?;
    for (position, c) in companies.iter().enumerate() {
        sqlx::query(
            "INSERT INTO companies (portal, admin_phone, id, position, name, bin, display_name,
             numbers_total, numbers_active, numbers_blocked, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(portal)
        .bind(admin_phone)
        .bind(c.id)
        .bind(position as i64)
        .bind(&c.name)
        .bind(&c.bin)
        .bind(&c.display_name)
        .bind(c.numbers_total)
        .bind(c.numbers_active)
        .bind(c.numbers_blocked)
        .bind(fetched_at.to_rfc3339())
        .execute(&mut **tx)
        .await
        .map_err(crate::Error::cache)?;
    }
    Ok(())
}

type Row = (i64, String, String, String, i64, i64, i64, String);

/// The cached list and the time of its oldest row, or `None` when nothing is cached.
pub async fn list(
    db: impl sqlx::SqliteExecutor<'_>,
    portal: &str,
    admin_phone: &str,
) -> Result<Option<(Vec<Company>, DateTime<Utc>)>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, bin, display_name, numbers_total, numbers_active, numbers_blocked, fetched_at
         FROM companies WHERE portal = ? AND admin_phone = ? ORDER BY position",
    )
    .bind(portal)
    .bind(admin_phone)
    .fetch_all(db)
    .await
    .map_err(crate::Error::cache)?;
    let Some(oldest) = rows.iter().map(|r| super::parse_time(&r.7)).min() else {
        return Ok(None);
    };
    let companies = rows
        .into_iter()
        .map(|(id, name, bin, display_name, numbers_total, numbers_active, numbers_blocked, _)| Company {
            id,
            name,
            bin,
            display_name,
            numbers_total,
            numbers_active,
            numbers_blocked,
        })
        .collect();
    Ok(Some((companies, oldest)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Cache;

    fn company(id: i64, name: &str) -> Company {
        Company {
            id,
            name: name.into(),
            bin: "940140000385".into(),
            display_name: name.into(),
            numbers_total: 3,
            numbers_active: 2,
            numbers_blocked: 1,
        }
    }

    #[tokio::test]
    async fn replace_keeps_order_and_drops_revoked_companies() {
        let cache = Cache::in_memory().await.unwrap();
        let t = Utc::now();
        let mut tx = cache.pool().begin().await.unwrap();
        replace_all(&mut tx, "demo", "77010016515", &[company(2, "ТОО Кабинет"), company(1, "Филиал")], t)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let (list1, _) = list(cache.pool(), "demo", "77010016515").await.unwrap().unwrap();
        assert_eq!(list1.iter().map(|c| c.id).collect::<Vec<_>>(), vec![2, 1]);

        let mut tx = cache.pool().begin().await.unwrap();
        replace_all(&mut tx, "demo", "77010016515", &[company(1, "Филиал")], t).await.unwrap();
        tx.commit().await.unwrap();
        let (list2, _) = list(cache.pool(), "demo", "77010016515").await.unwrap().unwrap();
        assert_eq!(list2, vec![company(1, "Филиал")]);
        assert!(list(cache.pool(), "demo", "77070000000").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_rolled_back_replace_leaves_the_old_list() {
        let cache = Cache::in_memory().await.unwrap();
        let t = Utc::now();
        let mut tx = cache.pool().begin().await.unwrap();
        replace_all(&mut tx, "demo", "77010016515", &[company(1, "A")], t).await.unwrap();
        tx.commit().await.unwrap();
        let mut tx = cache.pool().begin().await.unwrap();
        replace_all(&mut tx, "demo", "77010016515", &[company(2, "B")], t).await.unwrap();
        tx.rollback().await.unwrap();
        let (kept, _) = list(cache.pool(), "demo", "77010016515").await.unwrap().unwrap();
        assert_eq!(kept, vec![company(1, "A")]);
    }
}
