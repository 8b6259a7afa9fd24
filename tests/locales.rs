//! Every language has every text: the locale files under `ui/js/locales/` hold the same keys,
//! none twice, and each text names the same `{placeholders}` in every language; a counted text
//! has its language's plural forms; no Kazakh text is the English one left untranslated.
//!
//! Why a test: a key missing from one file falls back to English at run time, so a Russian
//! screen would quietly show an English sentence; a key written twice keeps only the later text;
//! a placeholder spelled differently shows as `{number}` instead of the number.

use std::collections::{BTreeMap, BTreeSet};

/// Each locale's files: its main file and the texts it spreads in: the Documents and Balance
/// transfer tabs', bulk actions', labels', Spend's, its import's, What changed's, and About's with updates'.
const LOCALES: [(&str, [&str; 9]); 3] = [
    (
        "en",
        [
            include_str!("../ui/js/locales/en.js"),
            include_str!("../ui/js/locales/en_documents.js"),
            include_str!("../ui/js/locales/en_bulk.js"),
            include_str!("../ui/js/locales/en_transfer.js"),
            include_str!("../ui/js/locales/en_labels.js"),
            include_str!("../ui/js/locales/en_spend.js"),
            include_str!("../ui/js/locales/en_changes.js"),
            include_str!("../ui/js/locales/en_spend_import.js"),
            include_str!("../ui/js/locales/en_about.js"),
        ],
    ),
    (
        "ru",
        [
            include_str!("../ui/js/locales/ru.js"),
            include_str!("../ui/js/locales/ru_documents.js"),
            include_str!("../ui/js/locales/ru_bulk.js"),
            include_str!("../ui/js/locales/ru_transfer.js"),
            include_str!("../ui/js/locales/ru_labels.js"),
            include_str!("../ui/js/locales/ru_spend.js"),
            include_str!("../ui/js/locales/ru_changes.js"),
            include_str!("../ui/js/locales/ru_spend_import.js"),
            include_str!("../ui/js/locales/ru_about.js"),
        ],
    ),
    (
        "kk",
        [
            include_str!("../ui/js/locales/kk.js"),
            include_str!("../ui/js/locales/kk_documents.js"),
            include_str!("../ui/js/locales/kk_bulk.js"),
            include_str!("../ui/js/locales/kk_transfer.js"),
            include_str!("../ui/js/locales/kk_labels.js"),
            include_str!("../ui/js/locales/kk_spend.js"),
            include_str!("../ui/js/locales/kk_changes.js"),
            include_str!("../ui/js/locales/kk_spend_import.js"),
            include_str!("../ui/js/locales/kk_about.js"),
        ],
    ),
];

/// The plural forms a counted text (`one|other`, split by `|`) has in each language, as
/// `PLURAL_FORMS` in `ui/js/i18n.js` orders them for `Intl.PluralRules`: English one/other,
/// Russian one/few/many (a count is whole, so never `other`), Kazakh one/other. A language whose
/// forms would all be alike (Kazakh: a noun after a numeral does not change) may write one.
const PLURAL_FORMS: [(&str, usize); 3] = [("en", 2), ("ru", 3), ("kk", 2)];

/// The words a Kazakh text may share with the English one: names and codes that are written the
/// same in every language.
const SAME_IN_KAZAKH: [&str; 12] =
    ["Kcell", "IMEI", "SIM", "PUK", "PIN", "XLSX", "CSV", "PDF", "SMS", "Kaspi.kz", "MyKcell", "USSD"];

/// Names that stay in Latin letters inside a Kazakh sentence (the app, the operator's products).
const NAMES: [&str; 6] = ["Kabinet", "Business", "ID", "Excel", "Atlas", "Pro"];

/// Each locale's table of key → text.
fn table(lang: &str) -> BTreeMap<String, String> {
    let (_, sources) = LOCALES.into_iter().find(|(l, _)| *l == lang).expect("a locale");
    sources.iter().flat_map(|source| entries(source)).collect()
}

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

#[test]
fn every_counted_text_has_its_languages_plural_forms() {
    let en = table("en");
    let counted: BTreeSet<&String> = en.iter().filter(|(_, text)| text.contains('|')).map(|(key, _)| key).collect();
    assert!(counted.len() >= 10, "the counted texts were not found: {counted:?}");
    for (lang, forms) in PLURAL_FORMS {
        for (key, text) in table(lang) {
            let found = text.split('|').count();
            if counted.contains(&key) {
                assert!(found == forms || (lang == "kk" && found == 1), "{lang} {key}: {found} forms, not {forms}");
                assert!(text.split('|').all(|form| !form.trim().is_empty()), "{lang} {key}: an empty form");
            } else {
                assert_eq!(found, 1, "{lang} {key} has forms, but English counts nothing in it");
            }
        }
    }
}

/// A Kazakh text equal to the English one was left untranslated, unless all its words are names
/// or codes written alike in every language (`SAME_IN_KAZAKH`), placeholders, figures or signs.
#[test]
fn no_kazakh_text_is_the_english_one_left_untranslated() {
    let (en, kk) = (table("en"), table("kk"));
    assert!(kk.len() > 800, "the Kazakh texts were not read ({})", kk.len());
    let untranslated: Vec<String> = en
        .iter()
        .filter(|(key, text)| kk.get(*key) == Some(*text))
        .filter(|(_, text)| {
            let words = text.split(|c: char| c.is_whitespace() || "(),:;/|".contains(c)).filter(|w| !w.is_empty());
            !words.into_iter().all(|word| {
                let placeholder = word.starts_with('{') && word.ends_with('}');
                let sign = !word.chars().any(char::is_alphanumeric); // a dash, an arrow
                placeholder
                    || sign
                    || SAME_IN_KAZAKH.contains(&word)
                    || word.chars().all(|c| c.is_ascii_digit() || c == '.')
            })
        })
        .map(|(key, text)| format!("  {key}: {text}"))
        .collect();
    assert!(untranslated.is_empty(), "these Kazakh texts are the English ones:\n{}", untranslated.join("\n"));
    // A text slightly edited from the English one is caught too: most of its words are Latin.
    let latin = |word: &str| {
        let name = word.split('-').next().unwrap_or(word).trim_matches(|c: char| !c.is_alphanumeric());
        word.chars().any(|c| c.is_ascii_alphabetic()) && !SAME_IN_KAZAKH.contains(&name) && !NAMES.contains(&name)
    };
    let mostly_latin: Vec<String> = kk
        .iter()
        .filter(|(_, text)| {
            let words: Vec<&str> = text.split_whitespace().filter(|w| !w.starts_with('{')).collect();
            words.len() > 2 && words.iter().filter(|w| latin(w)).count() * 2 > words.len()
        })
        .map(|(key, text)| format!("  {key}: {text}"))
        .collect();
    assert!(mostly_latin.is_empty(), "these Kazakh texts are mostly Latin words:\n{}", mostly_latin.join("\n"));
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

/// Every text that names an action names one of core's (`kabinet_core::action`), and every
/// action has its texts in every language: a notice of an unanswered intent for each kind that is
/// sent (`intent.action.<id>`, plus the fallback `intent.action.other`), and a label for each
/// choice of the bulk screen (`bulk.action.*` and the menus' keys it shares). A renamed or added
/// action fails here until its texts follow.
#[test]
fn every_locale_key_naming_an_action_names_one_of_core_and_every_action_has_its_keys() {
    let catalogue = kabinet_core::action_catalogue::catalogue();
    let mut notices: BTreeSet<String> = catalogue.actions.iter().filter_map(|a| a.notice_key.clone()).collect();
    notices.insert("intent.action.other".into());
    let labels: BTreeSet<String> = catalogue.bulk.iter().map(|c| c.label_key.clone()).collect();
    for (lang, sources) in LOCALES {
        let keys: BTreeSet<String> = sources.iter().flat_map(|source| entries(source)).map(|(key, _)| key).collect();
        let named: BTreeSet<String> = keys.iter().filter(|k| k.starts_with("intent.action.")).cloned().collect();
        assert_eq!(named, notices, "{lang}: the intent.action.* keys are not core's sent actions");
        let missing: Vec<_> = labels.iter().filter(|k| !keys.contains(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks the bulk screen's labels {missing:?}");
        let stray: Vec<_> = keys.iter().filter(|k| k.starts_with("bulk.action.") && !labels.contains(*k)).collect();
        assert!(stray.is_empty(), "{lang}: {stray:?} name no action of the bulk screen");
    }
}

/// The ids the UI asks the shared table about (`allows("ban_set", state)` in `ui/js`) are the
/// ids of core's actions on a number: an id core does not know would hide its menu item for
/// ever, silently.
#[test]
fn every_action_id_the_ui_asks_about_is_one_of_cores_actions_on_a_number() {
    use kabinet_core::action::ActionKind;
    let mut files = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/ui/js"))];
    let mut asked = BTreeSet::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|entry| entry.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "js") {
            let source = std::fs::read_to_string(&path).unwrap();
            for part in source.split("allows(\"").skip(1) {
                asked.insert(part.split('"').next().unwrap().to_string());
            }
        }
    }
    // The offers' dialogs ask by the catalogue's kinds; these are the screens' own questions.
    assert!(asked.len() >= 5, "the UI's questions were not found: {asked:?}");
    for id in &asked {
        let kind = ActionKind::from_id(id);
        assert!(kind.is_some_and(ActionKind::on_number), "the UI asks about {id:?}, which is no action on a number");
    }
}

/// Every text of the menus' offers (their items, dialogs, fields and notices, from
/// `kabinet_protocol::action::offers`) is in every language: the UI builds those dialogs from
/// the keys alone, so a missing one would show the key itself.
#[test]
fn every_text_key_of_the_menus_offers_is_in_every_locale() {
    use kabinet_core::action::{Ask, FieldKind, Step};
    use kabinet_core::action_catalogue::{menu, MenuItem};
    fn step_keys(wanted: &mut BTreeSet<String>, step: &Step) {
        wanted.extend([step.title_key.clone(), step.message_key.into(), step.confirm_key.into()]);
        wanted.extend(step.check_key.map(String::from));
        wanted.extend(step.done.iter().map(|notice| notice.key.to_string()));
        for field in &step.fields {
            wanted.extend([field.label_key.to_string(), field.required_key.to_string()]);
            wanted.extend(field.hint_key.map(String::from));
            if let FieldKind::Choice { options } = &field.kind {
                wanted.extend(options.iter().map(|o| o.label_key.clone()));
            }
        }
    }
    let mut wanted = BTreeSet::new();
    for item in menu() {
        let MenuItem::Offer(offer) = item else { continue };
        match &offer.ask {
            Ask::Once { step } => step_keys(&mut wanted, step),
            Ask::Toggle { on, off, .. } => {
                step_keys(&mut wanted, on);
                step_keys(&mut wanted, off);
            }
        }
        wanted.insert(offer.label_key.clone());
        wanted.extend(offer.why_key.map(String::from));
    }
    assert!(wanted.len() >= 20, "the offers' keys were not found: {wanted:?}");
    for (lang, sources) in LOCALES {
        let keys: BTreeSet<String> = sources.iter().flat_map(|source| entries(source)).map(|(key, _)| key).collect();
        let missing: Vec<_> = wanted.iter().filter(|k| !keys.contains(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks the menus' texts {missing:?}");
    }
}

/// The UI builds no menu item the catalogue lacks, and runs every item the catalogue gives it to
/// run: the entries of `OWN` in `ui/js/actions.js` (with those it spreads from `ui/js/actions/`)
/// are exactly the catalogue's items with a screen of their own, and no JS entry draws an
/// offer's dialog by hand.
#[test]
fn the_uis_menu_entries_are_exactly_the_catalogues_items_with_a_screen() {
    use kabinet_core::action_catalogue::{menu, MenuItem};
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/js");
    let registry = std::fs::read_to_string(format!("{root}/actions.js")).unwrap();
    let own_list = registry.split("export const OWN = new Map([").nth(1).unwrap().split("].map(").next().unwrap();
    let mut sources = vec![own_list.to_string()];
    for entry in std::fs::read_dir(format!("{root}/actions")).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(registry.contains(&format!("from \"./actions/{file}\"")), "{file} is not in the registry");
        let source = std::fs::read_to_string(&path).unwrap();
        sources.push(source.split("_ACTIONS = [").nth(1).expect("its exported entries").to_string());
    }
    let ui: BTreeSet<String> = sources
        .iter()
        .flat_map(|source| source.split("id: \"").skip(1).map(|part| part.split('"').next().unwrap().to_string()))
        .collect();
    let own: BTreeSet<String> =
        menu().iter().filter(|i| matches!(i, MenuItem::Own { .. })).map(|i| i.id().to_string()).collect();
    assert_eq!(ui, own, "the UI's entries and the catalogue's items with a screen differ");
    for item in menu().iter().filter(|i| matches!(i, MenuItem::Offer(_))) {
        let by_hand = format!("\"{}\"", item.id());
        assert!(!registry.contains(&by_hand) && sources.iter().all(|s| !s.contains(&by_hand)), "{by_hand} by hand");
    }
}

/// The actions history's texts are the protocol's words for each kind, tied here: every kind the
/// history holds has its filter name (`history.kind.<id>`) and its row's words
/// (`history.action.<id>`, and `history.done.<id>` for the completion of a request), the report
/// names a report row's detail is worded with (`history.report.<kind>`) and the ban names
/// (`ban.<ban>`) are the protocol's, in every language; no `history.*` key names a kind that
/// does not exist. The export words its rows from the same protocol table, so the window and the
/// file cannot disagree.
#[test]
fn the_history_texts_are_the_protocols_words_for_every_kind() {
    use kabinet_core::action::{history_label, history_template, ActionKind};
    use kabinet_core::api::{Ban, ReportKind};
    use kabinet_core::settings::Language;
    for ((lang, sources), language) in LOCALES.into_iter().zip([Language::En, Language::Ru, Language::Kk]) {
        let table: BTreeMap<String, String> = sources.iter().flat_map(|source| entries(source)).collect();
        let mut expected = BTreeMap::new();
        for kind in ActionKind::ALL.into_iter().filter(|k| k.in_history()) {
            expected.insert(format!("history.kind.{}", kind.id()), history_label(kind, language).to_string());
            expected
                .insert(format!("history.action.{}", kind.id()), history_template(kind, false, language).to_string());
            if kind.request_kind().is_some() {
                expected
                    .insert(format!("history.done.{}", kind.id()), history_template(kind, true, language).to_string());
            }
        }
        for report in ReportKind::KNOWN {
            expected.insert(format!("history.report.{}", report.as_str()), report.name(language).to_string());
        }
        let found: BTreeMap<String, String> =
            table.iter().filter(|(k, _)| k.starts_with("history.")).map(|(k, v)| (k.clone(), v.clone())).collect();
        let wrong: Vec<String> = expected
            .iter()
            .filter(|(k, v)| found.get(*k) != Some(*v))
            .map(|(k, v)| format!("  \"{k}\": \"{v}\","))
            .collect();
        assert!(
            wrong.is_empty(),
            "{lang}: these history texts are missing or differ from the protocol's:\n{}",
            wrong.join("\n")
        );
        let stray: Vec<_> = found.keys().filter(|k| !expected.contains_key(*k)).collect();
        assert!(stray.is_empty(), "{lang}: {stray:?} name no kind of the history");
        for ban in Ban::KNOWN {
            let key = format!("ban.{}", ban.as_str());
            assert_eq!(table.get(&key).map(String::as_str), ban.name(language), "{lang}: {key}");
        }
    }
}
