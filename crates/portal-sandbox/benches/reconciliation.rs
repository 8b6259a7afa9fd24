//! The reconciliation statement of a 100,000-number company over the last 12 months: its
//! numbers read, 14 months of charges summed (1.4M number-months: the 12 and the two before
//! for the opening balance), the payments, and the PDF. Prints `name=value` lines; asserts no
//! timing.
//!
//! `cargo bench -p portal-sandbox --bench reconciliation`

use chrono::Utc;
use kabinet_protocol::rules::document_months::{available_days, MonthlyDocument};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let dir = tempfile::tempdir()?;
        let started = Instant::now();
        let pool = portal_sandbox::bench::seeded(dir.path(), &portal_sandbox::Seed::Large(100_000)).await?;
        println!("seed_large_100k_ms={}", started.elapsed().as_millis());
        let now = Utc::now();
        let (from, to) = available_days(MonthlyDocument::Reconciliation, now);
        let mut best = u128::MAX;
        for _ in 0..3 {
            let started = Instant::now();
            let (rows, pdf) = portal_sandbox::bench::reconciliation_pdf(&pool, 4, from, to, now).await?;
            best = best.min(started.elapsed().as_millis());
            println!("reconciliation_rows={rows} reconciliation_pdf_bytes={}", pdf.len());
        }
        println!("reconciliation_12_months_100k_ms={best}");
        anyhow::Ok(())
    })
}
