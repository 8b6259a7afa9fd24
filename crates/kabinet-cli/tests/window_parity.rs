//! What the window has that the CLI lacked (issue 15, item 20), against a sandbox on loopback:
//! the search by invoice (on screen and as XLSX), the actions history (on screen and as XLSX),
//! and the actions left without an answer (`pending`: listed, resolved with their own key,
//! dismissed when too old).

mod common;

use common::Env;
use kabinet_documents::inspect::Inspected;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every cell's text of the first `columns` columns, empty cells included.
fn cells(sheet: &Inspected, columns: u32) -> Vec<String> {
    (0..=sheet.last_row()).flat_map(|r| (0..columns).map(move |c| sheet.value(r, c).to_string())).collect()
}

fn json_of(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[tokio::test]
async fn an_invoice_is_found_by_either_number_on_screen_and_as_xlsx() {
    let env = Env::start().await;
    env.login().await;
    // An invoice of the register's last month, read from the register itself.
    let month = kabinet_core::rules::document_months::available(
        kabinet_core::rules::document_months::MonthlyDocument::InvoiceRegister,
        chrono::Utc::now(),
    )
    .last;
    let saved = env.json(&["report", "register", "--company", "1", "--month", &month.to_string()]).await;
    let sheet = Inspected::read(&std::fs::read(saved["path"].as_str().unwrap()).unwrap());
    let row = (0..=sheet.last_row()).find(|&r| sheet.value(r, 0).to_string().starts_with("ESF-")).expect("an invoice");
    let (registration, accounting) = (sheet.text(row, 0), sheet.text(row, 1));
    let year = month.year.to_string();

    let found = env.json(&["invoice", &registration, "--year", &year, "--company", "1"]).await;
    assert_eq!(found["invoice"]["registration_number"], registration.as_str());
    let numbers = found["numbers"].as_array().unwrap();
    assert!(!numbers.is_empty());
    let sum: i64 = numbers.iter().map(|n| n["net"].as_i64().unwrap()).sum();
    assert_eq!(sum, found["invoice"]["net"].as_i64().unwrap(), "the numbers add up to the invoice");
    let by_accounting = env.json(&["invoice", &accounting, "--by", "accounting", "--year", &year]).await;
    assert_eq!(by_accounting, found);

    // On screen for people: the invoice, then its numbers as every screen writes them.
    let out = env.run(&["invoice", &registration, "--year", &year]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("Invoice {registration}")) && text.contains(&accounting), "{text}");
    assert!(text.contains("+7 7"), "numbers written +7 …: {text}");

    // Not in another year, and a registration number is 34 characters: 2, naming the field.
    let other = (month.year - 1).to_string();
    let out = env.run(&["invoice", &registration, "--year", &other]).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!stderr(&out).is_empty(), "it says so");
    let out = env.run(&["--json", "invoice", "ESF-123", "--year", &year]).await;
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_of(&out)["field"], "number");

    // As an XLSX file, kept in the library and written where asked, like every report.
    let folder = env.dir.path().join("out");
    std::fs::create_dir(&folder).unwrap();
    let args =
        ["report", "invoice_search", "--invoice", &registration, "--year", &year, "--out", folder.to_str().unwrap()];
    let saved = env.json(&args).await;
    assert_eq!((saved["kind"].as_str(), saved["request_id"].as_str()), (Some("invoice_search"), None));
    let path = std::path::PathBuf::from(saved["path"].as_str().unwrap());
    assert_eq!(path.parent().unwrap(), folder);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX file");
    let sheet = Inspected::read(&bytes);
    let cells = cells(&sheet, 6);
    assert!(cells.iter().any(|c| c.contains(&accounting)), "the invoice's file: {cells:?}");
    let out = env.run(&["report", "invoice_search", "--year", &year]).await;
    assert_eq!(out.status.code(), Some(2), "no --invoice: {}", stderr(&out));
}

#[tokio::test]
async fn the_actions_history_is_shown_and_exported_as_xlsx() {
    let env = Env::start().await;
    env.login().await;
    // One action of ours in the period: a block.
    let file = env.dir.path().join("numbers.txt");
    std::fs::write(&file, "77012115526\n").unwrap();
    let ran = env.run(&["bulk", "--action", "block", "--numbers", file.to_str().unwrap(), "--yes"]).await;
    assert_eq!(ran.status.code(), Some(0), "{}", stderr(&ran));

    let all = env.json(&["history", "--company", "1"]).await;
    let items = all["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let mine = env.json(&["history", "--company", "1", "--number", "+7 701 211 55 26"]).await;
    let mine = mine["items"].as_array().unwrap();
    assert!(!mine.is_empty() && mine.iter().all(|a| a["msisdn"] == "77012115526"), "{mine:?}");
    let action = mine[0]["action"].as_str().unwrap().to_string();
    let one_action = env.json(&["history", "--company", "1", "--action", &action]).await;
    assert!(one_action["items"].as_array().unwrap().iter().all(|a| a["action"] == action.as_str()));
    // By the kind's id: the block's rows, both its asking and its completion, and nothing else.
    let blocks = env.json(&["history", "--company", "1", "--action", "block"]).await;
    let blocks = blocks["items"].as_array().unwrap();
    assert!(!blocks.is_empty() && blocks.iter().all(|a| a["kind"] == "block"), "{blocks:?}");
    assert!(blocks.iter().any(|a| a["msisdn"] == "77012115526" && a["action"] == "Number blocking"), "{blocks:?}");

    let out = env.run(&["history", "--company", "1", "--number", "77012115526"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Kazakhstan time") && text.contains("+7 701 211 55 26") && text.contains(&action), "{text}");

    // Older than twelve months: refused before asking, naming the field.
    let old = (kabinet_core::kz::today(chrono::Utc::now()) - chrono::Days::new(400)).to_string();
    let out = env.run(&["--json", "history", "--company", "1", "--from", &old]).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(json_of(&out)["field"], "from");

    // As XLSX: the same rows, kept in the library.
    let saved = env.json(&["report", "actions_history", "--company", "1", "--number", "77012115526", "--ru"]).await;
    assert_eq!(saved["kind"], "actions_history");
    let sheet = Inspected::read(&std::fs::read(saved["path"].as_str().unwrap()).unwrap());
    let cells = cells(&sheet, 6);
    let worded = if action == "Number blocking" {
        "Блокировка номера"
    } else {
        "Номер заблокирован"
    };
    assert!(cells.iter().any(|c| c == worded), "the action's row, in Russian from its kind: {cells:?}");
    assert!(cells.iter().any(|c| c.contains("номер 77012115526")), "the filter, in Russian: {cells:?}");
}

/// Holds the portal's answers to changes for `ms` after it acted (none: answers at once).
async fn delay_answers(env: &Env, ms: Option<u64>) {
    let status = reqwest::Client::new()
        .post(format!("{}sandbox/faults", env.portal.as_ref().unwrap().url()))
        .json(&serde_json::json!({ "delay_answers_ms": ms }))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
}

#[tokio::test]
async fn an_action_whose_answer_was_lost_is_listed_resolved_with_its_key_and_a_too_old_one_dismissed() {
    let env = Env::start().await;
    env.login().await;
    assert_eq!(env.json(&["pending"]).await, serde_json::json!([]));
    let out = env.run(&["pending"]).await;
    assert!(String::from_utf8_lossy(&out.stdout).contains("No action is left without an answer"));

    // A report request whose answer is held while the CLI is killed: it may have been done.
    let reports = "SELECT COUNT(*) FROM requests WHERE kind = 'report'";
    let before = sqlx_count(&env, reports).await;
    delay_answers(&env, Some(20_000)).await;
    let mut asking = env.command(&["report", "devices", "--company", "1"]);
    asking.stdout(Stdio::null()).stderr(Stdio::null());
    let mut child = asking.spawn().unwrap();
    let started = Instant::now();
    let pending = loop {
        let list = env.json(&["pending"]).await;
        if !list.as_array().unwrap().is_empty() {
            break list;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the request was never sent");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // Time for the request to reach the portal, which acts and holds its answer.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    child.kill().unwrap();
    child.wait().unwrap();
    delay_answers(&env, None).await;
    let key = pending[0]["key"].as_str().unwrap().to_string();
    assert_eq!(pending[0]["action"], "report");

    let out = env.run(&["pending"]).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&key) && text.contains("report") && text.contains("(Kazakhstan time)"), "{text}");
    // Young enough to be asked about: not dismissed.
    let out = env.run(&["pending", "--dismiss", &key]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&format!("pending --resolve {key}")), "{}", stderr(&out));

    let out = env.run(&["--json", "pending", "--resolve"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let settled = json_of(&out);
    assert_eq!((settled[0]["key"].as_str(), settled[0]["status"].as_str()), (Some(key.as_str()), Some("done")));
    assert_eq!(env.json(&["pending"]).await, serde_json::json!([]), "settled");
    let out = env.run(&["pending", "--resolve", &key]).await;
    assert_eq!(out.status.code(), Some(2), "not pending any more");
    // The portal acted once: one devices report was asked for, the replay was no second one.
    assert_eq!(sqlx_count(&env, reports).await, before + 1);

    // Left more than a day: not asked about, and dismissed after a look at the history.
    delay_answers(&env, Some(20_000)).await;
    let mut child = env
        .command(&["report", "devices", "--company", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while env.json(&["pending"]).await.as_array().unwrap().is_empty() {
        assert!(started.elapsed() < Duration::from_secs(20), "the request was never sent");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    delay_answers(&env, None).await;
    age_intents(&env).await;
    let out = env.run(&["pending", "--resolve"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("actions history") && text.contains("pending --dismiss"), "{text}");
    let key = env.json(&["pending"]).await[0]["key"].as_str().unwrap().to_string();
    let dismissed = env.json(&["pending", "--dismiss", &key]).await;
    assert_eq!(dismissed["dismissed"], serde_json::json!([key]));
    assert_eq!(env.json(&["pending"]).await, serde_json::json!([]));
}

/// A count from the portal's database.
async fn sqlx_count(env: &Env, query: &str) -> i64 {
    use sqlx::Connection;
    let path = env.dir.path().join("portal").join("portal.sqlite");
    let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", path.display())).await.unwrap();
    sqlx::query_scalar(query).fetch_one(&mut db).await.unwrap()
}

/// Makes the cache's intents two days old.
async fn age_intents(env: &Env) {
    use sqlx::Connection;
    let path = env.dir.path().join("data").join("cache.sqlite");
    let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    let old = (chrono::Utc::now() - chrono::Duration::days(2)).to_rfc3339();
    sqlx::query("UPDATE intents SET created_at = ?").bind(old).execute(&mut db).await.unwrap();
}
