//! Companies granted to an administrator, with the display name each one chooses. Another
//! company's id is "not found", as if it did not exist.

use crate::error::{ApiError, ApiResult};
use kabinet_protocol::api::Company;
use sqlx::SqliteConnection;

/// The granted companies with their number counts, which are stored with each company and kept
/// by triggers on `numbers` (migration 0005), so listing companies reads no numbers. Callers add
/// conditions and the order.
pub(crate) const SELECT: &str = "SELECT c.id, c.name, c.bin, COALESCE(g.display_name, c.name),
        c.numbers_total, c.numbers_active, c.numbers_blocked
    FROM grants g JOIN companies c ON c.id = g.company_id
    WHERE g.admin_id = ?";
pub(crate) const LIST_ORDER: &str = "ORDER BY g.position, c.id";

type Row = (i64, String, String, String, i64, i64, i64);

fn to_company((id, name, bin, display_name, numbers_total, numbers_active, numbers_blocked): Row) -> Company {
    Company { id, name, bin, display_name, numbers_total, numbers_active, numbers_blocked }
}

/// The rule: a company not granted to this administrator answers 404, as if it did not exist.
/// Cheap (the grant's primary key), so every request about a company's data can ask it.
pub async fn ensure_granted(conn: &mut SqliteConnection, admin_id: i64, id: i64) -> ApiResult<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM grants WHERE admin_id = ? AND company_id = ?")
        .bind(admin_id)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    found.map(|_| ()).ok_or_else(ApiError::not_found)
}

/// The company with its number counts, if granted.
pub async fn granted(conn: &mut SqliteConnection, admin_id: i64, id: i64) -> ApiResult<Company> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} AND c.id = ?")).bind(admin_id).bind(id).fetch_optional(&mut *conn).await?;
    row.map(to_company).ok_or_else(ApiError::not_found)
}

/// The companies this administrator manages, in the order they were granted.
pub async fn list(conn: &mut SqliteConnection, admin_id: i64) -> ApiResult<Vec<Company>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} {LIST_ORDER}")).bind(admin_id).fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(to_company).collect())
}

/// Sets the name this administrator sees for the company (already checked by
/// `rules::display_name`); empty restores the company's own.
pub async fn set_display_name(conn: &mut SqliteConnection, admin_id: i64, id: i64, name: &str) -> ApiResult<()> {
    sqlx::query("UPDATE grants SET display_name = ? WHERE admin_id = ? AND company_id = ?")
        .bind((!name.is_empty()).then_some(name))
        .bind(admin_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::SqlitePool;

    async fn demo_db() -> (tempfile::TempDir, SqlitePool) {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).await.unwrap();
        crate::seed::apply(&pool, &crate::seed::Seed::Demo).await.unwrap();
        (dir, pool)
    }

    /// Stored counts and real counts per company: `(id, stored, counted)`.
    async fn counts(pool: &SqlitePool) -> Vec<(i64, (i64, i64, i64), (i64, i64, i64))> {
        let rows: Vec<(i64, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT c.id, c.numbers_total, c.numbers_active, c.numbers_blocked,
                COUNT(n.msisdn), COALESCE(SUM(n.state = 'active'), 0),
                COALESCE(SUM(n.state IN ('blocked', 'blocked_debt')), 0)
             FROM companies c LEFT JOIN numbers n ON n.company_id = c.id GROUP BY c.id ORDER BY c.id",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        rows.into_iter().map(|r| (r.0, (r.1, r.2, r.3), (r.4, r.5, r.6))).collect()
    }

    async fn assert_counts_true(pool: &SqlitePool, after: &str) {
        for (id, stored, counted) in counts(pool).await {
            assert_eq!(stored, counted, "company {id} after {after}");
        }
    }

    #[tokio::test]
    async fn stored_counts_follow_every_change_to_numbers() {
        let (_dir, pool) = demo_db().await;
        assert!(counts(&pool).await.iter().any(|(_, stored, _)| stored.0 > 0), "the demo has numbers");
        assert_counts_true(&pool, "the seed").await;
        let changes = [
            ("a block", "UPDATE numbers SET state = 'blocked' WHERE msisdn = '77010542007'"),
            ("a block in process", "UPDATE numbers SET state = 'in_process' WHERE msisdn = '77012115526'"),
            ("a debt", "UPDATE numbers SET state = 'blocked_debt' WHERE msisdn = '77010542006'"),
            ("a move", "UPDATE numbers SET company_id = 2 WHERE msisdn = '77010542007'"),
            ("a change of balance", "UPDATE numbers SET balance = balance - 1"),
            (
                "a new number",
                "INSERT INTO numbers (msisdn, company_id, account, tariff, payment_method, state,
                     state_changed_at, credit_limit, balance, debt, updated_at)
                 SELECT '77019999999', 3, account, tariff, payment_method, 'active', state_changed_at,
                     credit_limit, balance, debt, updated_at FROM numbers WHERE msisdn = '77010542006'",
            ),
            ("a removed number", "DELETE FROM numbers WHERE msisdn = '77019999999'"),
        ];
        for (change, sql) in changes {
            sqlx::query(sql).execute(&pool).await.unwrap();
            assert_counts_true(&pool, change).await;
        }
    }

    #[tokio::test]
    async fn listing_companies_reads_no_numbers() {
        let (_dir, pool) = demo_db().await;
        for query in [format!("{SELECT} {LIST_ORDER}"), format!("{SELECT} AND c.id = ?")] {
            let explain_sql = format!("EXPLAIN QUERY PLAN {query}");
            let mut explain = sqlx::query_as(&explain_sql).bind(1);
            if query.matches('?').count() == 2 {
                explain = explain.bind(1);
            }
            let plan: Vec<(i64, i64, i64, String)> = explain.fetch_all(&pool).await.unwrap();
            let steps: Vec<&str> = plan.iter().map(|p| p.3.as_str()).collect();
            assert!(!steps.iter().any(|s| s.contains("numbers")), "{query}\n{steps:#?}");
        }
    }
}
