//! `kabinet-cli`: the same core and the same kind of cache as the desktop app, from a terminal.
//!
//! Output is a table for people, or JSON with `--json` for scripts; progress of long work goes
//! to stderr so stdout stays clean. The session token lives in the OS keychain; where there is
//! none, `KABINET_PASSWORD` lets each command sign in again. Times are printed in Kazakhstan
//! time and say so (`--json` keeps the wire's UTC). Everything printed goes through `stdio.rs`,
//! so a reader that closes early (`| head`) ends nothing but the printing. Exit codes: 0 done,
//! 1 the portal or the cache refused, 2 invalid input; the document commands (`report`,
//! `invoice`, `history`), `bulk` and `pending` have finer ones for schedulers (`report.rs`,
//! `bulk.rs`, `pending.rs`). Its texts, `--help` included, are in Kazakh, Russian or English
//! (`--lang`, else the locale; `texts.rs`); `--json` is the same in every language.

#[macro_use]
mod stdio;
mod bulk;
mod changes;
mod config;
mod history;
mod invoice;
mod labels;
mod output;
mod pending;
mod report;
mod spend;
mod texts;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use config::CliConfig;
use kabinet_core::account::Account;
use kabinet_core::api::NumberState;
use kabinet_core::cache::numbers::{NumberFilter, NumberOrder, SortColumn};
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::export::{self, ListFormat};
use kabinet_core::secrets::Vault;
use kabinet_core::settings::Language;
use kabinet_core::{Error, ErrorCode};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use texts::T;

#[derive(Parser)]
#[command(name = "kabinet-cli", version, about = "Kabinet: the corporate mobile account from a terminal")]
struct Cli {
    /// Where the cache and the CLI's settings live (default: the desktop app's data folder).
    #[arg(long, env = "KABINET_DATA_DIR", global = true)]
    data_dir: Option<PathBuf>,
    /// JSON on stdout, for scripts.
    #[arg(long, global = true)]
    json: bool,
    /// kk, ru or en (default: the locale).
    #[arg(long, global = true, value_parser = texts::parse_lang)]
    lang: Option<Language>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Signs in to a portal and remembers it (and the session, in the OS keychain).
    Login {
        /// The portal's address, e.g. https://portal.example.kz/
        #[arg(long)]
        portal: String,
        /// The administrator's number, 11 digits starting with 7.
        #[arg(long)]
        phone: String,
        /// The password (better: set KABINET_PASSWORD, or type it when asked).
        #[arg(long, env = "KABINET_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Ends the session.
    Logout,
    /// The companies granted to you.
    Companies,
    /// Downloads a company's numbers into the cache (full the first time, then only changes).
    Sync {
        #[arg(long)]
        company: i64,
        /// Download everything again.
        #[arg(long)]
        full: bool,
    },
    /// Searches the cached numbers list by any part of a number or account, a tariff or a state.
    Search {
        #[arg(long)]
        company: i64,
        /// Text to look for; empty lists everything.
        #[arg(default_value = "")]
        query: String,
        /// active, blocked, in_process or blocked_debt.
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        tariff: Option<String>,
        #[command(flatten)]
        labels: LabelFilterArgs,
        #[command(flatten)]
        sort: SortArgs,
        /// Rows to skip (0 or more).
        #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(i64).range(0..))]
        offset: i64,
        /// Rows to show, 1 to 500.
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(i64).range(1..=500))]
        limit: i64,
    },
    /// Shows a number's profile (from the portal, or the cache when offline); times are
    /// Kazakhstan time (UTC+5), as the app shows them.
    Show { msisdn: String },
    /// Writes the (filtered) cached numbers list to a file.
    Export {
        #[arg(long)]
        company: i64,
        /// xlsx or csv.
        #[arg(long, value_parser = parse_format)]
        format: ListFormat,
        #[arg(long)]
        output: PathBuf,
        #[arg(default_value = "")]
        query: String,
        #[command(flatten)]
        sort: SortArgs,
        /// Same as --lang ru (kept for existing scripts).
        #[arg(long)]
        ru: bool,
    },
    /// Asks for a company report, waits for it, and saves the file (to --out and the library).
    Report(report::ReportArgs),
    /// One action on many numbers: previewed, confirmed, run a few at a time, one result per
    /// number; Ctrl-C cancels between numbers and --resume goes on.
    Bulk(bulk::BulkArgs),
    /// Finds the invoice with a registration or accounting number and the numbers it bills (as an
    /// XLSX file: `report invoice_search`).
    Invoice(invoice::InvoiceArgs),
    /// The company's actions history: what its administrators did in a period (as an XLSX file:
    /// `report actions_history`).
    History(history::HistoryArgs),
    /// What changed in a company's numbers since a day, as each sync found it (for a scheduled
    /// task: exit code 0 when anything matched, 1 when nothing did).
    Changes(changes::ChangesArgs),
    /// Who uses each number (employee, department, cost centre, tags): show, set, import, undo.
    /// Kept in the local cache only, never sent to the portal.
    Labels(labels::LabelsArgs),
    /// The chargeback: spend by cost centre and month (net, VAT, total) and the numbers under
    /// each, as XLSX (kept in the library too); fetches the months' charges first when the
    /// portal answers. Exit codes: 0 done, 1 refused, 2 invalid input.
    Spend(spend::SpendArgs),
    /// Lists the actions whose answer never arrived, and settles them: --resolve asks the portal
    /// with each one's own key (nothing is done twice), --dismiss forgets one too old to ask.
    Pending(pending::PendingArgs),
}

/// The label filters of the list (see `labels`).
#[derive(clap::Args, Debug, Default)]
struct LabelFilterArgs {
    /// Only the numbers of this department.
    #[arg(long)]
    department: Option<String>,
    /// Only the numbers of this cost centre (its code).
    #[arg(long)]
    cost_centre: Option<String>,
    /// Only the numbers with this tag.
    #[arg(long)]
    tag: Option<String>,
}

/// The list's order, as the app's sortable columns give it.
#[derive(clap::Args, Debug)]
struct SortArgs {
    /// number, account, tariff, payment_method, state, available_funds or balance.
    #[arg(long, value_parser = parse_sort, default_value = "number")]
    sort: SortColumn,
    /// Largest first (or Z to A).
    #[arg(long)]
    desc: bool,
}

impl SortArgs {
    fn order(&self) -> NumberOrder {
        NumberOrder { column: self.sort, descending: self.desc }
    }
}

fn parse_sort(s: &str) -> Result<SortColumn, String> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| "use number, account, tariff, payment_method, state, available_funds or balance".into())
}

fn parse_format(s: &str) -> Result<ListFormat, String> {
    match s {
        "xlsx" => Ok(ListFormat::Xlsx),
        "csv" => Ok(ListFormat::Csv),
        _ => Err("use xlsx or csv".into()),
    }
}

fn filter(
    query: String,
    state: Option<String>,
    tariff: Option<String>,
    order: NumberOrder,
) -> Result<NumberFilter, Error> {
    let state = match state {
        None => None,
        Some(s) => {
            Some(NumberState::parse(&s).ok_or_else(|| Error::new(ErrorCode::InvalidInput, texts::unknown_state(&s)))?)
        }
    };
    Ok(NumberFilter { text: query, state, tariff, order, ..NumberFilter::default() })
}

/// The account on the remembered portal, which answers in the run's language (in English for
/// `--json`, so scripts read the same errors in every language: `texts::lang`).
async fn open_account(dir: &std::path::Path, config: &CliConfig) -> Result<Account, Error> {
    let portal = config.portal.as_deref().ok_or_else(|| Error::new(ErrorCode::NotSignedIn, T::NoPortal.get()))?;
    // As in the app: a cache that cannot be opened is moved aside (or kept in memory), not fatal.
    let (cache, recovery) = Cache::open_or_recover(&dir.join("cache.sqlite")).await?;
    if let Some(r) = recovery {
        let moved = r.moved_to.as_ref().map(|m| m.display().to_string());
        errln!("{}", texts::cache_recovered(&r.reason.to_string(), moved.as_deref()));
    }
    let client = PortalClient::new(portal)?.with_language(texts::lang());
    Ok(Account::new(client, cache, Arc::new(Vault::system(config::KEYCHAIN_SERVICE).await), portal))
}

/// Resumes the remembered session, or signs in again with `KABINET_PASSWORD`.
async fn signed_in(dir: &std::path::Path, config: &CliConfig) -> Result<Account, Error> {
    let account = open_account(dir, config).await?;
    if account.restore().await?.is_some() {
        return Ok(account);
    }
    match (std::env::var("KABINET_PASSWORD"), config.phone.as_deref()) {
        (Ok(password), Some(phone)) => {
            account.login(phone, &password, true).await?;
            Ok(account)
        }
        _ => Err(Error::new(ErrorCode::NotSignedIn, T::NotSignedIn.get())),
    }
}

/// The company asked for, or the administrator's first one.
pub(crate) async fn company_or_first(account: &Account, company: Option<i64>) -> Result<i64, Error> {
    match company {
        Some(id) => Ok(id),
        None => account
            .companies()
            .await?
            .data
            .first()
            .map(|c| c.id)
            .ok_or_else(|| Error::new(ErrorCode::NotFound, T::NoCompany.get())),
    }
}

fn read_password() -> Result<String, Error> {
    err!("{}", T::Password.get());
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| Error::new(ErrorCode::InvalidInput, e.to_string()))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn run(data_dir: Option<PathBuf>, json: bool, command: Command) -> Result<(), Error> {
    let dir = data_dir.unwrap_or_else(config::default_data_dir);
    let mut config = CliConfig::load(&dir);
    let out = output::Output { json };
    match command {
        Command::Report(_)
        | Command::Bulk(_)
        | Command::Pending(_)
        | Command::Invoice(_)
        | Command::History(_)
        | Command::Changes(_)
        | Command::Labels(_) => {
            unreachable!("the document and bulk commands run with their own exit codes")
        }
        Command::Login { portal, phone, password } => {
            config.portal = Some(kabinet_core::client::parse_base_url(&portal)?.to_string());
            let password = match password {
                Some(p) => p,
                None => read_password()?,
            };
            let account = open_account(&dir, &config).await?;
            let signed_in = account.login(&phone, &password, true).await?;
            config.phone = Some(signed_in.profile.phone.clone());
            config.save(&dir)?;
            out.profile(&signed_in.profile, signed_in.remembered);
        }
        Command::Spend(args) => {
            let account = signed_in(&dir, &config).await?;
            spend::run(&account, args, &out, &dir).await?;
        }
        Command::Logout => {
            let account = open_account(&dir, &config).await?;
            if account.restore().await.ok().flatten().is_some() {
                account.logout().await;
            }
            out.done(T::SignedOut.get());
        }
        Command::Companies => {
            let account = signed_in(&dir, &config).await?;
            out.companies(&account.companies().await?);
        }
        Command::Sync { company, full } => {
            let account = signed_in(&dir, &config).await?;
            let tty = std::io::stderr().is_terminal();
            let progress = move |p: kabinet_core::sync::SyncProgress| {
                let line = texts::sync_progress(p.fetched as u64, p.expected.map(|t| t as u64));
                if tty {
                    err!("\r{line}   ");
                } else {
                    errln!("{line}");
                }
            };
            let report = account.sync_with_charges(company, full, &progress).await;
            if tty {
                errln!();
            }
            out.sync(&report?);
        }
        Command::Search { company, query, state, tariff, labels, sort, offset, limit } => {
            let filter = NumberFilter {
                department: labels.department,
                cost_centre: labels.cost_centre,
                tag: labels.tag,
                ..filter(query, state, tariff, sort.order())?
            };
            // The cache answers only for the signed-in administrator.
            let account = signed_in(&dir, &config).await?;
            let window = account.numbers().window(company, &filter, offset, limit).await?;
            out.numbers(&window);
        }
        Command::Show { msisdn } => {
            let account = signed_in(&dir, &config).await?;
            out.number(&account.numbers().detail(&msisdn).await?);
        }
        Command::Export { company, format, output: path, query, sort, ru } => {
            let account = signed_in(&dir, &config).await?;
            let numbers = account.numbers().all(company, &filter(query, None, None, sort.order())?).await?;
            errln!("{}", texts::exporting(numbers.len(), &path.display().to_string()));
            let labels = account.labels().of_company(company).await?;
            let company = account.numbers().export_company(company).await?;
            export::numbers_file(
                &path,
                &numbers,
                Some(&labels),
                &company,
                if ru { Language::Ru } else { texts::files_lang() },
                format,
            )?;
            out.exported(&path, numbers.len());
        }
    }
    Ok(())
}

/// The commands with the finer exit codes of `report.rs` (`pending` adds its own outcomes).
async fn run_finer(data_dir: Option<PathBuf>, json: bool, command: Command) -> Result<i32, report::ReportError> {
    let dir = data_dir.unwrap_or_else(config::default_data_dir);
    let config = CliConfig::load(&dir);
    let account = signed_in(&dir, &config).await?;
    let out = output::Output { json };
    match command {
        Command::Report(args) => out.report(&report::run(&account, args, &dir).await?),
        Command::Bulk(args) => return bulk::run(&account, args, json).await,
        Command::Pending(args) => return pending::run(&account, args, json).await,
        Command::Invoice(args) => out.invoice(&invoice::search(&account, args).await?),
        Command::History(args) => out.history(&history::list(&account, args).await?),
        Command::Labels(args) => labels::run(&account, args, &out).await?,
        Command::Changes(args) => {
            let (company, rows) = changes::list(&account, args).await?;
            return Ok(out.changes(company, &rows));
        }
        _ => unreachable!("the other commands run in `run`"),
    }
    Ok(0)
}

/// The exit code of a command with the finer codes (`report.rs`), its error printed.
fn finer_exit(json: bool, result: Result<i32, report::ReportError>) -> i32 {
    match result {
        Ok(code) => code,
        Err(e) => {
            if json {
                outln!("{}", e.json());
            }
            errln!("kabinet-cli: {e}");
            e.exit_code()
        }
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = texts::of_process(&args, |name| std::env::var(name).ok());
    let matches = texts::localized(Cli::command(), lang).get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    texts::set(lang, cli.json);
    let (json, data_dir) = (cli.json, cli.data_dir);
    let code = match cli.command {
        command @ (Command::Report(_)
        | Command::Bulk(_)
        | Command::Pending(_)
        | Command::Invoice(_)
        | Command::History(_)
        | Command::Changes(_)
        | Command::Labels(_)) => finer_exit(json, run_finer(data_dir, json, command).await),
        command => match run(data_dir, json, command).await {
            Ok(()) => 0,
            Err(e) => {
                if json {
                    outln!("{}", serde_json::to_string(&e).expect("errors serialize"));
                }
                errln!("kabinet-cli: {}", texts::error(&e));
                // 2: what was typed is invalid (a 400-class code); 1: anything else refused.
                if e.code.http_status() == 400 {
                    2
                } else {
                    1
                }
            }
        },
    };
    std::process::exit(stdio::exit_code(code));
}
