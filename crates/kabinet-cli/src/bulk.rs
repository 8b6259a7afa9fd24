//! `kabinet-cli bulk`: one action on many numbers, as the app's bulk actions (core's
//! `account.bulk()`; `--action` is read as core's `Action` by its wire name, and a SIM
//! replacement takes `--pairs FILE`, each number with its new SIM, as text, CSV or XLSX): the
//! preview is printed (counts, and each skipped number with its reason),
//! then, confirmed (`--yes`, or y on a terminal), the run, with one result per number (a line,
//! or with `--json` one object per line). Ctrl-C cancels between numbers; the run stays in the
//! cache and `--resume RUN_ID` goes on where it stopped (a number whose answer was lost is
//! re-sent with its own key, so the portal acts once).
//!
//! Exit codes (also in `--help` and the README): 0 every number to run was done; 1 some
//! numbers failed (their lines say why), or another failure; 2 invalid input or refused by a
//! rule (nothing ran), or not confirmed; 3 not signed in; 4 the portal cannot be reached (the
//! run is paused: resume it); 5 cancelled (resume it).

use crate::report::ReportError;
use crate::texts::{self, Unconfirmed};
use kabinet_core::account::Account;
use kabinet_core::action::Action;
use kabinet_core::action_catalogue::bulk_choices;
use kabinet_core::bulk::{lines_of_file, BulkItem, BulkRun, ItemState, PortalCheck, RunState, Runner, Selection};
use kabinet_core::settings::Language;
use kabinet_core::{Error, ErrorCode};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// The names of the actions a bulk run can take, by their wire names, as core's `Action` offers
/// them (`action_catalogue::bulk_choices`), in the menus' order.
fn bulk_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for choice in bulk_choices() {
        if !names.contains(&choice.action.name()) {
            names.push(choice.action.name());
        }
    }
    names
}

/// `--action`'s help in `lang`: the actions a bulk run can take, from `Action`.
pub fn action_help(lang: Language) -> String {
    texts::bulk_action(lang, &bulk_names().join(", "))
}

/// The bulk command's arguments.
#[derive(clap::Args, Debug)]
pub struct BulkArgs {
    #[arg(long, required_unless_present = "resume", help = action_help(Language::En))]
    pub action: Option<String>,
    /// The service of service_on / service_off (its id, e.g. roaming).
    #[arg(long)]
    pub service: Option<String>,
    /// The ban of ban_on / ban_off: mykcell_details, mykcell or sms_ussd.
    #[arg(long)]
    pub ban: Option<String>,
    /// A file of numbers, one a line, written as people write them (`-` reads stdin).
    #[arg(long, conflicts_with_all = ["search", "pairs"])]
    pub numbers: Option<PathBuf>,
    /// For sim_replacement: each number with its new SIM's ICCID, a line "number ICCID" (or
    /// "number;ICCID", "number,ICCID"), or a CSV / XLSX with those two columns (`-` reads stdin).
    #[arg(long, conflicts_with = "search")]
    pub pairs: Option<PathBuf>,
    /// The numbers list's search over the company's cached list (empty: the whole company).
    #[arg(long)]
    pub search: Option<String>,
    /// The company's id (`kabinet-cli companies`); default: your first company.
    #[arg(long)]
    pub company: Option<i64>,
    /// Print the preview only; nothing runs and nothing is kept.
    #[arg(long)]
    pub dry_run: bool,
    /// Run without asking.
    #[arg(long)]
    pub yes: bool,
    /// Go on with a run that was cancelled or paused (its id is printed with its preview).
    #[arg(long, conflicts_with_all = ["action", "numbers", "pairs", "search", "dry_run"])]
    pub resume: Option<String>,
}

fn invalid(field: &str, message: &str) -> Error {
    Error::invalid_field(ErrorCode::InvalidInput, field, message)
}

/// The action, read as the protocol's `Action` reads its wire form (`{"action": NAME,
/// "service": …, "ban": …}`), so the CLI has no map of its own; a wrong one names its field.
fn action(args: &BulkArgs) -> Result<Action, Error> {
    let name = args.action.as_deref().unwrap_or_default();
    let mut wire = serde_json::Map::new();
    wire.insert("action".into(), name.into());
    if let Some(service) = &args.service {
        wire.insert("service".into(), service.as_str().into());
    }
    if let Some(ban) = &args.ban {
        wire.insert("ban".into(), ban.as_str().into());
    }
    let read: Result<Action, _> = serde_json::from_value(wire.into());
    let names = bulk_names();
    match read {
        Ok(action) if names.contains(&action.name()) => Ok(action),
        Err(e) if names.contains(&name) && e.to_string().contains("`service`") => {
            Err(invalid("service", &texts::bulk_give_service()))
        }
        Err(e) if names.contains(&name) && e.to_string().contains("`ban`") => {
            Err(invalid("ban", &texts::bulk_give_ban()))
        }
        _ => Err(invalid("action", &texts::use_one_of(&names.join(", ")))),
    }
}

/// The lines of `path` (`-`: stdin); for pairs, a CSV or XLSX too (core's `lines_of_file`).
fn read_lines(path: &PathBuf, field: &str) -> Result<Vec<String>, Error> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| invalid(field, &texts::cannot_read(&path.display().to_string(), e)))?;
    lines_of_file(&path.to_string_lossy(), &bytes).map_err(|e| e.with_field(field))
}

fn selection(args: &BulkArgs, action: &Action) -> Result<Selection, Error> {
    if action.needs_iccids() {
        let path = args.pairs.as_ref().ok_or_else(|| invalid("pairs", &texts::bulk_give_pairs()))?;
        return Ok(Selection::Pairs(read_lines(path, "pairs")?));
    }
    match (&args.numbers, &args.search, &args.pairs) {
        (_, _, Some(_)) => Err(invalid("pairs", &texts::bulk_pairs_only())),
        (Some(path), _, None) => Ok(Selection::Numbers(read_lines(path, "numbers")?)),
        (None, Some(query), None) => Ok(Selection::Search(query.clone())),
        (None, None, None) => Err(invalid("numbers", &texts::bulk_give_numbers())),
    }
}

/// A line of a number's result, for people.
fn line(item: &BulkItem, run: &BulkRun) -> String {
    let result = match item.state {
        ItemState::ToRun | ItemState::Sending if run.state == RunState::Cancelled => "cancelled",
        ItemState::ToRun | ItemState::Sending => "not run",
        other => other.as_str(),
    };
    let result = texts::item_state(result);
    let message =
        item.message.as_deref().map(|m| texts::refusal(item.reason.as_deref(), item.code.as_deref(), m, None));
    let why = match (&item.reason, &message) {
        (Some(r), Some(m)) => format!("  {r}: {m}"),
        (None, Some(m)) => format!("  {}: {m}", item.code.as_deref().unwrap_or("error")),
        (Some(r), None) => format!("  {r}"),
        (None, None) => String::new(),
    };
    let request = item.request_id.as_deref().map(|r| format!("  {}", texts::request_id(r))).unwrap_or_default();
    let sim = item.iccid.as_deref().map(|i| format!("  SIM {i}")).unwrap_or_default();
    format!("{:<16} {result}{sim}{request}{why}", item.msisdn)
}

/// Every item of the run, a page at a time, each printed by `print`.
async fn each_item(account: &Account, run_id: &str, mut print: impl FnMut(&BulkItem)) -> Result<(), Error> {
    let mut offset = 0;
    loop {
        // Nobody reads what would be printed (`| head` has closed): the pages need not be read.
        if crate::stdio::stdout_closed() {
            return Ok(());
        }
        let page = account.bulk().items(run_id, offset, 1000).await?;
        let Some(last) = page.last() else { return Ok(()) };
        offset = last.position + 1;
        page.iter().for_each(&mut print);
    }
}

/// Asks y/N on the terminal. Not confirmed (no terminal to ask on, no answer, or not yes), it
/// is refused saying why and how to run it (`field` yes): the run stays kept for `--resume`.
fn confirm(run: &BulkRun) -> Result<(), Error> {
    let not_run = |why| invalid("yes", &texts::bulk_not_run(&run.id, why));
    if !std::io::stdin().is_terminal() {
        return Err(not_run(Unconfirmed::NoTerminal));
    }
    err!("{}", texts::bulk_ask(run.action.name(), run.remaining));
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let read = std::io::stdin().read_line(&mut answer).map_err(|e| invalid("yes", &e.to_string()))?;
    match answer.trim() {
        "y" | "Y" | "yes" => Ok(()),
        // End of input: a job on a terminal nobody types at.
        _ if read == 0 => {
            errln!(); // the prompt's line ends here, not in the error's
            Err(not_run(Unconfirmed::NoAnswer))
        }
        other => Err(not_run(Unconfirmed::Answer(other))),
    }
}

/// Runs `bulk`; the exit code when it ends without an error of its own.
pub async fn run(account: &Account, args: BulkArgs, json: bool) -> Result<i32, ReportError> {
    let bulk = account.bulk();
    let run = match &args.resume {
        Some(id) => bulk.get(id).await?,
        None => {
            let action = action(&args)?;
            let selection = selection(&args, &action)?;
            let company = crate::company_or_first(account, args.company).await?;
            // The preview reads the cached list: bring it up to date first (offline, it stays).
            if let Err(e) = account.numbers().sync(company, false, &|_| {}).await {
                if !e.is_unreachable() {
                    return Err(e.into());
                }
            }
            bulk.preview(company, &selection, &action).await?
        }
    };
    let check = match run.portal_check {
        PortalCheck::Checked => None,
        PortalCheck::Unreachable => Some(false),
        PortalCheck::NotOffered => Some(true),
    };
    let counts = [run.total, run.to_run, run.skipped];
    errln!("{}", texts::bulk_preview(run.action.name(), counts, check, &run.id));
    if args.dry_run {
        each_item(account, &run.id, |item| print_item(item, &run, json)).await?;
        bulk.discard(&run.id).await?;
        return Ok(0);
    }
    if !json {
        each_item(account, &run.id, |item| {
            if item.state == ItemState::Skipped {
                outln!("{}", line(item, &run));
            }
        })
        .await?;
    }
    if run.remaining == 0 {
        errln!("{}", texts::bulk_nothing());
    } else if !args.yes {
        confirm(&run)?;
    }
    let tty = std::io::stderr().is_terminal();
    let progress = move |r: &BulkRun| {
        let text = texts::bulk_progress(r.done, r.failed, r.remaining, r.eta_s);
        if tty {
            err!("\r{text}   ");
        } else if r.state != RunState::Running {
            errln!("{text}");
        }
    };
    // Core's runner: in order, 4 in flight; Ctrl-C asks it to cancel between numbers.
    let ended = if run.state == RunState::Finished {
        run.clone()
    } else {
        let interrupted = async {
            if tokio::signal::ctrl_c().await.is_ok() {
                errln!("\n{}", texts::bulk_cancelling());
            } else {
                std::future::pending::<()>().await;
            }
        };
        Runner::claim(account, &run.id).await?.drive(progress, interrupted).await?
    };
    if tty {
        errln!();
    }
    each_item(account, &run.id, |item| {
        if json || item.state != ItemState::Skipped {
            print_item(item, &ended, json);
        }
    })
    .await?;
    Ok(match ended.state {
        RunState::Finished if ended.failed == 0 => 0,
        RunState::Finished => 1,
        RunState::Cancelled => {
            errln!("{}", texts::bulk_cancelled(&ended.id));
            5
        }
        _ => {
            errln!("{}", texts::bulk_paused(&ended.id));
            4
        }
    })
}

fn print_item(item: &BulkItem, run: &BulkRun, json: bool) {
    if json {
        outln!("{}", serde_json::to_string(item).expect("items serialize"));
    } else {
        outln!("{}", line(item, run));
    }
}
