//! The companies granted to the administrator; every answer's counts are checked
//! ([`Company::check`]) before anyone sizes a buffer by them.

use super::{Call, PortalClient};
use crate::api::*;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    pub async fn companies(&self) -> Result<Vec<Company>> {
        let list = self.get::<CompanyList>("api/v1/companies").await?.items;
        list.iter().try_for_each(Company::check)?;
        Ok(list)
    }

    pub async fn company(&self, id: i64) -> Result<Company> {
        let company: Company = self.get(&format!("api/v1/companies/{id}")).await?;
        company.check()?;
        Ok(company)
    }
}

impl Call {
    /// Renames a company for this administrator; answered with the [`Company`].
    pub fn set_display_name(id: i64, display_name: &str) -> Call {
        let body = DisplayNameRequest { display_name: display_name.to_string() };
        Call::new(Method::PUT, format!("api/v1/companies/{id}/display-name"), &body)
    }
}
