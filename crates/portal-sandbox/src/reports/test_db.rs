//! A seeded demo database for the reports' unit tests.

pub async fn demo() -> (tempfile::TempDir, sqlx::SqlitePool) {
    let dir = tempfile::tempdir().unwrap();
    let pool = crate::db::open(dir.path()).await.unwrap();
    crate::seed::apply(&pool, &crate::seed::Seed::Demo).await.unwrap();
    (dir, pool)
}

pub async fn company(pool: &sqlx::SqlitePool, id: i64) -> kabinet_protocol::api::Company {
    let mut conn = pool.acquire().await.unwrap();
    crate::store::companies::granted(&mut conn, 1, id).await.unwrap()
}
