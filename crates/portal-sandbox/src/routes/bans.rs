//! The bans on a number over HTTP: `PUT` sets one, `DELETE` removes it, at once; both answer
//! the number's general information. The rules are `store::bans`.

use crate::auth::Admin;
use crate::error::{ApiResult, Path};
use crate::idempotency::{Answer, Key};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use kabinet_protocol::api::{Ban, BanChange};
use kabinet_protocol::Error;

async fn change(state: &AppState, admin: &Admin, key: &Key, msisdn: &str, ban: &Ban, set: bool) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, msisdn).await?;
    let outcome = store::bans::change(&mut tx, actor, msisdn, ban, set, state.clock.now()).await?;
    store::commit_answer(tx, key, StatusCode::OK, outcome).await
}

/// Sets a ban: `mykcell_details` (MyKcell details access), `mykcell` (MyKcell access) or
/// `sms_ussd` (SMS / USSD control).
#[utoipa::path(put, path = "/api/v1/numbers/{msisdn}/bans/{ban}", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("ban" = Ban, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 200, body = BanChange),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: the number, or a ban this portal does not have"),
        (status = 409, body = Error, description = "not_allowed_in_state: reason `ban_already_set`, `request_in_process` or `ban_not_allowed_in_state`"),
    ))]
pub async fn set_ban(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path((msisdn, ban)): Path<(String, Ban)>,
) -> ApiResult<Answer> {
    change(&state, &admin, &key, &msisdn, &ban, true).await
}

/// Removes a ban.
#[utoipa::path(delete, path = "/api/v1/numbers/{msisdn}/bans/{ban}", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("ban" = Ban, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 200, body = BanChange),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: the number, or a ban this portal does not have"),
        (status = 409, body = Error, description = "not_allowed_in_state: reason `ban_not_set`, `request_in_process` or `ban_not_allowed_in_state`"),
    ))]
pub async fn remove_ban(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path((msisdn, ban)): Path<(String, Ban)>,
) -> ApiResult<Answer> {
    change(&state, &admin, &key, &msisdn, &ban, false).await
}
