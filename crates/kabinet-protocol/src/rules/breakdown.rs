//! The charges breakdown (Appendix 1 of the service delivery certificate) as both ends read it:
//! the sandbox writes its columns by these names and the charges route shares its VAT by
//! [`VatShares`]; the client recognises an imported breakdown's columns by the same names and
//! shares the VAT the same way, so an imported file gives the charges route's figures to the tiyn.
//!
//! The breakdown carries amounts without VAT only (as the operator's Appendix 1 does); each
//! line's VAT is its share of the certificate's VAT ([`crate::rules::vat::share`]) in the
//! certificate's order: by number, then by service column, lines with nothing billed skipped.

use crate::api::ChargeService;
use crate::rules::document_months::YearMonth;
use crate::rules::vat;
use chrono::NaiveDate;

/// Appendix 1's service columns, in their order, and the service each one bills.
pub const SERVICE_COLUMNS: [(ChargeService, &str); 5] = [
    (ChargeService::Subscription, "Абонентская плата"),
    (ChargeService::Calls, "Звонки"),
    (ChargeService::Sms, "SMS"),
    (ChargeService::Internet, "Мобильный интернет"),
    (ChargeService::Roaming, "Роуминг (звонки)"),
];

/// The service an Appendix 1 column header names (`None` for any other header).
pub fn service_of_column(header: &str) -> Option<ChargeService> {
    let header = header.trim();
    SERVICE_COLUMNS.iter().find(|(_, name)| name.eq_ignore_ascii_case(header)).map(|(s, _)| s.clone())
}

/// The VAT of an account's month, line by line in the certificate's order: each line's share
/// of the certificate's VAT given the lines before it.
#[derive(Debug, Clone, Copy)]
pub struct VatShares {
    before: i64,
    turnover: NaiveDate,
}

impl VatShares {
    /// The shares of `month`'s certificate (its turnover date is the month's last day), after
    /// lines adding up to `before` tiyn without VAT.
    pub fn new(month: YearMonth, before: i64) -> Self {
        Self { before, turnover: month.last_day() }
    }

    /// The VAT of the next line, `net` tiyn without VAT.
    pub fn next(&mut self, net: i64) -> i64 {
        let share = vat::share(self.before, net, self.turnover);
        self.before += net;
        share
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_read_back_and_shares_add_up_to_the_months_vat() {
        for (service, name) in SERVICE_COLUMNS {
            assert_eq!(service_of_column(&format!(" {name} ")), Some(service));
        }
        assert_eq!(service_of_column("Итого"), None);
        let month = YearMonth::new(2026, 1).unwrap();
        let mut shares = VatShares::new(month, 0);
        let nets = [4, 5, 199_000, 3];
        let total: i64 = nets.iter().map(|n| shares.next(*n)).sum();
        assert_eq!(total, vat::vat(nets.iter().sum(), month.last_day()));
    }
}
