//! The payments report the portal e-mails for one number and period.

use super::kz_local;
use crate::{Cell, Column, ColumnKind, Table, Title};
use kabinet_protocol::api::{PaymentChannel, PaymentsReport};
use kabinet_protocol::Language;

/// The payments report's file name: `payments-<number>-<from>-<to>.xlsx` (the number as the
/// portal sent it, made safe like a company's name).
pub fn payments_file_name(msisdn: &str, from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    let number = crate::file_name::safe_component(msisdn, "number");
    format!("payments-{number}-{from}-{to}.xlsx")
}

pub fn channel_label(channel: &PaymentChannel, lang: Language) -> &str {
    match (channel, lang) {
        (PaymentChannel::BankTransfer, Language::En) => "Bank transfer",
        (PaymentChannel::Card, Language::En) => "Bank card",
        (PaymentChannel::Kaspi, Language::En) => "Kaspi.kz",
        (PaymentChannel::Terminal, Language::En) => "Payment terminal",
        (PaymentChannel::BalanceTransfer, Language::En) => "Balance transfer",
        (PaymentChannel::BankTransfer, Language::Ru) => "Банковский перевод",
        (PaymentChannel::Card, Language::Ru) => "Банковская карта",
        (PaymentChannel::Kaspi, Language::Ru) => "Kaspi.kz",
        (PaymentChannel::Terminal, Language::Ru) => "Платёжный терминал",
        (PaymentChannel::BalanceTransfer, Language::Ru) => "Перевод баланса",
        (PaymentChannel::BankTransfer, Language::Kk) => "Банктік аударым",
        (PaymentChannel::Card, Language::Kk) => "Банк картасы",
        (PaymentChannel::Kaspi, Language::Kk) => "Kaspi.kz",
        (PaymentChannel::Terminal, Language::Kk) => "Төлем терминалы",
        (PaymentChannel::BalanceTransfer, Language::Kk) => "Теңгерімді аудару",
        (PaymentChannel::Unknown(raw), _) => raw,
    }
}

/// The payments report as a table: the number, the period, one row per payment (date and time
/// in Kazakhstan, amount, method, document number) and the total; generated when it was sent.
pub fn payments_table(report: &PaymentsReport, lang: Language) -> Table {
    let headers = lang.pick([
        ["Date and time (UTC+5)", "Amount, ₸", "Payment method", "Document number"],
        ["Дата и время (UTC+5)", "Сумма, ₸", "Способ оплаты", "Номер документа"],
        ["Күні мен уақыты (UTC+5)", "Сомасы, ₸", "Төлем тәсілі", "Құжат нөмірі"],
    ]);
    let kinds = [ColumnKind::DateTime, ColumnKind::Money, ColumnKind::Text, ColumnKind::Text];
    Table {
        sheet: lang.pick(["Payments", "Платежи", "Төлемдер"]).into(),
        title: Title {
            what: lang.pick(["Payments report", "Отчёт по платежам", "Төлемдер бойынша есеп"]).into(),
            company: None,
            bin: None,
            number: Some(report.msisdn.clone()),
            period: Some((report.from, report.to)),
            generated_at: kz_local(report.sent_at),
            lang,
            notes: Vec::new(),
        },
        columns: headers.iter().zip(kinds).map(|(h, k)| Column::new(*h, k)).collect(),
        rows: report
            .payments
            .iter()
            .map(|p| {
                vec![
                    Cell::DateTime(kz_local(p.at)),
                    Cell::Money(p.amount.0),
                    Cell::text(channel_label(&p.channel, lang)),
                    Cell::text(&p.reference),
                ]
            })
            .collect(),
        totals: Some(vec![Cell::text(lang.pick(["Total", "Итого", "Барлығы"])), Cell::Money(report.total.0)]),
    }
}

/// The payments report as XLSX bytes ([`payments_table`]). Bytes, not a file: the sandbox
/// attaches them to an e-mail and the app keeps them in its cache.
pub fn payments_xlsx(report: &PaymentsReport, lang: Language) -> Result<Vec<u8>, crate::Error> {
    crate::xlsx(&payments_table(report, lang))
}
