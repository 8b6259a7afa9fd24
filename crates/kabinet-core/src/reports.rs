//! The company's e-mailed reports, as a handle on the account (`account.reports()`): list of
//! numbers, registered devices, payments, Atlas Pro detailing, reconciliation statement.
//!
//! [`Reports::request`] checks the request by the shared rule (`rules::reports`, the same the
//! portal refuses by) and sends it; the portal accepts it as a request record, which the ONE
//! watcher follows (`crate::requests`). When the portal says it is done, the watcher downloads
//! the file and keeps it in the library ([`Reports::save_file`]) before it records the request
//! as done, so a report is never "done" without its file: a download that fails on the network
//! leaves the request due, and it is fetched again; one saved already is not saved twice.

use crate::action::ActionKind;
use crate::api::{ReportRequest, RequestKind, RequestRecord, RequestState};
use crate::cache::documents::{self, DocumentInfo, DocumentKind, NewDocument};
use crate::cache::requests as cached;
use crate::client::Call;
use crate::error::{Error, ErrorCode, Result};
use crate::intents::Intents;
use crate::library::Library;
use crate::requests::Requests;
use crate::session::Session;
use chrono::Utc;
use serde::Serialize;

/// The requests listed per company and kind.
const LISTED: i64 = 50;

/// A report asked for: the request as last known, what was asked, and its file once kept.
#[derive(Debug, Clone, Serialize)]
pub struct RequestedReport {
    pub record: RequestRecord,
    pub request: Option<ReportRequest>,
    pub document: Option<DocumentInfo>,
}

/// The company reports of a signed-in account; get it with [`crate::account::Account::reports`].
#[derive(Clone, Copy)]
pub struct Reports<'a> {
    session: &'a Session,
}

impl<'a> Reports<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// Asks the portal for a report of `company_id`; answers the request it accepted, which
    /// the watcher then follows.
    pub async fn request(&self, company_id: i64, request: &ReportRequest) -> Result<RequestRecord> {
        self.session.owner()?;
        crate::rules::reports::check(request, Utc::now())?;
        let record: RequestRecord = Intents::new(self.session)
            .send(ActionKind::Report, None, Call::request_report(company_id, request))
            .await?;
        if record.company_id != company_id || record.kind != RequestKind::Report {
            return Err(Error::new(
                ErrorCode::InvalidResponse,
                format!("The portal answered a report request of company {company_id} with {:?}.", record.kind),
            ));
        }
        if let Err(e) = Requests::new(self.session).track(&record).await {
            tracing::warn!(code = %e.code_str(), "a report request not kept for the watcher: {}", e.message);
        }
        Ok(record)
    }

    /// The company's reports asked for from this computer, newest first, with their files
    /// (from the cache: offline too). Only the kinds in `kinds` when it is not empty.
    pub async fn of_company(&self, company_id: i64, kinds: &[crate::api::ReportKind]) -> Result<Vec<RequestedReport>> {
        let owner = self.session.owner()?;
        let pool = self.session.cache.pool();
        let records = cached::of_company(pool, &owner, company_id, RequestKind::Report.as_str(), LISTED).await?;
        let mut out = Vec::with_capacity(records.len());
        for record in records {
            let request = ReportRequest::from_detail(record.detail.as_deref());
            if !kinds.is_empty() && !request.as_ref().is_some_and(|r| kinds.contains(&r.kind)) {
                continue;
            }
            let document = documents::of_request(pool, &owner, &record.id).await?;
            out.push(RequestedReport { record, request, document });
        }
        Ok(out)
    }

    /// Downloads a finished report's file and keeps it in the library, once per request.
    pub async fn save_file(&self, record: &RequestRecord) -> Result<DocumentInfo> {
        let owner = self.session.owner()?;
        let pool = self.session.cache.pool();
        if let Some(saved) = documents::of_request(pool, &owner, &record.id).await? {
            return Ok(saved);
        }
        if record.state != RequestState::Done {
            return Err(Error::new(ErrorCode::NotAllowedInState, "The report is not ready yet."));
        }
        let request = ReportRequest::from_detail(record.detail.as_deref());
        let kind = request.as_ref().and_then(|r| DocumentKind::of_report(&r.kind)).ok_or_else(|| {
            Error::new(ErrorCode::InvalidResponse, "The portal finished a report this version does not know.")
        })?;
        let file = self.session.check(
            self.session.client.report_file(record.company_id, &record.id, &format!("{}.bin", kind.as_str())).await,
        )?;
        let doc = NewDocument {
            kind,
            company_id: Some(record.company_id),
            subject: None,
            request_id: Some(&record.id),
            msisdn: None,
            period: request.as_ref().and_then(|r| r.from.zip(r.to)),
            file_name: &file.file_name,
            content_type: &file.content_type,
            bytes: &file.bytes,
            detail: request.as_ref().map(ReportRequest::to_detail),
            created_at: Utc::now(),
        };
        Library::new(self.session).save(&doc).await
    }
}
