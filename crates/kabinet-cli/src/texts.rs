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

use clap::{Arg, Command};
use kabinet_core::settings::Language;
use std::ffi::OsString;
use std::sync::OnceLock;

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
    Ru,
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
            T::Ru => [
                "Same as --lang ru (kept for existing scripts).",
                "То же, что --lang ru (оставлено для существующих скриптов).",
                "--lang ru-мен бірдей (бар скрипттер үшін қалдырылған).",
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

/// The commands' one-line summaries (`kabinet-cli --help`, and each command's own help).
fn command_about(name: &str, lang: Language) -> Option<&'static str> {
    let [en, ru, kk] = match name {
        "login" => [
            "Signs in to a portal and remembers it (and the session, in the OS keychain).",
            "Входит на портал и запоминает его (и сеанс — в хранилище ключей ОС).",
            "Порталға кіреді және оны есте сақтайды (сеансты — ОЖ кілттер қоймасында).",
        ],
        "logout" => ["Ends the session.", "Завершает сеанс.", "Сеансты аяқтайды."],
        "companies" => ["The companies granted to you.", "Компании, доступные вам.", "Сізге қолжетімді компаниялар."],
        "sync" => [
            "Downloads a company's numbers into the cache (full the first time, then only changes).",
            "Загружает номера компании в кэш (в первый раз все, затем только изменения).",
            "Компанияның нөмірлерін кэшке жүктейді (алғашқыда бәрін, содан кейін тек өзгерістерді).",
        ],
        "search" => [
            "Searches the cached numbers list by any part of a number or account, a tariff or a state.",
            "Ищет в списке номеров из кэша по части номера или лицевого счёта, тарифу или состоянию.",
            "Кэштегі нөмірлер тізімінен нөмірдің не дербес шоттың бөлігі, тариф не күй бойынша іздейді.",
        ],
        "show" => [
            "Shows a number's profile (from the portal, or the cache when offline), in Kazakhstan time (UTC+5).",
            "Показывает профиль номера (с портала или из кэша без связи), по времени Казахстана (UTC+5).",
            "Нөмірдің профилін көрсетеді (порталдан, байланыс болмаса кэштен), Қазақстан уақытымен (UTC+5).",
        ],
        "export" => [
            "Writes the (filtered) cached numbers list to a file (xlsx or csv), its headers in the CLI's language.",
            "Записывает (отфильтрованный) список номеров из кэша в файл (xlsx или csv), заголовки на языке CLI.",
            "Кэштегі (сүзілген) нөмірлер тізімін файлға (xlsx не csv) жазады, тақырыптары CLI тілінде.",
        ],
        "report" => [
            "Asks for a company report, waits for it, and saves the file (to --out and the library).",
            "Запрашивает отчёт компании, ждёт его и сохраняет файл (в --out и в библиотеку).",
            "Компания есебін сұрайды, оны күтеді және файлды сақтайды (--out-қа және кітапханаға).",
        ],
        "bulk" => [
            "One action on many numbers: previewed, confirmed, run a few at a time, one result per number; Ctrl-C cancels between numbers and --resume goes on.",
            "Одно действие над многими номерами: предпросмотр, подтверждение, выполнение по несколько, результат по каждому номеру; Ctrl-C прерывает между номерами, --resume продолжает.",
            "Көп нөмірге бір әрекет: алдын ала қарау, растау, бірнешеуден орындау, әр нөмірге бір нәтиже; Ctrl-C нөмірлер арасында тоқтатады, --resume жалғастырады.",
        ],
        "invoice" => [
            "Finds the invoice with a registration or accounting number and the numbers it bills.",
            "Находит счёт-фактуру по регистрационному или учётному номеру и номера, которые она включает.",
            "Тіркеу не есепке алу нөмірі бойынша шот-фактураны және ол қамтитын нөмірлерді табады.",
        ],
        "history" => [
            "The company's actions history: what its administrators did in a period.",
            "История действий компании: что делали её администраторы за период.",
            "Компанияның әрекеттер тарихы: оның әкімшілері кезең ішінде не істеді.",
        ],
        "changes" => [
            "What changed in a company's numbers since a day, as each sync found it (exit code 0 when anything matched, 1 when nothing did).",
            "Что изменилось в номерах компании с указанного дня, по данным синхронизаций (код выхода 0, если что-то нашлось, 1 — если нет).",
            "Көрсетілген күннен бері компания нөмірлерінде не өзгерді, әр синхрондау тапқандай (бірдеңе табылса шығу коды 0, әйтпесе 1).",
        ],
        "labels" => [
            "Who uses each number (employee, department, cost centre, tags): show, set, import, undo. Kept in the local cache only.",
            "Кто пользуется каждым номером (сотрудник, отдел, центр затрат, метки): показать, задать, импортировать, отменить. Хранится только в локальном кэше.",
            "Әр нөмірді кім пайдаланады (қызметкер, бөлім, шығын орталығы, белгілер): көрсету, орнату, импорттау, болдырмау. Тек жергілікті кэште сақталады.",
        ],
        "spend" => [
            "The chargeback: spend by cost centre and month (net, VAT, total) and the numbers under each, as XLSX.",
            "Распределение затрат: расходы по центрам затрат и месяцам (без НДС, НДС, итого) и номера в каждом, в XLSX.",
            "Шығындарды бөлу: шығын орталықтары мен айлар бойынша шығыстар (ҚҚС-сыз, ҚҚС, барлығы) және әрқайсысының нөмірлері, XLSX түрінде.",
        ],
        "pending" => [
            "Lists the actions whose answer never arrived, and settles them (--resolve asks the portal, --dismiss forgets one).",
            "Показывает действия, ответ на которые не пришёл, и завершает их (--resolve спрашивает портал, --dismiss забывает).",
            "Жауабы келмеген әрекеттерді көрсетеді және оларды аяқтайды (--resolve порталдан сұрайды, --dismiss ұмытады).",
        ],
        _ => return None,
    };
    Some(match lang {
        Language::En => en,
        Language::Ru => ru,
        Language::Kk => kk,
    })
}

/// `command` (the derived one) with its help in `lang`: the summaries, the global options and
/// the headings; `--ru` says it is `--lang ru`.
pub fn localized(command: Command, lang: Language) -> Command {
    let template =
        format!("{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}", T::Usage.in_lang(lang));
    let (options, arguments) = (T::Options.in_lang(lang), T::Arguments.in_lang(lang));
    let in_options = move |a: Arg| match (a.get_help_heading(), a.is_positional()) {
        (Some(_), _) => a,
        (None, true) => a.help_heading(arguments),
        (None, false) => a.help_heading(options),
    };
    let mut command = command
        .about(T::About.in_lang(lang))
        .help_template(template.clone())
        .subcommand_help_heading(T::Commands.in_lang(lang))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_arg(lang))
        .arg(
            Arg::new("version")
                .long("version")
                .short('V')
                .action(clap::ArgAction::Version)
                .help(T::Version.in_lang(lang)),
        )
        .mut_arg("data_dir", |a| a.help(T::DataDir.in_lang(lang)))
        .mut_arg("json", |a| a.help(T::Json.in_lang(lang)))
        .mut_arg("lang", |a| a.help(T::Lang.in_lang(lang)))
        .disable_help_subcommand(true);
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| {
            let mut sub = sub.help_template(template.clone()).disable_help_flag(true).arg(help_arg(lang));
            if let Some(about) = command_about(&name, lang) {
                sub = sub.about(about);
            }
            if sub.get_arguments().any(|a| a.get_id() == "ru") {
                sub = sub.mut_arg("ru", |a| a.help(T::Ru.in_lang(lang)));
            }
            if ["login", "sync", "search", "show", "export"].contains(&name.as_str()) {
                sub = sub.mut_args(|a| match arg_help(a.get_id().as_str()) {
                    Some(texts) => a.help(lang.pick(texts)),
                    None => a,
                });
            }
            sub.mut_args(in_options)
        });
    }
    command.mut_args(in_options)
}

/// The options of the commands `main.rs` defines (login, sync, search, show, export), by id.
fn arg_help(id: &str) -> Option<[&'static str; 3]> {
    Some(match id {
        "portal" => [
            "The portal's address, e.g. https://portal.example.kz/",
            "Адрес портала, например https://portal.example.kz/",
            "Порталдың мекенжайы, мысалы https://portal.example.kz/",
        ],
        "phone" => [
            "The administrator's number, 11 digits starting with 7.",
            "Номер администратора: 11 цифр, начиная с 7.",
            "Әкімшінің нөмірі: 7-ден басталатын 11 цифр.",
        ],
        "password" => [
            "The password (better: set KABINET_PASSWORD, or type it when asked).",
            "Пароль (лучше задать KABINET_PASSWORD или ввести по запросу).",
            "Құпия сөз (KABINET_PASSWORD орнатқан не сұралғанда енгізген дұрыс).",
        ],
        "company" => [
            "The company's id (see `companies`).",
            "Идентификатор компании (см. `companies`).",
            "Компанияның идентификаторы (`companies` қараңыз).",
        ],
        "full" => ["Download everything again.", "Загрузить всё заново.", "Бәрін қайта жүктеу."],
        "query" => [
            "Text to look for; empty lists everything.",
            "Что искать; пусто — весь список.",
            "Іздейтін мәтін; бос болса — бүкіл тізім.",
        ],
        "state" => [
            "active, blocked, in_process or blocked_debt.",
            "active, blocked, in_process или blocked_debt.",
            "active, blocked, in_process не blocked_debt.",
        ],
        "tariff" => {
            ["Only the numbers of this tariff.", "Только номера с этим тарифом.", "Тек осы тарифтегі нөмірлер."]
        }
        "department" => {
            ["Only the numbers of this department.", "Только номера этого отдела.", "Тек осы бөлімнің нөмірлері."]
        }
        "cost_centre" => [
            "Only the numbers of this cost centre (its code).",
            "Только номера этого ЦФО (по коду).",
            "Тек осы шығын орталығының нөмірлері (коды бойынша).",
        ],
        "tag" => ["Only the numbers with this tag.", "Только номера с этой меткой.", "Тек осы белгісі бар нөмірлер."],
        "sort" => [
            "number, account, tariff, payment_method, state, available_funds or balance.",
            "number, account, tariff, payment_method, state, available_funds или balance.",
            "number, account, tariff, payment_method, state, available_funds не balance.",
        ],
        "desc" => [
            "Largest first (or Z to A).",
            "Сначала наибольшие (или от Я до А).",
            "Алдымен ең үлкені (не Я-дан А-ға дейін).",
        ],
        "offset" => [
            "Rows to skip (0 or more).",
            "Сколько строк пропустить (0 или больше).",
            "Өткізіп жіберілетін жолдар (0 не одан көп).",
        ],
        "limit" => [
            "Rows to show, 1 to 500.",
            "Сколько строк показать, от 1 до 500.",
            "Көрсетілетін жолдар, 1-ден 500-ге дейін.",
        ],
        "msisdn" => ["The number, e.g. 77010542007.", "Номер, например 77010542007.", "Нөмір, мысалы 77010542007."],
        "format" => ["xlsx or csv.", "xlsx или csv.", "xlsx не csv."],
        "output" => ["The file to write.", "Файл, в который записать.", "Жазылатын файл."],
        _ => return None,
    })
}

fn help_arg(lang: Language) -> Arg {
    Arg::new("help").long("help").short('h').action(clap::ArgAction::Help).help(T::Help.in_lang(lang)).global(true)
}

// ---- texts with values ----------------------------------------------------------------------

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
