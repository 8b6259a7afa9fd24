//! What Kabinet and the portal agree on, written once for both ends: the app and the CLI
//! (through `kabinet-core`) and the reference portal (`portal-sandbox`).
//!
//! - [`action`]: the one name of each action (the table's row, the intent's kind, the bulk action),
//!   and how an action on a number describes itself (parameters, request, answer, menu offer).
//! - [`api`]: the portal API's wire types, so both ends agree by construction.
//! - [`error`]: the one error type, from the portal over the wire to the window, with its reasons.
//! - [`domain`]: values that validate on construction (phone, e-mail, password, money, IMEI,
//!   ICCID, IIN/BIN) and the written forms people type.
//! - [`rules`]: the operator's rules both ends apply (state × action, periods, transfer,
//!   forwarding, VAT, document months, display names).
//! - [`kz`]: the Kazakhstan calendar (UTC+5) the rules count days and months in.
//! - [`Language`]: the languages texts are made in.
//!
//! No I/O lives here: no HTTP, database or async runtime crate, so a rule is a function of its
//! inputs and the server does not depend on the client to know it.

pub mod action;
pub mod api;
pub mod domain;
pub mod error;
pub mod kz;
mod language;
pub mod rules;

pub use error::{Error, ErrorCode};
pub use language::Language;
