//! The company's actions history as XLSX: the rows the administrator sees (a period, perhaps
//! filtered by number and by action), titled with the company, its BIN, the period, the filter
//! and the time it was made. A row's action is worded from its kind in the file's language
//! (the portal's text for a row without a kind this version knows).

use super::{company_title, kz_local, ExportCompany};
use crate::api::ActionRecord;
use crate::settings::Language;
use chrono::{DateTime, NaiveDate, Utc};
use kabinet_documents::{Cell, Column, ColumnKind, Table, Title};

/// The file's name: `actions-<from>-<to>.xlsx`.
pub fn actions_file_name(from: NaiveDate, to: NaiveDate) -> String {
    format!("actions-{from}-{to}.xlsx")
}

/// The history as a table: date and time (Kazakhstan), action, status, administrator, their
/// phone, number; `filter` is the filter's description (a title line) when one is applied.
pub fn actions_table(
    items: &[ActionRecord],
    company: &ExportCompany,
    (from, to): (NaiveDate, NaiveDate),
    filter: Option<String>,
    lang: Language,
    now: DateTime<Utc>,
) -> Table {
    let headers = lang.pick([
        ["Date and time (UTC+5)", "Action", "Status", "Administrator", "Administrator's phone", "Number"],
        ["Дата и время (UTC+5)", "Действие", "Статус", "Администратор", "Телефон администратора", "Номер"],
        ["Күні мен уақыты (UTC+5)", "Әрекет", "Мәртебе", "Әкімші", "Әкімшінің телефоны", "Нөмір"],
    ]);
    let what = lang.pick(["Actions history", "История действий", "Әрекеттер тарихы"]);
    let kinds = [
        ColumnKind::DateTime,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
    ];
    let rows = items
        .iter()
        .map(|a| {
            vec![
                Cell::DateTime(kz_local(a.at)),
                Cell::text(action_words(a, lang)),
                Cell::text(&a.status),
                Cell::text(&a.admin_name),
                Cell::text(&a.admin_phone),
                a.msisdn.as_ref().map_or(Cell::Empty, Cell::text),
            ]
        })
        .collect();
    Table {
        sheet: what.into(),
        title: Title {
            notes: filter.map(|f| format!("{}: {f}", lang.pick(["Filter", "Фильтр", "Сүзгі"]))).into_iter().collect(),
            ..company_title(what, company, Some((from, to)), lang, now)
        },
        columns: headers.iter().zip(kinds).map(|(h, k)| Column::new(*h, k)).collect(),
        rows,
        totals: None,
    }
}

/// A row's action in `lang`: from its kind when this version knows it, else the portal's text.
pub fn action_words(record: &ActionRecord, lang: Language) -> String {
    match record.kind {
        Some(_) => record.history_action().words(lang),
        None => record.action.clone(),
    }
}

/// The history's XLSX bytes.
pub fn actions_xlsx(
    items: &[ActionRecord],
    company: &ExportCompany,
    period: (NaiveDate, NaiveDate),
    filter: Option<String>,
    lang: Language,
) -> crate::error::Result<Vec<u8>> {
    Ok(kabinet_documents::xlsx(&actions_table(items, company, period, filter, lang, Utc::now()))?)
}
