//! The company's e-mailed reports as requests: [`start`] checks the request by the shared rule
//! (`kabinet_protocol::rules::reports`) and accepts it "In process"; when it is due, [`complete`]
//! makes the file (`crate::reports`, one file per kind), keeps it in `reports` and hands the
//! e-mail to the caller; [`file`] gives it to an administrator of the company.
//!
//! A refusal by a rule (a period not allowed) is written to the actions history as "Refused",
//! like a number's; a request that is malformed (no e-mail, a missing date) is answered 400 and
//! leaves no row.

use super::actions::{self, Status};
use super::requests::{self, Claimed, Completer, Completion, Mail};
use super::{Actor, Outcome, Refused};
use crate::db::ts;
use crate::error::{ApiError, ApiResult};
use crate::reports::{self, ReportFile};
use chrono::{DateTime, Duration, Utc};
use kabinet_protocol::action::ActionKind;
use kabinet_protocol::api::{ReportRequest, RequestKind, RequestRecord, RequestResult};
use kabinet_protocol::error::Reason;
use kabinet_protocol::rules;
use kabinet_protocol::{Error, ErrorCode, Language};
use sqlx::SqliteConnection;

/// Accepts a report request of the actor's company, due `takes` after `now`.
pub async fn start(
    conn: &mut SqliteConnection,
    actor: Actor,
    req: &ReportRequest,
    lang: Option<Language>,
    now: DateTime<Utc>,
    takes: Duration,
) -> ApiResult<Outcome<RequestRecord>> {
    let history = ActionKind::Report.history().of(req.kind.as_str());
    if let Err(e) = rules::reports::check(req, now) {
        if e.code.http_status() == 400 && e.reason.is_none() {
            return Err(ApiError(e));
        }
        actions::record(conn, actor, None, &history, Status::Refused, now).await?;
        return Ok(Err(Refused(ApiError(e))));
    }
    let record = requests::insert(conn, actor, RequestKind::Report, None, Some(&req.to_detail()), now, takes).await?;
    requests::set_language(conn, &record.id, lang).await?;
    Ok(Ok(record))
}

/// How a company's report completes ([`complete`]), listed in `jobs::COMPLETERS`.
pub const COMPLETER: Completer =
    Completer { kinds: &[RequestKind::Report], complete: |conn, request, now| Box::pin(complete(conn, request, now)) };

/// Makes a due report's file as of the time it was due, keeps it, and says what to e-mail.
pub async fn complete(conn: &mut SqliteConnection, request: &Claimed, _now: DateTime<Utc>) -> ApiResult<Completion> {
    let Some(req) = ReportRequest::from_detail(request.detail.as_deref()) else {
        tracing::error!("a stored report request {} without its request", request.id);
        return Ok(Completion {
            outcome: Err(Error::new(ErrorCode::Internal, "The report request could not be read.")),
            history: ActionKind::Report.history().completed(),
            mail: None,
        });
    };
    let history = ActionKind::Report.history().of(req.kind.as_str()).completed();
    let company = super::companies::granted(conn, request.actor.admin_id, request.actor.company_id).await?;
    let file = match reports::render(conn, &company, &req, request.at).await {
        Ok(file) => file,
        Err(ApiError(e)) => return Ok(Completion { outcome: Err(e), history, mail: None }),
    };
    sqlx::query(
        "INSERT INTO reports (request_id, company_id, file_name, content_type, bytes, made_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&request.id)
    .bind(company.id)
    .bind(&file.file_name)
    .bind(&file.content_type)
    .bind(&file.bytes)
    .bind(ts(request.at))
    .execute(&mut *conn)
    .await?;
    let mail = Mail {
        to: req.email.clone(),
        body: crate::messages::report_email(request.lang, req.kind, &company.name, &file.file_name),
        file_name: file.file_name,
        content_type: file.content_type,
        size: file.bytes.len(),
    };
    Ok(Completion { outcome: Ok(RequestResult::ReportReady), history, mail: Some(mail) })
}

/// A finished report's file, for an administrator of its company; another company's, or one
/// that does not exist, is "not found"; one still in process is refused with that reason.
pub async fn file(
    conn: &mut SqliteConnection,
    admin_id: i64,
    company_id: i64,
    request_id: &str,
) -> ApiResult<ReportFile> {
    super::companies::ensure_granted(conn, admin_id, company_id).await?;
    let record = requests::get(conn, admin_id, request_id).await?;
    if record.company_id != company_id || record.kind != RequestKind::Report {
        return Err(ApiError::not_found());
    }
    let row: Option<(String, String, Vec<u8>)> =
        sqlx::query_as("SELECT file_name, content_type, bytes FROM reports WHERE request_id = ? AND company_id = ?")
            .bind(request_id)
            .bind(company_id)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        Some((file_name, content_type, bytes)) => Ok(ReportFile { file_name, content_type, bytes }),
        None if record.is_open() => Err(ApiError(Error::refused(
            ErrorCode::NotAllowedInState,
            Reason::RequestInProcess,
            "The report is still being prepared.",
        ))),
        None => {
            Err(ApiError(record.error.unwrap_or_else(|| Error::new(ErrorCode::NotFound, "The report has no file."))))
        }
    }
}
