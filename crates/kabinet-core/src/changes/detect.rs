//! What changed between two states of a company's list: pure, so every rule is tested without a
//! portal or a cache. A change is a transition (before → after), so comparing the next sync with
//! this one does not find it again.

use crate::api::NumberSummary;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Gone,
    State,
    Tariff,
    Debt,
    LowBalance,
    /// A number's latest billed month ≥ the company's percent above its own previous 3-month
    /// average (`changes/charges.rs`).
    SpendRise,
    /// A line with no usage billed for the company's days, still paying: a candidate to block.
    Dormant,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 8] = [
        Self::Added,
        Self::Gone,
        Self::State,
        Self::Tariff,
        Self::Debt,
        Self::LowBalance,
        Self::SpendRise,
        Self::Dormant,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Gone => "gone",
            Self::State => "state",
            Self::Tariff => "tariff",
            Self::Debt => "debt",
            Self::LowBalance => "low_balance",
            Self::SpendRise => "spend_rise",
            Self::Dormant => "dormant",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// What a number's row held that the change rules look at, as the cache kept it before a write:
/// its number and four values. The texts are borrowed from the snapshot's JSON where they can be
/// (`Cow`): a full sync compares 100,000 rows, and a copy of each text was a third of the time.
/// Deserialized from the array `[msisdn, state, tariff, balance, debt]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Before<'a> {
    #[serde(borrow)]
    pub msisdn: Cow<'a, str>,
    #[serde(borrow)]
    pub state: Cow<'a, str>,
    #[serde(borrow)]
    pub tariff: Cow<'a, str>,
    pub balance: i64,
    pub debt: i64,
}

/// The company's thresholds, and whether it wants desktop notifications. The defaults are
/// migration 0014's column defaults too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rules {
    /// A balance under this (tiyn) is a change when it was not under it before.
    pub low_balance_tiyn: i64,
    /// A month this many percent (or more) above the number's previous 3-month average is a
    /// spend rise.
    pub spend_rise_percent: i64,
    /// A line with no usage billed for this many days is dormant.
    pub dormant_days: i64,
    /// One desktop notification per sync that found changes (opt-in).
    pub notify: bool,
}

impl Default for Rules {
    /// 1 000 ₸: about a month of a corporate tariff's fee, the point where a prepaid line risks
    /// being cut off. +50%: above a month's ordinary swing of calls and data. 60 days: two whole
    /// bills without a call, a message or a megabyte.
    fn default() -> Self {
        Self { low_balance_tiyn: 100_000, spend_rise_percent: 50, dormant_days: 60, notify: false }
    }
}

/// The bounds [`Rules::check`] holds.
pub const SPEND_RISE_PERCENT: std::ops::RangeInclusive<i64> = 1..=1_000;
/// Days: at most the 12 months Spend keeps.
pub const DORMANT_DAYS: std::ops::RangeInclusive<i64> = 1..=365;
/// Tiyn: up to 10 million tenge.
pub const LOW_BALANCE_TIYN: std::ops::RangeInclusive<i64> = 0..=1_000_000_000;

impl Rules {
    /// Refuses a threshold out of its bounds, naming its field (`low_balance`, `spend_rise`,
    /// `dormant_days`) with `min` and `max`.
    pub fn check(&self) -> crate::error::Result<()> {
        use crate::error::{Error, ErrorCode};
        // The bounds are said in the unit the user types: the balance in tenge, not tiyn.
        let fields = [
            ("low_balance", self.low_balance_tiyn, LOW_BALANCE_TIYN, 100, ErrorCode::InvalidAmount),
            ("spend_rise", self.spend_rise_percent, SPEND_RISE_PERCENT, 1, ErrorCode::InvalidInput),
            ("dormant_days", self.dormant_days, DORMANT_DAYS, 1, ErrorCode::InvalidInput),
        ];
        for (field, value, range, unit, code) in fields {
            if !range.contains(&value) {
                let (min, max) = (range.start() / unit, range.end() / unit);
                return Err(Error::invalid_field(code, field, format!("Give a number from {min} to {max}."))
                    .with_param("min", min)
                    .with_param("max", max));
            }
        }
        Ok(())
    }
}

/// One change of one number: `before` and `after` as text (a state's wire name, a tariff's name,
/// an amount in tiyn, a month), and the billed month a charges rule found it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub msisdn: String,
    pub kind: ChangeKind,
    pub before: String,
    pub after: String,
    pub month: Option<crate::rules::document_months::YearMonth>,
}

/// The changes from `before` (the cached rows) to `after` (what the sync wrote). `complete`:
/// `after` is the whole list (a full sync), so a number missing from it is gone; an incremental
/// sync gives only the numbers that changed, and says nothing about the others.
///
/// Both lists come in number order (the cache's rows by position, the portal's pages by number),
/// so each number of `after` is looked up by walking `before` beside it, with a binary search
/// when the next row is not the one (a number added, or a list out of order): no hash of 100,000
/// numbers. `before` is sorted here first when it is not in number order.
pub fn changes(before: &[Before<'_>], after: &[NumberSummary], complete: bool, rules: Rules) -> Vec<Found> {
    let sorted: Vec<&Before<'_>>;
    let before: Vec<&Before<'_>> = if before.is_sorted_by(|a, b| a.msisdn <= b.msisdn) {
        before.iter().collect()
    } else {
        sorted = {
            let mut v: Vec<&Before<'_>> = before.iter().collect();
            v.sort_unstable_by(|a, b| a.msisdn.cmp(&b.msisdn));
            v
        };
        sorted
    };
    let mut seen = vec![false; before.len()];
    let mut next = 0;
    let mut out = Vec::new();
    let found = |msisdn: &str, kind, before: String, after: String| Found {
        msisdn: msisdn.to_string(),
        kind,
        before,
        after,
        month: None,
    };
    for n in after {
        let at = match before.get(next) {
            Some(b) if b.msisdn == n.msisdn.as_str() => Some(next),
            _ => before.binary_search_by(|b| b.msisdn.as_ref().cmp(n.msisdn.as_str())).ok(),
        };
        let state = n.state.as_str();
        let Some(at) = at else {
            out.push(found(&n.msisdn, ChangeKind::Added, String::new(), state.to_string()));
            continue;
        };
        next = at + 1;
        seen[at] = true;
        let b = before[at];
        if b.state != state {
            out.push(found(&n.msisdn, ChangeKind::State, b.state.to_string(), state.to_string()));
        }
        if b.tariff != n.tariff.as_str() {
            out.push(found(&n.msisdn, ChangeKind::Tariff, b.tariff.to_string(), n.tariff.clone()));
        }
        if b.debt <= 0 && n.debt.0 > 0 {
            out.push(found(&n.msisdn, ChangeKind::Debt, b.debt.to_string(), n.debt.0.to_string()));
        }
        if b.balance >= rules.low_balance_tiyn && n.balance.0 < rules.low_balance_tiyn {
            out.push(found(&n.msisdn, ChangeKind::LowBalance, b.balance.to_string(), n.balance.0.to_string()));
        }
    }
    if complete {
        // In number order, as `before` is now.
        let gone = before.iter().zip(&seen).filter(|(_, seen)| !**seen).map(|(b, _)| b);
        out.extend(gone.map(|b| found(&b.msisdn, ChangeKind::Gone, b.state.to_string(), String::new())));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{NumberState, PaymentMethod};
    use crate::domain::Tiyn;

    fn number(msisdn: &str, state: NumberState, tariff: &str, balance: i64, debt: i64) -> NumberSummary {
        NumberSummary {
            msisdn: msisdn.into(),
            account: "1".into(),
            tariff: tariff.into(),
            payment_method: PaymentMethod::Advance,
            state,
            state_changed_at: chrono::Utc::now(),
            individual_limit: None,
            available_funds: None,
            credit_limit: Tiyn(0),
            balance: Tiyn(balance),
            debt: Tiyn(debt),
            updated_at: chrono::Utc::now(),
        }
    }

    /// The rows as the rules look at them, as a snapshot of `list` would give them.
    fn before_of(list: &[NumberSummary]) -> Vec<Before<'_>> {
        list.iter()
            .map(|n| Before {
                msisdn: Cow::Borrowed(&n.msisdn),
                state: Cow::Borrowed(n.state.as_str()),
                tariff: Cow::Borrowed(&n.tariff),
                balance: n.balance.0,
                debt: n.debt.0,
            })
            .collect()
    }

    #[test]
    fn each_kind_is_found_once_and_not_again_on_the_next_sync() {
        let first = vec![
            number("77010000001", NumberState::Active, "Kcell", 500_000, 0),
            number("77010000002", NumberState::Active, "Kcell", 500_000, 0),
            number("77010000003", NumberState::Active, "Kcell", 500_000, 0),
        ];
        let second = vec![
            number("77010000001", NumberState::BlockedDebt, "Business", 50_000, 12_000),
            number("77010000002", NumberState::Active, "Kcell", 500_000, 0),
            number("77010000004", NumberState::Active, "Kcell", 500_000, 0),
        ];
        let found = changes(&before_of(&first), &second, true, Rules::default());
        let kinds: Vec<_> = found.iter().map(|f| (f.msisdn.as_str(), f.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("77010000001", ChangeKind::State),
                ("77010000001", ChangeKind::Tariff),
                ("77010000001", ChangeKind::Debt),
                ("77010000001", ChangeKind::LowBalance),
                ("77010000004", ChangeKind::Added),
                ("77010000003", ChangeKind::Gone),
            ]
        );
        assert_eq!((found[0].before.as_str(), found[0].after.as_str()), ("active", "blocked_debt"));
        // The same list again: nothing.
        assert!(changes(&before_of(&second), &second, true, Rules::default()).is_empty());
    }

    #[test]
    fn lists_out_of_number_order_find_the_same_changes() {
        let first = vec![
            number("77010000005", NumberState::Active, "Kcell", 500_000, 0),
            number("77010000001", NumberState::Active, "Kcell", 500_000, 0),
            number("77010000003", NumberState::Active, "Kcell", 500_000, 0),
            number("77010000002", NumberState::Active, "Kcell", 500_000, 0),
        ];
        let second = vec![
            number("77010000004", NumberState::Active, "Kcell", 500_000, 0),
            number("77010000003", NumberState::Blocked, "Kcell", 500_000, 0),
            number("77010000001", NumberState::Active, "Kcell", 500_000, 0),
            number("77010000005", NumberState::Active, "Business", 500_000, 0),
        ];
        let found = changes(&before_of(&first), &second, true, Rules::default());
        let kinds: Vec<_> = found.iter().map(|f| (f.msisdn.as_str(), f.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("77010000004", ChangeKind::Added),
                ("77010000003", ChangeKind::State),
                ("77010000005", ChangeKind::Tariff),
                ("77010000002", ChangeKind::Gone),
            ]
        );
        let mut sorted = second.clone();
        sorted.sort_by(|a, b| a.msisdn.cmp(&b.msisdn));
        assert!(changes(&before_of(&sorted), &second, true, Rules::default()).is_empty());
    }

    #[test]
    fn a_snapshots_rows_borrow_their_texts_unless_escaped() {
        let json = r#"[["77010000001","active","Kcell \"A\"",5,0]]"#;
        let rows: Vec<Before<'_>> = serde_json::from_str(json).unwrap();
        assert!(matches!(rows[0].msisdn, Cow::Borrowed("77010000001")));
        assert_eq!((rows[0].tariff.as_ref(), rows[0].balance), ("Kcell \"A\"", 5));
    }

    #[test]
    fn a_balance_out_of_bounds_says_the_bounds_in_tenge_as_typed() {
        let rules = Rules { low_balance_tiyn: 9_999_999_900, ..Rules::default() };
        let e = rules.check().unwrap_err();
        assert_eq!(
            (e.field.as_deref(), e.param("min"), e.param("max")),
            (Some("low_balance"), Some("0"), Some("10000000"))
        );
        let rules = Rules { dormant_days: 0, ..Rules::default() };
        assert_eq!(rules.check().unwrap_err().param("max"), Some(DORMANT_DAYS.end().to_string().as_str()));
    }

    #[test]
    fn an_incremental_sync_says_nothing_of_the_numbers_it_does_not_give() {
        let first = vec![number("77010000001", NumberState::Active, "Kcell", 500_000, 0)];
        assert!(changes(&before_of(&first), &[], false, Rules::default()).is_empty());
    }

    #[test]
    fn the_balance_threshold_is_the_companys() {
        let first = vec![number("77010000001", NumberState::Active, "Kcell", 300_000, 0)];
        let second = vec![number("77010000001", NumberState::Active, "Kcell", 250_000, 0)];
        assert!(changes(&before_of(&first), &second, true, Rules::default()).is_empty());
        let found = changes(&before_of(&first), &second, true, Rules { low_balance_tiyn: 280_000, ..Rules::default() });
        assert_eq!(found[0].kind, ChangeKind::LowBalance);
    }
}
