//! Signing in and out, and password recovery (which needs no session).

use super::{path_segment, PortalClient, Token};
use crate::api::*;
use crate::domain::{Password, Phone};
use crate::error::{Error, ErrorCode, Result};
use reqwest::Method;

impl PortalClient {
    /// Signs in; on success the client keeps the token for the calls that follow.
    pub async fn login(&self, phone: &Phone, password: &str) -> Result<LoginResponse> {
        let body = LoginRequest { phone: phone.to_string(), password: password.to_string() };
        let answer: LoginResponse = self.mutate(Method::POST, "api/v1/auth/login", &body).await?;
        self.set_token(Some(Token::new(answer.token.clone())));
        Ok(answer)
    }

    /// Ends the session on the portal and forgets the token either way.
    pub async fn logout(&self) -> Result<()> {
        let result = self.mutate_empty(Method::POST, "api/v1/auth/logout", &serde_json::json!({})).await;
        self.set_token(None);
        result
    }

    pub async fn recovery_start(&self, phone: &Phone) -> Result<RecoveryTicket> {
        self.mutate(Method::POST, "api/v1/auth/recovery", &RecoveryStartRequest { phone: phone.to_string() }).await
    }

    pub async fn recovery_resend(&self, recovery_id: &str) -> Result<RecoveryTicket> {
        let path = format!("api/v1/auth/recovery/{}/resend", path_segment(recovery_id)?);
        self.mutate(Method::POST, &path, &serde_json::json!({})).await
    }

    pub async fn recovery_verify(&self, recovery_id: &str, code: &str) -> Result<RecoveryVerified> {
        let code = code.trim();
        if code.is_empty() || code.len() > 12 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::new(ErrorCode::InvalidCode, "Enter the code from the message."));
        }
        let path = format!("api/v1/auth/recovery/{}/verify", path_segment(recovery_id)?);
        self.mutate(Method::POST, &path, &RecoveryVerifyRequest { code: code.to_string() }).await
    }

    pub async fn recovery_complete(&self, recovery_id: &str, reset_token: &str, password: &Password) -> Result<()> {
        let path = format!("api/v1/auth/recovery/{}/complete", path_segment(recovery_id)?);
        let body = RecoveryCompleteRequest {
            reset_token: reset_token.to_string(),
            password: password.expose().to_string(),
            confirmation: password.expose().to_string(),
        };
        self.mutate_empty(Method::POST, &path, &body).await
    }
}
