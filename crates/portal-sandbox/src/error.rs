//! Errors as the portal answers them: `{code, message}` with the code's HTTP status and, for
//! 429, a `Retry-After` header.
//!
//! Every answer is in that shape, also the ones axum would give as plain text: routes read path,
//! query and body values through [`Path`], [`Query`] and [`Body`] here, whose rejections are 400
//! `invalid_input` naming the value, and a method a route does not have is 405
//! `method_not_allowed` ([`method_not_allowed`]).

use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kabinet_protocol::error::Reason;
use kabinet_protocol::{Error, ErrorCode};
use serde::de::DeserializeOwned;

#[derive(Debug)]
pub struct ApiError(pub Error);

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self(Error::new(code, message))
    }

    /// A refusal by one of the operator's rules (see `kabinet_protocol::error::Reason`).
    pub fn refused(code: ErrorCode, reason: Reason, message: impl Into<String>) -> Self {
        Self(Error::refused(code, reason, message))
    }

    /// An input that is not valid, naming the field as the request names it.
    pub fn invalid_field(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        Self(Error::invalid_field(code, field, message))
    }

    pub fn with_param(self, name: &str, value: impl ToString) -> Self {
        Self(self.0.with_param(name, value))
    }

    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound, "Not found.")
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.0.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        Self(e)
    }
}

impl From<kabinet_protocol::domain::DomainError> for ApiError {
    fn from(e: kabinet_protocol::domain::DomainError) -> Self {
        Self(e.into())
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!("database error: {e}");
        Self::new(ErrorCode::Internal, "The portal failed to process the request. Try again in a few minutes.")
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(e: axum::extract::rejection::JsonRejection) -> Self {
        Self::new(ErrorCode::InvalidInput, format!("The request body is not valid: {}", e.body_text()))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let retry = self.0.retry_after_s;
        let mut response = (status, Json(self.0)).into_response();
        if let Some(seconds) = retry {
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

/// A JSON body whose rejection is answered as `{code: "invalid_input", message}` naming the
/// value (its path in the body).
///
/// A number with no fractional part is an integer, as JSON Schema (and so the published API)
/// says: `5.0` is read as `5` where an integer is expected, as any JSON client may write it.
/// A fraction stays a fraction, refused where an integer is expected.
pub struct Body<T>(pub T);

impl<T, S> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(value) = Json::<serde_json::Value>::from_request(request, state).await?;
        let bytes = serde_json::to_vec(&whole_numbers_as_integers(value)).map_err(|e| internal(&e.to_string()))?;
        let Json(body) = Json::<T>::from_bytes(&bytes)?;
        Ok(Body(body))
    }
}

/// `value` with every number that has no fractional part (and fits) written as an integer.
fn whole_numbers_as_integers(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => match n.as_f64() {
            // Within ±2^53 a float holds every whole number exactly.
            Some(f) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(whole_numbers_as_integers).collect()),
        Value::Object(fields) => {
            Value::Object(fields.into_iter().map(|(k, v)| (k, whole_numbers_as_integers(v))).collect())
        }
        other => other,
    }
}

/// Path parameters, deserialized like `axum::extract::Path`; a value that does not parse is
/// `{code: "invalid_input", message}` naming the parameter.
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => Err(path_rejection(parts, rejection)),
        }
    }
}

/// The rejection of a path value, naming the parameter: axum names it only for structs, so a
/// single value or a tuple takes its name from the route's template (`/numbers/{msisdn}`).
fn path_rejection(parts: &Parts, rejection: PathRejection) -> ApiError {
    use axum::extract::path::ErrorKind;
    let names: Vec<&str> = parts
        .extensions
        .get::<MatchedPath>()
        .map(|m| m.as_str().split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).collect())
        .unwrap_or_default();
    let named = |index: usize| names.get(index).map_or_else(|| format!("number {}", index + 1), |n| n.to_string());
    let (name, value) = match &rejection {
        PathRejection::FailedToDeserializePathParams(e) => match e.kind() {
            ErrorKind::ParseErrorAtKey { key, value, .. } | ErrorKind::DeserializeError { key, value, .. } => {
                (key.clone(), Some(value.clone()))
            }
            ErrorKind::ParseErrorAtIndex { index, value, .. } => (named(*index), Some(value.clone())),
            ErrorKind::ParseError { value, .. } => (named(0), Some(value.clone())),
            ErrorKind::InvalidUtf8InPathParam { key } => (key.clone(), None),
            _ => return internal(&rejection.body_text()),
        },
        _ => return internal(&rejection.body_text()),
    };
    let message = match value {
        Some(value) => format!("The path parameter {name} is not valid: {value:?}."),
        None => format!("The path parameter {name} is not valid UTF-8."),
    };
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// A route whose extractor cannot work is a bug of the sandbox, not of the request.
fn internal(detail: &str) -> ApiError {
    tracing::error!("extractor failed: {detail}");
    ApiError::new(ErrorCode::Internal, "The portal failed to process the request. Try again in a few minutes.")
}

/// Query parameters, deserialized like `axum::extract::Query`; a missing or unreadable value is
/// `{code: "invalid_input", message}` naming the parameter.
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::try_from_uri(&parts.uri) {
            Ok(axum::extract::Query(value)) => Ok(Query(value)),
            Err(rejection) => {
                // "Failed to deserialize query string: limit: invalid digit found in string": the
                // detail starts with the parameter's name, or says which field is missing.
                let text = rejection.body_text();
                let detail = text.strip_prefix("Failed to deserialize query string: ").unwrap_or(&text);
                Err(ApiError::new(ErrorCode::InvalidInput, format!("The query is not valid: {detail}.")))
            }
        }
    }
}

/// The answer to a method a route does not have (axum's would be an empty 405).
pub async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(ErrorCode::MethodNotAllowed, format!("{method} is not allowed on {}.", uri.path()))
}
