//! The company's actions history through `account.actions_history()` against a real sandbox:
//! the period refused before the portal is asked, the rows of every administrator filtered by
//! number and by action, another company's history not found, and the XLSX of the filtered rows.

mod common;

use kabinet_core::action::{Action, ActionKind};
use kabinet_core::actions_history::ActionsFilter;
use kabinet_core::error::Reason;
use kabinet_core::settings::Language;
use kabinet_core::ErrorCode;
use kabinet_documents::inspect::Inspected;

const NUMBER: &str = "77010542007";
const OTHER: &str = "77010600037";

#[tokio::test]
async fn the_history_of_a_period_is_filtered_by_number_and_action_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    let history = account.actions_history();
    let bounds = history.period();

    // Refused here, before anything is asked: the field is named.
    let too_old = bounds.earliest.pred_opt().unwrap();
    let e = history.list(1, too_old, bounds.latest, &ActionsFilter::default()).await.unwrap_err();
    assert_eq!(
        (e.code, e.reason, e.field.as_deref()),
        (ErrorCode::PeriodTooLong, Some(Reason::PeriodOlderThanTwelveMonths), Some("from"))
    );
    let e =
        history.list(1, bounds.latest, bounds.latest.succ_opt().unwrap(), &ActionsFilter::default()).await.unwrap_err();
    assert_eq!((e.reason, e.field.as_deref()), (Some(Reason::PeriodInFuture), Some("to")));

    // Three actions on two numbers.
    account.act().send_as::<serde_json::Value>(NUMBER, &Action::Block).await.unwrap();
    account.numbers().sim_secrets(NUMBER).await.unwrap();
    account.act().send_as::<serde_json::Value>(OTHER, &Action::Block).await.unwrap();

    let all = history.list(1, bounds.default_from, bounds.default_to, &ActionsFilter::default()).await.unwrap();
    assert_eq!(all.total, all.items.len());
    assert!(all.items.len() >= 3, "{:?}", all.items);
    let kinds: Vec<_> = all.actions.iter().filter_map(|c| c.kind).collect();
    assert!(kinds.contains(&ActionKind::Block) && kinds.contains(&ActionKind::SimCodesView), "{:?}", all.actions);
    assert!(all.items.iter().all(|a| a.kind.is_some()), "every row of this portal has its kind");
    assert!(all.items.iter().all(|a| a.admin_phone == portal_sandbox::DEMO_LOGIN_PHONE));

    let by_number = ActionsFilter { number: Some("+7 701 054 20 07".into()), action: None };
    let view = history.list(1, bounds.default_from, bounds.default_to, &by_number).await.unwrap();
    assert!(view.items.len() >= 2 && view.items.iter().all(|a| a.msisdn.as_deref() == Some(NUMBER)));
    assert_eq!(view.total, all.total, "the total is before the filter");
    let both = ActionsFilter { number: Some("701 054".into()), action: Some("Number blocking".into()) };
    let view = history.list(1, bounds.default_from, bounds.default_to, &both).await.unwrap();
    assert_eq!(view.items.len(), 1, "{:?}", view.items);
    // By the kind's id, as the window's filter and the CLI ask: the blocks of both numbers.
    let by_kind = ActionsFilter { number: None, action: Some("block".into()) };
    let view = history.list(1, bounds.default_from, bounds.default_to, &by_kind).await.unwrap();
    assert!(view.items.len() >= 2 && view.items.iter().all(|a| a.kind == Some(ActionKind::Block)), "{:?}", view.items);
    let codes = ActionsFilter { number: None, action: Some("sim_codes_view".into()) };
    let view = history.list(1, bounds.default_from, bounds.default_to, &codes).await.unwrap();
    assert_eq!(view.items.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["PIN/PUK codes viewed"]);

    // Exported: the filtered rows, titled with the company (as cached), the period and the filter.
    account.companies().await.unwrap();
    let file = history.xlsx(1, bounds.default_from, bounds.default_to, &both, Language::Ru).await.unwrap();
    assert_eq!(file.file_name, format!("actions-{}-{}.xlsx", bounds.default_from, bounds.default_to));
    let x = Inspected::read(&file.bytes);
    assert_eq!(x.text(0, 0), "История действий");
    let lines: Vec<String> = (1..6).map(|r| x.text(r, 0)).collect();
    assert_eq!(lines[..2], ["Компания: ТОО Кабинет", "БИН: 150340001236"]);
    assert!(lines.iter().any(|l| l == "Фильтр: номер 701 054, действие «Number blocking»"), "{lines:?}");
    let header = (0..12)
        .find(|r| matches!(x.value(*r, 1), kabinet_documents::inspect::Value::String(s) if s == "Действие"))
        .unwrap();
    assert_eq!(x.frozen_rows(), Some(header + 1));
    x.datetime(header + 1, 0);
    assert_eq!(x.number_format(header + 1, 0), kabinet_documents::DATE_TIME_FORMAT);
    assert_eq!(x.text(header + 1, 1), "Блокировка номера", "worded from its kind, in the file's language");
    assert_eq!(x.text(header + 1, 5), NUMBER);
    assert_eq!(x.last_row(), header + 1, "one row");

    // Kept in the library, listed offline with its company and period.
    let saved = history.export(1, bounds.default_from, bounds.default_to, &both, Language::En).await.unwrap();
    assert_eq!(saved.kind.as_str(), "actions_history");
    let kept = account.library().load(saved.id).await.unwrap();
    assert_eq!(Inspected::read(&kept.bytes).text(0, 0), "Actions history");
    assert_eq!(kept.info.company_id, Some(1));

    // Another company's history: not found.
    let e = history.list(3, bounds.default_from, bounds.default_to, &ActionsFilter::default()).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
}
