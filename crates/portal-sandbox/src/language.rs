//! The language a request asks for (`Accept-Language`: kk, ru, en, with q-values), like the
//! operator's trilingual portal: refusals and the messages a request causes come in it.
//!
//! Refusals are translated in one place, [`answer_in_language`], the outermost layer: every
//! error answer, also one replayed for a repeated Idempotency-Key (stored as it was made, in
//! English), gets its `message` from `kabinet_protocol::error::texts`. Without the header, or
//! with none of our languages, the answer is as it always was (English). Handlers that make a
//! text themselves (the outbox's e-mails and SMS) read the language with [`Asked`].

use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use kabinet_protocol::error::texts;
use kabinet_protocol::{Error, Language};

/// An error answer's body is a few hundred bytes; a larger one is not ours to rewrite.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// The language the request asks for, `None` when it names none of ours.
#[derive(Debug, Clone, Copy)]
pub struct Asked(pub Option<Language>);

impl Asked {
    pub fn of(headers: &HeaderMap) -> Self {
        Self(
            headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Language::from_accept_language),
        )
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Asked {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::of(&parts.headers))
    }
}

/// Rewrites an error answer's `message` in the language asked for (see the module), and says
/// which language it is in (`Content-Language`).
pub async fn answer_in_language(request: Request, next: Next) -> Response {
    let asked = Asked::of(request.headers()).0;
    let response = next.run(request).await;
    let Some(lang) = asked.filter(|l| *l != Language::En) else { return response };
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(response.status().is_client_error() || response.status().is_server_error()) || !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        tracing::error!("an error answer could not be read to translate it");
        return Response::from_parts(parts, Body::empty());
    };
    let translated = serde_json::from_slice::<Error>(&bytes)
        .ok()
        .and_then(|error| serde_json::to_vec(&texts::localized(error, lang)).ok());
    match translated {
        Some(body) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            parts.headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
            Response::from_parts(parts, Body::from(body))
        }
        None => Response::from_parts(parts, Body::from(bytes)),
    }
}
