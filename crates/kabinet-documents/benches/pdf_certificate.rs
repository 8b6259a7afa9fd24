//! `cargo bench -p kabinet-documents --bench pdf_certificate`: a certificate with 2,000
//! appendix lines rendered as PDF (target: at most 1,000 ms), and a reconciliation of
//! 12 months × 20 accounts (480 certificates and a payment), and a 10,000-row report table
//! through `pdf::table`. Prints `name=value` figures, the
//! median of five runs after a warm-up; asserts nothing.

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use std::time::{Duration, Instant};

fn median_ms(mut run: impl FnMut() -> usize) -> (String, usize) {
    let mut size = run();
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            size = run();
            started.elapsed()
        })
        .collect();
    times.sort();
    (format!("{:.1}", times[2].as_secs_f64() * 1000.0), size)
}

fn main() {
    let certificate = fixtures::big_certificate(2000);
    let (ms, bytes) = median_ms(|| kabinet_documents::pdf::certificate(&certificate).expect("the PDF").len());
    println!("pdf_certificate_2000_ms={ms}");
    println!("pdf_certificate_2000_bytes={bytes}");

    let reconciliation = fixtures::reconciliation(12, 20, 1_234_567);
    let (ms, bytes) = median_ms(|| kabinet_documents::pdf::reconciliation(&reconciliation).expect("the PDF").len());
    println!("pdf_reconciliation_ms={ms}");
    println!("pdf_reconciliation_bytes={bytes}");

    let table = fixtures::long_table(10_000, kabinet_documents::Language::Ru);
    let (ms, bytes) = median_ms(|| kabinet_documents::pdf::table(&table).expect("the PDF").len());
    println!("pdf_table_10000_ms={ms}");
    println!("pdf_table_10000_bytes={bytes}");
}
