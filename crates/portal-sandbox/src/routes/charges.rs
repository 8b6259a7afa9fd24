//! The company's charges as data: Appendix 1 of its certificates per account, month, number and
//! service, without VAT and with each line's VAT (`crate::billing::breakdown`), in pages of
//! numbers. The months are `rules::charges_period`'s (certificate months, at most 12); another
//! company's id answers 404. A read: nothing is written, not even the actions history.

use crate::auth::Admin;
use crate::billing::{breakdown, invoices};
use crate::error::{ApiError, ApiResult, Path, Query};
use crate::state::AppState;
use crate::store;
use crate::store::billing::parse_month;
use axum::extract::State;
use axum::Json;
use kabinet_protocol::api::ChargesPage;
use kabinet_protocol::rules::charges_period;
use kabinet_protocol::{Error, ErrorCode};
use serde::Deserialize;

/// The most numbers a page holds (each with up to 12 months of 5 services).
pub const PAGE_MAX: u32 = 2_000;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChargesQuery {
    /// First month, YYYY-MM.
    #[param(pattern = r"^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(0[1-9]|1[0-2])$")]
    from: String,
    /// Last month, YYYY-MM, included; at most 12 months from `from`.
    #[param(pattern = r"^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(0[1-9]|1[0-2])$")]
    to: String,
    /// From a previous page's `next_cursor`: the last account and number sent,
    /// `<account>|<msisdn>`.
    #[param(pattern = r"^[0-9]{1,20}\|[0-9]{1,15}$")]
    cursor: Option<String>,
    /// Numbers per page, 1 to 2000; default 500.
    #[param(minimum = 1, maximum = 2000)]
    limit: Option<u32>,
}

/// The company's charges from `from` to `to`, per account, month, number and service: net
/// (without VAT) and the line's VAT, adding up to each account's certificate of the month.
#[utoipa::path(get, path = "/api/v1/companies/{id}/charges", tag = "billing", security(("bearer" = [])),
    params(("id" = i64, Path), ChargesQuery),
    responses(
        (status = 200, body = ChargesPage),
        (status = 400, body = Error, description = "invalid_input naming the field: from or to not YYYY-MM, from after to, a bad cursor or limit"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: another administrator's company"),
        (status = 422, body = Error, description = "not_yet_available (reasons document_not_ready_yet, month_not_over; field to), period_too_long (reason month_too_old, or more than 12 months: param max; field from)"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
    Query(q): Query<ChargesQuery>,
) -> ApiResult<Json<ChargesPage>> {
    let (from, to) = (parse_month(&q.from, "from")?, parse_month(&q.to, "to")?);
    let limit = q.limit.unwrap_or(500);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(ApiError::invalid_field(
            ErrorCode::InvalidInput,
            "limit",
            format!("limit must be between 1 and {PAGE_MAX}."),
        ));
    }
    let after = match q.cursor.as_deref() {
        None => None,
        Some(c) => Some(
            c.split_once('|')
                .filter(|(a, m)| [a, m].iter().all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())))
                .ok_or_else(|| ApiError::invalid_field(ErrorCode::InvalidInput, "cursor", "Bad cursor."))?,
        ),
    };
    let mut conn = state.db.acquire().await?;
    store::companies::ensure_granted(&mut conn, admin.id, id).await?;
    charges_period::check(from, to, state.clock.now()).map_err(ApiError)?;
    let months = invoices::months(from, to);
    let (items, more) = breakdown::page(&mut conn, id, after, limit, &months).await?;
    let next_cursor = more.then(|| items.last().map(|n| format!("{}|{}", n.account, n.msisdn))).flatten();
    Ok(Json(ChargesPage { items, next_cursor }))
}
