//! A state-changing request as data ([`Call`]), and the one way to send it: with the
//! `Idempotency-Key` of the user's intent ([`PortalClient::send_call`]).
//!
//! Why data: an intent is written to the cache with its request BEFORE the request is sent
//! (`crate::intents`), so that a retry after a timeout, a re-login or a crash sends the very
//! same request with the very same key, and the portal replays its first answer instead of
//! acting twice. A simple action's call is [`Call::of`] its `Action`; an area with a screen of
//! its own builds its calls in its client file (`impl Call` blocks); the handles send them
//! through `account.intents()`, a bulk run through its own per-number keys.

use super::{decode, transport_error, PortalClient};
use crate::action::Action;
use crate::api::IDEMPOTENCY_KEY_HEADER;
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use reqwest::{Method, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A state-changing request: method, path under the portal's base address, JSON body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    /// `POST`, `PUT` or `DELETE`.
    pub method: String,
    /// Relative to the portal's base address, e.g. `api/v1/numbers/77010542007/block`.
    pub path: String,
    pub body: serde_json::Value,
}

impl Call {
    pub fn new(method: Method, path: impl Into<String>, body: &impl Serialize) -> Self {
        Self {
            method: method.as_str().to_string(),
            path: path.into(),
            body: serde_json::to_value(body).expect("wire types serialize"),
        }
    }

    /// The request of `action` on the number `msisdn`, as the action describes it
    /// (`Action::request`, in `kabinet-protocol`): the one builder of every simple action's call.
    pub fn of(action: &Action, msisdn: &Phone) -> Result<Self> {
        let request = action.request(msisdn)?;
        Ok(Self { method: request.method.as_str().to_string(), path: request.path, body: request.body })
    }

    /// A call with an empty JSON object as its body.
    pub fn empty(method: Method, path: impl Into<String>) -> Self {
        Self::new(method, path, &serde_json::json!({}))
    }

    fn method(&self) -> Result<Method> {
        match self.method.as_str() {
            "POST" => Ok(Method::POST),
            "PUT" => Ok(Method::PUT),
            "PATCH" => Ok(Method::PATCH),
            "DELETE" => Ok(Method::DELETE),
            other => Err(Error::new(ErrorCode::Internal, format!("{other} is not a state-changing method."))),
        }
    }
}

impl PortalClient {
    /// Sends `call` with `key` as its `Idempotency-Key` and reads the answer as `T`.
    pub async fn send_call<T: DeserializeOwned>(&self, call: &Call, key: &str) -> Result<T> {
        decode(self.send_call_raw(call, key).await?).await
    }

    /// Sends `call` with `key`; on a connection failure, once more with the SAME key. An error
    /// here means no answer arrived: the portal may or may not have acted.
    pub async fn send_call_raw(&self, call: &Call, key: &str) -> Result<Response> {
        let method = call.method()?;
        let mut last = None;
        for attempt in 0..2 {
            if attempt > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            }
            let req = self.request(method.clone(), &call.path)?.header(IDEMPOTENCY_KEY_HEADER, key).json(&call.body);
            match req.send().await {
                Ok(resp) => return Ok(resp),
                Err(e) if e.is_connect() || e.is_request() => last = Some(e),
                Err(e) => return Err(transport_error(e)),
            }
        }
        Err(transport_error(last.expect("at least one attempt")))
    }
}
