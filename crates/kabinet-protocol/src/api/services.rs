//! Wire types of a number's services (`/api/v1/numbers/{msisdn}/services...`): the catalogue
//! entries, what is activated, and the answer to a change. Money is [`Tiyn`].

use super::open_enum::open_enum;
use super::NumberSummary;
use crate::domain::Tiyn;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// The manual's categories of available services; a group this version does not know is kept and shown apart.
    pub enum ServiceCategory {
        Roaming = "roaming",
        SpecialOffers = "special_offers",
        InternationalCalls = "international_calls",
        OffnetMinutes = "offnet_minutes",
        LandlineMinutes = "landline_minutes",
        DataRoaming = "data_roaming",
    }
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
