//! The documents library, as a handle on the account (`account.library()`): every file the
//! app downloaded or made (reports, certificates, registers, exports) kept in the cache with what
//! it is, listed and filtered offline, and written out when the user opens it or saves a copy.
//!
//! Why the cache holds the bytes rather than a folder of files: a file belongs to the
//! administrator who fetched it like every cached row (another one signed in on the same
//! computer never lists it), it is saved in the same transaction as what says what it is, and
//! it opens with the portal unreachable. Opening writes it to the app's own documents folder
//! ([`Library::write_for_viewer`]) under its own name, never over another file; "Save as…"
//! writes it where the user chose.

use crate::api::UsageKind;
use crate::cache::documents::{self, Document, DocumentInfo, DocumentKind, LibraryFilter, NewDocument};
use crate::cache::numbers::NumberFilter;
use crate::error::{Error, ErrorCode, Result};
use crate::export::{self, ListFormat};
use crate::labels::Labels;
use crate::numbers::Numbers;
use crate::session::Session;
use crate::settings::Language;
use chrono::{NaiveDate, Utc};
use std::path::{Path, PathBuf};

/// The content type of an XLSX file.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The content type of a CSV file.
pub const CSV: &str = "text/csv";

/// The library of a signed-in account; get it with [`crate::account::Account::library`].
#[derive(Clone, Copy)]
pub struct Library<'a> {
    session: &'a Session,
}

impl<'a> Library<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// The kept files matching `filter`, newest first (offline too).
    pub async fn list(&self, filter: &LibraryFilter) -> Result<Vec<DocumentInfo>> {
        documents::list(self.session.cache.pool(), &self.session.owner()?, filter).await
    }

    /// Keeps a file; returns what the library lists for it.
    pub async fn save(&self, doc: &NewDocument<'_>) -> Result<DocumentInfo> {
        let owner = self.session.owner()?;
        let pool = self.session.cache.pool();
        documents::save(pool, &owner, doc).await
    }

    /// A kept file, whole; "not found" when it is not this administrator's.
    pub async fn load(&self, id: i64) -> Result<Document> {
        documents::load(self.session.cache.pool(), &self.session.owner()?, id)
            .await?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "This document is no longer in the library."))
    }

    /// Exports the cached numbers list of `company_id` (the rows `filter` keeps) in `format`,
    /// and keeps the file: it opens and saves from the library like every document.
    pub async fn save_numbers_list(
        &self,
        company_id: i64,
        filter: &NumberFilter,
        lang: Language,
        format: ListFormat,
    ) -> Result<DocumentInfo> {
        let numbers = Numbers::new(self.session).all(company_id, filter).await?;
        let company = Numbers::new(self.session).export_company(company_id).await?;
        let file_name = Numbers::new(self.session).export_name(company_id, format).await?;
        let labels = Labels::new(self.session).of_company(company_id).await?;
        let bytes =
            tokio::task::spawn_blocking(move || export::numbers_bytes(&numbers, Some(&labels), &company, lang, format))
                .await
                .map_err(|e| Error::new(ErrorCode::Internal, format!("The export failed: {e}")))??;
        let doc = NewDocument {
            kind: DocumentKind::NumbersList,
            company_id: Some(company_id),
            subject: None,
            request_id: None,
            msisdn: None,
            period: None,
            file_name: &file_name,
            content_type: if format == ListFormat::Csv { CSV } else { XLSX },
            bytes: &bytes,
            detail: None,
            created_at: Utc::now(),
        };
        self.save(&doc).await
    }

    /// Exports a number's usage details for a period (read through the portal, or the cache
    /// offline) as XLSX, and keeps the file.
    pub async fn save_usage(
        &self,
        msisdn: &str,
        from: NaiveDate,
        to: NaiveDate,
        kind: UsageKind,
        lang: Language,
    ) -> Result<DocumentInfo> {
        let report = Numbers::new(self.session).usage(msisdn, from, to, kind).await?.data;
        let bytes = export::usage_bytes(&report, lang)?;
        let file_name = export::usage_file_name(&report);
        let doc = NewDocument {
            kind: DocumentKind::UsageDetails,
            company_id: self.company_of(&report.msisdn).await?,
            subject: Some(&report.msisdn),
            request_id: None,
            msisdn: Some(&report.msisdn),
            period: Some((from, to)),
            file_name: &file_name,
            content_type: XLSX,
            bytes: &bytes,
            detail: None,
            created_at: Utc::now(),
        };
        self.save(&doc).await
    }

    /// The company of a number the cache knows (a number's documents are listed with it).
    pub(crate) async fn company_of(&self, msisdn: &str) -> Result<Option<i64>> {
        crate::cache::numbers::company_of(self.session.cache.pool(), &self.session.owner()?, msisdn).await
    }

    /// Writes a kept file into `dir` (the app's documents folder, made private if missing) for
    /// the system viewer, under its own name, never over another file (`name (2).pdf` when the
    /// name holds something else: another report of that name, or this one edited in the
    /// viewer; the same bytes already there are reused); returns its path.
    pub async fn write_for_viewer(&self, id: i64, dir: &Path) -> Result<PathBuf> {
        crate::private_fs::create_private_dir(dir)
            .map_err(|e| Error::new(ErrorCode::Cache, format!("The documents folder cannot be made: {e}")))?;
        self.save_into(id, dir).await
    }

    /// Writes a copy of a kept file into the existing folder `dir`, under its own name or the
    /// first numbered one not taken (`crate::new_file::write_into`); returns its path.
    pub async fn save_into(&self, id: i64, dir: &Path) -> Result<PathBuf> {
        let doc = self.load(id).await?;
        let name = crate::file_name::safe_component(&doc.info.file_name, "document");
        let dir = dir.to_path_buf();
        blocking(move || crate::new_file::write_into(&dir, &name, &doc.bytes)).await
    }

    /// Writes a copy of a kept file to exactly `dest`, refused (naming `field`) when a file is
    /// already there (`crate::new_file::write_exact`).
    pub async fn save_new(&self, id: i64, dest: &Path, field: &'static str) -> Result<()> {
        let doc = self.load(id).await?;
        let dest = dest.to_path_buf();
        blocking(move || crate::new_file::write_exact(&dest, &doc.bytes, field)).await
    }

    /// Writes a copy of a kept file to `dest`, replacing what is there: where the user chose it
    /// in the system's save dialog, which asked before replacing.
    pub async fn save_copy(&self, id: i64, dest: &Path) -> Result<()> {
        let doc = self.load(id).await?;
        write(dest.to_path_buf(), doc.bytes).await
    }
}

/// Runs file work off the async threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::new(ErrorCode::Internal, format!("The file could not be written: {e}")))?
}

/// Writes `bytes` to `path` off the async threads, atomically (a crash leaves the old file or
/// none, never half of one).
async fn write(path: PathBuf, bytes: Vec<u8>) -> Result<()> {
    blocking(move || crate::export::write_file(&path, &bytes)).await
}
