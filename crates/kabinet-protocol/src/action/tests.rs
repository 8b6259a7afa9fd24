//! The one Action: ids, wire forms, parameters, requests and offers.

use super::*;

#[test]
fn every_kind_has_its_own_id_and_reads_back() {
    for kind in ActionKind::ALL {
        assert_eq!(ActionKind::from_id(kind.id()), Some(kind));
        assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::json!(kind.id()));
    }
    let ids: std::collections::BTreeSet<_> = ActionKind::ALL.iter().map(|k| k.id()).collect();
    assert_eq!(ids.len(), ActionKind::ALL.len());
    assert_eq!(ActionKind::from_id("frozen"), None);
}

#[test]
fn bulk_actions_travel_by_their_wire_name_and_the_others_have_none() {
    let on = Action::ServiceEnable { service: "roaming".into() };
    assert_eq!(serde_json::to_value(&on).unwrap(), serde_json::json!({"action": "service_on", "service": "roaming"}));
    let ban: Action = serde_json::from_str(r#"{"action":"ban_off","ban":"mykcell"}"#).unwrap();
    assert_eq!(ban, Action::BanRemove { ban: Ban::Mykcell });
    assert_eq!(
        serde_json::to_value(Action::SecretCodeSend).unwrap(),
        serde_json::json!({"action": "send_secret_code"})
    );
    assert!(serde_json::to_value(Action::Transfer).is_err());
    assert!(serde_json::from_str::<Action>(r#"{"action":"transfer"}"#).is_err());
    // SIM replacement travels without its ICCID (each number of a run has its own, beside it)
    // and is sent only once a number's own is put in.
    let sim: Action = serde_json::from_str(r#"{"action":"sim_replacement"}"#).unwrap();
    assert_eq!(sim, Action::SimReplacement { iccid: None });
    assert!(sim.needs_iccids() && sim.is_bulk());
    let phone = Phone::parse("77010542007").unwrap();
    assert_eq!(sim.request(&phone).unwrap_err().field.as_deref(), Some("iccid"));
    let iccid = crate::domain::Iccid::parse("89997020000000000007").unwrap();
    assert!(sim.with_iccid(Some(iccid)).request(&phone).is_ok());
}

fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn a_forms_values_are_checked_by_the_actions_rule_naming_the_field() {
    let sim =
        Action::from_params(ActionKind::SimReplacement, &params(&[("iccid", " 8999 7020 0000 0000 0007 ")])).unwrap();
    assert_eq!(sim.params(), BTreeMap::from([("iccid", "89997020000000000007".to_string())]));
    let bad =
        Action::from_params(ActionKind::SimReplacement, &params(&[("iccid", "89997020000000000008")])).unwrap_err();
    assert_eq!((bad.code_str().as_str(), bad.field.as_deref()), ("invalid_iccid", Some("iccid")));
    let ban = Action::from_params(ActionKind::BanRemove, &params(&[("ban", "roaming")])).unwrap_err();
    assert_eq!(ban.field.as_deref(), Some("ban"));
    let service = Action::from_params(ActionKind::ServiceEnable, &params(&[("service", "../x")])).unwrap_err();
    assert_eq!(service.field.as_deref(), Some("service"));
    let own = Action::from_params(ActionKind::Transfer, &params(&[])).unwrap_err();
    assert_eq!(own.field.as_deref(), Some("action"));
}

#[test]
fn each_action_builds_the_request_its_route_takes() {
    let phone = Phone::parse("77010542007").unwrap();
    let request = |action: Action| {
        let r = action.request(&phone).unwrap();
        (r.method.as_str(), r.path, r.body)
    };
    let empty = serde_json::json!({});
    assert_eq!(request(Action::Block), ("POST", "api/v1/numbers/77010542007/block".into(), empty.clone()));
    assert_eq!(
        request(Action::BanRemove { ban: Ban::SmsUssd }),
        ("DELETE", "api/v1/numbers/77010542007/bans/sms_ussd".into(), empty.clone())
    );
    assert_eq!(
        request(Action::ServiceEnable { service: "roaming".into() }),
        ("POST", "api/v1/numbers/77010542007/services/roaming".into(), empty.clone())
    );
    let iccid = Iccid::parse("89997020000000000007").unwrap();
    assert_eq!(
        request(Action::SimReplacement { iccid: Some(iccid) }),
        (
            "POST",
            "api/v1/numbers/77010542007/sim-replacement".into(),
            serde_json::json!({"iccid": "89997020000000000007"})
        )
    );
    assert_eq!(request(Action::SecretCodeDelete).0, "DELETE");
    assert!(Action::BanSet { ban: Ban::Unknown("x".into()) }.request(&phone).is_err());
    assert!(Action::Transfer.request(&phone).is_err());
}
