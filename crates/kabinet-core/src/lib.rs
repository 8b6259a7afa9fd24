//! Kabinet's headless core: everything the desktop app and the command line share.
//!
//! - [`domain`]: values that validate on construction (phone, e-mail, password, money, IMEI, ICCID, IIN/BIN).
//! - [`api`]: the portal API's wire types, shared with the sandbox so both ends agree by construction.
//! - [`client`]: the HTTP client of the portal, with the one error mapper.
//! - [`cache`]: the offline SQLite cache.
//! - [`secrets`]: the OS keychain for "remember me", with a memory-only fallback.
//! - [`settings`]: the user's preferences as one typed struct.
//! - [`account`]: the session-level service the app calls: portal first, cache when offline;
//!   [`numbers`] adds number management to it, [`sync`] keeps the numbers list cached.
//! - [`export`]: XLSX and CSV files; [`file_name`]: their names, safe on every OS.
//!
//! Nothing here knows about Tauri, so all of it is tested without a window.

pub mod account;
pub mod api;
pub mod cache;
pub mod client;
pub mod domain;
pub mod error;
pub mod export;
pub mod file_name;
pub mod kz;
pub mod numbers;
pub mod secrets;
pub mod settings;
pub mod sync;

pub use error::{Error, ErrorCode};
