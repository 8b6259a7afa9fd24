//! The settings as one typed struct (`kabinet_core::settings::Settings`) under one key of
//! tauri-plugin-store. An unreadable or invalid value falls back to the defaults. The file is
//! With no stored value (a first start), the language is the system's (`sys-locale`) when the app
//! speaks it, else English. The file is
//! private (0600 on Unix): the store writes with a plain `fs::write`, which keeps the mode of
//! the file it overwrites, so the file is made private before and after each save.

use kabinet_core::settings::Settings;
use kabinet_core::{private_fs, Error, ErrorCode};
use std::path::Path;
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;

const FILE: &str = "settings.json";
const KEY: &str = "settings";

pub fn load<R: Runtime>(app: &AppHandle<R>, dir: &Path) -> Settings {
    if let Err(e) = private_fs::make_private_if_exists(&dir.join(FILE)) {
        tracing::warn!("the settings file could not be made private: {e}");
    }
    let stored = app.store(dir.join(FILE)).ok().and_then(|store| store.get(KEY));
    match stored {
        Some(v) => serde_json::from_value::<Settings>(v).ok().and_then(|s| s.validated().ok()).unwrap_or_default(),
        None => Settings::first_start(sys_locale::get_locale().as_deref()),
    }
}

pub fn save<R: Runtime>(app: &AppHandle<R>, dir: &Path, settings: &Settings) -> Result<(), Error> {
    let failed =
        |e: &dyn std::fmt::Display| Error::new(ErrorCode::InvalidSettings, format!("Could not save the settings: {e}"));
    let store = app.store(dir.join(FILE)).map_err(|e| failed(&e))?;
    store.set(KEY, serde_json::to_value(settings).map_err(|e| failed(&e))?);
    private_fs::ensure_private_file(&dir.join(FILE)).map_err(|e| failed(&e))?;
    store.save().map_err(|e| failed(&e))?;
    private_fs::make_private_if_exists(&dir.join(FILE)).map_err(|e| failed(&e))
}
