//! The company's actions history over HTTP (the manual's "Actions history" sub-tab): the
//! actions of all of the company's administrators in a period of Kazakhstan days, by the rule
//! `kabinet_protocol::rules::history_period`; the rows are `store::actions`.

use crate::auth::Admin;
use crate::error::{ApiError, ApiResult, Path, Query};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::Json;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use kabinet_protocol::api::*;
use kabinet_protocol::rules::history_period;
use kabinet_protocol::Error;
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionsQuery {
    /// The period's first day (Kazakhstan), `YYYY-MM-DD`; by default the earliest allowed,
    /// today twelve months ago.
    from: Option<NaiveDate>,
    /// The period's last day, included; by default today.
    to: Option<NaiveDate>,
}

/// The actions of the company's administrators in the period, newest first (at most
/// `store::actions::LIMIT`; `truncated` says when there were more). The period is at most the
/// last twelve months, not after today, from not after to (422 `period_too_long` / 400
/// `invalid_input` with `field` and `reason`).
#[utoipa::path(get, path = "/api/v1/companies/{id}/actions", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path), ActionsQuery),
    responses((status = 200, body = ActionList),
        (status = 400, body = Error, description = "invalid_input: a date after today (reason period_in_future) or a reversed period (period_reversed)"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: not a company of this administrator"),
        (status = 422, body = Error, description = "period_too_long: older than twelve months (reason period_older_than_twelve_months, param earliest)")))]
pub async fn list(
    State(state): State<AppState>,
    admin: Admin,
    Path(company): Path<i64>,
    Query(q): Query<ActionsQuery>,
) -> ApiResult<Json<ActionList>> {
    let mut conn = state.db.acquire().await?;
    store::companies::ensure_granted(&mut conn, admin.id, company).await?;
    let now = state.clock.now();
    let bounds = history_period::bounds(now);
    let (from, to) = (q.from.unwrap_or(bounds.earliest), q.to.unwrap_or(bounds.latest));
    history_period::check(from, to, now).map_err(ApiError)?;
    let midnight = |day: NaiveDate| {
        kabinet_protocol::kz::offset()
            .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
            .single()
            .map(|t| t.with_timezone(&Utc))
    };
    // The days are checked (not after today), so the next midnight exists.
    let start = midnight(from).ok_or_else(|| {
        ApiError(Error::invalid_field(kabinet_protocol::ErrorCode::InvalidInput, "from", "no such day"))
    })?;
    let end = to.succ_opt().and_then(midnight).map(|t| t - Duration::seconds(1));
    let end = end.ok_or_else(|| {
        ApiError(Error::invalid_field(kabinet_protocol::ErrorCode::InvalidInput, "to", "no such day"))
    })?;
    let (items, truncated) = store::actions::list(&mut conn, company, start, end).await?;
    Ok(Json(ActionList { items, truncated }))
}
