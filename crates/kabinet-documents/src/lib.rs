//! Kabinet's documents: one table model rendered as files people take elsewhere. XLSX for now
//! ([`xlsx`]); PDF will render the same [`Table`].
//!
//! No I/O, no Tauri, no database: a [`Table`] goes in, bytes come out. Callers (the app's exports
//! in `kabinet-core`, the sandbox's e-mailed reports) build the table with labels in the user's
//! language and write the bytes where they belong.
//!
//! The XLSX layout: the title block (what, company, BIN, period, generated at), an empty row, the
//! bold header, frozen so it stays on screen, with an autofilter over the data rows, then the
//! data, then (after an empty row, outside the filter so sorting never moves it) the totals.
//! Numbers are numbers, money is tenge with a `₸` number format, dates are Excel dates.

pub mod forms;
mod table;
mod xlsx;

pub use forms::{AppendixLine, Certificate, CertificateLine, Party, Reconciliation, ReconciliationRow};
pub use table::{tenge, Cell, Column, ColumnKind, Lang, Table, Title};
pub use xlsx::{column_widths, xlsx, DATE_FORMAT, DATE_TIME_FORMAT, MONEY_FORMAT};

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the spreadsheet could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("the table is malformed: {0}")]
    Table(String),
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(feature = "inspect")]
pub mod inspect;
