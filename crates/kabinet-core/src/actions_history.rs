//! The company's actions history (the manual's "Actions history" sub-tab), as a handle on the
//! account (`account.actions_history()`): the actions of all of the company's administrators in
//! a period, filtered by number and by action, and their XLSX export.
//!
//! The period's rule is `rules::history_period` (the last twelve months, Kazakhstan days),
//! checked here before asking the portal (which checks it again); [`ActionsHistory::period`]
//! gives the UI its bounds and default from the same rule. "Export to XLSX" keeps the file in
//! the library ([`ActionsHistory::export`]). The filter is applied here, once:
//! the screen asks again when it changes (the period's rows are one local request away), and
//! the export writes exactly the rows the screen shows.
//!
//! The action filter is by kind (`ActionKind`'s id, e.g. `block`, which the portal's rows carry),
//! or, for a row without a kind this version knows, by the portal's text (also the CLI's older
//! `--action "Number blocking"`). The export words each row from its kind in its language.

use crate::action::{history_label, ActionKind};
use crate::api::ActionRecord;
use crate::cache::documents::{DocumentInfo, DocumentKind, NewDocument};
use crate::error::Result;
use crate::library::Library;
use crate::numbers::Numbers;
use crate::rules::history_period::{self, PeriodBounds};
use crate::session::Session;
use crate::settings::Language;
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Which rows to show: both conditions, when given, must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionsFilter {
    /// A number or part of one, written as people write numbers (`+7 701 054`, `8701…`, digits):
    /// the rows whose number contains its digits. Not phone-like text matches nothing.
    #[serde(default)]
    pub number: Option<String>,
    /// One action: its kind's id (`block`), or a row's text as the portal wrote it (the rows
    /// without a kind this version knows, and the CLI's older `--action "Number blocking"`).
    #[serde(default)]
    pub action: Option<String>,
}

impl ActionsFilter {
    fn digits(&self) -> Option<Option<String>> {
        let number = self.number.as_deref().map(str::trim).filter(|n| !n.is_empty())?;
        Some(crate::domain::phone_query_digits(number))
    }

    /// Whether a row passes.
    pub fn matches(&self, record: &ActionRecord) -> bool {
        let number_ok = match self.digits() {
            None => true,
            Some(None) => false,
            Some(Some(digits)) => record.msisdn.as_deref().is_some_and(|m| m.contains(&digits)),
        };
        let action_ok = match self.action() {
            None => true,
            Some(ActionChoiceValue::Kind(kind)) => record.kind == Some(kind),
            Some(ActionChoiceValue::Text(text)) => record.action == text,
        };
        number_ok && action_ok
    }

    /// The action asked for: a kind by its id, else a text; none when blank.
    fn action(&self) -> Option<ActionChoiceValue<'_>> {
        let action = self.action.as_deref().map(str::trim).filter(|a| !a.is_empty())?;
        Some(ActionKind::from_id(action).map_or(ActionChoiceValue::Text(action), ActionChoiceValue::Kind))
    }

    /// The filter as a title line of the export, `None` when nothing is filtered.
    fn describe(&self, lang: Language) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(number) = self.number.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            parts.push(format!("{} {number}", lang.pick(["number", "номер", "нөмір"])));
        }
        if let Some(action) = self.action() {
            let action = match action {
                ActionChoiceValue::Kind(kind) => history_label(kind, lang),
                ActionChoiceValue::Text(text) => text,
            };
            parts.push(format!("{} «{action}»", lang.pick(["action", "действие", "әрекет"])));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// What the action filter holds.
enum ActionChoiceValue<'a> {
    Kind(ActionKind),
    Text(&'a str),
}

/// One choice of the action filter: a kind found in the period (the window names it by its
/// `history.kind.<id>` text), or the text of rows without a kind this version knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionChoice {
    /// What the filter takes ([`ActionsFilter::action`]): the kind's id, or the text.
    pub value: String,
    pub kind: Option<ActionKind>,
}

impl ActionChoice {
    /// The choices of these rows: each kind once, in [`ActionKind::ALL`]'s order, then each text
    /// of the rows without a kind, sorted.
    fn of(items: &[ActionRecord]) -> Vec<Self> {
        let kinds = ActionKind::ALL.into_iter().filter(|k| items.iter().any(|a| a.kind == Some(*k)));
        let mut texts: Vec<&str> = items.iter().filter(|a| a.kind.is_none()).map(|a| a.action.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        kinds
            .map(|kind| Self { value: kind.id().to_string(), kind: Some(kind) })
            .chain(texts.into_iter().map(|text| Self { value: text.to_string(), kind: None }))
            .collect()
    }
}

/// The history of a period as the screen shows it.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    pub company_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The rows that pass the filter, newest first.
    pub items: Vec<ActionRecord>,
    /// How many rows the period has before filtering.
    pub total: usize,
    /// The actions found in the period (the action filter's choices).
    pub actions: Vec<ActionChoice>,
    /// The portal had more rows than one answer holds (the oldest are left out).
    pub truncated: bool,
}

/// An exported history: the file's name and bytes.
#[derive(Debug, Clone)]
pub struct HistoryFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub view: HistoryView,
}

/// The actions history of a signed-in account; get it with [`crate::account::Account::actions_history`].
#[derive(Clone, Copy)]
pub struct ActionsHistory<'a> {
    session: &'a Session,
}

impl<'a> ActionsHistory<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// The period the history can cover now, and its default (the last month).
    pub fn period(&self) -> PeriodBounds {
        history_period::bounds(Utc::now())
    }

    /// The company's actions from `from` to `to` that pass `filter`. Checks the session and the
    /// period (fields `from`/`to`) before asking; another company's history is `not_found`.
    pub async fn list(
        &self,
        company: i64,
        from: NaiveDate,
        to: NaiveDate,
        filter: &ActionsFilter,
    ) -> Result<HistoryView> {
        self.session.owner()?;
        history_period::check(from, to, Utc::now())?;
        let list = self.session.check(self.session.client.actions(company, from, to).await)?;
        let actions = ActionChoice::of(&list.items);
        let total = list.items.len();
        let items = list.items.into_iter().filter(|a| filter.matches(a)).collect();
        Ok(HistoryView { company_id: company, from, to, items, total, actions, truncated: list.truncated })
    }

    /// The rows [`Self::list`] gives, as an XLSX file in `lang`, titled with the company (its
    /// cached name and BIN), the period and the filter.
    pub async fn xlsx(
        &self,
        company: i64,
        from: NaiveDate,
        to: NaiveDate,
        filter: &ActionsFilter,
        lang: Language,
    ) -> Result<HistoryFile> {
        let view = self.list(company, from, to, filter).await?;
        let title_company = Numbers::new(self.session).export_company(company).await?;
        let bytes = crate::export::actions_xlsx(&view.items, &title_company, (from, to), filter.describe(lang), lang)?;
        Ok(HistoryFile { file_name: crate::export::actions_file_name(from, to), bytes, view })
    }

    /// "Export to XLSX": [`Self::xlsx`] kept in the library (kind `actions_history`, the
    /// company, the period, the filter as its detail); returns what the library lists for it.
    pub async fn export(
        &self,
        company: i64,
        from: NaiveDate,
        to: NaiveDate,
        filter: &ActionsFilter,
        lang: Language,
    ) -> Result<DocumentInfo> {
        let file = self.xlsx(company, from, to, filter, lang).await?;
        let detail = serde_json::to_string(filter).expect("a filter serializes");
        let doc = NewDocument {
            kind: DocumentKind::ActionsHistory,
            company_id: Some(company),
            subject: None,
            request_id: None,
            msisdn: None,
            period: Some((from, to)),
            file_name: &file.file_name,
            content_type: crate::payments::XLSX,
            bytes: &file.bytes,
            detail: Some(detail),
            created_at: Utc::now(),
        };
        Library::new(self.session).save(&doc).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(msisdn: Option<&str>, action: &str) -> ActionRecord {
        ActionRecord {
            at: Utc::now(),
            action: action.into(),
            kind: None,
            completed: false,
            detail: None,
            msisdn: msisdn.map(String::from),
            status: "Success".into(),
            admin_name: "Алия Сапарова".into(),
            admin_phone: "77010016515".into(),
        }
    }

    #[test]
    fn the_filter_matches_a_number_as_written_and_an_action_exactly() {
        let row = record(Some("77010542007"), "Number blocking");
        let f = |number: Option<&str>, action: Option<&str>| ActionsFilter {
            number: number.map(String::from),
            action: action.map(String::from),
        };
        assert!(f(None, None).matches(&row));
        assert!(f(Some("  "), Some("")).matches(&row), "blank is no filter");
        assert!(f(Some("+7 701 054 20 07"), None).matches(&row));
        assert!(f(Some("87010542007"), None).matches(&row), "a leading 8 of a whole number");
        assert!(f(Some("054 20"), Some("Number blocking")).matches(&row));
        assert!(!f(Some("054 21"), None).matches(&row));
        assert!(!f(Some("Кабинет"), None).matches(&row), "not a number");
        assert!(!f(None, Some("Number unblocking")).matches(&row));
        assert!(!f(Some("7701"), None).matches(&record(None, "Login")), "a row without a number");
        assert_eq!(f(Some("7701"), Some("Login")).describe(Language::Ru).unwrap(), "номер 7701, действие «Login»");
        assert_eq!(f(None, None).describe(Language::En), None);
    }

    #[test]
    fn the_filter_takes_a_kind_by_its_id_and_a_row_without_a_kind_by_its_text() {
        let kinded = |text: &str, kind, completed| ActionRecord {
            kind: Some(kind),
            completed,
            ..record(Some("77010542007"), text)
        };
        let (blocking, blocked) =
            (kinded("Number blocking", ActionKind::Block, false), kinded("Number blocked", ActionKind::Block, true));
        let unblocking = kinded("Number unblocking", ActionKind::Unblock, false);
        let old = record(None, "Number blocking");
        let f = |action: &str| ActionsFilter { number: None, action: Some(action.into()) };
        assert!(f("block").matches(&blocking) && f("block").matches(&blocked), "the asking and the completion");
        assert!(!f("block").matches(&unblocking) && !f("block").matches(&old));
        assert!(f(" unblock ").matches(&unblocking));
        assert!(f("Number blocking").matches(&old) && f("Number blocking").matches(&blocking), "by text, as before");
        assert_eq!(f("block").describe(Language::Ru).unwrap(), "действие «Блокировка номера»");
        assert_eq!(f("block").describe(Language::Kk).unwrap(), "әрекет «Нөмірді бұғаттау»");
        assert_eq!(f("service_enable").describe(Language::En).unwrap(), "action «Service enabling»");

        let choices = ActionChoice::of(&[unblocking, old.clone(), blocked, blocking, old]);
        let values: Vec<_> = choices.iter().map(|c| (c.value.as_str(), c.kind)).collect();
        assert_eq!(
            values,
            [("block", Some(ActionKind::Block)), ("unblock", Some(ActionKind::Unblock)), ("Number blocking", None)]
        );
    }
}
