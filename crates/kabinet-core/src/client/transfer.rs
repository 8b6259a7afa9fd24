//! Balance transfer: `POST /api/v1/companies/{id}/transfers`, done at once.

use super::Call;
use crate::api::TransferRequest;
use reqwest::Method;

impl Call {
    /// Transfers balance between two numbers of the company; answered with a
    /// [`crate::api::Transfer`] carrying both numbers after it.
    pub fn transfer(company_id: i64, request: &TransferRequest) -> Call {
        Call::new(Method::POST, format!("api/v1/companies/{company_id}/transfers"), request)
    }
}
