//! A company's actions history.

use super::PortalClient;
use crate::api::*;
use crate::error::Result;

impl PortalClient {
    pub async fn actions(&self, company: i64) -> Result<Vec<ActionRecord>> {
        Ok(self.get::<ActionList>(&format!("api/v1/companies/{company}/actions")).await?.items)
    }
}
