//! Files the portal serves (reports, certificates, registers): their bytes, their content type
//! and the name the portal gives them in `Content-Disposition` (RFC 6266: `filename*=UTF-8''…`
//! preferred, then `filename="…"`). The name comes from the portal, so it is made a safe file
//! name here ([`crate::file_name::safe_component`]); a file larger than [`MAX_FILE_BYTES`] is
//! refused rather than held in memory.

use super::requests::bad_url;
use super::{map_error, transport_error, Call, PortalClient};
use crate::api::ReportRequest;

use crate::error::{Error, ErrorCode, Result};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::Method;
use reqwest::Url;

/// The largest file the app takes from the portal (a year's reconciliation of a 100,000-number
/// company is a few MB).
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// A file as the portal sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadedFile {
    /// A safe file name (the portal's, cleaned; `fallback` when it gave none).
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl PortalClient {
    /// Downloads the file at `path` (relative to the portal's base, with its query), naming it
    /// `fallback` when the portal gives no name.
    pub async fn download(&self, path: &str, fallback: &str) -> Result<DownloadedFile> {
        let url = self.url(path)?;
        self.download_url(url, fallback).await
    }

    pub(super) async fn download_url(&self, url: Url, fallback: &str) -> Result<DownloadedFile> {
        let mut resp = self.request_url(Method::GET, url).send().await.map_err(transport_error)?;
        if !resp.status().is_success() {
            return Err(map_error(resp).await);
        }
        let header = |name| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let content_type = header(CONTENT_TYPE).unwrap_or_else(|| "application/octet-stream".into());
        let name = header(CONTENT_DISPOSITION).and_then(|d| disposition_name(&d));
        let file_name = crate::file_name::safe_component(name.as_deref().unwrap_or(fallback), fallback);
        let too_big = || Error::new(ErrorCode::InvalidResponse, "The portal sent a file larger than 256 MB.");
        if resp.content_length().is_some_and(|n| n > MAX_FILE_BYTES as u64) {
            return Err(too_big());
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(transport_error)? {
            if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                return Err(too_big());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(DownloadedFile { file_name, content_type, bytes })
    }

    /// The file of a finished report.
    pub async fn report_file(&self, company_id: i64, request_id: &str, fallback: &str) -> Result<DownloadedFile> {
        let mut url = self.url(&format!("api/v1/companies/{company_id}/reports/"))?;
        url.path_segments_mut().map_err(|()| bad_url())?.pop_if_empty().push(request_id).push("file");
        self.download_url(url, fallback).await
    }
}

/// The file name in a `Content-Disposition` value: `filename*` (UTF-8, percent-encoded) first,
/// then a quoted or bare `filename`.
fn disposition_name(value: &str) -> Option<String> {
    let params: Vec<(&str, &str)> =
        value.split(';').filter_map(|p| p.trim().split_once('=')).map(|(k, v)| (k.trim(), v.trim())).collect();
    let extended = params.iter().find(|(k, _)| k.eq_ignore_ascii_case("filename*")).and_then(|(_, v)| {
        let (charset, rest) = v.split_once('\'')?;
        let (_, encoded) = rest.split_once('\'')?;
        charset.eq_ignore_ascii_case("utf-8").then(|| percent_decode(encoded)).flatten()
    });
    extended.or_else(|| {
        params.iter().find(|(k, _)| k.eq_ignore_ascii_case("filename")).map(|(_, v)| v.trim_matches('"').to_string())
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl Call {
    /// Asks for a company report; the portal accepts it as a request that completes later
    /// (answered with a [`crate::api::RequestRecord`]).
    pub fn request_report(company_id: i64, request: &ReportRequest) -> Call {
        Call::new(Method::POST, format!("api/v1/companies/{company_id}/reports"), request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_utf8_name_wins_over_the_ascii_one() {
        let d = "attachment; filename=\"____01.xlsx\"; filename*=UTF-8''%D0%90%D0%BA%D1%82%2001.xlsx";
        assert_eq!(disposition_name(d).as_deref(), Some("Акт 01.xlsx"));
        assert_eq!(disposition_name("attachment; filename=\"a b.pdf\"").as_deref(), Some("a b.pdf"));
        assert_eq!(disposition_name("attachment").as_deref(), None);
        // A broken encoding falls back to the plain name.
        assert_eq!(disposition_name("attachment; filename=x.pdf; filename*=UTF-8''%D0").as_deref(), Some("x.pdf"));
    }
}
