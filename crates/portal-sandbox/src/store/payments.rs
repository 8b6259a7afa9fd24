//! A number's payments and its payments report.
//!
//! Payments are derived from the number and the month, deterministically (like usage, no table
//! holds them): one to three a month, each by a channel the company would use, so every number
//! has payments in every month and the three-month limit is visible in the demo. [`report`]
//! answers the administrator's request: the number's state must allow it (the shared table),
//! the period must pass `kabinet_core::rules::payments_period`, and the request is written to
//! the actions history either way, in the caller's transaction.

use super::actions::{self, Status};
use super::numbers::summary;
use super::{Actor, Outcome, Refused};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};
use kabinet_core::api::{Payment, PaymentChannel, PaymentsReport};
use kabinet_core::domain::{Email, Tiyn};
use kabinet_core::rules::number_actions::{self, NumberAction};
use kabinet_core::rules::payments_period;
use kabinet_core::ErrorCode;
use sqlx::SqliteConnection;

/// The history's name of the action.
const HISTORY: &str = "Payments report";

/// The payments of a number from `from` to `to` (days in Kazakhstan, both included) made by
/// `now`, oldest first.
pub fn between(msisdn: &str, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Vec<Payment> {
    let mut payments = Vec::new();
    let Some(mut month) = from.with_day(1) else { return payments };
    while month <= to {
        payments.extend(
            month_payments(msisdn, month)
                .into_iter()
                .filter(|p| (from..=to).contains(&kabinet_core::kz::today(p.at)) && p.at <= now),
        );
        match month.checked_add_months(Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    payments
}

/// The payments of one number in the month starting on `first`, always the same.
fn month_payments(msisdn: &str, first: NaiveDate) -> Vec<Payment> {
    let mut next = super::usage::generator(&format!("payments:{msisdn}:{}", first.format("%Y-%m")));
    let count = next(3) + 1;
    let mut payments: Vec<Payment> = (0..count)
        .filter_map(|i| {
            let day = first.with_day(next(28) as u32 + 1)?;
            let local = day.and_hms_opt(9 + next(11) as u32, next(60) as u32, 0)?;
            let at = kabinet_core::kz::offset().from_local_datetime(&local).single()?.with_timezone(&Utc);
            let (channel, amount) = match next(10) {
                // The company's monthly payment by invoice: round thousands of tenge.
                0..=3 => (PaymentChannel::BankTransfer, (next(15) as i64 + 3) * 100_000),
                4..=5 => (PaymentChannel::Kaspi, (next(40) as i64 + 5) * 10_000 + next(100) as i64 * 100),
                6..=7 => (PaymentChannel::Card, (next(30) as i64 + 2) * 10_000),
                8 => (PaymentChannel::Terminal, (next(20) as i64 + 1) * 5_000),
                _ => (PaymentChannel::BalanceTransfer, (next(10) as i64 + 1) * 50_000),
            };
            let reference = format!("{}{:02}-{:06}", first.format("%y%m"), i + 1, next(1_000_000));
            Some(Payment { at, amount: Tiyn(amount), channel, reference })
        })
        .collect();
    payments.sort_by_key(|p| p.at);
    payments
}

/// The report an administrator asked for, or why the rules refused it (written to the history
/// as "Refused"). An e-mail that is no address is `invalid_email` naming the field `email`,
/// answered before anything is written.
pub async fn report(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    from: NaiveDate,
    to: NaiveDate,
    email: &str,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<PaymentsReport>> {
    let email = Email::parse(email).map_err(|e| ApiError::from(kabinet_core::Error::from(e).with_field("email")))?;
    let number = summary(conn, msisdn).await?;
    let refusal = if !number_actions::allows(&number.state, NumberAction::PaymentsReport) {
        Some(
            ApiError::new(ErrorCode::NotAllowedInState, "The number's state does not allow a payments report.")
                .with_param("state", number.state.as_str()),
        )
    } else {
        payments_period::check(from, to, now).err().map(ApiError)
    };
    if let Some(error) = refusal {
        actions::record(conn, actor, Some(msisdn), HISTORY, Status::Refused, now).await?;
        return Ok(Err(Refused(error)));
    }
    let payments = between(msisdn, from, to, now);
    let total = Tiyn(payments.iter().map(|p| p.amount.0).sum());
    actions::record(conn, actor, Some(msisdn), HISTORY, Status::Success, now).await?;
    Ok(Ok(PaymentsReport {
        msisdn: msisdn.to_string(),
        from,
        to,
        email: email.as_str().to_string(),
        sent_at: now,
        file_name: kabinet_core::export::payments_file_name(msisdn, from, to),
        payments,
        total,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payments_are_deterministic_positive_and_inside_the_period() {
        let now = Utc.with_ymd_and_hms(2026, 5, 20, 6, 0, 0).unwrap();
        let from = kabinet_core::kz::today(now).checked_sub_months(Months::new(6)).unwrap();
        let to = kabinet_core::kz::today(now);
        let all = between("77010542007", from, to, now);
        assert_eq!(all, between("77010542007", from, to, now));
        assert!(all.len() >= 6, "one a month at least: {}", all.len());
        assert!(all.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");
        for p in &all {
            assert!(p.amount.0 > 0 && p.at <= now);
            let day = kabinet_core::kz::today(p.at);
            assert!(from <= day && day <= to);
        }
        assert_ne!(all, between("77010542006", from, to, now));
        let may = between("77010542007", NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), to, now);
        assert!(may.iter().all(|p| p.at.month() == 5 || kabinet_core::kz::today(p.at).month() == 5));
    }

    #[test]
    fn the_ends_of_the_calendar_do_not_overflow() {
        let now = Utc.with_ymd_and_hms(2026, 5, 20, 6, 0, 0).unwrap();
        assert!(between("77010542007", NaiveDate::MAX, NaiveDate::MAX, now).is_empty());
        let last = NaiveDate::MAX.with_day(1).unwrap();
        assert!(between("77010542007", last, NaiveDate::MAX, now).is_empty());
    }
}
