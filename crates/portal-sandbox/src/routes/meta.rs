//! Health.

use axum::Json;
use kabinet_protocol::api::Health;

/// Whether the portal is up.
#[utoipa::path(get, path = "/health", tag = "meta", responses((status = 200, body = Health)))]
pub async fn health() -> Json<Health> {
    Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}
