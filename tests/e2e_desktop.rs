//! End to end, like any desktop app: a second launch on the same data folder hands over to the
//! running window (which is told, and focused) and exits, while a launch on another folder starts
//! on its own; the CLI reads and writes the cache the open app uses; and the window comes back
//! at the size and place it was left, though the app was ended without a clean exit.
//!
//! The single instance needs a D-Bus session bus (on Linux the plugin owns a name on it): each
//! test that checks it starts a private one (`dbus-daemon --session`), so parallel runs and CI
//! machines without a bus are alike.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A private D-Bus session bus, stopped on drop.
struct SessionBus {
    address: String,
    pid: u32,
}

impl SessionBus {
    fn start() -> SessionBus {
        let out = Command::new("dbus-daemon")
            .args(["--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"])
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .expect("dbus-daemon runs (.ci/deps installs it)");
        assert!(out.status.success(), "dbus-daemon started");
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let mut lines = text.lines();
        let address = lines.next().expect("the bus address").trim().to_string();
        let pid = lines.next().expect("the bus pid").trim().parse().expect("a pid");
        SessionBus { address, pid }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.pid.to_string()]).status();
    }
}

/// The app binary the harness drives, started directly (as a user's second double-click).
fn app_binary() -> String {
    std::env::var("KABINET_E2E_APP").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kabinet").to_string())
}

/// Starts the app on `data` as the harness would, on the running app's display and bus.
fn launch_directly(app: &App, data: &Path, bus: &SessionBus, log: &str) -> Child {
    Command::new(app_binary())
        .env("DISPLAY", app.display())
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("KABINET_DATA_DIR", data)
        .env("XDG_DATA_HOME", app.logs().join("xdg-data"))
        .env("KABINET_KEYCHAIN", "off")
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(app.logs().join(log)).expect("log file")))
        .spawn()
        .expect("the app starts")
}

/// Waits up to `limit` for `child` to exit; its exit status, or `None` if it still runs.
fn wait_exit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// Stops an app this test started itself (SIGTERM, then SIGKILL).
fn stop(mut child: Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    if wait_exit(&mut child, Duration::from_secs(5)).is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

#[tokio::test]
async fn a_second_launch_on_the_same_data_folder_hands_over_to_the_running_window() {
    let bus = SessionBus::start();
    let app = App::launch_with(&[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]).await;
    let script = "window.__secondLaunches = 0; \
                  return window.__TAURI__.event.listen('second-instance', () => { window.__secondLaunches += 1; }) \
                  .then(() => true);";
    app.client.execute(script, vec![]).await.expect("listen to the app's event");

    // The same folder: the second launch hands over and exits at once, successfully.
    let data = app.logs().join("app");
    let mut second = launch_directly(&app, &data, &bus, "second.log");
    let Some(status) = wait_exit(&mut second, Duration::from_secs(20)) else {
        stop(second);
        panic!("a second app opened on the same data folder instead of handing over");
    };
    assert!(status.success(), "the second launch exited with {status}");
    let started = Instant::now();
    loop {
        let told = app.client.execute("return window.__secondLaunches;", vec![]).await.expect("read the count");
        if told.as_u64() == Some(1) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the running window was not told: {told}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    // It was brought forward: shown and given the focus.
    let focused = app.client.execute("return document.hasFocus();", vec![]).await.expect("focus");
    assert_eq!(focused, serde_json::json!(true), "the running window has the focus");

    // Another folder is another cache: that app starts on its own, on the same bus.
    let other = app.logs().join("other");
    let mut third = launch_directly(&app, &other, &bus, "third.log");
    let started = Instant::now();
    while !other.join("cache.sqlite").exists() {
        if let Ok(Some(status)) = third.try_wait() {
            panic!("an app on another data folder did not start: {status}");
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the app on another folder never opened its cache");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(third.try_wait().expect("status").is_none(), "the app on another folder runs");
    stop(third);
    app.close().await;
}

/// `kabinet-cli`, built beside the app by `cargo build --workspace`.
fn cli_binary() -> PathBuf {
    let cli = Path::new(env!("CARGO_BIN_EXE_kabinet")).with_file_name("kabinet-cli");
    assert!(cli.is_file(), "{} is missing: run `cargo build --workspace` first", cli.display());
    cli
}

/// Runs the CLI on the app's data folder, as the user would in a terminal beside the window.
async fn cli(data: &Path, args: &[&str]) -> serde_json::Value {
    let mut command = Command::new(cli_binary());
    command
        .arg("--json")
        .args(args)
        .env("KABINET_DATA_DIR", data)
        .env("KABINET_KEYCHAIN", "off")
        .env("KABINET_PASSWORD", "Kabinet-2026")
        .env("LANG", "C.UTF-8");
    let out = tokio::task::spawn_blocking(move || command.output().expect("the CLI runs")).await.unwrap();
    assert!(out.status.success(), "kabinet-cli {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("kabinet-cli {args:?}: {e}"))
}

#[tokio::test]
async fn the_cli_reads_and_writes_the_cache_while_the_app_is_open() {
    let (portal, _portal_dir) = common::own_portal().await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    let data = app.logs().join("app");

    // It reads what the app synced: no sync of its own first.
    cli(&data, &["login", "--portal", &portal.url(), "--phone", "77010016515"]).await;
    let found = cli(&data, &["search", "--company", "1", "0542006"]).await;
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["rows"][0]["msisdn"], "77010542006");

    // It writes, and the open window reads what it wrote from the cache (the number's labels).
    cli(&data, &["labels", "--company", "1", "set", "77010542006", "--employee", "Zhanna Terminal"]).await;
    app.open_profile("77010542006").await;
    app.wait_text("#labels-employee", "Zhanna Terminal").await;
    app.close().await;
}

/// The saved state of the main window, once the file holds `width`.
fn saved_state(file: &Path, width: u64) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let state: Option<serde_json::Value> = std::fs::read(file)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .map(|v: serde_json::Value| v["main"].clone());
        match state {
            Some(state) if state["width"].as_u64() == Some(width) => return state,
            last => assert!(
                started.elapsed() < Duration::from_secs(20),
                "{} never said width {width}: {last:?}",
                file.display()
            ),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test]
async fn the_window_comes_back_at_its_size_and_place_after_an_unclean_end() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap().to_string();
    let app = App::launch_with(&[("KABINET_DATA_DIR", &dir)]).await;
    app.client.set_window_rect(40, 30, 1000, 700).await.expect("move and resize the window");
    let state = saved_state(&data.path().join("window-state.json"), 1000);
    assert_eq!(state["height"], 700, "{state}");
    let (x, y) = (state["x"].as_i64().unwrap(), state["y"].as_i64().unwrap());
    // tauri-driver ends the app without a clean exit: what was saved is what there is.
    app.close().await;

    let app = App::launch_with(&[("KABINET_DATA_DIR", &dir)]).await;
    let script = "return [window.innerWidth, window.innerHeight, window.screenX, window.screenY];";
    let started = Instant::now();
    loop {
        let got = app.client.execute(script, vec![]).await.expect("the window's size");
        if got == serde_json::json!([1000, 700, x, y]) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the window came back as {got}, not 1000x700 at {x},{y}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    app.close().await;
}
