//! The sandbox answers every action on a number by the shared table of state × action
//! (`kabinet_protocol::rules::number_actions`): each action is tried on a number in each state
//! (a state this version does not know included, written into the database as a newer portal
//! would), and it is accepted exactly where the table allows it; refusals are
//! `not_allowed_in_state` and written to the actions history.

mod common;

use common::*;
use kabinet_protocol::api::NumberState;
use kabinet_protocol::rules::number_actions::{allows, ActionKind};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::Connection;

/// A demo number of the demo company (not the manual's, which a sandbox job may use).
const NUMBER: &str = "77012115526";
const SERVICE: &str = "landline-10";
const IMEI: &str = "35600000000001";

async fn db(p: &Portal) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", p.data_dir().join("portal.sqlite").display());
    sqlx::SqliteConnection::connect(&url).await.unwrap()
}

/// Puts the number in `state`, with funds for any service, and the service enabled, the device
/// registered, a forwarding set, a secret code kept and the MyKcell ban set, or not, as the action
/// needs it, and no request in process (so only the state can refuse).
async fn prepare(p: &Portal, state: &str, action: ActionKind) {
    let mut conn = db(p).await;
    sqlx::query(
        "UPDATE numbers SET state = ?, balance = 100000000, available_funds = NULL, ban_mykcell = ? WHERE msisdn = ?",
    )
    .bind(state)
    .bind(action == ActionKind::BanRemove)
    .bind(NUMBER)
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query("DELETE FROM device_registrations WHERE msisdn = ?").bind(NUMBER).execute(&mut conn).await.unwrap();
    sqlx::query("DELETE FROM requests WHERE msisdn = ?").bind(NUMBER).execute(&mut conn).await.unwrap();
    sqlx::query("DELETE FROM number_services WHERE msisdn = ? AND service_id = ?")
        .bind(NUMBER)
        .bind(SERVICE)
        .execute(&mut conn)
        .await
        .unwrap();
    if action == ActionKind::ServiceDisable {
        sqlx::query("INSERT INTO number_services (msisdn, service_id, activated_at) VALUES (?, ?, ?)")
            .bind(NUMBER)
            .bind(SERVICE)
            .bind("2026-01-01T00:00:00Z")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    for table in ["forwardings", "secret_codes"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE msisdn = ?")).bind(NUMBER).execute(&mut conn).await.unwrap();
    }
    if action == ActionKind::ForwardingClear {
        sqlx::query("INSERT INTO forwardings (msisdn, kind, target, set_at) VALUES (?, 'busy', '77010542007', ?)")
            .bind(NUMBER)
            .bind("2026-01-01T00:00:00Z")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    if action == ActionKind::SecretCodeDelete {
        sqlx::query("INSERT INTO secret_codes (msisdn, code_hash, sent_at) VALUES (?, 'not-a-hash', ?)")
            .bind(NUMBER)
            .bind("2026-01-01T00:00:00Z")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    if action == ActionKind::TransferReceive {
        // The sender of a transfer to the number: active, with money to give.
        sqlx::query("UPDATE numbers SET state = 'active', balance = 100000000, debt = 0 WHERE msisdn = ?")
            .bind(PARTNER)
            .execute(&mut conn)
            .await
            .unwrap();
    }
    if action == ActionKind::DeviceDeregister {
        sqlx::query(
            "INSERT INTO device_registrations (imei, msisdn, owner_iin_bin, registered_at) VALUES (?, ?, '150340001236', ?)",
        )
        .bind(IMEI)
        .bind(NUMBER)
        .bind("2026-01-01T00:00:00Z")
        .execute(&mut conn)
        .await
        .unwrap();
    }
}

/// Another number of the demo company, the other end of a balance transfer.
const PARTNER: &str = "77010542006";

/// A valid ICCID that no number has.
const NEW_ICCID: &str = "89997020000000000007";

/// Each action's route, the body it needs, and its answer when accepted. Every route about a
/// number is here, so a new one is tried in every state (and for another company's number,
/// `another_companys_number_is_not_found_on_every_action_route`).
fn route(action: ActionKind, number: &str) -> (Method, String, Option<Value>, StatusCode) {
    let n = format!("/api/v1/numbers/{number}");
    match action {
        ActionKind::Block => (Method::POST, format!("{n}/block"), None, StatusCode::ACCEPTED),
        ActionKind::Unblock => (Method::POST, format!("{n}/unblock"), None, StatusCode::ACCEPTED),
        ActionKind::ServiceEnable => (Method::POST, format!("{n}/services/{SERVICE}"), None, StatusCode::OK),
        ActionKind::ServiceDisable => (Method::DELETE, format!("{n}/services/{SERVICE}"), None, StatusCode::OK),
        ActionKind::SimReplacement => {
            (Method::POST, format!("{n}/sim-replacement"), Some(json!({"iccid": NEW_ICCID})), StatusCode::ACCEPTED)
        }
        ActionKind::BanSet => (Method::PUT, format!("{n}/bans/mykcell"), None, StatusCode::OK),
        ActionKind::BanRemove => (Method::DELETE, format!("{n}/bans/mykcell"), None, StatusCode::OK),
        ActionKind::DeviceRegister => {
            (Method::POST, format!("{n}/devices"), Some(json!({"imei": IMEI})), StatusCode::ACCEPTED)
        }
        ActionKind::DeviceDeregister => (Method::DELETE, format!("{n}/devices/{IMEI}"), None, StatusCode::ACCEPTED),
        ActionKind::ForwardingSet => {
            (Method::PUT, format!("{n}/forwarding/busy"), Some(json!({"target": "+7 701 054 20 07"})), StatusCode::OK)
        }
        ActionKind::ForwardingClear => (Method::DELETE, format!("{n}/forwarding/busy"), None, StatusCode::OK),
        ActionKind::SecretCodeSend => (Method::POST, format!("{n}/secret-code"), None, StatusCode::OK),
        ActionKind::SecretCodeDelete => (Method::DELETE, format!("{n}/secret-code"), None, StatusCode::OK),
        ActionKind::PaymentsReport => {
            let today = kabinet_protocol::kz::today(chrono::Utc::now()).to_string();
            let body = json!({"from": today, "to": today, "email": "a@kabinet.kz"});
            (Method::POST, format!("{n}/payments/report"), Some(body), StatusCode::OK)
        }
        ActionKind::Transfer => {
            let body = json!({"from": number, "to": PARTNER, "amount_tiyn": 100});
            (Method::POST, "/api/v1/companies/1/transfers".into(), Some(body), StatusCode::OK)
        }
        ActionKind::TransferReceive => {
            let body = json!({"from": PARTNER, "to": number, "amount_tiyn": 100});
            (Method::POST, "/api/v1/companies/1/transfers".into(), Some(body), StatusCode::OK)
        }
        other => unreachable!("{other:?} is not tried here (see ACTIONS)"),
    }
}

/// The actions on a number tried here: each of the table's rows but re-registering a device and
/// registering a duplicate, which need another owner's device and share registering's row.
const ACTIONS: [ActionKind; 16] = [
    ActionKind::Block,
    ActionKind::Unblock,
    ActionKind::ServiceEnable,
    ActionKind::ServiceDisable,
    ActionKind::SimReplacement,
    ActionKind::BanSet,
    ActionKind::BanRemove,
    ActionKind::DeviceRegister,
    ActionKind::DeviceDeregister,
    ActionKind::ForwardingSet,
    ActionKind::ForwardingClear,
    ActionKind::SecretCodeSend,
    ActionKind::SecretCodeDelete,
    ActionKind::PaymentsReport,
    ActionKind::Transfer,
    ActionKind::TransferReceive,
];

#[tokio::test]
async fn every_action_is_accepted_exactly_in_the_states_the_shared_table_allows() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let states = NumberState::KNOWN.iter().cloned().chain([NumberState::Unknown("suspended".into())]);
    let mut refusals = 0;
    for state in states {
        for action in ACTIONS {
            prepare(&p, state.as_str(), action).await;
            let (method, path, body, accepted) = route(action, NUMBER);
            let (status, body) = p.call(method, &path, Some(&t), body).await;
            if allows(&state, action) {
                assert_eq!(status, accepted, "{state:?} × {action:?}: {body}");
            } else {
                refusals += 1;
                assert_eq!(
                    (status, code(&body)),
                    (StatusCode::CONFLICT, "not_allowed_in_state"),
                    "{state:?} × {action:?}: {body}"
                );
            }
        }
    }
    // Each refusal is in the history, as "Refused".
    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    let refused = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["msisdn"] == NUMBER && a["status"] == "Refused")
        .count();
    assert_eq!(refused, refusals);
}

/// Every action route answers 404 for a number of a company not granted to the caller, before
/// any rule, and writes nothing to that company's history.
#[tokio::test]
async fn another_companys_number_is_not_found_on_every_action_route() {
    let p = Portal::start().await;
    let tele2 = p.token(TELE2_ADMIN, PASSWORD).await;
    for action in ACTIONS {
        let (method, path, body, _) = route(action, NUMBER);
        let (status, answer) = p.call(method, &path, Some(&tele2), body).await;
        assert_eq!((status, code(&answer)), (StatusCode::NOT_FOUND, "not_found"), "{action:?}: {answer}");
    }
    for ban in ["mykcell_details", "sms_ussd"] {
        for method in [Method::PUT, Method::DELETE] {
            let path = format!("/api/v1/numbers/{NUMBER}/bans/{ban}");
            let (status, _) = p.call(method.clone(), &path, Some(&tele2), None).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
        }
    }
    let t = p.admin().await;
    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    assert!(
        !history["items"].as_array().unwrap().iter().any(|a| a["msisdn"] == NUMBER),
        "nothing written for another company's administrator: {history}"
    );
}
