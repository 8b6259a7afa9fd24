//! What the CLI's tests share: a sandbox on loopback and the CLI run against it, as a user would
//! (its own data folder, no OS keychain, `KABINET_PASSWORD` so each command can sign in).
#![allow(dead_code)] // each test file uses its part

use std::process::{Command, Output};

pub struct Env {
    pub dir: tempfile::TempDir,
    pub portal: Option<portal_sandbox::RunningSandbox>,
}

impl Env {
    pub async fn start() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let portal = portal_sandbox::start(portal_sandbox::Config::demo(
            "127.0.0.1:0".parse().unwrap(),
            dir.path().join("portal"),
        ))
        .await
        .unwrap();
        Env { dir, portal: Some(portal) }
    }

    /// The CLI with `args`, on this environment's data folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kabinet-cli"));
        command
            .args(args)
            .env("KABINET_DATA_DIR", self.dir.path().join("data"))
            .env("KABINET_KEYCHAIN", "off")
            .env("KABINET_PASSWORD", "Kabinet-2026")
            // The CLI speaks the locale's language: the tests read English unless they ask.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8");
        command
    }

    /// Runs the CLI on a terminal that nobody types at (`script` gives it a pty whose input
    /// ends at once); what the terminal showed, stdout and stderr together, is `stdout`.
    #[cfg(target_os = "linux")]
    pub async fn in_terminal(&self, args: &[&str]) -> Output {
        let line = std::iter::once(env!("CARGO_BIN_EXE_kabinet-cli"))
            .chain(args.iter().copied())
            .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
            .collect::<Vec<_>>()
            .join(" ");
        let cli = self.command(&[]);
        let mut script = Command::new("script");
        script
            .args(["-qec", &line, "/dev/null"])
            .stdin(std::process::Stdio::null())
            .envs(cli.get_envs().filter_map(|(key, value)| Some((key, value?))));
        tokio::task::spawn_blocking(move || script.output().unwrap()).await.unwrap()
    }

    /// Runs the CLI in a blocking thread (the sandbox keeps serving on this runtime).
    pub async fn run(&self, args: &[&str]) -> Output {
        let mut command = self.command(args);
        tokio::task::spawn_blocking(move || command.output().unwrap()).await.unwrap()
    }

    pub async fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all).await;
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
    }
}

impl Env {
    /// A sandbox whose reports are ready one second after they are asked for.
    pub async fn quick_reports() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let mut config = portal_sandbox::Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
        config.rules.report = chrono::Duration::seconds(1);
        let portal = portal_sandbox::start(config).await.unwrap();
        Env { dir, portal: Some(portal) }
    }

    pub async fn login(&self) {
        let url = self.portal.as_ref().unwrap().url();
        let out = self.run(&["login", "--portal", &url, "--phone", "77010016515"]).await;
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}
