//! One Idempotency-Key per user intent, kept in the cache until the portal's answer is received
//! (`account.intents()`).
//!
//! Why: a key made per HTTP call does not survive what users do. After a timeout the user
//! clicks again; after "session expired" they sign in again and retry; the app may crash
//! between sending and the answer. Each of those would send a NEW key, and a balance transfer
//! would move the money twice. So:
//! - when the user confirms, [`Intents::send`] writes the intent (its `ActionKind`, number and the
//!   [`Call`]) with a new key to the cache BEFORE sending;
//! - while it is unanswered, the same request confirmed again (double click, retry after a
//!   timeout or a re-login, the same action after a restart) IS that intent: it gets the same key
//!   (the table's unique request), and the portal replays its first answer;
//! - it is deleted once an answer is received: a success or a refusal (any 4xx; a 401 means the
//!   portal refused the session before acting). A transport failure, a timeout or a 5xx keep it;
//! - at start, [`Intents::pending`] lists what was left, and [`Intents::resolve`] asks the
//!   portal by sending the SAME call with the SAME key, never a new one. An intent older than
//!   [`RESEND_WITHIN`] is not re-sent (the portal keeps keys for a day; after that a re-send
//!   could act again): the user checks the actions history and dismisses it.
//!
//! The portal scopes keys to the administrator (not the session), which makes a retry after a
//! re-login a replay. Not kept here: sign-in, recovery and the password change, whose bodies
//! carry passwords or codes (never written to disk); read-only questions sent as POST. A bulk
//! run's number is an intent too, with its run's id (`send_in_run`): written before it is sent
//! with the key made at the run's preview, closed when answered; its run resumes it, so it is
//! not listed by `pending`.

use crate::action::{ActionKind, Answer};
use crate::api::{BanChange, RequestRecord, SecretCodeDeleted, SecretCodeSent, ServiceChange, Transfer};
use crate::cache::intents::{self as cached, KeptIntent, NewIntent};
use crate::cache::Owner;
use crate::client::{map_error, Call, PortalClient};
use crate::error::{Error, ErrorCode, Reason, Result};
use crate::session::Session;
use chrono::{DateTime, Duration, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::SqlitePool;

/// An unanswered intent older than this is not re-sent at start (the portal forgets keys after
/// 24 hours; an hour's margin for clocks).
pub const RESEND_WITHIN: Duration = Duration::hours(23);

/// An action sent (or about to be) whose answer has not been received.
#[derive(Debug, Clone, Serialize)]
pub struct PendingIntent {
    pub key: String,
    pub action: ActionKind,
    pub msisdn: Option<String>,
    pub call: Call,
    pub created_at: DateTime<Utc>,
}

impl PendingIntent {
    /// The kept row with its request read back; `None` for one this version cannot read (an
    /// action or a request a newer version left).
    fn of(kept: KeptIntent) -> Option<Self> {
        let KeptIntent { key, action, msisdn, call, created_at } = kept;
        Some(Self { key, action, msisdn, call: serde_json::from_str(&call).ok()?, created_at })
    }
}

/// What an intent's answer leaves for its area to keep, typed by what its action answers
/// (`ActionKind::answer`). This module never calls an area: the caller applies it
/// (`crate::act::Act::apply`).
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A done transfer: both numbers' new summaries go into the cached list and profiles.
    Transfer(Transfer),
    /// A request the portal accepted (block, a SIM replacement, ...): followed by the watcher.
    Request(RequestRecord),
    /// A ban changed: the number's general information after it.
    Ban(BanChange),
    /// A secret code sent (since when) or deleted (none): whether the number has one.
    SecretCode { msisdn: String, sent_at: Option<DateTime<Utc>> },
    /// A service enabled or disabled: the number's summary and services after it.
    Service(ServiceChange),
    /// No answer core has a type for: nothing of it is kept (a number it was about is read again).
    Nothing,
}

impl Outcome {
    /// The answer to an intent of `action`, read as the wire type that action answers; an
    /// answer that does not read as it is `invalid_response`.
    pub fn of(action: ActionKind, answer: serde_json::Value) -> Result<Self> {
        fn read<T: DeserializeOwned>(answer: serde_json::Value) -> Result<T> {
            serde_json::from_value(answer).map_err(|e| {
                Error::new(
                    ErrorCode::InvalidResponse,
                    format!("The portal sent an answer this version cannot read: {e}"),
                )
            })
        }
        Ok(match action.answer() {
            Answer::Transfer => Self::Transfer(read(answer)?),
            Answer::Request => Self::Request(read(answer)?),
            Answer::BanChange => Self::Ban(read(answer)?),
            Answer::SecretCodeSent => {
                let sent: SecretCodeSent = read(answer)?;
                Self::SecretCode { msisdn: sent.msisdn, sent_at: Some(sent.sent_at) }
            }
            Answer::SecretCodeDeleted => {
                let deleted: SecretCodeDeleted = read(answer)?;
                Self::SecretCode { msisdn: deleted.msisdn, sent_at: None }
            }
            Answer::ServiceChange => Self::Service(read(answer)?),
            Answer::Other => Self::Nothing,
        })
    }
}

/// What asking the portal about a left-over intent found.
#[derive(Debug, Clone, Serialize)]
pub struct ResolvedIntent {
    pub intent: PendingIntent,
    /// The portal did it (now or before).
    pub done: bool,
    /// The portal refused it: its answer, which the user reads as for any refusal.
    pub refused: Option<Error>,
    /// What the answer leaves to keep, for the caller to apply.
    #[serde(skip)]
    pub outcome: Option<Outcome>,
}

/// The intents of a signed-in account; get it with [`crate::account::Account::intents`].
#[derive(Clone, Copy)]
pub struct Intents<'a> {
    session: &'a Session,
}

impl<'a> Intents<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// Sends one action the user confirmed (see the module's doc) and reads its answer.
    pub async fn send<T: DeserializeOwned>(&self, action: ActionKind, msisdn: Option<&str>, call: Call) -> Result<T> {
        let owner = self.session.owner()?;
        let pool = self.session.cache.pool();
        let new = NewIntent { key: None, action: action.id(), msisdn, call: &call_text(&call), run_id: None };
        let key = cached::open(pool, &owner, new, Utc::now()).await?;
        let value = self.session.check(answer(&self.session.client, pool, &owner, &key, &call).await)?;
        serde_json::from_value(value).map_err(|e| {
            Error::new(ErrorCode::InvalidResponse, format!("The portal sent an answer this version cannot read: {e}"))
        })
    }

    /// The intents whose answer never arrived, oldest first (a bulk run's numbers are its own).
    pub async fn pending(&self) -> Result<Vec<PendingIntent>> {
        let kept = cached::pending(self.session.cache.pool(), &self.session.owner()?).await?;
        Ok(kept.into_iter().filter_map(PendingIntent::of).collect())
    }

    /// Asks the portal about a left-over intent by sending its call again with its key: the
    /// portal replays the answer it gave, or acts once if the request never reached it. What
    /// the answer leaves to keep is [`ResolvedIntent::outcome`], applied by the caller.
    pub async fn resolve(&self, key: &str) -> Result<ResolvedIntent> {
        let owner = self.session.owner()?;
        let intent = self.pending().await?.into_iter().find(|i| i.key == key).ok_or_else(|| {
            Error::new(ErrorCode::NotFound, "This action has already been checked.").with_reason(Reason::IntentGone)
        })?;
        if too_old(&intent, Utc::now()) {
            return Err(Error::new(
                ErrorCode::NotAllowedInState,
                "This action is too old to be checked with the portal; look for it in the actions history.",
            )
            .with_reason(Reason::IntentTooOld));
        }
        let pool = self.session.cache.pool();
        match self.session.check(answer(&self.session.client, pool, &owner, key, &intent.call).await) {
            Ok(value) => {
                let outcome = Some(Outcome::of(intent.action, value).unwrap_or(Outcome::Nothing));
                Ok(ResolvedIntent { intent, done: true, refused: None, outcome })
            }
            Err(e) if answered(&e) => Ok(ResolvedIntent { intent, done: false, refused: Some(e), outcome: None }),
            Err(e) => Err(e),
        }
    }

    /// Forgets a left-over intent without asking (the user checked the actions history).
    pub async fn dismiss(&self, key: &str) -> Result<()> {
        cached::close(self.session.cache.pool(), &self.session.owner()?, key).await
    }
}

/// The request as the JSON text the cache keeps.
pub(crate) fn call_text(call: &Call) -> String {
    serde_json::to_string(call).expect("a call serializes")
}

/// Opens the intent of one number of a bulk run (with the key made at its preview, unless an
/// unanswered intent has this very request) and sends it: the ONE way an action is sent with
/// its kept key, for a user's action and a run's number alike. A session ended is the caller's
/// to handle (`Account::check`).
pub(crate) async fn send_in_run(
    client: &PortalClient,
    pool: &SqlitePool,
    owner: &Owner,
    run: (&str, &str),
    action: ActionKind,
    msisdn: &str,
    call: &Call,
) -> Result<serde_json::Value> {
    let (run_id, key) = run;
    let new = NewIntent {
        key: Some(key),
        action: action.id(),
        msisdn: Some(msisdn),
        call: &call_text(call),
        run_id: Some(run_id),
    };
    let key = cached::open(pool, owner, new, Utc::now()).await?;
    answer(client, pool, owner, &key, call).await
}

/// Sends with the intent's key; closes the intent when an answer was received.
async fn answer(
    client: &PortalClient,
    pool: &SqlitePool,
    owner: &Owner,
    key: &str,
    call: &Call,
) -> Result<serde_json::Value> {
    let unanswered = |e: Error| e.with_reason(Reason::IntentUnanswered);
    let resp = client.send_call_raw(call, key).await.map_err(unanswered)?;
    let status = resp.status();
    if status.is_server_error() {
        return Err(unanswered(map_error(resp).await));
    }
    let result = if status.is_success() {
        let body = resp.bytes().await.map_err(|_| {
            Error::new(ErrorCode::PortalUnreachable, "The portal's answer was cut off.")
                .with_reason(Reason::IntentUnanswered)
        })?;
        serde_json::from_slice::<serde_json::Value>(&body).map_err(|e| {
            Error::new(ErrorCode::InvalidResponse, format!("The portal sent an answer this version cannot read: {e}"))
        })
    } else {
        Err(map_error(resp).await)
    };
    // An answer arrived: the intent is over, whatever it says. A 401 too: the portal checks
    // the session before the action, so nothing was done (a retry after signing in again
    // is a new intent, not a replay).
    if let Err(e) = cached::close(pool, owner, key).await {
        tracing::warn!(code = %e.code_str(), "an answered intent is still kept: {}", e.message);
    }
    result
}

/// Whether a left-over intent is too old to be re-sent at `now` ([`RESEND_WITHIN`]): the user
/// checks the actions history and dismisses it instead.
pub fn too_old(intent: &PendingIntent, now: DateTime<Utc>) -> bool {
    now - intent.created_at > RESEND_WITHIN
}

/// Whether an error is the portal's answer (the intent is over) rather than no answer.
fn answered(e: &Error) -> bool {
    e.reason != Some(Reason::IntentUnanswered)
}
