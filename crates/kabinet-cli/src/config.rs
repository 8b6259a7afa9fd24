//! The CLI's own settings (the portal and the phone last signed in with; nothing secret) and
//! where the data lives: by default the desktop app's data folder, so both share one cache.

use kabinet_core::{Error, ErrorCode};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const KEYCHAIN_SERVICE: &str = "kz.kabinet.cli";
const APP_ID: &str = "kz.kabinet.desktop";
const FILE: &str = "cli.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct CliConfig {
    pub portal: Option<String>,
    pub phone: Option<String>,
}

impl CliConfig {
    pub fn load(dir: &Path) -> Self {
        std::fs::read(dir.join(FILE)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    /// Writes through a temporary file, so a crash never leaves a broken settings file.
    pub fn save(&self, dir: &Path) -> Result<(), Error> {
        let fail =
            |e: std::io::Error| Error::new(ErrorCode::InvalidSettings, format!("Cannot save {}: {e}", dir.display()));
        std::fs::create_dir_all(dir).map_err(fail)?;
        let tmp = dir.join(format!(".{FILE}.partial"));
        std::fs::write(&tmp, serde_json::to_vec_pretty(self).expect("plain struct")).map_err(fail)?;
        std::fs::rename(&tmp, dir.join(FILE)).map_err(fail)
    }
}

/// The desktop app's data folder on this OS.
pub fn default_data_dir() -> PathBuf {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = if cfg!(target_os = "windows") {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local/share")))
    };
    base.unwrap_or_else(|| PathBuf::from(".")).join(APP_ID)
}
