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

    /// Of `[english, russian, kazakh]`, the one in this language: a text made in a language
    /// lists all three, so a fourth language does not compile until every text has its words.
    pub fn pick<T>(self, [en, ru, kk]: [T; 3]) -> T {
        match self {
            Self::En => en,
            Self::Ru => ru,
            Self::Kk => kk,
        }
    }

    /// The language of a code or a locale (`kk`, `kk_KZ.UTF-8`, `ru-RU`, `en`): its first two
    /// letters, any case; `None` for another language.
    pub fn from_locale(locale: &str) -> Option<Self> {
        let code = locale.trim().get(..2)?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language an `Accept-Language` header asks for (`kk, ru;q=0.8, en;q=0.5`): of the
    /// ranges naming one of ours, the one of the highest weight (the first among equals);
    /// `None` when none does (`*`, `de`, an empty header), so the answer keeps its default.
    /// A range of weight 0 is "not this one" (RFC 9110, 12.5.4).
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(Self, f32)> = None;
        for range in header.split(',') {
            let mut parts = range.split(';');
            // The primary subtag names the language: `kk-KZ` is Kazakh, `kkj` is not.
            let primary = parts.next().and_then(|tag| tag.trim().split('-').next()).unwrap_or_default();
            let Some(language) = Self::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(primary)) else {
                continue;
            };
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((language, weight));
            }
        }
        best.map(|(language, _)| language)
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

    #[test]
    fn accept_language_picks_the_heaviest_of_ours() {
        let asked = Language::from_accept_language;
        assert_eq!(asked("kk"), Some(Language::Kk));
        assert_eq!(asked("kk-KZ, ru;q=0.9, en;q=0.8"), Some(Language::Kk));
        assert_eq!(asked("en;q=0.5, ru-RU;q=0.9"), Some(Language::Ru));
        assert_eq!(asked("de-DE, ru;q=0.3"), Some(Language::Ru));
        assert_eq!(asked("kk;q=0, en"), Some(Language::En));
        assert_eq!(asked("ru, kk"), Some(Language::Ru), "the first among equals");
        assert_eq!(asked("de, *"), None);
        assert_eq!(asked("kkj, rus, en-GB;q=0.1"), Some(Language::En), "a language is its whole primary subtag");
        assert_eq!(asked(""), None);
    }
}
