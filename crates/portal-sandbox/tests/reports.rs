//! The company reports over HTTP: the registered devices, payments (company) and Atlas Pro
//! reports requested, prepared, e-mailed and read back as XLSX (cells, types, formats), their
//! periods refused on both sides of each boundary; the actions history of all of the company's
//! administrators for a period of the last twelve months (`kabinet_protocol::rules::history_period`),
//! with its refusals on both sides of each boundary, at Kazakhstan's midnight; and 404 for
//! another company.

mod common;

use chrono::{DateTime, Duration, Months, NaiveDate, TimeZone, Utc};
use common::*;
use kabinet_documents::inspect::Inspected;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::Connection;

const NUMBER: &str = "77010542007";
const EMAIL: &str = "buh@kabinet.kz";

async fn ask(p: &Portal, t: &str, company: i64, body: Value) -> (StatusCode, Value) {
    p.call(Method::POST, &format!("/api/v1/companies/{company}/reports"), Some(t), Some(body)).await
}

/// Asks for a report, lets it be prepared, and reads its file back.
async fn report(p: &Portal, t: &str, body: Value) -> (String, Inspected) {
    let (status, record) = ask(p, t, 1, body).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{record}");
    let id = record["id"].as_str().unwrap().to_string();
    p.advance(5).await;
    let (status, _, _, bytes) = p.download(&format!("/api/v1/companies/1/reports/{id}/file"), t).await;
    assert_eq!(status, StatusCode::OK);
    let mail = p.outbox(EMAIL).await;
    assert_eq!(mail[0]["attachment"]["size"].as_u64().unwrap(), bytes.len() as u64, "e-mailed with the file");
    (id, Inspected::read(&bytes))
}

/// The first data row (the header is the last frozen row).
fn first(x: &Inspected) -> u32 {
    x.frozen_rows().unwrap()
}

fn today(p: &Portal) -> NaiveDate {
    kabinet_protocol::kz::today(p.sandbox.clock().now())
}

async fn actions(p: &Portal, t: &str, company: i64, from: NaiveDate, to: NaiveDate) -> (StatusCode, Value) {
    p.get(&format!("/api/v1/companies/{company}/actions?from={from}&to={to}"), t).await
}

fn refusal(body: &Value) -> (&str, &str, &str) {
    (code(body), body["reason"].as_str().unwrap_or(""), body["field"].as_str().unwrap_or(""))
}

/// Writes an action of another administrator of company 1 (3, who has not signed in yet) at
/// `at`, straight into the sandbox's database.
async fn insert_action(p: &Portal, admin: i64, action: &str, at: DateTime<Utc>) {
    let url = format!("sqlite://{}", p.data_dir().join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query(
        "INSERT INTO actions (company_id, admin_id, msisdn, action, status, at) VALUES (1, ?, ?, ?, 'Success', ?)",
    )
    .bind(admin)
    .bind(NUMBER)
    .bind(action)
    .bind(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    .execute(&mut db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_history_lists_every_administrator_of_the_company_in_the_period_newest_first() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, _) = p.call(Method::POST, &format!("/api/v1/numbers/{NUMBER}/block"), Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let now = p.sandbox.clock().now();
    insert_action(&p, 3, "Service delivery certificate", now - Duration::days(40)).await;
    insert_action(&p, 3, "Too old", now - Duration::days(400)).await;

    let (status, body) = actions(&p, &t, 1, today(&p) - Duration::days(60), today(&p)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items = body["items"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(names, ["Number blocking", "Service delivery certificate"]);
    assert_eq!(items[0]["admin_name"], "Алия Сапарова");
    assert_eq!(items[0]["admin_phone"], ADMIN);
    assert_eq!(items[0]["msisdn"], NUMBER);
    assert_eq!(items.last().unwrap()["admin_name"], "Данияр Ахметов", "another administrator's action");
    assert!(items.windows(2).all(|w| w[0]["at"].as_str() >= w[1]["at"].as_str()), "newest first");
    assert_eq!(body["truncated"], false);

    // A period that ends before: only the older one.
    let (_, body) = actions(&p, &t, 1, today(&p) - Duration::days(60), today(&p) - Duration::days(1)).await;
    assert_eq!(body["items"].as_array().unwrap().len(), 1, "{body}");
    // With no dates: the whole twelve months, the 400-day-old one not in them.
    let (_, body) = p.get("/api/v1/companies/1/actions", &t).await;
    assert!(body["items"].as_array().unwrap().iter().all(|a| a["action"] != "Too old"), "{body}");
}

#[tokio::test]
async fn the_period_is_refused_on_the_far_side_of_each_boundary_naming_the_date() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let today = today(&p);
    let earliest = today.checked_sub_months(Months::new(12)).unwrap();
    assert_eq!(actions(&p, &t, 1, earliest, today).await.0, StatusCode::OK);
    let (status, body) = actions(&p, &t, 1, earliest.pred_opt().unwrap(), today).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refusal(&body), ("period_too_long", "period_older_than_twelve_months", "from"));
    assert_eq!(body["params"]["earliest"], earliest.to_string());
    let (status, body) = actions(&p, &t, 1, today, today.succ_opt().unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&body), ("invalid_input", "period_in_future", "to"));
    let (_, body) = actions(&p, &t, 1, today, today.pred_opt().unwrap()).await;
    assert_eq!(refusal(&body), ("invalid_input", "period_reversed", "to"));
    let (status, body) = p.get("/api/v1/companies/1/actions?from=yesterday", &t).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"), "{body}");
}

#[tokio::test]
async fn the_days_change_at_midnight_in_kazakhstan() {
    let p = Portal::start().await;
    // Move the clock to a minute before the next midnight in Almaty, sign in (a session idle
    // that long would have ended), then to five seconds before it.
    let now = p.sandbox.clock().now();
    let next_midnight = kabinet_protocol::kz::offset()
        .from_local_datetime(&(kabinet_protocol::kz::today(now) + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap())
        .unwrap()
        .with_timezone(&Utc);
    p.advance((next_midnight - now).num_seconds() - 60).await;
    let t = p.admin().await;
    p.advance(55).await;
    let before = today(&p);
    let tomorrow = before.succ_opt().unwrap();
    let earliest = before.checked_sub_months(Months::new(12)).unwrap();
    assert_eq!(refusal(&actions(&p, &t, 1, before, tomorrow).await.1).1, "period_in_future");
    assert_eq!(actions(&p, &t, 1, earliest, before).await.0, StatusCode::OK);

    p.advance(6).await;
    assert_eq!(today(&p), tomorrow, "it is the next day in Almaty");
    assert_eq!(actions(&p, &t, 1, before, tomorrow).await.0, StatusCode::OK, "tomorrow is today now");
    let (status, body) = actions(&p, &t, 1, earliest, before).await;
    assert_eq!((status, refusal(&body).1), (StatusCode::UNPROCESSABLE_ENTITY, "period_older_than_twelve_months"));
}

#[tokio::test]
async fn another_company_s_history_is_not_found() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let today = today(&p);
    let (status, body) = actions(&p, &t, 3, today, today).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
    let (status, _) = actions(&p, &t, 999, today, today).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Even a refused period answers 404 first for another company.
    let (status, _) = actions(&p, &t, 3, today, today.succ_opt().unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_registered_devices_report_lists_registrations_and_unregistered_devices() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (id, x) = report(&p, &t, json!({"kind": "devices", "email": EMAIL})).await;
    assert_eq!(x.text(0, 0), "Отчёт по зарегистрированным устройствам");
    assert_eq!((x.text(1, 0), x.text(2, 0)), ("Компания: ТОО Кабинет".into(), "БИН: 150340001236".into()));
    assert!(x.text(3, 0).starts_with("Сформирован: "));
    let rows: Vec<u32> = (first(&x)..=x.last_row()).collect();
    let of = |msisdn: &str| rows.iter().copied().filter(|r| x.text(*r, 0) == msisdn).collect::<Vec<_>>();
    let blocked = of("77010542006");
    assert_eq!(blocked.iter().map(|r| x.text(*r, 2)).collect::<Vec<_>>(), ["35967807651154", "86978202212128"]);
    assert_eq!(x.text(blocked[0], 3), "Устройство зарегистрировано на этот номер");
    assert_eq!(x.text(blocked[1], 4), "Да");
    assert_eq!(
        x.datetime(blocked[0], 5),
        NaiveDate::from_ymd_opt(2019, 12, 24).unwrap().and_hms_opt(11, 21, 0).unwrap()
    );
    assert_eq!(x.number_format(blocked[0], 5), kabinet_documents::DATE_TIME_FORMAT);
    let manual = of(NUMBER);
    assert_eq!(x.text(manual[0], 3), "Устройство не зарегистрировано на этот номер");
    assert!(of("77012115526").is_empty(), "no device, no row");
    // Another company's administrator cannot download it.
    let tele2 = p.token(TELE2_ADMIN, PASSWORD).await;
    assert_eq!(p.download(&format!("/api/v1/companies/1/reports/{id}/file"), &tele2).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_company_payments_report_is_of_one_payments_type_within_three_months() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let today = today(&p);
    let earliest = today.checked_sub_months(Months::new(3)).unwrap();
    let body = |from: NaiveDate, to: NaiveDate, method: &str| json!({"kind": "payments", "email": EMAIL, "from": from.to_string(), "to": to.to_string(), "payment_method": method});
    // Both sides of each boundary.
    let (status, e) = ask(&p, &t, 1, body(earliest.pred_opt().unwrap(), today, "credit")).await;
    assert_eq!(
        (status, refusal(&e)),
        (StatusCode::UNPROCESSABLE_ENTITY, ("period_too_long", "payments_older_than_three_months", "from"))
    );
    let (status, e) = ask(&p, &t, 1, body(today, today.succ_opt().unwrap(), "credit")).await;
    assert_eq!((status, refusal(&e)), (StatusCode::BAD_REQUEST, ("invalid_input", "period_in_future", "to")));
    let (status, e) =
        ask(&p, &t, 1, json!({"kind": "payments", "email": EMAIL, "from": today.to_string(), "to": today.to_string()}))
            .await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::BAD_REQUEST, Some("payment_method")), "{e}");

    let (_, x) = report(&p, &t, body(earliest, today, "advance")).await;
    assert_eq!(x.text(0, 0), "Отчёт по платежам");
    assert_eq!(x.text(3, 0), format!("Период: {} — {}", earliest.format("%d.%m.%Y"), today.format("%d.%m.%Y")));
    assert_eq!(x.text(5, 0), "Тип платежей: Авансовые номера");
    let row = first(&x);
    assert_eq!(x.text(row - 1, 3), "Сумма, ₸");
    let at = x.datetime(row, 0);
    assert!(at.date() >= earliest && at.date() <= today);
    assert_eq!(x.number_format(row, 0), kabinet_documents::DATE_TIME_FORMAT);
    assert!(x.number(row, 3) > 0.0);
    assert_eq!(x.number_format(row, 3), kabinet_documents::MONEY_FORMAT);
    // The rows are advance numbers only.
    let (_, page) = p.get("/api/v1/companies/1/numbers?limit=500", &t).await;
    let advance: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["payment_method"] == "advance")
        .map(|n| n["msisdn"].as_str().unwrap())
        .collect();
    assert!(!advance.is_empty());
    let last_data = x.last_row() - 2; // the totals after an empty row
    assert!((row..=last_data).all(|r| advance.contains(&x.text(r, 1).as_str())));
    assert_eq!(x.text(x.last_row(), 0), "Итого");
}

#[tokio::test]
async fn the_atlas_pro_detailing_states_the_terms_and_covers_the_last_twelve_months() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let today = today(&p);
    let earliest = today.checked_sub_months(Months::new(12)).unwrap();
    let body = |from: NaiveDate, to: NaiveDate| json!({"kind": "atlas_pro", "email": EMAIL, "from": from.to_string(), "to": to.to_string()});
    let (status, e) = ask(&p, &t, 1, body(earliest.pred_opt().unwrap(), today)).await;
    assert_eq!(
        (status, refusal(&e)),
        (StatusCode::UNPROCESSABLE_ENTITY, ("period_too_long", "period_older_than_twelve_months", "from"))
    );
    assert_eq!(e["params"]["earliest"], earliest.to_string());
    let (status, e) = ask(&p, &t, 1, body(today.succ_opt().unwrap(), today.succ_opt().unwrap())).await;
    assert_eq!((status, refusal(&e)), (StatusCode::BAD_REQUEST, ("invalid_input", "period_in_future", "from")));

    let (_, x) = report(&p, &t, body(earliest, today)).await;
    assert_eq!(x.text(0, 0), "Детализация по пакету Atlas Pro");
    assert!(x.text(5, 0).contains("950 ₸ в сутки") && x.text(5, 0).contains("100 МБ"), "{}", x.text(5, 0));
    assert!(x.text(6, 0).contains("400 ₸") && x.text(6, 0).contains("50MB") && x.text(6, 0).contains("8541"));
    let row = first(&x);
    let day = x.datetime(row, 0).date();
    assert!(day >= earliest && day <= today);
    assert_eq!(x.number_format(row, 0), kabinet_documents::DATE_FORMAT);
    assert_eq!(x.number(row, 3), 950.0);
    assert_eq!(x.number_format(row, 3), kabinet_documents::MONEY_FORMAT);
    let add_ons = x.number(row, 6);
    assert_eq!(x.number(row, 8), 950.0 + 400.0 * add_ons);
    assert_eq!(x.text(x.last_row(), 0), "Итого");
}
