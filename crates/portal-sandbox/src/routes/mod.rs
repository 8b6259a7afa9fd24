//! The route table. Each route is registered together with its OpenAPI description
//! (`utoipa_axum::routes!`), so `/openapi.json` covers every endpoint by construction.

mod auth;
mod companies;
mod documented_errors;
mod meta;
mod numbers;
mod profile;
mod recovery;
mod requests;
mod sandbox;
mod services;
mod usage;

use crate::state::AppState;
use axum::Router;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Kabinet portal API", description = "The corporate \"My Account\" portal API that Kabinet speaks. Errors are {code, message}; state-changing requests need an Idempotency-Key header."),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-in, sign-out and password recovery"),
        (name = "profile", description = "The administrator's profile"),
        (name = "companies", description = "Companies granted to the administrator"),
        (name = "numbers", description = "Mobile numbers: list, profile, allowances, usage"),
        (name = "services", description = "Services on a number, and the actions history"),
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
    }
}

fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(recovery::start))
        .routes(routes!(recovery::resend))
        .routes(routes!(recovery::verify))
        .routes(routes!(recovery::complete))
        .routes(routes!(profile::get_profile))
        .routes(routes!(profile::change_email))
        .routes(routes!(profile::change_password))
        .routes(routes!(companies::list))
        .routes(routes!(companies::get_company))
        .routes(routes!(companies::set_display_name))
        .routes(routes!(numbers::list))
        .routes(routes!(numbers::detail))
        .routes(routes!(numbers::sim_secrets))
        .routes(routes!(numbers::allowances))
        .routes(routes!(services::list))
        .routes(routes!(services::enable, services::disable))
        .routes(routes!(services::actions))
        .routes(routes!(usage::report))
        .routes(routes!(requests::block))
        .routes(routes!(requests::unblock))
        .routes(routes!(requests::get_request))
}

fn open_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(meta::health))
        .routes(routes!(sandbox::outbox))
        .routes(routes!(sandbox::advance_clock))
        .routes(routes!(sandbox::faults))
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut api) = api_router().merge(open_router()).split_for_parts();
    documented_errors::add(&mut api);
    api
}

pub fn router(state: AppState) -> Router {
    let (api, doc) = api_router().split_for_parts();
    let (open, open_doc) = open_router().split_for_parts();
    let mut doc = doc;
    doc.merge(open_doc);
    documented_errors::add(&mut doc);
    let api = api.layer(axum::middleware::from_fn_with_state(state.clone(), crate::idempotency::layer));
    api.merge(open)
        .route("/openapi.json", axum::routing::get(move || async move { axum::Json(doc) }))
        .fallback(|| async { crate::error::ApiError::not_found() })
        .method_not_allowed_fallback(crate::error::method_not_allowed)
        .with_state(state)
}
