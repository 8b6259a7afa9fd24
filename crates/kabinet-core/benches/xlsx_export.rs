//! `cargo bench -p kabinet-core --bench xlsx_export`: the numbers list of a 100,000-number
//! company written as XLSX by Kabinet (`export::numbers_xlsx`: the table, the renderer of
//! `kabinet-documents`, the atomic write), and the same workbook written by Python's XlsxWriter
//! (`benches/xlsx_export.py`: same title, columns, formats, frozen header, autofilter and
//! widths), timed in the same run. Prints `name=value` figures; asserts nothing.
//!
//! `KABINET_BENCH_NUMBERS` changes the size (default 100000). Without `python3` and its
//! `xlsxwriter` package the Python figure is `unavailable`.

use chrono::{TimeZone, Utc};
use kabinet_core::api::{NumberState, NumberSummary, PaymentMethod};
use kabinet_core::domain::Tiyn;
use kabinet_core::export::{self, ExportCompany};
use kabinet_core::settings::Language;
use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

const TARIFFS: [&str; 4] = ["Business Class Junior", "Корпоративный безлимит", "Kcell", "Business Class Senior"];

fn number(i: u32) -> NumberSummary {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    let credit = i % 3 != 0;
    NumberSummary {
        msisdn: format!("7701{:07}", i),
        account: format!("{}", 25_000_000 + i / 4),
        tariff: TARIFFS[(i % 4) as usize].into(),
        payment_method: if credit { PaymentMethod::Credit } else { PaymentMethod::Advance },
        state: match i % 20 {
            0 => NumberState::Blocked,
            1 => NumberState::BlockedDebt,
            _ => NumberState::Active,
        },
        state_changed_at: at,
        individual_limit: (i % 5 == 0).then_some(Tiyn(44_600)),
        available_funds: (i % 5 == 0).then_some(Tiyn(i64::from(i % 44_600))),
        credit_limit: Tiyn(1_200_000),
        balance: Tiyn(i64::from(i) * 37 % 2_000_000),
        debt: Tiyn(0),
        updated_at: at,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n: u32 = std::env::var("KABINET_BENCH_NUMBERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let numbers: Vec<NumberSummary> = (0..n).map(number).collect();
    let company = ExportCompany { name: Some("ТОО Кабинет".into()), bin: Some("150340001236".into()) };
    let dir = tempfile::tempdir().expect("temp dir");

    // Kabinet: the best of three, after one run that warms the allocator and the page cache.
    let path = dir.path().join("kabinet.xlsx");
    let mut runs = Vec::new();
    for _ in 0..4 {
        let started = Instant::now();
        export::numbers_xlsx(&path, &numbers, &company, Language::Ru).expect("the export");
        runs.push(started.elapsed());
    }
    let kabinet = *runs[1..].iter().min().expect("runs");
    println!("xlsx_numbers_rows={n}");
    println!("xlsx_numbers_ms={}", ms(kabinet));
    println!("xlsx_numbers_bytes={}", std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0));

    // Python's XlsxWriter on the same rows, title and widths (read first, then timed inside).
    let table = export::numbers_table(&numbers, None, &company, Language::Ru, Utc::now());
    let input = dir.path().join("numbers.tsv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&input).expect("input file"));
    writeln!(file, "{}", table.title.lines().join("\t")).unwrap();
    let widths: Vec<String> = kabinet_documents::column_widths(&table).iter().map(f64::to_string).collect();
    writeln!(file, "{}", widths.join("\t")).unwrap();
    for (summary, row) in numbers.iter().zip(&table.rows) {
        let text = |i: usize| match &row[i] {
            kabinet_documents::Cell::Text(s) => s.clone(),
            _ => String::new(),
        };
        let funds = summary.available_funds.map(|t| t.0.to_string()).unwrap_or_default();
        writeln!(
            file,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            text(0),
            text(1),
            text(2),
            text(3),
            text(4),
            funds,
            summary.balance.0
        )
        .unwrap();
    }
    drop(file);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/xlsx_export.py");
    let mut best: Option<f64> = None;
    for _ in 0..2 {
        let out = Command::new("python3").arg(script).arg(&input).arg(dir.path().join("python.xlsx")).output();
        let Some(out) = out.ok().filter(|o| o.status.success()) else { break };
        let text = String::from_utf8_lossy(&out.stdout);
        let figure = text.lines().find_map(|l| l.strip_prefix("python_xlsxwriter_ms=")?.parse::<f64>().ok());
        best = match (best, figure) {
            (Some(b), Some(f)) => Some(b.min(f)),
            (b, f) => f.or(b),
        };
    }
    match best {
        Some(python_ms) => {
            println!("python_xlsxwriter_ms={python_ms:.1}");
            println!("xlsx_speedup_vs_python={:.1}", python_ms / (kabinet.as_secs_f64() * 1000.0));
        }
        None => println!("python_xlsxwriter_ms=unavailable"),
    }
}
