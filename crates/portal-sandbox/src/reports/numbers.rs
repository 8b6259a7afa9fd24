//! "List of numbers report": every number of the company with its billing method, credit limit,
//! amount owed, balance, remaining credit limit, tariff and status (the manual's list), as XLSX.

use super::{file_name, ReportFile, XLSX};
use crate::error::ApiResult;
use crate::store;
use chrono::{DateTime, Utc};
use kabinet_documents::portal::{self as export, ExportCompany};
use kabinet_protocol::api::Company;
use kabinet_protocol::Language;
use sqlx::SqliteConnection;

pub async fn render(conn: &mut SqliteConnection, company: &Company, at: DateTime<Utc>) -> ApiResult<ReportFile> {
    let numbers = store::numbers::page(conn, company.id, "", None, u32::MAX).await?;
    let owner = ExportCompany { name: Some(company.name.clone()), bin: Some(company.bin.clone()) };
    let table = export::numbers_report_table(&numbers, &owner, Language::Ru, at);
    let bytes = kabinet_documents::xlsx(&table).map_err(kabinet_protocol::Error::from)?;
    Ok(ReportFile { file_name: file_name("numbers", company, None, at, "xlsx"), content_type: XLSX.into(), bytes })
}
