//! The texts of the SMS and e-mails the sandbox "sends" (shown in the demo outbox).
//!
//! The operator writes to its customers in Russian and English, one message holding both, so a
//! demo user reads the code in either language whatever the app is set to (the message is
//! stored when it is sent, before anyone knows which language will read it).

/// The SMS with a recovery code.
pub fn recovery_sms(code: &str, minutes: i64) -> String {
    format!(
        "Kcell Business ID: ваш код {code}. Действует {minutes} мин. / \
         Kcell Business ID: your code is {code}. It expires in {minutes} min."
    )
}

/// The e-mail with a one-time password, for numbers of other operators.
pub fn recovery_email(phone: &str, code: &str, minutes: i64) -> String {
    format!(
        "Ваш одноразовый пароль для входа в «Мой кабинет» ({phone}): {code}. Действует {minutes} мин. / \
         Your one-time password for My Account ({phone}) is {code}. It expires in {minutes} min."
    )
}

/// The SMS with a number's secret code (manual: "Obtaining a secret code", FAQ 6).
pub fn secret_code_sms(code: &str) -> String {
    format!(
        "Kcell: ваш секретный код {code}. С ним можно смотреть информацию о номере и детализацию. / \
         Kcell: your secret code is {code}. With it you can view the number's information and usage details."
    )
}

/// The e-mail that carries a payments report.
pub fn payments_report_email(msisdn: &str, from: chrono::NaiveDate, to: chrono::NaiveDate, file: &str) -> String {
    let (from, to) = (from.format("%d.%m.%Y"), to.format("%d.%m.%Y"));
    format!(
        "Отчёт по платежам номера {msisdn} за период {from} — {to} во вложении ({file}). / \
         The payments report of {msisdn} for {from} — {to} is attached ({file})."
    )
}

/// The e-mail a finished company report is sent with: `russian` and `english` are the
/// manual's names of it in each language, so each half names it in its own.
pub fn report_email(russian: &str, english: &str, company: &str, file: &str) -> String {
    format!(
        "«{russian}» по компании {company} во вложении ({file}). Данные актуальны на момент формирования. / \
         The {english} of {company} is attached ({file}). The data is valid as of the time it was made."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use kabinet_protocol::Language;

    fn has_cyrillic(text: &str) -> bool {
        text.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()))
    }

    #[test]
    fn recovery_messages_are_in_russian_and_english() {
        for text in [recovery_sms("123456", 5), recovery_email("77071234567", "123456", 5)] {
            assert!(has_cyrillic(text.split(" / ").next().unwrap()), "Russian first: {text}");
            assert!(text.contains("123456. Действует 5 мин."), "{text}");
            assert!(text.contains("123456. It expires in 5 min."), "{text}");
        }
    }

    #[test]
    fn the_secret_code_sms_is_in_russian_and_english() {
        let text = secret_code_sms("04211977");
        assert!(has_cyrillic(text.split(" / ").next().unwrap()), "Russian first: {text}");
        assert_eq!(text.matches("04211977").count(), 2, "{text}");
    }

    #[test]
    fn the_code_is_the_only_six_digit_word() {
        // Tests and people pick the code as the first six-digit run of the message.
        let text = recovery_email("77071234567", "004211", 5);
        let first = text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6);
        assert_eq!(first, Some("004211"));
    }

    #[test]
    fn each_half_of_a_report_e_mail_names_the_report_in_its_own_language() {
        use kabinet_protocol::api::ReportKind;
        for kind in [
            ReportKind::Numbers,
            ReportKind::Devices,
            ReportKind::Payments,
            ReportKind::AtlasPro,
            ReportKind::Reconciliation,
        ] {
            let (ru, en) = (kind.name(Language::Ru), kind.name(Language::En));
            let text = report_email(ru, en, "ТОО Кабинет", "x.pdf");
            let (russian, english) = text.split_once(" / ").unwrap();
            assert!(russian.contains(&format!("«{ru}»")) && !russian.contains(en), "{text}");
            assert!(english.contains(en) && !english.contains(ru), "{text}");
            // Latin letters in the Russian half only in names (Atlas Pro) and the file's.
            let latin = russian.replace("Atlas Pro", "").replace("x.pdf", "");
            assert!(!latin.chars().any(|c| c.is_ascii_alphabetic()), "{russian}");
        }
    }
}
