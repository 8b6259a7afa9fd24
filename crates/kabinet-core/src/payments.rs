//! The payments report by number, as a handle on the account (`account.payments()`): the
//! administrator asks for a period within the last three months and an e-mail; the portal sends
//! the report there and answers with the payments, which the app shows; the XLSX file is made
//! here ([`crate::export::payments_xlsx`]) and kept in the cache (`cache::documents`) for the
//! administrator who asked, so it opens again offline.
//!
//! The period's rule is `rules::payments_period`, checked here before asking the portal (which
//! checks it again); [`Payments::period`] gives the UI its bounds and default from the same rule.

use crate::api::{PaymentsReport, PaymentsReportRequest};
use crate::cache::documents::{self, DocumentInfo, DocumentKind, NewDocument};
use crate::domain::Email;
use crate::error::{Error, ErrorCode, Result};
use crate::library::Library;
use crate::numbers::Numbers;
use crate::rules::payments_period::{self, PeriodBounds};
use crate::session::Session;
use crate::settings::Language;
use chrono::{NaiveDate, Utc};
use serde::Serialize;

/// The content type of the XLSX file.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A report the portal sent, and the file kept of it.
#[derive(Debug, Clone, Serialize)]
pub struct SentReport {
    pub report: PaymentsReport,
    pub saved: DocumentInfo,
}

/// A kept report's file, for opening.
#[derive(Debug, Clone)]
pub struct SavedFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Payments reports of a signed-in account; get it with [`crate::account::Account::payments`].
#[derive(Clone, Copy)]
pub struct Payments<'a> {
    session: &'a Session,
}

impl<'a> Payments<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// The period the report can cover now, and its default (the last month).
    pub fn period(&self) -> PeriodBounds {
        payments_period::bounds(Utc::now())
    }

    /// Asks the portal to send the report of `msisdn` for `from..=to` to `email`, then makes the
    /// XLSX file in `lang` and keeps it in the cache. Checks the number, the session, the
    /// e-mail (field `email`) and the period (fields `from`/`to`) before asking.
    pub async fn request_report(
        &self,
        msisdn: &str,
        from: NaiveDate,
        to: NaiveDate,
        email: &str,
        lang: Language,
    ) -> Result<SentReport> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let email = Email::parse(email).map_err(|e| Error::from(e).with_field("email"))?;
        payments_period::check(from, to, Utc::now())?;
        let request = PaymentsReportRequest { from, to, email: email.as_str().to_string() };
        let report = self.session.check(self.session.client.payments_report(&number.phone, &request).await)?;
        if report.msisdn != number.phone.as_str() || report.from != from || report.to != to {
            return Err(Error::new(
                ErrorCode::InvalidResponse,
                format!(
                    "The portal answered with the payments of {:?} for {}..{} when asked about {} for {from}..{to}.",
                    report.msisdn, report.from, report.to, number.phone
                ),
            ));
        }
        let bytes = crate::export::payments_xlsx(&report, lang)?;
        let file_name = crate::export::payments_file_name(&report.msisdn, from, to);
        let doc = NewDocument {
            kind: DocumentKind::PaymentsReport,
            company_id: Library::new(self.session).company_of(number.phone.as_str()).await?,
            subject: Some(number.phone.as_str()),
            request_id: None,
            msisdn: Some(number.phone.as_str()),
            period: Some((from, to)),
            file_name: &file_name,
            content_type: XLSX,
            bytes: &bytes,
            detail: Some(serde_json::to_string(&report).expect("wire types serialize")),
            created_at: Utc::now(),
        };
        let pool = self.session.cache.pool();
        let saved = documents::save(pool, &number.owner, &doc).await?;
        Ok(SentReport { report, saved })
    }

    /// The reports kept for a number, newest first (from the cache: offline too).
    pub async fn saved(&self, msisdn: &str) -> Result<Vec<DocumentInfo>> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let pool = self.session.cache.pool();
        documents::of_number(pool, &number.owner, number.phone.as_str(), DocumentKind::PaymentsReport).await
    }

    /// A kept report: its file, and the payments it was made from (shown again offline).
    pub async fn saved_report(&self, id: i64) -> Result<(SavedFile, Option<PaymentsReport>)> {
        let owner = self.session.owner()?;
        let doc = documents::load(self.session.cache.pool(), &owner, id)
            .await?
            .filter(|d| d.info.kind == DocumentKind::PaymentsReport)
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "This saved report is no longer in the cache."))?;
        let report = doc.detail.as_deref().and_then(|json| serde_json::from_str(json).ok());
        Ok((SavedFile { file_name: doc.info.file_name, bytes: doc.bytes }, report))
    }
}
