//! What spend is grouped by: a name both the figures (`spend::aggregate`) and the sums the cache
//! adds up (`cache::spend_totals`) use, kept apart from both so neither imports the other.

use serde::{Deserialize, Serialize};

/// What spend is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    CostCentre,
    Department,
    Tariff,
    Service,
}

impl Dimension {
    /// Its name on the wire and in the cache.
    pub fn id(self) -> &'static str {
        match self {
            Dimension::CostCentre => "cost_centre",
            Dimension::Department => "department",
            Dimension::Tariff => "tariff",
            Dimension::Service => "service",
        }
    }
}
