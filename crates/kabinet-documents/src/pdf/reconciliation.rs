//! "Акт сверки взаимных расчётов" on landscape A4: the title "по состоянию на … между A и B",
//! the two mirrored halves side by side (by the operator's records and by the customer's:
//! opening balance, one row per document, turnovers, closing balance; what is a debit in one is
//! a credit in the other), the conclusion "задолженность в пользу X составляет …", and both
//! signature blocks, which stay on the page of the table's last rows.

use super::layout::{Align, Doc, Grid, GridColumn, GridRow, Group, Orientation};
use super::text::{self, Fonts, Style};
use super::BODY;
use crate::{Language, Reconciliation};
use chrono::NaiveDate;

/// "Акт сверки взаимных расчётов по состоянию на 31.12.2026 между A и B".
pub(crate) fn heading(r: &Reconciliation) -> String {
    format!("по состоянию на {} между {} и {}", text::date(r.as_of), r.operator.name, r.customer.name)
}

/// The conclusion: to whom the closing balance is owed, or that nothing is.
pub(crate) fn conclusion(r: &Reconciliation) -> String {
    let on = text::date(r.as_of);
    match r.closing {
        0 => format!("На {on} задолженность между сторонами отсутствует."),
        owed if owed > 0 => {
            format!("На {on} задолженность в пользу {} составляет {}.", r.operator.name, text::money(owed))
        }
        advance => format!(
            "На {on} задолженность в пользу {} составляет {} (аванс, полученный {}).",
            r.customer.name,
            text::money(-advance),
            r.operator.name
        ),
    }
}

/// Where a balance stands in the operator's books: what is owed to it (or nothing) is a debit,
/// the customer's advance a credit. The customer's books have it on the other side.
pub(crate) fn owed_to_operator(balance: i64) -> bool {
    balance >= 0
}

pub(super) fn render(r: &Reconciliation) -> crate::Result<Vec<u8>> {
    let fonts = Fonts::new()?;
    let mut doc = Doc::new(&fonts, Orientation::Landscape);
    doc.paragraph("АКТ СВЕРКИ ВЗАИМНЫХ РАСЧЁТОВ", Style::Bold, 12.0, Align::Center);
    doc.paragraph(&heading(r), Style::Bold, 10.0, Align::Center);
    doc.paragraph(
        &format!("за период {} — {}", text::date(r.period.0), text::date(r.period.1)),
        Style::Regular,
        9.0,
        Align::Center,
    );
    doc.space(6.0);
    doc.paragraph(
        &format!(
            "Мы, нижеподписавшиеся, {} (ИИН/БИН {}), с одной стороны, и {} (ИИН/БИН {}), с другой стороны, \
             составили настоящий акт сверки о том, что состояние взаимных расчётов по данным учёта \
             следующее.",
            r.operator.name, r.operator.bin, r.customer.name, r.customer.bin
        ),
        Style::Regular,
        9.0,
        Align::Left,
    );
    if !r.services.is_empty() {
        doc.paragraph(&format!("Услуги: {}.", r.services.join(", ")), Style::Regular, 9.0, Align::Left);
    }
    doc.space(6.0);
    // The conclusion and the signatures stay on the page of the last rows (KEPT_ROWS).
    let signatures = [signature(&r.operator.name), signature(&r.customer.name)];
    let conclusion = conclusion(r);
    let after =
        8.0 + doc.paragraph_height(&conclusion, Style::Bold, 10.0) + 16.0 + doc.columns_height(&signatures, 9.0);
    halves(&mut doc, r, after);
    doc.space(8.0);
    doc.paragraph(&conclusion, Style::Bold, 10.0, Align::Left);
    doc.space(16.0);
    doc.columns(&signatures, 9.0);
    doc.render(Language::Ru, &format!("Акт сверки взаимных расчётов {}", heading(r)))
}

/// The rows kept on the signatures' page: the last document, the turnovers, the closing balance.
const KEPT_ROWS: usize = 3;

/// A side's signature block: its name, the position, the signature and its transcript, М.П.
pub(crate) fn signature(name: &str) -> Vec<(String, Style)> {
    vec![
        (format!("От {name}"), Style::Bold),
        (String::new(), Style::Regular),
        ("______________ / ______________ / ______________".to_string(), Style::Regular),
        ("(должность) / (подпись) / (расшифровка подписи)".to_string(), Style::Regular),
        ("М.П.".to_string(), Style::Regular),
    ]
}

/// The two halves as one grid: the operator's date, document, debit, credit, then the
/// customer's, mirrored; `after` is the height of what stays with its last rows.
fn halves(doc: &mut Doc, r: &Reconciliation, after: f32) {
    let fonts = doc.fonts();
    let widest = [r.opening.abs(), r.closing.abs(), r.debit_turnover, r.credit_turnover]
        .into_iter()
        .map(|t| fonts.width(Style::Bold, BODY, &text::money(t)))
        .fold(fonts.width(Style::Bold, BODY, "Кредит"), f32::max);
    let money_w = widest + 8.0;
    let date_w = fonts.width(Style::Bold, BODY, "00.00.0000") + 8.0;
    let document_w = (doc.width() - 2.0 * date_w - 4.0 * money_w) / 2.0;
    let mut columns = Vec::new();
    for _ in 0..2 {
        columns.push(GridColumn { header: "Дата".into(), width: date_w, align: Align::Center });
        columns.push(GridColumn { header: "Документ".into(), width: document_w, align: Align::Left });
        columns.push(GridColumn { header: "Дебет".into(), width: money_w, align: Align::Right });
        columns.push(GridColumn { header: "Кредит".into(), width: money_w, align: Align::Right });
    }
    let groups = vec![
        Group { first: 0, span: 4, text: format!("По данным {}, ₸", r.operator.name) },
        Group { first: 4, span: 4, text: format!("По данным {}, ₸", r.customer.name) },
    ];
    let shown = |t: i64| if t == 0 { String::new() } else { text::money(t) };
    // One line of both halves: the customer's debit is the operator's credit and back.
    let line = |date: String, document: &str, debit: i64, credit: i64, bold: bool, always: bool| {
        let money = |t: i64| if always { text::money(t) } else { shown(t) };
        GridRow {
            cells: vec![
                date.clone(),
                document.to_string(),
                money(debit),
                money(credit),
                date,
                document.to_string(),
                money(credit),
                money(debit),
            ],
            bold,
        }
    };
    // A balance on its one side, even when it is nothing.
    let balance = |date: NaiveDate, label: &str, b: i64| {
        let (date, amount) = (text::date(date), text::money(b.abs()));
        let (debit, credit) = if owed_to_operator(b) { (amount, String::new()) } else { (String::new(), amount) };
        let cells = [date.as_str(), label, &debit, &credit, &date, label, &credit, &debit];
        GridRow { cells: cells.iter().map(|c| c.to_string()).collect(), bold: true }
    };
    let mut rows = vec![balance(r.period.0, "Сальдо начальное", r.opening)];
    rows.extend(
        r.rows.iter().map(|row| line(text::date(row.date), &row.document, row.debit, row.credit, false, false)),
    );
    rows.push(line(String::new(), "Обороты за период", r.debit_turnover, r.credit_turnover, true, true));
    rows.push(balance(r.period.1, "Сальдо конечное", r.closing));
    doc.grid(&Grid { columns, groups, rows, size: BODY, keep_with_last: Some((KEPT_ROWS, after)) });
}
