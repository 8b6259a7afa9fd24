//! The PDF renderer read back with lopdf (an independent reader): the text is real text (it
//! extracts, through the fonts' ToUnicode maps), in the bundled font subset, laid out on A4 with
//! the header repeated on every page, the page numbers, money right-aligned in Russian format;
//! the forms' wording and figures; and refusal of figures that disagree.

mod fixtures;

use fixtures::KAZAKH;
use kabinet_documents::inspect::{InspectedPdf, Run};
use kabinet_documents::{pdf, Cell, Column, ColumnKind, Language};

const A4_PORTRAIT: (f32, f32) = (595.28, 841.89);
const A4_LANDSCAPE: (f32, f32) = (841.89, 595.28);

/// `1 234,56 ₸` as the PDF writes it (no-break spaces).
fn nb(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

include!("fixtures/golden_certificate.rs");

#[test]
fn the_small_certificate_reads_back_line_by_line() {
    let x = InspectedPdf::read(&pdf::certificate(&fixtures::certificate()).unwrap());
    assert_eq!(x.sizes, [A4_PORTRAIT, A4_PORTRAIT]);
    let lines = x.lines();
    let expected: Vec<&str> = GOLDEN.to_vec();
    assert_eq!(lines, expected);
}

#[test]
fn the_certificate_is_real_text_in_the_bundled_font() {
    let x = InspectedPdf::read(&pdf::certificate(&fixtures::certificate()).unwrap());
    // Both faces embedded as subsets (a six-letter tag and `+`).
    assert_eq!(x.fonts.len(), 2, "{:?}", x.fonts);
    for font in &x.fonts {
        assert!(font.len() > 7 && font.as_bytes()[6] == b'+' && font.contains("DejaVuSans"), "{font}");
    }
    let text = x.text();
    for c in KAZAKH
        .chars()
        .chain(['₸', 'Ё', 'ё', 'Ъ'].into_iter().filter(|c| fixtures::customer().address.contains(*c) || *c == '₸'))
    {
        assert!(text.contains(c), "{c} is not in the text");
    }
    for word in [
        "Заказчик",
        "Исполнитель",
        "ИИН/БИН",
        "Итого",
        "НДС 16%",
        "Всего с НДС",
        "Сдал (Исполнитель)",
        "Принял (Заказчик)",
        "Приложение 1",
        "Форма Р-1",
        "М.П.",
    ] {
        assert!(text.contains(word), "{word} is missing");
    }
    // The figures: 3 × 5 000,00 = 15 000,00; 1 234 × 15,00 = 18 510,00; net 33 510,00; VAT 16%.
    for figure in
        ["5 000,00 ₸", "15 000,00 ₸", "1 234", "15,00 ₸", "18 510,00 ₸", "33 510,00 ₸", "5 361,60 ₸", "38 871,60 ₸"]
    {
        assert!(x.lines().contains(&nb(figure)), "{figure} is not a cell");
    }
    assert!(text.contains("31.01.2026") && text.contains("01.01.2026 — 31.01.2026"));
}

/// The runs of one table row: those on the baseline of the (last) run `first`.
fn row<'a>(x: &'a InspectedPdf, page: usize, first: &str) -> Vec<&'a Run> {
    let y = x.find(page, first).last().unwrap_or_else(|| panic!("no {first:?} on page {}", page + 1)).y;
    x.pages[page].iter().filter(|r| close(r.y, y)).collect()
}

#[test]
fn certificate_money_is_right_aligned_in_its_columns() {
    let x = InspectedPdf::read(&pdf::certificate(&fixtures::certificate()).unwrap());
    // Стоимость: the lines' amounts, Итого, НДС and Всего end at one right edge.
    let amounts = ["15 000,00 ₸", "18 510,00 ₸", "33 510,00 ₸", "5 361,60 ₸", "38 871,60 ₸"];
    let rights: Vec<f32> = amounts.iter().map(|a| x.find(0, &nb(a)).last().unwrap().right).collect();
    assert!(rights.iter().all(|r| close(*r, rights[0])), "{rights:?}");
    // Text is left-aligned: the service names start at one x.
    let names = ["Абонентская плата по тарифу", "Междугородные и", "Итого"];
    let lefts: Vec<f32> = names.iter().map(|n| x.find(0, n)[0].x).collect();
    assert!(lefts.iter().all(|l| close(*l, lefts[0])), "{lefts:?}");
    // A service line is one row: its number, date, unit and figures on the name's baseline.
    let cells: Vec<&str> = row(&x, 0, "Междугородные и").iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        cells,
        ["2", "Междугородные и", "31.01.2026", "—", "мин", &nb("1 234"), &nb("15,00 ₸"), &nb("18 510,00 ₸")]
    );
    // The signature blocks side by side.
    assert!(close(x.find(0, "Сдал (Исполнитель)")[0].y, x.find(0, "Принял (Заказчик)")[0].y));
    // Appendix 1 on its own page, its Итого row adding up by column.
    let totals: Vec<&str> = row(&x, 1, "Итого").iter().skip(1).map(|r| r.text.as_str()).collect();
    assert!(totals.contains(&nb("15 000,00 ₸").as_str()) && totals.contains(&nb("33 510,00 ₸").as_str()), "{totals:?}");
}

#[test]
fn a_long_table_breaks_across_pages_with_its_header_and_page_numbers() {
    let x = InspectedPdf::read(&pdf::table(&fixtures::long_table(300, Language::Ru)).unwrap());
    let pages = x.pages.len();
    assert!(pages > 1, "{pages} page(s)");
    let header = ["Абонентский номер", "Тариф", "Сумма", "Дата платежа"];
    for page in 0..pages {
        assert_eq!(x.sizes[page], A4_PORTRAIT);
        // The header on every page, one row, bold.
        let runs: Vec<&Run> = header.iter().map(|h| x.find(page, h)[0]).collect();
        assert!(runs.iter().all(|r| r.bold && close(r.y, runs[0].y)), "page {}: {runs:?}", page + 1);
        // The page's number, last, at the bottom right.
        let footer = x.pages[page].last().unwrap();
        assert_eq!(footer.text, format!("Страница {} из {pages}", page + 1));
        assert!(footer.y > 800.0 && footer.right > 500.0, "{footer:?}");
        // Every row on the page is above the footer.
        assert!(x.pages[page].iter().all(|r| r.y <= footer.y));
    }
    // Every row once, in order, none lost at a page break; the totals at the end.
    let numbers: Vec<String> = x.lines().into_iter().filter(|l| l.starts_with("7701") && l.len() == 11).collect();
    let expected: Vec<String> = (0..300).map(|i| format!("7701{:07}", i)).collect();
    assert_eq!(numbers, expected);
    let last = x.pages.len() - 1;
    let total: i64 = (0..300).map(|i| i * 10_001).sum();
    let totals: Vec<&str> = row(&x, last, "Итого").iter().map(|r| r.text.as_str()).collect();
    assert_eq!(totals, ["Итого", pdf::text::money(total).as_str()]);
    // The title block on the first page only.
    assert_eq!(x.find(0, "Отчёт по платежам").len(), 1);
    assert!((1..pages).all(|p| x.find(p, "Отчёт по платежам").is_empty()));
}

#[test]
fn labels_follow_the_title_language_and_wide_tables_turn_landscape() {
    let mut table = fixtures::long_table(3, Language::En);
    let x = InspectedPdf::read(&pdf::table(&table).unwrap());
    assert_eq!(x.pages[0].last().unwrap().text, "Page 1 of 1");
    assert!(x.text().contains("Company: ТОО «ЖАҢА ШАҺАР Құрылыс»"));
    for i in 0..8 {
        table.columns.push(Column::new(format!("Столбец с длинным названием {i}"), ColumnKind::Money));
        for r in &mut table.rows {
            r.resize(4 + i, Cell::Empty);
            r.push(Cell::Money(123_456_789));
        }
    }
    let x = InspectedPdf::read(&pdf::table(&table).unwrap());
    assert_eq!(x.sizes, [A4_LANDSCAPE]);
    // Nothing drawn past the right margin.
    assert!(x.pages[0].iter().all(|r| r.right <= A4_LANDSCAPE.0 - 35.0), "a run is past the margin");
}

#[test]
fn a_long_cell_wraps_inside_its_column() {
    let mut table = fixtures::long_table(2, Language::Ru);
    let long = "Очень длинное название тарифа, которое не помещается в одну строку столбца и переносится по словам";
    table.rows[0][1] = Cell::text(long);
    let x = InspectedPdf::read(&pdf::table(&table).unwrap());
    let tariff = x.find(0, "Тариф")[0];
    let runs: Vec<&Run> = x.pages[0].iter().filter(|r| long.contains(&r.text) && r.text.len() > 4).collect();
    assert!(runs.len() > 1, "{runs:?}");
    assert_eq!(runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" "), long);
    // Each line under the one before, all starting at the column's left, none past the column
    // (the next column's header starts after it).
    let next = x.find(0, "Сумма")[0];
    assert!(runs.windows(2).all(|w| w[1].y > w[0].y && close(w[1].x, w[0].x)));
    assert!(runs.iter().all(|r| r.x < tariff.x && r.right < next.x), "{runs:?}");
    // The next row starts below the wrapped one.
    assert!(x.find(0, "77010000001")[0].y > runs.last().unwrap().y);
}

#[test]
fn the_reconciliation_concludes_in_each_direction() {
    for (closing, conclusion) in [
        (1_234_567, format!("На 31.12.2026 задолженность в пользу АО «Кселл» составляет {}.", nb("12 345,67 ₸"))),
        (
            -50_000,
            format!(
                "На 31.12.2026 задолженность в пользу ТОО «ЖАҢА ШАҺАР Құрылыс» составляет {} (аванс, полученный АО «Кселл»).",
                nb("500,00 ₸")
            ),
        ),
        (0, "На 31.12.2026 задолженность между сторонами отсутствует.".to_string()),
    ] {
        let r = fixtures::reconciliation(2, 2, closing);
        let x = InspectedPdf::read(&pdf::reconciliation(&r).unwrap());
        assert_eq!(x.sizes[0], A4_LANDSCAPE);
        let text = x.text();
        assert!(text.contains("АКТ СВЕРКИ ВЗАИМНЫХ РАСЧЁТОВ"));
        assert!(text.contains("по состоянию на 31.12.2026 между АО «Кселл» и ТОО «ЖАҢА ШАҺАР Құрылыс»"), "{text}");
        assert!(text.contains("По данным АО «Кселл», ₸") && text.contains("По данным ТОО «ЖАҢА ШАҺАР Құрылыс», ₸"));
        assert!(x.lines().contains(&conclusion), "{closing}: {text}");
        assert!(text.contains("От АО «Кселл»") && text.contains("От ТОО «ЖАҢА ШАҺАР Құрылыс»"));
        // The mirror: the operator's debit turnover is the customer's credit turnover.
        let turnovers: Vec<String> = row(&x, 0, "Обороты за период").iter().map(|r| r.text.clone()).collect();
        let (d, c) = (pdf::text::money(r.debit_turnover), pdf::text::money(r.credit_turnover));
        assert_eq!(turnovers, ["Обороты за период", &d, &c, "Обороты за период", &c, &d]);
        // Opening 10 000,00 owed to the operator: its debit, the customer's credit.
        let opening: Vec<String> = row(&x, 0, "Сальдо начальное").iter().map(|r| r.text.clone()).collect();
        let ten = nb("10 000,00 ₸");
        assert_eq!(opening, ["01.01.2026", "Сальдо начальное", &ten, "01.01.2026", "Сальдо начальное", &ten]);
        let ten_runs = x.find(0, &ten);
        let debit = x.find(0, "Дебет");
        let credit = x.find(0, "Кредит");
        // Under the operator's Дебет (left half) and the customer's Кредит (right half).
        assert!(ten_runs[0].right > debit[0].x && ten_runs[0].right < credit[0].x);
        assert!(ten_runs[1].right > credit[1].x);
        let closing_row: Vec<String> = row(&x, 0, "Сальдо конечное").iter().map(|r| r.text.clone()).collect();
        // The closing balance (nothing owed shows 0,00 ₸ as a debit), on the side it stands.
        let m = pdf::text::money(closing.abs());
        assert_eq!(closing_row, ["31.12.2026", "Сальдо конечное", &m, "31.12.2026", "Сальдо конечное", &m]);
        let y = row(&x, 0, "Сальдо конечное")[0].y;
        let sides: Vec<&Run> = x.find(0, &m).into_iter().filter(|run| close(run.y, y)).collect();
        assert_eq!(sides[0].right < credit[0].x, closing >= 0, "the operator's side");
        assert_eq!(sides[1].right < credit[1].x, closing < 0, "the customer's side");
    }
}

#[test]
fn a_long_reconciliation_breaks_across_pages() {
    let x = InspectedPdf::read(&pdf::reconciliation(&fixtures::reconciliation(12, 20, 99)).unwrap());
    let pages = x.pages.len();
    assert!(pages > 1);
    for page in 0..pages {
        assert_eq!(x.find(page, "Документ").len(), 2, "page {}", page + 1);
        assert_eq!(x.pages[page].last().unwrap().text, format!("Страница {} из {pages}", page + 1));
    }
    assert!(x.text().contains(&format!("задолженность в пользу АО «Кселл» составляет {}.", nb("0,99 ₸"))));
}

/// However many rows fill the first page, the signature blocks share their page with the
/// table's last rows (the closing balance and a document at least), never standing alone.
#[test]
fn the_signatures_stay_with_the_last_rows_of_the_statement() {
    let mut moved = 0;
    for accounts in 1..=40 {
        let x = InspectedPdf::read(&pdf::reconciliation(&fixtures::reconciliation(1, accounts, 500)).unwrap());
        let last = x.pages.len() - 1;
        let page = (0..=last).find(|p| !x.find(*p, "(должность) / (подпись) / (расшифровка подписи)").is_empty());
        let page = page.unwrap_or_else(|| panic!("{accounts}: no signature block"));
        assert_eq!(x.find(page, "М.П.").len(), 2, "{accounts}: both blocks on page {}", page + 1);
        let lines = x.page_lines(page);
        assert!(
            lines.iter().any(|l| l == "Сальдо конечное"),
            "{accounts}: page {} without the closing balance",
            page + 1
        );
        let documents = lines.iter().filter(|l| l.starts_with("Акт выполненных") || l.starts_with("Платёжное")).count();
        assert!(documents > 0, "{accounts}: page {} has no document row: {lines:?}", page + 1);
        assert!(x.find(page, "Документ").len() == 2, "{accounts}: the header repeated above them");
        // The conclusion too.
        assert!(lines.iter().any(|l| l.contains("задолженность в пользу")), "{accounts}");
        moved += usize::from(page > 0);
    }
    assert!(moved > 0, "some statements need a second page");
}

#[test]
fn the_totals_amounts_are_bold_like_their_labels() {
    let x = InspectedPdf::read(&pdf::certificate(&fixtures::certificate()).unwrap());
    for label in ["Итого", "НДС 16%", "Всего с НДС"] {
        let cells = row(&x, 0, label);
        assert!(cells.len() >= 2 && cells.iter().all(|r| r.bold), "{label}: {cells:?}");
    }
    let words: Vec<&Run> =
        x.pages[0].iter().filter(|r| r.text.starts_with("Всего оказано услуг на сумму: Тридцать восемь")).collect();
    assert!(words.len() == 1 && words[0].bold, "{words:?}");
}

#[test]
fn figures_that_disagree_are_refused() {
    let mut c = fixtures::certificate();
    c.lines[0].amount += 1;
    assert!(pdf::certificate(&c).unwrap_err().to_string().contains("2601-25060854"));
    assert!(kabinet_documents::certificate_xlsx(&c).is_err());
    let mut c = fixtures::certificate();
    c.appendix[1].amounts[0] -= 100;
    assert!(pdf::certificate(&c).is_err());
    let mut c = fixtures::certificate();
    c.total -= 1;
    assert!(pdf::certificate(&c).is_err());

    let mut r = fixtures::reconciliation(1, 1, 500);
    r.closing += 1;
    assert!(pdf::reconciliation(&r).is_err());
    assert!(kabinet_documents::reconciliation_xlsx(&r).is_err());

    let mut t = fixtures::long_table(2, Language::Ru);
    t.rows[0][2] = Cell::text("not money");
    assert!(pdf::table(&t).is_err());
}

#[test]
fn the_same_document_renders_the_same_bytes() {
    let c = fixtures::certificate();
    assert_eq!(pdf::certificate(&c).unwrap(), pdf::certificate(&c).unwrap());
}

#[test]
fn a_long_appendix_runs_over_pages_under_its_header() {
    let c = fixtures::big_certificate(2000);
    let x = InspectedPdf::read(&pdf::certificate(&c).unwrap());
    let pages = x.pages.len();
    assert!(pages > 20, "{pages} pages");
    // The certificate itself on page 1; the appendix from page 2, its header on each page.
    assert!(x.find(0, "Абонентский").is_empty());
    // Five amount columns of tens of millions need landscape; the certificate stays portrait.
    assert_eq!(x.sizes[0], A4_PORTRAIT);
    assert!(x.sizes[1..].iter().all(|s| *s == A4_LANDSCAPE));
    for page in 1..pages {
        assert_eq!(x.find(page, "Абонентский").len(), 1, "page {}", page + 1);
        assert_eq!(x.pages[page].last().unwrap().text, format!("Страница {} из {pages}", page + 1));
    }
    let numbers = x.lines().into_iter().filter(|l| l.starts_with("7701") && l.len() == 11).count();
    assert_eq!(numbers, 2000);
    let last = row(&x, pages - 1, "Итого");
    assert_eq!(last.last().unwrap().text, pdf::text::money(c.net));
}

#[test]
#[ignore = "writes the sample PDFs to $KABINET_PDF_SAMPLES for a look"]
fn write_samples() {
    let dir = std::path::PathBuf::from(std::env::var("KABINET_PDF_SAMPLES").expect("KABINET_PDF_SAMPLES"));
    std::fs::write(dir.join("certificate.pdf"), pdf::certificate(&fixtures::big_certificate(60)).unwrap()).unwrap();
    std::fs::write(
        dir.join("reconciliation.pdf"),
        pdf::reconciliation(&fixtures::reconciliation(12, 3, -500)).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("table.pdf"), pdf::table(&fixtures::long_table(300, Language::Ru)).unwrap()).unwrap();
}
