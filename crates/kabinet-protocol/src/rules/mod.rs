//! Rules that both ends apply: the client before it asks the portal, and the sandbox (which
//! depends on this crate) when it answers. Written once here so the two can never disagree.

pub mod breakdown;
pub mod charges_period;
pub mod display_name;
pub mod document_months;
pub mod forwarding;
pub mod history_period;
pub mod invoice_search;
pub mod number_actions;
pub mod payments_period;
pub mod reports;
pub mod transfer;
pub mod usage_period;
pub mod vat;
