//! The portal's rules, tested over real HTTP against a sandbox on loopback.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn health_and_openapi_cover_every_route() {
    let p = Portal::start().await;
    let (status, health) = p.call(Method::GET, "/health", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["status"], "ok");

    let (_, doc) = p.call(Method::GET, "/openapi.json", None, None).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/auth/recovery",
        "/api/v1/auth/recovery/{id}/resend",
        "/api/v1/auth/recovery/{id}/verify",
        "/api/v1/auth/recovery/{id}/complete",
        "/api/v1/profile",
        "/api/v1/profile/email",
        "/api/v1/profile/password",
        "/api/v1/companies",
        "/api/v1/companies/{id}",
        "/api/v1/companies/{id}/display-name",
        "/health",
        "/sandbox/outbox",
        "/sandbox/clock",
    ] {
        assert!(paths.contains_key(path), "{path} missing from /openapi.json");
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for schema in ["Error", "ErrorCode", "LoginRequest", "RecoveryCompleteRequest", "Company"] {
        assert!(schemas.contains_key(schema), "schema {schema}");
    }
    // Every operation under /api/v1 documents an error answer.
    for (path, ops) in paths.iter().filter(|(p, _)| p.starts_with("/api/v1")) {
        for (method, op) in ops.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.keys().any(|s| s.starts_with('4')), "{method} {path} documents no error");
        }
    }
}

#[tokio::test]
async fn login_checks_the_number_and_hides_which_credential_was_wrong() {
    let p = Portal::start().await;
    let (status, body) = p.login("7701001651", PASSWORD).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_phone"));

    let (status, wrong_password) = p.login(ADMIN, "Wrong-2026").await;
    assert_eq!((status, code(&wrong_password)), (StatusCode::UNAUTHORIZED, "invalid_credentials"));
    let (_, unknown_number) = p.login("77019999999", PASSWORD).await;
    assert_eq!(wrong_password["message"], unknown_number["message"]);

    let (status, ok) = p.login(ADMIN, PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ok["profile"]["name"], "Алия Сапарова");
}

#[tokio::test]
async fn five_failures_lock_the_account_for_fifteen_minutes() {
    let p = Portal::start().await;
    for left in (1..=4).rev() {
        let (status, body) = p.login(ADMIN, "Wrong-2026").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["attempts_left"], left);
    }
    let resp = p
        .http
        .post(p.url("/api/v1/auth/login"))
        .header("Idempotency-Key", "fifth")
        .json(&json!({"phone": ADMIN, "password": "Wrong-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers()["retry-after"], "900");
    assert_eq!(resp.json::<Value>().await.unwrap()["code"], "locked_out");

    // Even the right password is refused while locked.
    let (status, body) = p.login(ADMIN, PASSWORD).await;
    assert_eq!((status, code(&body)), (StatusCode::TOO_MANY_REQUESTS, "locked_out"));
    p.advance(14 * 60).await;
    assert_eq!(p.login(ADMIN, PASSWORD).await.0, StatusCode::TOO_MANY_REQUESTS);
    p.advance(61).await;
    assert_eq!(p.login(ADMIN, PASSWORD).await.0, StatusCode::OK);
}

#[tokio::test]
async fn recovery_code_goes_by_sms_to_kcell_and_by_email_to_tele2() {
    let p = Portal::start().await;
    let sms = p.start_recovery(ADMIN).await;
    assert_eq!(sms["channel"], "sms");
    assert_eq!(sms["resend_after_s"], 60);
    assert_eq!(sms["expires_in_s"], 300);
    assert_eq!(p.outbox(ADMIN).await[0]["channel"], "sms");

    let email = p.start_recovery(TELE2_ADMIN).await;
    assert_eq!(email["channel"], "email");
    let sent = p.outbox("erlan.tleubayev@kabinet.kz").await;
    assert_eq!(sent[0]["channel"], "email");
    assert!(p.outbox(TELE2_ADMIN).await.is_empty());
}

#[tokio::test]
async fn unknown_numbers_get_the_same_answer_and_no_message() {
    let p = Portal::start().await;
    let ticket = p.start_recovery("77019999999").await;
    assert_eq!(ticket["channel"], "sms");
    assert!(p.outbox("77019999999").await.is_empty());
    let (status, body) = p.verify(ticket["recovery_id"].as_str().unwrap(), "000000").await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_code"));
}

#[tokio::test]
async fn resend_waits_sixty_seconds_and_replaces_the_code() {
    let p = Portal::start().await;
    let ticket = p.start_recovery(ADMIN).await;
    let id = ticket["recovery_id"].as_str().unwrap();
    let first = p.last_code(ADMIN).await;

    let resp = p
        .http
        .post(p.url(&format!("/api/v1/auth/recovery/{id}/resend")))
        .header("Idempotency-Key", "early")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((55..=60).contains(&wait), "{wait}");
    // Starting over does not get around the cooldown either.
    let (status, _) = p.call(Method::POST, "/api/v1/auth/recovery", None, Some(json!({"phone": ADMIN}))).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);

    p.advance(60).await;
    let (status, _) = p.call(Method::POST, &format!("/api/v1/auth/recovery/{id}/resend"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(p.outbox(ADMIN).await.len(), 2);
    let second = p.last_code(ADMIN).await;
    if first != second {
        let (status, body) = p.verify(id, &first).await;
        assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_code"));
    }
    assert_eq!(p.verify(id, &second).await.0, StatusCode::OK);
}

#[tokio::test]
async fn code_expires_after_five_minutes() {
    let p = Portal::start().await;
    let ticket = p.start_recovery(ADMIN).await;
    let code_value = p.last_code(ADMIN).await;
    p.advance(301).await;
    let (status, body) = p.verify(ticket["recovery_id"].as_str().unwrap(), &code_value).await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "code_expired"));
}

#[tokio::test]
async fn code_dies_after_three_wrong_tries() {
    let p = Portal::start().await;
    let ticket = p.start_recovery(ADMIN).await;
    let id = ticket["recovery_id"].as_str().unwrap();
    let right = p.last_code(ADMIN).await;
    let wrong = if right == "111111" { "222222" } else { "111111" };
    let (_, first) = p.verify(id, wrong).await;
    assert_eq!((code(&first), first["attempts_left"].as_u64()), ("invalid_code", Some(2)));
    let (_, second) = p.verify(id, wrong).await;
    assert_eq!(second["attempts_left"], 1);
    let (_, third) = p.verify(id, wrong).await;
    assert_eq!(code(&third), "code_attempts_exceeded");
    let (status, after) = p.verify(id, &right).await;
    assert_eq!((status, code(&after)), (StatusCode::UNPROCESSABLE_ENTITY, "code_attempts_exceeded"));
}

#[tokio::test]
async fn recovery_sets_a_new_password_that_meets_the_policy() {
    let p = Portal::start().await;
    let old_session = p.token(ADMIN, PASSWORD).await;
    let ticket = p.start_recovery(ADMIN).await;
    let id = ticket["recovery_id"].as_str().unwrap();
    let (_, verified) = p.verify(id, &p.last_code(ADMIN).await).await;
    assert_eq!(verified["activation_required"], false);
    let reset = verified["reset_token"].as_str().unwrap();
    let complete = |password: &str, confirmation: &str| json!({"reset_token": reset, "password": password, "confirmation": confirmation});
    let path = format!("/api/v1/auth/recovery/{id}/complete");
    let (status, body) = p.call(Method::POST, &path, None, Some(complete("short", "short"))).await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "weak_password"));
    let (_, body) = p.call(Method::POST, &path, None, Some(complete("Novyi-Parol-2027", "Novyi-Parol-2028"))).await;
    assert_eq!(code(&body), "password_mismatch");
    let (_, body) = p
        .call(
            Method::POST,
            &path,
            None,
            Some(json!({"reset_token": "forged", "password": "Novyi-Parol-2027", "confirmation": "Novyi-Parol-2027"})),
        )
        .await;
    assert_eq!(code(&body), "not_allowed_in_state");
    let (status, _) = p.call(Method::POST, &path, None, Some(complete("Novyi-Parol-2027", "Novyi-Parol-2027"))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    assert_eq!(p.login(ADMIN, PASSWORD).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(p.login(ADMIN, "Novyi-Parol-2027").await.0, StatusCode::OK);
    // The reset ended the sessions opened with the old password.
    let (status, body) = p.call(Method::GET, "/api/v1/profile", Some(&old_session), None).await;
    assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, "session_expired"));
}

#[tokio::test]
async fn first_login_requires_activation_through_recovery() {
    let p = Portal::start().await;
    let (status, body) = p.login(NEW_ADMIN, "Anything-2026").await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "activation_required"));

    let ticket = p.start_recovery(NEW_ADMIN).await;
    let id = ticket["recovery_id"].as_str().unwrap();
    let (_, verified) = p.verify(id, &p.last_code(NEW_ADMIN).await).await;
    assert_eq!(verified["activation_required"], true);
    let body = json!({"reset_token": verified["reset_token"], "password": "Aktivaciya-2026", "confirmation": "Aktivaciya-2026"});
    let (status, _) = p.call(Method::POST, &format!("/api/v1/auth/recovery/{id}/complete"), None, Some(body)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(p.login(NEW_ADMIN, "Aktivaciya-2026").await.0, StatusCode::OK);
}

#[tokio::test]
async fn an_administrator_sees_only_their_own_companies() {
    let p = Portal::start().await;
    let alia = p.token(ADMIN, PASSWORD).await;
    let erlan = p.token(TELE2_ADMIN, PASSWORD).await;

    let (_, list) = p.call(Method::GET, "/api/v1/companies", Some(&alia), None).await;
    let names: Vec<&str> = list["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["ТОО Кабинет", "Филиал ТОО Кабинет"]);
    assert_eq!(list["items"][0]["bin"], "150340001236");
    assert!(list["items"][0]["numbers_total"].as_i64().unwrap() >= 3);

    let (status, body) = p.call(Method::GET, "/api/v1/companies/3", Some(&alia), None).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
    let (status, _) = p.call(Method::GET, "/api/v1/companies/1", Some(&erlan), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) =
        p.call(Method::PUT, "/api/v1/companies/3/display-name", Some(&alia), Some(json!({"display_name": "x"}))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, own) = p.call(Method::GET, "/api/v1/companies/3", Some(&erlan), None).await;
    assert_eq!((status, own["name"].as_str()), (StatusCode::OK, Some("ТОО Алтын Байланыс")));
}

#[tokio::test]
async fn display_name_is_per_administrator_and_blank_restores_it() {
    let p = Portal::start().await;
    let alia = p.token(ADMIN, PASSWORD).await;
    let newbie_sees = |list: &Value| list["items"][0]["display_name"].clone();
    let path = "/api/v1/companies/1/display-name";
    let (status, body) =
        p.call(Method::PUT, path, Some(&alia), Some(json!({"display_name": "  Головной офис "}))).await;
    assert_eq!((status, body["display_name"].as_str()), (StatusCode::OK, Some("Головной офис")));
    let (_, body) = p.call(Method::PUT, path, Some(&alia), Some(json!({"display_name": "x".repeat(101)}))).await;
    assert_eq!(code(&body), "invalid_display_name");

    // Another administrator of the same company still sees its own name.
    let ticket = p.start_recovery(NEW_ADMIN).await;
    let id = ticket["recovery_id"].as_str().unwrap();
    let (_, verified) = p.verify(id, &p.last_code(NEW_ADMIN).await).await;
    let body = json!({"reset_token": verified["reset_token"], "password": "Aktivaciya-2026", "confirmation": "Aktivaciya-2026"});
    p.call(Method::POST, &format!("/api/v1/auth/recovery/{id}/complete"), None, Some(body)).await;
    let daniyar = p.token(NEW_ADMIN, "Aktivaciya-2026").await;
    let (_, list) = p.call(Method::GET, "/api/v1/companies", Some(&daniyar), None).await;
    assert_eq!(newbie_sees(&list), "ТОО Кабинет");

    let (_, body) = p.call(Method::PUT, path, Some(&alia), Some(json!({"display_name": ""}))).await;
    assert_eq!(body["display_name"], "ТОО Кабинет");
}

#[tokio::test]
async fn display_name_with_invisible_or_direction_changing_characters_is_refused() {
    let p = Portal::start().await;
    let alia = p.token(ADMIN, PASSWORD).await;
    let path = "/api/v1/companies/1/display-name";
    for bad in ["ТОО \u{202E}тенибаК", "Каби\u{200B}нет", "Кабинет\u{2028}Алматы"] {
        let (status, body) = p.call(Method::PUT, path, Some(&alia), Some(json!({ "display_name": bad }))).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_display_name"), "{bad:?}");
        assert!(body["message"].as_str().unwrap().contains("display name"), "{body}");
    }
    let (_, list) = p.call(Method::GET, "/api/v1/companies", Some(&alia), None).await;
    assert_eq!(list["items"][0]["display_name"], "ТОО Кабинет", "nothing was stored");
}

#[tokio::test]
async fn sessions_expire_when_idle_and_end_at_logout() {
    let p = Portal::start().await;
    let token = p.token(ADMIN, PASSWORD).await;
    p.advance(29 * 60).await;
    assert_eq!(p.call(Method::GET, "/api/v1/profile", Some(&token), None).await.0, StatusCode::OK);
    // The session slides: another 29 minutes after that request it is still alive...
    p.advance(29 * 60).await;
    assert_eq!(p.call(Method::GET, "/api/v1/profile", Some(&token), None).await.0, StatusCode::OK);
    // ...but not after 31 idle minutes.
    p.advance(31 * 60).await;
    let (status, body) = p.call(Method::GET, "/api/v1/profile", Some(&token), None).await;
    assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, "session_expired"));

    let token = p.token(ADMIN, PASSWORD).await;
    let (status, body) = p.call(Method::POST, "/api/v1/auth/logout", Some(&token), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(p.call(Method::GET, "/api/v1/companies", Some(&token), None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(p.call(Method::GET, "/api/v1/companies", None, None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn profile_email_and_password_changes() {
    let p = Portal::start().await;
    let token = p.token(ADMIN, PASSWORD).await;
    let other = p.token(ADMIN, PASSWORD).await;
    let (status, body) =
        p.call(Method::PUT, "/api/v1/profile/email", Some(&token), Some(json!({"email": "not-an-email"}))).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_email"));
    let (status, body) =
        p.call(Method::PUT, "/api/v1/profile/email", Some(&token), Some(json!({"email": "aliya@kabinet.kz"}))).await;
    assert_eq!((status, body["email"].as_str()), (StatusCode::OK, Some("aliya@kabinet.kz")));

    let change =
        |current: &str, new: &str| json!({"current_password": current, "new_password": new, "confirmation": new});
    let (status, body) = p
        .call(Method::PUT, "/api/v1/profile/password", Some(&token), Some(change("Wrong-1", "Novyi-Parol-2027")))
        .await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "wrong_password"));
    let (_, body) = p.call(Method::PUT, "/api/v1/profile/password", Some(&token), Some(change(PASSWORD, "weak"))).await;
    assert_eq!(code(&body), "weak_password");
    let (status, _) =
        p.call(Method::PUT, "/api/v1/profile/password", Some(&token), Some(change(PASSWORD, "Novyi-Parol-2027"))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(p.call(Method::GET, "/api/v1/profile", Some(&token), None).await.0, StatusCode::OK);
    assert_eq!(p.call(Method::GET, "/api/v1/profile", Some(&other), None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn idempotency_key_replays_the_first_answer_and_refuses_another_body() {
    let p = Portal::start().await;
    let wrong = json!({"phone": ADMIN, "password": "Wrong-2026"});
    let (first_status, first) =
        p.call_with_key(Method::POST, "/api/v1/auth/login", None, Some(wrong.clone()), "retry-1").await;
    let (again_status, again) = p.call_with_key(Method::POST, "/api/v1/auth/login", None, Some(wrong), "retry-1").await;
    assert_eq!((first_status, &first), (again_status, &again));
    // The replay did not count as a second failure.
    let (_, next) = p.login(ADMIN, "Wrong-2026").await;
    assert_eq!(next["attempts_left"], 3);

    let other = json!({"phone": ADMIN, "password": PASSWORD});
    let (status, body) = p.call_with_key(Method::POST, "/api/v1/auth/login", None, Some(other), "retry-1").await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused"));

    let resp = p
        .http
        .post(p.url("/api/v1/auth/login"))
        .json(&json!({"phone": ADMIN, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(resp.json::<Value>().await.unwrap()["code"], "idempotency_key_required");
}

#[tokio::test]
async fn malformed_bodies_and_unknown_routes_answer_in_the_error_shape() {
    let p = Portal::start().await;
    let resp = p
        .http
        .post(p.url("/api/v1/auth/login"))
        .header("Idempotency-Key", "k")
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(resp.json::<Value>().await.unwrap()["code"], "invalid_input");
    let (status, body) = p.call(Method::GET, "/api/v1/nothing-here", None, None).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
}

#[tokio::test]
async fn an_administrators_key_replays_across_their_sessions_and_not_for_another_administrator() {
    let p = Portal::start().await;
    let first = p.token(ADMIN, PASSWORD).await;
    let path = "/api/v1/numbers/77010542007/block";
    let (status, started) = p.call_with_key(Method::POST, path, Some(&first), Some(json!({})), "intent-1").await;
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");

    // Signed out, signed in again, the same intent retried: the first answer, not a new request.
    p.call_with_key(Method::POST, "/api/v1/auth/logout", Some(&first), Some(json!({})), "bye").await;
    let second = p.token(ADMIN, PASSWORD).await;
    let (status, again) = p.call_with_key(Method::POST, path, Some(&second), Some(json!({})), "intent-1").await;
    // The same request record (a second block would have been refused: one is in process).
    assert_eq!((status, &again), (StatusCode::ACCEPTED, &started));
    let (status, body) = p.call_with_key(Method::POST, path, Some(&second), Some(json!({})), "intent-2").await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "not_allowed_in_state"), "{body}");

    // Another administrator's key of the same name is theirs: their own answer (here a 404 for
    // a number of a company they do not manage), not the replay of someone else's.
    let other = p.token(TELE2_ADMIN, PASSWORD).await;
    let (status, body) = p.call_with_key(Method::POST, path, Some(&other), Some(json!({})), "intent-1").await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
}
