//! Wire types of the bans a number's user lives with (`PUT` sets, `DELETE` removes
//! `/api/v1/numbers/{msisdn}/bans/{ban}`): on MyKcell details access, on MyKcell access, on
//! SMS / USSD control. A change is immediate (no request) and answers the number's general
//! information, which shows every ban.

use super::numbers::GeneralInfo;
use super::open_enum::open_enum;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

open_enum! {
    /// Which ban, by its wire name (also the route's `{ban}`).
    pub enum Ban {
        /// "Ban on MyKcell details access": the user cannot see usage details in MyKcell.
        MykcellDetails = "mykcell_details",
        /// "Ban on MyKcell access": the user cannot sign in to MyKcell.
        Mykcell = "mykcell",
        /// "Ban on SMS / USSD control": the user cannot manage the number by SMS or USSD.
        SmsUssd = "sms_ussd",
    }
}

impl Ban {
    /// Its name in the manual, in `lang` (the history's rows and the window's `ban.<id>` texts,
    /// which `tests/locales.rs` ties to these); none for a ban this version does not know.
    pub fn name(&self, lang: crate::Language) -> Option<&'static str> {
        use crate::Language::{En, Kk, Ru};
        Some(match (self, lang) {
            (Self::MykcellDetails, En) => "Ban on MyKcell details access",
            (Self::MykcellDetails, Ru) => "Запрет на просмотр детализации в MyKcell",
            (Self::MykcellDetails, Kk) => "MyKcell-де детализацияны қарауға тыйым",
            (Self::Mykcell, En) => "Ban on MyKcell access",
            (Self::Mykcell, Ru) => "Запрет на доступ в MyKcell",
            (Self::Mykcell, Kk) => "MyKcell-ге кіруге тыйым",
            (Self::SmsUssd, En) => "Ban on SMS / USSD control",
            (Self::SmsUssd, Ru) => "Запрет на SMS / USSD управление",
            (Self::SmsUssd, Kk) => "SMS / USSD арқылы басқаруға тыйым",
            (Self::Unknown(_), _) => return None,
        })
    }

    /// Whether this ban is set in a number's general information (an unknown ban: never).
    pub fn is_set(&self, general: &GeneralInfo) -> bool {
        match self {
            Self::MykcellDetails => general.ban_mykcell_details,
            Self::Mykcell => general.ban_mykcell,
            Self::SmsUssd => general.ban_sms_ussd,
            Self::Unknown(_) => false,
        }
    }
}

/// A ban changed: the number's general information after the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BanChange {
    pub msisdn: String,
    pub general: GeneralInfo,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bans_travel_by_wire_name_and_read_their_flag() {
        assert_eq!(serde_json::to_string(&Ban::SmsUssd).unwrap(), r#""sms_ussd""#);
        let general = GeneralInfo {
            payment_method: super::super::PaymentMethod::Credit,
            registration_form: String::new(),
            account: String::new(),
            ban_sms_ussd: true,
            ban_mykcell_details: false,
            ban_mykcell: true,
            secret_code_sent_at: None,
        };
        let set: Vec<bool> = Ban::KNOWN.iter().map(|b| b.is_set(&general)).collect();
        assert_eq!(set, [false, true, true]);
        assert!(!Ban::Unknown("roaming".into()).is_set(&general));
    }
}
