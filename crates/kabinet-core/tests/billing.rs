//! The billing documents through core against a real sandbox: the shared rule refuses before
//! anything is sent (naming the field); the certificate (PDF and Excel), the register and the
//! search's file are kept in the library; the search on screen finds the numbers of an invoice
//! found in the register.

mod common;

use chrono::Utc;
use kabinet_core::api::InvoiceSearchBy;
use kabinet_core::cache::documents::LibraryFilter;
use kabinet_core::client::{CertificateOf, FileFormat};
use kabinet_core::rules::document_months::{self, MonthlyDocument, YearMonth};
use kabinet_core::ErrorCode;
use kabinet_documents::inspect::Inspected;

#[tokio::test]
async fn certificates_registers_and_searches_are_kept_in_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    let billing = account.billing();
    let accounts = billing.accounts(1).await.unwrap();
    assert!(accounts.iter().any(|a| a.account == "25060854"), "{accounts:?}");

    let month = document_months::available(MonthlyDocument::ServiceCertificate, Utc::now()).last;
    let pdf = billing.certificate(1, &CertificateOf::Account("25060854".into()), month, FileFormat::Pdf).await.unwrap();
    assert!(pdf.file_name.ends_with("-25060854.pdf"), "{}", pdf.file_name);
    assert_eq!((pdf.kind.as_str(), pdf.subject.as_deref()), ("certificate", Some("25060854")));
    assert_eq!(pdf.period_from, Some(month.first_day()));
    let xlsx = billing
        .certificate(1, &CertificateOf::Number("+7 701 054 20 07".into()), month, FileFormat::Xlsx)
        .await
        .unwrap();
    assert_eq!((xlsx.subject.as_deref(), xlsx.msisdn.as_deref()), (Some("77010542007"), Some("77010542007")));
    assert!(xlsx.file_name.ends_with("-25060830.xlsx"), "{}", xlsx.file_name);

    let last = document_months::available(MonthlyDocument::InvoiceRegister, Utc::now()).last;
    let register = billing.register(1, last, last).await.unwrap();
    let bytes = account.library().load(register.id).await.unwrap().bytes;
    let sheet = Inspected::read(&bytes);
    let registration = sheet.text(7, 0);
    let found =
        billing.search(1, InvoiceSearchBy::Registration, &format!(" {registration} "), last.year).await.unwrap();
    assert_eq!(found.invoice.registration_number, registration);
    assert!(!found.numbers.is_empty());
    let file = billing.search_file(1, InvoiceSearchBy::Registration, &registration, last.year).await.unwrap();
    assert_eq!(file.kind.as_str(), "invoice_search");

    let kept = account.library().list(&LibraryFilter { company_id: Some(1), ..Default::default() }).await.unwrap();
    let kinds: Vec<&str> = kept.iter().map(|d| d.kind.as_str()).collect();
    for kind in ["certificate", "invoice_register", "invoice_search"] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
}

#[tokio::test]
async fn the_rules_refuse_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    let billing = account.billing();
    let this_month = YearMonth::of(Utc::now());
    let too_old = YearMonth::new(2017, 12).unwrap();
    let of = CertificateOf::Account("25060854".into());
    for month in [this_month, too_old] {
        let e = billing.certificate(1, &of, month, FileFormat::Pdf).await.unwrap_err();
        assert_eq!(e.field.as_deref(), Some("month"), "{e:?}");
        assert!(matches!(e.code, ErrorCode::NotYetAvailable | ErrorCode::PeriodTooLong), "{e:?}");
    }
    let e = billing
        .certificate(1, &CertificateOf::Number("123".into()), this_month.minus(2), FileFormat::Pdf)
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("msisdn"));
    let e = billing.register(1, too_old, too_old).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("from"));
    let e = billing.search(1, InvoiceSearchBy::Registration, "ESF-1", 2026).await.unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("number")));
    // Nothing was asked: the history has no billing row.
    let today = kabinet_core::kz::today(Utc::now());
    let history = account.client().actions(1, today - chrono::Duration::days(1), today).await.unwrap().items;
    assert!(history.iter().all(|a| !a.action.contains("(BIN)")), "{history:?}");
    // Another company's certificate: not found.
    let e = billing.certificate(3, &of, this_month.minus(2), FileFormat::Pdf).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
}
