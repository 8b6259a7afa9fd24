//! The manual's "Search for mobile number by invoice number" from a terminal: the invoice with a
//! registration number (34 characters) or an accounting number, in a year, and the numbers it
//! bills. `kabinet-cli invoice` shows it ("On screen"); `kabinet-cli report invoice_search`
//! downloads it as an XLSX file kept in the library ("XLS file", [`file`]). Both go through
//! core's `account.billing()`, which checks the number by the rule the portal refuses by.

use kabinet_core::account::Account;
use kabinet_core::api::{InvoiceSearch, InvoiceSearchBy};
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::{Error, ErrorCode};

/// `kabinet-cli invoice`'s arguments.
#[derive(clap::Args, Debug)]
pub struct InvoiceArgs {
    /// The invoice's registration number (e.g. ESF-940140000385-20260203-00012345) or, with
    /// --by accounting, its accounting number (e.g. 2601-25060854).
    pub number: String,
    #[command(flatten)]
    pub search: SearchArgs,
    /// The company's id (`kabinet-cli companies`); default: your first company.
    #[arg(long)]
    pub company: Option<i64>,
}

/// How the invoice is looked for (also `report invoice_search`'s).
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// What the number is: registration (34 characters) or accounting.
    #[arg(long, value_parser = parse_by, default_value = "registration")]
    pub by: InvoiceSearchBy,
    /// The invoice's year, as the app's Year field. Default: this year (Kazakhstan time).
    #[arg(long)]
    pub year: Option<i32>,
}

impl SearchArgs {
    fn year(&self) -> i32 {
        use chrono::Datelike;
        self.year.unwrap_or_else(|| kabinet_core::kz::today(chrono::Utc::now()).year())
    }
}

fn parse_by(s: &str) -> Result<InvoiceSearchBy, String> {
    match s {
        "registration" => Ok(InvoiceSearchBy::Registration),
        "accounting" => Ok(InvoiceSearchBy::Accounting),
        _ => Err("use registration or accounting".into()),
    }
}

/// The invoice and its numbers ("On screen").
pub async fn search(account: &Account, args: InvoiceArgs) -> Result<InvoiceSearch, Error> {
    let company = crate::company_or_first(account, args.company).await?;
    account.billing().search(company, args.search.by, &args.number, args.search.year()).await
}

/// The same search as an XLSX file, kept in the library ("XLS file"); `number` is `--invoice`.
pub async fn file(
    account: &Account,
    company: i64,
    number: Option<&str>,
    search: &SearchArgs,
) -> Result<DocumentInfo, Error> {
    let number = number
        .ok_or_else(|| Error::invalid_field(ErrorCode::InvalidInput, "number", crate::texts::invoice_number()))?;
    account.billing().search_file(company, search.by, number, search.year()).await
}
