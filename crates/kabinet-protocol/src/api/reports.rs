//! Wire types of the company's reports that the portal prepares and e-mails
//! (`POST /api/v1/companies/{id}/reports`): the list of numbers, registered devices, payments,
//! Atlas Pro detailing and the reconciliation statement. The portal accepts a report as a
//! request record (kind `report`, its [`ReportRequest`] as the record's `detail`), prepares it
//! ("it may take some time"), e-mails it, and keeps the file for
//! `GET /api/v1/companies/{id}/reports/{request_id}/file`.

use super::open_enum::open_enum;
use super::{FileFormat, PaymentMethod};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// Which report; an unknown kind is kept and shown as sent.
    pub enum ReportKind {
        /// List of numbers report: number, billing method, credit limit, amount owed, balance,
        /// remaining credit limit, tariff, status.
        Numbers = "numbers",
        /// Registered devices report.
        Devices = "devices",
        /// Payments report of the company's credit or advance numbers.
        Payments = "payments",
        /// Detailing for the Atlas Pro package.
        AtlasPro = "atlas_pro",
        /// Reconciliation statement.
        Reconciliation = "reconciliation",
    }
}

/// What the administrator asks for. Which fields a kind needs is its rule's business; the
/// others are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReportRequest {
    pub kind: ReportKind,
    /// First day (YYYY-MM-DD, Kazakhstan time), for the kinds with a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Last day, included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Where the report is sent.
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::email))]
    pub email: String,
    /// The payments report's "Payments types": credit or advance numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<PaymentMethod>,
    /// The file's format, for the kinds offered in more than one (the reconciliation statement:
    /// PDF, the default, or XLSX); the others are XLSX only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<FileFormat>,
}

impl ReportKind {
    /// Its name in `lang`, as the manual's tabs say it: the actions history's row of it, and the
    /// two halves of its e-mail ("Report" for a kind this version does not know).
    pub fn name(&self, lang: crate::Language) -> &'static str {
        use crate::Language::{En, Kk, Ru};
        match (self, lang) {
            (Self::Numbers, En) => "List of numbers report",
            (Self::Numbers, Ru) => "Отчёт по списку номеров",
            (Self::Numbers, Kk) => "Нөмірлер тізімі бойынша есеп",
            (Self::Devices, En) => "Registered devices report",
            (Self::Devices, Ru) => "Отчёт по зарегистрированным устройствам",
            (Self::Devices, Kk) => "Тіркелген құрылғылар бойынша есеп",
            (Self::Payments, En) => "Payments report",
            (Self::Payments, Ru) => "Отчёт по платежам",
            (Self::Payments, Kk) => "Төлемдер бойынша есеп",
            (Self::AtlasPro, En) => "Detailing for the Atlas Pro package",
            (Self::AtlasPro, Ru) => "Детализация по пакету Atlas Pro",
            (Self::AtlasPro, Kk) => "Atlas Pro пакеті бойынша детализация",
            (Self::Reconciliation, En) => "Reconciliation statement",
            (Self::Reconciliation, Ru) => "Акт сверки",
            (Self::Reconciliation, Kk) => "Салыстыру актісі",
            (Self::Unknown(_), En) => "Report",
            (Self::Unknown(_), Ru) => "Отчёт",
            (Self::Unknown(_), Kk) => "Есеп",
        }
    }

    /// The formats the portal makes this kind's file in, the default first.
    pub fn formats(&self) -> &'static [FileFormat] {
        match self {
            ReportKind::Reconciliation => &[FileFormat::Pdf, FileFormat::Xlsx],
            _ => &[FileFormat::Xlsx],
        }
    }
}

impl ReportRequest {
    /// The format its file is made in: the one asked for, or the kind's default.
    pub fn file_format(&self) -> FileFormat {
        self.format.unwrap_or(self.kind.formats()[0])
    }
}

impl ReportRequest {
    /// The request as its record's `detail` carries it.
    pub fn to_detail(&self) -> String {
        serde_json::to_string(self).expect("wire types serialize")
    }

    /// The request a record's `detail` carries; `None` when it is not one.
    pub fn from_detail(detail: Option<&str>) -> Option<Self> {
        detail.and_then(|json| serde_json::from_str(json).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_goes_through_its_records_detail_and_leaves_out_what_it_does_not_need() {
        let req = ReportRequest {
            kind: ReportKind::Numbers,
            from: None,
            to: None,
            email: "a@b.kz".into(),
            payment_method: None,
            format: None,
        };
        assert_eq!(req.to_detail(), r#"{"kind":"numbers","email":"a@b.kz"}"#);
        assert_eq!(ReportRequest::from_detail(Some(&req.to_detail())), Some(req));
        assert_eq!(ReportRequest::from_detail(Some("DEVICE-IMEI")), None);
        let newer = ReportRequest::from_detail(Some(r#"{"kind":"roaming_bills","email":"a@b.kz"}"#)).unwrap();
        assert_eq!(newer.kind, ReportKind::Unknown("roaming_bills".into()));
    }
}
