//! The company's rules as the window's form gives them, as typed: the balance in tenge
//! (`8 476,90`), the percent and the days as whole numbers. Read here once, so every refusal
//! names its field (`low_balance`, `spend_rise`, `dormant_days`) with the bounds (`min`, `max`)
//! the window words in the user's language.

use super::detect::{Rules, DORMANT_DAYS, SPEND_RISE_PERCENT};
use crate::domain::Tiyn;
use crate::error::{Error, ErrorCode, Result};
use serde::Deserialize;

/// The rules as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RulesInput {
    pub low_balance: String,
    pub spend_rise: String,
    pub dormant_days: String,
    pub notify: bool,
}

impl RulesInput {
    /// The rules, read and checked (`Rules::check`).
    pub fn read(&self) -> Result<Rules> {
        let low_balance = Tiyn::parse_tenge(&self.low_balance).map_err(|e| {
            Error::invalid_field(ErrorCode::InvalidAmount, "low_balance", e.message)
                .with_param("min", 0)
                .with_param("max", super::detect::LOW_BALANCE_TIYN.end() / 100)
        })?;
        let rules = Rules {
            low_balance_tiyn: low_balance.0,
            spend_rise_percent: whole("spend_rise", &self.spend_rise, &SPEND_RISE_PERCENT)?,
            dormant_days: whole("dormant_days", &self.dormant_days, &DORMANT_DAYS)?,
            notify: self.notify,
        };
        rules.check()?;
        Ok(rules)
    }
}

/// A whole number typed in `field` (spaces around it allowed).
fn whole(field: &str, raw: &str, range: &std::ops::RangeInclusive<i64>) -> Result<i64> {
    let text = raw.trim().trim_end_matches('%').trim_end();
    match text.parse::<i64>() {
        Ok(n) if text.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(Error::invalid_field(
            ErrorCode::InvalidInput,
            field,
            format!("Give a whole number from {} to {}.", range.start(), range.end()),
        )
        .with_param("min", *range.start())
        .with_param("max", *range.end())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(low: &str, rise: &str, days: &str) -> RulesInput {
        RulesInput { low_balance: low.into(), spend_rise: rise.into(), dormant_days: days.into(), notify: true }
    }

    #[test]
    fn the_form_is_read_as_typed_and_each_refusal_names_its_field() {
        let rules = input("1 500,50", " 75% ", "90").read().unwrap();
        assert_eq!(rules, Rules { low_balance_tiyn: 150_050, spend_rise_percent: 75, dormant_days: 90, notify: true });
        for (form, field) in [
            (input("-5", "50", "60"), "low_balance"),
            (input("1000", "fifty", "60"), "spend_rise"),
            (input("1000", "0", "60"), "spend_rise"),
            (input("1000", "50", "2.5"), "dormant_days"),
            (input("1000", "50", "400"), "dormant_days"),
            (input("20000000", "50", "60"), "low_balance"),
        ] {
            let e = form.read().unwrap_err();
            assert_eq!(e.field.as_deref(), Some(field), "{form:?}");
            assert!(e.param("max").is_some());
        }
    }
}
