//! The texts with values of the long jobs, `report`, `bulk` and `pending`: each one's words in
//! the run's language (English with `--json`). The wire names (an action's, a state's, a key)
//! stay as typed, since they are what the options take.

use super::lang;
use kabinet_core::settings::Language;
use std::fmt::Display;

fn pick(texts: [String; 3]) -> String {
    lang().pick(texts)
}

// ---- report ---------------------------------------------------------------------------------

pub fn report_accepted(request: &str) -> String {
    pick([
        format!("report: request {request} accepted, in process"),
        format!("отчёт: запрос {request} принят, в обработке"),
        format!("есеп: {request} сұрауы қабылданды, өңделуде"),
    ])
}

pub fn report_timed_out(seconds: u64, request: &str) -> String {
    pick([
        format!("the report was not ready after {seconds} s (request {request} is still in process at the portal)"),
        format!("отчёт не был готов через {seconds} с (запрос {request} ещё обрабатывается на портале)"),
        format!("есеп {seconds} секундтан кейін дайын болмады ({request} сұрауы порталда әлі өңделуде)"),
    ])
}

pub fn certificate_of() -> String {
    pick([
        "Give the certificate's --account or --number (one of them).".into(),
        "Укажите лицевой счёт акта --account или номер --number (что-то одно).".into(),
        "Актінің дербес шотын --account не нөмірін --number көрсетіңіз (біреуін).".into(),
    ])
}

pub fn certificate_month() -> String {
    pick([
        "Give the certificate's --month (YYYY-MM).".into(),
        "Укажите месяц акта --month (ГГГГ-ММ).".into(),
        "Актінің айын --month көрсетіңіз (ЖЖЖЖ-АА).".into(),
    ])
}

pub fn register_months() -> String {
    pick([
        "Give the register's --month, or --from and --to (their months are taken).".into(),
        "Укажите месяц реестра --month или --from и --to (берутся их месяцы).".into(),
        "Тізілімнің айын --month не --from пен --to көрсетіңіз (олардың айлары алынады).".into(),
    ])
}

pub fn cannot_read_back(path: &str, why: impl Display) -> String {
    pick([
        format!("{path} cannot be read back: {why}"),
        format!("{path} не удалось прочитать после записи: {why}"),
        format!("{path} жазылғаннан кейін оқылмады: {why}"),
    ])
}

pub fn report_not_prepared() -> String {
    pick([
        "The portal could not prepare the report.".into(),
        "Портал не смог подготовить отчёт.".into(),
        "Портал есепті дайындай алмады.".into(),
    ])
}

pub fn invoice_number() -> String {
    pick([
        "Give the invoice's number with --invoice NUMBER.".into(),
        "Укажите номер счёта-фактуры: --invoice NUMBER.".into(),
        "Шот-фактураның нөмірін --invoice NUMBER арқылы көрсетіңіз.".into(),
    ])
}

// ---- bulk -----------------------------------------------------------------------------------

/// `bulk --action`'s help in `lang` (the help is made before the run's language is set).
pub fn bulk_action(lang: Language, names: &str) -> String {
    lang.pick([
        format!("The action, one of: {names}. sim_replacement takes --pairs (each number with its new SIM)."),
        format!("Действие, одно из: {names}. Для sim_replacement нужен --pairs (каждый номер с новой SIM-картой)."),
        format!("Әрекет, мыналардың бірі: {names}. sim_replacement үшін --pairs керек (әр нөмір жаңа SIM-картасымен)."),
    ])
}

pub fn bulk_give_service() -> String {
    pick([
        "Give the service with --service ID.".into(),
        "Укажите услугу: --service ID.".into(),
        "Қызметті --service ID арқылы көрсетіңіз.".into(),
    ])
}

pub fn bulk_give_ban() -> String {
    pick([
        "Give the ban with --ban NAME: mykcell_details, mykcell or sms_ussd.".into(),
        "Укажите запрет: --ban NAME: mykcell_details, mykcell или sms_ussd.".into(),
        "Тыйымды --ban NAME арқылы көрсетіңіз: mykcell_details, mykcell не sms_ussd.".into(),
    ])
}

pub fn use_one_of(names: &str) -> String {
    pick([
        format!("Use one of: {names}."),
        format!("Укажите одно из: {names}."),
        format!("Мыналардың бірін көрсетіңіз: {names}."),
    ])
}

pub fn cannot_save(path: &str, why: impl Display) -> String {
    pick([
        format!("Cannot save {path}: {why}"),
        format!("Не удалось сохранить {path}: {why}"),
        format!("{path} сақталмады: {why}"),
    ])
}

pub fn cannot_read(path: &str, why: impl Display) -> String {
    pick([
        format!("{path} cannot be read: {why}"),
        format!("Не удалось прочитать {path}: {why}"),
        format!("{path} оқылмады: {why}"),
    ])
}

pub fn bulk_give_pairs() -> String {
    pick([
        "Give each number with its new SIM card number (ICCID) with --pairs FILE.".into(),
        "Укажите каждый номер с номером новой SIM-карты (ICCID): --pairs FILE.".into(),
        "Әр нөмірді жаңа SIM-карта нөмірімен (ICCID) --pairs FILE арқылы көрсетіңіз.".into(),
    ])
}

pub fn bulk_pairs_only() -> String {
    pick([
        "--pairs is only for --action sim_replacement.".into(),
        "--pairs нужен только для --action sim_replacement.".into(),
        "--pairs тек --action sim_replacement үшін.".into(),
    ])
}

pub fn bulk_give_numbers() -> String {
    pick([
        "Give the numbers with --numbers FILE or --search QUERY.".into(),
        "Укажите номера: --numbers FILE или --search QUERY.".into(),
        "Нөмірлерді --numbers FILE не --search QUERY арқылы көрсетіңіз.".into(),
    ])
}

/// A number's result in a run's list: `state` is its wire name (done, failed, skipped), or
/// `cancelled` / `not run`.
pub fn item_state(state: &str) -> String {
    let [en, ru, kk] = match state {
        "done" => ["done", "выполнено", "орындалды"],
        "failed" => ["failed", "не удалось", "орындалмады"],
        "skipped" => ["skipped", "пропущено", "өткізілді"],
        "cancelled" => ["cancelled", "прервано", "тоқтатылды"],
        "not run" => ["not run", "не выполнялось", "орындалмаған"],
        other => [other, other, other],
    };
    lang().pick([en, ru, kk]).to_string()
}

pub fn request_id(request: &str) -> String {
    pick([format!("request {request}"), format!("запрос {request}"), format!("сұрау {request}")])
}

/// Not confirmed, so not run: `why` says why, and how to run it.
pub fn bulk_not_run(run: &str, why: Unconfirmed<'_>) -> String {
    let how = pick([
        format!("confirm with --yes: kabinet-cli bulk --resume {run} --yes"),
        format!("подтвердите с --yes: kabinet-cli bulk --resume {run} --yes"),
        format!("--yes арқылы растаңыз: kabinet-cli bulk --resume {run} --yes"),
    ]);
    match why {
        Unconfirmed::NoTerminal => pick([
            format!("Not run: stdin is not a terminal, so nothing can be asked; {how}"),
            format!("Не выполнено: stdin — не терминал, спросить нельзя; {how}"),
            format!("Орындалмады: stdin терминал емес, сұрау мүмкін емес; {how}"),
        ]),
        Unconfirmed::NoAnswer => pick([
            format!("Not run: no answer came (end of input); {how}"),
            format!("Не выполнено: ответа нет (конец ввода); {how}"),
            format!("Орындалмады: жауап келмеді (енгізу соңы); {how}"),
        ]),
        Unconfirmed::Answer(a) => pick([
            format!("Not run: the answer was {a:?}, not y; to run it later, {how}"),
            format!("Не выполнено: ответ {a:?}, а не y; чтобы выполнить позже, {how}"),
            format!("Орындалмады: жауап {a:?}, y емес; кейін орындау үшін {how}"),
        ]),
    }
}

/// Why a bulk run was not confirmed.
pub enum Unconfirmed<'a> {
    NoTerminal,
    NoAnswer,
    Answer(&'a str),
}

pub fn bulk_ask(action: &str, numbers: impl Display) -> String {
    pick([
        format!("Run {action} on {numbers} numbers? [y/N] "),
        format!("Выполнить {action}, номеров: {numbers}? [y/N] "),
        format!("{numbers} нөмірге {action} орындалсын ба? [y/N] "),
    ])
}

/// The preview's line: `check` is how the portal checked it (`None`: it did).
pub fn bulk_preview(action: &str, counts: [u64; 3], check: Option<bool>, run: &str) -> String {
    let [total, to_run, skipped] = counts;
    let check = match check {
        None => ["", "", ""],
        Some(false) => [
            "; offline, the portal's checks were not made",
            "; без связи, проверки портала не сделаны",
            "; байланыссыз, портал тексерулері жасалмады",
        ],
        Some(true) => [
            "; the portal has no bulk check, so only Kabinet's rules were applied",
            "; у портала нет массовой проверки, применены только правила Kabinet",
            "; порталда жаппай тексеру жоқ, тек Kabinet ережелері қолданылды",
        ],
    };
    let check = lang().pick(check);
    pick([
        format!("bulk {action}: {total} numbers, {to_run} to run, {skipped} skipped{check} (run {run})"),
        format!(
            "массово {action}: номеров: {total}, к выполнению: {to_run}, пропущено: {skipped}{check} (запуск {run})"
        ),
        format!("жаппай {action}: {total} нөмір, {to_run} орындалады, {skipped} өткізілді{check} (іске қосу {run})"),
    ])
}

pub fn bulk_nothing() -> String {
    pick(["bulk: nothing to run.".into(), "массово: выполнять нечего.".into(), "жаппай: орындайтын ештеңе жоқ.".into()])
}

pub fn bulk_progress(done: impl Display, failed: impl Display, to_go: impl Display, eta_s: Option<u64>) -> String {
    let eta =
        |s| pick([format!(", about {s} s left"), format!(", осталось около {s} с"), format!(", шамамен {s} с қалды")]);
    let eta = eta_s.map(eta).unwrap_or_default();
    pick([
        format!("bulk: {done} done, {failed} failed, {to_go} to go{eta}"),
        format!("массово: выполнено {done}, не удалось {failed}, осталось {to_go}{eta}"),
        format!("жаппай: {done} орындалды, {failed} орындалмады, {to_go} қалды{eta}"),
    ])
}

pub fn bulk_cancelling() -> String {
    pick([
        "bulk: cancelling after the numbers in flight…".into(),
        "массово: прерывание после номеров, которые уже выполняются…".into(),
        "жаппай: орындалып жатқан нөмірлерден кейін тоқтатылады…".into(),
    ])
}

pub fn bulk_cancelled(run: &str) -> String {
    pick([
        format!("bulk: cancelled; resume with --resume {run}"),
        format!("массово: прервано; продолжить: --resume {run}"),
        format!("жаппай: тоқтатылды; жалғастыру: --resume {run}"),
    ])
}

pub fn bulk_paused(run: &str) -> String {
    pick([
        format!("bulk: paused (the portal could not be reached); resume with --resume {run}"),
        format!("массово: приостановлено (портал недоступен); продолжить: --resume {run}"),
        format!("жаппай: кідіртілді (портал қолжетімсіз); жалғастыру: --resume {run}"),
    ])
}

// ---- pending --------------------------------------------------------------------------------

pub fn not_pending(key: &str) -> String {
    pick([
        format!("No action is pending with the key {key}: it was settled already, or `kabinet-cli pending` lists the keys."),
        format!("Нет действия, ожидающего ответа, с ключом {key}: оно уже завершено, ключи показывает `kabinet-cli pending`."),
        format!("{key} кілтімен жауап күтетін әрекет жоқ: ол аяқталған, кілттерді `kabinet-cli pending` көрсетеді."),
    ])
}

pub fn still_askable(what: &str, key: &str) -> String {
    pick([
        format!("{what} can still be asked about: run `kabinet-cli pending --resolve {key}` (only an action more than a day old is dismissed)."),
        format!("О действии «{what}» ещё можно спросить: выполните `kabinet-cli pending --resolve {key}` (забыть можно только действие старше суток)."),
        format!("«{what}» әрекеті туралы әлі сұрауға болады: `kabinet-cli pending --resolve {key}` орындаңыз (тек бір тәуліктен ескі әрекетті ұмытуға болады)."),
    ])
}

/// A transfer, in a few words (`amount` written as money, the numbers as people write them).
pub fn transfer_of(amount: &str, from: &str, to: &str) -> String {
    pick([
        format!("transfer of {amount} from {from} to {to}"),
        format!("перевод {amount} с {from} на {to}"),
        format!("{from} нөмірінен {to} нөміріне {amount} аудару"),
    ])
}

/// Where an action stands after asking: `why` is the refusal or failure, `key` the action's.
pub fn settled(status: Standing<'_>) -> String {
    match status {
        Standing::Done => pick([
            "the portal confirms it was done, once.".into(),
            "портал подтверждает, что оно выполнено один раз.".into(),
            "портал оның бір рет орындалғанын растайды.".into(),
        ]),
        Standing::Refused(why) => pick([
            format!("the portal refused it: {why}"),
            format!("портал отказал: {why}"),
            format!("портал бас тартты: {why}"),
        ]),
        Standing::Unreachable => pick([
            "the portal cannot be reached; it stays pending: run `kabinet-cli pending --resolve` later.".into(),
            "портал недоступен; действие ждёт ответа: выполните `kabinet-cli pending --resolve` позже.".into(),
            "портал қолжетімсіз; әрекет жауап күтеді: кейін `kabinet-cli pending --resolve` орындаңыз.".into(),
        ]),
        Standing::TooOld(key) => pick([
            format!("more than a day old, so it cannot be checked safely: look for it in the actions history (`kabinet-cli history`), then `kabinet-cli pending --dismiss {key}`."),
            format!("старше суток, безопасно проверить нельзя: найдите его в истории действий (`kabinet-cli history`), затем `kabinet-cli pending --dismiss {key}`."),
            format!("бір тәуліктен ескі, қауіпсіз тексеру мүмкін емес: оны әрекеттер тарихынан іздеңіз (`kabinet-cli history`), содан кейін `kabinet-cli pending --dismiss {key}`."),
        ]),
        Standing::Failed(why) => {
            pick([format!("not checked: {why}"), format!("не проверено: {why}"), format!("тексерілмеді: {why}")])
        }
    }
}

/// Where an action stands after asking the portal, with what the line says of it.
pub enum Standing<'a> {
    Done,
    Refused(&'a str),
    Unreachable,
    TooOld(&'a str),
    Failed(&'a str),
}

pub fn nothing_pending() -> String {
    pick([
        "No action is left without an answer.".into(),
        "Нет действий без ответа.".into(),
        "Жауапсыз қалған әрекет жоқ.".into(),
    ])
}

pub fn pending_hint() -> String {
    pick([
        "These may not have completed: `kabinet-cli pending --resolve` asks the portal, with each one's key.".into(),
        "Они могли не выполниться: `kabinet-cli pending --resolve` спросит портал, с ключом каждого.".into(),
        "Олар орындалмаған болуы мүмкін: `kabinet-cli pending --resolve` порталдан әрқайсысының кілтімен сұрайды."
            .into(),
    ])
}

pub fn dismissed(key: &str, what: &str) -> String {
    pick([format!("Dismissed {key}: {what}."), format!("Забыто {key}: {what}."), format!("Ұмытылды {key}: {what}.")])
}
