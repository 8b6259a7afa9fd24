//! Wire types of number management: the numbers list, the number profile, allowances,
//! services and usage. Money is [`Tiyn`]; times are UTC.

use super::open_enum::open_enum;
use crate::domain::Tiyn;
use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// The state of a number. `blocked_debt` cannot be unblocked by the administrator; a state
    /// this version does not know is kept as `Unknown` and allows no action.
    pub enum NumberState {
        Active = "active",
        Blocked = "blocked",
        InProcess = "in_process",
        BlockedDebt = "blocked_debt",
    }
}

impl NumberState {
    /// The names people search for, in English and Russian (lower case); an unknown state is
    /// found by its raw name.
    pub fn search_terms(&self) -> &str {
        match self {
            Self::Active => "active активен",
            Self::Blocked => "blocked заблокирован",
            Self::InProcess => "in process в обработке",
            Self::BlockedDebt => "blocked debt заблокирован долг",
            Self::Unknown(raw) => raw,
        }
    }
}

open_enum! {
    /// How a number pays; an unknown method is kept as `Unknown` and shown as sent.
    pub enum PaymentMethod {
        /// Postpaid, with a credit limit.
        Credit = "credit",
        /// Prepaid.
        Advance = "advance",
    }
}

/// A row of the numbers list, with the figures of the number information block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NumberSummary {
    pub msisdn: String,
    pub account: String,
    pub tariff: String,
    pub payment_method: PaymentMethod,
    pub state: NumberState,
    pub state_changed_at: DateTime<Utc>,
    /// None: no individual limit is set.
    pub individual_limit: Option<Tiyn>,
    pub available_funds: Option<Tiyn>,
    pub credit_limit: Tiyn,
    /// Remaining credit limit (credit) or prepaid balance (advance).
    pub balance: Tiyn,
    /// Debt for past periods.
    pub debt: Tiyn,
    pub updated_at: DateTime<Utc>,
}

/// The columns both SQLite schemas (the client's cache and the sandbox) keep a summary in, in
/// this order; times as RFC 3339 text, money as tiyn, enums by their wire names.
pub const SUMMARY_COLUMNS: &str = "msisdn, account, tariff, payment_method, state, state_changed_at, \
    individual_limit, available_funds, credit_limit, balance, debt, updated_at";

/// A row of [`SUMMARY_COLUMNS`].
pub type SummaryRow = (String, String, String, String, String, String, Option<i64>, Option<i64>, i64, i64, i64, String);

impl NumberSummary {
    /// Reads a row of [`SUMMARY_COLUMNS`]. Unknown enum values are kept as `Unknown`; an
    /// unreadable time is an error naming the column and the number, never a made-up date.
    pub fn from_row(r: SummaryRow) -> Result<Self> {
        let time = |column: &str, s: &str| {
            DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|_| {
                Error::new(ErrorCode::Cache, format!("The stored number {} has an unreadable {column}: {s:?}.", r.0))
            })
        };
        Ok(NumberSummary {
            state_changed_at: time("state_changed_at", &r.5)?,
            updated_at: time("updated_at", &r.11)?,
            payment_method: PaymentMethod::from_wire(&r.3),
            state: NumberState::from_wire(&r.4),
            msisdn: r.0,
            account: r.1,
            tariff: r.2,
            individual_limit: r.6.map(Tiyn),
            available_funds: r.7.map(Tiyn),
            credit_limit: Tiyn(r.8),
            balance: Tiyn(r.9),
            debt: Tiyn(r.10),
        })
    }
}

/// One page of a company's numbers, in msisdn order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NumberPage {
    pub items: Vec<NumberSummary>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// The portal's time when the first page was served; pass it as `updated_since` next time.
    pub server_time: DateTime<Utc>,
}

/// "General information" of the number profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GeneralInfo {
    pub payment_method: PaymentMethod,
    pub registration_form: String,
    pub account: String,
    pub ban_sms_ussd: bool,
    pub ban_mykcell_details: bool,
    pub ban_mykcell: bool,
}

/// "SIM card and device", without the PIN and PUK codes (see [`SimSecrets`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SimInfo {
    pub iccid: String,
    pub sim_replaced_at: Option<DateTime<Utc>>,
    /// 14 digits, as the portal shows it.
    pub imei: Option<String>,
}

/// PIN and PUK codes: fetched on demand, shown masked until revealed, never cached.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SimSecrets {
    pub pin1: String,
    pub pin2: String,
    pub puk1: String,
    pub puk2: String,
}

impl std::fmt::Debug for SimSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SimSecrets(***)")
    }
}

/// The number profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NumberDetail {
    pub summary: NumberSummary,
    pub general: GeneralInfo,
    pub sim: SimInfo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum AllowanceKind {
    /// Counted in seconds.
    Voice,
    /// Counted in messages.
    Sms,
    /// Counted in megabytes.
    Data,
}

/// One allowance: available and total (in the kind's unit), or unlimited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Allowance {
    pub name: String,
    pub name_ru: String,
    pub kind: AllowanceKind,
    pub unlimited: bool,
    pub available: Option<i64>,
    pub total: Option<i64>,
    pub connected_on: NaiveDate,
    pub disconnect_on: NaiveDate,
}

/// "Remaining allowance from tariff" and "Additional".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Allowances {
    pub tariff: Vec<Allowance>,
    pub additional: Vec<Allowance>,
}

/// The manual's categories of available services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum ServiceCategory {
    Roaming,
    SpecialOffers,
    InternationalCalls,
    OffnetMinutes,
    LandlineMinutes,
    DataRoaming,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Service {
    pub id: String,
    pub category: ServiceCategory,
    pub name: String,
    pub name_ru: String,
    /// "50 minutes", "1 GB", as the operator words it.
    pub volume: String,
    pub volume_ru: String,
    pub cost: Tiyn,
    pub terms: String,
    pub terms_ru: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivatedService {
    pub service: Service,
    pub activated_at: DateTime<Utc>,
}

/// Activated services and the ones that can be enabled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NumberServices {
    pub activated: Vec<ActivatedService>,
    pub available: Vec<Service>,
}

/// The answer to enabling or disabling a service: the number's new figures and its services.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceChange {
    pub number: NumberSummary,
    pub services: NumberServices,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum UsageKind {
    Calls,
    Sms,
    Data,
    All,
}

/// One usage record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UsageRecord {
    pub at: DateTime<Utc>,
    /// calls, sms or data (never all).
    pub kind: UsageKind,
    /// The other party's number, or the access point for data.
    pub counterparty: String,
    /// Seconds for calls, messages for SMS, kilobytes for data.
    pub quantity: i64,
    pub cost: Tiyn,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UsageReport {
    pub msisdn: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: UsageKind,
    pub records: Vec<UsageRecord>,
    pub total_cost: Tiyn,
}

/// An entry of the actions history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActionRecord {
    pub at: DateTime<Utc>,
    pub action: String,
    pub msisdn: Option<String>,
    pub status: String,
    pub admin_name: String,
    pub admin_phone: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActionList {
    pub items: Vec<ActionRecord>,
}

/// Makes the sandbox fail on purpose, for tests of interrupted work.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FaultPlan {
    /// Serve this many more pages of numbers, then answer 503 to the next ones (None: no fault).
    pub fail_numbers_after_pages: Option<u32>,
}

/// Slow operations on a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum RequestKind {
    Block,
    Unblock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum RequestState {
    InProcess,
    Done,
    Failed,
}

/// A slow operation the portal accepted (202) and completes later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RequestRecord {
    pub id: String,
    pub kind: RequestKind,
    pub msisdn: String,
    pub state: RequestState,
    pub result: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(state: &str, changed_at: &str) -> SummaryRow {
        let t = "2026-11-01T00:00:00Z".to_string();
        (
            "77010000001".into(),
            "A-1".into(),
            "Kcell".into(),
            "credit".into(),
            state.into(),
            changed_at.into(),
            None,
            None,
            0,
            0,
            0,
            t,
        )
    }

    #[test]
    fn stored_unknown_state_is_kept_not_read_as_active() {
        let n = NumberSummary::from_row(row("suspended", "2026-11-01T00:00:00Z")).unwrap();
        assert_eq!(n.state, NumberState::Unknown("suspended".into()));
        assert!(!n.state.is_known());
        assert_eq!(n.state.as_str(), "suspended");
        assert_eq!(NumberState::parse("suspended"), None, "typed filters accept only known states");
        assert_eq!(
            NumberSummary::from_row(row("blocked_debt", "2026-11-01T00:00:00Z")).unwrap().state,
            NumberState::BlockedDebt
        );
    }

    #[test]
    fn stored_unreadable_time_is_an_error_naming_the_column_not_the_minimum_date() {
        let err = NumberSummary::from_row(row("active", "not a time")).unwrap_err();
        assert_eq!(err.code, ErrorCode::Cache);
        assert!(err.message.contains("state_changed_at") && err.message.contains("77010000001"), "{}", err.message);
    }

    #[test]
    fn wire_enums_round_trip_unknown_values_unchanged() {
        let state: NumberState = serde_json::from_str(r#""frozen""#).unwrap();
        assert_eq!(state, NumberState::Unknown("frozen".into()));
        assert_eq!(serde_json::to_string(&state).unwrap(), r#""frozen""#);
        for known in NumberState::KNOWN {
            let json = serde_json::to_string(known).unwrap();
            assert_eq!(&serde_json::from_str::<NumberState>(&json).unwrap(), known);
        }
        assert_eq!(serde_json::to_string(&NumberState::InProcess).unwrap(), r#""in_process""#);
        assert_eq!(serde_json::from_str::<PaymentMethod>(r#""advance""#).unwrap(), PaymentMethod::Advance);
    }
}
