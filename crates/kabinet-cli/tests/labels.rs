//! `kabinet-cli labels` against a sandbox: an import previewed (nothing written) then applied, the
//! list searched and filtered by the labels, a selection edited, and the latest change undone.

mod common;

use common::Env;

#[tokio::test]
async fn labels_import_search_set_and_undo() {
    let env = Env::start().await;
    let url = env.portal.as_ref().unwrap().url();
    env.json(&["login", "--portal", &url, "--phone", "77010016515"]).await;
    assert!(env.run(&["sync", "--company", "1"]).await.status.success());

    let file = env.dir.path().join("labels.csv");
    std::fs::write(
        &file,
        "Number,Employee,Department,Cost centre code,Cost centre name,Tags\n\
         +7 701 054 20 06,Aigerim N.,Accounting,CC-10,Finance,\"VIP, Almaty\"\n\
         87010542007,Daniyar K.,Accounting,CC-10,Finance,\n\
         77770000000,Nobody,,,,\n\
         not a number,,,,,\n",
    )
    .unwrap();
    let preview = env.json(&["labels", "--company", "1", "import", file.to_str().unwrap()]).await;
    assert_eq!(
        (preview["changed"].as_u64(), preview["unknown"].as_u64(), preview["malformed"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    let none = env.json(&["search", "--company", "1", "--department", "Accounting"]).await;
    assert_eq!(none["total"], 0, "a preview writes nothing");

    let text = env.run(&["labels", "--company", "1", "import", file.to_str().unwrap(), "--apply"]).await;
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let found = env.json(&["search", "--company", "1", "--department", "Accounting"]).await;
    assert_eq!(found["total"], 2);
    let by_name = env.json(&["search", "--company", "1", "aigerim"]).await;
    assert_eq!(by_name["rows"][0]["msisdn"], "77010542006");
    let tagged = env.json(&["search", "--company", "1", "--tag", "VIP"]).await;
    assert_eq!(tagged["total"], 1);

    let set =
        env.run(&["labels", "--company", "1", "set", "77010542006", "77010542007", "--department", "Sales"]).await;
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    assert_eq!(env.json(&["search", "--company", "1", "--department", "Sales"]).await["total"], 2);
    let bad = env.run(&["labels", "--company", "1", "set", "77010542006", "--employee", "x\u{202E}"]).await;
    assert_eq!(bad.status.code(), Some(2), "invalid input");

    // Undo takes back the edit, then the import.
    assert!(env.run(&["labels", "--company", "1", "undo"]).await.status.success());
    assert_eq!(env.json(&["search", "--company", "1", "--department", "Accounting"]).await["total"], 2);
    assert!(env.run(&["labels", "--company", "1", "undo"]).await.status.success());
    assert_eq!(env.json(&["labels", "--company", "1", "show", "77010542006"]).await["employee"], "");
}
