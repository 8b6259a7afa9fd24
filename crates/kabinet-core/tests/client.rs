//! The client and the account service against a real sandbox over loopback HTTP.

use kabinet_core::account::Account;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::domain::Phone;
use kabinet_core::secrets::{Persistence, Vault};
use kabinet_core::ErrorCode;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::sync::Arc;

async fn sandbox(dir: &tempfile::TempDir) -> RunningSandbox {
    portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"))).await.unwrap()
}

/// An account on `portal` with an in-memory cache and no keychain.
async fn fresh_account(portal: &RunningSandbox) -> Account {
    Account::new(
        PortalClient::new(&portal.url()).unwrap(),
        Cache::in_memory().await.unwrap(),
        Arc::new(Vault::memory_only()),
        "demo",
    )
}

fn phone() -> Phone {
    Phone::parse(DEMO_LOGIN_PHONE).unwrap()
}

#[tokio::test]
async fn signs_in_and_reads_profile_and_companies() {
    let dir = tempfile::tempdir().unwrap();
    let portal = sandbox(&dir).await;
    let client = PortalClient::new(&portal.url()).unwrap();
    assert_eq!(client.health().await.unwrap().status, "ok");
    let answer = client.login(&phone(), DEMO_LOGIN_PASSWORD).await.unwrap();
    assert_eq!(answer.profile.phone, DEMO_LOGIN_PHONE);
    assert_eq!(client.profile().await.unwrap().name, "Алия Сапарова");
    let companies = client.companies().await.unwrap();
    assert_eq!(companies.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["ТОО Кабинет", "Филиал ТОО Кабинет"]);
    let err = client.company(3).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn errors_are_mapped_with_their_details() {
    let dir = tempfile::tempdir().unwrap();
    let portal = sandbox(&dir).await;
    let client = PortalClient::new(&portal.url()).unwrap();

    let wrong = client.login(&phone(), "Wrong-2026").await.unwrap_err();
    assert_eq!((wrong.code, wrong.attempts_left), (ErrorCode::InvalidCredentials, Some(4)));
    for _ in 0..3 {
        client.login(&phone(), "Wrong-2026").await.unwrap_err();
    }
    let locked = client.login(&phone(), "Wrong-2026").await.unwrap_err();
    assert_eq!((locked.code, locked.retry_after_s), (ErrorCode::LockedOut, Some(900)));

    // A 401 on anything but the login itself is a session that ended.
    let expired = client.profile().await.unwrap_err();
    assert_eq!(expired.code, ErrorCode::SessionExpired);
}

#[tokio::test]
async fn an_unreachable_portal_is_reported_as_such() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = PortalClient::new(&format!("http://127.0.0.1:{port}")).unwrap();
    let err = client.health().await.unwrap_err();
    assert_eq!(err.code, ErrorCode::PortalUnreachable);
    assert!(err.is_unreachable());
}

#[tokio::test]
async fn account_falls_back_to_the_cache_when_the_portal_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let portal = sandbox(&dir).await;
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let account =
        Account::new(PortalClient::new(&portal.url()).unwrap(), cache, Arc::new(Vault::memory_only()), "test");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    let online = account.companies().await.unwrap();
    assert!(!online.offline);
    account.profile().await.unwrap();

    portal.shutdown().await;
    let offline = account.companies().await.unwrap();
    assert!(offline.offline);
    assert_eq!(offline.data, online.data);
    assert_eq!(offline.fetched_at.timestamp(), online.fetched_at.timestamp());
    let profile = account.profile().await.unwrap();
    assert!(profile.offline);
    assert_eq!(profile.data.name, "Алия Сапарова");
    // Changes need the portal.
    assert!(account.change_email("new@kabinet.kz").await.unwrap_err().is_unreachable());
}

#[tokio::test]
async fn remembered_session_is_restored_and_forgotten_at_logout() {
    let dir = tempfile::tempdir().unwrap();
    let portal = sandbox(&dir).await;
    let cache = Cache::in_memory().await.unwrap();
    let vault = Arc::new(Vault::memory_only());
    let first = Account::new(PortalClient::new(&portal.url()).unwrap(), cache.clone(), vault.clone(), "demo");
    let signed_in = first.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, true).await.unwrap();
    assert_eq!(signed_in.remembered, Some(Persistence::MemoryOnly));

    // A second account object (as after a restart of the portal connection) resumes it.
    let second = Account::new(PortalClient::new(&portal.url()).unwrap(), cache.clone(), vault.clone(), "demo");
    let restored = second.restore().await.unwrap().expect("a remembered session");
    assert_eq!(restored.data.phone, DEMO_LOGIN_PHONE);
    second.logout().await;
    assert!(!second.is_signed_in());

    let third = Account::new(PortalClient::new(&portal.url()).unwrap(), cache, vault, "demo");
    assert!(third.restore().await.unwrap().is_none());
}

#[tokio::test]
async fn account_validates_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let portal = sandbox(&dir).await;
    let account = fresh_account(&portal).await;
    assert_eq!(account.login("12345", "x", false).await.unwrap_err().code, ErrorCode::InvalidPhone);
    assert_eq!(account.companies().await.unwrap_err().code, ErrorCode::NotSignedIn);
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    let err = account.change_password(DEMO_LOGIN_PASSWORD, "Novyi-Parol-2027", "Other-2027").await.unwrap_err();
    assert_eq!(err.code, ErrorCode::PasswordMismatch);
    assert_eq!(account.change_email("nope").await.unwrap_err().code, ErrorCode::InvalidEmail);
    let renamed = account.set_display_name(2, "  Филиал  ").await.unwrap();
    assert_eq!(renamed.display_name, "Филиал");
    assert_eq!(account.set_display_name(2, "a\nb").await.unwrap_err().code, ErrorCode::InvalidDisplayName);
    // Refused before sending: the portal would not be asked about an invisible character.
    assert_eq!(account.set_display_name(2, "Фили\u{200B}ал").await.unwrap_err().code, ErrorCode::InvalidDisplayName);
}

#[tokio::test]
async fn recovery_through_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let portal = sandbox(&dir).await;
    let account = fresh_account(&portal).await;
    let ticket = account.recovery_start("+7 701 001 65 15").await.unwrap();
    let outbox = account.client().sandbox_outbox().await.unwrap();
    let code: String = outbox[0].body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().into();
    let verified = account.recovery_verify(&ticket.recovery_id, &code).await.unwrap();
    let weak = account
        .recovery_complete(&ticket.recovery_id, DEMO_LOGIN_PHONE, &verified.reset_token, "weak", "weak")
        .await
        .unwrap_err();
    assert_eq!(weak.code, ErrorCode::WeakPassword);
    account
        .recovery_complete(
            &ticket.recovery_id,
            DEMO_LOGIN_PHONE,
            &verified.reset_token,
            "Novyi-Parol-2027",
            "Novyi-Parol-2027",
        )
        .await
        .unwrap();
    account.login(DEMO_LOGIN_PHONE, "Novyi-Parol-2027", false).await.unwrap();
}

/// Every request says the user's language: the portal refuses in it, and a change of the
/// setting applies from the next request on, to the client's clones too.
#[tokio::test]
async fn the_portal_answers_in_the_clients_language() {
    use kabinet_core::settings::Language;
    let dir = tempfile::tempdir().unwrap();
    let portal = sandbox(&dir).await;
    let client = PortalClient::new(&portal.url()).unwrap().with_language(Language::Kk);
    let wrong = client.login(&phone(), "Wrong-2026").await.unwrap_err();
    assert_eq!(
        (wrong.code, wrong.message.as_str()),
        (ErrorCode::InvalidCredentials, "Телефон нөмірі немесе құпия сөз қате.")
    );
    let clone = client.clone();
    client.set_language(Language::Ru);
    let wrong = clone.login(&phone(), "Wrong-2026").await.unwrap_err();
    assert_eq!(wrong.message, "Неверный номер телефона или пароль.");
    client.set_language(Language::En);
    let wrong = client.login(&phone(), "Wrong-2026").await.unwrap_err();
    assert!(wrong.message.is_ascii(), "{}", wrong.message);
}

/// A session the portal ended, met first by a step nobody watches (the window's charges after a
/// sync): the next call still says why, `session_expired`, not "sign in first"; a sign-out or a
/// new sign-in ends that.
#[tokio::test]
async fn a_session_the_portal_ended_is_said_to_the_next_caller_too() {
    let dir = tempfile::tempdir().unwrap();
    let portal = sandbox(&dir).await;
    let account = fresh_account(&portal).await;
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    portal.clock().advance(31 * 60);
    assert_eq!(account.spend().refresh(1).await.unwrap_err().code, ErrorCode::SessionExpired, "met in the background");
    assert_eq!(account.companies().await.unwrap_err().code, ErrorCode::SessionExpired, "and told to the next caller");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account.logout().await;
    assert_eq!(account.companies().await.unwrap_err().code, ErrorCode::NotSignedIn, "signed out: sign in first");
}
