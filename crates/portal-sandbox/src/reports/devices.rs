//! "Registered devices report (beta-mode)": the company's numbers with their device (IMEI)
//! registrations, as of the moment it is made (the manual: "The data presented therein is valid
//! as of the date of the report").
//!
//! From the registry of `store::devices` (migration 0010): one row per IMEI registered with a
//! number of the company (registered at, duplicate or not), and a row for a number whose last
//! IMEI seen is not registered with it, so the accountant sees what is left to register. A
//! number that has seen no device and has none registered has no row. Numbers in order, each
//! number's registrations oldest first. No period: the report has none.

use super::{file_name, local, title, ReportFile, XLSX};
use crate::db::parse_ts;
use crate::error::ApiResult;
use chrono::{DateTime, Utc};
use kabinet_documents::{Cell, Column, ColumnKind, Table};
use kabinet_protocol::api::Company;
use sqlx::SqliteConnection;

/// The report's name, its title's first line.
pub const WHAT: &str = "Отчёт по зарегистрированным устройствам";
/// The status of a registered IMEI, in the words of the number's device page.
pub const REGISTERED: &str = "Устройство зарегистрировано на этот номер";
/// The status of the last IMEI seen, not registered with the number.
pub const NOT_REGISTERED: &str = "Устройство не зарегистрировано на этот номер";

/// The report's file as of `at`.
pub async fn render(conn: &mut SqliteConnection, company: &Company, at: DateTime<Utc>) -> ApiResult<ReportFile> {
    let bytes = kabinet_documents::xlsx(&table(conn, company, at).await?).map_err(kabinet_protocol::Error::from)?;
    Ok(ReportFile { file_name: file_name("devices", company, None, at, "xlsx"), content_type: XLSX.into(), bytes })
}

/// The report as a table.
pub async fn table(conn: &mut SqliteConnection, company: &Company, now: DateTime<Utc>) -> ApiResult<Table> {
    type Row = (String, String, Option<String>, Option<String>, Option<String>, Option<bool>);
    let found: Vec<Row> = sqlx::query_as(
        "SELECT n.msisdn, n.account, n.imei, r.imei, r.registered_at, r.duplicate
         FROM numbers n LEFT JOIN device_registrations r ON r.msisdn = n.msisdn
         WHERE n.company_id = ? AND (n.imei IS NOT NULL OR r.imei IS NOT NULL)
         ORDER BY n.msisdn, r.registered_at, r.imei",
    )
    .bind(company.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut rows = Vec::with_capacity(found.len());
    let mut i = 0;
    while i < found.len() {
        let (msisdn, account, last, ..) = &found[i];
        let end = found[i..].iter().position(|r| &r.0 != msisdn).map_or(found.len(), |n| i + n);
        let number = &found[i..end];
        for (_, _, _, imei, at, duplicate) in number {
            if let (Some(imei), Some(at)) = (imei, at) {
                rows.push(vec![
                    Cell::text(msisdn),
                    Cell::text(account),
                    Cell::text(imei),
                    Cell::text(REGISTERED),
                    Cell::text(if duplicate.unwrap_or(false) { "Да" } else { "Нет" }),
                    Cell::DateTime(local(parse_ts(at))),
                ]);
            }
        }
        if let Some(last) = last.as_ref().filter(|last| !number.iter().any(|r| r.3.as_ref() == Some(*last))) {
            rows.push(vec![
                Cell::text(msisdn),
                Cell::text(account),
                Cell::text(last),
                Cell::text(NOT_REGISTERED),
                Cell::Empty,
                Cell::Empty,
            ]);
        }
        i = end;
    }
    Ok(Table {
        sheet: "Устройства".into(),
        title: title(WHAT, company, None, now),
        columns: vec![
            Column::new("Номер", ColumnKind::Text).with_width(12.0),
            Column::new("Лицевой счёт", ColumnKind::Text),
            Column::new("IMEI", ColumnKind::Text).with_width(16.0),
            Column::new("Статус регистрации", ColumnKind::Text),
            Column::new("Дубликат", ColumnKind::Text),
            Column::new("Дата регистрации (UTC+5)", ColumnKind::DateTime),
        ],
        rows,
        totals: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::test_db;
    use chrono::TimeZone;

    #[tokio::test]
    async fn every_registration_and_every_unregistered_last_imei_has_a_row() {
        let (_dir, pool) = test_db::demo().await;
        let company = test_db::company(&pool, 1).await;
        let now = Utc.with_ymd_and_hms(2026, 5, 20, 6, 0, 0).unwrap();
        let t = table(&mut pool.acquire().await.unwrap(), &company, now).await.unwrap();
        t.check().unwrap();
        let find = |msisdn: &str| t.rows.iter().filter(|r| r[0] == Cell::text(msisdn)).cloned().collect::<Vec<_>>();
        // The manual's two IMEIs of 77010542006, the second a duplicate, oldest first.
        let blocked = find("77010542006");
        assert_eq!(blocked.len(), 2);
        assert_eq!(blocked[0][2], Cell::text("35967807651154"));
        assert_eq!(blocked[1][4], Cell::text("Да"));
        assert_eq!(
            blocked[0][5],
            Cell::DateTime(chrono::NaiveDate::from_ymd_opt(2019, 12, 24).unwrap().and_hms_opt(11, 21, 0).unwrap())
        );
        // Registered here, and a last IMEI registered with another provider's number.
        assert_eq!(find("77010600111")[0][3], Cell::text(REGISTERED));
        assert_eq!(
            find("77010542007"),
            [vec![
                Cell::text("77010542007"),
                find("77010542007")[0][1].clone(),
                Cell::text("35367807651154"),
                Cell::text(NOT_REGISTERED),
                Cell::Empty,
                Cell::Empty
            ]]
        );
        assert!(find("77012115526").is_empty(), "no device seen, none registered");
        assert!(find("77017770011").is_empty(), "another owner's number is not the company's");
        assert_eq!(
            t.title.lines()[..3],
            [WHAT.to_string(), "Компания: ТОО Кабинет".into(), "БИН: 150340001236".into()]
        );
        let other = test_db::company(&pool, 2).await;
        let theirs = table(&mut pool.acquire().await.unwrap(), &other, now).await.unwrap();
        assert!(theirs.rows.iter().all(|r| find(match &r[0] {
            Cell::Text(m) => m,
            _ => unreachable!(),
        })
        .is_empty()));
    }
}
