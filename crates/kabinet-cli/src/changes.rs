//! What changed in a company's numbers (`kabinet-cli changes`), as core's `account.changes()`
//! keeps it after each sync: for a scheduled task, whose exit code says whether anything matched
//! (0 yes, 1 no), with `--json` for the rows. `--since` is a Kazakhstan day (its midnight) or an
//! RFC 3339 time. Reads the cache only: run `sync` first to find what is new.

use crate::output::{kz_time, phone, Output};
use chrono::{DateTime, NaiveDate, Utc};
use kabinet_core::account::Account;
use kabinet_core::cache::changes::ChangeRow;
use kabinet_core::changes::detect::ChangeKind;
use kabinet_core::changes::ChangesFilter;
use kabinet_core::settings::Language;
use kabinet_core::{Error, ErrorCode};

/// `kabinet-cli changes`'s arguments.
#[derive(clap::Args, Debug)]
pub struct ChangesArgs {
    /// The company's id (`kabinet-cli companies`); default: your first company.
    #[arg(long)]
    pub company: Option<i64>,
    /// From when: a day (YYYY-MM-DD, from its start in Kazakhstan time) or a time (RFC 3339).
    #[arg(long)]
    pub since: String,
    /// Only this kind: added, gone, state, tariff, debt, low_balance, spend_rise or dormant.
    #[arg(long)]
    pub kind: Option<String>,
    /// Only this number.
    #[arg(long)]
    pub number: Option<String>,
    /// Only the numbers of this cost centre (its code, as the labels give it; "" for the
    /// numbers with none).
    #[arg(long = "cost-centre")]
    pub cost_centre: Option<String>,
}

/// The moment `since` names: a day's start in Kazakhstan time, or an RFC 3339 time.
fn moment(since: &str) -> Result<DateTime<Utc>, Error> {
    if let Ok(day) = NaiveDate::parse_from_str(since, "%Y-%m-%d") {
        let start = day.and_hms_opt(0, 0, 0).expect("midnight exists");
        return Ok(start.and_local_timezone(kabinet_core::kz::offset()).single().expect("a fixed offset").to_utc());
    }
    DateTime::parse_from_rfc3339(since).map(|t| t.to_utc()).map_err(|_| {
        Error::invalid_field(
            ErrorCode::InvalidInput,
            "since",
            "Give a day (YYYY-MM-DD) or a time (2026-12-06T09:00:00+05:00).",
        )
    })
}

/// The matching changes, newest first.
pub async fn list(account: &Account, args: ChangesArgs) -> Result<(i64, Vec<ChangeRow>), Error> {
    let company = crate::company_or_first(account, args.company).await?;
    let kind = match args.kind.as_deref() {
        None => None,
        Some(k) => Some(ChangeKind::from_id(k).ok_or_else(|| {
            let ids: Vec<&str> = ChangeKind::ALL.iter().map(|k| k.id()).collect();
            Error::invalid_field(ErrorCode::InvalidInput, "kind", crate::texts::use_one_of(&ids.join(", ")))
        })?),
    };
    let filter = ChangesFilter { kind, msisdn: args.number, cost_centre: args.cost_centre };
    Ok((company, account.changes().list(company, moment(&args.since)?, &filter).await?))
}

impl Output {
    /// Prints the changes; the exit code is 0 when there are any, 1 when none.
    pub fn changes(&self, company: i64, rows: &[ChangeRow]) -> i32 {
        if self.json {
            self.json(&rows);
        } else {
            let n = rows.len();
            outln!(
                "{}",
                match crate::texts::lang() {
                    Language::En => format!("Company {company}: {n} changes (times are Kazakhstan time)"),
                    Language::Ru => format!("Компания {company}: изменений {n} (время Казахстана)"),
                    Language::Kk => format!("{company} компаниясы: өзгерістер {n} (Қазақстан уақыты)"),
                }
            );
            for r in rows {
                let at =
                    DateTime::parse_from_rfc3339(&r.at).map(|t| kz_time(t.to_utc())).unwrap_or_else(|_| r.at.clone());
                let month = r.month.as_deref().map(|m| format!(" ({m})")).unwrap_or_default();
                outln!("{at}  {:<18} {:<12} {} → {}{month}", phone(&r.msisdn), r.kind, r.before, r.after);
            }
        }
        i32::from(rows.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_its_kazakhstan_midnight_and_a_bad_one_names_the_field() {
        assert_eq!(moment("2026-12-06").unwrap().to_rfc3339(), "2026-12-05T19:00:00+00:00");
        assert_eq!(moment("2026-12-06T09:00:00+05:00").unwrap().to_rfc3339(), "2026-12-06T04:00:00+00:00");
        assert_eq!(moment("yesterday").unwrap_err().field.as_deref(), Some("since"));
    }
}
