//! SIM card replacement over HTTP: answers 202 with a request record, which completes later
//! (`jobs.rs`); `GET /requests/{id}` follows it. The rules are `store::sim`.

use crate::auth::Admin;
use crate::error::{ApiResult, Body, Path};
use crate::idempotency::{Answer, Key};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use kabinet_protocol::api::{RequestRecord, SimReplacement};
use kabinet_protocol::Error;

/// Replaces the number's SIM card with the one whose ICCID is given (on its back). Only an
/// active number; one replacement at a time.
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/sim-replacement", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = SimReplacement,
    responses(
        (status = 202, body = RequestRecord, description = "the replacement is in process"),
        (status = 400, body = Error, description = "invalid_iccid (field `iccid`): not 19-20 digits, a wrong check digit, or reason `iccid_in_use`"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: reason `sim_replacement_needs_active`, `request_in_process` or `sim_replacement_in_process`"),
    ))]
pub async fn replace(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path(msisdn): Path<String>,
    Body(body): Body<SimReplacement>,
) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, &msisdn).await?;
    let outcome =
        store::sim::start(&mut tx, actor, &msisdn, &body.iccid, state.clock.now(), state.rules.slow_operation).await?;
    store::commit_answer(tx, &key, StatusCode::ACCEPTED, outcome).await
}
