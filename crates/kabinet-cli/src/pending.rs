//! `kabinet-cli pending`: the actions whose answer never arrived (the CLI or the app closed, or
//! the connection or the portal failed, between sending and the answer), kept by core with
//! their Idempotency-Key (`kabinet_core::intents`), and how to settle them, as the app's notice
//! at sign-in does (`ui/js/intents.js`):
//! - without a flag, the list (read from the cache: nothing is sent);
//! - `--resolve` asks the portal about each (or the KEYs given) by sending the SAME request with
//!   its OWN key: the portal replays the answer it gave, or does it once if it never arrived,
//!   so nothing is done twice; the answer (done, or refused and why) is printed;
//! - `--dismiss KEY…` forgets an action too old to ask about ([`intents::too_old`]: the portal
//!   forgets keys after a day), after the user looked for it in the actions history. One that
//!   can still be asked is not dismissed: a new attempt would then get a new key and could act
//!   twice.

use crate::output::{kz_time, phone, Output};
use crate::report::ReportError;
use crate::texts::{self, Standing};
use kabinet_core::account::Account;
use kabinet_core::action::ActionKind;
use kabinet_core::error::Reason;
use kabinet_core::intents::PendingIntent;
use kabinet_core::intents::{self, ResolvedIntent};
use kabinet_core::{Error, ErrorCode};
use serde::Serialize;

/// `kabinet-cli pending`'s arguments.
#[derive(clap::Args, Debug)]
pub struct PendingArgs {
    /// Ask the portal about each action (or the KEYs given) with its own key: it replays the
    /// answer it gave, or does the action once if it never arrived.
    #[arg(long, conflicts_with = "dismiss")]
    pub resolve: bool,
    /// Forget the KEYs given without asking: only an action more than a day old, which cannot be
    /// asked about safely; look for it in the actions history first (`kabinet-cli history`).
    #[arg(long, requires = "keys")]
    pub dismiss: bool,
    /// The actions' keys (the list's KEY column); none: all of them.
    pub keys: Vec<String>,
}

/// Where an action stands after asking the portal, as the app's notice says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The portal confirms it was done, once (now or before).
    Done,
    /// The portal refused it: `error` says why.
    Refused,
    /// No answer: it stays pending.
    Unreachable,
    /// More than a day old: not asked; check the actions history, then dismiss it.
    TooOld,
    /// Asking failed otherwise: `error` says why; it stays pending.
    Failed,
}

/// One action asked about, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct Settled {
    #[serde(flatten)]
    pub intent: PendingIntent,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
}

/// The intents the keys name (all of them without keys); a key not pending is invalid input.
async fn chosen(account: &Account, keys: &[String]) -> Result<Vec<PendingIntent>, Error> {
    let pending = account.intents().pending().await?;
    if keys.is_empty() {
        return Ok(pending);
    }
    keys.iter()
        .map(|key| {
            pending
                .iter()
                .find(|i| &i.key == key)
                .cloned()
                .ok_or_else(|| Error::invalid_field(ErrorCode::InvalidInput, "key", texts::not_pending(key)))
        })
        .collect()
}

/// Runs `pending`; the exit code when it ends without an error of its own.
pub async fn run(account: &Account, args: PendingArgs, json: bool) -> Result<i32, ReportError> {
    let out = Output { json };
    let intents = chosen(account, &args.keys).await?;
    if args.dismiss {
        let now = chrono::Utc::now();
        if let Some(young) = intents.iter().find(|i| !intents::too_old(i, now)) {
            return Err(Error::invalid_field(
                ErrorCode::InvalidInput,
                "key",
                texts::still_askable(&what(young), &young.key),
            )
            .into());
        }
        for intent in &intents {
            account.intents().dismiss(&intent.key).await?;
        }
        out.dismissed(&intents);
        return Ok(0);
    }
    if !args.resolve {
        out.pending(&intents);
        return Ok(0);
    }
    let mut settled = Vec::with_capacity(intents.len());
    for intent in intents {
        let one = resolve(account, intent).await;
        if !json {
            outln!("{}", line(&one));
        }
        settled.push(one);
    }
    if json {
        out.json(&settled);
    }
    let has = |s: Status| settled.iter().any(|x| x.status == s);
    Ok(if has(Status::Unreachable) {
        4
    } else if has(Status::TooOld) || has(Status::Failed) {
        1
    } else {
        0
    })
}

/// Asks the portal about one action, and reads its answer as the app's notice does.
async fn resolve(account: &Account, intent: PendingIntent) -> Settled {
    let settled = |intent, status, error| Settled { intent, status, error };
    match account.resolve_intent(&intent.key).await {
        Ok(ResolvedIntent { intent, done: true, .. }) => settled(intent, Status::Done, None),
        Ok(ResolvedIntent { intent, refused, .. }) => settled(intent, Status::Refused, refused),
        // Settled meanwhile (another CLI or the app asked first).
        Err(e) if e.reason == Some(Reason::IntentGone) => settled(intent, Status::Done, None),
        Err(e) if e.reason == Some(Reason::IntentTooOld) => settled(intent, Status::TooOld, Some(e)),
        Err(e) if e.is_unreachable() => settled(intent, Status::Unreachable, Some(e)),
        Err(e) => settled(intent, Status::Failed, Some(e)),
    }
}

/// What the action was, in a few words.
fn what(intent: &PendingIntent) -> String {
    let body = &intent.call.body;
    let text = |k: &str| body.get(k).and_then(|v| v.as_str()).map(phone);
    match (intent.action, body.get("amount_tiyn").and_then(|a| a.as_i64()), text("to")) {
        (ActionKind::Transfer, Some(amount), Some(to)) => texts::transfer_of(
            &kabinet_core::domain::Tiyn(amount).to_string(),
            &intent.msisdn.as_deref().map(phone).unwrap_or_default(),
            &to,
        ),
        (action, _, _) => match &intent.msisdn {
            Some(msisdn) => format!("{} {}", action.id().replace('_', " "), phone(msisdn)),
            None => action.id().replace('_', " "),
        },
    }
}

/// A settled action's line for people.
fn line(s: &Settled) -> String {
    let why = s.error.as_ref().map(texts::error).unwrap_or_default();
    let status = texts::settled(match s.status {
        Status::Done => Standing::Done,
        Status::Refused => Standing::Refused(&why),
        Status::Unreachable => Standing::Unreachable,
        Status::TooOld => Standing::TooOld(&s.intent.key),
        Status::Failed => Standing::Failed(&why),
    });
    format!("{}  {}: {status}", s.intent.key, what(&s.intent))
}

impl Output {
    fn pending(&self, intents: &[PendingIntent]) {
        if self.json {
            return self.json(&intents);
        }
        if intents.is_empty() {
            outln!("{}", texts::nothing_pending());
            return;
        }
        let [key, sent, action] = texts::headings([
            ["KEY", "KEY", "KEY"],
            ["SENT", "ОТПРАВЛЕНО", "ЖІБЕРІЛДІ"],
            ["ACTION", "ДЕЙСТВИЕ", "ӘРЕКЕТ"],
        ]);
        outln!("{key:<36}  {sent:<34}  {action}");
        for i in intents {
            outln!("{:<36}  {:<34}  {}", i.key, kz_time(i.created_at), what(i));
        }
        outln!("{}", texts::pending_hint());
    }

    fn dismissed(&self, intents: &[PendingIntent]) {
        if self.json {
            let keys: Vec<&str> = intents.iter().map(|i| i.key.as_str()).collect();
            return self.json(&serde_json::json!({ "dismissed": keys }));
        }
        for i in intents {
            outln!("{}", texts::dismissed(&i.key, &what(i)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kabinet_core::client::Call;

    fn intent(action: &str, msisdn: Option<&str>, body: serde_json::Value) -> PendingIntent {
        PendingIntent {
            key: "k".into(),
            action: ActionKind::from_id(action).unwrap(),
            msisdn: msisdn.map(String::from),
            call: Call { method: "POST".into(), path: "api/v1/x".into(), body },
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn an_action_is_described_with_its_numbers_and_amount() {
        let body = serde_json::json!({ "from": "77010542007", "to": "77012115526", "amount_tiyn": 500_000 });
        assert_eq!(
            what(&intent("transfer", Some("77010542007"), body)),
            "transfer of 5000.00 ₸ from +7 701 054 20 07 to +7 701 211 55 26"
        );
        assert_eq!(what(&intent("block", Some("77010542007"), serde_json::json!({}))), "block +7 701 054 20 07");
        assert_eq!(what(&intent("email_change", None, serde_json::json!({}))), "email change");
    }
}
