//! Device (IMEI) registration over HTTP: the number's registration page, and its four requests
//! (each answers 202 with a request record that completes later). Values are checked here with
//! the shared domain types, each error naming its field; the rules are `store::devices`.

use crate::auth::Admin;
use crate::error::{ApiError, ApiResult, Body, Path};
use crate::idempotency::{Answer, Key};
use crate::state::AppState;
use crate::store;
use crate::store::devices::Change;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_protocol::api::{DeviceRegistration, RegisterDevice, RegisterDuplicate, RequestRecord, ReregisterDevice};
use kabinet_protocol::domain::{IinBin, Imei, Phone};
use kabinet_protocol::error::Reason;
use kabinet_protocol::{Error, ErrorCode};

fn imei(raw: &str) -> ApiResult<Imei> {
    Imei::parse(raw).map_err(|e| ApiError::from(Error::from(e).with_field("imei")))
}

fn terms(accepted: bool) -> ApiResult<()> {
    if accepted {
        return Ok(());
    }
    let e = Error::invalid_field(ErrorCode::InvalidInput, "terms_accepted", "Read and accept the terms first.")
        .with_reason(Reason::TermsNotAccepted);
    Err(ApiError(e))
}

/// Starts `change` of the device `imei` on the caller's number (404 for another company's,
/// checked before the values).
async fn start(
    state: &AppState,
    admin: &Admin,
    key: &Key,
    msisdn: &str,
    imei: impl FnOnce() -> ApiResult<Imei>,
    change: impl FnOnce() -> ApiResult<Change>,
) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, msisdn).await?;
    let (imei, change) = (imei()?, change()?);
    let outcome =
        store::devices::start(&mut tx, actor, msisdn, &imei, change, state.clock.now(), state.rules.imei_request)
            .await?;
    store::commit_answer(tx, key, StatusCode::ACCEPTED, outcome).await
}

/// The number's device registration: the last IMEI seen with its SIM, the registration status,
/// the registered IMEIs and the request history.
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}/devices", tag = "devices", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = DeviceRegistration), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn get_devices(
    State(state): State<AppState>,
    admin: Admin,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<DeviceRegistration>> {
    store::numbers::actor(&mut *state.db.acquire().await?, admin.id, &msisdn).await?;
    Ok(Json(store::devices::view(&mut *state.db.acquire().await?, &msisdn).await?))
}

/// Registers the device with the number. Fails later (a failed request) when the IMEI is
/// registered with another provider's number (`imei_registered_other_operator`: register a
/// duplicate) or to another owner (`imei_registered_elsewhere`: re-register).
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/devices", tag = "devices", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = RegisterDevice,
    responses(
        (status = 202, body = RequestRecord),
        (status = 400, body = Error, description = "invalid_imei (field imei)"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: imei_needs_active, request_in_process, imei_already_registered"),
    ))]
pub async fn register(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path(msisdn): Path<String>,
    Body(req): Body<RegisterDevice>,
) -> ApiResult<Answer> {
    start(&state, &admin, &key, &msisdn, || imei(&req.imei), || Ok(Change::Register)).await
}

/// Re-registers the device: deregistered from the previous owner's IIN/BIN and number, and
/// registered with the company's BIN and this number. Needs the terms accepted. Fails later
/// (`previous_owner_mismatch`) when the device is not registered with that owner.
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/devices/reregister", tag = "devices", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = ReregisterDevice,
    responses(
        (status = 202, body = RequestRecord),
        (status = 400, body = Error, description = "invalid_imei (field imei), invalid_phone (field previous_owner_msisdn), invalid_iin_bin (field previous_owner_iin), invalid_input (field terms_accepted)"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: imei_needs_active, request_in_process, imei_already_registered"),
    ))]
pub async fn reregister(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path(msisdn): Path<String>,
    Body(req): Body<ReregisterDevice>,
) -> ApiResult<Answer> {
    let change = || {
        let previous_owner = Phone::parse(&req.previous_owner_msisdn)
            .map_err(|e| ApiError::from(Error::from(e).with_field("previous_owner_msisdn")))?;
        let previous_owner_iin = IinBin::parse(&req.previous_owner_iin)
            .map_err(|e| ApiError::from(Error::from(e).with_field("previous_owner_iin")))?;
        terms(req.terms_accepted)?;
        Ok(Change::Reregister { previous_owner, previous_owner_iin })
    };
    start(&state, &admin, &key, &msisdn, || imei(&req.imei), change).await
}

/// Registers the device with this number too, keeping its current registration (for a device
/// registered with another provider's number). Needs the terms accepted.
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/devices/duplicate", tag = "devices", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = RegisterDuplicate,
    responses(
        (status = 202, body = RequestRecord),
        (status = 400, body = Error, description = "invalid_imei (field imei), invalid_input (field terms_accepted)"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: imei_needs_active, request_in_process, imei_already_registered"),
    ))]
pub async fn duplicate(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path(msisdn): Path<String>,
    Body(req): Body<RegisterDuplicate>,
) -> ApiResult<Answer> {
    let change = || terms(req.terms_accepted).map(|()| Change::Duplicate);
    start(&state, &admin, &key, &msisdn, || imei(&req.imei), change).await
}

/// Deregisters the device from this number.
#[utoipa::path(delete, path = "/api/v1/numbers/{msisdn}/devices/{imei}", tag = "devices", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("imei" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 202, body = RequestRecord),
        (status = 400, body = Error, description = "invalid_imei (field imei)"),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: imei_not_allowed_in_state, request_in_process, imei_not_registered"),
    ))]
pub async fn deregister(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path((msisdn, raw_imei)): Path<(String, String)>,
) -> ApiResult<Answer> {
    start(&state, &admin, &key, &msisdn, || imei(&raw_imei), || Ok(Change::Deregister)).await
}
