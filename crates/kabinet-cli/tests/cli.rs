//! The CLI against a sandbox on loopback: log in, companies, sync, search, show, export.

mod common;

use common::Env;
use std::process::Output;

#[tokio::test]
async fn login_companies_sync_search_show_and_export() {
    let mut env = Env::start().await;
    let url = env.portal.as_ref().unwrap().url();
    let login = env.json(&["login", "--portal", &url, "--phone", "77010016515"]).await;
    assert_eq!(login["profile"]["name"], "Алия Сапарова");

    let companies = env.json(&["companies"]).await;
    assert_eq!(companies["data"].as_array().unwrap().len(), 2);

    let sync = env.run(&["sync", "--company", "1"]).await;
    assert!(sync.status.success(), "{}", String::from_utf8_lossy(&sync.stderr));
    let stderr = String::from_utf8_lossy(&sync.stderr);
    assert!(stderr.contains("sync:") && stderr.contains("numbers"), "progress on stderr: {stderr}");
    assert!(String::from_utf8_lossy(&sync.stdout).contains("full sync wrote"));

    let found = env.json(&["search", "--company", "1", "0542"]).await;
    let msisdns: Vec<&str> = found["rows"].as_array().unwrap().iter().map(|r| r["msisdn"].as_str().unwrap()).collect();
    assert_eq!(msisdns, ["77010542006", "77010542007"]);
    let cyrillic = env.json(&["search", "--company", "1", "КОРПОРАТИВНЫЙ"]).await;
    assert!(cyrillic["total"].as_i64().unwrap() > 0);
    let blocked = env.json(&["search", "--company", "1", "--state", "blocked"]).await;
    assert!(blocked["rows"].as_array().unwrap().iter().all(|r| r["state"] == "blocked"));
    let richest = env.json(&["search", "--company", "1", "--sort", "balance", "--desc", "--limit", "100"]).await;
    let balances: Vec<i64> =
        richest["rows"].as_array().unwrap().iter().map(|r| r["balance"].as_i64().unwrap()).collect();
    assert!(balances.len() > 2 && balances.windows(2).all(|w| w[0] >= w[1]), "largest first: {balances:?}");
    let bad_sort = env.run(&["search", "--company", "1", "--sort", "colour"]).await;
    assert!(!bad_sort.status.success());
    assert!(String::from_utf8_lossy(&bad_sort.stderr).contains("available_funds or balance"));

    let shown = env.json(&["show", "77010542007"]).await;
    assert_eq!(shown["data"]["summary"]["tariff"], "Business Class Junior");
    assert_eq!(shown["data"]["general"]["secret_code_sent_at"], serde_json::Value::Null);
    let text = String::from_utf8_lossy(&env.run(&["show", "77010542007"]).await.stdout).to_string();
    assert!(text.contains("secret code      none"), "{text}");

    let xlsx = env.dir.path().join("numbers.xlsx");
    let csv = env.dir.path().join("numbers.csv");
    env.json(&["export", "--company", "1", "--format", "xlsx", "--output", xlsx.to_str().unwrap()]).await;
    let exported =
        env.json(&["export", "--company", "1", "--format", "csv", "--output", csv.to_str().unwrap(), "0542"]).await;
    assert_eq!(exported["numbers"], 2);
    // Titled with the company's name and BIN as cached, the header below the title frozen.
    let sheet = kabinet_documents::inspect::Inspected::read(&std::fs::read(&xlsx).unwrap());
    assert_eq!(sheet.text(0, 0), "List of numbers");
    assert_eq!(sheet.text(1, 0), "Company: ТОО Кабинет");
    assert_eq!(sheet.text(2, 0), "BIN: 150340001236");
    assert_eq!(sheet.text(5, 0), "Number");
    assert_eq!(sheet.frozen_rows(), Some(6));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 3, "header and two numbers");

    // The cache answers only for a signed-in administrator (issue 6, item 2). Offline, that is
    // a session remembered in the OS keychain; this test has none, so the cached list stays shut.
    env.portal.take().unwrap().shutdown().await;
    let offline = env.run(&["search", "--company", "1", "0542"]).await;
    assert_eq!(offline.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&offline.stdout).is_empty(), "no rows without a signed-in administrator");
}

#[tokio::test]
async fn errors_are_clear_and_exit_non_zero() {
    let env = Env::start().await;
    let out = env.run(&["companies"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kabinet-cli login"));
    let out = env.run(&["search", "--company", "1", "--state", "sleeping"]).await;
    assert_eq!(out.status.code(), Some(2));
    let url = env.portal.as_ref().unwrap().url();
    let out = env.run(&["--json", "login", "--portal", &url, "--phone", "123"]).await;
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["code"], "invalid_phone");
}

#[tokio::test]
async fn export_to_a_missing_folder_is_refused_naming_it() {
    let env = Env::start().await;
    let url = env.portal.as_ref().unwrap().url();
    env.json(&["login", "--portal", &url, "--phone", "77010016515"]).await;
    env.json(&["sync", "--company", "1"]).await;
    let missing = env.dir.path().join("no-such-dir").join("deeper");
    let target = missing.join("x.csv");
    let out = env.run(&["export", "--company", "1", "--format", "csv", "--output", target.to_str().unwrap()]).await;
    assert_eq!(out.status.code(), Some(2), "refused as invalid input");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&missing.display().to_string()) && stderr.contains("does not exist"), "{stderr}");
    assert!(!env.dir.path().join("no-such-dir").exists(), "no folder was created");
}

#[tokio::test]
async fn search_with_the_largest_offset_does_not_overflow() {
    let env = Env::start().await;
    let url = env.portal.as_ref().unwrap().url();
    env.json(&["login", "--portal", &url, "--phone", "77010016515"]).await;
    env.json(&["sync", "--company", "1"]).await;
    for query in ["", "0542"] {
        // Text output (it counts rows from the offset) and JSON, plain list and search.
        let out = env.run(&["search", "--company", "1", "--offset", "9223372036854775807", query]).await;
        assert!(out.status.success(), "{query:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("none from 9223372036854775807 of"));
        let json = env.json(&["search", "--company", "1", "--offset", "9223372036854775807", query]).await;
        assert_eq!(json["rows"].as_array().unwrap().len(), 0);
        assert!(json["total"].as_i64().unwrap() > 0);
    }
    let negative = env.run(&["search", "--company", "1", "--offset=-1"]).await;
    assert_eq!(negative.status.code(), Some(2), "{}", String::from_utf8_lossy(&negative.stderr));
}

#[tokio::test]
async fn a_cache_of_garbage_is_moved_aside_and_the_command_still_runs() {
    let env = Env::start().await;
    let url = env.portal.as_ref().unwrap().url();
    env.json(&["login", "--portal", &url, "--phone", "77010016515"]).await;
    let cache = env.dir.path().join("data").join("cache.sqlite");
    // As a closed cache is left (no WAL whose first page would stand in for the file's own), and
    // bigger than one page: SQLite reads a file shorter than a page as an empty database.
    for side in ["cache.sqlite-wal", "cache.sqlite-shm"] {
        let _ = std::fs::remove_file(env.dir.path().join("data").join(side));
    }
    std::fs::write(&cache, b"this is not a SQLite database, just bytes. ".repeat(200)).unwrap();

    let out = env.run(&["companies"]).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("it was moved to") && stderr.contains("cache.sqlite.broken-"), "{stderr}");
    let moved = std::fs::read_dir(env.dir.path().join("data"))
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().starts_with("cache.sqlite.broken-"));
    assert!(moved, "the broken file is kept beside the fresh one");
}

#[tokio::test]
async fn a_report_is_requested_waited_for_saved_and_described() {
    let mut env = Env::quick_reports().await;
    let out = env.run(&["report", "devices"]).await;
    assert_eq!(out.status.code(), Some(3), "not signed in: {}", String::from_utf8_lossy(&out.stderr));
    env.login().await;

    // Refused by the rule before anything is sent: 2, and the error as JSON.
    let today = kabinet_core::kz::today(chrono::Utc::now());
    let old = today.checked_sub_months(chrono::Months::new(4)).unwrap().to_string();
    let args = [
        "--json",
        "report",
        "payments",
        "--company",
        "1",
        "--from",
        &old,
        "--to",
        &today.to_string(),
        "--payment-type",
        "credit",
    ];
    let out = env.run(&args).await;
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("period_too_long"), Some("from")));
    assert_eq!(env.run(&["report", "sales"]).await.status.code(), Some(2), "an unknown kind");

    // Saved into the folder asked for, described with its digest.
    let folder = env.dir.path().join("reports");
    std::fs::create_dir(&folder).unwrap();
    let saved = env.json(&["report", "devices", "--company", "1", "--out", folder.to_str().unwrap()]).await;
    let path = std::path::PathBuf::from(saved["path"].as_str().unwrap());
    assert_eq!(path.parent().unwrap(), folder);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(saved["size"].as_u64().unwrap(), bytes.len() as u64);
    use sha2::Digest;
    let digest: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(saved["sha256"], digest);
    assert_eq!((saved["kind"].as_str(), saved["company_id"].as_i64()), (Some("devices"), Some(1)));
    let sheet = kabinet_documents::inspect::Inspected::read(&bytes);
    assert_eq!(sheet.text(0, 0), "Отчёт по зарегистрированным устройствам");

    // The Atlas Pro detailing for a period, to the documents folder by default, e-mailed to the
    // profile's address.
    let from = today.checked_sub_months(chrono::Months::new(2)).unwrap().to_string();
    let saved = env.json(&["report", "atlas-pro", "--from", &from, "--to", &today.to_string()]).await;
    let path = saved["path"].as_str().unwrap();
    assert!(path.starts_with(env.dir.path().join("data").join("documents").to_str().unwrap()), "{path}");
    assert_eq!(saved["period"], serde_json::json!([from, today.to_string()]));
    let mail = env.portal.as_ref().unwrap().outbox(Some("aliya.saparova@kabinet.kz"));
    assert!(mail.iter().any(|m| m.attachment.is_some()), "e-mailed with the file");

    // The portal gone: 4.
    env.portal.take().unwrap().shutdown().await;
    assert_eq!(env.run(&["report", "devices", "--company", "1"]).await.status.code(), Some(4));
}

/// Two reconciliations of different periods have different names; the same one saved twice
/// into a folder keeps both; a file named with --out that exists is refused and left alone.
#[tokio::test]
async fn report_files_never_replace_each_other() {
    use chrono::Datelike;
    let env = Env::quick_reports().await;
    env.login().await;
    let folder = env.dir.path().join("reports");
    std::fs::create_dir(&folder).unwrap();
    let out = folder.to_str().unwrap();
    let today = kabinet_core::kz::today(chrono::Utc::now());
    let month = |back: u32| {
        let first = today.with_day(1).unwrap().checked_sub_months(chrono::Months::new(back)).unwrap();
        (first.to_string(), (first.checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap()).to_string())
    };
    let (two, three) = (month(2), month(3));
    let ask = |(from, to): &(String, String)| {
        ["report", "reconciliation", "--company", "1", "--from", from, "--to", to, "--out", out].map(String::from)
    };
    let a = env.json(&ask(&two).each_ref().map(String::as_str)).await;
    let b = env.json(&ask(&three).each_ref().map(String::as_str)).await;
    let name = format!("reconciliation_150340001236_{}_{}.pdf", two.0, two.1);
    assert_eq!(a["path"].as_str().unwrap(), folder.join(&name).to_str().unwrap());
    assert!(b["path"].as_str().unwrap().ends_with(&format!("_{}_{}.pdf", three.0, three.1)), "{b}");
    // The same statement again: the very same bytes are already that file.
    let again = env.json(&ask(&two).each_ref().map(String::as_str)).await;
    assert_eq!(again["path"], a["path"]);
    // Another file under that name (annotated by its reader): kept, and the new one numbered.
    std::fs::write(folder.join(&name), b"annotated").unwrap();
    let again = env.json(&ask(&two).each_ref().map(String::as_str)).await;
    let numbered = name.replace(".pdf", " (2).pdf");
    assert_eq!(again["path"].as_str().unwrap(), folder.join(&numbered).to_str().unwrap());
    assert_eq!(std::fs::read(folder.join(&name)).unwrap(), b"annotated");
    assert_eq!(again["sha256"], a["sha256"]);
    let first = std::fs::read(folder.join(&name)).unwrap();

    // A file named exactly: refused when it exists (2), naming it, and left as it was.
    let target = folder.join(&name);
    let args = ["--json", "report", "reconciliation", "--company", "1", "--from", &two.0, "--to", &two.1, "--out"];
    let mut args = args.to_vec();
    args.push(target.to_str().unwrap());
    let refused = env.run(&args).await;
    assert_eq!(refused.status.code(), Some(2), "{}", String::from_utf8_lossy(&refused.stderr));
    let err: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(err["field"], "out");
    assert!(err["message"].as_str().unwrap().contains(&name), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), first);
}

#[tokio::test]
async fn a_report_not_ready_in_time_exits_with_its_own_code() {
    let env = Env::start().await;
    env.login().await;
    let out = env.run(&["--json", "report", "numbers", "--company", "1", "--timeout", "1"]).await;
    assert_eq!(out.status.code(), Some(5), "{}", String::from_utf8_lossy(&out.stderr));
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["code"], "timed_out");
    assert!(err["request_id"].as_str().is_some_and(|id| !id.is_empty()));
}

#[tokio::test]
async fn a_certificate_and_a_register_are_downloaded_at_once_and_a_month_not_ready_is_refused() {
    let env = Env::start().await;
    env.login().await;
    let last = kabinet_core::rules::document_months::available(
        kabinet_core::rules::document_months::MonthlyDocument::ServiceCertificate,
        chrono::Utc::now(),
    )
    .last;
    let month = last.to_string();
    let saved =
        env.json(&["report", "certificate", "--company", "1", "--account", "25060854", "--month", &month]).await;
    assert_eq!((saved["kind"].as_str(), saved["request_id"].as_str()), (Some("certificate"), None));
    let bytes = std::fs::read(saved["path"].as_str().unwrap()).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF file");

    let args =
        ["report", "certificate", "--company", "1", "--number", "77010542007", "--month", &month, "--format", "xlsx"];
    let saved = env.json(&args).await;
    let bytes = std::fs::read(saved["path"].as_str().unwrap()).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX file");

    let saved = env.json(&["report", "register", "--company", "1", "--month", &month]).await;
    let sheet = kabinet_documents::inspect::Inspected::read(&std::fs::read(saved["path"].as_str().unwrap()).unwrap());
    assert!(sheet.last_row() > 0);

    // This month is not over: refused by the shared rule, with its own exit code and the field.
    let this_month = kabinet_core::kz::today(chrono::Utc::now()).format("%Y-%m").to_string();
    let out = env.run(&["--json", "report", "certificate", "--account", "25060854", "--month", &this_month]).await;
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["field"], "month");
    assert_eq!(env.run(&["report", "certificate", "--month", &month]).await.status.code(), Some(2), "no account");
}

/// The objects `--json` printed, one a line.
fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[tokio::test]
async fn bulk_previews_with_reasons_then_runs_with_a_result_per_number() {
    let env = Env::start().await;
    env.json(&["login", "--portal", &env.portal.as_ref().unwrap().url(), "--phone", "77010016515"]).await;
    let file = env.dir.path().join("numbers.txt");
    // Blocked, Active (written as people write it), another company's, not a number.
    std::fs::write(&file, "77010542006\n+7 701 211 55 26\n\n77754100000\nhello\n").unwrap();
    let file = file.to_str().unwrap();

    let dry = env.run(&["--json", "bulk", "--action", "block", "--numbers", file, "--dry-run"]).await;
    assert_eq!(dry.status.code(), Some(0), "{}", String::from_utf8_lossy(&dry.stderr));
    let items = json_lines(&dry);
    let states: Vec<(&str, &str)> =
        items.iter().map(|i| (i["state"].as_str().unwrap(), i["reason"].as_str().unwrap_or("-"))).collect();
    assert_eq!(
        states,
        [
            ("skipped", "block_needs_active"),
            ("to_run", "-"),
            ("skipped", "not_in_company"),
            ("skipped", "invalid_number")
        ]
    );
    assert_eq!(items[1]["msisdn"], "77012115526");
    assert!(String::from_utf8_lossy(&dry.stderr).contains("4 numbers, 1 to run, 3 skipped"));

    // Not confirmed and not on a terminal: refused, nothing runs.
    let refused = env.run(&["bulk", "--action", "block", "--numbers", file]).await;
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    let bad = env.run(&["bulk", "--action", "teleport", "--numbers", file, "--yes"]).await;
    assert_eq!(bad.status.code(), Some(2));

    let ran = env.run(&["--json", "bulk", "--action", "block", "--numbers", file, "--yes"]).await;
    assert_eq!(ran.status.code(), Some(0), "{}", String::from_utf8_lossy(&ran.stderr));
    let items = json_lines(&ran);
    assert_eq!(items.len(), 4, "one object per number");
    assert_eq!(items[1]["state"], "done");
    assert!(items[1]["request_id"].as_str().is_some_and(|r| !r.is_empty()));
    assert_eq!(items[0]["state"], "skipped");

    // The same again: the number is In process now, so nothing is left to run.
    let again = env.run(&["bulk", "--action", "block", "--numbers", file, "--yes"]).await;
    assert_eq!(again.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&again.stdout).contains("request_in_process"));
}

/// `bulk --action sim_replacement --pairs FILE`: each number with its own new SIM, read from a
/// CSV; `--action` is read as core's `Action`, and `--help` lists what it offers in bulk.
#[tokio::test]
async fn bulk_sim_replacement_takes_pairs_and_the_actions_come_from_action() {
    let env = Env::start().await;
    env.json(&["login", "--portal", &env.portal.as_ref().unwrap().url(), "--phone", "77010016515"]).await;
    let help = env.run(&["bulk", "--help"]).await;
    let help = String::from_utf8_lossy(&help.stdout).to_string();
    for name in
        ["block", "unblock", "service_on", "service_off", "sim_replacement", "ban_on", "ban_off", "send_secret_code"]
    {
        assert!(help.contains(name), "{name} in {help}");
    }
    assert!(help.contains("--pairs"), "{help}");
    let file = env.dir.path().join("pairs.csv");
    // Active with a new SIM, Blocked (refused by the rule), a SIM with a wrong check digit.
    std::fs::write(
        &file,
        "number;iccid\n+7 701 211 55 26;89997020000000000007\n77010542006;89997020000000000015\n77012115527;89997027508016848486\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let bad = env.run(&["--json", "bulk", "--action", "teleport", "--pairs", file, "--yes"]).await;
    assert_eq!(bad.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(err["field"], "action");
    assert!(err["message"].as_str().unwrap().contains("sim_replacement"), "{err}");
    let no_pairs = env.run(&["--json", "bulk", "--action", "sim_replacement", "--numbers", file, "--yes"]).await;
    assert_eq!(no_pairs.status.code(), Some(2));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&no_pairs.stdout).unwrap()["field"], "pairs");

    let ran = env.run(&["--json", "bulk", "--action", "sim_replacement", "--pairs", file, "--yes"]).await;
    assert_eq!(ran.status.code(), Some(0), "{}", String::from_utf8_lossy(&ran.stderr));
    let items = json_lines(&ran);
    let states: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|i| {
            let why = i["reason"].as_str().or(i["code"].as_str()).unwrap_or("-");
            (i["state"].as_str().unwrap(), why, i["iccid"].as_str().unwrap_or("-"))
        })
        .collect();
    assert_eq!(
        states,
        [
            ("done", "-", "89997020000000000007"),
            ("skipped", "sim_replacement_needs_active", "89997020000000000015"),
            ("skipped", "check_digit", "89997027508016848486")
        ]
    );
    assert!(items[0]["request_id"].as_str().is_some_and(|r| !r.is_empty()));
}
