//! The signed-in administrator's account, as the app and the CLI use it: the portal first,
//! the cache when the portal cannot be reached. The account holds the session, the profile and
//! the companies; each further area is a handle with its own file (`account.numbers()`).
//!
//! Rules that live here, once: what is cached after each fetch; a `session_expired` answer
//! forgets the remembered session; reads fall back to the cache only on `portal_unreachable` /
//! `portal_timeout` (any other error is the portal's answer and is shown as such).

use crate::act::Act;
use crate::action::ActionKind;
use crate::actions_history::ActionsHistory;
use crate::api::{Company, Profile, RecoveryTicket, RecoveryVerified};
use crate::billing::Billing;
use crate::bulk::Bulk;
use crate::cache::{self, Cache, Cached};
use crate::changes::Changes;
use crate::client::{Call, PortalClient, Token};
use crate::devices::Devices;
use crate::domain::{Email, Password, Phone};
use crate::error::{Error, ErrorCode, Result};
use crate::follow_up::FollowUp;
use crate::forwarding::CallForwarding;
use crate::intents::Intents;
use crate::labels::Labels;
use crate::library::Library;
use crate::numbers::Numbers;
use crate::payments::Payments;
use crate::reports::Reports;
use crate::requests::Requests;
use crate::secrets::{Persistence, RememberedSession, Vault};
use crate::session::Session;
use crate::spend::Spend;
use crate::transfer::BalanceTransfer;
use chrono::Utc;
use serde::Serialize;
use std::sync::Arc;

/// The result of a sign-in.
#[derive(Debug, Clone, Serialize)]
pub struct SignedIn {
    pub profile: Profile,
    /// Where "remember me" kept the session, when it was asked for.
    pub remembered: Option<Persistence>,
}

pub struct Account {
    session: Session,
}

/// The session an area works in (what a bulk `Runner` drives with).
impl AsRef<Session> for Account {
    fn as_ref(&self) -> &Session {
        &self.session
    }
}

impl Account {
    pub fn new(client: PortalClient, cache: Cache, vault: Arc<Vault>, portal_key: impl Into<String>) -> Self {
        Self { session: Session::new(client, cache, vault, portal_key.into()) }
    }

    pub fn client(&self) -> &PortalClient {
        &self.session.client
    }

    /// The context the areas work in (client, cache, who is signed in).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Number management: the list, sync, the number profile and its parts.
    pub fn numbers(&self) -> Numbers<'_> {
        Numbers::new(&self.session)
    }

    /// The actions the user confirmed, each with one Idempotency-Key until its answer is
    /// received (see `intents.rs`).
    pub fn intents(&self) -> Intents<'_> {
        Intents::new(&self.session)
    }

    /// Resolves a left-over intent ([`Intents::resolve`]) and keeps what its answer says
    /// (intents never call an area back), as for an action sent now ([`crate::act::Act::apply`]).
    pub async fn resolve_intent(&self, key: &str) -> Result<crate::intents::ResolvedIntent> {
        let resolved = self.intents().resolve(key).await?;
        if let Some(outcome) = resolved.outcome.clone() {
            let msisdn = resolved.intent.msisdn.as_deref().and_then(|m| Phone::parse(m).ok());
            if let Err(e) = self.act().apply(&self.session.owner()?, msisdn.as_ref(), outcome).await {
                tracing::warn!(code = %e.code_str(), "a resolved intent's answer is not kept: {}", e.message);
            }
        }
        Ok(resolved)
    }

    /// The simple actions on a number, each sent as it describes itself (see `act.rs`).
    pub fn act(&self) -> Act<'_> {
        Act::new(&self.session)
    }

    /// Device (IMEI) registration of a number (see `devices.rs`).
    pub fn devices(&self) -> Devices<'_> {
        Devices::new(&self.session)
    }

    /// Call forwarding of a number (see `forwarding.rs`).
    pub fn forwarding(&self) -> CallForwarding<'_> {
        CallForwarding::new(&self.session)
    }

    /// The payments report by number, kept in the cache as a file (see `payments.rs`).
    pub fn payments(&self) -> Payments<'_> {
        Payments::new(&self.session)
    }

    /// The company's billing documents: accounts, certificate, invoice register, invoice search
    /// (see `billing.rs`).
    pub fn billing(&self) -> Billing<'_> {
        Billing::new(&self.session)
    }

    /// Bulk actions: one action on many numbers, previewed, kept in the cache, resumable (see
    /// `bulk/mod.rs`).
    pub fn bulk(&self) -> Bulk<'_> {
        Bulk::new(&self.session)
    }

    /// The company's actions history and its export (see `actions_history.rs`).
    pub fn actions_history(&self) -> ActionsHistory<'_> {
        ActionsHistory::new(&self.session)
    }

    /// Who uses each number: employee, department, cost centre, tags; local only (see `labels/`).
    pub fn labels(&self) -> Labels<'_> {
        Labels::new(&self.session)
    }

    /// What changed in a company's numbers, sync after sync (see `changes/`).
    pub fn changes(&self) -> Changes<'_> {
        Changes::new(&self.session)
    }

    /// What each number, cost centre and department costs (see `spend/`).
    pub fn spend(&self) -> Spend<'_> {
        Spend::new(&self.session)
    }

    /// The company's numbers synced ([`Numbers::sync`]), then the charges months the cache does
    /// not hold yet ([`Spend::refresh`]): what the window's and the CLI's sync do. Here, above
    /// both areas, so neither imports the other. The charges step's failure is reported in
    /// `charges.error`, never as the sync's: the numbers are written by then.
    pub async fn sync_with_charges(
        &self,
        company: i64,
        force_full: bool,
        progress: &(dyn Fn(crate::sync::SyncProgress) + Send + Sync),
    ) -> Result<crate::sync::SyncReport> {
        let mut report = self.numbers().sync(company, force_full, progress).await?;
        report.charges = Some(match self.spend().refresh(company).await {
            Ok(fetched) => crate::sync::ChargesRefresh { months: fetched.months, error: None },
            Err(e) => {
                tracing::warn!("the charges after the sync of company {company} failed: {e}");
                crate::sync::ChargesRefresh { months: Vec::new(), error: Some(e) }
            }
        });
        Ok(report)
    }

    /// The documents library (offline).
    pub fn library(&self) -> Library<'_> {
        Library::new(&self.session)
    }

    /// The company's e-mailed reports.
    pub fn reports(&self) -> Reports<'_> {
        Reports::new(&self.session)
    }

    /// Balance transfer between two numbers of a company (see `transfer.rs`).
    pub fn transfer(&self) -> BalanceTransfer<'_> {
        BalanceTransfer::new(&self.session)
    }

    /// One round of the requests watcher (see `follow_up.rs`); [`crate::watcher::follow`] runs it.
    pub fn follow_up(&self) -> FollowUp<'_> {
        FollowUp::new(&self.session)
    }

    /// Requests that finish later, followed by one watcher (see `requests.rs`).
    pub fn requests(&self) -> Requests<'_> {
        Requests::new(&self.session)
    }

    /// Ends the watcher's sleep on this account now (see [`Session::wake_watcher`]).
    pub fn wake_watcher(&self) {
        self.session.wake_watcher();
    }

    /// Resolves when a request starts (the watcher's sleep ends early).
    pub async fn request_wake(&self) {
        self.session.request_wake().await;
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.is_signed_in()
    }

    /// Signs in with a phone number and password; with `remember`, keeps the session for the
    /// next start (keychain, or memory when there is none).
    pub async fn login(&self, phone: &str, password: &str, remember: bool) -> Result<SignedIn> {
        let phone = Phone::parse(phone)?;
        if password.is_empty() {
            return Err(Error::new(ErrorCode::InvalidCredentials, "Enter your password."));
        }
        let answer = self.session.client.login(&phone, password).await?;
        // The session and the cache are keyed by this phone: it must be a number.
        if !Phone::is_canonical(&answer.profile.phone) {
            self.session.client.set_token(None);
            return Err(Error::new(
                ErrorCode::InvalidResponse,
                format!("The portal sent an invalid `profile.phone` ({:?}) at sign-in.", answer.profile.phone),
            ));
        }
        self.session.set_phone(Some(answer.profile.phone.clone()));
        // The watcher follows this administrator's open requests from now on.
        self.session.request_started();
        cache::profile::save(self.session.cache.pool(), &self.session.portal_key, &answer.profile, Utc::now()).await?;
        let remembered = if remember {
            let session = RememberedSession { phone: answer.profile.phone.clone(), token: Token::new(answer.token) };
            Some(self.session.vault.save(&self.session.portal_key, &session).await)
        } else {
            self.session.vault.forget(&self.session.portal_key).await;
            None
        };
        Ok(SignedIn { profile: answer.profile, remembered })
    }

    /// Resumes a remembered session, if any. Offline, the cached profile is returned so the
    /// user can read cached data; a session the portal no longer knows is forgotten.
    pub async fn restore(&self) -> Result<Option<Cached<Profile>>> {
        let Some(session) = self.session.vault.load(&self.session.portal_key).await else {
            return Ok(None);
        };
        self.session.client.set_token(Some(session.token.clone()));
        self.session.set_phone(Some(session.phone.clone()));
        self.session.request_started();
        match self.profile().await {
            Ok(profile) => Ok(Some(profile)),
            Err(e) if e.code == ErrorCode::SessionExpired => Ok(None),
            Err(e) => {
                // Unreachable with nothing cached: keep the remembered session for later.
                self.session.client.set_token(None);
                self.session.set_phone(None);
                Err(e)
            }
        }
    }

    /// Ends the session on the portal (if it can be reached) and here.
    pub async fn logout(&self) {
        if let Err(e) = self.session.client.logout().await {
            tracing::info!("portal logout failed ({}); the local session is ended anyway", e.code_str());
        }
        if let Some(removal) = self.session.sign_out_locally() {
            let _ = removal.await;
        }
    }

    pub async fn profile(&self) -> Result<Cached<Profile>> {
        let phone = self.session.signed_in_phone()?;
        match self.session.check(self.session.client.profile().await) {
            Ok(profile) => {
                let now = Utc::now();
                cache::profile::save(self.session.cache.pool(), &self.session.portal_key, &profile, now).await?;
                Ok(Cached { data: profile, fetched_at: now, offline: false })
            }
            Err(e) if e.is_unreachable() => {
                match cache::profile::load(self.session.cache.pool(), &self.session.portal_key, &phone).await? {
                    Some((data, fetched_at)) => Ok(Cached { data, fetched_at, offline: true }),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    pub async fn change_email(&self, email: &str) -> Result<Profile> {
        let email = Email::parse(email)?;
        let profile = self.intents().send(ActionKind::EmailChange, None, Call::change_email(&email)).await?;
        cache::profile::save(self.session.cache.pool(), &self.session.portal_key, &profile, Utc::now()).await?;
        Ok(profile)
    }

    pub async fn change_password(&self, current: &str, new: &str, confirmation: &str) -> Result<()> {
        let phone = Phone::parse(&self.session.signed_in_phone()?)?;
        if current.is_empty() {
            return Err(Error::new(ErrorCode::WrongPassword, "Enter your current password."));
        }
        let new = Password::new_with_confirmation(new, confirmation, Some(&phone))?;
        self.session.check(self.session.client.change_password(current, &new).await)
    }

    pub async fn companies(&self) -> Result<Cached<Vec<Company>>> {
        let phone = self.session.signed_in_phone()?;
        match self.session.check(self.session.client.companies().await) {
            Ok(list) => {
                let now = Utc::now();
                let mut tx = self.session.cache.pool().begin().await.map_err(crate::Error::cache)?;
                cache::companies::replace_all(&mut tx, &self.session.portal_key, &phone, &list, now).await?;
                tx.commit().await.map_err(crate::Error::cache)?;
                Ok(Cached { data: list, fetched_at: now, offline: false })
            }
            Err(e) if e.is_unreachable() => {
                match cache::companies::list(self.session.cache.pool(), &self.session.portal_key, &phone).await? {
                    Some((data, fetched_at)) => Ok(Cached { data, fetched_at, offline: true }),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Whether the portal answers now.
    pub async fn ping(&self) -> bool {
        self.session.client.health().await.is_ok()
    }

    /// Renames a company as this administrator sees it; blank restores the company's name.
    pub async fn set_display_name(&self, company_id: i64, display_name: &str) -> Result<Company> {
        let name = crate::rules::display_name::check(display_name)?;
        let company =
            self.intents().send(ActionKind::DisplayName, None, Call::set_display_name(company_id, name)).await?;
        self.companies().await?;
        Ok(company)
    }

    // ---- password recovery and activation (no session needed) -------------------------------

    pub async fn recovery_start(&self, phone: &str) -> Result<RecoveryTicket> {
        self.session.client.recovery_start(&Phone::parse(phone)?).await
    }

    pub async fn recovery_resend(&self, recovery_id: &str) -> Result<RecoveryTicket> {
        self.session.client.recovery_resend(recovery_id).await
    }

    pub async fn recovery_verify(&self, recovery_id: &str, code: &str) -> Result<RecoveryVerified> {
        self.session.client.recovery_verify(recovery_id, code).await
    }

    pub async fn recovery_complete(
        &self,
        recovery_id: &str,
        phone: &str,
        reset_token: &str,
        password: &str,
        confirmation: &str,
    ) -> Result<()> {
        let phone = Phone::parse(phone)?;
        let password = Password::new_with_confirmation(password, confirmation, Some(&phone))?;
        self.session.client.recovery_complete(recovery_id, reset_token, &password).await
    }
}
