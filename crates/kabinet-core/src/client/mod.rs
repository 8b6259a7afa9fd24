//! The portal's HTTP client: one `reqwest::Client`, timeouts, a versioned user-agent, and one
//! error mapper ([`map_error`]) from HTTP to [`Error`].
//!
//! Every state-changing request carries an `Idempotency-Key`. A user's action is a [`Call`] sent
//! with its intent's key (`call.rs`, `crate::intents`); when the connection fails before an
//! answer arrives, it is sent once more with the same key, so the portal replays its first
//! answer instead of acting twice.
//!
//! Every request says the user's language (`Accept-Language`: kk, ru or en), so the portal
//! answers refusals and writes the e-mails and SMS a request causes in it; the app sets it from
//! its settings ([`PortalClient::set_language`]), the CLI from its `--lang` or locale.
//!
//! This file holds what every request shares (the builder, the idempotent send, decoding and
//! [`map_error`]); each area of the API has its own file of `PortalClient` methods, so a new
//! area adds a file rather than growing this one.

mod actions;
mod auth;
mod billing;
mod bulk;
mod call;
mod companies;
mod devices;
mod files;
mod forwarding;
mod numbers;
mod payments;
mod profile;
mod requests;
mod sandbox;
mod services;
mod transfer;
mod usage;

pub use billing::{CertificateOf, FileFormat};
pub use call::Call;
pub use files::{DownloadedFile, MAX_FILE_BYTES};

use crate::api::Health;
use crate::error::{Error, ErrorCode, Result};
use kabinet_protocol::Language;
use reqwest::{header, Method, RequestBuilder, Response, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// `Kabinet/0.1.0 (linux)`: lets the operator tell versions apart in its logs.
pub fn user_agent() -> String {
    format!("Kabinet/{} ({})", env!("CARGO_PKG_VERSION"), std::env::consts::OS)
}
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A session token. `Debug` never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(value: String) -> Self {
        Self(value)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

/// A client of one portal. Cheap to clone; clones share the session token.
#[derive(Clone, Debug)]
pub struct PortalClient {
    http: reqwest::Client,
    base: Url,
    token: Arc<RwLock<Option<Token>>>,
    /// What `Accept-Language` says; shared by clones, like the token.
    language: Arc<RwLock<Language>>,
}

impl PortalClient {
    /// A client of the portal at `base_url` (`https://portal.example.kz/` or a sandbox's address).
    pub fn new(base_url: &str) -> Result<Self> {
        let base = parse_base_url(base_url)?;
        let http = reqwest::Client::builder()
            .user_agent(user_agent())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|e| Error::new(ErrorCode::Internal, format!("Could not set up HTTP: {e}")))?;
        Ok(Self {
            http,
            base,
            token: Arc::new(RwLock::new(None)),
            language: Arc::new(RwLock::new(Language::default())),
        })
    }

    /// The client with `language` as the user's (see [`Self::set_language`]).
    pub fn with_language(self, language: Language) -> Self {
        self.set_language(language);
        self
    }

    /// The language every request asks the portal's answers in from now on (this client and
    /// its clones).
    pub fn set_language(&self, language: Language) {
        *self.language.write().expect("language lock") = language;
    }

    pub fn language(&self) -> Language {
        *self.language.read().expect("language lock")
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    pub fn set_token(&self, token: Option<Token>) {
        *self.token.write().expect("token lock") = token;
    }

    pub fn token(&self) -> Option<Token> {
        self.token.read().expect("token lock").clone()
    }

    /// Whether the portal answers, and which version it runs.
    pub async fn health(&self) -> Result<Health> {
        self.get("health").await
    }

    // ---- plumbing -------------------------------------------------------------------------

    fn url(&self, path: &str) -> Result<Url> {
        self.base.join(path).map_err(|e| Error::new(ErrorCode::InvalidInput, format!("Bad request path: {e}")))
    }

    fn request(&self, method: Method, path: &str) -> Result<RequestBuilder> {
        Ok(self.request_url(method, self.url(path)?))
    }

    /// Every request goes out from here: JSON accepted, in the user's language, the session's
    /// bearer token if any.
    fn request_url(&self, method: Method, url: Url) -> RequestBuilder {
        let req = self
            .http
            .request(method, url)
            .header(header::ACCEPT, "application/json")
            .header(header::ACCEPT_LANGUAGE, self.language().code());
        match self.token() {
            Some(token) => req.bearer_auth(token.expose()),
            None => req,
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.get_url(self.url(path)?).await
    }

    async fn get_url<T: DeserializeOwned>(&self, url: Url) -> Result<T> {
        decode(self.request_url(Method::GET, url).send().await.map_err(transport_error)?).await
    }

    async fn mutate<T: DeserializeOwned, B: Serialize>(&self, method: Method, path: &str, body: &B) -> Result<T> {
        decode(self.send_idempotent(method, path, body).await?).await
    }

    async fn mutate_empty<B: Serialize>(&self, method: Method, path: &str, body: &B) -> Result<()> {
        let resp = self.send_idempotent(method, path, body).await?;
        if resp.status().is_success() {
            Ok(())
        } else {
            Err(map_error(resp).await)
        }
    }

    /// Sends a state-changing request that is not a user's intent kept in the cache (sign-in,
    /// recovery and password change, whose bodies carry secrets that must not be written to
    /// disk; read-only questions sent as POST): a fresh `Idempotency-Key` per call, re-sent
    /// once with the same key after a connection failure.
    async fn send_idempotent<B: Serialize>(&self, method: Method, path: &str, body: &B) -> Result<Response> {
        self.send_call_raw(&Call::new(method, path, body), &uuid::Uuid::new_v4().to_string()).await
    }
}

/// Accepts `http://` and `https://` URLs only, and makes sure the path ends in `/` so that
/// `join("api/v1/...")` appends rather than replaces the last segment.
pub fn parse_base_url(raw: &str) -> Result<Url> {
    let bad = || Error::new(ErrorCode::InvalidSettings, "Enter the portal address as http://… or https://…");
    let mut url = Url::parse(raw.trim()).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(bad());
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn path_segment(id: &str) -> Result<&str> {
    if !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(id)
    } else {
        Err(Error::new(ErrorCode::InvalidInput, "This identifier is not valid."))
    }
}

async fn decode<T: DeserializeOwned>(resp: Response) -> Result<T> {
    if !resp.status().is_success() {
        return Err(map_error(resp).await);
    }
    let status = resp.status();
    let body = resp.bytes().await.map_err(transport_error)?;
    parse_answer(status, &body)
}

/// Reads a portal answer; when a value cannot be read (a time that is not RFC 3339, a count
/// that is not an integer), the error names the field by its path, e.g. `items[3].updated_at`.
///
/// The answer is read plainly first: tracking the path costs about a quarter of reading a
/// page of 5,000 numbers, and only an answer that cannot be read needs it, so that one is read
/// a second time for its error.
fn parse_answer<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T> {
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let unreadable = |detail: String| {
        Error::new(
            ErrorCode::InvalidResponse,
            format!("The portal sent an answer ({status}) this version cannot read{detail}"),
        )
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { format!(" in the field `{path}`") };
        unreadable(format!("{field}: {}", e.into_inner()))
    })?;
    de.end().map_err(|e| unreadable(format!(": {e}")))?;
    Ok(value)
}

fn transport_error(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::new(ErrorCode::PortalTimeout, "The portal did not answer in time.")
    } else {
        Error::new(ErrorCode::PortalUnreachable, "The portal cannot be reached. Check the connection.")
    }
}

/// The one mapping from an unsuccessful HTTP answer to an [`Error`]:
/// - the portal's `{code, message}` body when it sent one, else a code from the status;
/// - 401 on anything but the login itself means the session is over (re-login);
/// - 429 carries `Retry-After` in seconds.
pub async fn map_error(resp: Response) -> Error {
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let body = resp.bytes().await.unwrap_or_default();
    let mut error = serde_json::from_slice::<Error>(&body).unwrap_or_else(|_| {
        let code = match status {
            StatusCode::UNAUTHORIZED => ErrorCode::SessionExpired,
            StatusCode::FORBIDDEN => ErrorCode::Forbidden,
            StatusCode::NOT_FOUND => ErrorCode::NotFound,
            StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
            StatusCode::BAD_GATEWAY | StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT => {
                ErrorCode::PortalUnreachable
            }
            _ => ErrorCode::InvalidResponse,
        };
        Error::new(code, format!("The portal answered {status}."))
    });
    if status == StatusCode::UNAUTHORIZED && error.code != ErrorCode::InvalidCredentials {
        error.code = ErrorCode::SessionExpired;
    }
    if status == StatusCode::TOO_MANY_REQUESTS && error.retry_after_s.is_none() {
        error.retry_after_s = retry_after;
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash() {
        assert_eq!(parse_base_url("http://127.0.0.1:8080").unwrap().as_str(), "http://127.0.0.1:8080/");
        assert_eq!(parse_base_url("https://p.kz/portal").unwrap().as_str(), "https://p.kz/portal/");
    }

    #[test]
    fn base_url_refuses_other_schemes() {
        for bad in ["", "ftp://p.kz", "p.kz", "file:///etc/passwd"] {
            assert_eq!(parse_base_url(bad).unwrap_err().code, ErrorCode::InvalidSettings, "{bad}");
        }
    }

    #[test]
    fn user_agent_names_the_version() {
        assert!(user_agent().starts_with(concat!("Kabinet/", env!("CARGO_PKG_VERSION"))));
    }

    #[test]
    fn an_unreadable_answer_names_its_field() {
        let row = |updated_at: &str| {
            format!(
                r#"{{"msisdn":"77010000001","account":"1","tariff":"T","payment_method":"credit","state":"active",
                "state_changed_at":"2026-01-01T00:00:00Z","individual_limit":null,"available_funds":null,
                "credit_limit":0,"balance":0,"debt":0,"updated_at":"{updated_at}"}}"#
            )
        };
        let page = |second: &str| {
            format!(
                r#"{{"items":[{},{}],"next_cursor":null,"server_time":"2026-01-01T00:00:00Z"}}"#,
                row("2026-01-01T00:00:00.5Z"),
                row(second)
            )
        };
        let read =
            parse_answer::<crate::api::NumberPage>(StatusCode::OK, page("2026-01-01T00:00:00Z").as_bytes()).unwrap();
        assert_eq!(read.items.len(), 2);
        let err = parse_answer::<crate::api::NumberPage>(StatusCode::OK, page("yesterday").as_bytes()).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidResponse);
        assert!(err.message.contains("in the field `items[1].updated_at`"), "{}", err.message);
        let trailing = format!("{} x", page("2026-01-01T00:00:00Z"));
        let err = parse_answer::<crate::api::NumberPage>(StatusCode::OK, trailing.as_bytes()).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidResponse);
        assert!(err.message.contains("trailing characters"), "{}", err.message);
    }

    #[test]
    fn token_debug_is_masked() {
        assert_eq!(format!("{:?}", Token::new("secret".into())), "Token(***)");
    }
}
