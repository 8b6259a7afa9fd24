//! What the user asks of a company's numbers list: the filter (search text, state, tariff, a
//! label's department, cost centre or tag), the
//! order (a column and a direction), and the window of rows that comes back. Kept apart from the
//! table's reads and writes (`numbers.rs`) because the app, the CLI and exports all build these.

use crate::api::{NumberState, NumberSummary};
use serde::{Deserialize, Serialize};

/// What the user filters the list by, and the order it is shown in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NumberFilter {
    /// Any part of the number or account, a tariff or a state, in any case; or of the number's
    /// label (employee, department, cost centre, tags).
    pub text: String,
    pub state: Option<NumberState>,
    pub tariff: Option<String>,
    /// Only the numbers whose label has this department, cost centre (by its code) or tag
    /// (see `labels`).
    pub department: Option<String>,
    pub cost_centre: Option<String>,
    pub tag: Option<String>,
    /// The list's order; by number, ascending, unless the user sorted by a column.
    pub order: NumberOrder,
}

impl NumberFilter {
    /// Whether this is the whole list in its stored order, which the position index serves
    /// without the search index.
    pub(crate) fn is_plain(&self) -> bool {
        self.text.trim().is_empty()
            && self.state.is_none()
            && self.tariff.is_none()
            && !self.has_label_filter()
            && self.order.is_default()
    }

    /// Whether the filter asks for a label's department, cost centre or tag.
    pub(crate) fn has_label_filter(&self) -> bool {
        self.department.is_some() || self.cost_centre.is_some() || self.tag.is_some()
    }
}

/// A column of the numbers list the user can sort by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortColumn {
    #[default]
    Number,
    Account,
    Tariff,
    PaymentMethod,
    State,
    AvailableFunds,
    Balance,
    /// The label's employee, department or cost centre code (`number_labels`): numbers without
    /// one last, in either direction.
    Employee,
    Department,
    CostCentre,
}

impl SortColumn {
    /// The SQL ordering of `numbers n LEFT JOIN number_labels l`, ties broken by number. Money
    /// sorts as integer tiyn; a missing individual limit sorts before any amount; a label's
    /// value case-insensitively, the numbers without one last. The search index sorts in memory
    /// (`search/order.rs`); this is the order its tests hold it to.
    #[cfg(test)]
    pub(crate) fn order_by(self, descending: bool) -> String {
        let dir = if descending { "DESC" } else { "ASC" };
        let column = match self {
            SortColumn::Number => return format!("n.msisdn {dir}"),
            SortColumn::Account => "n.account",
            SortColumn::Tariff => "n.tariff",
            SortColumn::PaymentMethod => "n.payment_method",
            SortColumn::State => "n.state",
            SortColumn::AvailableFunds => "n.available_funds",
            SortColumn::Balance => "n.balance",
            SortColumn::Employee => "l.employee",
            SortColumn::Department => "l.department",
            SortColumn::CostCentre => "l.cost_centre_code",
        };
        if column.starts_with("l.") {
            format!("COALESCE({column}, '') = '', {column} COLLATE NOCASE {dir}, n.msisdn ASC")
        } else {
            format!("{column} {dir}, n.msisdn ASC")
        }
    }
}

/// Which column the list is sorted by, and in which direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct NumberOrder {
    pub column: SortColumn,
    pub descending: bool,
}

impl NumberOrder {
    pub fn is_default(&self) -> bool {
        *self == NumberOrder::default()
    }
}

/// A window of the (filtered) list and how many rows the whole list has.
#[derive(Debug, Clone, Serialize)]
pub struct NumberWindow {
    pub total: i64,
    pub offset: i64,
    pub rows: Vec<NumberSummary>,
    /// The labels of the window's numbers that have one, by number (see `labels`).
    pub labels: std::collections::HashMap<String, crate::number_label::Label>,
}
