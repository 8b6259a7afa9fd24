//! Wire types of device (IMEI) registration, as the manual's "Device registration (IMEI)" page
//! shows it: the last IMEI seen with the number's SIM, whether it is registered with this
//! number, the IMEIs registered with it, and the request history of registrations.
//!
//! Every change (register, re-register from a previous owner, register a duplicate, deregister)
//! is a request that finishes later (`RequestRecord`, kinds `imei_*`): the portal checks the
//! national registry and answers within hours (seconds in the demo).

use super::open_enum::open_enum;
use super::RequestRecord;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// Whether the last IMEI seen with the number's SIM is registered with this number.
    pub enum DeviceStatus {
        /// "Device registered with this number."
        Registered = "registered",
        /// "Device not registered with this number."
        NotRegistered = "not_registered",
        /// No device has been seen with this SIM yet: nothing to register.
        NoDevice = "no_device",
    }
}

/// A number's device registration page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DeviceRegistration {
    pub msisdn: String,
    /// The last IMEI seen with this SIM (14 digits, as the portal shows it).
    #[serde(default)]
    pub last_imei: Option<String>,
    pub status: DeviceStatus,
    /// The IMEIs registered with this number, oldest first.
    pub registered: Vec<RegisteredDevice>,
    /// The number's device requests, newest first: the manual's "Request history".
    pub history: Vec<RequestRecord>,
}

/// An IMEI registered with the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegisteredDevice {
    pub imei: String,
    pub registered_at: DateTime<Utc>,
    /// Registered as a duplicate (the device is registered with another number too).
    #[serde(default)]
    pub duplicate: bool,
}

/// Register the device with this number.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegisterDevice {
    /// 14 digits, or 15 with the Luhn check digit.
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::imei))]
    pub imei: String,
}

/// Re-register the device: deregister it from the previous owner's IIN/BIN and number, and
/// register it with the company's BIN and this number.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReregisterDevice {
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::imei))]
    pub imei: String,
    /// The number the device is registered with now.
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::phone))]
    pub previous_owner_msisdn: String,
    /// The IIN/BIN it is registered to now (12 digits with the check digit).
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::iin_bin))]
    pub previous_owner_iin: String,
    /// The administrator read and accepted the terms of re-registration.
    pub terms_accepted: bool,
}

/// Register the device with this number too, keeping its current registration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegisterDuplicate {
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::imei))]
    pub imei: String,
    /// The administrator read and accepted the terms of duplicate registration.
    pub terms_accepted: bool,
}
