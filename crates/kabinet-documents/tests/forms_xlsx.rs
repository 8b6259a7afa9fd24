//! The accounting forms as workbooks, read back: the certificate's two sheets ("Акт" with its
//! Итого, НДС and Всего; "Приложение 1" by number) and the reconciliation's sheet, each with its
//! title rows, bold frozen header, autofilter over the data only, typed cells and money format;
//! and a workbook of several report tables.

mod fixtures;

use kabinet_documents::inspect::{Inspected, Value};
use kabinet_documents::{
    certificate_xlsx, reconciliation_xlsx, xlsx_book, Language, APPENDIX_SHEET, CERTIFICATE_SHEET, DATE_FORMAT,
    MONEY_FORMAT, RECONCILIATION_SHEET,
};

#[test]
fn the_certificate_sheet_has_its_lines_and_closing_rows() {
    let bytes = certificate_xlsx(&fixtures::certificate()).unwrap();
    assert_eq!(Inspected::sheet_names(&bytes), [CERTIFICATE_SHEET, APPENDIX_SHEET]);
    assert_eq!([CERTIFICATE_SHEET, APPENDIX_SHEET], ["Акт", "Приложение 1"]);
    let x = Inspected::read_sheet(&bytes, 0);
    assert_eq!(x.sheet_name, "Акт");
    assert_eq!(x.text(0, 0), "Акт выполненных работ (оказанных услуг) № 2601-25060854 от 31.01.2026");
    assert!(x.bold(0, 0));
    assert!(x.text(1, 0).ends_with("Форма Р-1"));
    assert!(x.text(2, 0).starts_with("Заказчик: ТОО «ЖАҢА ШАҺАР Құрылыс», ИИН/БИН 990140004654"));
    assert!(x.text(3, 0).starts_with("Исполнитель: АО «Кселл», ИИН/БИН 940140000385"));
    assert_eq!(x.text(4, 0), "Договор № 25060854 от 15.03.2018");
    assert_eq!(x.text(7, 0), "Сформирован: 01.02.2026 10:00:00 (UTC+5)");
    assert_eq!(x.value(8, 0), Value::Empty);
    let header: Vec<String> = (0..8).map(|c| x.text(9, c)).collect();
    assert_eq!(
        header,
        [
            "№ п/п",
            "Наименование работ (услуг)",
            "Дата выполнения работ (оказания услуг)",
            "Сведения об отчёте",
            "Единица измерения",
            "Количество",
            "Цена за единицу",
            "Стоимость"
        ]
    );
    assert!((0..8).all(|c| x.bold(9, c)));
    assert_eq!(x.frozen_rows(), Some(10));
    assert_eq!(x.autofilter().as_deref(), Some("A10:H12"), "the header and the two lines only");
    // The second line: typed cells.
    assert_eq!(x.number(11, 0), 2.0);
    assert_eq!(x.text(11, 1), "Междугородные и международные звонки");
    assert_eq!(x.datetime(11, 2), fixtures::day(2026, 1, 31).and_hms_opt(0, 0, 0).unwrap());
    assert_eq!(x.number_format(11, 2), DATE_FORMAT);
    assert_eq!(x.text(11, 4), "мин");
    assert_eq!(x.number(11, 5), 1234.0);
    assert_eq!(x.number(11, 6), 15.0);
    assert_eq!(x.number(11, 7), 18510.0);
    assert_eq!(x.number_format(11, 7), MONEY_FORMAT);
    // Итого, НДС, Всего below an empty row, bold, money.
    assert_eq!(x.value(12, 1), Value::Empty);
    for (row, label, amount) in [(13, "Итого", 33510.0), (14, "НДС 16%", 5361.6), (15, "Всего с НДС", 38871.6)]
    {
        assert_eq!(x.text(row, 1), label);
        assert!(x.bold(row, 1));
        assert_eq!(x.number(row, 7), amount);
        assert_eq!(x.number_format(row, 7), MONEY_FORMAT);
        assert!(x.bold(row, 7), "{label}'s amount is bold like its label");
    }
    // After an empty row: the total in words (bold), the stocks and the attachments, then
    // both signature blocks with the position, the date and the stamp's place.
    assert_eq!(x.value(16, 0), Value::Empty);
    assert_eq!(
        x.text(17, 0),
        "Всего оказано услуг на сумму: Тридцать восемь тысяч восемьсот семьдесят один тенге 60 тиын, в том числе \
         НДС 16%: 5\u{a0}361,60\u{a0}₸."
    );
    assert!(x.bold(17, 0));
    assert_eq!(x.text(18, 0), "Сведения об использовании запасов, полученных от заказчика: запасы не использовались.");
    assert!(x.text(19, 0).starts_with("Приложение: перечень документации") && x.text(19, 0).ends_with("(3 номера)."));
    let lines: Vec<String> =
        (20..=x.last_row()).map(|r| if x.value(r, 0) == Value::Empty { String::new() } else { x.text(r, 0) }).collect();
    assert_eq!(
        lines,
        [
            "",
            "Сдал (Исполнитель)",
            "АО «Кселл»",
            "______________ / ______________ / ______________",
            "(должность) / (подпись) / (расшифровка подписи)",
            "Дата: «___» ____________ 20___ г.",
            "М.П.",
            "",
            "Принял (Заказчик)",
            "ТОО «ЖАҢА ШАҺАР Құрылыс»",
            "______________ / ______________ / ______________",
            "(должность) / (подпись) / (расшифровка подписи)",
            "Дата: «___» ____________ 20___ г.",
            "М.П.",
        ]
    );
    assert!(x.bold(21, 0) && !x.bold(22, 0));
}

#[test]
fn the_appendix_sheet_lists_the_numbers() {
    let x = Inspected::read_sheet(&certificate_xlsx(&fixtures::certificate()).unwrap(), 1);
    assert_eq!(x.sheet_name, "Приложение 1");
    assert_eq!(x.text(0, 0), "Приложение 1 к акту № 2601-25060854 от 31.01.2026");
    assert!(x.bold(0, 0));
    let header: Vec<String> = (0..6).map(|c| x.text(4, c)).collect();
    assert_eq!(header, ["№ п/п", "Абонентский номер", "Тариф", "Абонентская плата", "Звонки", "Итого"]);
    assert_eq!(x.frozen_rows(), Some(5));
    assert_eq!(x.autofilter().as_deref(), Some("A5:F8"));
    assert_eq!(x.text(5, 1), "77010542007", "a phone number stays text");
    assert_eq!(x.number(6, 4), 8510.0);
    assert_eq!(x.number_format(6, 4), MONEY_FORMAT);
    assert_eq!(x.number(7, 5), 5000.0);
    assert_eq!(x.text(9, 1), "Итого");
    assert_eq!([x.number(9, 3), x.number(9, 4), x.number(9, 5)], [15000.0, 18510.0, 33510.0]);
    assert_eq!(x.number_format(9, 5), MONEY_FORMAT);
    assert_eq!(x.last_row(), 9);
}

#[test]
fn the_reconciliation_sheet_mirrors_both_halves() {
    let r = fixtures::reconciliation(2, 2, -50_000);
    let bytes = reconciliation_xlsx(&r).unwrap();
    assert_eq!(Inspected::sheet_names(&bytes), [RECONCILIATION_SHEET]);
    let x = Inspected::read(&bytes);
    assert_eq!(x.text(0, 0), "Акт сверки взаимных расчётов");
    assert_eq!(x.text(1, 0), "по состоянию на 31.12.2026 между АО «Кселл» и ТОО «ЖАҢА ШАҺАР Құрылыс»");
    let header: Vec<String> = (0..6).map(|c| x.text(6, c)).collect();
    assert_eq!(
        header,
        [
            "Дата",
            "Документ",
            "Дебет (по данным АО «Кселл»)",
            "Кредит (по данным АО «Кселл»)",
            "Дебет (по данным ТОО «ЖАҢА ШАҺАР Құрылыс»)",
            "Кредит (по данным ТОО «ЖАҢА ШАҺАР Құрылыс»)"
        ]
    );
    assert_eq!(x.frozen_rows(), Some(7));
    assert_eq!(x.autofilter().as_deref(), Some("A7:F13"), "the opening row, four certificates, the payment");
    // The opening balance owed to the operator: its debit, the customer's credit.
    assert_eq!(x.text(7, 1), "Сальдо начальное");
    assert_eq!([x.number(7, 2), x.number(7, 5)], [10000.0, 10000.0]);
    assert_eq!([x.value(7, 3), x.value(7, 4)], [Value::Empty, Value::Empty]);
    // A certificate: the operator's debit, the customer's credit.
    assert_eq!(x.datetime(8, 0), fixtures::day(2026, 1, 28).and_hms_opt(0, 0, 0).unwrap());
    assert_eq!([x.number(8, 2), x.number(8, 5)], [1010.01, 1010.01]);
    assert_eq!(x.number_format(8, 2), MONEY_FORMAT);
    // The payment: the operator's credit, the customer's debit.
    assert_eq!(x.text(12, 1), "Платёжное поручение № 118 от 30.12.2026");
    let paid = r.credit_turnover as f64 / 100.0;
    assert_eq!([x.number(12, 3), x.number(12, 4)], [paid, paid]);
    // Turnovers, closing balance (an advance: the operator's credit), conclusion.
    let debit = r.debit_turnover as f64 / 100.0;
    assert_eq!(x.text(14, 1), "Обороты за период");
    assert!(x.bold(14, 1));
    assert!((2..6).all(|c| x.bold(14, c)), "the turnovers' amounts are bold like their label");
    assert_eq!([x.number(14, 2), x.number(14, 3), x.number(14, 4), x.number(14, 5)], [debit, paid, paid, debit]);
    assert_eq!(x.text(15, 1), "Сальдо конечное");
    assert_eq!([x.number(15, 3), x.number(15, 4)], [500.0, 500.0]);
    assert_eq!([x.value(15, 2), x.value(15, 5)], [Value::Empty, Value::Empty]);
    assert_eq!(
        x.text(16, 1),
        "На 31.12.2026 задолженность в пользу ТОО «ЖАҢА ШАҺАР Құрылыс» составляет 500,00\u{a0}₸ (аванс, полученный АО «Кселл»)."
    );
    // Both signature blocks, after an empty row.
    let lines: Vec<String> =
        (17..=x.last_row()).map(|r| if x.value(r, 0) == Value::Empty { String::new() } else { x.text(r, 0) }).collect();
    assert_eq!(
        lines,
        [
            "",
            "От АО «Кселл»",
            "______________ / ______________ / ______________",
            "(должность) / (подпись) / (расшифровка подписи)",
            "М.П.",
            "",
            "От ТОО «ЖАҢА ШАҺАР Құрылыс»",
            "______________ / ______________ / ______________",
            "(должность) / (подпись) / (расшифровка подписи)",
            "М.П.",
        ]
    );
}

#[test]
fn a_book_has_a_sheet_per_table() {
    let mut second = fixtures::long_table(2, Language::Ru);
    second.sheet = "Второй".into();
    let bytes = xlsx_book(&[fixtures::long_table(5, Language::Ru), second]).unwrap();
    assert_eq!(Inspected::sheet_names(&bytes), ["Платежи", "Второй"]);
    let (a, b) = (Inspected::read_sheet(&bytes, 0), Inspected::read_sheet(&bytes, 1));
    assert_eq!(a.frozen_rows(), b.frozen_rows());
    assert_eq!(a.text(11, 0), "77010000004");
    assert_eq!(b.text(8, 0), "77010000001");
    assert_eq!(b.number_format(8, 2), MONEY_FORMAT);
    assert!(xlsx_book(&[]).is_err());
}

#[test]
fn nothing_owed_is_a_zero_debit_and_says_so() {
    let x = Inspected::read(&reconciliation_xlsx(&fixtures::reconciliation(1, 1, 0)).unwrap());
    assert_eq!(x.autofilter().as_deref(), Some("A7:F10"));
    assert_eq!(x.text(12, 1), "Сальдо конечное");
    assert_eq!([x.number(12, 2), x.number(12, 5)], [0.0, 0.0]);
    assert_eq!([x.value(12, 3), x.value(12, 4)], [Value::Empty, Value::Empty]);
    assert_eq!(x.text(13, 1), "На 31.12.2026 задолженность между сторонами отсутствует.");
}
