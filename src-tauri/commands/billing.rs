//! The billing sub-tabs of Documents and reports: the company's accounts, the certificate of
//! work performed, the invoice register and the search by invoice. Every file is kept in the
//! library by core (`account.billing()`); the UI then shows it with Open · Save as….

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::api::{BillingAccount, InvoiceSearch, InvoiceSearchBy};
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::client::{CertificateOf, FileFormat};
use kabinet_core::rules::document_months::YearMonth;
use kabinet_core::{Error, ErrorCode};
use tauri::State;

/// The company's personal accounts, for the certificate's drop-down.
#[tauri::command(rename_all = "snake_case")]
pub async fn billing_accounts(state: State<'_, AppState>, company_id: i64) -> CmdResult<Vec<BillingAccount>> {
    state.account().await?.billing().accounts(company_id).await
}

/// Downloads the certificate of an account, or of a number's account, and keeps it.
#[tauri::command(rename_all = "snake_case")]
pub async fn certificate_download(
    state: State<'_, AppState>,
    company_id: i64,
    account: Option<String>,
    msisdn: Option<String>,
    month: YearMonth,
    format: FileFormat,
) -> CmdResult<DocumentInfo> {
    let of = match (account, msisdn) {
        (Some(account), None) => CertificateOf::Account(account),
        (None, Some(msisdn)) => CertificateOf::Number(msisdn),
        _ => {
            return Err(Error::invalid_field(
                ErrorCode::InvalidInput,
                "account",
                "Choose an account or enter a number.",
            ))
        }
    };
    state.account().await?.billing().certificate(company_id, &of, month, format).await
}

/// Downloads the invoice register of the months `from` to `to` and keeps it.
#[tauri::command(rename_all = "snake_case")]
pub async fn invoice_register_download(
    state: State<'_, AppState>,
    company_id: i64,
    from: YearMonth,
    to: YearMonth,
) -> CmdResult<DocumentInfo> {
    state.account().await?.billing().register(company_id, from, to).await
}

/// The invoice found by its number in `year`, and the numbers it bills ("On screen").
#[tauri::command(rename_all = "snake_case")]
pub async fn invoice_search(
    state: State<'_, AppState>,
    company_id: i64,
    by: InvoiceSearchBy,
    number: String,
    year: i32,
) -> CmdResult<InvoiceSearch> {
    state.account().await?.billing().search(company_id, by, &number, year).await
}

/// The same search as an XLS file, kept.
#[tauri::command(rename_all = "snake_case")]
pub async fn invoice_search_download(
    state: State<'_, AppState>,
    company_id: i64,
    by: InvoiceSearchBy,
    number: String,
    year: i32,
) -> CmdResult<DocumentInfo> {
    state.account().await?.billing().search_file(company_id, by, &number, year).await
}
