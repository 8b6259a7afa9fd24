//! The `--help` of every command in the run's language: clap derives the commands (`main.rs` and
//! each command's module), then [`localized`] gives each its summary, its options' help, its
//! exit codes and the headings from the catalogue, walking the subcommands (`labels show`,
//! `spend import`). The options' texts are in `options.rs`.
//!
//! clap writes `[default: …]`, `[env: …]` and `[possible values: …]` itself and offers no hook
//! for their words, so they stay English; so do its parse errors (`error: unexpected argument`).

use super::options::arg_help;
use super::T;
use clap::{Arg, Command};
use kabinet_core::settings::Language;

/// `command` (the derived one) with its help in `lang`: the summaries, the options, the exit
/// codes and the headings; `--ru` says it is `--lang ru`.
pub fn localized(command: Command, lang: Language) -> Command {
    let template =
        format!("{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}", T::Usage.in_lang(lang));
    let command = command
        .about(T::About.in_lang(lang))
        .help_template(template.clone())
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
        .mut_arg("lang", |a| a.help(T::Lang.in_lang(lang)));
    in_headings(subcommands(command, "", lang, &template), lang)
}

/// Each subcommand of `command` (whose path is `path`, "" for the root) in `lang`, and theirs.
fn subcommands(mut command: Command, path: &str, lang: Language, template: &str) -> Command {
    command = command.subcommand_help_heading(T::Commands.in_lang(lang)).disable_help_subcommand(true);
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        let path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        command = command.mut_subcommand(&name, |sub| {
            let mut sub = sub.help_template(template.to_string()).disable_help_flag(true).arg(help_arg(lang));
            if let Some(about) = command_about(&path) {
                sub = sub.about(lang.pick(about));
            }
            if let Some(codes) = exit_codes(&path) {
                sub = sub.after_help(lang.pick(codes));
            }
            sub = sub.mut_args(|a| {
                let id = a.get_id().as_str().to_string();
                if path == "bulk" && id == "action" {
                    return a.help(crate::bulk::action_help(lang));
                }
                match arg_help(&path, &id) {
                    Some(texts) => a.help(lang.pick(texts)),
                    None => a,
                }
            });
            in_headings(subcommands(sub, &path, lang, template), lang)
        });
    }
    command
}

/// The options under "Options" and the positional ones under "Arguments", in `lang`.
fn in_headings(command: Command, lang: Language) -> Command {
    let (options, arguments) = (T::Options.in_lang(lang), T::Arguments.in_lang(lang));
    command.mut_args(move |a: Arg| match (a.get_help_heading(), a.is_positional()) {
        (Some(_), _) => a,
        (None, true) => a.help_heading(arguments),
        (None, false) => a.help_heading(options),
    })
}

fn help_arg(lang: Language) -> Arg {
    Arg::new("help").long("help").short('h').action(clap::ArgAction::Help).help(T::Help.in_lang(lang)).global(true)
}

/// The commands' one-line summaries (`kabinet-cli --help`, and each command's own help), by
/// the command's path (`labels show`).
fn command_about(path: &str) -> Option<[&'static str; 3]> {
    Some(match path {
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
            "Кто пользуется каждым номером (сотрудник, отдел, ЦФО, теги): показать, задать, импортировать, отменить. Хранится только в локальном кэше.",
            "Әр нөмірді кім пайдаланады (қызметкер, бөлім, шығын орталығы, тегтер): көрсету, орнату, импорттау, болдырмау. Тек жергілікті кэште сақталады.",
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
        "labels show" => ["Shows a number's label.", "Показывает метку номера.", "Нөмірдің белгісін көрсетеді."],
        "labels set" => [
            "Sets values on one or more numbers; a value not given stays as each number has it, an empty one (\"\") clears it.",
            "Задаёт значения одному или нескольким номерам; не указанное значение остаётся как есть, пустое (\"\") стирает его.",
            "Бір не бірнеше нөмірге мәндер орнатады; берілмеген мән өзгермейді, бос мән (\"\") оны өшіреді.",
        ],
        "labels import" => [
            "Previews an import of an XLSX or CSV file (number, employee, department, cost centre code and name, tags; the numbers list's export is one); --apply applies it in one change.",
            "Показывает предпросмотр импорта файла XLSX или CSV (номер, сотрудник, отдел, код и название ЦФО, теги; экспорт списка номеров подходит); --apply применяет его одним изменением.",
            "XLSX не CSV файлын импорттауды алдын ала қарау (нөмір, қызметкер, бөлім, шығын орталығының коды мен атауы, тегтер; нөмірлер тізімінің экспорты жарайды); --apply оны бір өзгеріспен қолданады.",
        ],
        "labels undo" => [
            "Takes back the latest change (an import or an edit).",
            "Отменяет последнее изменение (импорт или правку).",
            "Соңғы өзгерісті (импортты не түзетуді) болдырмайды.",
        ],
        "spend import" => [
            "Imports charges breakdown files (the certificate's XLSX, with its sheet \"Приложение 1\"): each file's month replaces that month of its account; importing a file twice changes nothing.",
            "Импортирует файлы расшифровки начислений (XLSX акта с листом «Приложение 1»): месяц файла заменяет этот месяц его лицевого счёта; повторный импорт ничего не меняет.",
            "Есептеулердің толық жазбасы файлдарын импорттайды (\"Приложение 1\" парағы бар актінің XLSX файлы): файлдың айы оның дербес шотының сол айын алмастырады; қайта импорттау ештеңені өзгертпейді.",
        ],
        _ => return None,
    })
}

/// The exit codes told under a command's help, for schedulers.
fn exit_codes(path: &str) -> Option<[&'static str; 3]> {
    Some(match path {
        "report" => [
            "Exit codes: 0 saved; 1 the portal failed the report (or another failure); 2 refused by a rule or invalid input; 3 not signed in; 4 the portal cannot be reached; 5 timed out waiting (the request goes on at the portal).",
            "Коды выхода: 0 сохранено; 1 портал не подготовил отчёт (или другой сбой); 2 отказ по правилу или неверный ввод; 3 вход не выполнен; 4 портал недоступен; 5 время ожидания истекло (запрос на портале продолжается).",
            "Шығу кодтары: 0 сақталды; 1 портал есепті дайындай алмады (не басқа ақау); 2 ереже бойынша бас тартылды не енгізу қате; 3 кіру орындалмаған; 4 портал қолжетімсіз; 5 күту уақыты өтті (порталда сұрау жалғасады).",
        ],
        "bulk" => [
            "Exit codes: 0 every number to run was done; 1 some numbers failed (or another failure); 2 invalid input, refused, or not confirmed (nothing ran); 3 not signed in; 4 the portal cannot be reached (the run is paused: --resume it); 5 cancelled with Ctrl-C (--resume it).",
            "Коды выхода: 0 выполнено для всех номеров; 1 для части номеров не удалось (или другой сбой); 2 неверный ввод, отказ или нет подтверждения (ничего не выполнено); 3 вход не выполнен; 4 портал недоступен (запуск приостановлен: --resume); 5 прервано Ctrl-C (--resume).",
            "Шығу кодтары: 0 барлық нөмірге орындалды; 1 кейбір нөмірлерге орындалмады (не басқа ақау); 2 енгізу қате, бас тартылды не расталмады (ештеңе орындалмады); 3 кіру орындалмаған; 4 портал қолжетімсіз (іске қосу тоқтатылды: --resume); 5 Ctrl-C арқылы тоқтатылды (--resume).",
        ],
        "pending" => [
            "Exit codes: 0 listed, or every action asked about was settled (the portal confirmed it or refused it); 1 some are left: too old to ask (check the actions history, then --dismiss KEY) or another failure; 2 invalid input (a key that is not pending, or dismissing one that can still be asked); 3 not signed in; 4 the portal cannot be reached (they stay pending: --resolve again later).",
            "Коды выхода: 0 список показан, или все действия завершены (портал подтвердил или отказал); 1 часть осталась: слишком старые, чтобы спросить (проверьте историю действий, затем --dismiss KEY), или другой сбой; 2 неверный ввод (ключ не ожидает ответа, или о действии ещё можно спросить); 3 вход не выполнен; 4 портал недоступен (действия ждут: --resolve позже).",
            "Шығу кодтары: 0 тізім көрсетілді не барлық әрекет аяқталды (портал растады не бас тартты); 1 кейбірі қалды: сұрауға тым ескі (әрекеттер тарихын тексеріп, --dismiss KEY) не басқа ақау; 2 енгізу қате (кілт жауап күтпейді, не әрекет туралы әлі сұрауға болады); 3 кіру орындалмаған; 4 портал қолжетімсіз (әрекеттер күтеді: кейін --resolve).",
        ],
        "invoice" => [
            "Exit codes (as report's): 0 found; 1 a failure; 2 not found (no invoice of the company has that number in that year) or invalid input (a registration number is 34 characters); 3 not signed in; 4 the portal cannot be reached.",
            "Коды выхода (как у report): 0 найдено; 1 сбой; 2 не найдено (у компании нет счёта-фактуры с этим номером за этот год) или неверный ввод (регистрационный номер — 34 символа); 3 вход не выполнен; 4 портал недоступен.",
            "Шығу кодтары (report сияқты): 0 табылды; 1 ақау; 2 табылмады (компанияда сол жылы осы нөмірлі шот-фактура жоқ) не енгізу қате (тіркеу нөмірі — 34 таңба); 3 кіру орындалмаған; 4 портал қолжетімсіз.",
        ],
        "history" => [
            "Exit codes (as report's): 0 shown; 1 a failure; 2 invalid input (a period not allowed, a company not yours); 3 not signed in; 4 the portal cannot be reached.",
            "Коды выхода (как у report): 0 показано; 1 сбой; 2 неверный ввод (недопустимый период, чужая компания); 3 вход не выполнен; 4 портал недоступен.",
            "Шығу кодтары (report сияқты): 0 көрсетілді; 1 ақау; 2 енгізу қате (рұқсат етілмеген кезең, сіздікі емес компания); 3 кіру орындалмаған; 4 портал қолжетімсіз.",
        ],
        "changes" => [
            "Exit codes: 0 changes matched; 1 none matched; 2 invalid input; 3 not signed in.",
            "Коды выхода: 0 изменения найдены; 1 не найдены; 2 неверный ввод; 3 вход не выполнен.",
            "Шығу кодтары: 0 өзгерістер табылды; 1 табылмады; 2 енгізу қате; 3 кіру орындалмаған.",
        ],
        "spend" => [
            "Exit codes: 0 done; 1 refused; 2 invalid input (spend import: a file that is not a breakdown; the others are imported all the same).",
            "Коды выхода: 0 готово; 1 отказ; 2 неверный ввод (spend import: файл — не расшифровка начислений; остальные всё равно импортируются).",
            "Шығу кодтары: 0 дайын; 1 бас тартылды; 2 енгізу қате (spend import: файл есептеулердің толық жазбасы емес; қалғандары бәрібір импортталады).",
        ],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command has its summary and every option its help in the catalogue, so no `--help`
    /// falls back to the English of the derive.
    #[test]
    fn every_command_and_option_has_its_words() {
        fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
            for sub in command.get_subcommands() {
                let path =
                    if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
                if command_about(&path).is_none() {
                    missing.push(path.clone());
                }
                for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
                    let id = arg.get_id().as_str();
                    if !(path == "bulk" && id == "action") && arg_help(&path, id).is_none() {
                        missing.push(format!("{path} --{id}"));
                    }
                }
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&crate::Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "{missing:?}");
    }
}
