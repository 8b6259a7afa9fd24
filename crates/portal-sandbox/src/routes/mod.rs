//! The route table. Each route is registered together with its OpenAPI description
//! (`utoipa_axum::routes!`), so `/openapi.json` covers every endpoint by construction.

mod actions;
mod auth;
mod bans;
mod billing;
mod bulk;
mod charges;
mod companies;
mod devices;
mod documented_errors;
mod file;
mod forwarding;
mod meta;
mod numbers;
mod payments;
mod profile;
mod recovery;
mod reports;
mod requests;
mod sandbox;
mod secret_code;
mod services;
mod sim;
mod transfer;
mod usage;

use crate::state::AppState;
use axum::Router;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Kabinet portal API", description = "The corporate \"My Account\" portal API that Kabinet speaks. Errors are {code, message}; state-changing requests need an Idempotency-Key header. Accept-Language (kk, ru, en; q-values honoured) sets the language of an error's message and of the e-mails and SMS a request causes; without it, or with none of these, errors are in English."),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-in, sign-out and password recovery"),
        (name = "profile", description = "The administrator's profile"),
        (name = "companies", description = "Companies granted to the administrator"),
        (name = "numbers", description = "Mobile numbers: list, profile, allowances, usage"),
        (name = "services", description = "Services on a number"),
        (name = "actions", description = "The actions history of the company's administrators"),
        (name = "devices", description = "Device (IMEI) registration of a number"),
        (name = "billing", description = "The company's accounts, invoices and billing documents"),
        (name = "documents", description = "Documents and reports of the company"),
        (name = "sandbox", description = "Sandbox-only routes: the outbox and the clock"),
        (name = "meta", description = "Health and this document")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        // Required by /sandbox/... only when the sandbox was started with a secret.
        components.add_security_scheme(
            "sandbox_secret",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new(crate::SANDBOX_SECRET_HEADER))),
        );
    }
}

/// Routes that need a session (`auth::layer` answers 401 before anything else).
fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::logout))
        .routes(routes!(profile::get_profile))
        .routes(routes!(profile::change_email))
        .routes(routes!(companies::list))
        .routes(routes!(companies::get_company))
        .routes(routes!(companies::set_display_name))
        .routes(routes!(numbers::list))
        .routes(routes!(numbers::detail))
        .routes(routes!(numbers::sim_secrets))
        .routes(routes!(numbers::allowances))
        .routes(routes!(services::list))
        .routes(routes!(services::enable, services::disable))
        .routes(routes!(actions::list))
        .routes(routes!(usage::report))
        .routes(routes!(payments::report))
        .routes(routes!(reports::request))
        .routes(routes!(reports::download))
        .routes(routes!(requests::block))
        .routes(routes!(requests::unblock))
        .routes(routes!(requests::get_request))
        .routes(routes!(sim::replace))
        .routes(routes!(bans::set_ban, bans::remove_ban))
        .routes(routes!(devices::get_devices, devices::register))
        .routes(routes!(devices::reregister))
        .routes(routes!(devices::duplicate))
        .routes(routes!(devices::deregister))
        .routes(routes!(forwarding::list))
        .routes(routes!(forwarding::set, forwarding::clear))
        .routes(routes!(secret_code::delete))
        .routes(routes!(billing::accounts))
        .routes(routes!(billing::certificate))
        .routes(routes!(billing::register))
        .routes(routes!(billing::search))
        .routes(routes!(charges::list))
        .routes(routes!(transfer::make))
}

/// Reads that need a body too large for a query string (a POST that changes nothing): a
/// session, no Idempotency-Key (`documented_errors` marks them `x-read-only`).
pub(crate) fn read_post_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(bulk::check))
}

/// Recovery steps, for someone who cannot sign in.
fn anonymous_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(recovery::start)).routes(routes!(recovery::resend))
}

/// The recovery step whose body carries the code and whose answer carries a reset token: its
/// Idempotency-Keys are kept in memory only (`idempotency::layer_secret`).
fn secret_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(recovery::verify))
}

/// Routes that hash a password: their handlers take the writer lock themselves, after Argon2,
/// and their keys are kept in memory only (the body carries the password).
fn hashing_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(auth::login))
        .routes(routes!(recovery::complete))
        .routes(routes!(secret_code::code_login))
}

/// The same, for a signed-in administrator.
fn session_hashing_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(profile::change_password))
}

/// A change that hashes a secret it makes itself (a secret code, hashed like a password): its
/// handler takes the writer lock after Argon2, and its key is kept in the database with its
/// change (neither its request nor its answer carries the secret).
fn session_unserialised_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(secret_code::send))
}

fn open_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(meta::health))
}

/// Sandbox-only routes, behind `sandbox::guard`.
fn sandbox_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sandbox::outbox))
        .routes(routes!(sandbox::advance_clock))
        .routes(routes!(sandbox::faults))
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, read_posts) = read_post_router().split_for_parts();
    let read_only: Vec<String> = read_posts.paths.paths.keys().cloned().collect();
    let (_, mut api) = api_router()
        .merge(read_post_router())
        .merge(anonymous_router())
        .merge(secret_router())
        .merge(hashing_router())
        .merge(session_hashing_router())
        .merge(session_unserialised_router())
        .merge(open_router())
        .merge(sandbox_router())
        .split_for_parts();
    documented_errors::add(&mut api, &read_only);
    api
}

pub fn router(state: AppState) -> Router {
    use crate::{auth, idempotency};
    use axum::middleware::from_fn_with_state as middleware;
    let doc = openapi();
    let layered = |routes: OpenApiRouter<AppState>| routes.split_for_parts().0;
    // Route first (404, 405), authenticate second (401), check the Idempotency-Key last: a
    // route_layer runs only for a matched route and method, and the last one added runs first.
    let api = layered(api_router())
        .route_layer(middleware(state.clone(), idempotency::layer))
        .route_layer(middleware(state.clone(), auth::layer))
        .route_layer(middleware(state.faults.clone(), crate::faults::delay_answers));
    let read_posts = layered(read_post_router()).route_layer(middleware(state.clone(), auth::layer));
    let anonymous = layered(anonymous_router()).route_layer(middleware(state.clone(), idempotency::layer));
    let secret = layered(secret_router()).route_layer(middleware(state.clone(), idempotency::layer_secret));
    let hashing =
        layered(hashing_router()).route_layer(middleware(state.clone(), idempotency::layer_secret_unserialised));
    let session_hashing = layered(session_hashing_router())
        .route_layer(middleware(state.clone(), idempotency::layer_secret_unserialised))
        .route_layer(middleware(state.clone(), auth::layer));
    let session_unserialised = layered(session_unserialised_router())
        .route_layer(middleware(state.clone(), idempotency::layer_unserialised))
        .route_layer(middleware(state.clone(), auth::layer))
        .route_layer(middleware(state.faults.clone(), crate::faults::delay_answers));
    let sandbox = layered(sandbox_router()).route_layer(middleware(state.clone(), sandbox::guard));
    api.merge(read_posts)
        .merge(anonymous)
        .merge(secret)
        .merge(hashing)
        .merge(session_hashing)
        .merge(session_unserialised)
        .merge(layered(open_router()))
        .merge(sandbox)
        .route("/openapi.json", axum::routing::get(move || async move { axum::Json(doc) }))
        // Replaces the 405 answer the route layers above had wrapped: an unknown method is
        // answered before authentication and the key check.
        .method_not_allowed_fallback(crate::error::method_not_allowed)
        .fallback(|| async { crate::error::ApiError::not_found() })
        // Due requests complete before any API request is answered (`jobs.rs`).
        .layer(middleware(state.clone(), crate::jobs::complete_first))
        .layer(middleware(state.clone(), answer_latency))
        // Outermost: every error answer, also a replayed one, in the language asked for.
        .layer(axum::middleware::from_fn(crate::language::answer_in_language))
        .with_state(state)
}

/// `Rules::answer_latency`: every `/api/v1` answer waits this long after it is made.
async fn answer_latency(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let delay = state.rules.answer_latency;
    let api = request.uri().path().starts_with("/api/v1");
    let response = next.run(request).await;
    if api && !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    response
}
