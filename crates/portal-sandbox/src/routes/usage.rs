//! The usage details report over HTTP (the records are `store::usage`). The period follows
//! `kabinet_protocol::rules::usage_period` (whole days in Kazakhstan time, at most 93, not starting
//! in the future, dates in a sane window), checked here before any record is made.

use crate::auth::Reader;
use crate::error::{ApiResult, Path, Query};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use kabinet_protocol::api::{UsageKind, UsageReport};
use kabinet_protocol::rules::usage_period as period;
use kabinet_protocol::Error;
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsageQuery {
    /// First day (YYYY-MM-DD), Kazakhstan time.
    from: NaiveDate,
    /// Last day, included.
    to: NaiveDate,
    kind: Option<UsageKind>,
}

/// Usage records of a number for a period (the secret code's holder may read them too).
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}/usage", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), UsageQuery),
    responses(
        (status = 200, body = UsageReport),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 400, body = Error, description = "invalid_input: from after to, from in the future, or a date outside 2000-01-01 to 93 days after today"),
        (status = 422, body = Error, description = "period_too_long"),
    ))]
pub async fn report(
    State(state): State<AppState>,
    reader: Reader,
    Path(msisdn): Path<String>,
    Query(q): Query<UsageQuery>,
) -> ApiResult<Json<UsageReport>> {
    reader.may_read(&mut *state.db.acquire().await?, &msisdn).await?;
    // The one rule of both ends; it also keeps the dates far from the calendar's ends, where
    // the report's day arithmetic would overflow.
    period::check(q.from, q.to, state.clock.now())?;
    Ok(Json(store::usage::report(msisdn, q.from, q.to, q.kind.unwrap_or(UsageKind::All), state.clock.now())))
}
