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

async fn db(p: &Portal) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", p.data_dir().join("portal.sqlite").display());
    sqlx::SqliteConnection::connect(&url).await.unwrap()
}

/// Puts the number in `state`, with funds for any service, and the service enabled, a
/// forwarding set and a secret code kept, or not, as the action needs it (so only the state can
/// refuse).
async fn prepare(p: &Portal, state: &str, there: bool) {
    let service_enabled = there;
    let mut conn = db(p).await;
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
    for table in ["forwardings", "secret_codes"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE msisdn = ?")).bind(NUMBER).execute(&mut conn).await.unwrap();
    }
    if there {
        sqlx::query("INSERT INTO forwardings (msisdn, kind, target, set_at) VALUES (?, 'busy', '77010542007', ?)")
            .bind(NUMBER)
            .bind("2026-01-01T00:00:00Z")
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query("INSERT INTO secret_codes (msisdn, code_hash, sent_at) VALUES (?, 'not-a-hash', ?)")
            .bind(NUMBER)
            .bind("2026-01-01T00:00:00Z")
            .execute(&mut conn)
            .await
            .unwrap();
    }
}

/// Whether the action takes something away, so it needs it there first.
fn takes_away(action: NumberAction) -> bool {
    matches!(action, NumberAction::DisableService | NumberAction::ClearForwarding | NumberAction::DeleteSecretCode)
}

/// Every route that acts on a number: the action, its method, path and body, and its success.
pub fn route(action: NumberAction) -> (Method, String, Option<serde_json::Value>, StatusCode) {
    let number = format!("/api/v1/numbers/{NUMBER}");
    let target = Some(serde_json::json!({"target": "+7 701 054 20 07"}));
    match action {
        NumberAction::Block => (Method::POST, format!("{number}/block"), None, StatusCode::ACCEPTED),
        NumberAction::Unblock => (Method::POST, format!("{number}/unblock"), None, StatusCode::ACCEPTED),
        NumberAction::EnableService => (Method::POST, format!("{number}/services/{SERVICE}"), None, StatusCode::OK),
        NumberAction::DisableService => (Method::DELETE, format!("{number}/services/{SERVICE}"), None, StatusCode::OK),
        NumberAction::SetForwarding => (Method::PUT, format!("{number}/forwarding/busy"), target, StatusCode::OK),
        NumberAction::ClearForwarding => (Method::DELETE, format!("{number}/forwarding/busy"), None, StatusCode::OK),
        NumberAction::SendSecretCode => (Method::POST, format!("{number}/secret-code"), None, StatusCode::OK),
        NumberAction::DeleteSecretCode => (Method::DELETE, format!("{number}/secret-code"), None, StatusCode::OK),
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
        NumberAction::SetForwarding,
        NumberAction::ClearForwarding,
        NumberAction::SendSecretCode,
        NumberAction::DeleteSecretCode,
    ];
    let states = NumberState::KNOWN.iter().cloned().chain([NumberState::Unknown("suspended".into())]);
    let mut refusals = 0;
    for state in states {
        for action in actions {
            prepare(&p, state.as_str(), takes_away(action)).await;
            let (method, path, body, accepted) = route(action);
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
