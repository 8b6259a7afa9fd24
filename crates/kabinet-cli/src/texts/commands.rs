//! The texts with values of `labels`, `spend`, `report`, `bulk` and `pending`: each one's words in
//! the run's language (English with `--json`, whose output has none of them). Counts are written
//! so that no plural agrees with them ("номеров: 3", "3 нөмір"), as the app's texts do.

use super::lang;
use kabinet_core::settings::Language;

/// `[en, ru, kk]` in the run's language.
fn pick(texts: [String; 3]) -> String {
    lang().pick(texts)
}

// ---- labels ---------------------------------------------------------------------------------

pub fn labels_set(numbers: impl std::fmt::Display, change: impl std::fmt::Display) -> String {
    pick([
        format!("Labels of {numbers} numbers set (change {change}; `labels undo` takes it back)."),
        format!("Метки заданы, номеров: {numbers} (изменение {change}; `labels undo` отменит его)."),
        format!("{numbers} нөмірдің белгілері орнатылды ({change} өзгеріс; `labels undo` оны болдырмайды)."),
    ])
}

pub fn labels_imported(numbers: impl std::fmt::Display, change: impl std::fmt::Display) -> String {
    pick([
        format!("Imported: {numbers} numbers changed (change {change}; `labels undo` takes it back)."),
        format!("Импортировано: изменено номеров: {numbers} (изменение {change}; `labels undo` отменит его)."),
        format!("Импортталды: {numbers} нөмір өзгерді ({change} өзгеріс; `labels undo` оны болдырмайды)."),
    ])
}

pub fn labels_not_written(changed: impl std::fmt::Display) -> String {
    pick([
        format!("Nothing is written yet: run again with --apply to apply the {changed} changes."),
        format!("Пока ничего не записано: запустите снова с --apply, чтобы применить изменения ({changed})."),
        format!("Әзірге ештеңе жазылмады: {changed} өзгерісті қолдану үшін --apply арқылы қайта іске қосыңыз."),
    ])
}

pub fn labels_nothing_to_undo() -> String {
    pick([
        "There is no change of the labels to undo.".into(),
        "Нет изменения меток, которое можно отменить.".into(),
        "Болдырмайтын белгілер өзгерісі жоқ.".into(),
    ])
}

pub fn labels_undone(change: impl std::fmt::Display, kind: &str, restored: impl std::fmt::Display) -> String {
    pick([
        format!("Change {change} ({kind}) undone: {restored} numbers restored."),
        format!("Изменение {change} ({kind}) отменено: восстановлено номеров: {restored}."),
        format!("{change} өзгеріс ({kind}) болдырылмады: {restored} нөмір қалпына келтірілді."),
    ])
}

pub fn import_plan(changed: u64, unchanged: u64, unknown: u64, malformed: u64) -> String {
    pick([
        format!("{changed} to change, {unchanged} unchanged, {unknown} not the company's numbers, {malformed} that cannot be read"),
        format!("изменится: {changed}, без изменений: {unchanged}, не номера компании: {unknown}, не прочитано: {malformed}"),
        format!("{changed} өзгереді, {unchanged} өзгеріссіз, {unknown} компанияның нөмірі емес, {malformed} оқылмады"),
    ])
}

pub fn columns_not_read(columns: &str) -> String {
    pick([
        format!("Columns not read: {columns}"),
        format!("Не прочитаны столбцы: {columns}"),
        format!("Оқылмаған бағандар: {columns}"),
    ])
}

pub fn line_not_in_company(line: impl std::fmt::Display, written: &str) -> String {
    pick([
        format!("  line {line}: {written} is not one of the company's numbers"),
        format!("  строка {line}: {written} — не номер компании"),
        format!("  {line}-жол: {written} компанияның нөмірі емес"),
    ])
}

pub fn line_unreadable(line: impl std::fmt::Display, field: &str, message: &str) -> String {
    pick([
        format!("  line {line} ({field}): {message}"),
        format!("  строка {line} ({field}): {message}"),
        format!("  {line}-жол ({field}): {message}"),
    ])
}

// ---- spend ----------------------------------------------------------------------------------

pub fn spend_fetched(months: usize, numbers: impl std::fmt::Display) -> String {
    pick([
        format!("spend: fetched {months} months of {numbers} numbers"),
        format!("расходы: получены начисления за месяцев: {months}, номеров: {numbers}"),
        format!("шығыстар: {numbers} нөмірдің {months} айдың шығыстары алынды"),
    ])
}

pub fn spend_offline(why: &str) -> String {
    pick([
        format!("spend: the portal cannot be reached ({why}); using the charges kept here"),
        format!("расходы: портал недоступен ({why}); используются сохранённые начисления"),
        format!("шығыстар: портал қолжетімсіз ({why}); сақталған есептеулер пайдаланылады"),
    ])
}

/// From `from` to `to`, months.
pub fn months_range(from: impl std::fmt::Display, to: impl std::fmt::Display) -> String {
    pick([format!("{from} to {to}"), format!("{from} – {to}"), format!("{from} – {to}")])
}

/// A file saved (`bytes` when told) and kept in the library.
pub fn saved(file: &str, bytes: Option<u64>, path: &str) -> String {
    match bytes {
        Some(b) => pick([
            format!("Saved {file} ({b} bytes) to {path}; it is in the library too."),
            format!("{file} ({b} байт) сохранён в {path}; он есть и в библиотеке документов."),
            format!("{file} ({b} байт) {path} орнына сақталды; ол құжаттар кітапханасында да бар."),
        ]),
        None => pick([
            format!("Saved {file} to {path}; it is in the library too."),
            format!("{file} сохранён в {path}; он есть и в библиотеке документов."),
            format!("{file} {path} орнына сақталды; ол құжаттар кітапханасында да бар."),
        ]),
    }
}

/// A breakdown file imported: its month, account, numbers (`others` not in the company's list)
/// and amounts, already written as money.
pub fn spend_imported(
    name: &str,
    month: &str,
    account: &str,
    numbers: usize,
    others: usize,
    sums: [String; 3],
) -> String {
    let [total, net, vat] = sums;
    let others = match (others, lang()) {
        (0, _) => String::new(),
        (n, Language::En) => format!(" ({n} not in the company's list, kept)"),
        (n, Language::Ru) => format!(" (не в списке компании: {n}, сохранены)"),
        (n, Language::Kk) => format!(" ({n} компания тізімінде жоқ, сақталды)"),
    };
    pick([
        format!("{name}: {month} account {account}, {numbers} numbers{others}, total {total} (net {net}, VAT {vat})"),
        format!("{name}: {month}, лицевой счёт {account}, номеров: {numbers}{others}, итого {total} (без НДС {net}, НДС {vat})"),
        format!("{name}: {month}, дербес шот {account}, {numbers} нөмір{others}, барлығы {total} (ҚҚС-сыз {net}, ҚҚС {vat})"),
    ])
}
