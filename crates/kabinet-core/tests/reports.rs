//! The company's e-mailed reports through core against a real sandbox: the shared rule refuses
//! before sending; an accepted report is followed by the watcher, which keeps its file in the
//! library before the request counts as done; the library survives a restart, opens with the
//! portal stopped, and shows nothing to another administrator on the same computer.

use chrono::{Duration, Utc};
use kabinet_core::account::Account;
use kabinet_core::api::{ReportKind, ReportRequest, RequestState};
use kabinet_core::cache::documents::LibraryFilter;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use kabinet_core::ErrorCode;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::path::Path;
use std::sync::Arc;

async fn account(portal_url: &str, cache_file: &Path, vault: &Arc<Vault>) -> Account {
    let cache = Cache::open(cache_file).await.unwrap();
    Account::new(PortalClient::new(portal_url).unwrap(), cache, vault.clone(), "test")
}

/// Signed in with "remember me", in `vault` (the keychain of this computer).
async fn signed_in(portal: &RunningSandbox, cache_file: &Path, vault: &Arc<Vault>, phone: &str) -> Account {
    let account = account(&portal.url(), cache_file, vault).await;
    account.login(phone, DEMO_LOGIN_PASSWORD, true).await.unwrap();
    account
}

fn numbers_report() -> ReportRequest {
    ReportRequest {
        kind: ReportKind::Numbers,
        from: None,
        to: None,
        email: "buh@kabinet.kz".into(),
        payment_method: None,
        format: None,
    }
}

#[tokio::test]
async fn a_report_is_kept_in_the_library_when_done_and_opens_after_a_restart_with_the_portal_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let portal =
        portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"))).await.unwrap();
    let cache_file = dir.path().join("cache.sqlite");
    let vault = Arc::new(Vault::memory_only());
    let first = signed_in(&portal, &cache_file, &vault, DEMO_LOGIN_PHONE).await;
    first.profile().await.unwrap();

    let record = first.reports().request(1, &numbers_report()).await.unwrap();
    assert_eq!(record.state, RequestState::InProcess);
    let listed = first.reports().of_company(1, &[ReportKind::Numbers]).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].document.is_none(), "no file before it is done");
    assert!(first.reports().of_company(1, &[ReportKind::Devices]).await.unwrap().is_empty());

    portal.clock().advance(5);
    let changed = first.follow_up().poll_due(Utc::now() + Duration::minutes(1)).await.unwrap();
    assert_eq!(changed.len(), 1);
    let listed = first.reports().of_company(1, &[]).await.unwrap();
    let saved = listed[0].document.clone().expect("kept when done");
    assert_eq!((saved.kind.as_str(), saved.company_id), ("numbers_report", Some(1)));
    assert!(saved.file_name.starts_with("numbers_150340001236_") && saved.file_name.ends_with(".xlsx"));
    // Asked again (a crash before the record was saved): the file is not kept twice.
    assert_eq!(first.reports().save_file(&changed[0]).await.unwrap().id, saved.id);
    assert_eq!(first.library().list(&LibraryFilter::default()).await.unwrap().len(), 1);

    // Another administrator on the same computer sees none of it.
    let other = signed_in(&portal, &cache_file, &Arc::new(Vault::memory_only()), "77071234567").await;
    assert!(other.library().list(&LibraryFilter::default()).await.unwrap().is_empty());
    assert_eq!(other.library().load(saved.id).await.unwrap_err().code, ErrorCode::NotFound);
    drop((first, other));

    // The app starts again with the portal gone: the remembered session opens the cache, and
    // the library still lists and opens the file.
    portal.shutdown().await;
    let offline = account("http://127.0.0.1:9/", &cache_file, &vault).await;
    offline.restore().await.unwrap().expect("the remembered session, offline");
    let library = offline.library().list(&LibraryFilter { company_id: Some(1), ..Default::default() }).await.unwrap();
    assert_eq!(library.iter().map(|d| d.id).collect::<Vec<_>>(), [saved.id]);
    let out = dir.path().join("viewer");
    let path = offline.library().write_for_viewer(saved.id, &out).await.unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
    assert_eq!(path.file_name().unwrap().to_str().unwrap(), saved.file_name, "under its own name");
    // Opened again: the same copy. Edited in the viewer, then opened again: the edit is kept
    // and the library's file goes beside it, numbered.
    assert_eq!(offline.library().write_for_viewer(saved.id, &out).await.unwrap(), path);
    std::fs::write(&path, b"edited in the viewer").unwrap();
    let fresh = offline.library().write_for_viewer(saved.id, &out).await.unwrap();
    assert_ne!(fresh, path);
    assert!(fresh.file_name().unwrap().to_str().unwrap().ends_with(" (2).xlsx"), "{}", fresh.display());
    assert_eq!(std::fs::read(&path).unwrap(), b"edited in the viewer");
    assert_eq!(std::fs::read(&fresh).unwrap(), bytes);
    let copy = dir.path().join("copy.xlsx");
    offline.library().save_copy(saved.id, &copy).await.unwrap();
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
}

#[tokio::test]
async fn the_shared_rule_refuses_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let portal =
        portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"))).await.unwrap();
    let vault = Arc::new(Vault::memory_only());
    let admin = signed_in(&portal, &dir.path().join("cache.sqlite"), &vault, DEMO_LOGIN_PHONE).await;
    let today = kabinet_core::kz::today(Utc::now());
    let req = ReportRequest {
        kind: ReportKind::Reconciliation,
        from: Some(today),
        to: Some(today),
        email: "buh@kabinet.kz".into(),
        payment_method: None,
        format: None,
    };
    let e = admin.reports().request(1, &req).await.unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::NotYetAvailable, Some("to")));
    assert!(admin.reports().of_company(1, &[]).await.unwrap().is_empty(), "nothing was sent or kept");
    let e = admin.reports().request(3, &numbers_report()).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound, "not a company of this administrator");
}

/// A front end that waits for one report (the CLI) follows it by the watcher's own round: still
/// open when the time runs out, done (its file in the library) once the portal completes it.
#[tokio::test]
async fn one_report_is_waited_for_by_the_watcher_s_round() {
    let dir = tempfile::tempdir().unwrap();
    let portal =
        portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"))).await.unwrap();
    let vault = Arc::new(Vault::memory_only());
    let account = signed_in(&portal, &dir.path().join("cache.sqlite"), &vault, DEMO_LOGIN_PHONE).await;
    let record = account.reports().request(1, &numbers_report()).await.unwrap();
    let open = account.follow_up().until_closed(&record, std::time::Duration::from_millis(50)).await.unwrap();
    assert_eq!(open.state, RequestState::InProcess, "the time ran out first");

    portal.clock().advance(5);
    let done = account.follow_up().until_closed(&record, std::time::Duration::from_secs(30)).await.unwrap();
    assert_eq!((done.id.as_str(), done.state), (record.id.as_str(), RequestState::Done));
    let listed = account.reports().of_company(1, &[ReportKind::Numbers]).await.unwrap();
    assert!(listed[0].document.is_some(), "its file is in the library");
}
