//! Value added tax on the operator's services, written once for the sandbox (its invoices and
//! certificates) and the client: the rate in force on the TURNOVER date (the day the service was
//! delivered; for a monthly bill, the month's last day), not the issue date.
//!
//! - 12% through 31 December 2025;
//! - 16% from 1 January 2026 (the new Tax Code).
//!
//! Rounding: VAT is computed once per document on its total without VAT (never per line, so a
//! certificate and its invoice agree to the tiyn), and rounded to the nearest tiyn, halves away
//! from zero. (With 12% and 16% on whole tiyn a half cannot occur: `net × rate` is never 50 mod
//! 100; the rule is stated for the next rate.)

use chrono::NaiveDate;

/// The first day of the 16% rate.
pub const SIXTEEN_PERCENT_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2026, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// The VAT rate in percent on `turnover`.
pub fn rate_percent(turnover: NaiveDate) -> u32 {
    if turnover < SIXTEEN_PERCENT_FROM {
        12
    } else {
        16
    }
}

/// The VAT, in tiyn, on `net` tiyn (without VAT) delivered on `turnover`.
pub fn vat(net: i64, turnover: NaiveDate) -> i64 {
    let product = i128::from(net) * i128::from(rate_percent(turnover));
    let rounded = if product >= 0 { (product + 50) / 100 } else { (product - 50) / 100 };
    rounded as i64
}

/// The VAT of one line of a document whose lines before it add up to `before` tiyn without VAT:
/// the document's VAT with the line minus its VAT without it. The shares of a document's lines
/// add up exactly to [`vat`] of its net (each step cancels the previous one), so lines never
/// disagree with their document by a rounded tiyn, whatever their order.
pub fn share(before: i64, net: i64, turnover: NaiveDate) -> i64 {
    vat(before + net, turnover) - vat(before, turnover)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_rate_changes_on_the_turnover_date_1_january_2026() {
        assert_eq!(rate_percent(day(2018, 1, 31)), 12);
        assert_eq!(rate_percent(day(2025, 12, 31)), 12);
        assert_eq!(rate_percent(day(2026, 1, 1)), 16);
        assert_eq!(rate_percent(day(2026, 1, 31)), 16);
        // 1 000,00 ₸ on either side of the boundary.
        assert_eq!(vat(100_000, day(2025, 12, 31)), 12_000);
        assert_eq!(vat(100_000, day(2026, 1, 1)), 16_000);
    }

    #[test]
    fn vat_is_rounded_to_the_nearest_tiyn() {
        let old = day(2025, 12, 31);
        let new = day(2026, 1, 1);
        // 4 × 12% = 0.48 → 0; 5 × 12% = 0.6 → 1; 3 × 16% = 0.48 → 0; 4 × 16% = 0.64 → 1.
        assert_eq!((vat(4, old), vat(5, old)), (0, 1));
        assert_eq!((vat(3, new), vat(4, new)), (0, 1));
        // 123 456,79 ₸: 12% = 14 814,8148 → 14 814,81; 16% = 19 753,0864 → 19 753,09.
        assert_eq!(vat(12_345_679, old), 1_481_481);
        assert_eq!(vat(12_345_679, new), 1_975_309);
        // A credit note rounds the same way, mirrored.
        assert_eq!(vat(-5, old), -1);
        assert_eq!(vat(0, new), 0);
    }

    #[test]
    fn the_lines_shares_add_up_to_the_documents_vat() {
        let new = day(2026, 1, 31);
        // Three lines of 3 tiyn: each alone would round to 0, together 9 × 16% = 1.44 → 1.
        let mut before = 0;
        let shares: Vec<i64> = [3, 3, 3]
            .iter()
            .map(|net| {
                let s = share(before, *net, new);
                before += net;
                s
            })
            .collect();
        assert_eq!(shares.iter().sum::<i64>(), vat(9, new));
        assert_eq!(shares, vec![0, 1, 0]);
        assert_eq!(share(1_000, 0, new), 0);
    }
}
