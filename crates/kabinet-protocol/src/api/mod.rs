//! The portal API's wire types (`/api/v1/...`), shared by the client and the sandbox.
//!
//! Both ends compile against these structs, so a field renamed here is renamed on both sides.
//! Fields are plain strings where the portal's data is opaque to us; the client turns user input
//! into [`crate::domain`] values before it builds a request. Times are RFC 3339 in UTC.
//!
//! One file per area of the API, all re-exported here, so `kabinet_core::api::X` is the one path
//! for every type. No SQL here: how a type is stored is its store's business.

mod actions;
mod allowances;
mod auth;
mod bans;
mod billing;
mod bulk;
mod charges;
mod companies;
mod devices;
#[cfg(feature = "openapi")]
pub mod forms;
mod forwarding;
mod numbers;
pub(crate) mod open_enum;
mod payments;
mod profile;
mod reports;
mod requests;
mod sandbox;
mod secret_code;
mod services;
mod sim;
mod transfer;
mod usage;

pub use actions::*;
pub use allowances::*;
pub use auth::*;
pub use bans::*;
pub use billing::*;
pub use bulk::*;
pub use charges::*;
pub use companies::*;
pub use devices::*;
pub use forwarding::*;
pub use numbers::*;
pub use payments::*;
pub use profile::*;
pub use reports::*;
pub use requests::*;
pub use sandbox::*;
pub use secret_code::*;
pub use services::*;
pub use sim::*;
pub use transfer::*;
pub use usage::*;

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The header every state-changing request carries; the same key replays the first answer.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// The longest Idempotency-Key the portal takes; a key is 1 to this many visible ASCII
/// characters (spaces inside only), as [`IDEMPOTENCY_KEY_PATTERN`] says.
pub const IDEMPOTENCY_KEY_MAX_LEN: usize = 200;

/// An Idempotency-Key's form, for the published API: visible ASCII, spaces only inside (the
/// portal trims a key, and a header value holds ASCII only).
pub const IDEMPOTENCY_KEY_PATTERN: &str = "^[!-~]([ -~]*[!-~])?$";

/// The key a header value holds, by the rule [`IDEMPOTENCY_KEY_PATTERN`] and
/// [`IDEMPOTENCY_KEY_MAX_LEN`] state, once the spaces and tabs around it are dropped (HTTP drops
/// them too); `None` if it is not a key (a tab inside, a non-ASCII or control character).
pub fn idempotency_key(header: &str) -> Option<&str> {
    let key = header.trim_matches([' ', '\t']);
    let visible = key.bytes().all(|b| (b' '..=b'~').contains(&b));
    (visible && !key.is_empty() && key.len() <= IDEMPOTENCY_KEY_MAX_LEN).then_some(key)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
}
