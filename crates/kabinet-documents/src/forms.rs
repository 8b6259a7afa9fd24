//! The operator's accounting documents as data: the service delivery certificate (form Р-1, with
//! Appendix 1 by number) and the reconciliation statement. The sandbox fills them from its
//! billing data; the renderers turn them into PDF and XLSX. Money is integer tiyn; dates are
//! calendar days in Kazakhstan; the documents are in Russian, as the operator issues them.
//!
//! The sums are the caller's: a certificate's `net` is the sum of its lines, and its lines agree
//! with its appendix; [`Certificate::check`] and [`Reconciliation::check`] say when they do not,
//! so a renderer never prints figures that contradict each other.

use chrono::{NaiveDate, NaiveDateTime};

/// A side of a document: the operator or the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// "ТОО «Кабинет»".
    pub name: String,
    /// ИИН/БИН, 12 digits.
    pub bin: String,
    pub address: String,
}

/// One service line of a certificate: "Абонентская плата по тарифу «Бизнес 5000»", 12 мес.,
/// 5 000,00 ₸, 60 000,00 ₸. `amount` is `quantity × price` unless the caller rounds per number;
/// it is what the totals add up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateLine {
    pub service: String,
    /// "мес.", "мин", "шт.", "МБ".
    pub unit: String,
    pub quantity: i64,
    /// Per unit, tiyn, without VAT.
    pub price: i64,
    /// Tiyn, without VAT.
    pub amount: i64,
}

/// One number's row of Appendix 1: its amount per service column, without VAT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendixLine {
    pub msisdn: String,
    pub tariff: String,
    /// One per [`Certificate::appendix_columns`], tiyn.
    pub amounts: Vec<i64>,
    /// The sum of `amounts`.
    pub total: i64,
}

/// "Акт выполненных работ (оказанных услуг)", form Р-1, for one account and one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The document's number ("2601-25060854").
    pub number: String,
    /// The document's date: the month's last day.
    pub date: NaiveDate,
    /// "Договор № 25060854 от 15.03.2018".
    pub contract: String,
    /// The personal account the certificate covers.
    pub account: String,
    /// Заказчик.
    pub customer: Party,
    /// Исполнитель.
    pub contractor: Party,
    /// The month: first and last day.
    pub period: (NaiveDate, NaiveDate),
    pub lines: Vec<CertificateLine>,
    /// Sum of the lines' amounts.
    pub net: i64,
    /// The VAT rate in force on the turnover date (the month's last day), in percent: 12 or 16.
    pub vat_rate: u32,
    pub vat: i64,
    /// `net + vat`.
    pub total: i64,
    /// Appendix 1's service columns ("Абонентская плата", "Звонки", ...).
    pub appendix_columns: Vec<String>,
    /// Appendix 1: one line per number of the account, by number.
    pub appendix: Vec<AppendixLine>,
    /// When the file was made, Kazakhstan time.
    pub generated_at: NaiveDateTime,
}

impl Certificate {
    /// Whether the figures agree: the lines add up to `net`, `net + vat = total`, and every
    /// appendix line adds up and has one amount per column, and the appendix adds up to `net`.
    pub fn check(&self) -> crate::Result<()> {
        let lines: i64 = self.lines.iter().map(|l| l.amount).sum();
        if lines != self.net || self.net + self.vat != self.total {
            return Err(crate::Error::Table(format!(
                "certificate {}: lines {lines}, net {}, VAT {}, total {}",
                self.number, self.net, self.vat, self.total
            )));
        }
        for line in &self.appendix {
            if line.amounts.len() != self.appendix_columns.len() || line.amounts.iter().sum::<i64>() != line.total {
                return Err(crate::Error::Table(format!("certificate {}: appendix line {}", self.number, line.msisdn)));
            }
        }
        let appendix: i64 = self.appendix.iter().map(|l| l.total).sum();
        if appendix != self.net {
            return Err(crate::Error::Table(format!(
                "certificate {}: appendix {appendix} but net {}",
                self.number, self.net
            )));
        }
        Ok(())
    }
}

/// One document in a reconciliation statement, in the operator's books: a certificate is a
/// debit (the customer owes), a payment a credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconciliationRow {
    pub date: NaiveDate,
    /// "Акт выполненных работ № 2601-25060854 от 31.01.2026", "Платёжное поручение № 118 от 12.02.2026".
    pub document: String,
    /// Tiyn; 0 when the row is a credit.
    pub debit: i64,
    /// Tiyn; 0 when the row is a debit.
    pub credit: i64,
}

/// "Акт сверки взаимных расчётов" between the operator and the customer for a period, in the
/// operator's books (the customer's half is its mirror). A positive balance is owed to the
/// operator; a negative one is the customer's advance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciliation {
    /// "по состоянию на": the period's last day.
    pub as_of: NaiveDate,
    pub period: (NaiveDate, NaiveDate),
    pub operator: Party,
    pub customer: Party,
    /// The services it covers, as the manual names them.
    pub services: Vec<String>,
    /// The balance at the start of the period's first day.
    pub opening: i64,
    /// Oldest first.
    pub rows: Vec<ReconciliationRow>,
    /// Sum of the rows' debits.
    pub debit_turnover: i64,
    /// Sum of the rows' credits.
    pub credit_turnover: i64,
    /// `opening + debit_turnover - credit_turnover`.
    pub closing: i64,
    /// When the file was made, Kazakhstan time.
    pub generated_at: NaiveDateTime,
}

impl Reconciliation {
    /// Whether the figures agree: the turnovers are the rows' sums and the closing balance follows.
    pub fn check(&self) -> crate::Result<()> {
        let debit: i64 = self.rows.iter().map(|r| r.debit).sum();
        let credit: i64 = self.rows.iter().map(|r| r.credit).sum();
        if debit != self.debit_turnover
            || credit != self.credit_turnover
            || self.opening + debit - credit != self.closing
        {
            return Err(crate::Error::Table(format!(
                "reconciliation: debit {debit}/{}, credit {credit}/{}, opening {}, closing {}",
                self.debit_turnover, self.credit_turnover, self.opening, self.closing
            )));
        }
        Ok(())
    }
}
