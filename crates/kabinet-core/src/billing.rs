//! The company's billing documents, as a handle on the account (`account.billing()`): its
//! personal accounts (the certificate's drop-down), the certificate of work performed (PDF or
//! Excel), the invoice register, and the search for numbers by an invoice (on screen, or as a
//! file). Every file downloaded is SAVED in the library (`account.library()`), so it opens
//! offline.
//!
//! Each request is checked first by the rule the portal refuses by
//! (`rules::document_months`: certificates from January 2018, last month's after the 5th; the
//! register last month's after the 3rd), naming the field, and nothing is sent for a bad value.

use crate::api::{BillingAccount, InvoiceSearch, InvoiceSearchBy};
use crate::cache::documents::{DocumentInfo, DocumentKind, NewDocument};
use crate::client::{CertificateOf, DownloadedFile, FileFormat};
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use crate::library::Library;
use crate::rules::document_months::{self, MonthlyDocument, YearMonth};
use crate::rules::invoice_search::check_number;
use crate::session::Session;
use chrono::{NaiveDate, Utc};

/// The billing documents of a signed-in account; get it with [`crate::account::Account::billing`].
#[derive(Clone, Copy)]
pub struct Billing<'a> {
    session: &'a Session,
}

impl<'a> Billing<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// The company's personal accounts, with how many numbers each bills.
    pub async fn accounts(&self, company_id: i64) -> Result<Vec<BillingAccount>> {
        self.session.owner()?;
        Ok(self.session.check(self.session.client.billing_accounts(company_id).await)?.items)
    }

    /// Downloads the certificate of an account (or of a number's account) for `month` and keeps
    /// it in the library.
    pub async fn certificate(
        &self,
        company_id: i64,
        of: &CertificateOf,
        month: YearMonth,
        format: FileFormat,
    ) -> Result<DocumentInfo> {
        self.session.owner()?;
        let of = match of {
            CertificateOf::Account(account) => {
                let account = account.trim();
                if account.is_empty() || !account.chars().all(|c| c.is_ascii_digit()) {
                    return Err(Error::invalid_field(ErrorCode::InvalidInput, "account", "Choose a personal account."));
                }
                CertificateOf::Account(account.to_string())
            }
            CertificateOf::Number(msisdn) => CertificateOf::Number(
                Phone::parse(msisdn).map_err(|e| Error::from(e).with_field("msisdn"))?.as_str().to_string(),
            ),
        };
        document_months::check(MonthlyDocument::ServiceCertificate, month, month, Utc::now())
            .map_err(|e| e.with_field("month"))?;
        let file = self.session.check(self.session.client.certificate(company_id, &of, month, format).await)?;
        let (subject, msisdn) = match &of {
            CertificateOf::Account(a) => (a.as_str(), None),
            CertificateOf::Number(n) => (n.as_str(), Some(n.as_str())),
        };
        self.keep(DocumentKind::Certificate, company_id, Some(subject), msisdn, Some(months(month, month)), &file, None)
            .await
    }

    /// Downloads the invoice register of the months `from` to `to` and keeps it in the library.
    pub async fn register(&self, company_id: i64, from: YearMonth, to: YearMonth) -> Result<DocumentInfo> {
        self.session.owner()?;
        document_months::check(MonthlyDocument::InvoiceRegister, from, to, Utc::now())?;
        let file = self.session.check(self.session.client.invoice_register(company_id, from, to).await)?;
        self.keep(DocumentKind::InvoiceRegister, company_id, None, None, Some(months(from, to)), &file, None).await
    }

    /// The invoice with `number` (registration or accounting) in `year`, and the numbers it bills.
    pub async fn search(&self, company_id: i64, by: InvoiceSearchBy, number: &str, year: i32) -> Result<InvoiceSearch> {
        self.session.owner()?;
        let number = check_number(by, number)?;
        self.session.check(self.session.client.invoice_search(company_id, by, &number, year).await)
    }

    /// The same search as an XLSX file, kept in the library.
    pub async fn search_file(
        &self,
        company_id: i64,
        by: InvoiceSearchBy,
        number: &str,
        year: i32,
    ) -> Result<DocumentInfo> {
        self.session.owner()?;
        let number = check_number(by, number)?;
        let file = self.session.check(self.session.client.invoice_search_file(company_id, by, &number, year).await)?;
        let period = NaiveDate::from_ymd_opt(year, 1, 1).zip(NaiveDate::from_ymd_opt(year, 12, 31));
        self.keep(DocumentKind::InvoiceSearch, company_id, Some(&number), None, period, &file, None).await
    }

    #[allow(clippy::too_many_arguments)]
    async fn keep(
        &self,
        kind: DocumentKind,
        company_id: i64,
        subject: Option<&str>,
        msisdn: Option<&str>,
        period: Option<(NaiveDate, NaiveDate)>,
        file: &DownloadedFile,
        detail: Option<String>,
    ) -> Result<DocumentInfo> {
        let doc = NewDocument {
            kind,
            company_id: Some(company_id),
            subject,
            request_id: None,
            msisdn,
            period,
            file_name: &file.file_name,
            content_type: &file.content_type,
            bytes: &file.bytes,
            detail,
            created_at: Utc::now(),
        };
        Library::new(self.session).save(&doc).await
    }
}

/// The first and the last day of the months `from` to `to`.
fn months(from: YearMonth, to: YearMonth) -> (NaiveDate, NaiveDate) {
    (from.first_day(), to.last_day())
}
