//! The texts with values of the commands `main.rs` runs (login, sync, search, show, export):
//! each one's words in the run's language, the values where that language puts them.

use super::lang;
use kabinet_core::settings::Language;

pub fn signed_in(name: &str, phone: &str) -> String {
    match lang() {
        Language::En => format!("Signed in as {name} ({phone})."),
        Language::Ru => format!("Вы вошли как {name} ({phone})."),
        Language::Kk => format!("{name} ({phone}) ретінде кірдіңіз."),
    }
}

/// A number's state and since when (Kazakh puts "since" after the time).
pub fn state_since(state: &str, when: &str) -> String {
    match lang() {
        Language::En => format!("{state} since {when}"),
        Language::Ru => format!("{state} с {when}"),
        Language::Kk => format!("{state}, {when} бастап"),
    }
}

pub fn offline_as_of(when: &str) -> String {
    match lang() {
        Language::En => format!(" [offline: data as of {when}]"),
        Language::Ru => format!(" [без связи: данные на {when}]"),
        Language::Kk => format!(" [байланыссыз: {when} кездегі деректер]"),
    }
}

/// `kabinet-cli sync`'s line: `full` or `incremental` is [`T::Full`] or [`T::Incremental`].
pub fn synced(company: i64, kind: &str, written: u64) -> String {
    match lang() {
        Language::En => format!("Company {company}: {kind} sync wrote {written} numbers."),
        Language::Ru => format!("Компания {company}: {kind} синхронизация, записано номеров: {written}."),
        Language::Kk => format!("{company} компаниясы: {kind} синхрондау, жазылған нөмірлер: {written}."),
    }
}

/// The progress of a sync on stderr: `total` when the portal said how many.
pub fn sync_progress(fetched: u64, total: Option<u64>) -> String {
    match (lang(), total) {
        (Language::En, Some(t)) => format!("sync: {fetched} of {t} numbers"),
        (Language::En, None) => format!("sync: {fetched} changed numbers"),
        (Language::Ru, Some(t)) => format!("синхронизация: {fetched} из {t} номеров"),
        (Language::Ru, None) => format!("синхронизация: изменённых номеров {fetched}"),
        (Language::Kk, Some(t)) => format!("синхрондау: {t} нөмірдің {fetched}"),
        (Language::Kk, None) => format!("синхрондау: өзгерген нөмірлер {fetched}"),
    }
}

/// Which rows of how many a window of the list shows (1-based, `first` to `last`).
pub fn window(first: i64, last: Option<i64>, total: i64) -> String {
    match (lang(), last) {
        (Language::En, Some(last)) => format!("{first} to {last} of {total}"),
        (Language::En, None) => format!("none from {first} of {total}"),
        (Language::Ru, Some(last)) => format!("{first}–{last} из {total}"),
        (Language::Ru, None) => format!("нет, начиная с {first}, из {total}"),
        (Language::Kk, Some(last)) => format!("{total} ішінен {first}–{last}"),
        (Language::Kk, None) => format!("{total} ішінен {first}-ден бастап жоқ"),
    }
}

pub fn exporting(count: usize, path: &str) -> String {
    match lang() {
        Language::En => format!("export: writing {count} numbers to {path}"),
        Language::Ru => format!("экспорт: запись номеров ({count}) в {path}"),
        Language::Kk => format!("экспорт: {count} нөмір {path} файлына жазылуда"),
    }
}

pub fn exported(count: usize, path: &str) -> String {
    match lang() {
        Language::En => format!("Wrote {count} numbers to {path}."),
        Language::Ru => format!("Записано номеров: {count}, в {path}."),
        Language::Kk => format!("{path} файлына {count} нөмір жазылды."),
    }
}

pub fn unknown_state(state: &str) -> String {
    match lang() {
        Language::En => format!("Unknown state {state:?}: use active, blocked, in_process or blocked_debt."),
        Language::Ru => {
            format!("Неизвестное состояние {state:?}: укажите active, blocked, in_process или blocked_debt.")
        }
        Language::Kk => format!("Белгісіз күй {state:?}: active, blocked, in_process не blocked_debt көрсетіңіз."),
    }
}

/// The cache could not be opened: `moved_to` where it went, or `None` when this run keeps its
/// data in memory.
pub fn cache_recovered(reason: &str, moved_to: Option<&str>) -> String {
    match (lang(), moved_to) {
        (Language::En, Some(m)) => format!("The cache could not be opened ({reason}); it was moved to {m}."),
        (Language::En, None) => format!("The cache could not be opened ({reason}); this run keeps its data in memory."),
        (Language::Ru, Some(m)) => format!("Кэш не открылся ({reason}); он перенесён в {m}."),
        (Language::Ru, None) => format!("Кэш не открылся ({reason}); этот запуск хранит данные в памяти."),
        (Language::Kk, Some(m)) => format!("Кэш ашылмады ({reason}); ол {m} орнына көшірілді."),
        (Language::Kk, None) => format!("Кэш ашылмады ({reason}); бұл іске қосу деректерді жадта сақтайды."),
    }
}
