//! The company's charges as data (`GET /api/v1/companies/{id}/charges`): each account's month
//! adds up, net, VAT and total, to the certificate's totals to the tiyn, however it is paged;
//! the period rules (certificate months, at most 12); another company's id answers 404.

mod common;

use common::*;
use kabinet_documents::inspect::{Inspected, Value as Cell};
use kabinet_protocol::api::ChargesPage;
use kabinet_protocol::rules::charges_period;
use kabinet_protocol::rules::document_months::YearMonth;
use reqwest::StatusCode;
use std::collections::BTreeMap;

/// Every page of company 1's charges from `from` to `to`, `limit` numbers a page.
async fn all_pages(p: &Portal, t: &str, from: YearMonth, to: YearMonth, limit: u32) -> (ChargesPage, usize) {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut path = format!("/api/v1/companies/1/charges?from={from}&to={to}&limit={limit}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={}", c.replace('|', "%7C")));
        }
        let (status, body) = p.get(&path, t).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page: ChargesPage = serde_json::from_value(body).unwrap();
        pages += 1;
        assert!(page.items.len() <= limit as usize);
        items.extend(page.items);
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => return (ChargesPage { items, next_cursor: None }, pages),
        }
    }
}

/// The amount, in tiyn, on the certificate sheet's row labelled `label` (its last money cell).
fn closing(x: &Inspected, label: &str) -> i64 {
    let row = (0..=x.last_row())
        .find(|r| (0..6).any(|c| matches!(x.value(*r, c), Cell::String(s) if s.starts_with(label))))
        .unwrap_or_else(|| panic!("no row {label}"));
    let amount = (0..12)
        .rev()
        .filter_map(|c| match x.value(row, c) {
            Cell::Float(f) => Some(f),
            Cell::Int(i) => Some(i as f64),
            _ => None,
        })
        .next()
        .unwrap();
    (amount * 100.0).round() as i64
}

#[tokio::test]
async fn each_accounts_month_adds_up_to_its_certificate_to_the_tiyn_however_paged() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, to) = charges_period::last_year(p.sandbox.clock().now());
    let from = to.minus(2);
    let (paged, pages) = all_pages(&p, &t, from, to, 3).await;
    let (whole, one) = all_pages(&p, &t, from, to, 2_000).await;
    assert_eq!(one, 1);
    assert!(pages > 2, "{pages} pages");
    assert_eq!(paged, whole, "pages cut anywhere, even inside an account, give the same lines");

    let mut sums: BTreeMap<(String, YearMonth), (i64, i64)> = BTreeMap::new();
    for n in &whole.items {
        assert_eq!(n.months.iter().map(|m| m.month).collect::<Vec<_>>(), vec![from, from.next(), to]);
        for m in &n.months {
            let sum = sums.entry((n.account.clone(), m.month)).or_default();
            for s in &m.services {
                assert!(s.net.0 > 0, "{s:?}");
                sum.0 += s.net.0;
                sum.1 += s.vat.0;
            }
        }
    }
    let (_, accounts) = p.get("/api/v1/companies/1/accounts", &t).await;
    let billed: Vec<String> = accounts["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["numbers"].as_i64().unwrap() > 0)
        .map(|a| a["account"].as_str().unwrap().to_string())
        .collect();
    assert!(billed.len() > 1, "{billed:?}");
    for account in &billed {
        for month in [from, from.next(), to] {
            let path = format!("/api/v1/companies/1/certificate?account={account}&month={month}&format=xlsx");
            let (status, _, _, bytes) = p.download(&path, &t).await;
            assert_eq!(status, StatusCode::OK);
            let x = Inspected::read(&bytes);
            let (net, vat) = sums[&(account.clone(), month)];
            let certificate = (closing(&x, "Итого"), closing(&x, "НДС"), closing(&x, "Всего с НДС"));
            assert_eq!((net, vat, net + vat), certificate, "{account} {month}");
        }
    }
}

#[tokio::test]
async fn the_period_is_whole_certificate_months_at_most_twelve() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let now = p.sandbox.clock().now();
    let (first, last) = charges_period::last_year(now);
    let this_month = YearMonth::of(now);
    let ask = |from: String, to: String| {
        let (p, t) = (&p, &t);
        async move { p.get(&format!("/api/v1/companies/1/charges?from={from}&to={to}"), t).await }
    };
    let (status, body) = ask(first.to_string(), last.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["items"][0]["months"].as_array().unwrap().len(), 12);

    for (from, to, status, code_, reason, field) in [
        (first.minus(1), last, 422, "period_too_long", None, "from"),
        (this_month, this_month, 422, "not_yet_available", Some("month_not_over"), "to"),
        (
            YearMonth::new(2017, 12).unwrap(),
            YearMonth::new(2018, 1).unwrap(),
            422,
            "period_too_long",
            Some("month_too_old"),
            "from",
        ),
        (last, first, 400, "invalid_input", None, "from"),
    ] {
        let (s, body) = ask(from.to_string(), to.to_string()).await;
        assert_eq!(
            (s.as_u16(), code(&body), body["reason"].as_str(), body["field"].as_str()),
            (status, code_, reason, Some(field)),
            "{from}..{to}: {body}"
        );
    }
    let (_, body) = ask(first.minus(1).to_string(), last.to_string()).await;
    assert_eq!(body["params"]["max"], "12", "{body}");

    for (path, field) in [
        (format!("/api/v1/companies/1/charges?from=2026-1&to={last}"), "from"),
        (format!("/api/v1/companies/1/charges?from={last}&to=last"), "to"),
        (format!("/api/v1/companies/1/charges?from={last}&to={last}&limit=0"), "limit"),
        (format!("/api/v1/companies/1/charges?from={last}&to={last}&limit=2001"), "limit"),
        (format!("/api/v1/companies/1/charges?from={last}&to={last}&cursor=25060854"), "cursor"),
        (format!("/api/v1/companies/1/charges?from={last}&to={last}&cursor=%7C770"), "cursor"),
    ] {
        let (status, body) = p.get(&path, &t).await;
        assert_eq!(
            (status, code(&body), body["field"].as_str()),
            (StatusCode::BAD_REQUEST, "invalid_input", Some(field)),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn another_companys_charges_are_not_found() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, last) = charges_period::last_year(p.sandbox.clock().now());
    for company in [3, 999] {
        let (status, body) = p.get(&format!("/api/v1/companies/{company}/charges?from={last}&to={last}"), &t).await;
        assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "{body}");
    }
    // Unsigned: 401 before anything.
    let (status, _) = p.get(&format!("/api/v1/companies/1/charges?from={last}&to={last}"), "nope").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
