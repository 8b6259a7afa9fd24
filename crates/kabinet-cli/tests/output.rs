//! What the CLI prints, against a sandbox on loopback: a reader that closes early (`| head`)
//! ends nothing but the printing, times say they are Kazakhstan time, and a bulk run that cannot
//! be confirmed says why (issue 15, item 20).

mod common;

use chrono::{DateTime, Utc};
use common::Env;
use std::process::{ExitStatus, Stdio};

/// Runs the CLI with stdout (and stderr too, with `stderr_too`) into a pipe whose reader
/// closes at once, as `kabinet-cli … | head` leaves it once `head` has read enough: the read end
/// is dropped right after the start, long before the CLI (which signs in first) prints; the exit
/// status and what stderr said (nothing when it went into the pipe).
async fn closed_reader(env: &Env, args: &[&str], stderr_too: bool) -> (ExitStatus, String) {
    let mut command = env.command(args);
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    tokio::task::spawn_blocking(move || {
        let mut child = command.spawn().unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        if stderr_too {
            drop(child.stderr.take());
        } else {
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        }
        (child.wait().unwrap(), stderr)
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn every_command_that_prints_ends_quietly_when_its_reader_has_gone() {
    let env = Env::quick_reports().await;
    let url = env.portal.as_ref().unwrap().url();
    let (status, stderr) = closed_reader(&env, &["login", "--portal", &url, "--phone", "77010016515"], false).await;
    assert_eq!(status.code(), Some(0), "{stderr}");
    let numbers = env.dir.path().join("numbers.txt");
    std::fs::write(&numbers, "77010542006\n77012115526\n").unwrap();
    let numbers = numbers.to_str().unwrap();
    let xlsx = env.dir.path().join("list.xlsx");
    let commands: Vec<Vec<&str>> = vec![
        vec!["companies"],
        vec!["--json", "companies"],
        vec!["sync", "--company", "1"],
        vec!["search", "--company", "1"],
        vec!["--json", "search", "--company", "1", "--limit", "500"],
        vec!["show", "77010542007"],
        vec!["export", "--company", "1", "--format", "xlsx", "--output", xlsx.to_str().unwrap()],
        vec!["report", "devices", "--company", "1"],
        vec!["bulk", "--action", "block", "--numbers", numbers, "--dry-run"],
        vec!["--json", "bulk", "--action", "block", "--numbers", numbers, "--dry-run"],
        vec!["history", "--company", "1"],
        vec!["pending"],
        vec!["--help"],
    ];
    for args in &commands {
        let (status, stderr) = closed_reader(&env, args, false).await;
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(status.code(), Some(0), "{args:?}: its own exit code: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: quietly: {stderr}");
    }
    // Progress and errors on stderr into the same closed pipe (`2>&1 | head`): the command's own
    // exit code, though nobody read why.
    let (status, _) = closed_reader(&env, &["sync", "--company", "1", "--full"], true).await;
    assert_eq!(status.code(), Some(0));
    let (status, _) = closed_reader(&env, &["search", "--company", "1", "--state", "asleep"], true).await;
    assert_eq!(status.code(), Some(2));
    // What a reader that stays is given is unchanged.
    let out = env.run(&["search", "--company", "1", "0542"]).await;
    assert!(String::from_utf8_lossy(&out.stdout).contains("77010542007"));
}

#[tokio::test]
async fn show_prints_kazakhstan_time_and_says_so() {
    let env = Env::start().await;
    env.login().await;
    let json = env.json(&["show", "77010542007"]).await;
    let at: DateTime<Utc> = json["data"]["summary"]["state_changed_at"].as_str().unwrap().parse().unwrap();
    let out = env.run(&["show", "77010542007"]).await;
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let kz = at.with_timezone(&kabinet_core::kz::offset()).format("%d.%m.%Y %H:%M");
    assert!(text.contains(&format!("since {kz} (Kazakhstan time)")), "{text}");
    assert!(!text.contains("UTC"), "{text}");
    // JSON keeps the wire's UTC, for scripts.
    assert!(json["data"]["summary"]["state_changed_at"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn a_bulk_run_resumed_without_yes_and_without_a_terminal_says_why_it_did_not_run() {
    let env = Env::start().await;
    env.login().await;
    let file = env.dir.path().join("numbers.txt");
    std::fs::write(&file, "77012115526\n").unwrap();
    let file = file.to_str().unwrap();
    // Previewed and kept, not confirmed: its id is printed with the preview.
    let first = env.run(&["bulk", "--action", "block", "--numbers", file]).await;
    assert_eq!(first.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&first.stderr);
    let run_id = stderr.split("(run ").nth(1).and_then(|s| s.split(')').next()).unwrap().to_string();
    assert!(stderr.contains("--yes"), "{stderr}");

    let resumed = env.run(&["bulk", "--resume", &run_id]).await;
    assert_eq!(resumed.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert!(
        stderr.contains("stdin is not a terminal") && stderr.contains(&format!("--resume {run_id} --yes")),
        "{stderr}"
    );
    let json = env.run(&["--json", "bulk", "--resume", &run_id]).await;
    assert_eq!(json.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!((err["field"].as_str(), err["code"].as_str()), (Some("yes"), Some("invalid_input")));

    // On a terminal nobody types at (a job under a pty: the answer is the end of input), it said
    // "not run (resume it later with --resume ID)" to the --resume that was run: now it says why.
    #[cfg(target_os = "linux")]
    {
        let out = env.in_terminal(&["bulk", "--resume", &run_id]).await;
        assert_eq!(out.status.code(), Some(2));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("no answer came") && text.contains(&format!("--resume {run_id} --yes")), "{text}");
    }

    let ran = env.run(&["bulk", "--resume", &run_id, "--yes"]).await;
    assert_eq!(ran.status.code(), Some(0), "{}", String::from_utf8_lossy(&ran.stderr));
}
