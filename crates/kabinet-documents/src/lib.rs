//! Kabinet's documents: one table model rendered as files people take elsewhere, as XLSX
//! ([`xlsx`], [`xlsx_book`]) and as PDF ([`pdf::table`]); and the operator's two accounting
//! forms ([`forms`]: the certificate, form Р-1 with Appendix 1, and the reconciliation
//! statement) as PDF ([`pdf::certificate`], [`pdf::reconciliation`]) and XLSX
//! ([`certificate_xlsx`], [`reconciliation_xlsx`]). Every form renderer checks the figures
//! first and refuses ones that disagree.
//!
//! No I/O, no Tauri, no database: a [`Table`] goes in, bytes come out. Callers (the app's exports
//! in `kabinet-core`, the sandbox's e-mailed reports) build the table with labels in the user's
//! language and write the bytes where they belong.
//!
//! The XLSX layout: the title block (what, company, BIN, period, generated at), an empty row, the
//! bold header, frozen so it stays on screen, with an autofilter over the data rows, then the
//! data, then (after an empty row, outside the filter so sorting never moves it) the totals.
//! Numbers are numbers, money is tenge with a `₸` number format, dates are Excel dates.
//!
//! The PDF layout ([`pdf`]): A4 (landscape when the columns need it), the bundled DejaVu Sans
//! (Cyrillic, Kazakh letters, `₸`) subset into the file, real text, wrapped cells, the header
//! row repeated on every page, "Страница N из M", money as `1 234 567,89 ₸`, dates `dd.mm.yyyy`.

pub mod file_name;
pub mod forms;
pub mod pdf;
pub mod portal;
#[cfg(feature = "read")]
pub mod read;
mod table;
pub mod words;
mod xlsx;
mod xlsx_forms;

pub use forms::{AppendixLine, Certificate, CertificateLine, Party, Reconciliation, ReconciliationRow};
pub use kabinet_protocol::Language;
pub use table::{tenge, Cell, Column, ColumnKind, Table, Title};
pub use xlsx::{column_widths, xlsx, xlsx_book, DATE_FORMAT, DATE_TIME_FORMAT, MONEY_FORMAT};
pub use xlsx_forms::{
    certificate_xlsx, reconciliation_xlsx, APPENDIX_ACCOUNT, APPENDIX_NUMBER, APPENDIX_SHEET, APPENDIX_TARIFF,
    APPENDIX_TITLE, APPENDIX_TOTAL, CERTIFICATE_SHEET, RECONCILIATION_SHEET,
};

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the spreadsheet could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("the table is malformed: {0}")]
    Table(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// A file that could not be made is an internal failure to the user (the message says which).
impl From<Error> for kabinet_protocol::Error {
    fn from(e: Error) -> Self {
        kabinet_protocol::Error::new(
            kabinet_protocol::ErrorCode::Internal,
            format!("The file could not be written: {e}"),
        )
    }
}

#[cfg(feature = "inspect")]
pub mod inspect;
