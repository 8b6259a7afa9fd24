//! The portal answers in the language a request asks for (`Accept-Language`: kk, ru, en, with
//! q-values): a refusal's `message`, also a replayed one, and the e-mails and SMS the request
//! causes; without the header it answers as it always did. Over real HTTP, as any client.

mod common;

use chrono::{Duration, Months, Utc};
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

const NUMBER: &str = "77010542007";
const EMAIL: &str = "aliya.saparova@kabinet.kz";

fn today() -> chrono::NaiveDate {
    kabinet_protocol::kz::today(Utc::now())
}

/// POSTs `body` to `path` with `Accept-Language: language` (none when `None`) and `key`.
async fn post(
    p: &Portal,
    path: &str,
    token: Option<&str>,
    body: Value,
    language: Option<&str>,
    key: &str,
) -> (StatusCode, Option<String>, Value) {
    let mut req = p.http.post(p.url(path)).header("Idempotency-Key", key).json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(l) = language {
        req = req.header("Accept-Language", l);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let content_language = resp.headers().get("content-language").map(|v| v.to_str().unwrap().to_string());
    (status, content_language, resp.json().await.unwrap())
}

/// Asks for a payments report that begins a day too early: refused by the three-month rule.
async fn too_old(p: &Portal, t: &str, language: Option<&str>, key: &str) -> (StatusCode, Option<String>, Value) {
    let earliest = today().checked_sub_months(Months::new(3)).unwrap();
    let body = json!({"from": (earliest - Duration::days(1)).to_string(), "to": today().to_string(), "email": EMAIL});
    post(p, &format!("/api/v1/numbers/{NUMBER}/payments/report"), Some(t), body, language, key).await
}

#[tokio::test]
async fn a_refusal_comes_in_kazakh_russian_or_english_as_asked_with_its_values_and_the_same_code() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let earliest = today().checked_sub_months(Months::new(3)).unwrap().format("%d.%m.%Y").to_string();

    let (status, lang, kk) = too_old(&p, &t, Some("kk"), "kk-1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{kk}");
    assert_eq!(lang.as_deref(), Some("kk"));
    assert_eq!(kk["message"], format!("Төлемдер тек соңғы үш айға, {earliest} бастап қолжетімді."), "{kk}");

    let (_, lang, ru) = too_old(&p, &t, Some("ru-RU,ru;q=0.9,en;q=0.8"), "ru-1").await;
    assert_eq!(lang.as_deref(), Some("ru"));
    assert_eq!(ru["message"], format!("Платежи доступны только за последние три месяца, начиная с {earliest}."));

    let (_, _, en) = too_old(&p, &t, Some("en-US"), "en-1").await;
    let (_, lang, default) = too_old(&p, &t, None, "none-1").await;
    assert_eq!(lang, None);
    let english = en["message"].as_str().unwrap();
    assert!(english.is_ascii() && english.contains("three months"), "{en}");
    assert_eq!(default["message"], en["message"], "without the header, as always: English");

    // Only the message changes: the code, reason, field and params are the same in every language.
    for answer in [&kk, &ru, &default] {
        let mut a = answer.clone();
        a["message"] = en["message"].clone();
        assert_eq!(a, en);
    }
    // The weight decides; a language that is not ours is passed over.
    let (_, _, weighed) = too_old(&p, &t, Some("de-DE, en;q=0.2, kk;q=0.7"), "weighed-1").await;
    assert_eq!(weighed["message"], kk["message"]);
}

#[tokio::test]
async fn a_replayed_refusal_and_one_by_code_alone_come_in_the_language_of_the_retry() {
    let p = Portal::start().await;
    let t = p.admin().await;
    // The first answer (English) is kept for the key; a retry asking in Kazakh reads it in Kazakh.
    let (_, _, first) = too_old(&p, &t, None, "replayed").await;
    let (_, _, again) = too_old(&p, &t, Some("kk"), "replayed").await;
    assert_eq!(first["reason"], again["reason"]);
    assert!(again["message"].as_str().unwrap().starts_with("Төлемдер тек соңғы үш айға"), "{again}");

    let wrong = json!({"phone": ADMIN, "password": "Wrong-password-1"});
    let (status, _, kk) = post(&p, "/api/v1/auth/login", None, wrong, Some("kk"), "login-kk").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{kk}");
    assert_eq!(kk["message"], "Телефон нөмірі немесе құпия сөз қате.");
    assert_eq!(kk["code"], "invalid_credentials");
}

#[tokio::test]
async fn messages_a_request_causes_are_in_its_language() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let from = today().checked_sub_months(Months::new(1)).unwrap();
    let body = json!({"from": from.to_string(), "to": today().to_string(), "email": EMAIL});
    let path = format!("/api/v1/numbers/{NUMBER}/payments/report");
    let (status, _, answer) = post(&p, &path, Some(&t), body, Some("kk"), "mail-kk").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let mail = p.outbox(EMAIL).await;
    let text = mail[0]["body"].as_str().unwrap();
    assert!(text.starts_with(&format!("{NUMBER} нөмірінің")) && text.contains("төлемдер есебі"), "{text}");
    assert!(!text.contains(" / "), "Kazakh alone: {text}");

    // Recovery by SMS, asked in Russian: Russian alone; asked in nothing: Russian and English.
    let recovery = json!({"phone": ADMIN});
    let (status, _, _) = post(&p, "/api/v1/auth/recovery", None, recovery, Some("ru"), "rec-ru").await;
    assert_eq!(status, StatusCode::OK);
    let sms = p.outbox(ADMIN).await[0]["body"].as_str().unwrap().to_string();
    assert!(sms.contains("ваш код") && !sms.contains("your code"), "{sms}");
}
