//! A number's label: who uses it (the employee), their department, the cost centre that pays for
//! it (code and name) and free tags; with the rule every value must meet, written once for the
//! profile's form, the edit of a selection and an import.
//!
//! The rule: one line of text that shows as itself (no control, format or separator characters:
//! the display name's rule, `rules::display_name::shows_as_itself`), at most so many characters;
//! a cost centre's name needs its code; a tag holds no `,` (files list tags with commas) and a
//! number has at most [`MAX_TAGS`] of them, kept once each (ignoring case) in the order given.
//! Each refusal names its field and carries `params.rule` (and `max`), which the window words in
//! the user's language (`labels.rule.<rule>`).

use crate::error::{Error, ErrorCode, Result};
use crate::rules::display_name::shows_as_itself;
use kabinet_protocol::Language;
use serde::{Deserialize, Serialize};

pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_CODE_CHARS: usize = 32;
pub const MAX_TAG_CHARS: usize = 40;
pub const MAX_TAGS: usize = 20;

/// A cost centre: its code (what accounting books against) and its name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct CostCentre {
    pub code: String,
    pub name: String,
}

impl CostCentre {
    pub fn is_empty(&self) -> bool {
        self.code.is_empty() && self.name.is_empty()
    }
}

/// What an administrator records about one number. All empty means "no label".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Label {
    pub employee: String,
    pub department: String,
    pub cost_centre: CostCentre,
    pub tags: Vec<String>,
}

impl Label {
    pub fn is_empty(&self) -> bool {
        self.employee.is_empty() && self.department.is_empty() && self.cost_centre.is_empty() && self.tags.is_empty()
    }

    /// The label as it is kept: every value checked by the rule and trimmed, tags once each.
    /// The error names the field (`employee`, `department`, `cost_centre_code`,
    /// `cost_centre_name`, `tags`).
    pub fn checked(self) -> Result<Label> {
        let cost_centre = CostCentre {
            code: owned_line("cost_centre_code", self.cost_centre.code, MAX_CODE_CHARS)?,
            name: owned_line("cost_centre_name", self.cost_centre.name, MAX_NAME_CHARS)?,
        };
        if cost_centre.code.is_empty() && !cost_centre.name.is_empty() {
            return Err(invalid(
                "cost_centre_code",
                "Enter the cost centre's code too: a cost centre is booked by its code.",
            )
            .with_param("rule", "code_required"));
        }
        Ok(Label {
            employee: owned_line("employee", self.employee, MAX_NAME_CHARS)?,
            department: owned_line("department", self.department, MAX_NAME_CHARS)?,
            cost_centre,
            tags: tags(&self.tags)?,
        })
    }

    /// The words a search of the list finds this label by, lower-cased, one line.
    pub fn search_text(&self) -> String {
        let mut parts =
            vec![self.employee.as_str(), self.department.as_str(), &self.cost_centre.code, &self.cost_centre.name];
        parts.extend(self.tags.iter().map(String::as_str));
        parts.retain(|p| !p.is_empty());
        parts.join(" ").to_lowercase()
    }
}

/// A column of a labels file (an import reads these headers; the numbers list's export writes them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelColumn {
    Number,
    Employee,
    Department,
    CostCentreCode,
    CostCentreName,
    Tags,
}

impl LabelColumn {
    pub const ALL: [LabelColumn; 6] =
        [Self::Number, Self::Employee, Self::Department, Self::CostCentreCode, Self::CostCentreName, Self::Tags];

    /// The header the export writes in `lang` (one of the names an import reads).
    pub fn header(self, lang: Language) -> &'static str {
        lang.pick(match self {
            Self::Number => ["Number", "Номер", "Нөмір"],
            Self::Employee => ["Employee", "Сотрудник", "Қызметкер"],
            Self::Department => ["Department", "Отдел", "Бөлім"],
            Self::CostCentreCode => ["Cost centre code", "Код ЦФО", "Шығын орталығының коды"],
            Self::CostCentreName => ["Cost centre name", "ЦФО", "Шығын орталығы"],
            Self::Tags => ["Tags", "Теги", "Белгілер"],
        })
    }

    /// The names a header may have (lower case, `ё` read as `е`), in English, Russian and
    /// Kazakh; the export's [`LabelColumn::header`] is among them.
    fn names(self) -> [&'static [&'static str]; 3] {
        match self {
            Self::Number => [
                &["number", "phone", "phone number", "msisdn"],
                &["номер", "телефон", "номер телефона"],
                &["нөмір", "телефон", "телефон нөмірі"],
            ],
            Self::Employee => [
                &["employee", "user", "name"],
                &["сотрудник", "работник", "фио", "пользователь"],
                &["қызметкер", "пайдаланушы", "аты-жөні"],
            ],
            Self::Department => {
                [&["department", "division"], &["отдел", "подразделение", "департамент"], &["бөлім", "департамент"]]
            }
            Self::CostCentreCode => [
                &["cost centre code", "cost center code", "cost centre", "cost center", "cost centre id"],
                &["код цфо", "код центра затрат"],
                &["шығын орталығының коды"],
            ],
            Self::CostCentreName => [
                &["cost centre name", "cost center name"],
                &["цфо", "название цфо", "наименование цфо", "центр затрат", "название центра затрат"],
                &["шығын орталығы", "шығын орталығының атауы"],
            ],
            Self::Tags => [&["tags", "tag"], &["теги", "метки", "тег"], &["белгілер", "белгі", "тегтер"]],
        }
    }

    pub fn of_header(header: &str) -> Option<LabelColumn> {
        let h = header.trim().to_lowercase().replace('ё', "е");
        Self::ALL.into_iter().find(|c| c.names().iter().any(|names| names.contains(&h.as_str())))
    }
}

/// Tags as a file cell writes them: separated by commas (or semicolons).
pub fn split_tags(cell: &str) -> Vec<String> {
    cell.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

fn tags(raw: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in raw {
        let tag = line("tags", tag, MAX_TAG_CHARS)?;
        if tag.is_empty() {
            continue;
        }
        if tag.contains(',') || tag.contains(';') {
            return Err(invalid(
                "tags",
                format!("A tag cannot hold a comma or a semicolon ({tag:?}): they separate tags."),
            )
            .with_param("rule", "tag_separator"));
        }
        if !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag.to_string());
        }
    }
    if out.len() > MAX_TAGS {
        return Err(invalid("tags", format!("A number can have at most {MAX_TAGS} tags."))
            .with_param("rule", "too_many_tags")
            .with_param("max", MAX_TAGS));
    }
    Ok(out)
}

/// One line of text, trimmed, at most `max` characters, every character showing as itself.
/// [`line`] of an owned value: the value itself when it needs no trimming (an import checks
/// 100,000 labels; a copy of each of their texts is not needed).
fn owned_line(field: &str, raw: String, max: usize) -> Result<String> {
    let kept = line(field, &raw, max)?.len();
    Ok(if kept == raw.len() { raw } else { raw.trim().to_string() })
}

fn line<'a>(field: &str, raw: &'a str, max: usize) -> Result<&'a str> {
    let value = raw.trim();
    if value.chars().count() > max {
        return Err(invalid(field, format!("Too long: at most {max} characters."))
            .with_param("rule", "too_long")
            .with_param("max", max));
    }
    if let Some(c) = value.chars().find(|&c| !shows_as_itself(c)) {
        return Err(invalid(
            field,
            format!(
                "Contains an invisible, line-break or direction-changing character (U+{:04X}); remove it.",
                c as u32
            ),
        )
        .with_param("rule", "invisible"));
    }
    Ok(value)
}

fn invalid(field: &str, message: impl Into<String>) -> Error {
    Error::invalid_field(ErrorCode::InvalidInput, field, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(employee: &str, code: &str, name: &str, tags: &[&str]) -> Label {
        Label {
            employee: employee.into(),
            department: String::new(),
            cost_centre: CostCentre { code: code.into(), name: name.into() },
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn values_are_trimmed_and_tags_kept_once_ignoring_case() {
        let l = label("  Иванов И. ", " CC-10 ", "Продажи", &["VIP", "vip", " Алматы ", ""]).checked().unwrap();
        assert_eq!(l.employee, "Иванов И.");
        assert_eq!(l.cost_centre.code, "CC-10");
        assert_eq!(l.tags, ["VIP", "Алматы"]);
        assert_eq!(l.search_text(), "иванов и. cc-10 продажи vip алматы");
    }

    #[test]
    fn each_bad_value_is_refused_naming_its_field() {
        let field = |l: Label| l.checked().unwrap_err().field.unwrap().to_string();
        assert_eq!(field(label(&"я".repeat(101), "", "", &[])), "employee");
        assert_eq!(field(label("Ivan\u{202E}", "", "", &[])), "employee");
        assert_eq!(field(label("", "", "Продажи", &[])), "cost_centre_code");
        assert_eq!(field(label("", &"C".repeat(33), "", &[])), "cost_centre_code");
        assert_eq!(field(label("", "", "", &["a,b"])), "tags");
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert_eq!(field(Label { tags: many, ..Label::default() }), "tags");
    }

    #[test]
    fn every_export_header_reads_back_as_its_column() {
        for c in LabelColumn::ALL {
            for lang in Language::ALL {
                assert_eq!(LabelColumn::of_header(c.header(lang)), Some(c), "{c:?} {lang:?}");
            }
        }
    }

    #[test]
    fn each_refusal_carries_the_rule_the_window_words() {
        let rule = |l: Label| l.checked().unwrap_err().params.and_then(|p| p.get("rule").cloned()).unwrap();
        assert_eq!(rule(label(&"я".repeat(101), "", "", &[])), "too_long");
        assert_eq!(rule(label("a\u{200B}b", "", "", &[])), "invisible");
        assert_eq!(rule(label("", "", "Продажи", &[])), "code_required");
        assert_eq!(rule(label("", "", "", &["a;b"])), "tag_separator");
    }

    #[test]
    fn split_tags_reads_commas_and_semicolons() {
        assert_eq!(split_tags("VIP, Алматы;  ; водитель"), ["VIP", "Алматы", "водитель"]);
    }
}
