//! The texts of the SMS and e-mails the sandbox "sends" (shown in the demo outbox), in the
//! language of the request that caused them (`Accept-Language`, `crate::language`).
//!
//! A request that asks for none of kk, ru and en gets the operator's usual message of both
//! Russian and English, one holding both, so a demo user reads the code whatever the app is set
//! to. Each text is one exhaustive `match` on the language, so a fourth one does not compile
//! until it has its words.

use chrono::NaiveDate;
use kabinet_protocol::api::ReportKind;
use kabinet_protocol::Language;

/// The message in `lang`, or the Russian and the English one together when none was asked.
fn in_language(lang: Option<Language>, text: impl Fn(Language) -> String) -> String {
    match lang {
        Some(lang) => text(lang),
        None => format!("{} / {}", text(Language::Ru), text(Language::En)),
    }
}

/// The SMS with a recovery code.
pub fn recovery_sms(lang: Option<Language>, code: &str, minutes: i64) -> String {
    in_language(lang, |lang| match lang {
        Language::En => format!("Kcell Business ID: your code is {code}. It expires in {minutes} min."),
        Language::Ru => format!("Kcell Business ID: ваш код {code}. Действует {minutes} мин."),
        Language::Kk => format!("Kcell Business ID: сіздің кодыңыз {code}. {minutes} минут жарамды."),
    })
}

/// The e-mail with a one-time password, for numbers of other operators.
pub fn recovery_email(lang: Option<Language>, phone: &str, code: &str, minutes: i64) -> String {
    in_language(lang, |lang| match lang {
        Language::En => {
            format!("Your one-time password for My Account ({phone}) is {code}. It expires in {minutes} min.")
        }
        Language::Ru => {
            format!("Ваш одноразовый пароль для входа в «Мой кабинет» ({phone}): {code}. Действует {minutes} мин.")
        }
        Language::Kk => {
            format!(
                "«Жеке кабинетке» ({phone}) кіруге арналған бір реттік құпия сөзіңіз: {code}. {minutes} минут жарамды."
            )
        }
    })
}

/// The SMS with a number's secret code (manual: "Obtaining a secret code", FAQ 6).
pub fn secret_code_sms(lang: Option<Language>, code: &str) -> String {
    in_language(lang, |lang| match lang {
        Language::En => {
            format!(
                "Kcell: your secret code is {code}. With it you can view the number's information and usage details."
            )
        }
        Language::Ru => {
            format!("Kcell: ваш секретный код {code}. С ним можно смотреть информацию о номере и детализацию.")
        }
        Language::Kk => {
            format!("Kcell: сіздің құпия кодыңыз {code}. Онымен нөмір туралы ақпарат пен детализацияны көруге болады.")
        }
    })
}

/// The e-mail that carries a payments report.
pub fn payments_report_email(
    lang: Option<Language>,
    msisdn: &str,
    from: NaiveDate,
    to: NaiveDate,
    file: &str,
) -> String {
    let (from, to) = (from.format("%d.%m.%Y"), to.format("%d.%m.%Y"));
    in_language(lang, |lang| match lang {
        Language::En => format!("The payments report of {msisdn} for {from} — {to} is attached ({file})."),
        Language::Ru => format!("Отчёт по платежам номера {msisdn} за период {from} — {to} во вложении ({file})."),
        Language::Kk => format!("{msisdn} нөмірінің {from} — {to} кезеңіндегі төлемдер есебі тіркелген ({file})."),
    })
}

/// The e-mail a finished company report is sent with, naming the report as the manual does in
/// the e-mail's language (the file itself is the operator's, in Russian).
pub fn report_email(lang: Option<Language>, kind: ReportKind, company: &str, file: &str) -> String {
    in_language(lang, |lang| {
        let name = kind.name(lang);
        match lang {
            Language::En => {
                format!("The {name} of {company} is attached ({file}). The data is valid as of the time it was made.")
            }
            Language::Ru => {
                format!("«{name}» по компании {company} во вложении ({file}). Данные актуальны на момент формирования.")
            }
            Language::Kk => format!(
                "{company} компаниясының «{name}» құжаты тіркелген ({file}). Деректер жасалған сәттегі күйінде."
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cyrillic(text: &str) -> bool {
        text.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()))
    }

    #[test]
    fn with_no_language_asked_a_message_is_in_russian_and_english() {
        for text in [recovery_sms(None, "123456", 5), recovery_email(None, "77071234567", "123456", 5)] {
            assert!(has_cyrillic(text.split(" / ").next().unwrap()), "Russian first: {text}");
            assert!(text.contains("123456. Действует 5 мин."), "{text}");
            assert!(text.contains("123456. It expires in 5 min."), "{text}");
        }
        let text = secret_code_sms(None, "04211977");
        assert_eq!(text.matches("04211977").count(), 2, "{text}");
    }

    #[test]
    fn a_message_asked_in_a_language_is_in_it_alone() {
        let kk = recovery_sms(Some(Language::Kk), "123456", 5);
        assert_eq!(kk, "Kcell Business ID: сіздің кодыңыз 123456. 5 минут жарамды.");
        let en = secret_code_sms(Some(Language::En), "04211977");
        assert!(!has_cyrillic(&en) && en.contains("your secret code is 04211977"), "{en}");
        let ru = payments_report_email(
            Some(Language::Ru),
            "77010016515",
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            "p.xlsx",
        );
        assert!(ru.starts_with("Отчёт по платежам номера 77010016515 за период 01.09.2026 — 30.11.2026"), "{ru}");
        assert!(!ru.contains(" / "), "{ru}");
    }

    #[test]
    fn the_code_is_the_only_six_digit_word() {
        // Tests and people pick the code as the first six-digit run of the message.
        for lang in [None, Some(Language::En), Some(Language::Ru), Some(Language::Kk)] {
            let text = recovery_email(lang, "77071234567", "004211", 5);
            let first = text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6);
            assert_eq!(first, Some("004211"), "{text}");
        }
    }

    #[test]
    fn a_report_e_mail_names_the_report_in_its_own_language() {
        for kind in [
            ReportKind::Numbers,
            ReportKind::Devices,
            ReportKind::Payments,
            ReportKind::AtlasPro,
            ReportKind::Reconciliation,
        ] {
            let (ru, en, kk) = (kind.name(Language::Ru), kind.name(Language::En), kind.name(Language::Kk));
            let both = report_email(None, kind.clone(), "ТОО Кабинет", "x.pdf");
            let (russian, english) = both.split_once(" / ").unwrap();
            assert!(russian.contains(&format!("«{ru}»")) && !russian.contains(en), "{both}");
            assert!(english.contains(en) && !english.contains(ru), "{both}");
            // Latin letters in the Russian half only in names (Atlas Pro) and the file's.
            let latin = russian.replace("Atlas Pro", "").replace("x.pdf", "");
            assert!(!latin.chars().any(|c| c.is_ascii_alphabetic()), "{russian}");
            let kazakh = report_email(Some(Language::Kk), kind, "ТОО Кабинет", "x.pdf");
            assert!(kazakh.contains(&format!("«{kk}»")) && !kazakh.contains(" / "), "{kazakh}");
        }
    }
}
