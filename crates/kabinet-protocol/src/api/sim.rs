//! Wire types of SIM card replacement (`POST /api/v1/numbers/{msisdn}/sim-replacement`): the
//! new SIM's ICCID goes in, a request record (`RequestKind::SimReplacement`, 202) comes out.
//! When it completes, the number's "SIM card and device" has the new ICCID and replacement
//! date, and its PIN/PUK are the new SIM's.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The new SIM card, by the number printed on its back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SimReplacement {
    /// 19 or 20 digits with a Luhn check digit (`invalid_iccid`, field `iccid`, otherwise).
    pub iccid: String,
}
