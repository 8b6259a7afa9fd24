//! The company's billing data: accounts, invoice search, and the billing documents' files
//! (certificate, invoice register, the search as XLSX).

use super::files::DownloadedFile;
use super::PortalClient;
pub use crate::api::FileFormat;
use crate::api::{BillingAccounts, ChargesPage, InvoiceSearch, InvoiceSearchBy};
use crate::error::Result;
use crate::rules::document_months::YearMonth;

/// What a certificate is asked for by.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "value")]
pub enum CertificateOf {
    Account(String),
    Number(String),
}

fn by_name(by: InvoiceSearchBy) -> &'static str {
    match by {
        InvoiceSearchBy::Registration => "registration",
        InvoiceSearchBy::Accounting => "accounting",
    }
}

impl PortalClient {
    pub async fn billing_accounts(&self, company_id: i64) -> Result<BillingAccounts> {
        self.get(&format!("api/v1/companies/{company_id}/accounts")).await
    }

    pub async fn certificate(
        &self,
        company_id: i64,
        of: &CertificateOf,
        month: YearMonth,
        format: FileFormat,
    ) -> Result<DownloadedFile> {
        let mut url = self.url(&format!("api/v1/companies/{company_id}/certificate"))?;
        {
            let mut q = url.query_pairs_mut();
            match of {
                CertificateOf::Account(account) => q.append_pair("account", account),
                CertificateOf::Number(msisdn) => q.append_pair("msisdn", msisdn),
            };
            q.append_pair("month", &month.to_string()).append_pair("format", format.as_str());
        }
        self.download_url(url, &format!("certificate-{month}.{}", format.as_str())).await
    }

    /// One page of the company's charges from `from` to `to` (`rules::charges_period`).
    pub async fn charges_page(
        &self,
        company_id: i64,
        from: YearMonth,
        to: YearMonth,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<ChargesPage> {
        let mut url = self.url(&format!("api/v1/companies/{company_id}/charges"))?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("from", &from.to_string()).append_pair("to", &to.to_string());
            q.append_pair("limit", &limit.to_string());
            if let Some(c) = cursor {
                q.append_pair("cursor", c);
            }
        }
        self.get_url(url).await
    }

    pub async fn invoice_register(&self, company_id: i64, from: YearMonth, to: YearMonth) -> Result<DownloadedFile> {
        let mut url = self.url(&format!("api/v1/companies/{company_id}/invoices/register"))?;
        url.query_pairs_mut().append_pair("from", &from.to_string()).append_pair("to", &to.to_string());
        self.download_url(url, &format!("invoice-register-{from}-{to}.xlsx")).await
    }

    fn search_url(&self, company_id: i64, by: InvoiceSearchBy, number: &str, year: i32) -> Result<reqwest::Url> {
        let mut url = self.url(&format!("api/v1/companies/{company_id}/invoices/search"))?;
        url.query_pairs_mut()
            .append_pair("by", by_name(by))
            .append_pair("number", number)
            .append_pair("year", &year.to_string());
        Ok(url)
    }

    pub async fn invoice_search(
        &self,
        company_id: i64,
        by: InvoiceSearchBy,
        number: &str,
        year: i32,
    ) -> Result<InvoiceSearch> {
        self.get_url(self.search_url(company_id, by, number, year)?).await
    }

    pub async fn invoice_search_file(
        &self,
        company_id: i64,
        by: InvoiceSearchBy,
        number: &str,
        year: i32,
    ) -> Result<DownloadedFile> {
        let mut url = self.search_url(company_id, by, number, year)?;
        url.query_pairs_mut().append_pair("format", "xlsx");
        self.download_url(url, "invoice-search.xlsx").await
    }
}
