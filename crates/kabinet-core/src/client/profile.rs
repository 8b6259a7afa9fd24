//! The administrator's own profile: read it, change the e-mail or the password.

use super::{Call, PortalClient};
use crate::api::*;
use crate::domain::{Email, Password};
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    pub async fn profile(&self) -> Result<Profile> {
        self.get("api/v1/profile").await
    }

    pub async fn change_password(&self, current: &str, new: &Password) -> Result<()> {
        let body = PasswordChangeRequest {
            current_password: current.to_string(),
            new_password: new.expose().to_string(),
            confirmation: new.expose().to_string(),
        };
        self.mutate_empty(Method::PUT, "api/v1/profile/password", &body).await
    }
}

impl Call {
    /// Answered with the [`Profile`]. (The password change is not a kept intent: its body
    /// carries passwords, which are never written to the cache.)
    pub fn change_email(email: &Email) -> Call {
        Call::new(Method::PUT, "api/v1/profile/email", &EmailChangeRequest { email: email.as_str().to_string() })
    }
}
