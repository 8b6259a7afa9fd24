//! Electronic invoices (ЭСФ): one per account and month that bills at least one number.
//!
//! - net: the sum of the account's numbers' charges that month ([`charges`]); VAT by
//!   `kabinet_protocol::rules::vat` on the turnover date (the month's last day), once per invoice;
//! - issue date: the 1st, 2nd or 3rd of the next month (so the register of last month is
//!   complete after the 3rd, as the manual says);
//! - registration number (the invoicing system's, 34 characters):
//!   `ESF-<seller BIN>-<issue date YYYYMMDD>-<8 digits>`, e.g. `ESF-940140000385-20260203-00012345`;
//! - accounting number (the operator's): `<YYMM of the month>-<account>`, e.g. `2601-25060854`,
//!   which is also the certificate's number.
//!
//! An invoice "of a year" is one whose turnover date or issue date is in that year: the invoice
//! of December 2025, issued on 03.01.2026 (`…-20260103-…` in its registration number), is found
//! under 2025 and under 2026, since people read either year off it.

use super::{charges, hash, Customer, Subscriber, OPERATOR_BIN};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use kabinet_documents::{Cell, Column, ColumnKind, Language, Table, Title};
use kabinet_protocol::api::{Invoice, InvoiceNumber, InvoiceSearch, InvoiceSearchBy};
use kabinet_protocol::domain::Tiyn;
use kabinet_protocol::error::Reason;
use kabinet_protocol::rules::document_months::{self, MonthlyDocument, YearMonth, CERTIFICATES_FROM};
use kabinet_protocol::rules::vat;
use kabinet_protocol::ErrorCode;

/// An account's nets (without VAT) for consecutive months from `first`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountNets {
    pub account: String,
    pub first: YearMonth,
    pub nets: Vec<i64>,
}

impl AccountNets {
    /// The months and their nets.
    pub fn months(&self) -> impl Iterator<Item = (YearMonth, i64)> + '_ {
        let mut month = self.first;
        self.nets.iter().map(move |net| {
            let this = month;
            month = month.next();
            (this, *net)
        })
    }
}

/// The months from `first` to `last`, both included.
pub fn months(first: YearMonth, last: YearMonth) -> Vec<YearMonth> {
    let mut out = Vec::new();
    let mut month = first;
    while month <= last {
        out.push(month);
        month = month.next();
    }
    out
}

/// Every account's nets from `first` to `last`, summed over its numbers (`subscribers` sorted
/// by account, as [`super::subscribers`] gives them). Accounts without numbers have none.
pub fn account_nets(subscribers: &[Subscriber], first: YearMonth, last: YearMonth) -> Vec<AccountNets> {
    let months = months(first, last);
    subscribers
        .chunk_by(|a, b| a.account == b.account)
        .map(|group| {
            let mut nets = vec![0i64; months.len()];
            for s in group {
                for (net, month) in nets.iter_mut().zip(&months) {
                    *net += charges::net(s.key, s.fee, *month);
                }
            }
            AccountNets { account: group[0].account.clone(), first, nets }
        })
        .collect()
}

/// The issue date of the account's invoice of `month`: the 1st to the 3rd of the next month.
pub fn issue_date(account: &str, month: YearMonth) -> NaiveDate {
    month.next().first_day() + Days::new(hash(account, month.index()) % 3)
}

pub fn registration_number(account: &str, month: YearMonth) -> String {
    let serial = hash(account, month.index() + 1_000_000) % 100_000_000;
    format!("ESF-{OPERATOR_BIN}-{}-{serial:08}", issue_date(account, month).format("%Y%m%d"))
}

pub fn accounting_number(account: &str, month: YearMonth) -> String {
    format!("{:02}{:02}-{account}", month.year % 100, month.month)
}

/// What an invoice of `month` whose net is `net` asks for: the net and its VAT.
pub fn total_with_vat(month: YearMonth, net: i64) -> i64 {
    net + vat::vat(net, month.last_day())
}

/// The invoice of `account` for `month` whose net is `net`.
pub fn invoice(customer: &Customer, account: &str, month: YearMonth, net: i64) -> Invoice {
    let turnover = month.last_day();
    let vat = vat::vat(net, turnover);
    Invoice {
        registration_number: registration_number(account, month),
        accounting_number: accounting_number(account, month),
        account: account.to_string(),
        issue_date: issue_date(account, month),
        turnover_date: turnover,
        seller_bin: OPERATOR_BIN.to_string(),
        buyer_bin: customer.bin.clone(),
        net: Tiyn(net),
        vat_rate: vat::rate_percent(turnover),
        vat: Tiyn(vat),
        total: Tiyn(total_with_vat(month, net)),
    }
}

/// The company's invoices from `first` to `last` (months already checked), by month then
/// account.
pub fn register(customer: &Customer, subscribers: &[Subscriber], first: YearMonth, last: YearMonth) -> Vec<Invoice> {
    let nets = account_nets(subscribers, first, last);
    let mut invoices: Vec<(YearMonth, Invoice)> = nets
        .iter()
        .flat_map(|a| a.months().map(move |(month, net)| (month, invoice(customer, &a.account, month, net))))
        .collect();
    invoices.sort_by(|a, b| (a.0, &a.1.account).cmp(&(b.0, &b.1.account)));
    invoices.into_iter().map(|(_, i)| i).collect()
}

/// The register as a table (Russian, as the operator issues it), with a totals row.
pub fn register_table(
    customer: &Customer,
    invoices: &[Invoice],
    first: YearMonth,
    last: YearMonth,
    now: DateTime<Utc>,
) -> Table {
    let columns = vec![
        Column::new("Регистрационный номер ЭСФ", ColumnKind::Text),
        Column::new("Учётный номер", ColumnKind::Text),
        Column::new("Лицевой счёт", ColumnKind::Text),
        Column::new("Дата выписки", ColumnKind::Date),
        Column::new("Дата совершения оборота", ColumnKind::Date),
        Column::new("БИН поставщика", ColumnKind::Text),
        Column::new("БИН получателя", ColumnKind::Text),
        Column::new("Стоимость без НДС", ColumnKind::Money),
        Column::new("Ставка НДС, %", ColumnKind::Integer),
        Column::new("Сумма НДС", ColumnKind::Money),
        Column::new("Стоимость с НДС", ColumnKind::Money),
    ];
    let rows = invoices
        .iter()
        .map(|i| {
            vec![
                Cell::text(&i.registration_number),
                Cell::text(&i.accounting_number),
                Cell::text(&i.account),
                Cell::Date(i.issue_date),
                Cell::Date(i.turnover_date),
                Cell::text(&i.seller_bin),
                Cell::text(&i.buyer_bin),
                Cell::Money(i.net.0),
                Cell::Integer(i64::from(i.vat_rate)),
                Cell::Money(i.vat.0),
                Cell::Money(i.total.0),
            ]
        })
        .collect();
    let sum = |f: fn(&Invoice) -> i64| invoices.iter().map(f).sum::<i64>();
    let mut totals =
        vec![Cell::text("Итого"), Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty];
    totals.extend([
        Cell::Money(sum(|i| i.net.0)),
        Cell::Empty,
        Cell::Money(sum(|i| i.vat.0)),
        Cell::Money(sum(|i| i.total.0)),
    ]);
    Table {
        sheet: "Реестр ЭСФ".into(),
        title: Title {
            what: "Реестр электронных счетов-фактур".into(),
            company: Some(customer.name.clone()),
            bin: Some(customer.bin.clone()),
            number: None,
            period: Some((first.first_day(), last.last_day())),
            generated_at: super::local(now),
            lang: Language::Ru,
            notes: Vec::new(),
        },
        columns,
        rows,
        totals: Some(totals),
    }
}

/// The months invoices exist for at `now`: those of the register's availability.
fn issued(month: YearMonth, now: DateTime<Utc>) -> bool {
    let range = document_months::available(MonthlyDocument::InvoiceRegister, now);
    CERTIFICATES_FROM <= month && month <= range.last
}

fn not_found() -> ApiError {
    ApiError::refused(
        ErrorCode::NotFound,
        Reason::InvoiceNotFound,
        "No invoice of the company has this number in that year.",
    )
}

/// Refuses a number that cannot be an invoice's (the client's rule: none, or a registration
/// number that is not 34 characters; 400 naming `number`).
pub fn check_number(by: InvoiceSearchBy, number: &str) -> ApiResult<()> {
    kabinet_protocol::rules::invoice_search::check_number(by, number)?;
    Ok(())
}

/// The invoice the administrator looks for, with the numbers it bills. A registration number
/// that is not 34 characters is 400 naming `number`; one that no invoice of the company (in
/// `year`, issued by `now`) has is 404 `invoice_not_found`.
pub fn search(
    customer: &Customer,
    subscribers: &[Subscriber],
    by: InvoiceSearchBy,
    number: &str,
    year: i32,
    now: DateTime<Utc>,
) -> ApiResult<InvoiceSearch> {
    check_number(by, number)?;
    let number = number.trim();
    let (month, account) = match by {
        InvoiceSearchBy::Registration => {
            let issued = number
                .split('-')
                .nth(2)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
                .ok_or_else(not_found)?;
            let month = YearMonth::new(issued.year(), issued.month()).ok_or_else(not_found)?.minus(1);
            let account = subscribers
                .chunk_by(|a, b| a.account == b.account)
                .map(|g| g[0].account.as_str())
                .find(|a| registration_number(a, month) == number)
                .ok_or_else(not_found)?;
            (month, account.to_string())
        }
        InvoiceSearchBy::Accounting => {
            let (yymm, account) = number.split_once('-').ok_or_else(not_found)?;
            let yymm: u32 = yymm.parse().ok().filter(|_| yymm.len() == 4).ok_or_else(not_found)?;
            let month = YearMonth::new(2000 + (yymm / 100) as i32, yymm % 100).ok_or_else(not_found)?;
            (month, account.to_string())
        }
    };
    let numbers: Vec<&Subscriber> = subscribers.iter().filter(|s| s.account == account).collect();
    let of_year = month.year == year || issue_date(&account, month).year() == year;
    if !of_year || !issued(month, now) || numbers.is_empty() {
        return Err(not_found());
    }
    let numbers: Vec<InvoiceNumber> = numbers
        .into_iter()
        .map(|s| InvoiceNumber {
            msisdn: s.msisdn.clone(),
            tariff: s.tariff.clone(),
            net: Tiyn(charges::net(s.key, s.fee, month)),
        })
        .collect();
    let net = numbers.iter().map(|n| n.net.0).sum();
    Ok(InvoiceSearch { invoice: invoice(customer, &account, month, net), numbers })
}

/// The search's answer as a table: the invoice's figures in the title, its numbers below.
pub fn search_table(customer: &Customer, found: &InvoiceSearch, now: DateTime<Utc>) -> Table {
    let i = &found.invoice;
    Table {
        sheet: "Поиск по ЭСФ".into(),
        title: Title {
            what: format!("Номера по ЭСФ № {} (учётный номер {})", i.registration_number, i.accounting_number),
            company: Some(customer.name.clone()),
            bin: Some(customer.bin.clone()),
            number: Some(format!("лицевой счёт {}", i.account)),
            period: Some((i.turnover_date.with_day(1).unwrap_or(i.turnover_date), i.turnover_date)),
            generated_at: super::local(now),
            lang: Language::Ru,
            notes: Vec::new(),
        },
        columns: vec![
            Column::new("Номер", ColumnKind::Text),
            Column::new("Тариф", ColumnKind::Text),
            Column::new("Стоимость без НДС", ColumnKind::Money),
        ],
        rows: found
            .numbers
            .iter()
            .map(|n| vec![Cell::text(&n.msisdn), Cell::text(&n.tariff), Cell::Money(n.net.0)])
            .collect(),
        totals: Some(vec![Cell::text("Итого без НДС"), Cell::Empty, Cell::Money(i.net.0)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_the_invoicing_systems_shape() {
        let month = YearMonth::new(2026, 1).unwrap();
        let r = registration_number("25060854", month);
        assert_eq!(r.len(), kabinet_protocol::rules::invoice_search::REGISTRATION_NUMBER_LEN, "{r}");
        assert!(r.starts_with("ESF-940140000385-202602"), "{r}");
        let issued = issue_date("25060854", month);
        assert!((1..=3).contains(&issued.day()) && issued.month() == 2, "{issued}");
        assert_eq!(accounting_number("25060854", month), "2601-25060854");
        assert_ne!(registration_number("25060854", month), registration_number("25060830", month));
    }

    #[test]
    fn a_december_invoice_is_found_under_its_turnover_year_and_its_issue_year() {
        use chrono::TimeZone;
        let customer = Customer {
            id: 1,
            name: "ТОО Кабинет".into(),
            bin: "150340001236".into(),
            address: String::new(),
            contract_number: "К-1".into(),
            contract_date: NaiveDate::from_ymd_opt(2018, 1, 15).unwrap(),
        };
        let msisdn = "77010542007";
        let subs = [Subscriber {
            msisdn: msisdn.into(),
            key: charges::key(msisdn),
            account: "25060830".into(),
            tariff: "Бизнес 5000".into(),
            fee: charges::subscription_fee("Бизнес 5000"),
        }];
        let now = Utc.with_ymd_and_hms(2026, 3, 10, 6, 0, 0).unwrap();
        let found = |by, number: &str, year| search(&customer, &subs, by, number, year, now).is_ok();
        let december = YearMonth::new(2025, 12).unwrap();
        let registration = registration_number("25060830", december);
        assert!(registration.contains("-202601"), "{registration}");
        for by_what in
            [(InvoiceSearchBy::Registration, registration), (InvoiceSearchBy::Accounting, "2512-25060830".into())]
        {
            let (by, number) = by_what;
            assert!(found(by, &number, 2025) && found(by, &number, 2026), "{number}");
            assert!(!found(by, &number, 2024) && !found(by, &number, 2027), "{number}");
        }
        let june = registration_number("25060830", YearMonth::new(2025, 6).unwrap());
        assert!(found(InvoiceSearchBy::Registration, &june, 2025));
        assert!(!found(InvoiceSearchBy::Registration, &june, 2026));
    }
}
