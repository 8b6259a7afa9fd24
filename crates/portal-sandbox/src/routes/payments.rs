//! The payments report by number over HTTP: the administrator asks for a period and an e-mail,
//! the portal sends the report there (an e-mail with the XLSX attached, in the sandbox's
//! outbox) and answers with its payments. The rules are `store::payments` and
//! `kabinet_protocol::rules::payments_period`.

use crate::auth::Admin;
use crate::error::{ApiResult, Body, Path};
use crate::idempotency::{Answer, Key};
use crate::language::Asked;
use crate::state::AppState;
use crate::{messages, store};
use axum::extract::State;
use axum::http::StatusCode;
use kabinet_documents::portal as export;
use kabinet_protocol::api::{CodeChannel, PaymentsReport, PaymentsReportRequest};
use kabinet_protocol::Error;
use kabinet_protocol::Language;

/// Sends a number's payments report for a period (within the last three months) to an e-mail.
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/payments/report", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = PaymentsReportRequest,
    responses(
        (status = 200, body = PaymentsReport, description = "sent: the e-mail with the XLSX report is on its way"),
        (status = 400, body = Error, description = "invalid_email (field email); invalid_input: a date after today (reason period_in_future) or the end before the beginning (reason period_reversed), naming the field"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: a state this version does not know"),
        (status = 422, body = Error, description = "period_too_long: the beginning is more than three months ago (reason payments_older_than_three_months, field from, param earliest)"),
    ))]
pub async fn report(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Asked(lang): Asked,
    Path(msisdn): Path<String>,
    Body(req): Body<PaymentsReportRequest>,
) -> ApiResult<Answer> {
    let now = state.clock.now();
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, &msisdn).await?;
    let outcome = store::payments::report(&mut tx, actor, &msisdn, req.from, req.to, &req.email, now).await?;
    let report = match outcome {
        Ok(report) => report,
        refused => return store::commit_answer(tx, &key, StatusCode::OK, refused).await,
    };
    // Made before the commit, so a file that cannot be made changes nothing; sent once the
    // history row and the answer are committed. The operator's file is in Russian.
    let file = export::payments_xlsx(&report, Language::Ru).map_err(kabinet_protocol::Error::from)?;
    let answer = store::commit_answer(tx, &key, StatusCode::OK, Ok(&report)).await?;
    let body = messages::payments_report_email(lang, &report.msisdn, report.from, report.to, &report.file_name);
    let attachment = crate::outbox::attachment(&report.file_name, &file);
    state.outbox.send_with_attachment(now, CodeChannel::Email, report.email.clone(), body, attachment);
    Ok(answer)
}
