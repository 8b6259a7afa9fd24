//! Spend from a terminal: `kabinet-cli spend --by cost-centre --from YYYY-MM --to YYYY-MM --out
//! FILE` fetches the months' charges into the cache (when the portal answers; the cache is used
//! when it cannot be reached), makes the chargeback file (cost centre × month, and the numbers
//! under each cost centre), keeps it in the library and writes it out; `--json` prints the
//! figures too. `kabinet-cli spend import FILE...` imports charges breakdown files (the
//! certificate's XLSX with Appendix 1) into the cache instead. The same core as the app's
//! (`account.spend()`).

use crate::output::Output;
use crate::texts;
use kabinet_core::account::Account;
use kabinet_core::domain::Tiyn;
use kabinet_core::rules::charges_period;
use kabinet_core::rules::document_months::YearMonth;
use kabinet_core::settings::Language;
use kabinet_core::spend::aggregate::Amounts;
use kabinet_core::{Error, ErrorCode};
use std::path::{Path, PathBuf};

/// What spend is broken down by (the chargeback is by cost centre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    CostCentre,
}

/// `kabinet-cli spend`'s arguments.
#[derive(clap::Args, Debug)]
pub struct SpendArgs {
    /// The company's id (`kabinet-cli companies`); default: your first company.
    #[arg(long)]
    pub company: Option<i64>,
    /// What spend is broken down by: cost-centre.
    #[arg(long, value_enum, default_value = "cost-centre")]
    pub by: By,
    /// First month, YYYY-MM; default: 11 months before --to.
    #[arg(long, value_parser = parse_month)]
    pub from: Option<YearMonth>,
    /// Last month, YYYY-MM; default: the latest month with a certificate.
    #[arg(long, value_parser = parse_month)]
    pub to: Option<YearMonth>,
    /// Where to write the XLSX (a folder: under its own name); default: the documents folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Same as --lang ru (kept for existing scripts).
    #[arg(long)]
    pub ru: bool,
    #[command(subcommand)]
    pub action: Option<SpendAction>,
}

/// `kabinet-cli spend`'s other actions.
#[derive(clap::Subcommand, Debug)]
pub enum SpendAction {
    /// Imports charges breakdown files (the certificate's XLSX, with its sheet "Приложение 1"):
    /// each file's month replaces that month of its account; importing a file twice changes
    /// nothing. Prints per file its month, account, numbers and total. Exit code 2 when a file is
    /// not a breakdown (the others are imported all the same).
    Import {
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn parse_month(s: &str) -> Result<YearMonth, String> {
    let bad = || format!("{s:?} is not a month: write YYYY-MM, e.g. 2026-10");
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    YearMonth::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).ok_or_else(bad)
}

/// What `spend` made.
#[derive(serde::Serialize)]
struct Made<'a> {
    chargeback: &'a kabinet_core::spend::chargeback::Chargeback,
    document: &'a kabinet_core::cache::documents::DocumentInfo,
    path: &'a Path,
    /// Whether the portal could not be reached and the cache was used.
    offline: bool,
}

pub async fn run(account: &Account, args: SpendArgs, out: &Output, data_dir: &Path) -> Result<(), Error> {
    let By::CostCentre = args.by;
    let company = crate::company_or_first(account, args.company).await?;
    if let Some(SpendAction::Import { files }) = &args.action {
        return import(account, company, files, out).await;
    }
    let (default_from, latest) = charges_period::last_year(chrono::Utc::now());
    let to = args.to.unwrap_or(latest);
    let from = args.from.unwrap_or(if args.to.is_some() { to.minus(11) } else { default_from });
    let spend = account.spend();
    let offline = match spend.fetch_months(company, from, to).await {
        Ok(fetched) => {
            errln!("{}", texts::spend_fetched(fetched.months.len(), fetched.numbers));
            false
        }
        Err(e) if matches!(e.code, ErrorCode::PortalUnreachable | ErrorCode::PortalTimeout) => {
            errln!("{}", texts::spend_offline(&texts::error(&e)));
            true
        }
        Err(e) => return Err(e),
    };
    let lang = if args.ru { Language::Ru } else { crate::texts::files_lang() };
    let (chargeback, info) = spend.chargeback_file(company, from, to, lang).await?;
    let path = crate::report::write_out(account, &info, args.out.as_deref(), data_dir).await?;
    if out.json {
        let made = Made { chargeback: &chargeback, document: &info, path: &path, offline };
        outln!("{}", serde_json::to_string_pretty(&made).expect("serializes"));
        return Ok(());
    }
    let tenge = |a: &Amounts| {
        format!("{:>16} {:>14} {:>16}", Tiyn(a.net).to_string(), Tiyn(a.vat).to_string(), Tiyn(a.total).to_string())
    };
    let [cost_centre, name, net, vat, total, unassigned] = texts::headings([
        ["cost centre", "ЦФО", "шығын орталығы"],
        ["name", "название", "атауы"],
        ["net", "без НДС", "ҚҚС-сыз"],
        ["VAT", "НДС", "ҚҚС"],
        ["total", "итого", "барлығы"],
        ["Unassigned", "Без ЦФО", "Бөлінбеген"],
    ]);
    outln!("{cost_centre:<14} {name:<28} {net:>16} {vat:>14} {total:>16}");
    for g in &chargeback.cost_centres {
        let (code, name) = match &g.key {
            Some(code) => (code.as_str(), g.name.as_str()),
            None => ("-", unassigned),
        };
        outln!("{code:<14} {name:<28} {}", tenge(&g.total));
    }
    outln!("{total:<14} {:<28} {}", texts::months_range(from, to), tenge(&chargeback.total));
    outln!("{}", texts::saved(&info.file_name, None, &path.display().to_string()));
    Ok(())
}

/// Imports each file, printing what it brought or why it was refused; the first refusal is the
/// command's error (its exit code) once every file was tried.
async fn import(account: &Account, company: i64, files: &[PathBuf], out: &Output) -> Result<(), Error> {
    let mut first_error = None;
    let mut imported = Vec::new();
    for path in files {
        let name =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
        let result = match std::fs::read(path) {
            Ok(bytes) => account.spend().import(company, &name, &bytes).await,
            Err(e) => Err(kabinet_core::spend::import::unreadable(&name, &e)),
        };
        match result {
            Ok(done) => {
                if !out.json {
                    let sums = [done.total, done.net, done.vat].map(|t| Tiyn(t).to_string());
                    let (month, account) = (done.month.to_string(), done.account.to_string());
                    let line = texts::spend_imported(&name, &month, &account, done.numbers, done.not_in_company, sums);
                    outln!("{line}");
                }
                imported.push(done);
            }
            Err(e) => {
                errln!("{name}: {}", texts::error(&e));
                first_error.get_or_insert(e);
            }
        }
    }
    if out.json {
        outln!("{}", serde_json::to_string_pretty(&imported).expect("serializes"));
    }
    first_error.map_or(Ok(()), Err)
}
