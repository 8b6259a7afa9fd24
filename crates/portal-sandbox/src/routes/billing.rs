//! The company's billing documents over HTTP: its accounts, the certificate of work performed
//! (PDF or XLSX), the invoice register (XLSX) and the search for numbers by invoice (JSON or
//! XLSX). The data is `crate::billing`, the rules and history rows `store::billing`; another
//! company's id, account or number answers 404.

use crate::auth::Admin;
use crate::billing::files::{self, Format};
use crate::billing::{self, invoices};
use crate::error::{ApiError, ApiResult, Path, Query};
use crate::state::AppState;
use crate::store::billing::{parse_month, CertificateOf};
use crate::store::{self, Actor};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use kabinet_protocol::api::{BillingAccounts, InvoiceSearch, InvoiceSearchBy};
use kabinet_protocol::{Error, ErrorCode};
use serde::Deserialize;

/// A file as the answer, with its type and name.
fn file_response(file: files::File) -> Response {
    (
        [
            (header::CONTENT_TYPE, file.content_type.to_string()),
            (header::CONTENT_DISPOSITION, files::disposition(&file.name)),
        ],
        file.bytes,
    )
        .into_response()
}

/// The company's personal accounts, for the certificate's drop-down.
#[utoipa::path(get, path = "/api/v1/companies/{id}/accounts", tag = "billing", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = BillingAccounts),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: another administrator's company"),
    ))]
pub async fn accounts(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
) -> ApiResult<Json<BillingAccounts>> {
    let mut conn = state.db.acquire().await?;
    store::companies::ensure_granted(&mut conn, admin.id, id).await?;
    Ok(Json(BillingAccounts { items: billing::accounts(&mut conn, id).await? }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CertificateQuery {
    /// The personal account (or give `msisdn`).
    account: Option<String>,
    /// A number of the account (or give `account`).
    msisdn: Option<String>,
    /// YYYY-MM.
    #[param(pattern = r"^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(0[1-9]|1[0-2])$")]
    month: String,
    #[param(inline)]
    format: Format,
}

/// The certificate of work performed (form Р-1 with Appendix 1) of an account, or of a number's
/// account, for a month: from January 2018, last month's after the 5th (Kazakhstan time).
#[utoipa::path(get, path = "/api/v1/companies/{id}/certificate", tag = "billing", security(("bearer" = [])),
    params(("id" = i64, Path), CertificateQuery),
    responses(
        (status = 200, description = "the certificate as PDF, or XLSX for format=xlsx; Content-Disposition names the file",
            content(("application/pdf"), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 400, body = Error, description = "invalid_input naming the field: month not YYYY-MM, neither or both of account and msisdn, format neither pdf nor xlsx"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: another company's account or number; reason nothing_billed: an account without numbers"),
        (status = 422, body = Error, description = "not_yet_available (reasons document_not_ready_yet, month_not_over) or period_too_long (month_too_old), field month"),
    ))]
pub async fn certificate(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
    Query(q): Query<CertificateQuery>,
) -> ApiResult<Response> {
    let month = parse_month(&q.month, "month")?;
    let of = match (q.account.as_deref(), q.msisdn.as_deref()) {
        (Some(account), None) => CertificateOf::Account(account),
        (None, Some(msisdn)) => CertificateOf::Number(msisdn),
        _ => {
            return Err(ApiError::invalid_field(
                ErrorCode::InvalidInput,
                "account",
                "Give either an account or a number.",
            ))
        }
    };
    let now = state.clock.now();
    let mut tx = store::begin(&state.db).await?;
    store::companies::ensure_granted(&mut tx, admin.id, id).await?;
    let actor = Actor { admin_id: admin.id, company_id: id };
    let outcome = store::billing::certificate(&mut tx, actor, of, month, now).await?;
    let certificate = store::commit(tx, outcome).await?;
    Ok(file_response(files::certificate(&certificate, q.format)?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegisterQuery {
    /// First month, YYYY-MM.
    #[param(pattern = r"^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(0[1-9]|1[0-2])$")]
    from: String,
    /// Last month, YYYY-MM, included.
    #[param(pattern = r"^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(0[1-9]|1[0-2])$")]
    to: String,
}

/// The register of the company's electronic invoices for a range of months, as XLSX with a
/// totals row: from January 2018, last month's after the 3rd (Kazakhstan time).
#[utoipa::path(get, path = "/api/v1/companies/{id}/invoices/register", tag = "billing", security(("bearer" = [])),
    params(("id" = i64, Path), RegisterQuery),
    responses(
        (status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", description = "the register; Content-Disposition names the file"),
        (status = 400, body = Error, description = "invalid_input naming from or to: not YYYY-MM, or from after to"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 422, body = Error, description = "not_yet_available (field to) or period_too_long (field from)"),
    ))]
pub async fn register(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
    Query(q): Query<RegisterQuery>,
) -> ApiResult<Response> {
    let (first, last) = (parse_month(&q.from, "from")?, parse_month(&q.to, "to")?);
    let now = state.clock.now();
    let mut tx = store::begin(&state.db).await?;
    store::companies::ensure_granted(&mut tx, admin.id, id).await?;
    let actor = Actor { admin_id: admin.id, company_id: id };
    let outcome = store::billing::register(&mut tx, actor, first, last, now).await?;
    let (customer, invoices) = store::commit(tx, outcome).await?;
    let table = invoices::register_table(&customer, &invoices, first, last, now);
    Ok(file_response(files::register(&customer, &table, first, last)?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    #[param(inline)]
    by: InvoiceSearchBy,
    /// The registration number (34 characters) or the accounting number.
    #[param(min_length = 1)]
    number: String,
    /// The invoice's year (of its turnover date).
    year: i32,
    /// `xlsx` for the answer as a file; JSON otherwise.
    #[param(inline)]
    format: Option<Format>,
}

/// The numbers an electronic invoice bills, found by its registration or accounting number in a
/// year: "On screen" (JSON) or "XLS file" (`format=xlsx`).
#[utoipa::path(get, path = "/api/v1/companies/{id}/invoices/search", tag = "billing", security(("bearer" = [])),
    params(("id" = i64, Path), SearchQuery),
    responses(
        (status = 200, description = "the invoice and its numbers (XLSX with format=xlsx)",
            content((InvoiceSearch = "application/json"), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 400, body = Error, description = "invalid_input, field number: a registration number that is not 34 characters, or none"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: another company's id; reason invoice_not_found: no invoice of the company has the number in that year"),
    ))]
pub async fn search(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
    Query(q): Query<SearchQuery>,
) -> ApiResult<Response> {
    let now = state.clock.now();
    let mut tx = store::begin(&state.db).await?;
    store::companies::ensure_granted(&mut tx, admin.id, id).await?;
    let actor = Actor { admin_id: admin.id, company_id: id };
    let outcome = store::billing::search(&mut tx, actor, q.by, &q.number, q.year, now).await?;
    let (customer, found) = store::commit(tx, outcome).await?;
    match q.format {
        Some(Format::Xlsx) => {
            let table = invoices::search_table(&customer, &found, now);
            Ok(file_response(files::search(&found.invoice.accounting_number, &table)?))
        }
        Some(Format::Pdf) => Err(ApiError::invalid_field(
            ErrorCode::InvalidInput,
            "format",
            "The search is given on screen or as an XLS file.",
        )),
        None => Ok(Json(found).into_response()),
    }
}
