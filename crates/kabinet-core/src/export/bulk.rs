//! A bulk run's results as a table: one row per number (number, action, result, reason,
//! request id, time in Kazakhstan), titled with the company and the time it was made. A SIM
//! replacement's action names each number's own new SIM.

use super::{company_title, kz_local, ExportCompany};
use crate::action::Action;
use crate::bulk::{BulkItem, BulkRun, ItemState, RunState};
use crate::settings::Language;
use chrono::{DateTime, Utc};
use kabinet_documents::{Cell, Column, ColumnKind, Table, Title};

/// The file's name: `bulk-<action>-<local time>.xlsx`.
pub fn bulk_file_name(run: &BulkRun, now: DateTime<Utc>) -> String {
    format!("bulk-{}-{}.xlsx", run.action.name(), kz_local(now).format("%Y-%m-%d-%H%M%S"))
}

/// The action as the file shows it, in the user's language.
fn action_label(action: &Action, lang: Language) -> String {
    let pick = |words: [&str; 3]| lang.pick(words).to_string();
    match action {
        Action::Block => pick(["Block", "Блокировка", "Бұғаттау"]),
        Action::Unblock => pick(["Unblock", "Разблокировка", "Бұғаттаудан шығару"]),
        Action::ServiceEnable { service } => {
            format!("{}: {service}", pick(["Enable service", "Подключение услуги", "Қызметті қосу"]))
        }
        Action::ServiceDisable { service } => {
            format!("{}: {service}", pick(["Disable service", "Отключение услуги", "Қызметті ажырату"]))
        }
        Action::BanSet { ban } => {
            format!("{}: {}", pick(["Set ban", "Установка запрета", "Тыйым орнату"]), ban.as_str())
        }
        Action::BanRemove { ban } => {
            format!("{}: {}", pick(["Remove ban", "Снятие запрета", "Тыйымды алу"]), ban.as_str())
        }
        Action::SecretCodeSend => pick(["Send secret code", "Отправка секретного кода", "Құпия кодты жіберу"]),
        Action::SimReplacement { .. } => pick(["SIM card replacement", "Замена SIM-карты", "SIM-картаны ауыстыру"]),
        // A run takes only a bulk action (`bulk::action::check`); another is named by its id.
        other => other.name().to_string(),
    }
}

/// A number's result: done, failed, skipped, and for one never sent "cancelled" (the run was
/// cancelled) or "not run".
fn result_label(state: ItemState, cancelled: bool, lang: Language) -> &'static str {
    lang.pick(match (state, cancelled) {
        (ItemState::Done, _) => ["done", "выполнено", "орындалды"],
        (ItemState::Failed, _) => ["failed", "ошибка", "қате"],
        (ItemState::Skipped, _) => ["skipped", "пропущено", "өткізілді"],
        (ItemState::ToRun | ItemState::Sending, true) => ["cancelled", "отменено", "тоқтатылды"],
        (ItemState::ToRun | ItemState::Sending, false) => ["not run", "не выполнено", "орындалмады"],
    })
}

/// The run's items as a table.
pub fn bulk_table(
    run: &BulkRun,
    items: &[BulkItem],
    company: &ExportCompany,
    lang: Language,
    now: DateTime<Utc>,
) -> Table {
    let what = lang.pick(["Bulk action", "Массовое действие", "Жаппай әрекет"]);
    let headers = lang.pick([
        ["Number", "Action", "Result", "Reason", "Request", "Time (UTC+5)"],
        ["Номер", "Действие", "Результат", "Причина", "Заявка", "Время (UTC+5)"],
        ["Нөмір", "Әрекет", "Нәтиже", "Себебі", "Өтінім", "Уақыты (UTC+5)"],
    ]);
    let kinds = [
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::DateTime,
    ];
    let action = action_label(&run.action, lang);
    let cancelled = run.state == RunState::Cancelled;
    let rows = items
        .iter()
        .map(|item| {
            vec![
                Cell::text(&item.msisdn),
                match &item.iccid {
                    Some(iccid) => Cell::text(format!("{action}: {iccid}")),
                    None => Cell::text(&action),
                },
                Cell::text(result_label(item.state, cancelled, lang)),
                item.message.as_ref().or(item.reason.as_ref()).map_or(Cell::Empty, Cell::text),
                item.request_id.as_ref().map_or(Cell::Empty, Cell::text),
                item.finished_at.map_or(Cell::Empty, |t| Cell::DateTime(kz_local(t))),
            ]
        })
        .collect();
    Table {
        sheet: what.into(),
        title: Title { notes: vec![action.clone()], ..company_title(what, company, None, lang, now) },
        columns: headers.iter().zip(kinds).map(|(h, k)| Column::new(*h, k)).collect(),
        rows,
        totals: None,
    }
}
