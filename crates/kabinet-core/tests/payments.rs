//! The payments report by number through `account.payments()` against a real sandbox: the
//! period refused before the portal is asked, the report sent, and its XLSX kept in the cache
//! per administrator, readable after a restart with the portal gone.

use chrono::{Months, Utc};
use kabinet_core::account::Account;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::error::Reason;
use kabinet_core::secrets::Vault;
use kabinet_core::settings::Language;
use kabinet_core::ErrorCode;
use portal_sandbox::seed::DEMO_TELE2_PHONE;
use portal_sandbox::{Config, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::sync::Arc;

const NUMBER: &str = "77010542007";
const EMAIL: &str = "aliya.saparova@kabinet.kz";

#[tokio::test]
async fn a_sent_report_is_kept_per_administrator_and_opens_after_a_restart_offline() {
    let dir = tempfile::tempdir().unwrap();
    let portal =
        portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"))).await.unwrap();
    let cache_path = dir.path().join("cache.sqlite");
    // The keychain outlives the app: one vault for both runs.
    let vault = Arc::new(Vault::memory_only());
    let account = Account::new(
        PortalClient::new(&portal.url()).unwrap(),
        Cache::open(&cache_path).await.unwrap(),
        vault.clone(),
        "demo",
    );
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, true).await.unwrap();
    let payments = account.payments();

    // Refused here, before the portal is asked: nothing is sent.
    let bounds = payments.period();
    let too_old = bounds.earliest.pred_opt().unwrap();
    let e = payments.request_report(NUMBER, too_old, bounds.latest, EMAIL, Language::En).await.unwrap_err();
    assert_eq!(
        (e.code, e.reason, e.field.as_deref()),
        (ErrorCode::PeriodTooLong, Some(Reason::PaymentsOlderThanThreeMonths), Some("from"))
    );
    let e = payments
        .request_report(NUMBER, bounds.default_from, bounds.default_to, "aliya@", Language::En)
        .await
        .unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidEmail, Some("email")));
    let e = payments
        .request_report("12345", bounds.default_from, bounds.default_to, EMAIL, Language::En)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidPhone);
    assert!(portal.outbox(Some(EMAIL)).is_empty());
    assert!(payments.saved(NUMBER).await.unwrap().is_empty(), "nothing kept of refusals");

    // The last three months, the widest period the rule allows.
    let today = kabinet_core::kz::today(Utc::now());
    assert_eq!(bounds.earliest, today.checked_sub_months(Months::new(3)).unwrap());
    let sent = payments.request_report(NUMBER, bounds.earliest, bounds.latest, EMAIL, Language::Ru).await.unwrap();
    assert!(sent.report.payments.len() >= 3, "{:?}", sent.report);
    assert_eq!(sent.saved.file_name, format!("payments-{NUMBER}-{}-{}.xlsx", bounds.earliest, bounds.latest));
    assert_eq!((sent.saved.period_from, sent.saved.period_to), (Some(bounds.earliest), Some(bounds.latest)));
    assert_eq!(sent.saved.kind.as_str(), "payments_report");
    let mail = portal.outbox(Some(EMAIL));
    assert_eq!(mail[0].attachment.as_ref().map(|a| a.name.as_str()), Some(sent.saved.file_name.as_str()));
    let (file, _) = payments.saved_report(sent.saved.id).await.unwrap();
    assert_eq!(&file.bytes[..2], b"PK", "an XLSX (a zip)");
    assert_eq!(file.bytes.len() as i64, sent.saved.size);

    // Another administrator on this computer sees none of it.
    account.logout().await;
    account.login(DEMO_TELE2_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    assert!(account.payments().saved(NUMBER).await.unwrap().is_empty());
    assert_eq!(account.payments().saved_report(sent.saved.id).await.unwrap_err().code, ErrorCode::NotFound);
    account.logout().await;
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, true).await.unwrap();
    drop(account);

    // A restart with the portal gone: the session is restored from the cache, and the report is
    // listed and opens, with its payments.
    let url = portal.url();
    portal.shutdown().await;
    let again = Account::new(PortalClient::new(&url).unwrap(), Cache::open(&cache_path).await.unwrap(), vault, "demo");
    let restored = again.restore().await.unwrap().expect("the remembered session");
    assert!(restored.offline);
    let saved = again.payments().saved(NUMBER).await.unwrap();
    assert_eq!(saved, vec![sent.saved.clone()]);
    let (file_again, report) = again.payments().saved_report(saved[0].id).await.unwrap();
    assert_eq!(file_again.bytes, file.bytes);
    assert_eq!(report.as_ref(), Some(&sent.report));
}
