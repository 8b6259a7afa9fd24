//! The numbers list (in pages) and a number's profile, PIN/PUK and allowances.

use super::PortalClient;
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use chrono::{DateTime, Utc};

impl PortalClient {
    /// One page of a company's numbers; `updated_since` limits it to numbers changed since.
    pub async fn numbers_page(
        &self,
        company: i64,
        cursor: Option<&str>,
        limit: u32,
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<NumberPage> {
        let mut url = self.url(&format!("api/v1/companies/{company}/numbers"))?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("limit", &limit.to_string());
            if let Some(c) = cursor {
                q.append_pair("cursor", c);
            }
            if let Some(t) = updated_since {
                q.append_pair("updated_since", &t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
            }
        }
        self.get_url(url).await
    }

    pub async fn number(&self, msisdn: &Phone) -> Result<NumberDetail> {
        self.get(&format!("api/v1/numbers/{msisdn}")).await
    }

    /// PIN and PUK codes: the caller shows them and drops them; they are never cached.
    pub async fn sim_secrets(&self, msisdn: &Phone) -> Result<SimSecrets> {
        self.get(&format!("api/v1/numbers/{msisdn}/sim-secrets")).await
    }

    pub async fn allowances(&self, msisdn: &Phone) -> Result<Allowances> {
        self.get(&format!("api/v1/numbers/{msisdn}/allowances")).await
    }
}
