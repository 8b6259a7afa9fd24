//! Every language has every text: the locale files under `ui/js/locales/` hold the same keys,
//! none twice, and each text names the same `{placeholders}` in every language.
//!
//! Why a test: a key missing from one file falls back to English at run time, so a Russian
//! screen would quietly show an English sentence; a key written twice keeps only the later text;
//! a placeholder spelled differently shows as `{number}` instead of the number.

use std::collections::{BTreeMap, BTreeSet};

/// Each locale's files: its main file and the texts it spreads in: the Documents and Balance
/// transfer tabs', and bulk actions'.
const LOCALES: [(&str, [&str; 4]); 2] = [
    (
        "en",
        [
            include_str!("../ui/js/locales/en.js"),
            include_str!("../ui/js/locales/en_documents.js"),
            include_str!("../ui/js/locales/en_bulk.js"),
            include_str!("../ui/js/locales/en_transfer.js"),
        ],
    ),
    (
        "ru",
        [
            include_str!("../ui/js/locales/ru.js"),
            include_str!("../ui/js/locales/ru_documents.js"),
            include_str!("../ui/js/locales/ru_bulk.js"),
            include_str!("../ui/js/locales/ru_transfer.js"),
        ],
    ),
];

/// The `"key": "text"` entries of a locale file, in order (one entry per line, as the files are
/// written).
fn entries(source: &str) -> Vec<(String, String)> {
    source
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix('"')?;
            let (key, rest) = rest.split_once("\":")?;
            let text = rest.trim().trim_end_matches(',').trim();
            Some((key.to_string(), text.trim_matches('"').to_string()))
        })
        .collect()
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{').skip(1).filter_map(|part| part.split_once('}')).map(|(name, _)| name.to_string()).collect()
}

#[test]
fn every_locale_has_the_same_keys_once_with_the_same_placeholders() {
    let mut tables: Vec<(&str, BTreeMap<String, String>)> = Vec::new();
    for (lang, sources) in LOCALES {
        let list: Vec<_> = sources.iter().flat_map(|source| entries(source)).collect();
        assert!(list.len() > 100, "{lang}: the locale file was not read ({} entries)", list.len());
        let mut table = BTreeMap::new();
        for (key, text) in list {
            assert!(table.insert(key.clone(), text).is_none(), "{lang}: {key} is written twice");
        }
        tables.push((lang, table));
    }
    let (first_lang, first) = &tables[0];
    for (lang, table) in &tables[1..] {
        let missing: Vec<_> = first.keys().filter(|k| !table.contains_key(*k)).collect();
        let extra: Vec<_> = table.keys().filter(|k| !first.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}, which {first_lang} has");
        assert!(extra.is_empty(), "{lang} has {extra:?}, which {first_lang} lacks");
        for (key, text) in first {
            assert_eq!(
                placeholders(text),
                placeholders(&table[key]),
                "{key}: {first_lang} and {lang} name different placeholders"
            );
        }
    }
}

/// The number's "…" menu in Russian says what the manual's Russian screen says (the SIM
/// replacement chapter shows it: «Регистрация устройства (IMEI)», «Запрет на SMS / USSD
/// управление», «Переадресация», «Отправить секретный код», «Удалить секретный код»), so a user
/// following the manual finds each item by its word.
#[test]
fn the_russian_number_menu_says_the_manuals_words() {
    let (_, sources) = LOCALES[1];
    let ru: BTreeMap<String, String> = sources.iter().flat_map(|source| entries(source)).collect();
    for (key, manual) in [
        ("menu.devices", "Регистрация устройства (IMEI)"),
        ("ban.sms_ussd", "Запрет на SMS / USSD управление"),
        ("menu.forwarding", "Переадресация"),
        ("menu.secret_send", "Отправить секретный код"),
        ("menu.secret_delete", "Удалить секретный код"),
    ] {
        assert_eq!(ru.get(key).map(String::as_str), Some(manual), "{key}");
    }
}
