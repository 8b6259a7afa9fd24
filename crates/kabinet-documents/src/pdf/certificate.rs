//! Form Р-1, "Акт выполненных работ (оказанных услуг)" (Appendix 50 to the Minister of Finance
//! order No. 562 of 20.12.2012), and its Appendix 1 by number.
//!
//! Page 1 on: the form's reference (top right), Заказчик and Исполнитель with their ИИН/БИН and
//! addresses, the contract and the account, the title with the number and date, the table
//! (№ п/п, наименование, дата выполнения, сведения об отчёте, единица измерения, then
//! "Выполнено работ (оказано услуг)": количество, цена за единицу, стоимость), Итого, НДС,
//! Всего, the total in words, the customer's stocks used (none: the operator uses no stocks of
//! its customers), the list of attached documentation (Appendix 1), and the signature blocks
//! Сдал (Исполнитель) / Принял (Заказчик), each with the position, the signature and its
//! transcript, the date and М.П.; they stay on the page of the table's last rows. Appendix 1 starts on
//! a new page (landscape when it has many service columns): one row per number, its amount per
//! service column and its total, then an Итого row.

use super::layout::{Align, Doc, Grid, GridColumn, GridRow, Group, Orientation};
use super::text::{self, Fonts, Style};
use super::BODY;
use crate::{Certificate, Language};

/// The lines of the form's reference, top right.
pub(crate) const FORM_REFERENCE: [&str; 3] =
    ["Приложение 50 к приказу Министра финансов", "Республики Казахстан от 20 декабря 2012 года № 562", "Форма Р-1"];

/// "Акт выполненных работ (оказанных услуг) № … от …".
pub(crate) fn title(c: &Certificate) -> String {
    format!("Акт выполненных работ (оказанных услуг) № {} от {}", c.number, text::date(c.date))
}

/// The header's lines about the two parties, the contract and the account.
pub(crate) fn parties(c: &Certificate) -> Vec<String> {
    vec![
        format!("Заказчик: {}, ИИН/БИН {}, {}", c.customer.name, c.customer.bin, c.customer.address),
        format!("Исполнитель: {}, ИИН/БИН {}, {}", c.contractor.name, c.contractor.bin, c.contractor.address),
        c.contract.clone(),
        format!("Лицевой счёт: {}", c.account),
        format!("Период: {} — {}", text::date(c.period.0), text::date(c.period.1)),
    ]
}

/// "Всего оказано услуг на сумму: Тридцать восемь тысяч … тенге 60 тиын, в том числе НДС 16%:
/// 5 361,60 ₸."
pub(crate) fn total_in_words(c: &Certificate) -> String {
    format!(
        "Всего оказано услуг на сумму: {}, в том числе {}: {}.",
        crate::words::tenge(c.total),
        vat_label(c),
        text::money(c.vat)
    )
}

/// The form's line on stocks received from the customer: a telecom operator uses none.
pub(crate) const STOCKS: &str = "Сведения об использовании запасов, полученных от заказчика: запасы не использовались.";

/// The form's line listing the attached documentation: Appendix 1.
pub(crate) fn attachments(c: &Certificate) -> String {
    format!(
        "Приложение: перечень документации, в том числе отчёт(ы) о маркетинговых, научных исследованиях, \
         консультационных и прочих услугах (обязательны при его (их) наличии): Приложение 1 «Расшифровка \
         стоимости услуг по абонентским номерам» ({} {}).",
        c.appendix.len(),
        crate::words::plural(c.appendix.len() as u64, ["номер", "номера", "номеров"])
    )
}

/// A signature block's lines: the role and the party, then the position, the signature and its
/// transcript on one line with their captions below, the date and the stamp's place.
pub(crate) fn signature(role: &str, name: &str) -> Vec<(String, Style)> {
    vec![
        (role.to_string(), Style::Bold),
        (name.to_string(), Style::Regular),
        (String::new(), Style::Regular),
        ("______________ / ______________ / ______________".to_string(), Style::Regular),
        ("(должность) / (подпись) / (расшифровка подписи)".to_string(), Style::Regular),
        ("Дата: «___» ____________ 20___ г.".to_string(), Style::Regular),
        ("М.П.".to_string(), Style::Regular),
    ]
}

/// "НДС 16%".
pub(crate) fn vat_label(c: &Certificate) -> String {
    format!("НДС {}%", c.vat_rate)
}

pub(super) fn render(c: &Certificate) -> crate::Result<Vec<u8>> {
    let fonts = Fonts::new()?;
    let mut doc = Doc::new(&fonts, Orientation::Portrait);
    for line in FORM_REFERENCE {
        doc.paragraph(line, Style::Regular, 7.0, Align::Right);
    }
    doc.space(6.0);
    for line in parties(c) {
        doc.paragraph(&line, Style::Regular, 9.0, Align::Left);
    }
    doc.space(10.0);
    doc.paragraph("АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)", Style::Bold, 12.0, Align::Center);
    doc.paragraph(&format!("№ {} от {}", c.number, text::date(c.date)), Style::Bold, 10.0, Align::Center);
    doc.space(8.0);
    // What follows the table stays with its last rows (the totals and a line or more).
    let signatures =
        [signature("Сдал (Исполнитель)", &c.contractor.name), signature("Принял (Заказчик)", &c.customer.name)];
    let words = total_in_words(c);
    let attached = attachments(c);
    let closing = [(words.as_str(), Style::Bold), (STOCKS, Style::Regular), (attached.as_str(), Style::Regular)];
    let after = 6.0
        + closing.iter().map(|(t, style)| doc.paragraph_height(t, *style, 9.0) + 3.0).sum::<f32>()
        + 13.0
        + doc.columns_height(&signatures, 9.0);
    service_table(&mut doc, c, after);
    doc.space(6.0);
    for (line, style) in closing {
        doc.paragraph(line, style, 9.0, Align::Left);
        doc.space(3.0);
    }
    doc.space(13.0);
    doc.columns(&signatures, 9.0);

    // Landscape when the amounts at their widest and a narrow tariff do not fit a portrait page.
    let needed = FIXED_APPENDIX + MIN_TARIFF + appendix_money_width(&fonts, c) * (c.appendix_columns.len() + 1) as f32;
    let orientation =
        if needed <= Orientation::Portrait.content_width() { Orientation::Portrait } else { Orientation::Landscape };
    doc.new_page(orientation);
    doc.paragraph(
        &format!("Приложение 1 к акту № {} от {}", c.number, text::date(c.date)),
        Style::Bold,
        11.0,
        Align::Left,
    );
    doc.paragraph(
        &format!("Расшифровка стоимости услуг по абонентским номерам, лицевой счёт {}, без НДС", c.account),
        Style::Regular,
        9.0,
        Align::Left,
    );
    doc.space(6.0);
    appendix_table(&mut doc, c);
    doc.render(Language::Ru, &title(c))
}

/// The rows kept on the signatures' page: the last service line, Итого, НДС and Всего.
const KEPT_ROWS: usize = 4;

/// The service lines and the totals; `after` is the height of what must stay on the page of
/// its last rows.
fn service_table(doc: &mut Doc, c: &Certificate, after: f32) {
    let width = doc.width();
    let fonts = doc.fonts();
    let money_w = [c.total, c.net, c.vat]
        .into_iter()
        .chain(c.lines.iter().flat_map(|l| [l.price, l.amount]))
        .map(|t| fonts.width(Style::Bold, BODY, &text::money(t)))
        .fold(fonts.width(Style::Bold, BODY, "стоимость"), f32::max)
        + 8.0;
    let fixed = [24.0, 60.0, 54.0, 54.0, 56.0, money_w, money_w];
    let service = width - fixed.iter().sum::<f32>();
    let column = |header: &str, width: f32, align| GridColumn { header: header.into(), width, align };
    let columns = vec![
        column("№ п/п", fixed[0], Align::Center),
        column("Наименование работ (услуг)", service, Align::Left),
        column("Дата выполнения работ (оказания услуг)", fixed[1], Align::Center),
        column("Сведения об отчёте", fixed[2], Align::Center),
        column("Единица измерения", fixed[3], Align::Center),
        column("количество", fixed[4], Align::Right),
        column("цена за единицу", fixed[5], Align::Right),
        column("стоимость", fixed[6], Align::Right),
    ];
    let groups =
        vec![Group { first: 5, span: 3, text: "Выполнено работ (оказано услуг)".into() }];
    let done = text::date(c.period.1);
    let mut rows: Vec<GridRow> = c
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| GridRow {
            cells: vec![
                (i + 1).to_string(),
                l.service.clone(),
                done.clone(),
                "—".into(),
                l.unit.clone(),
                text::integer(l.quantity),
                text::money(l.price),
                text::money(l.amount),
            ],
            bold: false,
        })
        .collect();
    let total = |label: String, amount: i64| {
        let mut cells = vec![String::new(); 8];
        cells[1] = label;
        cells[7] = text::money(amount);
        GridRow { cells, bold: true }
    };
    rows.push(total("Итого".into(), c.net));
    rows.push(total(vat_label(c), c.vat));
    rows.push(total("Всего с НДС".into(), c.total));
    doc.grid(&Grid { columns, groups, rows, size: BODY, keep_with_last: Some((KEPT_ROWS, after)) });
}

/// The appendix's № and number columns.
const FIXED_APPENDIX: f32 = 100.0;
/// The narrowest the tariff's column gets.
const MIN_TARIFF: f32 = 60.0;

/// The width of the appendix's amount columns: its widest amount (the net, in bold), padded.
fn appendix_money_width(fonts: &Fonts, c: &Certificate) -> f32 {
    let widest = c.appendix.iter().flat_map(|l| l.amounts.iter().chain([&l.total])).map(|a| a.abs()).max().unwrap_or(0);
    fonts.width(Style::Bold, BODY, &text::money(widest.max(c.net.abs()))) + 8.0
}

fn appendix_table(doc: &mut Doc, c: &Certificate) {
    let width = doc.width();
    let fonts = doc.fonts();
    let totals: Vec<i64> =
        (0..c.appendix_columns.len()).map(|i| c.appendix.iter().map(|l| l.amounts[i]).sum()).collect();
    let money_w = appendix_money_width(fonts, c);
    let column = |header: &str, width: f32, align| GridColumn { header: header.into(), width, align };
    let mut columns = vec![column("№ п/п", 30.0, Align::Center), column("Абонентский номер", 70.0, Align::Left)];
    let amounts = c.appendix_columns.len() + 1;
    let rest = width - FIXED_APPENDIX;
    // The amounts take two thirds of the rest, or more when they need it; the tariff the others.
    let amount_w = money_w.max(rest * 2.0 / 3.0 / amounts as f32).min((rest - MIN_TARIFF) / amounts as f32);
    columns.push(column("Тариф", rest - amount_w * amounts as f32, Align::Left));
    for name in &c.appendix_columns {
        columns.push(column(name, amount_w, Align::Right));
    }
    columns.push(column("Итого", amount_w, Align::Right));
    let mut rows: Vec<GridRow> = c
        .appendix
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut cells = vec![(i + 1).to_string(), l.msisdn.clone(), l.tariff.clone()];
            cells.extend(l.amounts.iter().map(|a| text::money(*a)));
            cells.push(text::money(l.total));
            GridRow { cells, bold: false }
        })
        .collect();
    let mut cells = vec![String::new(), "Итого".to_string(), String::new()];
    cells.extend(totals.iter().map(|a| text::money(*a)));
    cells.push(text::money(c.net));
    rows.push(GridRow { cells, bold: true });
    doc.grid(&Grid { columns, groups: Vec::new(), rows, size: BODY, keep_with_last: None });
}
