//! Device (IMEI) registration: the registry of which IMEI is registered with which number and
//! to whose IIN/BIN, a number's registration page, and its four requests (register,
//! re-register from a previous owner, register a duplicate, deregister).
//!
//! Each change is a request ([`super::requests`]): [`start`] refuses what the number's state
//! (the shared table: each change is its own `ActionKind`) or the number's own registrations
//! do not allow, at once; what only the registry can tell (the IMEI is registered
//! with another provider's number, or to another owner) is found when the request completes
//! ([`complete`]), and the request fails with that reason, as the operator's answer arrives
//! hours later. The failure leads on: another provider → register a duplicate; another owner →
//! re-register from them.
//!
//! A number "of another provider" is told by its prefix (`Phone::operator`); the registry holds
//! numbers of any operator, the company's numbers are registered to the company's BIN.

use super::actions::{self, Status};
use super::numbers::summary;
use super::requests::{self, Claimed, Completer, Completion};
use super::{Actor, Outcome, Refused};
use crate::db::{parse_ts, ts};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Duration, Utc};
use kabinet_protocol::action::HistoryAction;
use kabinet_protocol::api::{
    DeviceRegistration, DeviceStatus, NumberState, RegisteredDevice, RequestKind, RequestRecord, RequestResult,
};
use kabinet_protocol::domain::{IinBin, Imei, Operator, Phone};
use kabinet_protocol::error::Reason;
use kabinet_protocol::rules::number_actions::{self, ActionKind};
use kabinet_protocol::{Error, ErrorCode};
use sqlx::SqliteConnection;

/// The request kinds of this page, for its request history.
pub const KINDS: [RequestKind; 4] =
    [RequestKind::ImeiRegister, RequestKind::ImeiReregister, RequestKind::ImeiDuplicate, RequestKind::ImeiDeregister];

/// What the administrator asks for the device.
#[derive(Debug, Clone)]
pub enum Change {
    Register,
    /// From the previous owner (their number and IIN/BIN), to this number and the company's BIN.
    Reregister {
        previous_owner: Phone,
        previous_owner_iin: IinBin,
    },
    /// With this number too, keeping the device's current registration.
    Duplicate,
    Deregister,
}

impl Change {
    /// The action it is (its row of the state × action table, its history row's kind).
    fn action(&self) -> ActionKind {
        match self {
            Change::Register => ActionKind::DeviceRegister,
            Change::Reregister { .. } => ActionKind::DeviceReregister,
            Change::Duplicate => ActionKind::DeviceDuplicate,
            Change::Deregister => ActionKind::DeviceDeregister,
        }
    }

    /// The request it is sent as: its action's (every device action has one, which the
    /// protocol's pairing test holds; a missing one would be stored as an unknown kind).
    fn kind(&self) -> RequestKind {
        let action = self.action();
        action.request_kind().unwrap_or_else(|| RequestKind::Unknown(action.id().to_string()))
    }
}

/// One row of the registry.
struct Registration {
    msisdn: String,
    owner_iin_bin: String,
}

async fn registrations(conn: &mut SqliteConnection, imei: &str) -> ApiResult<Vec<Registration>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT msisdn, owner_iin_bin FROM device_registrations WHERE imei = ? ORDER BY msisdn")
            .bind(imei)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|(msisdn, owner_iin_bin)| Registration { msisdn, owner_iin_bin }).collect())
}

/// Whether a registry number is another provider's (a number that does not parse counts as one).
fn other_operator(msisdn: &str) -> bool {
    Phone::parse(msisdn).map_or(true, |p| p.operator() != Operator::Kcell)
}

/// The number's registration page: the last IMEI seen, whether it is registered here, the
/// registered IMEIs and the request history.
pub async fn view(conn: &mut SqliteConnection, msisdn: &str) -> ApiResult<DeviceRegistration> {
    let last_imei: Option<String> =
        sqlx::query_scalar("SELECT imei FROM numbers WHERE msisdn = ?").bind(msisdn).fetch_one(&mut *conn).await?;
    let rows: Vec<(String, String, bool)> = sqlx::query_as(
        "SELECT imei, registered_at, duplicate FROM device_registrations WHERE msisdn = ? ORDER BY registered_at, imei",
    )
    .bind(msisdn)
    .fetch_all(&mut *conn)
    .await?;
    let registered: Vec<RegisteredDevice> = rows
        .into_iter()
        .map(|(imei, at, duplicate)| RegisteredDevice { imei, registered_at: parse_ts(&at), duplicate })
        .collect();
    let status = match &last_imei {
        None => DeviceStatus::NoDevice,
        Some(last) if registered.iter().any(|d| &d.imei == last) => DeviceStatus::Registered,
        Some(_) => DeviceStatus::NotRegistered,
    };
    let history = requests::of_number(conn, msisdn, &KINDS).await?;
    Ok(DeviceRegistration { msisdn: msisdn.to_string(), last_imei, status, registered, history })
}

/// Starts a change of the device's registration: a request "In process" and its history row,
/// in the caller's transaction, due `takes` after `now`. Refused (and written so) when the
/// number's state does not allow it, when a request for this device is still in process, or
/// when the number's own registrations make it pointless (registered already, or not at all
/// for a deregistration).
pub async fn start(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    imei: &Imei,
    change: Change,
    now: DateTime<Utc>,
    takes: Duration,
) -> ApiResult<Outcome<RequestRecord>> {
    let number = summary(conn, msisdn).await?;
    let history = change.action().history();
    let refuse = |reason: Reason, message: &str| {
        ApiError::refused(ErrorCode::NotAllowedInState, reason, message).with_param("imei", imei.as_str())
    };
    if let Some(error) = refusal(conn, msisdn, imei, &change, &number.state).await? {
        actions::record(conn, actor, Some(msisdn), &history, Status::Refused, now).await?;
        let error = match error {
            Refusal::State(reason, message) => refuse(reason, message).with_param("state", number.state.as_str()),
            Refusal::Device(reason, message) => refuse(reason, message),
        };
        return Ok(Err(Refused(error)));
    }
    let record = requests::insert(conn, actor, change.kind(), Some(msisdn), Some(imei.as_str()), now, takes).await?;
    if let Change::Reregister { previous_owner, previous_owner_iin } = &change {
        sqlx::query("INSERT INTO device_previous_owners (request_id, msisdn, iin_bin) VALUES (?, ?, ?)")
            .bind(&record.id)
            .bind(previous_owner.as_str())
            .bind(previous_owner_iin.as_str())
            .execute(&mut *conn)
            .await?;
    }
    actions::record(conn, actor, Some(msisdn), &history, Status::Success, now).await?;
    Ok(Ok(record))
}

enum Refusal {
    /// By the number's state (the shared table).
    State(Reason, &'static str),
    /// By the device's registrations or requests.
    Device(Reason, &'static str),
}

async fn refusal(
    conn: &mut SqliteConnection,
    msisdn: &str,
    imei: &Imei,
    change: &Change,
    state: &NumberState,
) -> ApiResult<Option<Refusal>> {
    let deregister = matches!(change, Change::Deregister);
    if !number_actions::allows(state, change.action()) {
        return Ok(Some(match (state, deregister) {
            (NumberState::InProcess, _) => {
                Refusal::State(Reason::RequestInProcess, "A request for this number is still in process.")
            }
            (_, false) => {
                Refusal::State(Reason::ImeiNeedsActive, "A device can be registered only with an active number.")
            }
            (_, true) => Refusal::State(
                Reason::ImeiNotAllowedInState,
                "The number's state does not allow changing its device registrations.",
            ),
        }));
    }
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM requests WHERE msisdn = ? AND detail = ? AND state = 'in_process'
         AND kind IN (SELECT value FROM json_each(?))",
    )
    .bind(msisdn)
    .bind(imei.as_str())
    .bind(serde_json::to_string(&KINDS.iter().map(RequestKind::as_str).collect::<Vec<_>>()).unwrap_or_default())
    .fetch_one(&mut *conn)
    .await?;
    if open > 0 {
        return Ok(Some(Refusal::Device(
            Reason::RequestInProcess,
            "A request for this device is still in process. Wait for its result.",
        )));
    }
    let here = registrations(conn, imei.as_str()).await?.iter().any(|r| r.msisdn == msisdn);
    Ok(match (here, deregister) {
        (true, false) => {
            Some(Refusal::Device(Reason::ImeiAlreadyRegistered, "This device is already registered with this number."))
        }
        (false, true) => {
            Some(Refusal::Device(Reason::ImeiNotRegistered, "This device is not registered with this number."))
        }
        _ => None,
    })
}

/// The company's BIN: a device registered with the company's number is registered to it.
async fn company_bin(conn: &mut SqliteConnection, company_id: i64) -> ApiResult<String> {
    Ok(sqlx::query_scalar("SELECT bin FROM companies WHERE id = ?").bind(company_id).fetch_one(&mut *conn).await?)
}

async fn register(conn: &mut SqliteConnection, request: &Claimed, imei: &str, duplicate: bool) -> ApiResult<()> {
    let bin = company_bin(conn, request.actor.company_id).await?;
    sqlx::query(
        "INSERT INTO device_registrations (imei, msisdn, owner_iin_bin, duplicate, registered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (imei, msisdn) DO NOTHING",
    )
    .bind(imei)
    .bind(request.number())
    .bind(bin)
    .bind(duplicate)
    .bind(ts(request.at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn failed(reason: Reason, message: &str, imei: &str) -> Error {
    Error::refused(ErrorCode::NotAllowedInState, reason, message).with_param("imei", imei)
}

/// How the device (IMEI) requests complete ([`complete`]), listed in `jobs::COMPLETERS`.
pub const COMPLETER: Completer =
    Completer { kinds: &KINDS, complete: |conn, request, now| Box::pin(complete(conn, request, now)) };

/// Completes a device request at the time it was due, as the registry then decides: the
/// registration changes and the request is done, or it fails with the reason (another
/// provider's number, another owner, a previous owner that does not match).
pub async fn complete(conn: &mut SqliteConnection, request: &Claimed, _now: DateTime<Utc>) -> ApiResult<Completion> {
    let imei = request.detail.clone().unwrap_or_default();
    let elsewhere: Vec<Registration> =
        registrations(conn, &imei).await?.into_iter().filter(|r| r.msisdn != request.number()).collect();
    let outcome = match request.kind {
        RequestKind::ImeiRegister => {
            let outcome = if elsewhere.iter().any(|r| other_operator(&r.msisdn)) {
                Err(failed(
                    Reason::ImeiRegisteredOtherOperator,
                    "The device is registered with a number of another provider. Register a duplicate.",
                    &imei,
                ))
            } else if !elsewhere.is_empty() {
                Err(failed(
                    Reason::ImeiRegisteredElsewhere,
                    "The device is registered to another owner. Re-register it with the previous owner's number and IIN/BIN.",
                    &imei,
                ))
            } else {
                register(conn, request, &imei, false).await?;
                Ok(RequestResult::ImeiRegistered)
            };
            outcome
        }
        RequestKind::ImeiReregister => {
            let previous: Option<(String, String)> =
                sqlx::query_as("DELETE FROM device_previous_owners WHERE request_id = ? RETURNING msisdn, iin_bin")
                    .bind(&request.id)
                    .fetch_optional(&mut *conn)
                    .await?;
            let matching = previous
                .as_ref()
                .and_then(|(msisdn, iin)| elsewhere.iter().find(|r| &r.msisdn == msisdn && &r.owner_iin_bin == iin));
            let outcome = match matching {
                Some(r) if other_operator(&r.msisdn) => Err(failed(
                    Reason::ImeiRegisteredOtherOperator,
                    "The previous registration is with another provider's number. Register a duplicate.",
                    &imei,
                )),
                Some(r) => {
                    sqlx::query("DELETE FROM device_registrations WHERE imei = ? AND msisdn = ?")
                        .bind(&imei)
                        .bind(&r.msisdn)
                        .execute(&mut *conn)
                        .await?;
                    register(conn, request, &imei, false).await?;
                    Ok(RequestResult::ImeiReregistered)
                }
                None => Err(failed(
                    Reason::PreviousOwnerMismatch,
                    "The device is not registered with the previous owner's number and IIN/BIN given.",
                    &imei,
                )),
            };
            outcome
        }
        RequestKind::ImeiDuplicate => {
            register(conn, request, &imei, true).await?;
            Ok(RequestResult::ImeiDuplicateRegistered)
        }
        RequestKind::ImeiDeregister => {
            sqlx::query("DELETE FROM device_registrations WHERE imei = ? AND msisdn = ?")
                .bind(&imei)
                .bind(request.number())
                .execute(&mut *conn)
                .await?;
            Ok(RequestResult::ImeiDeregistered)
        }
        ref other => {
            let message = format!("A device request of kind \"{}\" cannot be completed.", other.as_str());
            Err(Error::new(ErrorCode::Internal, message))
        }
    };
    Ok(Completion { outcome, history: HistoryAction::completion_of(&request.kind), mail: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::state::{AppState, Rules};
    use crate::store;

    const FREE: &str = "77010600037";

    /// Two readers found the same IMEI registration due before either completed it: the guarded
    /// claim lets one complete it, so the device is registered once, with one history row.
    #[tokio::test]
    async fn a_device_request_found_due_by_two_readers_completes_once() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).await.unwrap();
        crate::seed::apply(&pool, &crate::seed::Seed::Demo).await.unwrap();
        let state = AppState::new(pool, Clock::default(), Rules::default());
        let mut tx = store::begin(&state.db).await.unwrap();
        let actor = store::numbers::actor(&mut tx, 1, FREE).await.unwrap();
        let imei = Imei::parse("35600054894561").unwrap();
        let now = state.clock.now();
        let record =
            start(&mut tx, actor, FREE, &imei, Change::Register, now, state.rules.imei_request).await.unwrap().unwrap();
        tx.commit().await.unwrap();
        state.clock.advance(state.rules.imei_request.num_seconds() + 1);

        let now = state.clock.now();
        let first = requests::due(&mut state.db.acquire().await.unwrap(), now).await.unwrap();
        let second = requests::due(&mut state.db.acquire().await.unwrap(), now).await.unwrap();
        assert_eq!((&first, &second), (&vec![record.id.clone()], &vec![record.id.clone()]));
        let mut completed = Vec::new();
        for _reader in 0..2 {
            let mut tx = store::begin(&state.db).await.unwrap();
            completed
                .push(requests::complete(&mut tx, crate::jobs::COMPLETERS, &record.id, now).await.unwrap().is_some());
            tx.commit().await.unwrap();
        }
        assert_eq!(completed, [true, false], "only the first claim completes it");
        let count = |sql: &'static str| {
            let db = state.db.clone();
            async move { sqlx::query_scalar::<_, i64>(sql).bind(FREE).fetch_one(&db).await.unwrap() }
        };
        assert_eq!(count("SELECT COUNT(*) FROM device_registrations WHERE msisdn = ?").await, 1);
        assert_eq!(
            count("SELECT COUNT(*) FROM actions WHERE msisdn = ? AND action = 'Device registered (IMEI)'").await,
            1
        );
        let page = view(&mut state.db.acquire().await.unwrap(), FREE).await.unwrap();
        assert_eq!(
            (page.status, page.history[0].result.clone()),
            (DeviceStatus::Registered, Some(RequestResult::ImeiRegistered))
        );
    }
}
