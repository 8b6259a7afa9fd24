//! The CLI's own settings (the portal and the phone last signed in with; nothing secret) and
//! where the data lives: by default the desktop app's data folder, so both share one cache.

use kabinet_core::{private_fs, Error, ErrorCode};
use serde::{Deserialize, Serialize};
use std::io::Write;
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
        let fail = |e: std::io::Error| {
            Error::new(ErrorCode::InvalidSettings, crate::texts::cannot_save(&dir.display().to_string(), e))
        };
        // The data folder 0700 and the file 0600 on Unix, as the app keeps them.
        private_fs::create_private_dir(dir).map_err(fail)?;
        let tmp = dir.join(format!(".{FILE}.partial"));
        private_fs::create_private_file(&tmp)
            .and_then(|mut f| f.write_all(&serde_json::to_vec_pretty(self).expect("plain struct")))
            .map_err(fail)?;
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_cli_settings_file_and_its_folder_are_private() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data");
        CliConfig { portal: Some("https://portal.kz/".into()), phone: None }.save(&dir).unwrap();
        assert_eq!(private_fs::mode_of(&dir).unwrap(), 0o700);
        assert_eq!(private_fs::mode_of(&dir.join(FILE)).unwrap(), 0o600);
        assert_eq!(CliConfig::load(&dir).portal.as_deref(), Some("https://portal.kz/"));
    }
}
