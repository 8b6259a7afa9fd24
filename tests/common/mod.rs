//! Drives the real app window end to end: a private Xvfb display, `tauri-driver` (which starts
//! WebKitWebDriver) and a W3C WebDriver session on the debug binary, with its own data folder.
//!
//! Needs `Xvfb`, `WebKitWebDriver` and `tauri-driver` on PATH (the README's test command
//! installs them). Tests take a process-wide lock: two WebKit windows at once are slow on two
//! cores. Children get their own log files (never the test's stdout, which would keep
//! `cargo test` waiting) and `tauri-driver` is stopped with SIGTERM, never SIGKILL, so it can
//! take WebKitWebDriver down with it.

#![allow(dead_code)]

pub mod bulk;
pub mod procs;
mod watchdog;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
const WAIT: Duration = Duration::from_secs(20);

pub struct App {
    pub client: Client,
    _processes: Processes,
    pub data_dir: tempfile::TempDir,
    _serial: tokio::sync::MutexGuard<'static, ()>,
    _watchdog: watchdog::Watchdog,
}

/// The display and the driver; stopped on drop, also when a launch fails halfway.
struct Processes {
    xvfb: Child,
    driver: Option<Child>,
    /// The X display the app runs on (`:93`), for a second process on the same screen.
    display: String,
}

impl Drop for Processes {
    fn drop(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver (and so the app) before it exits; it
        // is never SIGKILLed, which would orphan WebKitWebDriver and keep `cargo test` waiting.
        if let Some(driver) = &mut self.driver {
            terminate(driver, Duration::from_secs(5));
        }
        // SIGTERM lets Xvfb remove its lock file and socket; SIGKILL only if it does not stop.
        if !terminate(&mut self.xvfb, Duration::from_secs(3)) {
            let _ = self.xvfb.kill();
            let _ = self.xvfb.wait();
        }
    }
}

/// Sends SIGTERM and waits up to `grace`; whether the process exited.
fn terminate(child: &mut Child, grace: Duration) -> bool {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let started = Instant::now();
    while started.elapsed() < grace {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn log_file(dir: &Path, name: &str) -> Stdio {
    Stdio::from(std::fs::File::create(dir.join(name)).expect("log file"))
}

fn require(tool: &str) {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join(tool).is_file()))
        .unwrap_or(false);
    assert!(found, "{tool} is not on PATH: run the README's test command, which installs it");
}

/// Whether display `n` can be used: free, or left behind by an X server that is gone (a
/// killed Xvfb keeps its lock file and socket), whose files are then removed.
fn claim_display(n: u32) -> bool {
    let lock = PathBuf::from(format!("/tmp/.X{n}-lock"));
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
    match std::fs::read_to_string(&lock) {
        Ok(pid) => {
            let alive = pid.trim().parse::<u32>().map_or(true, |pid| Path::new(&format!("/proc/{pid}")).exists());
            if alive {
                return false;
            }
            let _ = std::fs::remove_file(&lock);
            let _ = std::fs::remove_file(&socket);
            true
        }
        // A socket without a lock belongs to a server we know nothing of: leave it alone.
        Err(_) => !socket.exists(),
    }
}

fn start_xvfb(logs: &Path) -> (Child, String) {
    require("Xvfb");
    for n in 90..200u32 {
        if !claim_display(n) {
            continue;
        }
        let display = format!(":{n}");
        let mut child = Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(log_file(logs, "xvfb.log"))
            .spawn()
            .expect("Xvfb starts");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return (child, display);
            }
            if let Ok(Some(_)) = child.try_wait() {
                break; // lost a race for this display: try the next one
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("no free X display for Xvfb");
}

fn wait_for_port(port: u16) {
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "tauri-driver did not listen on {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Two distinct free ports, taken while both are held so they cannot be the same one.
fn two_free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let b = TcpListener::bind("127.0.0.1:0").expect("a free port");
    (a.local_addr().unwrap().port(), b.local_addr().unwrap().port())
}

/// A display, `tauri-driver` and a WebDriver session on the debug binary; on failure, the error
/// and what the driver logged (the processes are stopped when the error is returned).
/// The embedded demo portal's sandbox secret in these tests (`X-Sandbox-Secret`), so a test
/// can move its clock; the app otherwise picks a random one per run.
pub const DEMO_PORTAL_SECRET: &str = "e2e-demo-portal-secret";

async fn start_session(
    data_dir: &tempfile::TempDir,
    env: &[(&str, &str)],
) -> Result<(Client, Processes), (String, String)> {
    let logs = data_dir.path().to_path_buf();
    let (xvfb, display) = start_xvfb(&logs);
    let mut processes = Processes { xvfb, driver: None, display: display.clone() };
    let (port, native_port) = two_free_ports();
    let mut command = Command::new("tauri-driver");
    command
        .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
        .env("DISPLAY", &display)
        .env("KABINET_DATA_DIR", data_dir.path().join("app"))
        // The webview's own storage (localStorage: the list's columns) per run, not the user's.
        .env("XDG_DATA_HOME", data_dir.path().join("xdg-data"))
        .env("KABINET_KEYCHAIN", "off")
        .env("KABINET_DEMO_PORTAL_SECRET", DEMO_PORTAL_SECRET)
        // Tests talk only to loopback: the update check at start meets a closed port (quietly)
        // unless a test serves its own manifest (tests/e2e_updates.rs).
        .env("KABINET_TEST_UPDATE_ENDPOINT", "http://127.0.0.1:9/latest.json")
        // A first start follows the system's language: English here, whatever the machine's,
        // unless a test names one (`LANG`).
        .env("LANG", "C.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(log_file(&logs, "tauri-driver.log"))
        .stderr(log_file(&logs, "tauri-driver.err.log"));
    for (k, v) in env {
        command.env(k, v);
    }
    processes.driver = Some(command.spawn().expect("tauri-driver starts"));
    wait_for_port(port);

    let mut caps = serde_json::Map::new();
    // `KABINET_E2E_APP`: another build of the app (a copy of an earlier one, to show that a
    // new test fails before the change it checks).
    let application = std::env::var("KABINET_E2E_APP").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kabinet").to_string());
    caps.insert("tauri:options".into(), serde_json::json!({ "application": application }));
    let connected =
        ClientBuilder::new(HttpConnector::new()).capabilities(caps).connect(&format!("http://127.0.0.1:{port}")).await;
    match connected {
        Ok(client) => Ok((client, processes)),
        Err(e) => {
            drop(processes);
            let log = std::fs::read_to_string(logs.join("tauri-driver.err.log")).unwrap_or_default();
            Err((e.to_string(), log))
        }
    }
}

/// Holds the portal's answers to changes `ms` late (after the change is made), or not at all.
pub async fn delay_answers(portal: &portal_sandbox::RunningSandbox, ms: Option<u64>) {
    let status = reqwest::Client::new()
        .post(format!("{}sandbox/faults", portal.url()))
        .json(&serde_json::json!({ "delay_answers_ms": ms }))
        .send()
        .await
        .expect("the sandbox answers")
        .status();
    assert_eq!(status, 204);
}

/// A demo sandbox of the test's own on loopback (to stop, or to move the clock of), with its
/// data folder.
pub async fn own_portal() -> (portal_sandbox::RunningSandbox, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = portal_sandbox::start(portal_sandbox::Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().into()))
        .await
        .expect("sandbox starts");
    (portal, dir)
}

impl App {
    /// Starts the app on the embedded demo portal, in a fresh data folder.
    pub async fn launch() -> App {
        Self::launch_with(&[]).await
    }

    /// Starts the app with extra environment variables (e.g. `KABINET_DATA_DIR` reuse).
    ///
    /// Opening the WebDriver session is tried up to three times, each with a fresh display,
    /// driver and ports: on a loaded two-core machine WebKitWebDriver now and then drops the
    /// very first request. What the app then does is the test's to check, never retried.
    pub async fn launch_with(env: &[(&str, &str)]) -> App {
        Self::launch_until(env, "body[data-booted]").await
    }

    /// Starts the app and hands it over as soon as its login form is on screen, before the
    /// start is over (`data-booted`): a user who presses Sign in at once. With
    /// `KABINET_TEST_START_DELAY_MS` the start is held that long (debug builds).
    pub async fn launch_early(env: &[(&str, &str)]) -> App {
        Self::launch_until(env, "#login-submit").await
    }

    async fn launch_until(env: &[(&str, &str)], ready: &str) -> App {
        let serial = SERIAL.lock().await;
        require("tauri-driver");
        require("WebKitWebDriver");
        let mut failures = Vec::new();
        for attempt in 1..=3 {
            let data_dir = tempfile::tempdir().expect("temp dir");
            match start_session(&data_dir, env).await {
                Ok((client, processes)) => {
                    let watchdog =
                        watchdog::Watchdog::start(processes.driver.as_ref().map(Child::id), processes.xvfb.id());
                    let app = App { client, _processes: processes, data_dir, _serial: serial, _watchdog: watchdog };
                    // Act only once the window has started (`booted()` in main.js), as a user
                    // who sees the first screen would: a click before that raced the start
                    // (unless the test is about that race: `launch_early`).
                    app.find(ready).await;
                    return app;
                }
                Err((error, driver_log)) => {
                    eprintln!("e2e: attempt {attempt} to open a session failed: {error}\n{driver_log}");
                    failures.push(error);
                }
            }
        }
        panic!("no WebDriver session on the app after 3 attempts: {failures:?}");
    }

    /// The X display the app runs on (its clipboard, a second launch on the same screen).
    pub fn display(&self) -> &str {
        &self._processes.display
    }

    pub fn logs(&self) -> PathBuf {
        self.data_dir.path().to_path_buf()
    }

    /// Waits for an element that matches `css`.
    pub async fn find(&self, css: &str) -> Element {
        self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"))
    }

    /// Waits until the element's text contains `needle`, and returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < WAIT {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(needle) {
                        return text;
                    }
                    last = text;
                }
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!("{css} never showed {needle:?}; last text: {last:?}");
    }

    /// Waits until the DOM text of every row matching `css` (joined) contains `needle`. For
    /// cells whose rendered text WebDriver does not report (clipped, ellipsised).
    pub async fn wait_content(&self, css: &str, needle: &str) -> String {
        let started = Instant::now();
        let script = "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent).join('\\n');";
        let mut last = String::new();
        while started.elapsed() < WAIT {
            if let Ok(v) = self.client.execute(script, vec![css.into()]).await {
                last = v.as_str().unwrap_or_default().to_string();
                if last.contains(needle) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!("{css} never contained {needle:?}; last: {last:?}");
    }

    /// Waits until an element that matches `css` is visible.
    pub async fn wait_visible(&self, css: &str) -> Element {
        let started = Instant::now();
        while started.elapsed() < WAIT {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if el.is_displayed().await.unwrap_or(false) {
                    return el;
                }
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!("{css} never became visible");
    }

    /// Clicks the element that matches `css`. Lists redraw their rows (a search, a window
    /// arriving), so an element found a moment ago may be gone: then it is found again.
    pub async fn click(&self, css: &str) {
        let started = Instant::now();
        loop {
            match self.wait_visible(css).await.click().await {
                Ok(_) => return,
                Err(e) if started.elapsed() < WAIT => {
                    eprintln!("click {css}: {e}; finding it again");
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
                Err(e) => panic!("click {css}: {e}"),
            }
        }
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_visible(css).await;
        el.clear().await.unwrap_or_else(|e| panic!("clear {css}: {e}"));
        el.send_keys(text).await.unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Sets a `<select>` and fires `change`, as a user's choice does.
    pub async fn choose(&self, css: &str, value: &str) {
        self.find(css).await;
        let script = "const s = document.querySelector(arguments[0]); s.value = arguments[1]; \
                      s.dispatchEvent(new Event('change', { bubbles: true }));";
        self.client.execute(script, vec![css.into(), value.into()]).await.expect("select an option");
    }

    /// Saves a screenshot into the test's log folder (kept when a test fails).
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(self.logs().join(format!("{name}.png")), png);
        }
    }

    /// Sets the window to its minimum size (`tauri.conf.json`) and waits for the page to take it.
    pub async fn to_minimum_size(&self) {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
        let window = &conf["app"]["windows"][0];
        let (w, h) = (window["minWidth"].as_u64().unwrap() as u32, window["minHeight"].as_u64().unwrap() as u32);
        self.client.set_window_size(w, h).await.expect("resize the window");
        let mut inner = 0;
        for _ in 0..50 {
            inner = self.client.execute("return window.innerWidth;", vec![]).await.unwrap().as_u64().unwrap_or(0);
            if inner <= u64::from(w) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(inner <= u64::from(w), "the window did not shrink to {w} px: {inner}");
    }

    /// Sets the window's size and waits until the page has it, and a frame for the layout.
    pub async fn resize(&self, w: u32, h: u32) {
        self.client.set_window_size(w, h).await.expect("resize the window");
        for _ in 0..50 {
            let inner = self.client.execute("return window.innerWidth;", vec![]).await.expect("a script's answer");
            if inner.as_u64().is_some_and(|i| i <= u64::from(w) && i + 40 > u64::from(w)) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// The current value of the input that matches `css`.
    pub async fn value(&self, css: &str) -> String {
        self.read(css, |el| async move { el.prop("value").await }).await.unwrap_or_default()
    }

    /// An attribute of the element that matches `css`, if it has it.
    pub async fn attribute(&self, css: &str, name: &str) -> Option<String> {
        self.read(css, |el| async move { el.attr(name).await }).await
    }

    /// Reads from the element that matches `css`, finding it again when the screen drew it anew
    /// between the find and the read (a stale element: CI's slower runs meet it).
    async fn read<T, F, Fut>(&self, css: &str, read: F) -> T
    where
        F: Fn(Element) -> Fut,
        Fut: std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
    {
        let started = Instant::now();
        loop {
            match read(self.find(css).await).await {
                Ok(value) => return value,
                Err(e) if started.elapsed() < WAIT => {
                    eprintln!("read {css}: {e}; finding it again");
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
                Err(e) => panic!("read {css}: {e}"),
            }
        }
    }

    /// Opens an item of the number profile's "…" menu (`#more-<item>`).
    pub async fn more(&self, item: &str) {
        self.click("#number-more").await;
        self.click(&format!("#more-{item}")).await;
    }

    /// Copies this test's screenshots to `$KABINET_E2E_SHOTS` when it is set, to look at them
    /// after a passing run (they are kept in the log folder only when a test fails).
    pub fn keep_screenshots(&self) {
        let Some(dir) = std::env::var_os("KABINET_E2E_SHOTS") else { return };
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        for entry in std::fs::read_dir(self.logs()).expect("log folder").flatten() {
            if entry.path().extension().is_some_and(|e| e == "png") {
                std::fs::copy(entry.path(), std::path::Path::new(&dir).join(entry.file_name()))
                    .expect("copy a screenshot");
            }
        }
    }

    /// Points the app at the portal at `url` from Settings, as a user would, and waits for the
    /// login screen that says so.
    pub async fn use_portal(&self, url: &str) {
        self.click("#nav-settings").await;
        self.type_into("#settings-portal-url", url).await;
        self.click("#settings-save").await;
        self.wait_text("#login-notice", "The portal was changed").await;
    }

    /// Signs in with the demo administrator and waits for the company screen.
    pub async fn sign_in_demo(&self) {
        self.type_into("#login-phone", "77010016515").await;
        self.type_into("#login-password", "Kabinet-2026").await;
        self.click("#login-submit").await;
        self.find("#screen-home").await;
    }

    /// Searches the list for `query` and waits until it shows `msisdn` alone (in any language):
    /// a click on a row the next answer redraws between press and release is lost.
    pub async fn search_one(&self, query: &str, msisdn: &str) {
        self.type_into("#numbers-search", query).await;
        let started = Instant::now();
        loop {
            let text = self.wait_text("#numbers-count", ":").await;
            let row = format!("#numbers-viewport[data-search='{query}'] [data-msisdn='{msisdn}']");
            let shown = self.client.find(Locator::Css(&row)).await;
            if text.rsplit(':').next().map(str::trim) == Some("1") && shown.is_ok() {
                return;
            }
            assert!(started.elapsed() < WAIT, "searching {query:?} never showed {msisdn} alone: {text:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Finds a number in the list and opens its profile from its row menu.
    pub async fn open_profile(&self, msisdn: &str) {
        self.search_one(&msisdn[4..], msisdn).await;
        self.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-more]")).await;
        self.click("#menu-profile").await;
        self.find(&format!("#screen-number[data-msisdn='{msisdn}'] #number-general .kv")).await;
    }

    /// The bytes of a documents-library file (`data-document` on screen), read from the app's
    /// cache file as a second reader, as the user's viewer would get them.
    pub async fn library_file(&self, id: i64) -> Vec<u8> {
        use sqlx::{ConnectOptions, Connection};
        let path = self.data_dir.path().join("app").join("cache.sqlite");
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .connect()
            .await
            .expect("the app's cache opens");
        let bytes = sqlx::query_scalar("SELECT bytes FROM documents WHERE id = ?")
            .bind(id)
            .fetch_one(&mut conn)
            .await
            .expect("the document is in the library");
        let _ = conn.close().await;
        bytes
    }

    /// Ends the WebDriver session and the processes behind it.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let kept = self.data_dir.path().to_path_buf();
            eprintln!("e2e logs and screenshots: {}", kept.display());
            std::mem::forget(std::mem::replace(&mut self.data_dir, tempfile::tempdir().expect("temp dir")));
        }
    }
}
