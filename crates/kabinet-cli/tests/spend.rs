//! `kabinet-cli spend --by cost-centre` against a sandbox: the chargeback of a range of months
//! with a labelled number under its cost centre and the rest under Unassigned, written to --out
//! and kept in the library; its totals those of the invoices (the certificates' totals); the
//! months checked before anything is asked.

mod common;

use common::Env;
use kabinet_core::rules::charges_period;
use kabinet_documents::inspect::{Inspected, Value as Cell};

#[tokio::test]
async fn the_chargeback_by_cost_centre_is_written_and_adds_up_to_the_invoices() {
    let env = Env::start().await;
    env.login().await;
    assert!(env.run(&["sync", "--company", "1"]).await.status.success());
    let set = env
        .run(&[
            "labels",
            "--company",
            "1",
            "set",
            "77010542007",
            "--cost-centre-code",
            "CC-10",
            "--cost-centre-name",
            "Финансы",
        ])
        .await;
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    let (_, to) = charges_period::last_year(chrono::Utc::now());
    let from = to.minus(1);
    let file = env.dir.path().join("chargeback.xlsx");
    let (from_s, to_s) = (from.to_string(), to.to_string());
    let args = [
        "spend",
        "--company",
        "1",
        "--by",
        "cost-centre",
        "--from",
        &from_s,
        "--to",
        &to_s,
        "--out",
        file.to_str().unwrap(),
        "--ru",
    ];
    let made = env.json(&args).await;
    let c = &made["chargeback"];
    assert_eq!(c["cost_centres"][0]["key"], "CC-10", "{c}");
    let groups = c["cost_centres"].as_array().unwrap();
    assert!(groups.last().unwrap()["key"].is_null(), "Unassigned last");
    assert_eq!(made["document"]["kind"], "chargeback");

    // Each month's total is the sum of the company's invoices (each a certificate's total), as
    // `kabinet-cli invoice` finds them by their accounting numbers (month and account).
    let accounts: Vec<String> = c["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["account"].as_str().unwrap().to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(accounts.len() > 1, "{accounts:?}");
    for (i, month) in [from, to].iter().enumerate() {
        let mut total = 0;
        for account in &accounts {
            let accounting = format!("{:02}{:02}-{account}", month.year % 100, month.month);
            let year = month.year.to_string();
            let found =
                env.json(&["invoice", "--company", "1", "--by", "accounting", &accounting, "--year", &year]).await;
            total += found["invoice"]["total"].as_i64().unwrap();
        }
        assert_eq!(c["by_month"][i]["amounts"]["total"].as_i64().unwrap(), total, "{month}");
    }

    // The file: both sheets, the totals row the chargeback's total.
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(Inspected::sheet_names(&bytes), vec!["ЦФО", "Номера"]);
    let summary = Inspected::read_sheet(&bytes, 0);
    let last = summary.last_row();
    let amount = (0..6).rev().find_map(|col| match summary.value(last, col) {
        Cell::Float(f) => Some(f),
        _ => None,
    });
    assert_eq!(amount.map(|a| (a * 100.0).round() as i64), c["total"]["total"].as_i64());

    // The table for people; the file is not overwritten.
    let again = env.run(&args).await;
    assert!(!again.status.success(), "never over a file that is there");
    let text = env.run(&["spend", "--company", "1", "--from", &from_s, "--to", &to_s]).await;
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("CC-10") && stdout.contains("Unassigned"), "{stdout}");
}

#[tokio::test]
async fn months_are_checked_before_anything_is_asked() {
    let env = Env::start().await;
    env.login().await;
    let bad = env.run(&["spend", "--company", "1", "--from", "2026-1"]).await;
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM"));
    let (_, to) = charges_period::last_year(chrono::Utc::now());
    let long = env
        .run(&["--json", "spend", "--company", "1", "--from", &to.minus(12).to_string(), "--to", &to.to_string()])
        .await;
    assert_eq!(long.status.code(), Some(1));
    let long: serde_json::Value = serde_json::from_slice(&long.stdout).unwrap();
    assert_eq!((long["code"].as_str(), long["field"].as_str()), (Some("period_too_long"), Some("from")), "{long}");
}

/// `spend import`: a certificate workbook the portal made is imported (its month, account,
/// numbers and total printed) and again with nothing changed; a file that is not a breakdown is
/// refused naming it and what it lacks, with a failing exit code, the good file still imported.
#[tokio::test]
async fn breakdown_files_are_imported_and_a_file_that_is_not_one_is_refused() {
    use kabinet_core::client::{CertificateOf, FileFormat};
    let env = Env::start().await;
    env.login().await;
    assert!(env.run(&["sync", "--company", "1"]).await.status.success());
    // The certificate XLSX as the portal gives it, fetched by the core as the app does.
    let url = env.portal.as_ref().unwrap().url();
    let account = kabinet_core::account::Account::new(
        kabinet_core::client::PortalClient::new(&url).unwrap(),
        kabinet_core::cache::Cache::in_memory().await.unwrap(),
        std::sync::Arc::new(kabinet_core::secrets::Vault::memory_only()),
        "demo",
    );
    account.login(portal_sandbox::DEMO_LOGIN_PHONE, portal_sandbox::DEMO_LOGIN_PASSWORD, false).await.unwrap();
    let (_, month) = charges_period::last_year(chrono::Utc::now());
    let doc = account
        .billing()
        .certificate(1, &CertificateOf::Account("25060854".into()), month, FileFormat::Xlsx)
        .await
        .unwrap();
    let good = env.dir.path().join("certificate.xlsx");
    std::fs::write(&good, account.library().load(doc.id).await.unwrap().bytes).unwrap();
    let bad = env.dir.path().join("labels.csv");
    std::fs::write(&bad, "Number;Employee\n77010542007;A\n").unwrap();

    for _ in 0..2 {
        let out = env.run(&["spend", "--company", "1", "import", good.to_str().unwrap()]).await;
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(text.starts_with(&format!("certificate.xlsx: {month} account 25060854, ")), "{text}");
        assert!(text.contains(" numbers, total "), "{text}");
    }
    let out = env.run(&["spend", "--company", "1", "import", bad.to_str().unwrap(), good.to_str().unwrap()]).await;
    assert!(!out.status.success());
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(stderr.contains("labels.csv is not a charges breakdown"), "{stderr}");
    assert!(stdout.contains("certificate.xlsx: "), "the good file is imported all the same: {stdout}");
}
