//! The exports read back: cells, types, formats and the files' names.

use super::*;
use crate::api::{NumberState, PaymentChannel, PaymentMethod, PaymentsReport};
use chrono::Utc;

fn sample() -> NumberSummary {
    NumberSummary {
        msisdn: "77010542007".into(),
        account: "25060830".into(),
        tariff: "Корпоративный, \"безлимит\"".into(),
        payment_method: PaymentMethod::Credit,
        state: NumberState::Active,
        state_changed_at: Utc::now(),
        individual_limit: Some(Tiyn(44_600)),
        available_funds: Some(Tiyn(44_600)),
        credit_limit: Tiyn(1_200_000),
        balance: Tiyn(847_690),
        debt: Tiyn(0),
        updated_at: Utc::now(),
    }
}

fn csv_lines(numbers: &[NumberSummary], lang: Language) -> (String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numbers.csv");
    numbers_csv(&path, numbers, lang).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines = text.split("\r\n").map(String::from).collect();
    (text, lines)
}

#[test]
fn csv_in_english_uses_commas_and_decimal_points() {
    let (text, lines) = csv_lines(&[sample()], Language::En);
    assert!(text.starts_with('\u{feff}'), "a BOM so Excel reads UTF-8");
    assert_eq!(lines[1], "77010542007,25060830,\"Корпоративный, \"\"безлимит\"\"\",Credit,Active,446.00,8476.90");
}

#[test]
fn csv_in_russian_uses_semicolons_and_decimal_commas_for_excel() {
    let (text, lines) = csv_lines(&[sample()], Language::Ru);
    assert!(text.starts_with("\u{feff}Номер;Лицевой счёт;"), "{text}");
    // The comma in the tariff needs no quotes when `;` separates the fields.
    assert_eq!(lines[1], "77010542007;25060830;\"Корпоративный, \"\"безлимит\"\"\";Кредитный;Активен;446,00;8476,90");
    assert_eq!(lines[0].split(';').count(), 7);
}

#[test]
fn csv_amounts_below_one_tenge_keep_their_sign() {
    let mut n = sample();
    n.balance = Tiyn(-50);
    n.available_funds = None;
    let (_, lines) = csv_lines(&[n], Language::Ru);
    assert!(lines[1].ends_with("Активен;;-0,50"), "{}", lines[1]);
}

#[test]
fn csv_text_a_spreadsheet_would_run_as_a_formula_is_escaped() {
    let mut n = sample();
    n.tariff = "=HYPERLINK(\"http://x\")".into();
    let (_, lines) = csv_lines(&[n], Language::En);
    assert!(lines[1].contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{}", lines[1]);
}

#[test]
fn usage_data_is_in_megabytes_like_the_allowances() {
    assert_eq!(usage_kind_and_unit(UsageKind::Data, Language::Ru), ("Интернет", "МБ"));
    assert_eq!(usage_kind_and_unit(UsageKind::Data, Language::En), ("Data", "MB"));
}

#[test]
fn numbers_file_is_named_by_the_company_name_made_safe() {
    let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T19:30:05Z").unwrap().with_timezone(&Utc);
    assert_eq!(numbers_file_name("ТОО Кабинет", 1, at, ListFormat::Csv), "numbers-ТОО Кабинет-2026-03-02-003005.csv");
    assert_eq!(numbers_file_name("A/B: C?", 2, at, ListFormat::Xlsx), "numbers-A_B_ C_-2026-03-02-003005.xlsx");
    assert_eq!(numbers_file_name(" .. ", 7, at, ListFormat::Csv), "numbers-7-2026-03-02-003005.csv");
}

#[test]
fn payments_xlsx_is_a_zip_named_by_number_and_period() {
    let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T19:30:05Z").unwrap().with_timezone(&Utc);
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let report = PaymentsReport {
        msisdn: "77010542007".into(),
        from: day(1),
        to: day(2),
        email: "a@b.kz".into(),
        sent_at: at,
        file_name: payments_file_name("77010542007", day(1), day(2)),
        payments: vec![crate::api::Payment {
            at,
            amount: Tiyn(500_000),
            channel: PaymentChannel::Unknown("crypto".into()),
            reference: "П-1".into(),
        }],
        total: Tiyn(500_000),
    };
    assert_eq!(report.file_name, "payments-77010542007-2026-03-01-2026-03-02.xlsx");
    for lang in [Language::En, Language::Ru] {
        let bytes = payments_xlsx(&report, lang).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
    assert_eq!(payments_file_name("../x", day(1), day(1)), "payments-_x-2026-03-01-2026-03-01.xlsx");
}

#[test]
fn xlsx_is_a_zip_and_no_partial_file_remains() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numbers.xlsx");
    numbers_xlsx(&path, &[sample()], &ExportCompany::default(), Language::Ru).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[cfg(unix)]
#[test]
fn exported_files_are_readable_by_their_owner_only() {
    use crate::private_fs::mode_of;
    let dir = tempfile::tempdir().unwrap();
    for (name, format) in [("numbers.csv", ListFormat::Csv), ("numbers.xlsx", ListFormat::Xlsx)] {
        let path = dir.path().join(name);
        numbers_file(&path, &[sample()], None, &ExportCompany::default(), Language::En, format).unwrap();
        assert_eq!(mode_of(&path).unwrap(), 0o600, "{name}");
    }
}

/// The exports read back with an independent reader (calamine) and from the sheet's XML.
mod golden {
    use super::*;
    use crate::api::{Payment, UsageRecord};
    use kabinet_documents::inspect::{Inspected, Value};
    use kabinet_documents::{DATE_TIME_FORMAT, MONEY_FORMAT};

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
    }

    fn local(s: &str) -> chrono::NaiveDateTime {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn day(d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn bytes_of(table: &Table) -> Inspected {
        Inspected::read(&kabinet_documents::xlsx(table).unwrap())
    }

    #[test]
    fn a_list_asked_in_kazakh_is_in_kazakh_and_its_label_columns_import_back() {
        let company =
            ExportCompany { name: Some("ТОО «Кабинет»".into()), bin: Some("123456789012".into()) };
        let labels = Labels::new();
        let table = numbers_table(&[sample()], Some(&labels), &company, Language::Kk, at("2026-03-01T19:30:05Z"));
        let x = bytes_of(&table);
        assert_eq!(x.sheet_name, "Нөмірлер");
        let title: Vec<_> = (0..3).map(|r| x.text(r, 0)).collect();
        assert_eq!(title, ["Нөмірлер тізімі", "Компания: ТОО «Кабинет»", "БСН: 123456789012"]);
        assert_eq!(x.text(5, 0), "Нөмір");
        assert_eq!((x.text(6, 3), x.text(6, 4)), ("Кредиттік".to_string(), "Белсенді".to_string()));
        for c in 7..12 {
            assert!(crate::number_label::LabelColumn::of_header(&x.text(5, c)).is_some(), "{}", x.text(5, c));
        }
        let report = UsageReport {
            msisdn: "77010542007".into(),
            from: day(1),
            to: day(2),
            kind: UsageKind::All,
            records: Vec::new(),
            total_cost: Tiyn(0),
        };
        let usage = usage_table(&report, Language::Kk, Utc::now());
        assert_eq!((usage.sheet.as_str(), usage.columns[1].header.as_str()), ("Детализация", "Түрі"));
    }

    #[test]
    fn numbers_list_has_its_title_typed_cells_frozen_header_and_filter() {
        let company =
            ExportCompany { name: Some("ТОО «Кабинет»".into()), bin: Some("123456789012".into()) };
        let mut second = sample();
        second.msisdn = "77010000001".into();
        second.available_funds = None;
        second.balance = Tiyn(-50);
        second.state = NumberState::Unknown("frozen".into());
        let table = numbers_table(&[sample(), second], None, &company, Language::Ru, at("2026-03-01T19:30:05Z"));
        let x = bytes_of(&table);
        assert_eq!(x.sheet_name, "Номера");
        let title: Vec<_> = (0..4).map(|r| x.text(r, 0)).collect();
        assert_eq!(
            title,
            [
                "Список номеров",
                "Компания: ТОО «Кабинет»",
                "БИН: 123456789012",
                "Сформирован: 02.03.2026 00:30:05 (UTC+5)"
            ]
        );
        let header: Vec<_> = (0..7).map(|c| x.text(5, c)).collect();
        assert_eq!(header, numbers_headers(Language::Ru));
        assert!((0..7).all(|c| x.bold(5, c)));
        // Numbers the portal names stay text; money is a number in tenge with the ₸ format.
        assert_eq!(x.text(6, 0), "77010542007");
        assert_eq!(x.text(6, 1), "25060830");
        assert_eq!(x.text(6, 3), "Кредитный");
        assert_eq!(x.text(6, 4), "Активен");
        assert_eq!(x.number(6, 5), 446.0);
        assert_eq!(x.number(6, 6), 8476.9);
        assert_eq!(x.number_format(6, 6), MONEY_FORMAT);
        assert_eq!(x.value(7, 5), Value::Empty, "no individual limit: an empty cell, not 0");
        assert_eq!(x.number(7, 6), -0.5);
        assert_eq!(x.text(7, 4), "frozen", "an unknown state as the portal sent it");
        assert_eq!(x.frozen_rows(), Some(6));
        assert_eq!(x.autofilter().as_deref(), Some("A6:G8"));
        assert!(x.column_width(6).unwrap() >= 12.0);

        // A company that is not cached: no company lines; English labels.
        let x = bytes_of(&numbers_table(&[sample()], None, &ExportCompany::default(), Language::En, Utc::now()));
        assert_eq!(x.text(0, 0), "List of numbers");
        assert!(x.text(1, 0).starts_with("Generated: "));
        assert_eq!(x.text(3, 0), "Number");
        assert_eq!(x.text(4, 4), "Active");
        assert_eq!(x.frozen_rows(), Some(4));
    }

    #[test]
    fn numbers_xlsx_file_is_titled_with_the_company() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("numbers.xlsx");
        let company = ExportCompany { name: Some("Kabinet LLP".into()), bin: None };
        numbers_file(&path, &[sample()], None, &company, Language::En, ListFormat::Xlsx).unwrap();
        let x = Inspected::read(&std::fs::read(&path).unwrap());
        assert_eq!(x.text(1, 0), "Company: Kabinet LLP");
        assert!(x.text(2, 0).starts_with("Generated: "), "no BIN line when it is not known");
    }

    #[test]
    fn usage_report_has_dates_numbers_megabytes_and_the_total() {
        let record = |t: &str, kind, counterparty: &str, quantity, cost| UsageRecord {
            at: at(t),
            kind,
            counterparty: counterparty.into(),
            quantity,
            cost: Tiyn(cost),
        };
        let report = UsageReport {
            msisdn: "77010542007".into(),
            from: day(1),
            to: day(2),
            kind: UsageKind::All,
            records: vec![
                record("2026-03-01T05:00:00Z", UsageKind::Calls, "77011112233", 125, 2_500),
                record("2026-03-01T20:10:30Z", UsageKind::Data, "internet", 1536, 100),
            ],
            total_cost: Tiyn(2_600),
        };
        let x = bytes_of(&usage_table(&report, Language::En, at("2026-03-02T10:00:00Z")));
        let title: Vec<_> = (0..4).map(|r| x.text(r, 0)).collect();
        assert_eq!(
            title,
            [
                "Usage details",
                "Number: 77010542007",
                "Period: 01.03.2026 — 02.03.2026",
                "Generated: 02.03.2026 15:00:00 (UTC+5)"
            ]
        );
        assert_eq!(x.text(5, 0), "Date and time (UTC+5)");
        assert_eq!(x.text(5, 5), "Cost, ₸");
        // Kazakhstan time, as an Excel date-time.
        assert_eq!(x.datetime(6, 0), local("2026-03-01 10:00:00"));
        assert_eq!(x.number_format(6, 0), DATE_TIME_FORMAT);
        assert_eq!(x.datetime(7, 0), local("2026-03-02 01:10:30"));
        assert_eq!(x.text(6, 1), "Call");
        assert_eq!(x.number(6, 3), 125.0);
        assert_eq!(x.text(6, 4), "s");
        assert_eq!(x.number(7, 3), 1.5, "kilobytes as megabytes");
        assert_eq!(x.text(7, 4), "MB");
        assert_eq!(x.number(6, 5), 25.0);
        assert_eq!(x.number_format(6, 5), MONEY_FORMAT);
        // The total below the filtered data, after an empty row.
        assert_eq!(x.autofilter().as_deref(), Some("A6:F8"));
        assert_eq!(x.frozen_rows(), Some(6));
        assert_eq!(x.text(9, 0), "Total");
        assert!(x.bold(9, 0));
        assert_eq!(x.number(9, 5), 26.0);
    }

    #[test]
    fn payments_report_bytes_read_back() {
        let report = PaymentsReport {
            msisdn: "77010542007".into(),
            from: day(1),
            to: day(2),
            email: "a@b.kz".into(),
            sent_at: at("2026-03-02T04:00:00Z"),
            file_name: payments_file_name("77010542007", day(1), day(2)),
            payments: vec![Payment {
                at: at("2026-03-01T19:30:05Z"),
                amount: Tiyn(500_001),
                channel: PaymentChannel::Kaspi,
                reference: "П-1".into(),
            }],
            total: Tiyn(500_001),
        };
        let x = Inspected::read(&payments_xlsx(&report, Language::Ru).unwrap());
        assert_eq!(x.sheet_name, "Платежи");
        assert_eq!(x.text(0, 0), "Отчёт по платежам");
        assert_eq!(x.text(1, 0), "Номер: 77010542007");
        assert_eq!(x.text(2, 0), "Период: 01.03.2026 — 02.03.2026");
        assert_eq!(x.text(3, 0), "Сформирован: 02.03.2026 09:00:00 (UTC+5)", "when it was sent");
        assert_eq!(x.text(5, 1), "Сумма, ₸");
        assert_eq!(x.datetime(6, 0), local("2026-03-02 00:30:05"));
        assert_eq!(x.number(6, 1), 5000.01);
        assert_eq!(x.number_format(6, 1), MONEY_FORMAT);
        assert_eq!(x.text(6, 2), "Kaspi.kz");
        assert_eq!(x.text(6, 3), "П-1");
        assert_eq!(x.frozen_rows(), Some(6));
        assert_eq!(x.autofilter().as_deref(), Some("A6:D7"));
        assert_eq!(x.text(8, 0), "Итого");
        assert_eq!(x.number(8, 1), 5000.01);
    }
}
