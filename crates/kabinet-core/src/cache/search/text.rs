//! The searchable text of a row, split where rows differ from each other: the head (number and
//! account, one per row) and the tail (tariff, state and label, which most rows share with many
//! others). A row's text is its head followed by its tail, byte for byte the text the scan of
//! [`crate::cache::numbers::search_text`] and the label's search text make, lower-cased the same
//! way (Rust's `to_lowercase`, Cyrillic included). The split lets the index keep the shared
//! tails once, with the rows of each, instead of once per row.

use crate::api::NumberState;

/// One row as the index reads it (borrowed from the query's buffers).
#[derive(Debug, Clone, Copy)]
pub(crate) struct IndexRow<'a> {
    pub rowid: i64,
    pub msisdn: &'a str,
    pub account: &'a str,
    pub tariff: &'a str,
    /// The state as stored (its wire name).
    pub state: &'a str,
    pub payment: &'a str,
    pub funds: Option<i64>,
    pub balance: i64,
    pub label: Option<LabelRef<'a>>,
}

/// The label columns the list searches and sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct LabelRef<'a> {
    pub employee: &'a str,
    pub department: &'a str,
    pub cost_centre: &'a str,
    /// `Label::search_text`, already lower-cased when stored.
    pub search: &'a str,
}

/// What rows share: everything of a row but its number, account and money.
#[derive(Debug, Clone)]
pub(super) struct Tail {
    /// The lower-cased searchable text: tariff, state terms and the label's search text.
    pub text: Box<str>,
    pub tariff: Box<str>,
    pub state: NumberState,
    pub payment: Box<str>,
    /// Employee, department and cost centre code, as stored.
    pub label: Option<[Box<str>; 3]>,
}

impl Tail {
    pub(super) fn of(row: &IndexRow<'_>) -> Tail {
        let state = NumberState::from_wire(row.state);
        let mut text = lower(&format!("{} {}", row.tariff, state.search_terms()));
        if let Some(l) = &row.label {
            text.push(' ');
            text.push_str(l.search);
        }
        Tail {
            text: text.into(),
            tariff: row.tariff.into(),
            state,
            payment: row.payment.into(),
            label: row.label.map(|l| [l.employee.into(), l.department.into(), l.cost_centre.into()]),
        }
    }
}

/// Appends a row's head (`msisdn account `, lower-cased) to `out`.
pub(super) fn push_head(out: &mut Vec<u8>, row: &IndexRow<'_>) {
    for part in [row.msisdn, row.account] {
        if part.is_ascii() {
            out.extend(part.bytes().map(|b| b.to_ascii_lowercase()));
        } else {
            out.extend_from_slice(lower(part).as_bytes());
        }
        out.push(b' ');
    }
}

/// Lower case as the search text is made (splitting at a space changes nothing: Rust's
/// context-dependent rule, a final sigma, looks no further than the word).
fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Whether `needle` occurs in `head + tail` starting inside the head: within the head, or
/// across its last byte (always a space) into the tail.
pub(super) fn starts_in_head(head: &[u8], tail: &[u8], finder: &memchr::memmem::Finder<'_>) -> bool {
    if finder.find(head).is_some() {
        return true;
    }
    let needle = finder.needle();
    (1..needle.len().min(head.len() + 1))
        .any(|k| needle[k - 1] == b' ' && head.ends_with(&needle[..k]) && tail.starts_with(&needle[k..]))
}
