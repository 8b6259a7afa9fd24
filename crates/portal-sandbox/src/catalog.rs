//! What the operator sells and what its tariffs include: the services that can be enabled on a
//! number (by the manual's categories) and each tariff's allowances. Static, like a price list.

use kabinet_protocol::api::{AllowanceKind, Service, ServiceCategory};
use kabinet_protocol::domain::Tiyn;

struct Entry {
    id: &'static str,
    category: ServiceCategory,
    name: &'static str,
    name_ru: &'static str,
    volume: &'static str,
    volume_ru: &'static str,
    tenge: i64,
    /// An additional allowance it brings: kind and amount (seconds, messages or MB).
    grants: Option<(AllowanceKind, i64)>,
}

const SERVICES: &[Entry] = &[
    Entry {
        id: "roaming",
        category: ServiceCategory::Roaming,
        name: "International roaming",
        name_ru: "Международный роуминг",
        volume: "Access",
        volume_ru: "Доступ",
        tenge: 0,
        grants: None,
    },
    Entry {
        id: "roaming-week",
        category: ServiceCategory::SpecialOffers,
        name: "Roaming week: 100 minutes",
        name_ru: "Неделя в роуминге: 100 минут",
        volume: "100 minutes",
        volume_ru: "100 минут",
        tenge: 2_990,
        grants: Some((AllowanceKind::Voice, 6_000)),
    },
    Entry {
        id: "intl-30",
        category: ServiceCategory::InternationalCalls,
        name: "30 minutes of international calls",
        name_ru: "30 минут международных звонков",
        volume: "30 minutes",
        volume_ru: "30 минут",
        tenge: 1_490,
        grants: Some((AllowanceKind::Voice, 1_800)),
    },
    Entry {
        id: "offnet-50",
        category: ServiceCategory::OffnetMinutes,
        name: "50 minutes for calls to other KZ networks",
        name_ru: "50 минут на звонки в другие сети РК",
        volume: "50 minutes",
        volume_ru: "50 минут",
        tenge: 390,
        grants: Some((AllowanceKind::Voice, 3_000)),
    },
    Entry {
        id: "offnet-70",
        category: ServiceCategory::OffnetMinutes,
        name: "70 minutes for calls to other KZ networks",
        name_ru: "70 минут на звонки в другие сети РК",
        volume: "70 minutes",
        volume_ru: "70 минут",
        tenge: 490,
        grants: Some((AllowanceKind::Voice, 4_200)),
    },
    Entry {
        id: "offnet-150",
        category: ServiceCategory::OffnetMinutes,
        name: "150 minutes for calls to other KZ networks",
        name_ru: "150 минут на звонки в другие сети РК",
        volume: "150 minutes",
        volume_ru: "150 минут",
        tenge: 900,
        grants: Some((AllowanceKind::Voice, 9_000)),
    },
    Entry {
        id: "landline-10",
        category: ServiceCategory::LandlineMinutes,
        name: "10 min to domestic landline calls",
        name_ru: "10 минут на звонки на городские номера",
        volume: "10 minutes",
        volume_ru: "10 минут",
        tenge: 149,
        grants: Some((AllowanceKind::Voice, 600)),
    },
    Entry {
        id: "data-roaming-500",
        category: ServiceCategory::DataRoaming,
        name: "Data roaming pack 500 MB",
        name_ru: "Пакет интернета в роуминге 500 МБ",
        volume: "500 MB",
        volume_ru: "500 МБ",
        tenge: 2_500,
        grants: Some((AllowanceKind::Data, 500)),
    },
    Entry {
        id: "atlas-pro",
        category: ServiceCategory::DataRoaming,
        name: "Atlas Pro: unlimited data roaming, per day",
        name_ru: "Atlas Pro: безлимитный интернет в роуминге, в сутки",
        volume: "Unlimited, 100 MB at full speed",
        volume_ru: "Безлимит, 100 МБ на полной скорости",
        tenge: 950,
        grants: None,
    },
];

fn to_service(e: &Entry) -> Service {
    Service {
        id: e.id.into(),
        category: e.category.clone(),
        name: e.name.into(),
        name_ru: e.name_ru.into(),
        volume: e.volume.into(),
        volume_ru: e.volume_ru.into(),
        cost: Tiyn::from_tenge(e.tenge),
        terms: format!(
            "{}: {}, {} ₸. Charged to the number's balance or credit limit when enabled; valid until the end of the bill cycle; can be disabled at any time without a refund.",
            e.name, e.volume, e.tenge
        ),
        terms_ru: format!(
            "{}: {}, {} ₸. Списывается с баланса или кредитного лимита номера при подключении; действует до конца расчётного периода; можно отключить в любой момент без возврата средств.",
            e.name_ru, e.volume_ru, e.tenge
        ),
    }
}

pub fn services() -> Vec<Service> {
    SERVICES.iter().map(to_service).collect()
}

pub fn service(id: &str) -> Option<Service> {
    SERVICES.iter().find(|e| e.id == id).map(to_service)
}

/// The additional allowance a service brings, if any.
pub fn service_grant(id: &str) -> Option<(AllowanceKind, i64)> {
    SERVICES.iter().find(|e| e.id == id).and_then(|e| e.grants.clone())
}

/// A tariff's allowances: (name, name_ru, kind, total; None = unlimited).
pub fn tariff_allowances(tariff: &str) -> Vec<(&'static str, &'static str, AllowanceKind, Option<i64>)> {
    let calls = ("Calls within Kcell/activ network", "Звонки внутри сети Kcell/activ", AllowanceKind::Voice);
    let sms = ("SMS", "SMS", AllowanceKind::Sms);
    let data = ("Mobile internet", "Мобильный интернет", AllowanceKind::Data);
    let with = |(n, r, k): (&'static str, &'static str, AllowanceKind), total| (n, r, k, total);
    match tariff {
        "Business Class Junior" => vec![with(calls, None), with(sms, Some(100)), with(data, Some(5 * 1024))],
        "Business Class Middle" => vec![with(calls, None), with(sms, Some(200)), with(data, Some(15 * 1024))],
        "Business Class Senior" => vec![with(calls, None), with(sms, Some(500)), with(data, Some(30 * 1024))],
        "Корпоративный безлимит" => vec![with(calls, None), with(data, None)],
        _ => vec![with(calls, Some(300 * 60)), with(sms, Some(50)), with(data, Some(3 * 1024))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_offers_are_in_the_catalog_with_their_prices() {
        assert_eq!(service("offnet-50").unwrap().cost, Tiyn(39_000));
        assert_eq!(service("offnet-150").unwrap().cost, Tiyn(90_000));
        assert_eq!(service("landline-10").unwrap().cost, Tiyn(14_900));
        assert!(service("nope").is_none());
    }
}
