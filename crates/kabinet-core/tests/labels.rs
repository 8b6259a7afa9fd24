//! Labels (employee, department, cost centre, tags) against a demo sandbox's synced list: an
//! import with good, unknown and malformed rows previewed, applied in one transaction and undone;
//! an edit of a selection; the numbers list's export carrying the labels and importing back as
//! "no change".

mod common;

use kabinet_core::cache::numbers::NumberFilter;
use kabinet_core::labels::import::Outcome;
use kabinet_core::labels::LabelEdit;
use kabinet_core::number_label::{CostCentre, Label};

async fn synced() -> (tempfile::TempDir, portal_sandbox::RunningSandbox, kabinet_core::account::Account, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let (portal, account) = common::demo_account(&dir).await;
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    let numbers =
        account.numbers().all(1, &NumberFilter::default()).await.unwrap().into_iter().map(|n| n.msisdn).collect();
    (dir, portal, account, numbers)
}

/// `77012115526` as people write it: `+7 701 211 55 26`.
fn written(msisdn: &str) -> String {
    format!("+7 {} {} {} {}", &msisdn[1..4], &msisdn[4..7], &msisdn[7..9], &msisdn[9..11])
}

/// The apply takes the preview's plan as kept only while the labels are as the preview read
/// them: a label written in between makes it plan the file again, and refuse when that plan is
/// not the one previewed (applying the kept plan would put back the employee it read).
#[tokio::test]
async fn an_import_previewed_before_a_label_changed_is_planned_again() {
    let (_dir, _portal, account, numbers) = synced().await;
    let (a, b) = (&numbers[0], &numbers[1]);
    let labels = account.labels();
    labels.set(1, a, Label { employee: "Иванов И.".into(), ..Label::default() }).await.unwrap();
    let csv = format!("Номер;Отдел\r\n{a};Склад\r\n");
    let plan = labels.preview_import(1, csv.as_bytes()).await.unwrap();
    labels.set(1, a, Label { employee: "Петров П.".into(), ..Label::default() }).await.unwrap();
    let e = labels.apply_import(1, csv.as_bytes(), "labels.csv", &plan.digest).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file"), "{e:?}");
    assert_eq!(labels.get(1, a).await.unwrap(), Label { employee: "Петров П.".into(), ..Label::default() });

    // Another number's label changed: the plan is the same, and applies.
    let plan = labels.preview_import(1, csv.as_bytes()).await.unwrap();
    labels.set(1, b, Label { employee: "Сидоров С.".into(), ..Label::default() }).await.unwrap();
    labels.apply_import(1, csv.as_bytes(), "labels.csv", &plan.digest).await.unwrap();
    let got = labels.get(1, a).await.unwrap();
    assert_eq!((got.employee.as_str(), got.department.as_str()), ("Петров П.", "Склад"));
    assert_eq!(labels.get(1, b).await.unwrap().employee, "Сидоров С.");
}

#[tokio::test]
async fn an_import_is_previewed_applied_in_one_change_and_undone() {
    let (_dir, _portal, account, numbers) = synced().await;
    let (a, b) = (&numbers[0], &numbers[1]);
    let csv = format!(
        "\u{feff}Номер;Сотрудник;Отдел;Код ЦФО;ЦФО;Теги\r\n\
         {};Иванов И.;Бухгалтерия;CC-10;Финансы;\"VIP, Алматы\"\r\n\
         8{};Петров П.;Склад;CC-20;Логистика;\r\n\
         +7 777 000 00 00;Никто;;;;\r\n\
         12345;Сидоров;;;;\r\n\
         {};Иванов И.;;;ЦФО без кода;\r\n",
        written(a),
        &b[1..],
        a
    );
    let labels = account.labels();
    let plan = labels.preview_import(1, csv.as_bytes()).await.unwrap();
    assert_eq!((plan.changed, plan.unchanged, plan.unknown, plan.malformed), (2, 0, 1, 2), "{plan:#?}");
    assert_eq!(plan.rows[2].outcome, Outcome::Unknown);
    assert!(matches!(&plan.rows[3].outcome, Outcome::Malformed { field, .. } if field == "number"));
    assert!(matches!(&plan.rows[4].outcome, Outcome::Malformed { message, .. } if message.contains("line 2")));
    // The preview wrote nothing.
    assert_eq!(labels.get(1, a).await.unwrap(), Label::default());

    // A digest that is not the preview's is refused, and nothing is written.
    assert_eq!(
        labels.apply_import(1, csv.as_bytes(), "labels.csv", "0").await.unwrap_err().field.as_deref(),
        Some("file")
    );
    assert_eq!(labels.get(1, a).await.unwrap(), Label::default());

    let change = labels.apply_import(1, csv.as_bytes(), "labels.csv", &plan.digest).await.unwrap();
    assert_eq!((change.kind.as_str(), change.source.as_str(), change.numbers), ("import", "labels.csv", 2));
    let got = labels.get(1, a).await.unwrap();
    assert_eq!(got.employee, "Иванов И.");
    assert_eq!(got.cost_centre, CostCentre { code: "CC-10".into(), name: "Финансы".into() });
    assert_eq!(got.tags, ["VIP", "Алматы"]);
    assert_eq!(labels.get(1, b).await.unwrap().department, "Склад");
    let choices = labels.choices(1).await.unwrap();
    assert_eq!(choices.departments, ["Бухгалтерия", "Склад"]);
    assert_eq!(choices.cost_centres.len(), 2);

    // The same file again changes nothing.
    let again = labels.preview_import(1, csv.as_bytes()).await.unwrap();
    assert_eq!((again.changed, again.unchanged), (0, 2));

    // Undo restores both numbers as they were, and cannot be done twice.
    assert_eq!(labels.undo(1, change.id).await.unwrap(), 2);
    assert_eq!(labels.get(1, a).await.unwrap(), Label::default());
    assert_eq!(labels.get(1, b).await.unwrap(), Label::default());
    assert!(labels.undo(1, change.id).await.is_err());
    assert!(labels.last_change(1).await.unwrap().is_none());
}

#[tokio::test]
async fn an_import_over_labelled_numbers_is_undone_to_each_ones_label_before() {
    let (_dir, _portal, account, numbers) = synced().await;
    let (a, b) = (&numbers[0], &numbers[1]);
    let labels = account.labels();
    let was = Label {
        employee: "O'Brien \"Q\" Ж.".into(),
        department: "Бухгалтерия".into(),
        cost_centre: CostCentre { code: "CC-1".into(), name: "Финансы".into() },
        tags: vec!["VIP".into(), "Алматы".into()],
    };
    labels.set(1, a, was.clone()).await.unwrap();
    let csv = format!("Номер;Сотрудник;Теги\n{a};Петров;\n{b};Сидоров;x\n");
    let plan = labels.preview_import(1, csv.as_bytes()).await.unwrap();
    let change = labels.apply_import(1, csv.as_bytes(), "labels.csv", &plan.digest).await.unwrap();
    assert_eq!(labels.get(1, a).await.unwrap().employee, "Петров");
    assert_eq!(labels.undo(1, change.id).await.unwrap(), 2);
    assert_eq!(labels.get(1, a).await.unwrap(), was);
    assert_eq!(labels.get(1, b).await.unwrap(), Label::default());
}

#[tokio::test]
async fn a_selection_is_edited_at_once_and_the_export_imports_back_unchanged() {
    let (dir, _portal, account, numbers) = synced().await;
    let labels = account.labels();
    labels.set(1, &numbers[0], Label { tags: vec!["old".into()], ..Label::default() }).await.unwrap();
    let selection = numbers[..3].to_vec();
    let edit = LabelEdit {
        department: Some("Продажи".into()),
        cost_centre: Some(CostCentre { code: "CC-30".into(), name: "Продажи".into() }),
        add_tags: vec!["Алматы".into()],
        remove_tags: vec!["OLD".into()],
        ..LabelEdit::default()
    };
    let change = labels.edit(1, &selection, &edit).await.unwrap();
    assert_eq!(change.numbers, 3);
    for m in &selection {
        let l = labels.get(1, m).await.unwrap();
        assert_eq!((l.department.as_str(), l.tags.as_slice()), ("Продажи", &["Алматы".to_string()][..]));
    }
    // A bad value is refused before anything is written, naming the field.
    let bad = LabelEdit { employee: Some("x\u{202E}".into()), ..LabelEdit::default() };
    assert_eq!(labels.edit(1, &selection, &bad).await.unwrap_err().field.as_deref(), Some("employee"));
    // A number of another company is refused.
    let e = labels.set(1, "77000000000", Label { employee: "x".into(), ..Label::default() }).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("numbers"));

    // The numbers list's export has the label columns, and reads back as a labels file.
    for format in [kabinet_core::export::ListFormat::Xlsx, kabinet_core::export::ListFormat::Csv] {
        let doc = account
            .library()
            .save_numbers_list(1, &NumberFilter::default(), kabinet_core::settings::Language::Ru, format)
            .await
            .unwrap();
        let path = account.library().save_into(doc.id, dir.path()).await.unwrap();
        let plan = labels.preview_import(1, &std::fs::read(path).unwrap()).await.unwrap();
        assert_eq!((plan.changed, plan.unknown, plan.malformed), (0, 0, 0), "{format:?}");
        assert_eq!(plan.unchanged as usize, numbers.len());
        assert!(plan.ignored_columns.iter().any(|c| c == "Тарифный план"));
    }
}

#[tokio::test]
async fn a_file_that_is_not_a_labels_file_is_refused_naming_the_file() {
    let (_dir, _portal, account, _numbers) = synced().await;
    let labels = account.labels();
    for bytes in [&b"Account;Tariff\n1;x\n"[..], b"", b"PK\x03\x04broken"] {
        let e = labels.preview_import(1, bytes).await.unwrap_err();
        assert_eq!(e.field.as_deref(), Some("file"), "{e:?}");
    }
}

#[tokio::test]
async fn the_demos_labels_are_given_once_every_row_one_of_the_demo_companys_numbers() {
    let (_dir, _portal, account, numbers) = synced().await;
    let labels = account.labels();
    let (company, csv) = (portal_sandbox::DEMO_LABELS_COMPANY, portal_sandbox::DEMO_LABELS_CSV.as_bytes());
    let plan = labels.preview_import(company, csv).await.unwrap();
    assert_eq!((plan.changed, plan.unknown, plan.malformed), (25, 0, 0), "{plan:#?}");
    assert!(numbers.len() > 25, "some numbers are left Unassigned");

    let change = labels.seed_once(company, csv, "demo-labels.csv").await.unwrap().expect("applied the first time");
    assert_eq!(change.numbers, 25);
    assert_eq!(labels.get(company, "77012115526").await.unwrap().cost_centre.code, "CC-200");
    // Never again: not while the labels are there, and not after the user undid them.
    assert!(labels.seed_once(company, csv, "demo-labels.csv").await.unwrap().is_none());
    labels.undo(company, change.id).await.unwrap();
    assert!(labels.of_company(company).await.unwrap().is_empty());
    assert!(labels.seed_once(company, csv, "demo-labels.csv").await.unwrap().is_none());
    assert!(labels.of_company(company).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_list_sorts_by_a_label_column_with_the_unlabelled_last_both_ways() {
    use kabinet_core::cache::numbers::{NumberFilter, NumberOrder, SortColumn};
    let (_dir, _portal, account, numbers) = synced().await;
    for (msisdn, employee, code) in
        [(&numbers[3], "anna", "CC-30"), (&numbers[1], "Boris", "CC-10"), (&numbers[2], "Ćiro", "")]
    {
        let label = Label {
            employee: employee.into(),
            cost_centre: CostCentre { code: code.into(), name: String::new() },
            ..Label::default()
        };
        account.labels().set(1, msisdn, label).await.unwrap();
    }
    let order = |column, descending| NumberFilter { order: NumberOrder { column, descending }, ..Default::default() };
    let count = numbers.len();
    let first = |filter: NumberFilter| {
        let account = &account;
        async move {
            let w = account.numbers().window(1, &filter, 0, 500).await.unwrap();
            assert_eq!(w.rows.len(), count, "every number is listed");
            w.rows.into_iter().take(4).map(|n| n.msisdn).collect::<Vec<_>>()
        }
    };
    let unlabelled = numbers.iter().find(|m| ![&numbers[1], &numbers[2], &numbers[3]].contains(m)).unwrap().clone();
    let n = |i: usize| numbers[i].clone();
    assert_eq!(
        first(order(SortColumn::Employee, false)).await,
        [n(3), n(1), n(2), unlabelled.clone()],
        "case-insensitive, the unlabelled after"
    );
    assert_eq!(
        first(order(SortColumn::Employee, true)).await,
        [n(2), n(1), n(3), unlabelled],
        "reversed, the unlabelled still after"
    );
    assert_eq!(first(order(SortColumn::CostCentre, false)).await[..2], [n(1), n(3)]);
}
