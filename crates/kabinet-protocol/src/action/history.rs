//! The actions history's words for an action: one row is an [`ActionKind`], whether it is the
//! completion of a request the portal finished later, and the detail its text names (the
//! service, the ban, the forwarding, the report, the BIN). The portal's text (the manual's
//! English wording) is made here from those, in one place, so no call site types it, and the
//! client can word a row from its kind in the user's language (`history.action.<id>` and
//! `history.done.<id>` locale keys, tied to [`ActionKind::ALL`] by `tests/locales.rs`).

use super::ActionKind;
use crate::api::{Ban, ReportKind, RequestKind};
use crate::Language;
use serde::{Deserialize, Deserializer};

/// What one history row records: the kind (none for a request of a kind this version does not
/// know, whose raw name is then the detail), whether it is the request's completion, and the
/// detail its text names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryAction {
    pub kind: Option<ActionKind>,
    pub completed: bool,
    pub detail: Option<String>,
}

impl ActionKind {
    /// The history row of asking for it (or of doing it, for an action done at once).
    pub fn history(self) -> HistoryAction {
        HistoryAction { kind: Some(self), completed: false, detail: None }
    }

    /// Whether its history text names a detail (`{detail}` in its locale lines).
    pub fn history_has_detail(self) -> bool {
        history_template(self, false, Language::En).contains("{detail}")
    }

    /// The window's text key, less the detail, of the name its history row's detail is (a ban's
    /// `ban.<ban>`, a report's `history.report.<kind>`, as [`HistoryAction::words`] words them);
    /// none when the detail is shown as it is (a service's name, a forwarding's kind, a BIN).
    pub fn history_detail_key(self) -> Option<&'static str> {
        match self {
            Self::BanSet | Self::BanRemove => Some("ban."),
            Self::Report => Some("history.report."),
            _ => None,
        }
    }

    /// Whether the sandbox writes it to the history (the e-mail and the display name are the
    /// administrator's own settings, which the manual's history does not list).
    pub fn in_history(self) -> bool {
        !matches!(self, Self::EmailChange | Self::DisplayName)
    }
}

impl HistoryAction {
    /// The row of a request's completion, by its kind's action (`RequestKind::action`); a kind
    /// this version does not know is named by its raw name.
    pub fn completion_of(request: &RequestKind) -> Self {
        match request.action() {
            Some(kind) => kind.history().completed(),
            None => Self { kind: None, completed: true, detail: Some(request.as_str().to_string()) },
        }
    }

    /// The same action with the detail its text names.
    pub fn of(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// The row of the request's completion (an action done at once reads the same either way).
    pub fn completed(mut self) -> Self {
        self.completed = true;
        self
    }

    /// The portal's text of the row: the manual's wording (its English words).
    pub fn text(&self) -> String {
        self.words(Language::En)
    }

    /// The row's words in `lang`: its kind's [`history_template`] with the detail worded in `lang` (a
    /// ban's or a report's name; a service's name, a forwarding's kind and a BIN as they are).
    pub fn words(&self, lang: Language) -> String {
        let detail = self.detail.as_deref().unwrap_or_default();
        let Some(kind) = self.kind else {
            let request = lang.pick(["Request", "Запрос", "Сұрау"]);
            return format!("{request} {detail}");
        };
        let worded = match kind {
            ActionKind::BanSet | ActionKind::BanRemove => Ban::from_wire(detail).name(lang).unwrap_or(detail),
            ActionKind::Report => ReportKind::from_wire(detail).name(lang),
            _ => detail,
        };
        history_template(kind, self.completed && kind.request_kind().is_some(), lang).replace("{detail}", worded)
    }
}

/// The words of a kind's history row in `lang`, with `{detail}` where the detail goes: the
/// asking (`completed` false) or the completion of a request. The window's
/// `history.action.<id>` and `history.done.<id>` texts are these (`tests/locales.rs`).
pub fn history_template(kind: ActionKind, completed: bool, lang: Language) -> &'static str {
    use ActionKind::*;
    let pick = |words: [&'static str; 3]| lang.pick(words);
    let two = |asked: [&'static str; 3], done: [&'static str; 3]| pick(if completed { done } else { asked });
    match kind {
        Block => two(
            ["Number blocking", "Блокировка номера", "Нөмірді бұғаттау"],
            ["Number blocked", "Номер заблокирован", "Нөмір бұғатталды"],
        ),
        Unblock => two(
            ["Number unblocking", "Разблокировка номера", "Нөмірді бұғаттаудан шығару"],
            ["Number unblocked", "Номер разблокирован", "Нөмір бұғаттаудан шығарылды"],
        ),
        ServiceEnable => {
            pick(["Service enabled: {detail}", "Подключение услуги: {detail}", "Қызмет қосылды: {detail}"])
        }
        ServiceDisable => {
            pick(["Service disabled: {detail}", "Отключение услуги: {detail}", "Қызмет ажыратылды: {detail}"])
        }
        SimReplacement => two(
            ["SIM card replacement", "Замена SIM-карты", "SIM-картаны ауыстыру"],
            ["SIM card replaced", "SIM-карта заменена", "SIM-карта ауыстырылды"],
        ),
        BanSet => pick(["{detail}: set", "{detail}: установлен", "{detail}: орнатылды"]),
        BanRemove => pick(["{detail}: removed", "{detail}: снят", "{detail}: алып тасталды"]),
        DeviceRegister => two(
            ["Device registration (IMEI)", "Регистрация устройства (IMEI)", "Құрылғыны тіркеу (IMEI)"],
            ["Device registered (IMEI)", "Устройство зарегистрировано (IMEI)", "Құрылғы тіркелді (IMEI)"],
        ),
        DeviceReregister => two(
            ["Device re-registration (IMEI)", "Перерегистрация устройства (IMEI)", "Құрылғыны қайта тіркеу (IMEI)"],
            ["Device re-registered (IMEI)", "Устройство перерегистрировано (IMEI)", "Құрылғы қайта тіркелді (IMEI)"],
        ),
        DeviceDuplicate => two(
            ["Duplicate registration (IMEI)", "Регистрация дубликата (IMEI)", "Телнұсқаны тіркеу (IMEI)"],
            ["Duplicate registered (IMEI)", "Дубликат зарегистрирован (IMEI)", "Телнұсқа тіркелді (IMEI)"],
        ),
        DeviceDeregister => two(
            [
                "Device deregistration (IMEI)",
                "Снятие регистрации устройства (IMEI)",
                "Құрылғыны тіркеуден шығару (IMEI)",
            ],
            [
                "Device registration removed (IMEI)",
                "Регистрация устройства снята (IMEI)",
                "Құрылғы тіркеуден шығарылды (IMEI)",
            ],
        ),
        ForwardingSet => pick([
            "Call forwarding set: {detail}",
            "Переадресация установлена: {detail}",
            "Қоңырауды қайта бағыттау орнатылды: {detail}",
        ]),
        ForwardingClear => pick([
            "Call forwarding off: {detail}",
            "Переадресация отключена: {detail}",
            "Қоңырауды қайта бағыттау өшірілді: {detail}",
        ]),
        SecretCodeSend => pick(["Secret code sent", "Секретный код отправлен", "Құпия код жіберілді"]),
        SecretCodeDelete => pick(["Secret code deleted", "Секретный код удалён", "Құпия код жойылды"]),
        PaymentsReport => pick(["Payments report", "Отчёт по платежам", "Төлемдер бойынша есеп"]),
        Transfer => pick(["Balance transfer: sent", "Перевод баланса: отправлен", "Теңгерімді аудару: жіберілді"]),
        TransferReceive => {
            pick(["Balance transfer: received", "Перевод баланса: получен", "Теңгерімді аудару: алынды"])
        }
        Report => "{detail}",
        EmailChange => pick(["E-mail change", "Смена e-mail", "E-mail ауыстыру"]),
        DisplayName => pick(["Display name change", "Смена отображаемого имени", "Көрсетілетін атауды ауыстыру"]),
        SimCodesView => pick(["PIN/PUK codes viewed", "Просмотр PIN/PUK-кодов", "PIN/PUK кодтары қаралды"]),
        CertificatesRequest => pick([
            "Request from contact to provide certificates of work performed for company {detail} (BIN)",
            "Запрос контакта на предоставление актов выполненных работ для компании {detail} (БИН)",
            "Контактінің {detail} (БСН) компаниясы үшін орындалған жұмыстар актілерін беру туралы сұрауы",
        ]),
        InvoiceRegister => pick([
            "Request from contact to provide the invoice register for company {detail} (BIN)",
            "Запрос контакта на предоставление реестра счетов-фактур для компании {detail} (БИН)",
            "Контактінің {detail} (БСН) компаниясы үшін шот-фактуралар тізілімін беру туралы сұрауы",
        ]),
        InvoiceSearch => pick([
            "Request from contact to search numbers by invoice number for company {detail} (BIN)",
            "Запрос контакта на поиск номеров по номеру счёта-фактуры для компании {detail} (БИН)",
            "Контактінің {detail} (БСН) компаниясы үшін шот-фактура нөмірі бойынша нөмірлерді іздеу туралы сұрауы",
        ]),
    }
}

/// The name of a kind in `lang`, as the history's action filter offers it (whatever its detail;
/// both the asking and the completion). The window's `history.kind.<id>` texts are these.
pub fn history_label(kind: ActionKind, lang: Language) -> &'static str {
    use ActionKind::*;
    let pick = |words: [&'static str; 3]| lang.pick(words);
    match kind {
        ServiceEnable => pick(["Service enabling", "Подключение услуги", "Қызметті қосу"]),
        ServiceDisable => pick(["Service disabling", "Отключение услуги", "Қызметті ажырату"]),
        BanSet => pick(["Ban setting", "Установка запрета", "Тыйым орнату"]),
        BanRemove => pick(["Ban removal", "Снятие запрета", "Тыйымды алып тастау"]),
        ForwardingSet => {
            pick(["Call forwarding setting", "Установка переадресации", "Қоңырауды қайта бағыттауды орнату"])
        }
        ForwardingClear => {
            pick(["Call forwarding off", "Отключение переадресации", "Қоңырауды қайта бағыттауды өшіру"])
        }
        Report => pick(["Company report", "Отчёт компании", "Компания есебі"]),
        CertificatesRequest => {
            pick(["Certificates of work performed", "Акты выполненных работ", "Орындалған жұмыстар актілері"])
        }
        InvoiceRegister => pick(["Invoice register", "Реестр счетов-фактур", "Шот-фактуралар тізілімі"]),
        InvoiceSearch => {
            pick(["Search by invoice number", "Поиск по номеру счёта-фактуры", "Шот-фактура нөмірі бойынша іздеу"])
        }
        other => history_template(other, false, lang),
    }
}

/// Reads a history row's kind leniently: none when the portal sends none, or one this version
/// does not know (the row is then shown by the portal's text), never a failed read.
pub fn lenient_kind<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<ActionKind>, D::Error> {
    let raw = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(raw.as_ref().and_then(serde_json::Value::as_str).and_then(ActionKind::from_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_the_manuals_wording_made_from_the_kind() {
        assert_eq!(ActionKind::Block.history().text(), "Number blocking");
        assert_eq!(ActionKind::Block.history().completed().text(), "Number blocked");
        assert_eq!(ActionKind::ServiceEnable.history().of("Roaming").text(), "Service enabled: Roaming");
        let ban = ActionKind::BanSet.history().of("mykcell");
        assert_eq!(ban.text(), "Ban on MyKcell access: set");
        assert_eq!(ban.words(Language::Ru), "Запрет на доступ в MyKcell: установлен");
        let report = ActionKind::Report.history().of("numbers").completed();
        assert_eq!(
            (report.text().as_str(), report.words(Language::Ru).as_str()),
            ("List of numbers report", "Отчёт по списку номеров")
        );
        assert_eq!(ActionKind::Report.history().text(), "Report", "a report of no kind, as before");
        // In Kazakh, with the detail worded in Kazakh too.
        assert_eq!(ActionKind::Block.history().completed().words(Language::Kk), "Нөмір бұғатталды");
        assert_eq!(report.words(Language::Kk), "Нөмірлер тізімі бойынша есеп");
        assert_eq!(
            ActionKind::ForwardingSet.history().of("busy").words(Language::Kk),
            "Қоңырауды қайта бағыттау орнатылды: busy"
        );
        assert_eq!(HistoryAction::completion_of(&RequestKind::Unknown("x".into())).words(Language::Kk), "Сұрау x");
        assert_eq!(ActionKind::Transfer.history().completed().text(), "Balance transfer: sent");
        assert_eq!(ActionKind::SimCodesView.history().text(), "PIN/PUK codes viewed");
        let unknown = HistoryAction::completion_of(&RequestKind::Unknown("freeze".into()));
        assert_eq!((unknown.kind, unknown.text().as_str()), (None, "Request freeze"));
        let blocked = HistoryAction::completion_of(&RequestKind::Block);
        assert_eq!((blocked.kind, blocked.text().as_str()), (Some(ActionKind::Block), "Number blocked"));
        for kind in ActionKind::ALL {
            for lang in Language::ALL {
                let (asked, done) = (history_template(kind, false, lang), history_template(kind, true, lang));
                assert_eq!(asked.contains("{detail}"), kind.history_has_detail(), "{kind:?}");
                assert_eq!(done.contains("{detail}"), kind.history_has_detail(), "{kind:?}");
                assert_eq!(asked != done, kind.request_kind().is_some() && kind != ActionKind::Report, "{kind:?}");
                assert!(!history_label(kind, lang).contains("{detail}"), "{kind:?}");
            }
        }
    }

    #[test]
    fn a_missing_or_unknown_kind_reads_as_none() {
        #[derive(Deserialize)]
        struct Row {
            #[serde(default, deserialize_with = "lenient_kind")]
            kind: Option<ActionKind>,
        }
        let read = |json: &str| serde_json::from_str::<Row>(json).map(|r| r.kind).ok();
        assert_eq!(read(r#"{"kind":"block"}"#), Some(Some(ActionKind::Block)));
        assert_eq!(read(r#"{"kind":"freeze"}"#), Some(None));
        assert_eq!(read(r#"{"kind":7}"#), Some(None));
        assert_eq!(read(r#"{"kind":null}"#), Some(None));
        assert_eq!(read(r#"{}"#), Some(None));
    }
}
