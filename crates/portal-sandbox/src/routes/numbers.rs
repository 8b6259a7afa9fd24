//! A company's mobile numbers: the paged list (with `updated_since` for incremental sync),
//! the number profile, PIN/PUK on demand, and allowances. A number of a company not granted to
//! the caller answers 404.

use crate::auth::{Admin, Reader};
use crate::error::{ApiError, ApiResult, Path, Query};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, SubsecRound, Utc};
use kabinet_protocol::api::*;
use kabinet_protocol::{Error, ErrorCode};
use serde::Deserialize;

pub const PAGE_MAX: u32 = 5_000;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// From a previous page's `next_cursor`: the listing's server time (RFC 3339) and the last
    /// number sent, `<time>|<msisdn>`.
    #[param(
        pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?Z\|[0-9]{0,11}$"
    )]
    cursor: Option<String>,
    /// 1 to 5000; default 1000.
    #[param(minimum = 1, maximum = 5000)]
    limit: Option<u32>,
    /// Only numbers changed after this time (RFC 3339).
    updated_since: Option<DateTime<Utc>>,
}

/// A page of the company's numbers in msisdn order.
#[utoipa::path(get, path = "/api/v1/companies/{id}/numbers", tag = "numbers", security(("bearer" = [])),
    params(("id" = i64, Path), ListQuery),
    responses(
        (status = 200, body = NumberPage),
        (status = 400, body = Error, description = "invalid_input"),
        (status = 401, body = Error, description = "session_expired"),
        (status = 404, body = Error, description = "not_found"),
        (status = 503, body = Error, description = "internal: a fault injected with /sandbox/faults"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    admin: Admin,
    Path(company): Path<i64>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Response> {
    store::companies::ensure_granted(&mut *state.db.acquire().await?, admin.id, company).await?;
    state.faults.take_numbers_page()?;
    let limit = q.limit.unwrap_or(1_000);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(ApiError::new(ErrorCode::InvalidInput, format!("limit must be between 1 and {PAGE_MAX}.")));
    }
    // The cursor is "<server_time>|<last msisdn>", so every page of one listing reports the
    // time its first page was served.
    let (server_time, after) = match q.cursor.as_deref() {
        Some(c) => {
            let (t, m) = c.split_once('|').ok_or_else(|| ApiError::new(ErrorCode::InvalidInput, "Bad cursor."))?;
            (
                DateTime::parse_from_rfc3339(t)
                    .map_err(|_| ApiError::new(ErrorCode::InvalidInput, "Bad cursor."))?
                    .with_timezone(&Utc),
                m.to_string(),
            )
        }
        None => (state.clock.now().trunc_subsecs(6), String::new()),
    };
    let page =
        store::numbers::page_json(&mut *state.db.acquire().await?, company, &after, q.updated_since, limit).await?;
    let next_cursor = (page.len == limit as usize).then(|| {
        format!(
            "{}|{}",
            server_time.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            page.last.as_deref().expect("full page")
        )
    });
    // A [`NumberPage`] around items that are JSON already (made by SQLite; see `page_json`).
    let json = |e: serde_json::Error| ApiError::new(ErrorCode::Internal, e.to_string());
    let body = format!(
        r#"{{"items":{},"next_cursor":{},"server_time":{}}}"#,
        page.items,
        serde_json::to_string(&next_cursor).map_err(json)?,
        serde_json::to_string(&server_time).map_err(json)?
    );
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The number profile: information, general information, SIM and device. The holder of the
/// number's secret code may read it too.
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = NumberDetail), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn detail(
    State(state): State<AppState>,
    reader: Reader,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<NumberDetail>> {
    reader.may_read(&mut *state.db.acquire().await?, &msisdn).await?;
    Ok(Json(store::numbers::detail(&mut *state.db.acquire().await?, &msisdn).await?))
}

/// PIN and PUK codes of the SIM. Each view is written to the actions history.
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}/sim-secrets", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = SimSecrets), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn sim_secrets(
    State(state): State<AppState>,
    admin: Admin,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<SimSecrets>> {
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, &msisdn).await?;
    let secrets = store::numbers::sim_secrets(&mut tx, &state.key, actor, &msisdn, state.clock.now()).await?;
    tx.commit().await?;
    Ok(Json(secrets))
}

/// Remaining allowance from the tariff, and additional allowances from enabled services (the
/// secret code's holder may read them too).
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}/allowances", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = Allowances), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn allowances(
    State(state): State<AppState>,
    reader: Reader,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<Allowances>> {
    let mut conn = state.db.acquire().await?;
    reader.may_read(&mut conn, &msisdn).await?;
    Ok(Json(store::allowances::of(&mut conn, &msisdn, state.clock.now()).await?))
}
