//! How the cache keeps a number's summary in SQLite: the columns, in order, and the reading of
//! a row back into [`NumberSummary`]. SQL belongs to the stores, not to the wire types in
//! [`crate::api`]; the sandbox keeps its own mapping.

use crate::api::{NumberState, NumberSummary, PaymentMethod};
use crate::domain::Tiyn;
use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, Utc};

/// The columns both SQLite schemas (the client's cache and the sandbox) keep a summary in, in
/// this order; times as RFC 3339 text, money as tiyn, enums by their wire names.
pub const SUMMARY_COLUMNS: &str = "msisdn, account, tariff, payment_method, state, state_changed_at, \
    individual_limit, available_funds, credit_limit, balance, debt, updated_at";

/// A row of [`SUMMARY_COLUMNS`].
pub type SummaryRow = (String, String, String, String, String, String, Option<i64>, Option<i64>, i64, i64, i64, String);

/// Reads a row of [`SUMMARY_COLUMNS`]. Unknown enum values are kept as `Unknown`; an
/// unreadable time is an error naming the column and the number, never a made-up date.
pub fn summary_from_row(r: SummaryRow) -> Result<NumberSummary> {
    let time = |column: &str, s: &str| {
        DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|_| {
            Error::new(ErrorCode::Cache, format!("The stored number {} has an unreadable {column}: {s:?}.", r.0))
        })
    };
    Ok(NumberSummary {
        state_changed_at: time("state_changed_at", &r.5)?,
        updated_at: time("updated_at", &r.11)?,
        payment_method: PaymentMethod::from_wire(&r.3),
        state: NumberState::from_wire(&r.4),
        msisdn: r.0,
        account: r.1,
        tariff: r.2,
        individual_limit: r.6.map(Tiyn),
        available_funds: r.7.map(Tiyn),
        credit_limit: Tiyn(r.8),
        balance: Tiyn(r.9),
        debt: Tiyn(r.10),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(state: &str, changed_at: &str) -> SummaryRow {
        let t = "2026-11-01T00:00:00Z".to_string();
        (
            "77010000001".into(),
            "A-1".into(),
            "Kcell".into(),
            "credit".into(),
            state.into(),
            changed_at.into(),
            None,
            None,
            0,
            0,
            0,
            t,
        )
    }

    #[test]
    fn stored_unknown_state_is_kept_not_read_as_active() {
        let n = summary_from_row(row("suspended", "2026-11-01T00:00:00Z")).unwrap();
        assert_eq!(n.state, NumberState::Unknown("suspended".into()));
        assert!(!n.state.is_known());
        assert_eq!(n.state.as_str(), "suspended");
        assert_eq!(NumberState::parse("suspended"), None, "typed filters accept only known states");
        assert_eq!(
            summary_from_row(row("blocked_debt", "2026-11-01T00:00:00Z")).unwrap().state,
            NumberState::BlockedDebt
        );
    }

    #[test]
    fn stored_unreadable_time_is_an_error_naming_the_column_not_the_minimum_date() {
        let err = summary_from_row(row("active", "not a time")).unwrap_err();
        assert_eq!(err.code, ErrorCode::Cache);
        assert!(err.message.contains("state_changed_at") && err.message.contains("77010000001"), "{}", err.message);
    }
}
