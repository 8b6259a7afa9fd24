//! The languages of texts: the user's choice in the app, and what a document or a report is
//! asked in. A parameter of what is made, never a setting either end reads behind its back.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Ru,
    /// Kazakh (қазақ тілі), the state language; official forms stay in Russian whatever is asked.
    Kk,
}

impl Language {
    pub const ALL: [Language; 3] = [Self::En, Self::Ru, Self::Kk];

    /// The language's code: `en`, `ru`, `kk` (as in `Accept-Language`, `LANG` and the settings).
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ru => "ru",
            Self::Kk => "kk",
        }
    }

    /// The language of a code or a locale (`kk`, `kk_KZ.UTF-8`, `ru-RU`, `en`): its first two
    /// letters, any case; `None` for another language.
    pub fn from_locale(locale: &str) -> Option<Self> {
        let code = locale.trim().get(..2)?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_their_language() {
        assert_eq!(Language::from_locale("kk_KZ.UTF-8"), Some(Language::Kk));
        assert_eq!(Language::from_locale("ru-RU"), Some(Language::Ru));
        assert_eq!(Language::from_locale("EN"), Some(Language::En));
        assert_eq!(Language::from_locale("de_DE"), None);
        assert_eq!(Language::from_locale("k"), None);
        assert_eq!(serde_json::to_string(&Language::Kk).unwrap(), "\"kk\"");
    }
}
