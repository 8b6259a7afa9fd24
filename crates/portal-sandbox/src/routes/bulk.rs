//! The bulk check over HTTP: `POST /api/v1/companies/{id}/actions/check` answers, for each
//! number asked, whether the action would be refused now and why (`store::bulk`). It is a read:
//! a POST only because thousands of numbers do not fit a query string, so it needs no
//! Idempotency-Key (it is served outside the idempotency layer, and marked `x-read-only` in
//! `/openapi.json`), and it writes nothing.

use crate::auth::Admin;
use crate::error::{ApiError, ApiResult, Body, Path};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::Json;
use kabinet_protocol::api::{ActionCheck, ActionCheckRequest, BULK_MAX_NUMBERS};
use kabinet_protocol::{Error, ErrorCode};

/// Would the action be refused on each of these numbers now, and why? One row per number, in the
/// order asked; a number that is not the company's is `not_found` (reason `not_in_company`).
/// Writes nothing.
#[utoipa::path(post, path = "/api/v1/companies/{id}/actions/check", tag = "numbers", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = ActionCheckRequest,
    responses(
        (status = 200, body = ActionCheck),
        (status = 400, body = Error, description = "invalid_input: more than 100,000 numbers, or `iccids` not one per number of a sim_replacement (or given for another action)"),
        (status = 401, body = Error, description = "session_expired"),
        (status = 404, body = Error, description = "not_found: another administrator's company, or a service or ban this portal does not have"),
    ))]
pub async fn check(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
    Body(request): Body<ActionCheckRequest>,
) -> ApiResult<Json<ActionCheck>> {
    if request.numbers.len() > BULK_MAX_NUMBERS {
        return Err(ApiError::invalid_field(
            ErrorCode::InvalidInput,
            "numbers",
            format!("At most {BULK_MAX_NUMBERS} numbers can be checked at once."),
        ));
    }
    // A block that is due changes the state the check reads: complete it first, as reads do.
    let mut conn = state.db.acquire().await?;
    store::companies::ensure_granted(&mut conn, admin.id, id).await?;
    let results = store::bulk::check(&mut conn, id, &request.action, &request.numbers, &request.iccids).await?;
    Ok(Json(ActionCheck { results }))
}
