//! The sandbox answers every action on a number by the shared table of state × action
//! (`kabinet_core::rules::number_actions`): each action is tried on a number in each state
//! (a state this version does not know included, written into the database as a newer portal
//! would), and it is accepted exactly where the table allows it; refusals are
//! `not_allowed_in_state` and written to the actions history.

mod common;

use common::*;
use kabinet_core::api::NumberState;
use kabinet_core::rules::number_actions::{allows, NumberAction};
use reqwest::{Method, StatusCode};
use sqlx::Connection;

/// A demo number of the demo company (not the manual's, which a sandbox job may use).
const NUMBER: &str = "77012115526";
const SERVICE: &str = "landline-10";
const IMEI: &str = "35600000000001";

async fn db(p: &Portal) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", p.data_dir().join("portal.sqlite").display());
    sqlx::SqliteConnection::connect(&url).await.unwrap()
}

/// Puts the number in `state`, with funds for any service, the service enabled and the device
/// registered or not as the action needs it, and no device request in process (so only the
/// state can refuse).
async fn prepare(p: &Portal, state: &str, action: NumberAction) {
    let service_enabled = action == NumberAction::DisableService;
    let mut conn = db(p).await;
    sqlx::query("DELETE FROM device_registrations WHERE msisdn = ?").bind(NUMBER).execute(&mut conn).await.unwrap();
    sqlx::query("UPDATE requests SET state = 'failed' WHERE msisdn = ? AND kind LIKE 'imei_%'")
        .bind(NUMBER)
        .execute(&mut conn)
        .await
        .unwrap();
    if action == NumberAction::DeregisterDevice {
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
    sqlx::query("UPDATE numbers SET state = ?, balance = 100000000, available_funds = NULL WHERE msisdn = ?")
        .bind(state)
        .bind(NUMBER)
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("DELETE FROM number_services WHERE msisdn = ? AND service_id = ?")
        .bind(NUMBER)
        .bind(SERVICE)
        .execute(&mut conn)
        .await
        .unwrap();
    if service_enabled {
        sqlx::query("INSERT INTO number_services (msisdn, service_id, activated_at) VALUES (?, ?, ?)")
            .bind(NUMBER)
            .bind(SERVICE)
            .bind("2026-01-01T00:00:00Z")
            .execute(&mut conn)
            .await
            .unwrap();
    }
}

fn route(action: NumberAction) -> (Method, String, StatusCode, Option<serde_json::Value>) {
    let number = format!("/api/v1/numbers/{NUMBER}");
    match action {
        NumberAction::Block => (Method::POST, format!("{number}/block"), StatusCode::ACCEPTED, None),
        NumberAction::Unblock => (Method::POST, format!("{number}/unblock"), StatusCode::ACCEPTED, None),
        NumberAction::EnableService => (Method::POST, format!("{number}/services/{SERVICE}"), StatusCode::OK, None),
        NumberAction::DisableService => (Method::DELETE, format!("{number}/services/{SERVICE}"), StatusCode::OK, None),
        NumberAction::RegisterDevice => {
            (Method::POST, format!("{number}/devices"), StatusCode::ACCEPTED, Some(serde_json::json!({"imei": IMEI})))
        }
        NumberAction::DeregisterDevice => {
            (Method::DELETE, format!("{number}/devices/{IMEI}"), StatusCode::ACCEPTED, None)
        }
    }
}

#[tokio::test]
async fn every_action_is_accepted_exactly_in_the_states_the_shared_table_allows() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let actions = [
        NumberAction::Block,
        NumberAction::Unblock,
        NumberAction::EnableService,
        NumberAction::DisableService,
        NumberAction::RegisterDevice,
        NumberAction::DeregisterDevice,
    ];
    let states = NumberState::KNOWN.iter().cloned().chain([NumberState::Unknown("suspended".into())]);
    let mut refusals = 0;
    for state in states {
        for action in actions {
            prepare(&p, state.as_str(), action).await;
            let (method, path, accepted, request) = route(action);
            let (status, body) = p.call(method, &path, Some(&t), request).await;
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
