//! Requests that finish later, of every kind: [`insert`] accepts one "In process" (in the
//! caller's transaction, with the change that starts it), `jobs.rs` finds the [`due`] ones and
//! [`complete`]s each once; [`get`] shows one to an administrator of its company.
//!
//! What a kind does when it completes lives in its area's file, which registers it as a
//! [`Completer`] (`blocking.rs` for block and unblock); `jobs::COMPLETERS` lists them. So this
//! module knows no area, and a new slow kind is written in its own file: [`complete`] only
//! claims the request, hands it to the completer registered for its kind, and writes the
//! outcome and its history row. A kind nobody registered (one this version does not know)
//! fails, changing nothing.

use super::actions::{self, Status};
use super::Actor;
use crate::db::{parse_ts, ts};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use kabinet_protocol::action::HistoryAction;
use kabinet_protocol::api::{RequestKind, RequestRecord, RequestResult, RequestState};
use kabinet_protocol::{Error, ErrorCode, Language};
use sqlx::SqliteConnection;
use std::future::Future;
use std::pin::Pin;

/// A request claimed for completion: what the area needs to complete it.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: String,
    pub kind: RequestKind,
    /// The number a number's request is about; `None` for a company's report.
    pub msisdn: Option<String>,
    pub detail: Option<String>,
    /// The language the request was asked in (`Accept-Language`), for its e-mail.
    pub lang: Option<Language>,
    pub actor: Actor,
    /// When it was due: the time its change takes effect.
    pub at: DateTime<Utc>,
}

impl Claimed {
    /// The number of a number's request (every kind but a company's report has one).
    pub fn number(&self) -> &str {
        self.msisdn.as_deref().unwrap_or_default()
    }
}

/// How a request ended, as its area decided: the result, or why it failed; the name of the
/// completion in the actions history ("Number blocked"); and the e-mail to send once it is
/// committed (a report's).
pub struct Completion {
    pub outcome: Result<RequestResult, Error>,
    pub history: HistoryAction,
    pub mail: Option<Mail>,
}

/// What an area's completion returns: it runs in the caller's transaction.
pub type Completing<'a> = Pin<Box<dyn Future<Output = ApiResult<Completion>> + Send + 'a>>;

/// How an area completes its kinds of request, registered by the area (`blocking::COMPLETER`):
/// it applies the change the request asked for at the time it was due (`Claimed::at`), and
/// says how it ended. `now` marks changed numbers for incremental sync.
pub struct Completer {
    pub kinds: &'static [RequestKind],
    pub complete: for<'a> fn(&'a mut SqliteConnection, &'a Claimed, DateTime<Utc>) -> Completing<'a>,
}

/// The completer registered for a kind, if one is.
fn completer_of<'c>(completers: &'c [Completer], kind: &RequestKind) -> Option<&'c Completer> {
    completers.iter().find(|c| c.kinds.contains(kind))
}

/// An e-mail with a file, sent by the caller after the completion commits.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub body: String,
    pub file_name: String,
    pub content_type: String,
    pub size: usize,
}

/// Ids of the requests due at `now`, oldest first.
pub async fn due(conn: &mut SqliteConnection, now: DateTime<Utc>) -> ApiResult<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM requests WHERE state = 'in_process' AND complete_at <= ? ORDER BY complete_at, id",
    )
    .bind(ts(now))
    .fetch_all(&mut *conn)
    .await?)
}

/// Accepts a request "In process", in the caller's transaction; it is due `takes` after `now`.
pub async fn insert(
    conn: &mut SqliteConnection,
    actor: Actor,
    kind: RequestKind,
    msisdn: Option<&str>,
    detail: Option<&str>,
    now: DateTime<Utc>,
    takes: Duration,
) -> ApiResult<RequestRecord> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO requests (id, company_id, admin_id, msisdn, kind, detail, state, created_at, complete_at)
         VALUES (?, ?, ?, ?, ?, ?, 'in_process', ?, ?)",
    )
    .bind(&id)
    .bind(actor.company_id)
    .bind(actor.admin_id)
    .bind(msisdn)
    .bind(kind.as_str())
    .bind(detail)
    .bind(ts(now))
    .bind(ts(now + takes))
    .execute(&mut *conn)
    .await?;
    Ok(RequestRecord {
        id,
        kind,
        company_id: actor.company_id,
        msisdn: msisdn.map(str::to_string),
        detail: detail.map(str::to_string),
        state: RequestState::InProcess,
        result: None,
        error: None,
        // As stored (whole seconds), so the record reads back the same.
        created_at: now.trunc_subsecs(0),
        completed_at: None,
    })
}

/// Keeps the language a request was asked in (`Accept-Language`), so what is sent when it
/// completes, later and by another request, is in it ([`Claimed::lang`]).
pub async fn set_language(conn: &mut SqliteConnection, id: &str, lang: Option<Language>) -> ApiResult<()> {
    sqlx::query("UPDATE requests SET lang = ? WHERE id = ?")
        .bind(lang.map(Language::code))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Completes a due request in the caller's transaction, if it is still in process: the claim
/// (`UPDATE … WHERE state = 'in_process'`) comes first, and only when it changed the row does
/// the area's [`Completer`] (of `completers`, registered for the request's kind) apply the
/// change and the history get its row, at the time the request was due. So of readers that
/// found the same request due, one completes it. `now` marks changed numbers for incremental
/// sync. Returns `None` when another call completed it, else the e-mail to send once the caller
/// commits (`Some(None)` when there is none).
pub async fn complete(
    conn: &mut SqliteConnection,
    completers: &[Completer],
    id: &str,
    now: DateTime<Utc>,
) -> ApiResult<Option<Option<Mail>>> {
    /// kind, number, detail, language, due at, company, administrator
    type ClaimedRow = (String, Option<String>, Option<String>, Option<String>, String, i64, i64);
    let claimed: Option<ClaimedRow> = sqlx::query_as(
        "UPDATE requests SET state = 'done' WHERE id = ? AND state = 'in_process'
         RETURNING kind, msisdn, detail, lang, complete_at, company_id, admin_id",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((kind, msisdn, detail, lang, complete_at, company_id, admin_id)) = claimed else {
        return Ok(None);
    };
    let request = Claimed {
        id: id.to_string(),
        kind: RequestKind::from_wire(&kind),
        msisdn,
        detail,
        lang: lang.as_deref().and_then(Language::from_locale),
        actor: Actor { admin_id, company_id },
        at: parse_ts(&complete_at),
    };
    let completion = match completer_of(completers, &request.kind) {
        Some(completer) => (completer.complete)(conn, &request, now).await?,
        None => {
            let raw = request.kind.as_str();
            tracing::error!("a stored request of a kind no area completes: {raw:?}");
            Completion {
                outcome: Err(Error::new(ErrorCode::Internal, format!("A request has an unknown kind \"{raw}\"."))),
                history: HistoryAction::completion_of(&request.kind),
                mail: None,
            }
        }
    };
    let (state, result, error, status) = match &completion.outcome {
        Ok(result) => (RequestState::Done, Some(result.as_str()), None, Status::Success),
        Err(e) => (RequestState::Failed, None, Some(serde_json::to_string(e).unwrap_or_default()), Status::Refused),
    };
    sqlx::query("UPDATE requests SET state = ?, result = ?, error = ?, completed_at = ? WHERE id = ?")
        .bind(state.as_str())
        .bind(result)
        .bind(error)
        .bind(ts(request.at))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    actions::record(conn, request.actor, request.msisdn.as_deref(), &completion.history, status, request.at).await?;
    Ok(Some(completion.mail))
}

type Row = (
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);

const COLUMNS: &str =
    "r.id, r.kind, r.company_id, r.msisdn, r.detail, r.state, r.result, r.error, r.created_at, r.completed_at";

fn from_row(row: Row) -> ApiResult<RequestRecord> {
    let (id, kind, company_id, msisdn, detail, state, result, error, created_at, completed_at) = row;
    let error = match error {
        Some(json) => Some(serde_json::from_str(&json).map_err(|e| {
            tracing::error!("a stored request error that does not read: {e}");
            ApiError::new(ErrorCode::Internal, "A request's error could not be read.")
        })?),
        None => None,
    };
    Ok(RequestRecord {
        id,
        kind: RequestKind::from_wire(&kind),
        company_id,
        msisdn,
        detail,
        state: RequestState::from_wire(&state),
        result: result.as_deref().map(RequestResult::from_wire),
        error,
        created_at: parse_ts(&created_at),
        completed_at: completed_at.as_deref().map(parse_ts),
    })
}

/// A request of a company granted to the administrator; another company's is "not found".
pub async fn get(conn: &mut SqliteConnection, admin_id: i64, id: &str) -> ApiResult<RequestRecord> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM requests r
         JOIN grants g ON g.company_id = r.company_id WHERE r.id = ? AND g.admin_id = ?"
    ))
    .bind(id)
    .bind(admin_id)
    .fetch_optional(&mut *conn)
    .await?;
    from_row(row.ok_or_else(ApiError::not_found)?)
}

/// A number's requests of some kinds, newest first (a request history, such as the devices').
pub async fn of_number(
    conn: &mut SqliteConnection,
    msisdn: &str,
    kinds: &[RequestKind],
) -> ApiResult<Vec<RequestRecord>> {
    let names: Vec<&str> = kinds.iter().map(RequestKind::as_str).collect();
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM requests r WHERE r.msisdn = ? AND r.kind IN (SELECT value FROM json_each(?))
         ORDER BY r.created_at DESC, r.id"
    ))
    .bind(msisdn)
    .bind(serde_json::to_string(&names).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(from_row).collect()
}
