//! A file as an HTTP answer: its bytes with `Content-Type` and a `Content-Disposition` that
//! carries the file's name in UTF-8 (RFC 6266 / 8187: `filename*=UTF-8''…`, percent-encoded), so
//! a Cyrillic name arrives intact, with an ASCII `filename` for old clients.

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};

/// `bytes` as an attachment named `name`.
pub fn attachment(name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cyrillic_name_is_percent_encoded_with_an_ascii_fallback() {
        let r = attachment("Акт 01.xlsx", "application/pdf", vec![1, 2]);
        assert_eq!(
            r.headers()[CONTENT_DISPOSITION],
            "attachment; filename=\"____01.xlsx\"; filename*=UTF-8''%D0%90%D0%BA%D1%82%2001.xlsx"
        );
        assert_eq!(r.headers()[CONTENT_TYPE], "application/pdf");
    }
}
