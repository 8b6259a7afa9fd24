//! The company's actions history (the manual's "Actions history") from a terminal: what all of
//! the company's administrators did in a period, filtered by number and by action (its kind's
//! id, or the history's text), as core's
//! `account.actions_history()` gives it. `kabinet-cli history` shows it; `kabinet-cli report
//! actions_history` writes the same rows as an XLSX file kept in the library ([`file`]), as the
//! app's "Export to XLSX" does. The period's rule (the last twelve months, Kazakhstan days) is
//! core's, checked before the portal is asked; without dates it is the app's default, the last
//! month.

use crate::output::{kz_clock, phone, Output};
use chrono::NaiveDate;
use kabinet_core::account::Account;
use kabinet_core::actions_history::{ActionsFilter, HistoryView};
use kabinet_core::cache::documents::DocumentInfo;
use kabinet_core::settings::Language;
use kabinet_core::Error;

/// `kabinet-cli history`'s arguments.
#[derive(clap::Args, Debug)]
pub struct HistoryArgs {
    /// The company's id (`kabinet-cli companies`); default: your first company.
    #[arg(long)]
    pub company: Option<i64>,
    /// The period's first day, YYYY-MM-DD (default: today a month ago, Kazakhstan time).
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// The period's last day, included (default: today).
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Only the rows of this number (or part of one, written as people write numbers).
    #[arg(long)]
    pub number: Option<String>,
    /// Only the rows of this action: its kind's id (e.g. `block`, `service_enable`, `ban_set`,
    /// `sim_codes_view`; both the asking and the completion), or a row's text as the history
    /// shows it (e.g. "Number blocking").
    #[arg(long)]
    pub action: Option<String>,
}

/// The period asked for, each end defaulting to the app's.
fn period(account: &Account, from: Option<NaiveDate>, to: Option<NaiveDate>) -> (NaiveDate, NaiveDate) {
    let bounds = account.actions_history().period();
    (from.unwrap_or(bounds.default_from), to.unwrap_or(bounds.default_to))
}

/// The rows of the period that pass the filter.
pub async fn list(account: &Account, args: HistoryArgs) -> Result<HistoryView, Error> {
    let company = crate::company_or_first(account, args.company).await?;
    let (from, to) = period(account, args.from, args.to);
    let filter = ActionsFilter { number: args.number, action: args.action };
    account.actions_history().list(company, from, to, &filter).await
}

/// The same rows as an XLSX file in `lang`, kept in the library.
pub async fn file(
    account: &Account,
    company: i64,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    filter: ActionsFilter,
    lang: Language,
) -> Result<DocumentInfo, Error> {
    let (from, to) = period(account, from, to);
    account.actions_history().export(company, from, to, &filter, lang).await
}

impl Output {
    pub fn history(&self, view: &HistoryView) {
        if self.json {
            return self.json(view);
        }
        let lang = crate::texts::lang();
        let (from, to) = (crate::output::day(view.from), crate::output::day(view.to));
        let (shown, total, company) = (view.items.len(), view.total, view.company_id);
        let left_out = view.truncated;
        outln!(
            "{}",
            match lang {
                Language::En => format!(
                    "Company {company}: {shown} of {total} actions from {from} to {to} (times are Kazakhstan time){}",
                    if left_out { "; the portal left out the oldest" } else { "" }
                ),
                Language::Ru => format!(
                    "Компания {company}: действий {shown} из {total}, с {from} по {to} (время Казахстана){}",
                    if left_out { "; самые старые портал не прислал" } else { "" }
                ),
                Language::Kk => format!(
                    "{company} компаниясы: {from} — {to} аралығында {total} әрекеттің {shown} (Қазақстан уақыты){}",
                    if left_out { "; ең ескілерін портал жібермеді" } else { "" }
                ),
            }
        );
        let [time, action, number, status, admin] = crate::texts::headings([
            ["TIME", "ВРЕМЯ", "УАҚЫТЫ"],
            ["ACTION", "ДЕЙСТВИЕ", "ӘРЕКЕТ"],
            ["NUMBER", "НОМЕР", "НӨМІР"],
            ["STATUS", "СТАТУС", "МӘРТЕБЕ"],
            ["ADMINISTRATOR", "АДМИНИСТРАТОР", "ӘКІМШІ"],
        ]);
        outln!("{time:<16} {action:<36} {number:<18} {status:<10} {admin}");
        for a in &view.items {
            outln!(
                "{:<16} {:<36} {:<18} {:<10} {} ({})",
                kz_clock(a.at),
                kabinet_core::export::action_words(a, lang),
                a.msisdn.as_deref().map(phone).unwrap_or_else(|| "–".into()),
                a.status,
                a.admin_name,
                phone(&a.admin_phone)
            );
        }
    }
}
