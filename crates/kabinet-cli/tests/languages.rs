//! The CLI speaks the locale's language (kk, ru, en; else English), `--lang` overrides it and
//! `--ru` is still `--lang ru`; its `--json` output is the same in every language.

mod common;

use common::Env;
use std::process::Output;

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// The CLI with `args` under the locale `lang` (`LANG`), and `LC_MESSAGES` when given.
async fn in_locale(env: &Env, lang: &str, messages: Option<&str>, args: &[&str]) -> Output {
    let mut command = env.command(args);
    command.env("LANG", lang);
    if let Some(m) = messages {
        command.env("LC_MESSAGES", m);
    }
    tokio::task::spawn_blocking(move || command.output().unwrap()).await.unwrap()
}

#[tokio::test]
async fn help_is_in_the_locales_language_and_lang_overrides_it() {
    let env = Env { dir: tempfile::tempdir().unwrap(), portal: None };
    let kk = in_locale(&env, "kk_KZ.UTF-8", None, &["--help"]).await;
    assert!(kk.status.success());
    let kk = text(&kk);
    assert!(kk.starts_with("Kabinet: корпоративтік мобильді кабинет терминалдан"), "{kk}");
    for word in ["Қолданылуы:", "Командалар:", "Параметрлер:", "Сеансты аяқтайды.", "Анықтаманы көрсету"]
    {
        assert!(kk.contains(word), "{word}: {kk}");
    }
    assert!(!kk.contains("Ends the session") && !kk.contains("Options:"), "{kk}");

    let ru = text(&in_locale(&env, "kk_KZ.UTF-8", None, &["--lang", "ru", "--help"]).await);
    assert!(ru.contains("Завершает сеанс.") && ru.contains("Команды:") && !ru.contains("Сеансты"), "{ru}");
    let ru = text(&in_locale(&env, "en_US.UTF-8", Some("ru_RU.UTF-8"), &["logout", "--help"]).await);
    assert!(ru.starts_with("Завершает сеанс."), "LC_MESSAGES before LANG: {ru}");
    let search = text(&in_locale(&env, "kk_KZ.UTF-8", None, &["search", "--help"]).await);
    for word in ["Аргументтер:", "Іздейтін мәтін", "Тек осы бөлімнің нөмірлері."]
    {
        assert!(search.contains(word), "{word}: {search}");
    }

    let en = text(&in_locale(&env, "de_DE.UTF-8", None, &["--help"]).await);
    assert!(en.contains("Ends the session.") && en.contains("Options:"), "another language is English: {en}");
    let en = text(&in_locale(&env, "kk_KZ.UTF-8", None, &["export", "--lang=en", "--help"]).await);
    assert!(en.contains("Same as --lang ru (kept for existing scripts)."), "--ru is documented: {en}");
}

#[tokio::test]
async fn json_is_the_same_in_every_language_and_people_read_their_own() {
    let env = Env::start().await;
    env.login().await;
    let sync = env.run(&["sync", "--company", "1"]).await;
    assert!(sync.status.success(), "{}", String::from_utf8_lossy(&sync.stderr));
    let commands: [&[&str]; 4] = [
        &["--json", "companies"],
        &["--json", "search", "--company", "1", "0542"],
        &["--json", "show", "77010542007"],
        // A refusal by the portal, and one of the CLI: the same JSON too.
        &["--json", "search", "--company", "1", "--state", "lost"],
    ];
    for args in commands {
        let mut outputs = Vec::new();
        for (lang, extra) in [("en_US.UTF-8", None), ("ru_RU.UTF-8", None), ("kk_KZ.UTF-8", None), ("C", Some("kk"))] {
            let mut all: Vec<&str> = args.to_vec();
            if let Some(l) = extra {
                all.extend(["--lang", l]);
            }
            let out = in_locale(&env, lang, None, &all).await;
            // The time it was read differs from run to run, not by language.
            let neutral = text(&out).lines().filter(|l| !l.contains("\"fetched_at\"")).collect::<Vec<_>>().join("\n");
            outputs.push((out.status.code(), neutral));
        }
        assert!(!outputs[0].1.is_empty(), "{args:?}");
        assert!(outputs.iter().all(|o| *o == outputs[0]), "{args:?}: {outputs:#?}");
    }
    // A number's profile and the list for people, in Kazakh.
    let shown = text(&in_locale(&env, "kk_KZ.UTF-8", None, &["show", "77010542007"]).await);
    assert!(shown.contains("құпия код") && shown.contains("Қазақстан уақыты") && shown.contains("теңгерім"), "{shown}");
    let listed = text(&in_locale(&env, "kk_KZ.UTF-8", None, &["search", "--company", "1", "0542"]).await);
    assert!(listed.starts_with("НӨМІР") && listed.contains("2 ішінен 1–2"), "{listed}");
    let refused = in_locale(&env, "ru_RU.UTF-8", None, &["search", "--company", "1", "--state", "lost"]).await;
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("Неизвестное состояние \"lost\""), "{stderr}");
}

#[tokio::test]
async fn an_export_is_in_the_cli_language_and_ru_is_still_russian() {
    let env = Env::start().await;
    env.login().await;
    // The company's name and BIN in the title come from the cache.
    assert!(env.run(&["companies"]).await.status.success());
    assert!(env.run(&["sync", "--company", "1"]).await.status.success());
    let read = |name: &str| {
        let path = env.dir.path().join(name);
        kabinet_documents::inspect::Inspected::read(&std::fs::read(path).unwrap())
    };
    for (name, lang, args) in [
        ("kk.xlsx", "kk_KZ.UTF-8", &[][..]),
        ("ru.xlsx", "en_US.UTF-8", &["--ru"][..]),
        ("en.xlsx", "kk_KZ.UTF-8", &["--lang", "en"][..]),
    ] {
        let path = env.dir.path().join(name);
        let mut all = vec!["export", "--company", "1", "--format", "xlsx", "--output", path.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = in_locale(&env, lang, None, &all).await;
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let kk = read("kk.xlsx");
    assert_eq!(
        (kk.text(0, 0), kk.text(2, 0), kk.text(5, 0)),
        ("Нөмірлер тізімі".into(), "БСН: 150340001236".into(), "Нөмір".into())
    );
    assert_eq!(read("ru.xlsx").text(5, 0), "Номер");
    assert_eq!(read("en.xlsx").text(5, 0), "Number");
}

#[tokio::test]
async fn report_and_labels_help_are_in_kazakh() {
    let env = Env { dir: tempfile::tempdir().unwrap(), portal: None };
    let report = text(&in_locale(&env, "kk_KZ.UTF-8", None, &["report", "--help"]).await);
    for word in ["Компания есебін сұрайды", "Кезеңнің бірінші күні", "Шығу кодтары:", "Параметрлер:"]
    {
        assert!(report.contains(word), "{word}: {report}");
    }
    assert!(!report.contains("Exit codes") && !report.contains("The period's first day"), "{report}");
    let labels = text(&in_locale(&env, "kk_KZ.UTF-8", None, &["labels", "--help"]).await);
    for word in ["Командалар:", "Нөмірдің белгісін көрсетеді.", "Компанияның идентификаторы"]
    {
        assert!(labels.contains(word), "{word}: {labels}");
    }
    assert!(!labels.contains("Shows a number's label") && !labels.contains("The company's id"), "{labels}");
    let set = text(&in_locale(&env, "ru_RU.UTF-8", None, &["labels", "set", "--help"]).await);
    assert!(set.contains("Теги, которые добавить") && !set.contains("Tags to add"), "{set}");
    let spend = text(&in_locale(&env, "kk_KZ.UTF-8", None, &["spend", "import", "--help"]).await);
    assert!(spend.contains("Файлдар.") && !spend.contains("Imports charges"), "{spend}");
}

#[tokio::test]
async fn labels_and_spend_speak_the_language_and_their_json_does_not() {
    let env = Env::start().await;
    env.login().await;
    assert!(env.run(&["sync", "--company", "1"]).await.status.success());
    let set = ["labels", "--company", "1", "set", "77010542007", "--cost-centre-code", "CC-10", "--employee", "Ә"];
    let kk = in_locale(&env, "kk_KZ.UTF-8", None, &set).await;
    assert!(text(&kk).contains("1 нөмірдің белгілері орнатылды"), "{}", text(&kk));
    // An import's preview: a row core refused, worded by its rule in Kazakh.
    let file = env.dir.path().join("labels.csv");
    std::fs::write(&file, "Number,Employee\n77010542006,Ә\nnot a number,\n").unwrap();
    let preview = text(&in_locale(&env, "kk_KZ.UTF-8", None, &["labels", "import", file.to_str().unwrap()]).await);
    assert!(preview.contains("3-жол (number): 7-ден басталатын 11 цифрлы телефон нөмірін"), "{preview}");
    let ru = text(&in_locale(&env, "ru_RU.UTF-8", None, &["labels", "--company", "1", "show", "77010542007"]).await);
    assert!(ru.contains("Сотрудник:") && ru.contains("ЦФО:") && !ru.contains("Employee"), "{ru}");

    let (_, to) = kabinet_core::rules::charges_period::last_year(chrono::Utc::now());
    let to = to.to_string();
    let spend = |out: &str| ["spend", "--company", "1", "--from", &to, "--to", &to, "--out", out].map(String::from);
    let dir = env.dir.path().to_str().unwrap().to_string();
    let kk = in_locale(&env, "kk_KZ.UTF-8", None, &spend(&dir).each_ref().map(|s| s.as_str())).await;
    let (kk_out, kk_err) = (text(&kk), String::from_utf8_lossy(&kk.stderr).to_string());
    assert!(kk_out.contains("шығын орталығы") && kk_out.contains("Бөлінбеген"), "{kk_out}");
    assert!(kk_err.contains("айдың шығыстары алынды"), "{kk_err}");
    let ru = in_locale(&env, "ru_RU.UTF-8", None, &spend(&dir).each_ref().map(|s| s.as_str())).await;
    assert!(text(&ru).contains("ЦФО") && text(&ru).contains("сохранён в"), "{}", text(&ru));

    // The portal cannot be reached: the core's error in the CLI's language.
    let config = env.dir.path().join("data").join("cli.json");
    let saved = std::fs::read_to_string(&config).unwrap();
    let url = env.portal.as_ref().unwrap().url();
    std::fs::write(&config, saved.replace(url.trim_end_matches('/'), "http://127.0.0.1:9")).unwrap();
    let gone = in_locale(&env, "kk_KZ.UTF-8", None, &["companies"]).await;
    let stderr = String::from_utf8_lossy(&gone.stderr);
    assert!(stderr.contains("Портал қолжетімсіз"), "{stderr}");
    std::fs::write(&config, saved).unwrap();

    let commands: [&[&str]; 3] = [
        &["--json", "labels", "--company", "1", "show", "77010542007"],
        // A refusal: the same JSON too.
        &["--json", "labels", "--company", "1", "set", "77010542007", "--employee", "x\u{202E}"],
        &["--json", "labels", "--company", "1", "set", "77010542007", "--department", "Ә"],
    ];
    for args in commands {
        let mut outputs = Vec::new();
        for lang in ["en_US.UTF-8", "ru_RU.UTF-8", "kk_KZ.UTF-8"] {
            let out = in_locale(&env, lang, None, args).await;
            outputs.push((out.status.code(), text(&out)));
        }
        assert!(!outputs[0].1.is_empty(), "{args:?}");
        assert!(outputs.iter().all(|o| *o == outputs[0]), "{args:?}: {outputs:#?}");
    }
}
