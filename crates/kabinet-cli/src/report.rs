//! `kabinet-cli report <kind>`: asks the portal for a company report, waits for it (the
//! e-mailed reports are prepared later: the request is followed by core's watcher round until it
//! is done, failed, or the timeout passes), keeps the file in the library (the app lists it too) and writes it where
//! asked, for scheduled jobs. `certificate`, `register`, `invoice_search` and `actions_history`
//! are made at once (the service delivery certificate of an account or a number's account for a
//! month, as PDF or XLSX; the invoice register for a range of months; the search by invoice as
//! XLSX, `invoice.rs`; the actions history as XLSX, `history.rs`).
//!
//! Exit codes a scheduler can act on (also in `--help` and the README):
//! 0 saved; 1 the portal failed the report, or anything else went wrong; 2 refused by a rule or
//! invalid input (a period not allowed, a bad e-mail, a company not yours: fix the job);
//! 3 not signed in (run `kabinet-cli login`, or set `KABINET_PASSWORD`); 4 the portal cannot be
//! reached (try again later); 5 timed out waiting (the request goes on; the app's watcher keeps
//! following it).

use crate::output::Output;
use crate::texts;
use chrono::NaiveDate;
use kabinet_core::account::Account;
use kabinet_core::actions_history::ActionsFilter;
use kabinet_core::api::{PaymentMethod, ReportKind, ReportRequest, RequestRecord, RequestState};
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::client::{CertificateOf, FileFormat};
use kabinet_core::rules::document_months::YearMonth;
use kabinet_core::settings::Language;
use kabinet_core::{Error, ErrorCode};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The report's arguments.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// numbers, devices, payments, atlas_pro, reconciliation (e-mailed, waited for), or
    /// certificate, register, invoice_search, actions_history (made at once).
    #[arg(value_parser = parse_kind)]
    pub kind: Kind,
    /// The company's id (`kabinet-cli companies`); default: your first company.
    #[arg(long)]
    pub company: Option<i64>,
    /// The period's first day, YYYY-MM-DD (payments, atlas_pro, reconciliation, actions_history).
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// The period's last day, included.
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Where the portal e-mails the report; default: your profile's e-mail.
    #[arg(long)]
    pub email: Option<String>,
    /// The payments report's numbers: credit or advance.
    #[arg(long, value_parser = parse_payment_type)]
    pub payment_type: Option<PaymentMethod>,
    /// The month of a certificate, or of a one-month register: YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    pub month: Option<YearMonth>,
    /// The certificate's personal account (or give --number).
    #[arg(long)]
    pub account: Option<String>,
    /// The certificate of this number's account; the actions history's rows of this number.
    #[arg(long)]
    pub number: Option<String>,
    /// The file's format, pdf or xlsx, for the certificate and the reconciliation (default
    /// pdf); the other reports are xlsx only.
    #[arg(long, value_parser = parse_format)]
    pub format: Option<FileFormat>,
    /// Where to write the file: a new file (one that exists is refused, exit 2), or an
    /// existing folder to write it into under the report's name ("name (2).pdf" when another
    /// file has it). Default: the documents folder in the data folder. Nothing is overwritten.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// How long to wait for the report, in seconds.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,
    /// The actions history's rows of this action, by its name as the history shows it.
    #[arg(long)]
    pub action: Option<String>,
    /// Same as --lang ru (kept for existing scripts).
    #[arg(long)]
    pub ru: bool,
    /// The invoice_search's invoice: its registration number, or with --by accounting its
    /// accounting number.
    #[arg(long)]
    pub invoice: Option<String>,
    #[command(flatten)]
    pub search: crate::invoice::SearchArgs,
}

/// What `report` makes: a report the portal e-mails, or a document downloaded at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Mailed(ReportKind),
    Certificate,
    Register,
    InvoiceSearch,
    ActionsHistory,
}

impl Kind {
    fn as_str(&self) -> &str {
        match self {
            Kind::Mailed(kind) => kind.as_str(),
            Kind::Certificate => "certificate",
            Kind::Register => "register",
            Kind::InvoiceSearch => "invoice_search",
            Kind::ActionsHistory => "actions_history",
        }
    }
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    match s.replace('-', "_").as_str() {
        "certificate" => Ok(Kind::Certificate),
        "register" | "invoice_register" => Ok(Kind::Register),
        "invoice_search" => Ok(Kind::InvoiceSearch),
        "actions_history" => Ok(Kind::ActionsHistory),
        other => match ReportKind::parse(other) {
            Some(ReportKind::Unknown(_)) | None => Err("use numbers, devices, payments, atlas_pro, reconciliation, \
                certificate, register, invoice_search or actions_history"
                .into()),
            Some(kind) => Ok(Kind::Mailed(kind)),
        },
    }
}

fn parse_month(s: &str) -> Result<YearMonth, String> {
    let (year, month) = s.split_once('-').ok_or("use YYYY-MM, e.g. 2026-10")?;
    match (year.parse(), month.parse()) {
        (Ok(y), Ok(m)) if year.len() == 4 => YearMonth::new(y, m).ok_or_else(|| "the month is 01 to 12".into()),
        _ => Err("use YYYY-MM, e.g. 2026-10".into()),
    }
}

fn parse_format(s: &str) -> Result<FileFormat, String> {
    match s {
        "pdf" => Ok(FileFormat::Pdf),
        "xlsx" => Ok(FileFormat::Xlsx),
        _ => Err("use pdf or xlsx".into()),
    }
}

/// A date's month.
fn month_of(date: NaiveDate) -> YearMonth {
    use chrono::Datelike;
    YearMonth { year: date.year(), month: date.month() }
}

fn parse_payment_type(s: &str) -> Result<PaymentMethod, String> {
    match s {
        "credit" => Ok(PaymentMethod::Credit),
        "advance" => Ok(PaymentMethod::Advance),
        _ => Err("use credit or advance".into()),
    }
}

/// Why a report was not saved.
#[derive(Debug)]
pub enum ReportError {
    Core(Error),
    /// Still in process when the timeout passed.
    TimedOut {
        request_id: String,
        waited: Duration,
    },
}

impl From<Error> for ReportError {
    fn from(e: Error) -> Self {
        ReportError::Core(e)
    }
}

impl ReportError {
    /// The exit code (see the module's doc).
    pub fn exit_code(&self) -> i32 {
        match self {
            ReportError::TimedOut { .. } => 5,
            ReportError::Core(e) if e.is_unreachable() => 4,
            ReportError::Core(e)
                if matches!(
                    e.code,
                    ErrorCode::NotSignedIn
                        | ErrorCode::SessionExpired
                        | ErrorCode::InvalidCredentials
                        | ErrorCode::ActivationRequired
                        | ErrorCode::LockedOut
                ) =>
            {
                3
            }
            ReportError::Core(e) if matches!(e.code.http_status(), 400 | 404 | 409 | 422) => 2,
            ReportError::Core(_) => 1,
        }
    }

    /// What `--json` prints: the error, or the timeout with the request's id.
    pub fn json(&self) -> serde_json::Value {
        match self {
            ReportError::Core(e) => serde_json::to_value(e).expect("errors serialize"),
            ReportError::TimedOut { request_id, waited } => serde_json::json!({
                "code": "timed_out",
                "message": format!("The report was not ready after {} s; it is still in process.", waited.as_secs()),
                "request_id": request_id,
            }),
        }
    }
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportError::Core(e) => write!(f, "{}", texts::error(e)),
            ReportError::TimedOut { request_id, waited } => {
                write!(f, "{}", texts::report_timed_out(waited.as_secs(), &request_id.to_string()))
            }
        }
    }
}

/// The saved file, as `--json` describes it.
#[derive(Debug, Serialize)]
pub struct Saved {
    pub path: PathBuf,
    pub library_id: i64,
    pub kind: String,
    pub company_id: i64,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    /// The portal's request of an e-mailed report (none for a document downloaded at once).
    pub request_id: Option<String>,
}

/// Asks for the report, waits for it, keeps it in the library and writes it out.
pub async fn run(account: &Account, args: ReportArgs, data_dir: &Path) -> Result<Saved, ReportError> {
    let company = crate::company_or_first(account, args.company).await?;
    let (info, request_id) = match &args.kind {
        Kind::Mailed(kind) => {
            let email = match args.email {
                Some(e) => e,
                None => account.profile().await?.data.email,
            };
            let request = ReportRequest {
                kind: kind.clone(),
                from: args.from,
                to: args.to,
                email,
                payment_method: args.payment_type,
                format: args.format,
            };
            let record = account.reports().request(company, &request).await?;
            errln!("{}", texts::report_accepted(&record.id.to_string()));
            let done = wait(account, record, Duration::from_secs(args.timeout)).await?;
            (account.reports().save_file(&done).await?, Some(done.id))
        }
        Kind::Certificate => {
            let of = match (args.account, args.number) {
                (Some(account), None) => CertificateOf::Account(account),
                (None, Some(number)) => CertificateOf::Number(number),
                _ => {
                    return Err(Error::invalid_field(ErrorCode::InvalidInput, "account", texts::certificate_of()).into())
                }
            };
            let month = args
                .month
                .ok_or_else(|| Error::invalid_field(ErrorCode::InvalidInput, "month", texts::certificate_month()))?;
            (account.billing().certificate(company, &of, month, args.format.unwrap_or(FileFormat::Pdf)).await?, None)
        }
        Kind::Register => {
            let (from, to) = match (args.month, args.from, args.to) {
                (Some(month), None, None) => (month, month),
                (None, Some(from), Some(to)) => (month_of(from), month_of(to)),
                _ => {
                    return Err(Error::invalid_field(ErrorCode::InvalidInput, "month", texts::register_months()).into())
                }
            };
            (account.billing().register(company, from, to).await?, None)
        }
        Kind::InvoiceSearch => {
            (crate::invoice::file(account, company, args.invoice.as_deref(), &args.search).await?, None)
        }
        Kind::ActionsHistory => {
            let filter = ActionsFilter { number: args.number, action: args.action };
            let lang = if args.ru { Language::Ru } else { crate::texts::files_lang() };
            (crate::history::file(account, company, (args.from, args.to), filter, lang).await?, None)
        }
    };
    let path = write_out(account, &info, args.out.as_deref(), data_dir).await?;
    let bytes = std::fs::read(&path)
        .map_err(|e| Error::new(ErrorCode::Cache, texts::cannot_read_back(&path.display().to_string(), e)))?;
    Ok(Saved {
        sha256: Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect(),
        size: bytes.len() as u64,
        path,
        library_id: info.id,
        kind: args.kind.as_str().to_string(),
        company_id: company,
        period: info.period_from.zip(info.period_to),
        file_name: info.file_name,
        request_id,
    })
}

/// Waits until the request is done (answered), failed (its error), or `timeout` passes, by the
/// core's watcher round (`follow_up().until_closed`: the same asking, backoff and keeping in the
/// cache as the app's watcher), not a poll loop of its own.
async fn wait(account: &Account, record: RequestRecord, timeout: Duration) -> Result<RequestRecord, ReportError> {
    let last = account.follow_up().until_closed(&record, timeout).await?;
    match last.state {
        RequestState::Done => Ok(last),
        RequestState::Failed => Err(ReportError::Core(
            last.error.unwrap_or_else(|| Error::new(ErrorCode::Internal, texts::report_not_prepared())),
        )),
        _ => Err(ReportError::TimedOut { request_id: last.id, waited: timeout }),
    }
}

/// Writes the kept file to `out` (a file, or a folder to put it in), or to the documents folder,
/// never over another file (`kabinet_core::new_file`).
pub(crate) async fn write_out(
    account: &Account,
    info: &DocumentInfo,
    out: Option<&Path>,
    data_dir: &Path,
) -> Result<PathBuf, Error> {
    let library = account.library();
    match out {
        None => library.write_for_viewer(info.id, &data_dir.join("documents")).await,
        // A folder: the report's own name, numbered when taken (a monthly job keeps every month).
        Some(dir) if dir.is_dir() => library.save_into(info.id, dir).await,
        // A file the user named: that name or nothing, never over what is there.
        Some(path) => {
            library.save_new(info.id, path, "out").await?;
            Ok(path.to_path_buf())
        }
    }
}

impl Output {
    pub fn report(&self, saved: &Saved) {
        if self.json {
            outln!("{}", serde_json::to_string_pretty(saved).expect("serializes"));
        } else {
            let path = saved.path.display().to_string();
            outln!("{}", texts::saved(&saved.file_name, Some(saved.size), &path));
        }
    }
}
