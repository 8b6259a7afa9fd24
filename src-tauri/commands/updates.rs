//! Updates: tauri-plugin-updater reads a signed manifest (`plugins.updater` in
//! `tauri.conf.json`: the release key's public half and the endpoint), and verifies each
//! download against the key (minisign) before it installs anything.
//!
//! The window asks for a check once at start ([`update_check`]) unless the user turned it off in
//! Settings: then no request is made at all. A newer version is only offered (its notes, as
//! text); it is installed when the user says so ([`update_install`]). A failed check (no
//! network, an endpoint down) is never an error in the user's face: it is logged and kept as the
//! quiet status Settings shows ([`update_status`]).
//!
//! Tests serve their own manifest, signed with a key made in the test: a debug build honours
//! [`TEST_ENDPOINT_ENV`] and [`TEST_PUBKEY_ENV`]; a release build has no such code at all, so it
//! trusts only the configured key and endpoint.

use super::CmdResult;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use kabinet_core::{Error, ErrorCode};
use serde::Serialize;
use std::time::Duration;
use tauri::{AppHandle, State};
use tauri_plugin_updater::{Update, Updater, UpdaterExt};
use tokio::sync::Mutex;

/// Debug builds only: the manifest URL to check instead of the configured endpoint.
pub const TEST_ENDPOINT_ENV: &str = "KABINET_TEST_UPDATE_ENDPOINT";
/// Debug builds only: the public key (as in `plugins.updater.pubkey`) to trust instead.
pub const TEST_PUBKEY_ENV: &str = "KABINET_TEST_UPDATE_PUBKEY";

/// How long a check or a download may take before it counts as "no network".
const TIMEOUT: Duration = Duration::from_secs(30);

/// What the last check said, and the update it offered (kept for the install).
#[derive(Default)]
pub struct Updates {
    inner: Mutex<Checked>,
}

#[derive(Default)]
struct Checked {
    status: Option<UpdateStatus>,
    offered: Option<Update>,
}

/// The state of updates, as Settings and the offer show it.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum UpdateStatus {
    /// The user turned the check off: nothing was asked.
    Off,
    /// Not checked yet in this run.
    NotChecked { current_version: String },
    /// This is the newest version.
    Latest { current_version: String, checked_at: DateTime<Utc> },
    /// A newer version, with what is new in it (the manifest's notes, shown as text).
    Offered { current_version: String, version: String, notes: Option<String>, checked_at: DateTime<Utc> },
    /// The check could not be made (no network, the endpoint down or answering nonsense).
    Unreachable { current_version: String, checked_at: DateTime<Utc> },
    /// The new version is installed; it runs after a restart.
    Installed { current_version: String, version: String },
}

fn current_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The updater of the configured key and endpoint (or, in a debug build, a test's).
fn updater(app: &AppHandle) -> Result<Updater, tauri_plugin_updater::Error> {
    #[allow(unused_mut)]
    let mut builder = app.updater_builder().timeout(TIMEOUT);
    #[cfg(debug_assertions)]
    {
        let set = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(url) = set(TEST_ENDPOINT_ENV) {
            builder = builder.endpoints(vec![url.parse()?])?;
        }
        if let Some(key) = set(TEST_PUBKEY_ENV) {
            builder = builder.pubkey(key);
        }
    }
    builder.build()
}

/// What the last check said (`not_checked` before the first, `off` when turned off); no request.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_status(state: State<'_, AppState>, updates: State<'_, Updates>) -> CmdResult<UpdateStatus> {
    if !state.settings.read().await.check_updates {
        return Ok(UpdateStatus::Off);
    }
    let status = updates.inner.lock().await.status.clone();
    Ok(status.unwrap_or_else(|| UpdateStatus::NotChecked { current_version: current_version() }))
}

/// Asks the endpoint whether there is a newer version, once per run (`again`: once more).
/// Makes no request when the user turned the check off. Never fails: a check that could not be
/// made is the status `unreachable`, and a line in the log.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_check(
    app: AppHandle,
    state: State<'_, AppState>,
    updates: State<'_, Updates>,
    again: bool,
) -> CmdResult<UpdateStatus> {
    if !state.settings.read().await.check_updates {
        return Ok(UpdateStatus::Off);
    }
    let mut checked = updates.inner.lock().await;
    if let (Some(status), false) = (&checked.status, again) {
        return Ok(status.clone());
    }
    let checked_at = Utc::now();
    let current_version = current_version();
    let found = match updater(&app) {
        Ok(updater) => updater.check().await,
        Err(e) => Err(e),
    };
    let status = match found {
        Ok(Some(update)) => {
            tracing::info!("version {} is available (this is {current_version})", update.version);
            let status = UpdateStatus::Offered {
                current_version,
                version: update.version.clone(),
                notes: update.body.clone(),
                checked_at,
            };
            checked.offered = Some(update);
            status
        }
        Ok(None) => UpdateStatus::Latest { current_version, checked_at },
        Err(e) => {
            tracing::warn!("the check for updates could not be made: {e}");
            UpdateStatus::Unreachable { current_version, checked_at }
        }
    };
    checked.status = Some(status.clone());
    Ok(status)
}

/// Downloads the offered version, verifies its signature against the release key, and installs
/// it; only ever called on the user's word. A signature that does not match is `update_refused`
/// and nothing is installed; any other failure is `update_failed`, the app left as it was.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_install(updates: State<'_, Updates>) -> CmdResult<UpdateStatus> {
    let mut checked = updates.inner.lock().await;
    let Some(update) = checked.offered.clone() else {
        return Err(Error::new(ErrorCode::NotAllowedInState, "No update is offered."));
    };
    update.download_and_install(|_, _| {}, || {}).await.map_err(install_failure)?;
    tracing::info!("version {} is installed; it runs after a restart", update.version);
    let status = UpdateStatus::Installed { current_version: current_version(), version: update.version.clone() };
    checked.offered = None;
    checked.status = Some(status.clone());
    Ok(status)
}

/// Restarts the app, so that the installed version runs.
#[tauri::command(rename_all = "snake_case")]
pub fn update_restart(app: AppHandle) {
    app.restart();
}

/// What an install's failure means to the user: a signature that does not verify (or does not
/// name the version offered) is a refusal; anything else a failure.
fn install_failure(e: tauri_plugin_updater::Error) -> Error {
    use tauri_plugin_updater::Error as E;
    tracing::warn!("the update was not installed: {e}");
    match e {
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => Error::new(
            ErrorCode::UpdateRefused,
            format!("The update was not installed: its signature does not match ({e})."),
        ),
        other => Error::new(ErrorCode::UpdateFailed, format!("The update could not be installed: {other}")),
    }
}
