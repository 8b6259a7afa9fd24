//! The error's `message` in Russian and Kazakh: one table, keyed by the refusal's [`Reason`]
//! (else its [`ErrorCode`]) and the language, so the portal answers a request in the language
//! it asks for (`Accept-Language`) and the CLI prints the same words.
//!
//! English keeps the message as it was made: it is written where the refusal is, with the
//! values it names, and is the portal's default. A reason this version does not know keeps it
//! too. The matches are exhaustive on purpose: a new reason, code or language does not compile
//! until it has its texts.

use super::{Error, ErrorCode, Reason};
use crate::domain::Tiyn;
use crate::Language;

/// `error` with its message in `lang` (the English one unchanged; see the module).
pub fn localized(mut error: Error, lang: Language) -> Error {
    if let Some(message) = message(&error, lang) {
        error.message = message;
    }
    error
}

/// The text of `error` in `lang` with its values filled in; `None` for English and for a
/// reason and code this version does not know (the message as made stays).
pub fn message(error: &Error, lang: Language) -> Option<String> {
    let index = match lang {
        Language::En => return None,
        Language::Ru => 0,
        Language::Kk => 1,
    };
    let template = match error.reason.as_ref().and_then(reason_texts) {
        Some(texts) => texts[index],
        None => code_texts(error.code)?[index],
    };
    let mut text = fill(template, error);
    // A validation error without a rule of its own names its field, as the form would.
    if let (None, Some(field)) = (&error.reason, &error.field) {
        let label = ["поле", "өріс"][index];
        text = format!("{} ({label}: {field}).", text.trim_end_matches('.'));
    }
    Some(text)
}

/// `{name}` replaced by the error's value of that name, written for a reader: money (tiyn) in
/// tenge, a date `2026-12-06` as `06.12.2026`, a month `2026-12` as `12.2026`; `{minutes}` and
/// `{seconds}` come from `retry_after_s`.
fn fill(template: &str, error: &Error) -> String {
    let mut text = template.to_string();
    if let Some(s) = error.retry_after_s {
        text = text.replace("{minutes}", &s.div_ceil(60).to_string()).replace("{seconds}", &s.to_string());
    }
    for (name, value) in error.params.iter().flat_map(|p| p.iter()) {
        let shown = match name.as_str() {
            "available" => value.parse::<i64>().map_or_else(|_| value.clone(), |t| Tiyn(t).to_string()),
            _ => readable_date(value),
        };
        text = text.replace(&format!("{{{name}}}"), &shown);
    }
    text
}

fn readable_date(value: &str) -> String {
    if let Ok(d) = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return d.format("%d.%m.%Y").to_string();
    }
    match value.split_once('-') {
        Some((y, m)) if y.len() == 4 && m.len() == 2 && value.chars().all(|c| c.is_ascii_digit() || c == '-') => {
            format!("{m}.{y}")
        }
        _ => value.to_string(),
    }
}

/// A reason's texts: `[Russian, Kazakh]`.
fn reason_texts(reason: &Reason) -> Option<[&'static str; 2]> {
    use Reason::*;
    Some(match reason {
        BlockNeedsActive => ["Заблокировать можно только активный номер.", "Тек белсенді нөмірді бұғаттауға болады."],
        UnblockNeedsBlocked => [
            "Разблокировать можно только заблокированный номер.",
            "Тек бұғатталған нөмірді бұғаттаудан шығаруға болады.",
        ],
        BlockedForDebt => [
            "Номер заблокирован за долг: разблокировать его можно только после оплаты задолженности.",
            "Нөмір қарыз үшін бұғатталған: оны тек қарызды төлегеннен кейін бұғаттаудан шығаруға болады.",
        ],
        RequestInProcess => [
            "По номеру ещё выполняется заявка. Дождитесь её завершения и повторите.",
            "Нөмір бойынша өтінім әлі орындалуда. Оның аяқталуын күтіп, қайталаңыз.",
        ],
        ServiceNeedsActive => [
            "Подключать услуги можно только на активном номере.",
            "Қызметтерді тек белсенді нөмірге қосуға болады.",
        ],
        ServiceCannotBeDisabled => [
            "В текущем состоянии номера услуги отключить нельзя.",
            "Нөмірдің қазіргі күйінде қызметтерді ажыратуға болмайды.",
        ],
        CheckDigit => [
            "Длина верная, но контрольная (последняя) цифра не совпадает: проверьте, нет ли опечатки.",
            "Ұзындығы дұрыс, бірақ бақылау (соңғы) цифры сәйкес емес: қате терілмегенін тексеріңіз.",
        ],
        IinBinCheckDigit => [
            "ИИН/БИН состоит из 12 цифр, последняя — контрольная, и она не сходится. Проверьте, нет ли опечатки.",
            "БСН/ЖСН 12 цифрдан тұрады, соңғысы — бақылау цифры, ол сәйкес келмейді. Қате терілмегенін тексеріңіз.",
        ],
        DocumentNotReadyYet => [
            "Документы за прошлый месяц доступны после {day}-го числа (по времени Казахстана).",
            "Өткен айдың құжаттары айдың {day}-күнінен кейін қолжетімді (Қазақстан уақытымен).",
        ],
        MonthNotOver => [
            "Месяц ещё не закончился: документов за него пока нет.",
            "Ай әлі аяқталған жоқ: ол бойынша құжаттар әзірге жоқ.",
        ],
        MonthTooOld => [
            "Этот месяц слишком давний: самый ранний доступный месяц — {first}.",
            "Бұл ай тым ерте: қолжетімді ең ерте ай — {first}.",
        ],
        SimReplacementNeedsActive => [
            "SIM-карту можно заменить только на активном номере.",
            "SIM-картаны ауыстыру тек белсенді нөмірде мүмкін.",
        ],
        SimReplacementInProcess => [
            "Замена SIM-карты этого номера уже выполняется.",
            "Бұл нөмірдің SIM-картасын ауыстыру әлі орындалуда.",
        ],
        IccidInUse => [
            "Эта SIM-карта уже используется номером. Проверьте ICCID на обороте новой SIM-карты.",
            "Бұл SIM-карта нөмірде қолданылуда. Жаңа SIM-картаның артындағы ICCID-ді тексеріңіз.",
        ],
        BanAlreadySet => ["Этот запрет на номере уже установлен.", "Бұл тыйым нөмірде бұрыннан орнатылған."],
        BanNotSet => ["Этот запрет на номере не установлен.", "Бұл тыйым нөмірде орнатылмаған."],
        BanNotAllowedInState => [
            "В текущем состоянии номера запреты изменить нельзя. Подождите 2–3 минуты и повторите.",
            "Нөмірдің қазіргі күйінде тыйымдарды өзгертуге болмайды. 2–3 минут күтіп, қайталаңыз.",
        ],
        ImeiNeedsActive => [
            "Устройство можно зарегистрировать только на активный номер.",
            "Құрылғыны тек белсенді нөмірге тіркеуге болады.",
        ],
        ImeiNotAllowedInState => [
            "Состояние номера не позволяет менять регистрацию устройств.",
            "Нөмірдің күйі құрылғылардың тіркелуін өзгертуге мүмкіндік бермейді.",
        ],
        ImeiRegisteredOtherOperator => [
            "IMEI {imei} зарегистрирован на номер другого оператора: зарегистрируйте дубликат.",
            "IMEI {imei} басқа оператордың нөміріне тіркелген: телнұсқаны тіркеңіз.",
        ],
        ImeiRegisteredElsewhere => [
            "IMEI {imei} зарегистрирован на другого владельца: перерегистрируйте его с номером и ИИН/БИН прежнего владельца.",
            "IMEI {imei} басқа иеге тіркелген: оны бұрынғы иесінің нөмірі мен БСН/ЖСН арқылы қайта тіркеңіз.",
        ],
        ImeiAlreadyRegistered => [
            "Устройство {imei} уже зарегистрировано на этот номер.",
            "{imei} құрылғысы осы нөмірге бұрыннан тіркелген.",
        ],
        ImeiNotRegistered => [
            "Устройство {imei} не зарегистрировано на этот номер.",
            "{imei} құрылғысы осы нөмірге тіркелмеген.",
        ],
        PreviousOwnerMismatch => [
            "Устройство {imei} не зарегистрировано на указанные номер и ИИН/БИН прежнего владельца.",
            "{imei} құрылғысы бұрынғы иесінің көрсетілген нөмірі мен БСН/ЖСН-іне тіркелмеген.",
        ],
        TermsNotAccepted => ["Сначала прочитайте и примите условия.", "Алдымен шарттарды оқып, қабылдаңыз."],
        ForwardTargetInvalid => [
            "Введите казахстанский номер (+7 7XX XXX XX XX) или международный, начиная с +.",
            "Қазақстандық нөмірді (+7 7XX XXX XX XX) немесе + белгісінен басталатын халықаралық нөмірді енгізіңіз.",
        ],
        ForwardToItself => [
            "Номер не может переадресовывать вызовы сам на себя.",
            "Нөмір қоңырауларды өзіне қайта бағыттай алмайды.",
        ],
        ForwardDelayRange => [
            "Введите задержку от {min} до {max} секунд.",
            "Кідірісті {min} секундтан {max} секундқа дейін енгізіңіз.",
        ],
        ForwardingNeedsActive => [
            "Переадресацию можно установить только на активном номере.",
            "Қоңырауды қайта бағыттауды тек белсенді нөмірде орнатуға болады.",
        ],
        ForwardingNotSet => ["Эта переадресация уже отключена.", "Бұл қоңырауды қайта бағыттау бұрыннан өшірілген."],
        SecretCodeNeedsActive => [
            "Секретный код можно отправить только на активный номер.",
            "Құпия кодты тек белсенді нөмірге жіберуге болады.",
        ],
        NoSecretCode => ["У номера нет секретного кода — удалять нечего.", "Нөмірде құпия код жоқ — жоятын ештеңе жоқ."],
        CodeHolderReadOnly => [
            "Секретный код позволяет смотреть информацию о номере и детализацию, но не менять их.",
            "Құпия код нөмір туралы ақпарат пен детализацияны көруге мүмкіндік береді, бірақ өзгертуге емес.",
        ],
        PasswordAttemptsExceeded => [
            "Слишком много неверных паролей. Вход и смена пароля заблокированы; повторите через {minutes} мин.",
            "Қате құпия сөз тым көп енгізілді. Кіру мен құпия сөзді ауыстыру бұғатталды; {minutes} минуттан кейін қайталаңыз.",
        ],
        PaymentsOlderThanThreeMonths => [
            "Платежи доступны только за последние три месяца, начиная с {earliest}.",
            "Төлемдер тек соңғы үш айға, {earliest} бастап қолжетімді.",
        ],
        PeriodInFuture => [
            "Период не может заканчиваться позже сегодняшнего дня ({today}).",
            "Кезең бүгінгі күннен ({today}) кейін аяқтала алмайды.",
        ],
        PeriodReversed => ["Конец периода раньше его начала.", "Кезеңнің соңы басынан ерте."],
        NotABreakdown => [
            "{file} — не расшифровка начислений (Excel-файл акта с Приложением 1).",
            "{file} есептеулердің толық жазбасы емес (1-қосымшасы бар актінің Excel файлы).",
        ],
        InvoiceNotFound => [
            "У компании нет счёта-фактуры с таким номером в выбранном году.",
            "Компанияда таңдалған жылы осындай нөмірлі шот-фактура жоқ.",
        ],
        NothingBilled => [
            "По этому лицевому счёту или номеру за этот месяц ничего не начислено.",
            "Бұл дербес шот не нөмір бойынша осы айға ештеңе есептелмеген.",
        ],
        PeriodOlderThanTwelveMonths => [
            "Можно запросить только последние двенадцать месяцев, начиная с {earliest}.",
            "Тек соңғы он екі айды, {earliest} бастап сұрауға болады.",
        ],
        NotInCompany => ["Этого номера нет в списке компании.", "Бұл нөмір компанияның тізімінде жоқ."],
        InvalidNumber => ["Эта строка не является номером телефона.", "Бұл жол телефон нөмірі емес."],
        Duplicate => ["Этот номер уже есть выше в выборке.", "Бұл нөмір таңдауда жоғарыда бар."],
        DuplicateIccid => [
            "Эта SIM-карта (ICCID) уже указана выше: каждому номеру нужна своя новая SIM-карта.",
            "Бұл SIM-карта (ICCID) жоғарыда көрсетілген: әр нөмірге өз жаңа SIM-картасы керек.",
        ],
        ServiceNotEnabled => ["Эта услуга не подключена на номере.", "Бұл қызмет нөмірге қосылмаған."],
        TransferSameNumber => ["Отправитель и получатель — один и тот же номер.", "Жіберуші мен алушы — бір нөмір."],
        TransferRecipientState => [
            "Этот номер сейчас не может получить перевод.",
            "Бұл нөмір қазір аударымды қабылдай алмайды.",
        ],
        TransferSenderState => [
            "Переводить баланс может только активный номер.",
            "Теңгерімді тек белсенді нөмір аудара алады.",
        ],
        TransferExceedsAvailable => [
            "Сумма больше той, что может перевести отправитель ({available}).",
            "Сома жіберуші аудара алатын сомадан ({available}) көп.",
        ],
        TransferNotCompanyNumber => ["Это не номер компании.", "Бұл компанияның нөмірі емес."],
        StateUnknown => [
            "Состояние этого номера неизвестно этой версии, поэтому действие не выполняется.",
            "Бұл нөмірдің күйі осы нұсқаға белгісіз, сондықтан әрекет орындалмайды.",
        ],
        IntentUnanswered => [
            "Ответ на действие не пришёл: оно могло выполниться, а могло и нет. Повторить безопасно.",
            "Әрекетке жауап келмеді: ол орындалуы да, орындалмауы да мүмкін. Қайталау қауіпсіз.",
        ],
        IntentGone => ["Это действие уже проверено.", "Бұл әрекет бұрыннан тексерілген."],
        IntentTooOld => [
            "Этому действию больше суток, безопасно проверить его нельзя.",
            "Бұл әрекетке бір тәуліктен асты, оны қауіпсіз тексеру мүмкін емес.",
        ],
        Unknown(_) => return None,
    })
}

/// A code's texts: `[Russian, Kazakh]`, for an error without a reason (or one not known here).
fn code_texts(code: ErrorCode) -> Option<[&'static str; 2]> {
    use ErrorCode::*;
    Some(match code {
        InvalidPhone => [
            "Введите номер телефона из 11 цифр, начиная с 7.",
            "7-ден басталатын 11 цифрлы телефон нөмірін енгізіңіз.",
        ],
        InvalidEmail => [
            "Введите адрес e-mail, например name@company.kz.",
            "E-mail мекенжайын енгізіңіз, мысалы name@company.kz.",
        ],
        WeakPassword => [
            "Пароль не соответствует требованиям: от 8 до 64 символов, строчная и заглавная буквы и цифра, без пробелов.",
            "Құпия сөз талаптарға сай емес: 8-ден 64-ке дейін таңба, кіші және бас әріп пен цифр, бос орынсыз.",
        ],
        PasswordMismatch => ["Пароль и подтверждение не совпадают.", "Құпия сөз бен растау сәйкес емес."],
        InvalidAmount => ["Неверная сумма.", "Сома дұрыс емес."],
        InvalidImei => ["IMEI — это 15 цифр; проверьте, нет ли опечатки.", "IMEI — 15 цифр; қате терілмегенін тексеріңіз."],
        InvalidIccid => ["ICCID — это 19 или 20 цифр с оборота SIM-карты.", "ICCID — SIM-картаның артындағы 19 не 20 цифр."],
        InvalidIinBin => ["ИИН/БИН — это 12 цифр.", "БСН/ЖСН — 12 цифр."],
        InvalidInput => ["Часть данных запроса неверна.", "Сұраудың кейбір деректері дұрыс емес."],
        InvalidDisplayName => [
            "Название может содержать до 100 символов, без невидимых символов и переносов строки.",
            "Атауы 100 таңбаға дейін, көрінбейтін таңбаларсыз және жол ауыстырусыз болуы керек.",
        ],
        InvalidCredentials => ["Неверный номер телефона или пароль.", "Телефон нөмірі немесе құпия сөз қате."],
        LockedOut => [
            "Слишком много неудачных попыток. Вход заблокирован; повторите через {minutes} мин.",
            "Сәтсіз әрекеттер тым көп. Кіру бұғатталды; {minutes} минуттан кейін қайталаңыз.",
        ],
        ActivationRequired => [
            "Для активации учётной записи смените пароль.",
            "Тіркелгіні белсендіру үшін құпия сөзді ауыстырыңыз.",
        ],
        SessionExpired => ["Сеанс завершён. Войдите снова.", "Сеанс аяқталды. Қайта кіріңіз."],
        WrongPassword => ["Текущий пароль неверен.", "Ағымдағы құпия сөз қате."],
        InvalidCode => ["Неверный код.", "Код қате."],
        CodeExpired => ["Срок действия кода истёк. Запросите новый код.", "Кодтың мерзімі өтті. Жаңа код сұраңыз."],
        CodeAttemptsExceeded => [
            "Слишком много неверных кодов. Запросите новый код.",
            "Қате кодтар тым көп. Жаңа код сұраңыз.",
        ],
        RateLimited => [
            "Слишком много запросов. Повторите через {seconds} с.",
            "Сұраулар тым көп. {seconds} секундтан кейін қайталаңыз.",
        ],
        Forbidden => ["Это действие запрещено.", "Бұл әрекетке тыйым салынған."],
        NotFound => ["Не найдено.", "Табылмады."],
        NotAllowedInState => ["Этот шаг сейчас невозможен.", "Бұл қадам қазір мүмкін емес."],
        InsufficientFunds => ["Недостаточно средств.", "Қаражат жеткіліксіз."],
        AlreadyEnabled => ["Уже подключено.", "Бұрыннан қосылған."],
        PeriodTooLong => ["Период слишком длинный.", "Кезең тым ұзақ."],
        IdempotencyKeyRequired => ["Нужен заголовок Idempotency-Key.", "Idempotency-Key тақырыбы қажет."],
        IdempotencyKeyReused => [
            "Этот Idempotency-Key уже использован для другого запроса.",
            "Бұл Idempotency-Key басқа сұрауға қолданылған.",
        ],
        Internal => [
            "Портал не смог обработать запрос. Повторите через несколько минут.",
            "Портал сұрауды өңдей алмады. Бірнеше минуттан кейін қайталаңыз.",
        ],
        MethodNotAllowed => ["Портал не принимает этот запрос.", "Портал бұл сұрауды қабылдамайды."],
        NotYetAvailable => ["Документ за этот период ещё не готов.", "Осы кезеңнің құжаты әлі дайын емес."],
        PortalUnreachable => ["Портал недоступен. Проверьте подключение.", "Портал қолжетімсіз. Қосылымды тексеріңіз."],
        PortalTimeout => ["Портал не ответил вовремя.", "Портал уақытында жауап бермеді."],
        InvalidResponse => [
            "Портал прислал ответ, который эта версия не может прочитать.",
            "Портал осы нұсқа оқи алмайтын жауап жіберді.",
        ],
        InvalidSettings => ["Неверные настройки.", "Баптаулар дұрыс емес."],
        Cache => ["Локальный кэш не сработал.", "Жергілікті кэш істемеді."],
        NotSignedIn => ["Сначала войдите.", "Алдымен кіріңіз."],
        NoApplication => [
            "На этом компьютере нет приложения, которое открывает файлы этого типа.",
            "Бұл компьютерде осы түрдегі файлдарды ашатын қолданба жоқ.",
        ],
        UpdateRefused => [
            "Обновление не установлено: его подпись не совпадает с ключом Kabinet.",
            "Жаңарту орнатылмады: оның қолтаңбасы Kabinet кілтіне сәйкес келмейді.",
        ],
        UpdateFailed => [
            "Не удалось загрузить или установить обновление. Kabinet остался прежним.",
            "Жаңартуды жүктеу не орнату мүмкін болмады. Kabinet бұрынғыдай қалды.",
        ],
        Unknown => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_reads_in_the_language_asked_with_its_values() {
        let e = Error::refused(ErrorCode::InsufficientFunds, Reason::TransferExceedsAvailable, "Too much.")
            .with_param("available", 44_600);
        assert_eq!(message(&e, Language::En), None, "English keeps the message as made");
        assert_eq!(message(&e, Language::Kk).unwrap(), "Сома жіберуші аудара алатын сомадан (446.00 ₸) көп.");
        assert_eq!(localized(e, Language::Ru).message, "Сумма больше той, что может перевести отправитель (446.00 ₸).");
        let period =
            Error::refused(ErrorCode::InvalidInput, Reason::PeriodInFuture, "x").with_param("today", "2026-12-06");
        assert_eq!(message(&period, Language::Kk).unwrap(), "Кезең бүгінгі күннен (06.12.2026) кейін аяқтала алмайды.");
        let locked = Error::new(ErrorCode::LockedOut, "x").with_retry_after(899);
        assert!(message(&locked, Language::Ru).unwrap().contains("через 15 мин."));
    }

    #[test]
    fn an_error_without_a_rule_reads_by_its_code_and_names_its_field() {
        let e = Error::invalid_field(ErrorCode::InvalidIccid, "iccid", "Bad ICCID.");
        assert_eq!(message(&e, Language::Kk).unwrap(), "ICCID — SIM-картаның артындағы 19 не 20 цифр (өріс: iccid).");
        let unknown = Error::refused(ErrorCode::Unknown, Reason::Unknown("new_rule".into()), "As made.");
        assert_eq!(localized(unknown, Language::Kk).message, "As made.");
    }
}
