//! Monthly charges per number and service, without VAT: derived from the number and the month
//! by a cheap hash (no table holds them), so every document that sums them agrees, and the
//! reconciliation of a 100,000-number company over a year (1.2M number-months) takes
//! milliseconds.
//!
//! Every service has ONE price per unit (the subscription fee one per tariff), so a
//! certificate's line is exactly `quantity × price` of the quantities it adds up, and an account's
//! month is the sum of its numbers' amounts to the tiyn.

use kabinet_protocol::api::ChargeService;
use kabinet_protocol::rules::breakdown;
use kabinet_protocol::rules::document_months::YearMonth;

/// A service the certificate bills, in the order of its lines and of Appendix 1's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Subscription,
    Calls,
    Sms,
    Internet,
    Roaming,
}

impl Service {
    pub const ALL: [Service; 5] = [Self::Subscription, Self::Calls, Self::Sms, Self::Internet, Self::Roaming];

    /// Appendix 1's column (`rules::breakdown::SERVICE_COLUMNS`, which the client reads an
    /// imported breakdown by), and the line's name (the subscription's names its tariff).
    pub fn name(self) -> &'static str {
        breakdown::SERVICE_COLUMNS[self as usize].1
    }

    /// The service as the charges route names it.
    pub fn wire(self) -> ChargeService {
        match self {
            Self::Subscription => ChargeService::Subscription,
            Self::Calls => ChargeService::Calls,
            Self::Sms => ChargeService::Sms,
            Self::Internet => ChargeService::Internet,
            Self::Roaming => ChargeService::Roaming,
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Self::Subscription => "мес.",
            Self::Calls | Self::Roaming => "мин",
            Self::Sms => "шт.",
            Self::Internet => "МБ",
        }
    }

    /// The price per unit in tiyn without VAT; the subscription's is the tariff's
    /// ([`subscription_fee`]).
    pub fn price(self, fee: i64) -> i64 {
        match self {
            Self::Subscription => fee,
            Self::Calls => 1_500,
            Self::Sms => 1_000,
            Self::Internet => 40,
            Self::Roaming => 25_000,
        }
    }
}

/// The monthly fee of a tariff, tiyn without VAT.
pub fn subscription_fee(tariff: &str) -> i64 {
    match tariff {
        "Business Class Junior" => 350_000,
        "Business Class Middle" => 550_000,
        "Business Class Senior" => 890_000,
        "Kcell" => 199_000,
        "Корпоративный безлимит" => 1_250_000,
        _ => 300_000,
    }
}

/// The hash key of a number: its digits as an integer (0 for a malformed one, which the
/// sandbox never stores).
pub fn key(msisdn: &str) -> u64 {
    msisdn.parse().unwrap_or(0)
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The demo's dormant lines: active numbers that still pay their subscription but have used
/// nothing (no call, message, megabyte or roaming) since the month given, so the client's
/// What changed finds them as candidates to block. Numbers no test or manual page names, so
/// no other figure moves; their usage report is empty from that month too (`store/usage.rs`).
const IDLE: [(u64, YearMonth); 4] = [
    (77_010_600_592, YearMonth { year: 2026, month: 7 }),
    (77_010_600_814, YearMonth { year: 2026, month: 5 }),
    (77_010_600_962, YearMonth { year: 2026, month: 9 }),
    (77_022_300_689, YearMonth { year: 2026, month: 8 }),
];

/// The month from which the number has used nothing, if it is one of the demo's dormant lines.
pub fn idle_since(key: u64) -> Option<YearMonth> {
    IDLE.iter().find(|(k, _)| *k == key).map(|(_, m)| *m)
}

/// A number's quantities in a month, by [`Service::ALL`]: one month of subscription, minutes,
/// messages, megabytes, and roaming minutes in about one month of eight; the subscription
/// alone once a dormant line is idle ([`idle_since`]).
pub fn quantities(key: u64, month: YearMonth) -> [i64; 5] {
    if idle_since(key).is_some_and(|idle| month >= idle) {
        return [1, 0, 0, 0, 0];
    }
    let h = mix(key ^ (month.index() as u64).wrapping_mul(0x0100_0000_01B3));
    let roam = mix(h);
    [
        1,
        (h % 600) as i64,
        ((h >> 20) % 60) as i64,
        ((h >> 32) % 15_001) as i64,
        if roam % 8 == 0 { ((roam >> 8) % 40 + 1) as i64 } else { 0 },
    ]
}

/// A number's amounts in a month by service, tiyn without VAT.
pub fn amounts(key: u64, fee: i64, month: YearMonth) -> [i64; 5] {
    let q = quantities(key, month);
    std::array::from_fn(|i| q[i] * Service::ALL[i].price(fee))
}

/// A number's month without VAT: the sum of [`amounts`].
pub fn net(key: u64, fee: i64, month: YearMonth) -> i64 {
    amounts(key, fee, month).iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_are_deterministic_and_vary_by_number_and_month() {
        let jan = YearMonth::new(2026, 1).unwrap();
        let k = key("77010542007");
        assert_eq!(quantities(k, jan), quantities(k, jan));
        assert_ne!(quantities(k, jan), quantities(k, jan.next()));
        assert_ne!(quantities(k, jan), quantities(key("77010542006"), jan));
        let fee = subscription_fee("Business Class Junior");
        assert_eq!(net(k, fee, jan), amounts(k, fee, jan).iter().sum::<i64>());
        assert!(amounts(k, fee, jan)[0] == fee);
    }

    #[test]
    fn a_dormant_line_pays_its_subscription_only_from_its_idle_month() {
        let k = key("77010600592");
        let idle = idle_since(k).unwrap();
        assert_eq!(quantities(k, idle), [1, 0, 0, 0, 0]);
        assert_eq!(quantities(k, idle.next()), [1, 0, 0, 0, 0]);
        assert_ne!(quantities(k, idle.minus(1))[1..], [0, 0, 0, 0]);
        assert_eq!(idle_since(key("77010542007")), None);
    }

    #[test]
    fn appendix_columns_are_the_shared_ones_in_the_same_order() {
        for (i, service) in Service::ALL.iter().enumerate() {
            assert_eq!(breakdown::SERVICE_COLUMNS[i], (service.wire(), service.name()));
        }
    }

    #[test]
    fn roaming_comes_some_months_only() {
        let mut month = YearMonth::new(2018, 1).unwrap();
        let mut roaming = 0;
        for _ in 0..96 {
            roaming += usize::from(quantities(key("77010542007"), month)[4] > 0);
            month = month.next();
        }
        assert!((3..40).contains(&roaming), "{roaming} of 96");
    }
}
