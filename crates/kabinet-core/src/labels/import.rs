//! Reading a labels file (XLSX or CSV: number, employee, department, cost centre code and name,
//! tags) into a plan: for each row, the change it makes to a number of the company, or why it
//! makes none (the number is not the company's, or a value breaks the rule). The same plan is
//! shown as the preview and applied, so what is applied is what was shown.
//!
//! The header row (the first one naming a number column) names the columns, in English or Russian (the export's headers, and the usual
//! other names); only the number's column is required. A column the file lacks leaves that value
//! of every number as it is; an empty cell in a column it has clears the value. A number is read
//! the way the list's search reads one (`+7 701 211 55 26`, `8 701 211 55 26`, `77012115526`).

use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use crate::number_label::{split_tags, Label, LabelColumn as Column};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// What one row of the file does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// The number is the company's and its label changes from `before` to `after`.
    Change { before: Label, after: Label },
    /// The number is the company's and the row changes nothing.
    Same,
    /// The number is read, but it is not one of the company's numbers (as last synced).
    Unknown,
    /// The row cannot be read: `field` names the column, `message` says why (in English, for
    /// the CLI and logs); `rule` and `params` say it for the window to word
    /// (`labels.rule.<rule>`: `invalid_phone`, `duplicate` with `first`, or the label's rule).
    Malformed { field: String, message: String, rule: String, params: BTreeMap<String, String> },
}

/// One row of the file and its outcome; `line` is the row's number in the file (the header is 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub line: u32,
    /// The number as the file writes it.
    pub written: String,
    /// The number read from it, when it reads as one.
    pub msisdn: Option<String>,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The plan of an import: every row, the counts, the columns the file has and the ones it has
/// that are not read, and a digest of the changes (apply refuses a plan that no longer matches).
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub rows: Vec<Row>,
    pub changed: u64,
    pub unchanged: u64,
    pub unknown: u64,
    pub malformed: u64,
    pub ignored_columns: Vec<String>,
    pub digest: String,
}

impl Plan {
    /// The labels to write: number → label after.
    pub fn changes(&self) -> Vec<(String, Label)> {
        self.rows
            .iter()
            .filter_map(|r| match (&r.msisdn, &r.outcome) {
                (Some(m), Outcome::Change { after, .. }) => Some((m.clone(), after.clone())),
                _ => None,
            })
            .collect()
    }
}

fn refused(message: impl Into<String>) -> Error {
    Error::invalid_field(ErrorCode::InvalidInput, "file", message)
}

/// The plan for the file's `cells` (rows of text, see `kabinet_documents::read`) against the
/// company's `numbers` and their current `labels`.
pub fn plan(cells: &[Vec<String>], numbers: &HashSet<String>, labels: &HashMap<String, Label>) -> Result<Plan> {
    if cells.iter().all(|r| r.iter().all(String::is_empty)) {
        return Err(refused("The file is empty."));
    }
    // The header is the first row naming a number column: an exported list has its title block
    // above it.
    let Some(header_at) = cells.iter().position(|r| r.iter().any(|c| Column::of_header(c) == Some(Column::Number)))
    else {
        return Err(refused(
            "This is not a labels file: no row names a number column (Number, Номер). \
             Export the numbers list to see the expected columns.",
        ));
    };
    let mut columns: Vec<Option<Column>> = Vec::new();
    let mut ignored_columns = Vec::new();
    for cell in &cells[header_at] {
        let column = Column::of_header(cell);
        if column.is_none() && !cell.is_empty() {
            ignored_columns.push(cell.clone());
        }
        if column.is_some() && columns.contains(&column) {
            return Err(refused(format!("The column {cell:?} appears twice in the header row.")));
        }
        columns.push(column);
    }
    let number_at = columns.iter().position(|c| *c == Some(Column::Number)).unwrap_or_default();
    if columns.iter().flatten().count() < 2 {
        return Err(refused("The file has a number column but nothing to set: add Employee, Department, Cost centre code, Cost centre name or Tags."));
    }
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut rows = Vec::new();
    for (i, cells) in cells.iter().enumerate().skip(header_at + 1) {
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let line = (i + 1) as u32;
        let written = cells.get(number_at).cloned().unwrap_or_default();
        let row = |msisdn: Option<String>, outcome| Row { line, written: written.clone(), msisdn, outcome };
        let malformed = |field: &str, message: String, rule: &str, params: BTreeMap<String, String>| {
            Outcome::Malformed { field: field.into(), message, rule: rule.into(), params }
        };
        let phone = match Phone::parse(&written) {
            Ok(p) => p.as_str().to_string(),
            Err(e) => {
                rows.push(row(None, malformed("number", e.message.clone(), "invalid_phone", BTreeMap::new())));
                continue;
            }
        };
        if let Some(first) = seen.get(&phone) {
            let message = format!("The number is already on line {first}.");
            let params = BTreeMap::from([("first".to_string(), first.to_string())]);
            rows.push(row(Some(phone), malformed("number", message, "duplicate", params)));
            continue;
        }
        seen.insert(phone.clone(), line);
        if !numbers.contains(&phone) {
            rows.push(row(Some(phone), Outcome::Unknown));
            continue;
        }
        let before = labels.get(&phone).cloned().unwrap_or_default();
        let mut after = before.clone();
        for (column, cell) in columns.iter().zip(cells.iter().chain(std::iter::repeat(&String::new()))) {
            match column {
                Some(Column::Employee) => after.employee = cell.clone(),
                Some(Column::Department) => after.department = cell.clone(),
                Some(Column::CostCentreCode) => after.cost_centre.code = cell.clone(),
                Some(Column::CostCentreName) => after.cost_centre.name = cell.clone(),
                Some(Column::Tags) => after.tags = split_tags(cell),
                Some(Column::Number) | None => {}
            }
        }
        let outcome = match after.checked() {
            Err(e) => {
                let mut params = e.params.map(|p| *p).unwrap_or_default();
                let rule = params.remove("rule").unwrap_or_default();
                malformed(e.field.as_deref().unwrap_or("file"), e.message, &rule, params)
            }
            Ok(after) if after == before => Outcome::Same,
            Ok(after) => Outcome::Change { before, after },
        };
        rows.push(row(Some(phone), outcome));
    }
    let count = |f: fn(&Outcome) -> bool| rows.iter().filter(|r| f(&r.outcome)).count() as u64;
    let mut plan = Plan {
        changed: count(|o| matches!(o, Outcome::Change { .. })),
        unchanged: count(|o| matches!(o, Outcome::Same)),
        unknown: count(|o| matches!(o, Outcome::Unknown)),
        malformed: count(|o| matches!(o, Outcome::Malformed { .. })),
        rows,
        ignored_columns,
        digest: String::new(),
    };
    // Each change's number and label hashed where they are (a copy and a JSON text of each of
    // 100,000 labels were a tenth of the preview).
    let mut hasher = DefaultHasher::new();
    for row in &plan.rows {
        if let (Some(msisdn), Outcome::Change { after, .. }) = (&row.msisdn, &row.outcome) {
            msisdn.hash(&mut hasher);
            after.hash(&mut hasher);
        }
    }
    plan.digest = format!("{:016x}", hasher.finish());
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn good_unknown_malformed_and_duplicate_rows_each_get_their_outcome() {
        let numbers: HashSet<String> = ["77010000001", "77010000002", "77010000003"].map(String::from).into();
        let mut labels = HashMap::new();
        labels.insert("77010000003".to_string(), Label { department: "Sales".into(), ..Label::default() });
        let file = cells(&[
            &["Номер", "Отдел", "Теги", "Примечание"],
            &["+7 701 000 00 01", "Бухгалтерия", "VIP, Алматы", "x"],
            &["8 701 000 00 09", "Склад", "", ""],
            &["not a number", "Склад", "", ""],
            &["77010000001", "Склад", "", ""],
            &["", "", "", ""],
            &["77010000002", "Склад\u{202E}", "", ""],
            &["77010000003", "Sales", "", ""],
        ]);
        let plan = plan(&file, &numbers, &labels).unwrap();
        let outcomes: Vec<_> = plan.rows.iter().map(|r| (r.line, &r.outcome)).collect();
        assert!(matches!(outcomes[0], (2, Outcome::Change { .. })));
        assert_eq!(outcomes[1], (3, &Outcome::Unknown));
        assert!(matches!(outcomes[2], (4, Outcome::Malformed { field, .. }) if field == "number"));
        assert!(matches!(outcomes[3], (5, Outcome::Malformed { message, .. }) if message.contains("line 2")));
        assert!(matches!(outcomes[4], (7, Outcome::Malformed { field, .. }) if field == "department"));
        assert_eq!(outcomes[5], (8, &Outcome::Same));
        assert_eq!((plan.changed, plan.unchanged, plan.unknown, plan.malformed), (1, 1, 1, 3));
        assert_eq!(plan.ignored_columns, ["Примечание"]);
        let (msisdn, after) = &plan.changes()[0];
        assert_eq!(msisdn, "77010000001");
        assert_eq!(after.tags, ["VIP", "Алматы"]);
    }

    #[test]
    fn a_file_without_a_number_column_is_not_a_labels_file() {
        let e = plan(&cells(&[&["Account", "Tariff"], &["1", "x"]]), &HashSet::new(), &HashMap::new()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("file"));
        assert!(e.message.contains("not a labels file"));
    }

    #[test]
    fn a_column_the_file_lacks_keeps_its_value() {
        let numbers: HashSet<String> = ["77010000001".to_string()].into();
        let mut labels = HashMap::new();
        labels.insert("77010000001".to_string(), Label { employee: "Ivanov".into(), ..Label::default() });
        let plan = plan(&cells(&[&["number", "department"], &["77010000001", "IT"]]), &numbers, &labels).unwrap();
        let (_, after) = &plan.changes()[0];
        assert_eq!((after.employee.as_str(), after.department.as_str()), ("Ivanov", "IT"));
    }
}
