//! The operator's report files that both ends make from the same data: the portal when it
//! e-mails a report, the app when it keeps or exports one (the numbers report, the payments
//! report), and the labels and title blocks every file shares. Built here, beside the writers,
//! so the sandbox's file and the app's are the same table.

mod numbers_report;
mod payments;

pub use numbers_report::numbers_report_table;
pub use payments::{channel_label, payments_file_name, payments_table, payments_xlsx};

use crate::Title;
use chrono::{DateTime, Utc};
use kabinet_protocol::api::{NumberState, PaymentMethod};
use kabinet_protocol::Language;

/// Whose export it is, as the caller knows it: for the title block of an XLSX file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportCompany {
    pub name: Option<String>,
    pub bin: Option<String>,
}

/// A moment as Kazakhstan's wall-clock time, how every file shows it.
pub fn kz_local(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    at.with_timezone(&kabinet_protocol::kz::offset()).naive_local()
}

/// The title block of a company's file: what it is, the company and its BIN, the period it
/// covers, and when it was made (`now`, in Kazakhstan time).
pub fn company_title(
    what: &str,
    company: &ExportCompany,
    period: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    lang: Language,
    now: DateTime<Utc>,
) -> Title {
    Title {
        what: what.into(),
        company: company.name.clone(),
        bin: company.bin.clone(),
        number: None,
        period,
        generated_at: kz_local(now),
        lang,
        notes: Vec::new(),
    }
}

/// A number's state as a file shows it.
pub fn state_label(state: &NumberState, lang: Language) -> &str {
    match (state, lang) {
        (NumberState::Active, Language::En) => "Active",
        (NumberState::Blocked, Language::En) => "Blocked",
        (NumberState::InProcess, Language::En) => "In process",
        (NumberState::BlockedDebt, Language::En) => "Blocked / Debt",
        (NumberState::Active, Language::Ru) => "Активен",
        (NumberState::Blocked, Language::Ru) => "Заблокирован",
        (NumberState::InProcess, Language::Ru) => "В обработке",
        (NumberState::BlockedDebt, Language::Ru) => "Заблокирован / Долг",
        (NumberState::Active, Language::Kk) => "Белсенді",
        (NumberState::Blocked, Language::Kk) => "Бұғатталған",
        (NumberState::InProcess, Language::Kk) => "Өңделуде",
        (NumberState::BlockedDebt, Language::Kk) => "Бұғатталған / Қарыз",
        // A state this version does not know: as the portal sent it.
        (NumberState::Unknown(raw), _) => raw,
    }
}

/// A number's billing method as a file shows it.
pub fn payment_label(method: &PaymentMethod, lang: Language) -> &str {
    match (method, lang) {
        (PaymentMethod::Credit, Language::En) => "Credit",
        (PaymentMethod::Advance, Language::En) => "Advance",
        (PaymentMethod::Credit, Language::Ru) => "Кредитный",
        (PaymentMethod::Advance, Language::Ru) => "Авансовый",
        (PaymentMethod::Credit, Language::Kk) => "Кредиттік",
        (PaymentMethod::Advance, Language::Kk) => "Аванстық",
        (PaymentMethod::Unknown(raw), _) => raw,
    }
}
