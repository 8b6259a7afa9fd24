//! "Payments report (beta-mode)" of the company: every payment to the company's numbers of one
//! payment type (the manual's "Payments types": "Кредитные номера" are the numbers that pay
//! by credit, "Авансовые номера" the prepaid ones) in a period of at most the last three months
//! (`kabinet_protocol::rules::payments_period`, the rule of the number's payments report).
//!
//! The payments are the ones the number's report shows: each number's shares of its account's
//! payment orders (`billing::payments::of_numbers`), the orders the reconciliation lists as
//! credits, so the two types' reports of some days add up to the reconciliation's credits of
//! those days. A company may have 100,000 numbers: they are read once, and every account's
//! orders are shared out once.

use super::{file_name, local, period, title, ReportFile, XLSX};
use crate::billing;
use crate::error::ApiResult;
use chrono::{DateTime, NaiveDate, Utc};
use kabinet_documents::portal::channel_label;
use kabinet_documents::{Cell, Column, ColumnKind, Table};
use kabinet_protocol::api::{Company, PaymentMethod, ReportRequest};
use kabinet_protocol::Language;
use sqlx::SqliteConnection;

/// The report's name, its title's first line.
pub const WHAT: &str = "Отчёт по платежам";

/// The manual's name of a payment type.
pub fn type_label(method: &PaymentMethod) -> &str {
    match method {
        PaymentMethod::Credit => "Кредитные номера",
        PaymentMethod::Advance => "Авансовые номера",
        PaymentMethod::Unknown(raw) => raw,
    }
}

/// The report's file as of `at` (the request passed `rules::reports::check` when accepted).
pub async fn render(
    conn: &mut SqliteConnection,
    company: &Company,
    req: &ReportRequest,
    at: DateTime<Utc>,
) -> ApiResult<ReportFile> {
    let (from, to) = period(req)?;
    let method = req.payment_method.clone().unwrap_or(PaymentMethod::Credit);
    let bytes = kabinet_documents::xlsx(&table(conn, company, &method, from, to, at).await?)
        .map_err(kabinet_protocol::Error::from)?;
    let what = format!("payments-{}", method.as_str());
    Ok(ReportFile {
        file_name: file_name(&what, company, Some((from, to)), at, "xlsx"),
        content_type: XLSX.into(),
        bytes,
    })
}

/// The report of a period already checked by the rule, as a table: one row per payment, by
/// number and then time, and the total.
pub async fn table(
    conn: &mut SqliteConnection,
    company: &Company,
    method: &PaymentMethod,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Table> {
    let numbers: Vec<(String, String)> = sqlx::query_as(
        "SELECT msisdn, account FROM numbers WHERE company_id = ? AND payment_method = ? ORDER BY msisdn",
    )
    .bind(company.id)
    .bind(method.as_str())
    .fetch_all(&mut *conn)
    .await?;
    // Every number of the company shares its account's orders, whatever its type.
    let subscribers = billing::subscribers(conn, company.id, None).await?;
    let mut payments = billing::payments::of_numbers(&subscribers, from, to, now);
    let mut rows = Vec::new();
    let mut total = 0i64;
    for (msisdn, account) in &numbers {
        for p in payments.remove(msisdn).unwrap_or_default() {
            total += p.amount.0;
            rows.push(vec![
                Cell::DateTime(local(p.at)),
                Cell::text(msisdn),
                Cell::text(account),
                Cell::Money(p.amount.0),
                Cell::text(channel_label(&p.channel, Language::Ru)),
                Cell::Text(p.reference),
            ]);
        }
    }
    let mut title = title(WHAT, company, Some((from, to)), now);
    title.notes.push(format!("Тип платежей: {}", type_label(method)));
    Ok(Table {
        sheet: "Платежи".into(),
        title,
        columns: vec![
            Column::new("Дата и время (UTC+5)", ColumnKind::DateTime),
            Column::new("Номер", ColumnKind::Text).with_width(12.0),
            Column::new("Лицевой счёт", ColumnKind::Text),
            Column::new("Сумма, ₸", ColumnKind::Money),
            Column::new("Способ оплаты", ColumnKind::Text),
            Column::new("Номер документа", ColumnKind::Text),
        ],
        rows,
        totals: Some(vec![Cell::text("Итого"), Cell::Empty, Cell::Empty, Cell::Money(total)]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::test_db;
    use chrono::TimeZone;

    #[tokio::test]
    async fn each_payment_of_the_type_s_numbers_is_a_row_and_the_total_adds_up() {
        let (_dir, pool) = test_db::demo().await;
        let company = test_db::company(&pool, 1).await;
        let now = Utc.with_ymd_and_hms(2026, 5, 20, 6, 0, 0).unwrap();
        let (from, to) = (NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 5, 20).unwrap());
        let mut conn = pool.acquire().await.unwrap();
        let credit = table(&mut conn, &company, &PaymentMethod::Credit, from, to, now).await.unwrap();
        let advance = table(&mut conn, &company, &PaymentMethod::Advance, from, to, now).await.unwrap();
        credit.check().unwrap();
        assert!(!credit.rows.is_empty() && !advance.rows.is_empty(), "the demo has both types");
        let methods: Vec<(String, String)> =
            sqlx::query_as("SELECT msisdn, payment_method FROM numbers WHERE company_id = 1")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        let subscribers = billing::subscribers(&mut conn, 1, None).await.unwrap();
        let all = billing::payments::of_numbers(&subscribers, from, to, now);
        for (table, method) in [(&credit, "credit"), (&advance, "advance")] {
            let expected: usize = methods
                .iter()
                .filter(|(_, m)| m == method)
                .map(|(msisdn, _)| all.get(msisdn).map_or(0, Vec::len))
                .sum();
            assert_eq!(table.rows.len(), expected, "{method}");
            let sum: i64 = table
                .rows
                .iter()
                .map(|r| match r[3] {
                    Cell::Money(t) => t,
                    _ => unreachable!(),
                })
                .sum();
            assert_eq!(table.totals.as_ref().unwrap()[3], Cell::Money(sum));
        }
        assert_eq!(credit.title.lines().last().unwrap(), "Тип платежей: Кредитные номера");
        assert_eq!(advance.title.lines().last().unwrap(), "Тип платежей: Авансовые номера");
        assert_eq!(credit, table(&mut conn, &company, &PaymentMethod::Credit, from, to, now).await.unwrap());
    }
}
