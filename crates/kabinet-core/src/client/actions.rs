//! A company's actions history.

use super::PortalClient;
use crate::api::*;
use crate::error::Result;
use chrono::NaiveDate;

impl PortalClient {
    /// The actions of all of the company's administrators from `from` to `to` (Kazakhstan days,
    /// both included), newest first.
    pub async fn actions(&self, company: i64, from: NaiveDate, to: NaiveDate) -> Result<ActionList> {
        self.get::<ActionList>(&format!("api/v1/companies/{company}/actions?from={from}&to={to}")).await
    }
}
