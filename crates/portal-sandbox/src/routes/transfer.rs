//! Balance transfer over HTTP: `POST /api/v1/companies/{id}/transfers`, done at once, answering
//! both numbers' new summaries. The rules are `kabinet_protocol::rules::transfer`, applied by
//! `store::transfer` in the transaction that moves the money.

use crate::auth::Admin;
use crate::error::{ApiError, ApiResult, Body, Path};
use crate::idempotency::{Answer, Key};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use kabinet_protocol::api::{Transfer, TransferRequest};
use kabinet_protocol::error::Reason;
use kabinet_protocol::{Error, ErrorCode};
use sqlx::SqliteConnection;

/// Transfers balance from one number of the company to another.
#[utoipa::path(post, path = "/api/v1/companies/{id}/transfers", tag = "numbers", security(("bearer" = [])),
    params(("id" = i64, Path), ("Idempotency-Key" = String, Header)),
    request_body = TransferRequest,
    responses(
        (status = 200, body = Transfer, description = "done: both numbers after the transfer"),
        (status = 400, body = Error, description = "invalid_input: field `amount` (not above zero), field `recipient` (reason `transfer_same_number`); invalid_phone naming `sender` or `recipient`"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: not a company of this administrator, or a number not of this company (field `sender` or `recipient`)"),
        (status = 409, body = Error, description = "not_allowed_in_state: field `sender` (reason `transfer_sender_state`) or `recipient` (reason `transfer_recipient_state`), with param `state`; insufficient_funds: field `amount` (reason `transfer_exceeds_available`, param `available` in tiyn)"),
    ))]
pub async fn make(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path(id): Path<i64>,
    Body(req): Body<TransferRequest>,
) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    store::companies::ensure_granted(&mut tx, admin.id, id).await?;
    let actor = store::Actor { admin_id: admin.id, company_id: id };
    of_company(&mut tx, id, "sender", &req.from).await?;
    of_company(&mut tx, id, "recipient", &req.to).await?;
    let outcome = store::transfer::make(&mut tx, actor, &req, state.clock.now()).await?;
    store::commit_answer(tx, &key, StatusCode::OK, outcome).await
}

/// 400 for a value that is not a phone number, 404 for a number that is not the company's,
/// each naming the field.
async fn of_company(conn: &mut SqliteConnection, company: i64, field: &str, msisdn: &str) -> ApiResult<()> {
    if !kabinet_protocol::domain::Phone::is_canonical(msisdn) {
        return Err(ApiError::invalid_field(ErrorCode::InvalidPhone, field, "Enter a number of 11 digits."));
    }
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM numbers WHERE msisdn = ? AND company_id = ?")
        .bind(msisdn)
        .bind(company)
        .fetch_optional(&mut *conn)
        .await?;
    found.map(|_| ()).ok_or_else(|| {
        ApiError(
            Error::invalid_field(ErrorCode::NotFound, field, "The company has no such number.")
                .with_reason(Reason::TransferNotCompanyNumber),
        )
    })
}
