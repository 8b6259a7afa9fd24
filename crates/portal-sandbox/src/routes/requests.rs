//! Slow operations: block and unblock. They answer 202 with a request record; the number is
//! "In process" until the request completes (`Rules::slow_operation` later). Completion is
//! applied lazily, before any read of numbers or requests, so no background task is needed and
//! a moved test clock completes them at once. A number "Blocked / Debt" cannot be unblocked by
//! the administrator; only an active number can be blocked.

use super::numbers::owned_company;
use crate::auth::Admin;
use crate::db::{parse_ts, ts, ts_micros};
use crate::error::{ApiError, ApiResult, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_core::api::{NumberState, RequestKind, RequestRecord, RequestState};
use kabinet_core::{Error, ErrorCode};

/// Completes every request that is due: the number takes its new state.
pub async fn complete_due(state: &AppState) -> ApiResult<()> {
    let now = state.clock.now();
    let due: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, msisdn, kind, complete_at FROM requests WHERE state = 'in_process' AND complete_at <= ?",
    )
    .bind(ts(now))
    .fetch_all(&state.db)
    .await?;
    for (id, msisdn, kind, complete_at) in due {
        let (new_state, result) = if kind == "block" { ("blocked", "Blocked") } else { ("active", "Unblocked") };
        let mut tx = state.db.begin().await?;
        sqlx::query("UPDATE numbers SET state = ?, state_changed_at = ?, updated_at = ? WHERE msisdn = ?")
            .bind(new_state)
            .bind(ts(parse_ts(&complete_at)))
            .bind(ts_micros(now))
            .bind(&msisdn)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE requests SET state = 'done', result = ? WHERE id = ?")
            .bind(result)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}

fn to_record(r: (String, String, String, String, Option<String>, String)) -> RequestRecord {
    RequestRecord {
        id: r.0,
        kind: if r.1 == "block" { RequestKind::Block } else { RequestKind::Unblock },
        msisdn: r.2,
        state: match r.3.as_str() {
            "done" => RequestState::Done,
            "failed" => RequestState::Failed,
            _ => RequestState::InProcess,
        },
        result: r.4,
        created_at: parse_ts(&r.5),
    }
}

async fn start(
    state: &AppState,
    admin: &Admin,
    msisdn: &str,
    kind: RequestKind,
) -> ApiResult<(StatusCode, Json<RequestRecord>)> {
    let company = owned_company(state, admin, msisdn).await?;
    complete_due(state).await?;
    let number = super::numbers::summary(state, msisdn).await?;
    let (action, allowed) = match kind {
        RequestKind::Block => ("Number blocking", number.state == NumberState::Active),
        RequestKind::Unblock => ("Number unblocking", number.state == NumberState::Blocked),
    };
    if !allowed {
        super::services::record_action(state, company, admin, Some(msisdn), action, "Refused").await?;
        let message = match (kind, &number.state) {
            (RequestKind::Unblock, NumberState::BlockedDebt) => {
                "The number is blocked for debt: it can be unblocked only after the unpaid charges are paid."
            }
            (_, NumberState::InProcess) => "A request for this number is still in process.",
            (RequestKind::Block, _) => "Only an active number can be blocked.",
            (RequestKind::Unblock, _) => "Only a blocked number can be unblocked.",
        };
        return Err(ApiError(Error::new(ErrorCode::NotAllowedInState, message)));
    }
    let now = state.clock.now();
    let id = uuid::Uuid::new_v4().to_string();
    let kind_name = if kind == RequestKind::Block { "block" } else { "unblock" };
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO requests (id, company_id, admin_id, msisdn, kind, state, created_at, complete_at)
         VALUES (?, ?, ?, ?, ?, 'in_process', ?, ?)",
    )
    .bind(&id)
    .bind(company)
    .bind(admin.id)
    .bind(msisdn)
    .bind(kind_name)
    .bind(ts(now))
    .bind(ts(now + state.rules.slow_operation))
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE numbers SET state = 'in_process', updated_at = ? WHERE msisdn = ?")
        .bind(ts_micros(now))
        .bind(msisdn)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    super::services::record_action(state, company, admin, Some(msisdn), action, "Success").await?;
    let record = RequestRecord {
        id,
        kind,
        msisdn: msisdn.into(),
        state: RequestState::InProcess,
        result: None,
        created_at: now,
    };
    Ok((StatusCode::ACCEPTED, Json(record)))
}

/// Blocks an active number (the request completes after a while).
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/block", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 202, body = RequestRecord),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: the number is not active"),
    ))]
pub async fn block(
    State(state): State<AppState>,
    admin: Admin,
    Path(msisdn): Path<String>,
) -> ApiResult<(StatusCode, Json<RequestRecord>)> {
    start(&state, &admin, &msisdn, RequestKind::Block).await
}

/// Unblocks a blocked number; "Blocked / Debt" cannot be unblocked by the administrator.
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/unblock", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 202, body = RequestRecord),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: not blocked, or blocked for debt"),
    ))]
pub async fn unblock(
    State(state): State<AppState>,
    admin: Admin,
    Path(msisdn): Path<String>,
) -> ApiResult<(StatusCode, Json<RequestRecord>)> {
    start(&state, &admin, &msisdn, RequestKind::Unblock).await
}

/// A request record.
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "numbers", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = RequestRecord), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn get_request(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<RequestRecord>> {
    complete_due(&state).await?;
    let row: Option<(String, String, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT r.id, r.kind, r.msisdn, r.state, r.result, r.created_at FROM requests r
         JOIN grants g ON g.company_id = r.company_id WHERE r.id = ? AND g.admin_id = ?",
    )
    .bind(&id)
    .bind(admin.id)
    .fetch_optional(&state.db)
    .await?;
    row.map(|r| Json(to_record(r))).ok_or_else(ApiError::not_found)
}
