//! The list sorted by a column, from the values the index keeps (no SQL sort): each live slot's
//! key, then `sort_unstable_by` on (key, place in the list), which is unique, so the result is
//! the one order SQLite gives for `SortColumn::order_by`: money as integers with a missing
//! amount first, text by its bytes (SQLite's BINARY), a label's value with ASCII case folded
//! (NOCASE) and the numbers without one last in either direction, ties by number.

use super::company::CompanyIndex;
use super::overlay::MAX_ROWS;
use crate::cache::number_filter::{NumberOrder, SortColumn};
use std::borrow::Cow;
use std::cmp::Ordering;

/// A slot's value in the sorted column.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Int(Option<i64>),
    Text(&'a str),
    /// Whether the label's value is missing or empty (those go last), then the value with
    /// ASCII folded (`None`, no label at all, before an empty one, as SQLite's NULL).
    Label(bool, Option<Cow<'a, [u8]>>),
}

fn compare(a: &Key<'_>, b: &Key<'_>, descending: bool) -> Ordering {
    let dir = |o: Ordering| if descending { o.reverse() } else { o };
    match (a, b) {
        (Key::Label(ea, va), Key::Label(eb, vb)) => ea.cmp(eb).then_with(|| dir(va.cmp(vb))),
        _ => dir(a.cmp(b)),
    }
}

/// A key that borrows from another (a tail's, shared by its rows).
fn reborrow<'a>(key: &'a Key<'_>) -> Key<'a> {
    match key {
        Key::Int(v) => Key::Int(*v),
        Key::Text(t) => Key::Text(t),
        Key::Label(e, v) => Key::Label(*e, v.as_deref().map(Cow::Borrowed)),
    }
}

fn label_key(value: Option<&str>) -> Key<'_> {
    let folded = value.map(|v| {
        if v.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(v.bytes().map(|b| b.to_ascii_lowercase()).collect())
        } else {
            Cow::Borrowed(v.as_bytes())
        }
    });
    Key::Label(value.is_none_or(str::is_empty), folded)
}

/// Which label column, if the column is one.
fn label_field(column: SortColumn) -> Option<usize> {
    match column {
        SortColumn::Employee => Some(0),
        SortColumn::Department => Some(1),
        SortColumn::CostCentre => Some(2),
        _ => None,
    }
}

/// The live slots (base rows, then overlay rows) in `order`.
pub(super) fn sorted(index: &CompanyIndex, order: NumberOrder) -> Vec<u32> {
    let base = &index.base;
    let overlay = &index.overlay;
    let n = base.len();
    let column = order.column;
    // A label's folded value per tail, made once rather than once per row.
    let tail_labels: Vec<Key<'_>> = match label_field(column) {
        Some(f) => base.tails.iter().map(|t| label_key(t.label.as_ref().map(|l| &*l[f]))).collect(),
        None => Vec::new(),
    };
    let dead = |r: usize| overlay.dead.get(r / 64).is_some_and(|w| w & (1 << (r % 64)) != 0);
    let mut items: Vec<(Key<'_>, u64, u32)> = Vec::with_capacity(n + overlay.rows.len());
    for r in (0..n).filter(|&r| !dead(r)) {
        let tail = base.tail(r);
        let key = match column {
            SortColumn::Number => Key::Text(base.msisdn_account(r).0),
            SortColumn::Account => Key::Text(base.msisdn_account(r).1),
            SortColumn::Tariff => Key::Text(&tail.tariff),
            SortColumn::PaymentMethod => Key::Text(&tail.payment),
            SortColumn::State => Key::Text(tail.state.as_str()),
            SortColumn::AvailableFunds => Key::Int(base.funds(r)),
            SortColumn::Balance => Key::Int(Some(base.balance[r])),
            SortColumn::Employee | SortColumn::Department | SortColumn::CostCentre => {
                reborrow(&tail_labels[base.tail_of[r] as usize])
            }
        };
        items.push((key, ((r as u64) << 20) | 0xF_FFFF, r as u32));
    }
    const { assert!(MAX_ROWS < 0xF_FFFF) };
    for (place, &i) in overlay.order.iter().enumerate() {
        let row = &overlay.rows[i as usize];
        let key = match column {
            SortColumn::Number => Key::Text(&row.msisdn),
            SortColumn::Account => Key::Text(&row.account),
            SortColumn::Tariff => Key::Text(&row.tail.tariff),
            SortColumn::PaymentMethod => Key::Text(&row.tail.payment),
            SortColumn::State => Key::Text(row.tail.state.as_str()),
            SortColumn::AvailableFunds => Key::Int(row.funds),
            SortColumn::Balance => Key::Int(Some(row.balance)),
            SortColumn::Employee | SortColumn::Department | SortColumn::CostCentre => {
                let f = label_field(column).unwrap_or(0);
                label_key(row.tail.label.as_ref().map(|l| &*l[f]))
            }
        };
        // Before the base row it precedes, in number order among the overlay rows.
        items.push((key, (u64::from(overlay.at[i as usize]) << 20) | place as u64, (n + i as usize) as u32));
    }
    items.sort_unstable_by(|a, b| compare(&a.0, &b.0, order.descending).then(a.1.cmp(&b.1)));
    items.into_iter().map(|(_, _, slot)| slot).collect()
}
