//! Kabinet's headless core: everything the desktop app and the command line share.
//!
//! - [`action`], [`domain`], [`api`], [`error`], [`rules`], [`kz`]: what both ends agree on, from
//!   `kabinet-protocol` (the sandbox depends on that crate, not on this one).
//! - [`action_catalogue`]: the actions as the window offers them (the `actions` command).
//! - [`client`]: the HTTP client of the portal, with the one error mapper.
//! - [`cache`]: the offline SQLite cache.
//! - [`secrets`]: the OS keychain for "remember me", with a memory-only fallback.
//! - [`settings`]: the user's preferences as one typed struct.
//! - [`account`]: the session-level service the app calls: portal first, cache when offline;
//!   `account.numbers()` ([`numbers`]) is number management, [`sync`] keeps the numbers list cached;
//!   `account.act()` ([`act`]) sends every simple action on a number (block, a service, a ban,
//!   SIM replacement, the secret code) as the action describes itself; `account.devices()`
//!   ([`devices`]) is device (IMEI) registration, `account.forwarding()` ([`forwarding`]) call
//!   forwarding, each with a screen of its own.
//!   `account.payments()` ([`payments`]) is the payments report by number, its file kept in the cache.
//! - [`watcher`]: the one loop that follows every request the portal completes later.
//! - [`export`]: XLSX and CSV files; [`file_name`]: their names, safe on every OS (from
//!   `kabinet-documents`).
//! - [`redact`]: what a log line or the diagnostics must never hold in clear (numbers, tokens).
//! - [`private_fs`]: the data folder and its files readable by the user only (0700/0600 on Unix;
//!   the `kabinet-private-fs` crate, which the sandbox uses too).
//!
//! Nothing here knows about Tauri, so all of it is tested without a window.

pub mod account;
pub mod act;
pub mod action_catalogue;
pub mod actions_history;
pub mod billing;
pub mod bulk;
pub mod cache;
pub mod changes;
pub mod client;
pub mod devices;
pub mod export;
pub mod follow_up;
pub mod forwarding;
pub mod intents;
pub mod labels;
pub mod library;
pub mod new_file;
pub mod number_label;
pub mod numbers;
pub mod payments;
pub mod redact;
pub mod reports;
pub mod requests;
pub mod secrets;
pub mod session;
pub mod settings;
pub mod spend;
pub mod sync;
pub mod transfer;
pub mod watcher;

// What both ends agree on lives in `kabinet-protocol`; the client reaches it by the same paths.
pub use kabinet_documents::file_name;
pub use kabinet_private_fs as private_fs;
pub use kabinet_protocol::{action, api, domain, error, kz, rules};
pub use kabinet_protocol::{Error, ErrorCode};
