//! The one wording of a sync's desktop notification: one summary of what the sync found in a
//! company ("12 changes in ТОО Кабинет: 3 blocked, 1 debt…"), never one per number, and none when
//! nothing changed. Blocks are counted apart from the other state changes: they are what an
//! administrator acts on first.

use super::detect::ChangeKind;
use crate::cache::changes::ChangeRow;
use crate::settings::Language;

/// What a summary counts, in the order it names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Blocked,
    State,
    Debt,
    LowBalance,
    SpendRise,
    Dormant,
    Added,
    Gone,
    Tariff,
}

const PARTS: [Part; 9] = [
    Part::Blocked,
    Part::State,
    Part::Debt,
    Part::LowBalance,
    Part::SpendRise,
    Part::Dormant,
    Part::Added,
    Part::Gone,
    Part::Tariff,
];

fn part_of(row: &ChangeRow) -> Option<Part> {
    Some(match ChangeKind::from_id(&row.kind)? {
        ChangeKind::State if row.after.starts_with("blocked") => Part::Blocked,
        ChangeKind::State => Part::State,
        ChangeKind::Debt => Part::Debt,
        ChangeKind::LowBalance => Part::LowBalance,
        ChangeKind::SpendRise => Part::SpendRise,
        ChangeKind::Dormant => Part::Dormant,
        ChangeKind::Added => Part::Added,
        ChangeKind::Gone => Part::Gone,
        ChangeKind::Tariff => Part::Tariff,
    })
}

/// Russian forms for 1, 2–4, 5–20.
type Forms = [&'static str; 3];

/// A part's words: English one/other, Russian [`Forms`], and Kazakh's one (a noun after a
/// numeral does not change).
fn words(part: Part) -> ([&'static str; 2], Forms, &'static str) {
    match part {
        Part::Blocked => (["blocked", "blocked"], ["заблокирован", "заблокировано", "заблокировано"], "бұғатталды"),
        Part::State => (
            ["state change", "state changes"],
            ["смена состояния", "смены состояния", "смен состояния"],
            "күй өзгерісі",
        ),
        Part::Debt => (["debt", "debts"], ["долг", "долга", "долгов"], "қарыз"),
        Part::LowBalance => {
            (["low balance", "low balances"], ["низкий баланс", "низких баланса", "низких балансов"], "аз теңгерім")
        }
        Part::SpendRise => {
            (["spend rise", "spend rises"], ["рост расходов", "роста расходов", "ростов расходов"], "шығын өсуі")
        }
        Part::Dormant => (
            ["dormant line", "dormant lines"],
            ["неиспользуемая линия", "неиспользуемые линии", "неиспользуемых линий"],
            "пайдаланылмайтын желі",
        ),
        Part::Added => {
            (["number added", "numbers added"], ["новый номер", "новых номера", "новых номеров"], "жаңа нөмір")
        }
        Part::Gone => {
            (["number gone", "numbers gone"], ["номер пропал", "номера пропали", "номеров пропало"], "жоғалған нөмір")
        }
        Part::Tariff => {
            (["tariff change", "tariff changes"], ["смена тарифа", "смены тарифа", "смен тарифа"], "тариф өзгерісі")
        }
    }
}

fn counted(n: usize, part: Part, lang: Language) -> String {
    let (en, ru, kk) = words(part);
    match lang {
        Language::En => format!("{n} {}", if n == 1 { en[0] } else { en[1] }),
        Language::Ru => format!("{n} {}", kabinet_documents::words::plural(n as u64, ru)),
        Language::Kk => format!("{n} {kk}"),
    }
}

/// The notification of the changes a sync found in `company` (its name), in `lang`; `None`
/// when it found none.
pub fn summary(company: &str, rows: &[ChangeRow], lang: Language) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let parts: Vec<String> = PARTS
        .iter()
        .filter_map(|part| {
            let n = rows.iter().filter(|r| part_of(r) == Some(*part)).count();
            (n > 0).then(|| counted(n, *part, lang))
        })
        .collect();
    let n = rows.len();
    let head = match lang {
        Language::En => format!("{n} {} in {company}", if n == 1 { "change" } else { "changes" }),
        Language::Ru => {
            format!(
                "{n} {} в {company}",
                kabinet_documents::words::plural(n as u64, ["изменение", "изменения", "изменений"])
            )
        }
        Language::Kk => format!("{company} — {n} өзгеріс"),
    };
    Some(if parts.is_empty() { head } else { format!("{head}: {}", parts.join(", ")) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: &str, after: &str) -> ChangeRow {
        ChangeRow {
            id: 0,
            msisdn: "77010000001".into(),
            kind: kind.into(),
            before: String::new(),
            after: after.into(),
            at: String::new(),
            month: None,
            cost_centre: String::new(),
        }
    }

    #[test]
    fn one_summary_counting_each_kind_blocks_first_and_none_for_nothing() {
        let mut rows = vec![row("state", "blocked"), row("state", "blocked_debt"), row("state", "blocked")];
        rows.push(row("debt", "12000"));
        rows.push(row("state", "active"));
        rows.extend((0..7).map(|_| row("dormant", "350000")));
        assert_eq!(
            summary("ТОО Кабинет", &rows, Language::En).unwrap(),
            "12 changes in ТОО Кабинет: 3 blocked, 1 state change, 1 debt, 7 dormant lines"
        );
        assert_eq!(
            summary("ТОО Кабинет", &rows, Language::Ru).unwrap(),
            "12 изменений в ТОО Кабинет: 3 заблокировано, 1 смена состояния, 1 долг, 7 неиспользуемых линий"
        );
        assert_eq!(summary("X", &rows[..1], Language::En).unwrap(), "1 change in X: 1 blocked");
        assert_eq!(summary("X", &[], Language::En), None);
        assert_eq!(
            summary("X", &[row("state", "blocked"), row("state", "blocked")], Language::Kk).unwrap(),
            "X — 2 өзгеріс: 2 бұғатталды"
        );
    }
}
