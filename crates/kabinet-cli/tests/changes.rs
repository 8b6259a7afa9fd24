//! `kabinet-cli changes` against a sandbox: no state change after the first sync (exit 1), a number
//! blocked in bulk and completed on the portal is found by the next sync (exit 0, with `--json`
//! rows), a kind that did not change matches nothing, and a bad `--since` names its field; the
//! bills fetched by `spend` find the demo's dormant lines, filtered by `--cost-centre`.

mod common;

use common::Env;

#[tokio::test]
async fn changes_say_by_their_exit_code_whether_anything_matched() {
    let env = Env::start().await;
    env.login().await;
    assert!(env.run(&["sync", "--company", "1"]).await.status.success());
    let today = kabinet_core::kz::today(chrono::Utc::now()).to_string();
    // The first sync fetches the bills too, whose latest month finds dormant lines and spend
    // rises; no number changed state.
    let none = env.run(&["changes", "--company", "1", "--since", &today, "--kind", "state"]).await;
    assert_eq!(none.status.code(), Some(1), "{}", String::from_utf8_lossy(&none.stderr));

    let file = env.dir.path().join("numbers.txt");
    std::fs::write(&file, "77010542007\n").unwrap();
    let run = env.run(&["bulk", "--action", "block", "--numbers", file.to_str().unwrap(), "--yes"]).await;
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    env.portal.as_ref().unwrap().clock().advance(10);
    assert!(env.run(&["sync", "--company", "1"]).await.status.success());

    let found = env.run(&["--json", "changes", "--company", "1", "--since", &today, "--kind", "state"]).await;
    assert_eq!(found.status.code(), Some(0), "{}", String::from_utf8_lossy(&found.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.iter().all(|r| r["msisdn"] == "77010542007" && r["kind"] == "state"), "{rows:?}");
    assert_eq!(rows[0]["after"], "blocked", "newest first: {rows:?}");

    // A part of the number, written as people write it, filters as the list's search does.
    for part in ["701 054 20", "8 701 054 20 07", "+7 (701) 054-20-07"] {
        let args = ["--json", "changes", "--company", "1", "--since", &today, "--kind", "state", "--number", part];
        let some = env.run(&args).await;
        assert_eq!(some.status.code(), Some(0), "{part}: {}", String::from_utf8_lossy(&some.stderr));
        let rows: serde_json::Value = serde_json::from_slice(&some.stdout).unwrap();
        assert!(rows.as_array().is_some_and(|r| !r.is_empty() && r.iter().all(|r| r["msisdn"] == "77010542007")));
    }
    let other =
        env.run(&["changes", "--company", "1", "--since", &today, "--kind", "state", "--number", "701 999"]).await;
    assert_eq!(other.status.code(), Some(1), "another number's digits match nothing");
    let word = env.run(&["changes", "--company", "1", "--since", &today, "--number", "7O1 O54"]).await;
    assert_eq!(word.status.code(), Some(2), "letters are no number: refused, naming the field");

    let text = env.run(&["changes", "--company", "1", "--since", &today]).await;
    assert!(String::from_utf8_lossy(&text.stdout).contains("+7 701 054 20 07"));
    let tariff = env.run(&["changes", "--company", "1", "--since", &today, "--kind", "tariff"]).await;
    assert_eq!(tariff.status.code(), Some(1));
    let bad = env.run(&["changes", "--company", "1", "--since", "last week"]).await;
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
}

/// The bills fetched by `spend` find the demo's dormant lines; `--cost-centre` keeps the
/// numbers of a cost centre (its labels now), and one nobody uses matches nothing (exit 1).
#[tokio::test]
async fn dormant_lines_are_found_from_the_bills_and_filtered_by_cost_centre() {
    let env = Env::start().await;
    env.login().await;
    assert!(env.run(&["sync", "--company", "1"]).await.status.success());
    let out = env.dir.path().join("chargeback");
    let spend = env.run(&["spend", "--company", "1", "--out", out.to_str().unwrap()]).await;
    assert!(spend.status.success(), "{}", String::from_utf8_lossy(&spend.stderr));
    let since = ["--company", "1", "--since", "2000-01-01"];
    let dormant = env.json(&[&["changes"], &since[..], &["--kind", "dormant"]].concat()).await;
    let mut numbers: Vec<&str> = dormant.as_array().unwrap().iter().map(|r| r["msisdn"].as_str().unwrap()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, ["77010600592", "77010600814", "77010600962"]);
    assert!(dormant.as_array().unwrap().iter().all(|r| r["month"].is_string() && r["after"] != ""));

    let labelled = env.run(&["labels", "--company", "1", "set", "77010600814", "--cost-centre-code", "CC-9"]).await;
    assert!(labelled.status.success(), "{}", String::from_utf8_lossy(&labelled.stderr));
    let in_centre = env.json(&[&["changes"], &since[..], &["--cost-centre", "CC-9"]].concat()).await;
    assert!(in_centre.as_array().unwrap().iter().all(|r| r["msisdn"] == "77010600814" && r["cost_centre"] == "CC-9"));
    assert!(!in_centre.as_array().unwrap().is_empty());
    let nobody = env.run(&[&["changes"], &since[..], &["--cost-centre", "CC-0"]].concat()).await;
    assert_eq!(nobody.status.code(), Some(1));
}
