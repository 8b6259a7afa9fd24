//! Wire types of the companies granted to the administrator (`/api/v1/companies...`), with the
//! check of the counts they carry (they size the sync's buffers).

use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A company granted to the signed-in administrator, with the administrator's own display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Company {
    pub id: i64,
    pub name: String,
    /// 12-digit BIN.
    pub bin: String,
    /// The name this administrator sees in the profile and the company selector.
    pub display_name: String,
    pub numbers_total: i64,
    pub numbers_active: i64,
    pub numbers_blocked: i64,
}

/// The most numbers one company can have: a count above it (or below zero) is a broken answer.
pub const MAX_COMPANY_NUMBERS: i64 = 10_000_000;

impl Company {
    /// Checks the counts the portal sent, which size the sync's buffers and its progress: a
    /// negative or absurd count is an `invalid_response` naming the field.
    pub fn check(&self) -> Result<()> {
        for (field, value) in [
            ("numbers_total", self.numbers_total),
            ("numbers_active", self.numbers_active),
            ("numbers_blocked", self.numbers_blocked),
        ] {
            if !(0..=MAX_COMPANY_NUMBERS).contains(&value) {
                return Err(Error::new(
                    ErrorCode::InvalidResponse,
                    format!(
                        "The portal sent an impossible {field} ({value}) for company {}: it must be 0 to {MAX_COMPANY_NUMBERS}.",
                        self.id
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CompanyList {
    pub items: Vec<Company>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DisplayNameRequest {
    /// 1 to 100 characters; an empty name restores the company's own name.
    pub display_name: String,
}
