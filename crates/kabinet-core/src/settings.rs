//! The user's preferences, as one typed struct stored under one key (the app keeps it with
//! tauri-plugin-store; the CLI in a JSON file). Nothing secret belongs here.

use crate::client::parse_base_url;
use crate::error::Result;
use serde::{Deserialize, Serialize};

pub use kabinet_protocol::Language;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The portal to talk to; `None` runs the embedded demo portal.
    pub portal_url: Option<String>,
    pub language: Language,
    /// Whether the app asks for a newer version at start (on unless the user turned it off;
    /// settings saved before it existed read as on).
    pub check_updates: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { portal_url: None, language: Language::default(), check_updates: true }
    }
}

impl Settings {
    /// Normalises and checks what the user entered: a blank URL means the demo portal.
    pub fn validated(mut self) -> Result<Self> {
        self.portal_url = match self.portal_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) => Some(parse_base_url(url)?.to_string()),
        };
        Ok(self)
    }

    /// The settings of a first start: the demo portal, in the system's language when the app
    /// speaks it (`kk_KZ.UTF-8` → Kazakh, `ru-RU` → Russian), else English. `locale` is what the
    /// system says (`None` when it says nothing).
    pub fn first_start(locale: Option<&str>) -> Self {
        let language = locale.and_then(Language::from_locale).unwrap_or_default();
        Self { language, ..Self::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn updates_are_checked_unless_turned_off() {
        let old: Settings = serde_json::from_str(r#"{"portal_url":null,"language":"ru"}"#).unwrap();
        assert!(old.check_updates, "settings saved before the option existed check");
        let off: Settings = serde_json::from_str(r#"{"check_updates":false}"#).unwrap();
        assert!(!off.check_updates);
    }

    #[test]
    fn blank_url_means_demo() {
        let s = Settings { portal_url: Some("  ".into()), language: Language::Ru, ..Default::default() }
            .validated()
            .unwrap();
        assert_eq!(s.portal_url, None);
    }

    #[test]
    fn url_is_normalised_or_refused() {
        let s = Settings { portal_url: Some("https://portal.kz".into()), ..Default::default() }.validated().unwrap();
        assert_eq!(s.portal_url.as_deref(), Some("https://portal.kz/"));
        let bad = Settings { portal_url: Some("portal.kz".into()), ..Default::default() }.validated();
        assert_eq!(bad.unwrap_err().code, ErrorCode::InvalidSettings);
    }

    #[test]
    fn the_first_start_follows_the_system_locale() {
        for (locale, language) in [
            (Some("kk_KZ.UTF-8"), Language::Kk),
            (Some("kk-KZ"), Language::Kk),
            (Some("ru_RU.UTF-8"), Language::Ru),
            (Some("ru-KZ"), Language::Ru),
            (Some("en-US"), Language::En),
            (Some("de_DE.UTF-8"), Language::En),
            (Some("C"), Language::En),
            (None, Language::En),
        ] {
            let s = Settings::first_start(locale);
            assert_eq!(s.language, language, "{locale:?}");
            assert_eq!(s.portal_url, None, "a first start runs the demo portal");
        }
    }

    #[test]
    fn missing_fields_take_defaults() {
        let s: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!(s, Settings::default());
    }
}
