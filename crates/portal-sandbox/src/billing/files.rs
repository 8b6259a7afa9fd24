//! The billing documents as files: what each route answers, with its name.

use super::Customer;
use crate::error::{ApiError, ApiResult};
use kabinet_documents::{Certificate, Table};
use kabinet_protocol::rules::document_months::YearMonth;
use kabinet_protocol::ErrorCode;
use serde::Deserialize;

pub const PDF: &str = "application/pdf";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The file format a route is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Xlsx,
}

fn rendered(result: kabinet_documents::Result<Vec<u8>>) -> ApiResult<Vec<u8>> {
    result.map_err(|e| {
        tracing::error!("a billing document could not be rendered: {e}");
        ApiError::new(ErrorCode::Internal, "The portal failed to make the document. Try again in a few minutes.")
    })
}

/// "akt-2601-25060854.pdf".
pub fn certificate(certificate: &Certificate, format: Format) -> ApiResult<File> {
    let (extension, content_type) = match format {
        Format::Pdf => ("pdf", PDF),
        Format::Xlsx => ("xlsx", XLSX),
    };
    let bytes = rendered(match format {
        Format::Pdf => kabinet_documents::pdf::certificate(certificate),
        Format::Xlsx => kabinet_documents::certificate_xlsx(certificate),
    })?;
    Ok(File { name: format!("akt-{}.{extension}", certificate.number), content_type, bytes })
}

/// "reestr-esf-150340001236-2026-01-2026-03.xlsx".
pub fn register(customer: &Customer, table: &Table, first: YearMonth, last: YearMonth) -> ApiResult<File> {
    Ok(File {
        name: format!("reestr-esf-{}-{first}-{last}.xlsx", customer.bin),
        content_type: XLSX,
        bytes: rendered(kabinet_documents::xlsx(table))?,
    })
}

/// "esf-2601-25060854.xlsx".
pub fn search(accounting_number: &str, table: &Table) -> ApiResult<File> {
    Ok(File {
        name: format!("esf-{accounting_number}.xlsx"),
        content_type: XLSX,
        bytes: rendered(kabinet_documents::xlsx(table))?,
    })
}

/// `Content-Disposition: attachment; filename*=UTF-8''<name>` (RFC 6266 / 5987: the name
/// percent-encoded, so any name is safe in the header).
pub fn disposition(name: &str) -> String {
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_percent_encoded_in_the_header() {
        assert_eq!(super::disposition("akt-2601-25060854.pdf"), "attachment; filename*=UTF-8''akt-2601-25060854.pdf");
        assert_eq!(super::disposition("акт 1.pdf"), "attachment; filename*=UTF-8''%D0%B0%D0%BA%D1%82%201.pdf");
    }
}
