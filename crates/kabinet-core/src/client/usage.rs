//! A number's usage report for a period.

use super::PortalClient;
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use chrono::NaiveDate;

impl PortalClient {
    pub async fn usage(&self, msisdn: &Phone, from: NaiveDate, to: NaiveDate, kind: UsageKind) -> Result<UsageReport> {
        let mut url = self.url(&format!("api/v1/numbers/{msisdn}/usage"))?;
        let kind = serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        url.query_pairs_mut()
            .append_pair("from", &from.to_string())
            .append_pair("to", &to.to_string())
            .append_pair("kind", &kind);
        self.get_url(url).await
    }
}
