//! A number's payments report.

use super::PortalClient;
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    /// Asks the portal to send a number's payments report to an e-mail; answers its payments.
    pub async fn payments_report(&self, msisdn: &Phone, request: &PaymentsReportRequest) -> Result<PaymentsReport> {
        self.mutate(Method::POST, &format!("api/v1/numbers/{msisdn}/payments/report"), request).await
    }
}
