//! The CLI's texts in English, Russian and Kazakh, in one catalogue: the `--help` summaries and
//! what it prints for people. `--json` prints none of them, so scripts read the same output in
//! every language.
//!
//! The language is `--lang kk|ru|en`, else the locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`,
//! as POSIX orders them), else English; it is read once, before the arguments are parsed, so the
//! help is in it too ([`of_process`]) and kept for the run. With `--json` the messages (the
//! portal's refusals too) are English, so the output is the same whatever the locale, while the
//! files asked for are still in the language ([`lang`], [`files_lang`]). Every text is an
//! exhaustive `match` on the language: a fourth language does not compile until it has its words.

use kabinet_core::error::Reason;
use kabinet_core::settings::Language;
use kabinet_core::{Error, ErrorCode};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::sync::OnceLock;

mod commands;
mod help;
mod jobs;
mod messages;
mod options;

pub use commands::*;
pub use help::localized;
pub use jobs::*;
pub use messages::*;

/// The run's languages: of its messages, of the files it makes.
static LANG: OnceLock<(Language, Language)> = OnceLock::new();

/// The language of this run's messages (English until [`set`], and with `--json`).
pub fn lang() -> Language {
    LANG.get().map(|l| l.0).unwrap_or_default()
}

/// The language of the files this run makes (lists, exports, the history): the one asked.
pub fn files_lang() -> Language {
    LANG.get().map(|l| l.1).unwrap_or_default()
}

/// Fixes the languages of this run (the first call wins): `lang` for everything, but English
/// messages for `--json`.
pub fn set(lang: Language, json: bool) {
    let _ = LANG.set((if json { Language::En } else { lang }, lang));
}

/// The language the command line and the environment ask for: `--lang X` (or `--lang=X`), the
/// old `--ru`, else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (POSIX: a set
/// `LC_ALL` decides even when it is not one of ours, then English).
pub fn of_process(args: &[OsString], env: impl Fn(&str) -> Option<String>) -> Language {
    let args: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).take_while(|a| *a != "--").collect();
    for (i, arg) in args.iter().enumerate() {
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.get(i + 1).copied(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(language) = value.and_then(Language::from_locale) {
            return language;
        }
    }
    if args.contains(&"--ru") {
        return Language::Ru;
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| env(name).filter(|v| !v.is_empty()))
        .and_then(|locale| Language::from_locale(&locale))
        .unwrap_or_default()
}

/// `--lang`'s values.
pub fn parse_lang(s: &str) -> Result<Language, String> {
    match s {
        "kk" | "ru" | "en" => Language::from_locale(s).ok_or_else(|| "use kk, ru or en".into()),
        _ => Err("use kk, ru or en".into()),
    }
}

/// A text without values, in the run's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    About,
    DataDir,
    Json,
    Lang,
    Help,
    Version,
    Usage,
    Commands,
    Options,
    Arguments,
    SignedOut,
    NoKeychain,
    Password,
    NoPortal,
    NotSignedIn,
    NoCompany,
    KzTime,
    Full,
    Incremental,
    None,
}

impl T {
    pub fn get(self) -> &'static str {
        self.in_lang(lang())
    }

    pub fn in_lang(self, lang: Language) -> &'static str {
        let [en, ru, kk] = self.texts();
        match lang {
            Language::En => en,
            Language::Ru => ru,
            Language::Kk => kk,
        }
    }

    fn texts(self) -> [&'static str; 3] {
        match self {
            T::About => [
                "Kabinet: the corporate mobile account from a terminal",
                "Kabinet: корпоративный мобильный кабинет из терминала",
                "Kabinet: корпоративтік мобильді кабинет терминалдан",
            ],
            T::DataDir => [
                "Where the cache and the CLI's settings live (default: the desktop app's data folder).",
                "Где хранятся кэш и настройки CLI (по умолчанию — папка данных приложения).",
                "Кэш пен CLI баптаулары сақталатын орын (әдепкі бойынша — қолданбаның деректер қалтасы).",
            ],
            T::Json => [
                "JSON on stdout, for scripts (the same in every language).",
                "JSON в stdout, для скриптов (одинаковый на любом языке).",
                "Скрипттер үшін stdout-қа JSON (кез келген тілде бірдей).",
            ],
            T::Lang => [
                "The language of messages, help and files: kk, ru or en (default: LC_ALL, LC_MESSAGES or LANG; else English).",
                "Язык сообщений, справки и файлов: kk, ru или en (по умолчанию — из LC_ALL, LC_MESSAGES или LANG; иначе английский).",
                "Хабарламалардың, анықтаманың және файлдардың тілі: kk, ru не en (әдепкі бойынша LC_ALL, LC_MESSAGES не LANG; әйтпесе ағылшынша).",
            ],
            T::Help => ["Print help", "Показать справку", "Анықтаманы көрсету"],
            T::Version => ["Print version", "Показать версию", "Нұсқаны көрсету"],
            T::Usage => ["Usage", "Использование", "Қолданылуы"],
            T::Commands => ["Commands", "Команды", "Командалар"],
            T::Options => ["Options", "Параметры", "Параметрлер"],
            T::Arguments => ["Arguments", "Аргументы", "Аргументтер"],
            T::SignedOut => ["Signed out.", "Сеанс завершён.", "Сеанс аяқталды."],
            T::NoKeychain => [
                "No OS keychain here: set KABINET_PASSWORD so later commands can sign in.",
                "Здесь нет хранилища ключей ОС: задайте KABINET_PASSWORD, чтобы следующие команды могли войти.",
                "Мұнда ОЖ кілттер қоймасы жоқ: келесі командалар кіре алуы үшін KABINET_PASSWORD орнатыңыз.",
            ],
            T::Password => ["Password: ", "Пароль: ", "Құпия сөз: "],
            T::NoPortal => [
                "No portal yet: run `kabinet-cli login --portal URL --phone NUMBER` first.",
                "Портал ещё не задан: сначала выполните `kabinet-cli login --portal URL --phone NUMBER`.",
                "Портал әлі берілмеген: алдымен `kabinet-cli login --portal URL --phone NUMBER` орындаңыз.",
            ],
            T::NotSignedIn => [
                "Not signed in: run `kabinet-cli login` (without an OS keychain, set KABINET_PASSWORD so each command can sign in).",
                "Вход не выполнен: выполните `kabinet-cli login` (без хранилища ключей ОС задайте KABINET_PASSWORD, чтобы каждая команда могла войти).",
                "Кіру орындалмаған: `kabinet-cli login` орындаңыз (ОЖ кілттер қоймасы болмаса, әр команда кіре алуы үшін KABINET_PASSWORD орнатыңыз).",
            ],
            T::NoCompany => [
                "You have no company: give --company, or ask for one to be granted.",
                "У вас нет компании: укажите --company или запросите доступ к компании.",
                "Сізде компания жоқ: --company көрсетіңіз немесе компанияға қолжетімділік сұраңыз.",
            ],
            T::KzTime => ["Kazakhstan time", "время Казахстана", "Қазақстан уақыты"],
            T::Full => ["full", "полная", "толық"],
            T::Incremental => ["incremental", "инкрементальная", "өсімді"],
            T::None => ["none", "нет", "жоқ"],
        }
    }
}

/// An error as the CLI prints it, in the run's language. The CLI's own errors are made in it
/// already, and the portal answers in it (`Accept-Language`); what core made on this side in
/// English (a rule's refusal, the portal out of reach, the cache failing) is worded by its
/// reason, else its code, from the protocol's one table (`error::texts`). The cache's and a
/// bad answer's English detail follows in brackets: it is what a support request needs.
pub fn error(e: &Error) -> String {
    use ErrorCode::*;
    let made_here = matches!(e.code, PortalUnreachable | PortalTimeout | InvalidResponse | Cache | NoApplication);
    if e.reason.is_none() && !made_here {
        return e.message.clone();
    }
    match kabinet_core::error::texts::message(e, lang()) {
        Some(text) if matches!(e.code, Cache | InvalidResponse) => format!("{text} ({})", e.message),
        Some(text) => text,
        None => e.message.clone(),
    }
}

/// A refusal kept as its words and names (a bulk run's row, an import's row: `rule` a reason or
/// a code, `code` the code when kept apart), worded in the run's language from the same table
/// as [`error`]; as kept when the table does not know it.
pub fn refusal(
    rule: Option<&str>,
    code: Option<&str>,
    message: &str,
    params: Option<&BTreeMap<String, String>>,
) -> String {
    fn read<T: serde::de::DeserializeOwned>(name: Option<&str>) -> Option<T> {
        serde_json::from_value(serde_json::json!(name?)).ok()
    }
    let reason: Option<Reason> = read(rule).filter(|r| !matches!(r, Reason::Unknown(_)));
    let code: ErrorCode =
        [code, rule].into_iter().find_map(read).filter(|c| *c != ErrorCode::Unknown).unwrap_or(ErrorCode::Unknown);
    let mut e = Error::new(code, message);
    e.reason = reason;
    e.params = params.cloned().map(Box::new);
    kabinet_core::error::texts::message(&e, lang()).unwrap_or_else(|| message.to_string())
}

/// The column headings of a table, by the run's language: `[en, ru, kk]` each.
pub fn headings<const N: usize>(columns: [[&'static str; 3]; N]) -> [&'static str; N] {
    let index = match lang() {
        Language::En => 0,
        Language::Ru => 1,
        Language::Kk => 2,
    };
    columns.map(|c| c[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_lang_then_the_locale_then_english() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        let none = env(&[]);
        assert_eq!(of_process(&args(&["cli", "--help"]), none), Language::En);
        assert_eq!(of_process(&args(&["cli", "--help"]), env(&[("LANG", "kk_KZ.UTF-8")])), Language::Kk);
        let both = env(&[("LANG", "kk_KZ.UTF-8"), ("LC_MESSAGES", "ru_RU.UTF-8")]);
        assert_eq!(of_process(&args(&["cli"]), both), Language::Ru, "LC_MESSAGES before LANG");
        let all = env(&[("LANG", "kk_KZ.UTF-8"), ("LC_ALL", "C.UTF-8")]);
        assert_eq!(of_process(&args(&["cli"]), all), Language::En, "a set LC_ALL decides");
        let kk = env(&[("LANG", "kk_KZ.UTF-8")]);
        assert_eq!(of_process(&args(&["cli", "--lang", "ru", "sync"]), kk), Language::Ru);
        assert_eq!(of_process(&args(&["cli", "sync", "--lang=en"]), kk), Language::En);
        assert_eq!(of_process(&args(&["cli", "export", "--ru"]), none), Language::Ru);
        assert_eq!(of_process(&args(&["cli", "search", "--", "--lang"]), kk), Language::Kk);
    }
}
