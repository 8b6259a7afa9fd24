//! The company's e-mailed reports over HTTP: a request answers 202 with its request record (kind
//! `report`); when it completes (`jobs.rs`) the file is e-mailed and can be downloaded here. The
//! rules are `kabinet_protocol::rules::reports` and `store::reports`.

use super::file;
use crate::auth::Admin;
use crate::error::{ApiResult, Body, Path};
use crate::idempotency::{Answer, Key};
use crate::language::Asked;
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kabinet_protocol::api::{ReportRequest, RequestRecord};
use kabinet_protocol::Error;

/// Asks for a company report, sent to an e-mail when it is ready ("it may take some time").
#[utoipa::path(post, path = "/api/v1/companies/{id}/reports", tag = "documents", security(("bearer" = [])),
    params(("id" = i64, Path), ("Idempotency-Key" = String, Header)),
    request_body = ReportRequest,
    responses(
        (status = 202, body = RequestRecord, description = "accepted: the report is being prepared"),
        (status = 400, body = Error, description = "invalid_email (field email); invalid_input naming the field: a missing date or payments type, an unknown kind, a date in the future (reason period_in_future), the end before the beginning (reason period_reversed)"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: not a company of this administrator"),
        (status = 422, body = Error, description = "period_too_long (reasons payments_older_than_three_months, month_too_old) or not_yet_available (reasons document_not_ready_yet, month_not_over), naming the field"),
    ))]
pub async fn request(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Asked(lang): Asked,
    Path(id): Path<i64>,
    Body(req): Body<ReportRequest>,
) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    store::companies::ensure_granted(&mut tx, admin.id, id).await?;
    let actor = store::Actor { admin_id: admin.id, company_id: id };
    let outcome = store::reports::start(&mut tx, actor, &req, lang, state.clock.now(), state.rules.report).await?;
    store::commit_answer(tx, &key, StatusCode::ACCEPTED, outcome).await
}

/// A finished report's file.
#[utoipa::path(get, path = "/api/v1/companies/{id}/reports/{request_id}/file", tag = "documents", security(("bearer" = [])),
    params(("id" = i64, Path), ("request_id" = String, Path)),
    responses(
        (status = 200, description = "the file, named in Content-Disposition: PDF (the reconciliation statement) or XLSX (every other report)",
            content(("application/pdf"), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: no such report of this company"),
        (status = 409, body = Error, description = "not_allowed_in_state: still being prepared (reason request_in_process)"),
    ))]
pub async fn download(
    State(state): State<AppState>,
    admin: Admin,
    Path((id, request_id)): Path<(i64, String)>,
) -> ApiResult<Response> {
    let mut conn = state.db.acquire().await?;
    let f = store::reports::file(&mut conn, admin.id, id, &request_id).await?;
    Ok(file::attachment(&f.file_name, &f.content_type, f.bytes))
}
