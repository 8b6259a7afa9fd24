//! `cargo bench --bench cold_start`: how long the app takes from its launch to a drawn login
//! screen, seen from the WINDOW (the X display's pixels), not from a log line or WebDriver.
//!
//! On a private Xvfb display the bench starts the app binary once to learn what the drawn login
//! screen looks like (the screen once it has not changed for [`STABLE_FOR`]), then starts it
//! `KABINET_BENCH_RUNS` times (default 5), each with a fresh data folder (`KABINET_DATA_DIR`,
//! `XDG_DATA_HOME`, `XDG_CONFIG_HOME`, `XDG_CACHE_HOME`), and grabs the root window's pixels
//! (`GetImage`) until they match that reference. Prints `name=value` lines:
//! `cold_start_ms` (median), `cold_start_min_ms`, `cold_start_max_ms`, and `first_frame_ms`
//! (median time to the first pixel of the window: the window itself, before its page), and the
//! median of each phase the app logs (`start timing:` in its log, src-tauri/timing.rs) as
//! `phase.<name>_ms` (the setup, the page's navigation start, its HTML parsed, its modules run,
//! the app's info answered, the login form drawn, painted, started).
//!
//! "Cold" is the app's own state: a new process with no data; the OS's file cache is warm (the
//! reference run reads the binary and WebKit's libraries first). The app is the release build
//! that `cargo bench` makes (`target/release/kabinet`), or `KABINET_APP=/path/to/binary`.
//! Needs `Xvfb` on PATH. A benchmark, not a test: it asserts nothing of the figures.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt, ImageFormat};
use x11rb::rust_connection::RustConnection;

/// The reference is the screen once it has not changed for this long.
const STABLE_FOR: Duration = Duration::from_millis(2500);
/// A run that shows no login screen in this time failed.
const GIVE_UP: Duration = Duration::from_secs(20);
/// Pixels that may differ from the reference and still be "the same screen": a text caret
/// blinking in the focused phone field is one or two pixels wide and about 20 high.
const TOLERATED_PIXELS: usize = 100;

/// A private X display.
struct Display {
    xvfb: Child,
    name: String,
}

impl Drop for Display {
    fn drop(&mut self) {
        stop(&mut self.xvfb);
    }
}

/// SIGTERM, then SIGKILL if the process has not ended after 3 s.
fn stop(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn start_display() -> Display {
    for n in 300..400u32 {
        if Path::new(&format!("/tmp/.X{n}-lock")).exists() || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
            continue;
        }
        let name = format!(":{n}");
        // -br: a black root, so "nothing drawn yet" is all zeros.
        let mut xvfb = Command::new("Xvfb")
            .args([name.as_str(), "-screen", "0", "1280x800x24", "-br", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts (is it on PATH?)");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return Display { xvfb, name };
            }
            if let Ok(Some(_)) = xvfb.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        stop(&mut xvfb);
    }
    panic!("no free X display");
}

/// The root window's pixels.
struct Screen {
    conn: RustConnection,
    root: u32,
    width: u16,
    height: u16,
}

impl Screen {
    fn open(display: &str) -> Self {
        let (conn, screen) = x11rb::connect(Some(display)).expect("connect to Xvfb");
        let s = &conn.setup().roots[screen];
        let (root, width, height) = (s.root, s.width_in_pixels, s.height_in_pixels);
        Self { conn, root, width, height }
    }

    fn grab(&self) -> Vec<u8> {
        let reply = self
            .conn
            .get_image(ImageFormat::Z_PIXMAP, self.root, 0, 0, self.width, self.height, !0)
            .expect("GetImage sent")
            .reply()
            .expect("GetImage answered");
        reply.data
    }
}

/// A colour channel closer than this to the reference's is the same: WebKit's tiles of one
/// screen differ by a level or two of colour from one run to the next.
const TOLERATED_SHADE: u8 = 16;

/// How many pixels (4 bytes each at depth 24) differ.
fn differing_pixels(a: &[u8], b: &[u8]) -> usize {
    let differs = |x: &[u8], y: &[u8]| x[..3].iter().zip(&y[..3]).any(|(p, q)| p.abs_diff(*q) > TOLERATED_SHADE);
    a.chunks_exact(4).zip(b.chunks_exact(4)).filter(|(x, y)| differs(x, y)).count()
}

fn blank(image: &[u8]) -> bool {
    image.iter().all(|b| *b == 0)
}

/// A started app, stopped when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        stop(&mut self.0);
    }
}

/// The app on `display` with fresh folders under `dir`.
fn launch(app: &str, display: &str, dir: &Path) -> Running {
    let logs = std::fs::File::create(dir.join("app.log")).expect("log file");
    let child = Command::new(app)
        .env("DISPLAY", display)
        .env("KABINET_DATA_DIR", dir.join("app"))
        .env("XDG_DATA_HOME", dir.join("xdg-data"))
        .env("XDG_CONFIG_HOME", dir.join("xdg-config"))
        .env("XDG_CACHE_HOME", dir.join("xdg-cache"))
        .env("KABINET_KEYCHAIN", "off")
        // No update check on the network: a closed loopback port answers at once.
        .env("KABINET_TEST_UPDATE_ENDPOINT", "http://127.0.0.1:9/latest.json")
        .env("LANG", "C.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(logs)
        .spawn()
        .expect("the app starts");
    Running(child)
}

/// What one run saw: the first non-black frame, the first frame equal to `reference`, and the
/// phases the app logged (`name`, `value`).
struct Run {
    first_frame: Duration,
    login_drawn: Duration,
    phases: Vec<(String, f64)>,
}

/// How long to wait, after the drawn login screen, for the app's `start timing:` line.
const PHASES_WAIT: Duration = Duration::from_secs(10);

/// The `name=value` pairs of the app's `start timing:` log line, once it is written.
fn logged_phases(log: &Path) -> Vec<(String, f64)> {
    let started = Instant::now();
    while started.elapsed() < PHASES_WAIT {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if let Some((_, line)) = text.lines().find_map(|l| l.split_once("start timing:")) {
            return line
                .split_whitespace()
                .filter_map(|pair| pair.split_once('='))
                .filter_map(|(name, value)| Some((name.to_string(), value.parse().ok()?)))
                .collect();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Vec::new()
}

fn timed_run(app: &str, display: &Display, screen: &Screen, reference: &[u8]) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let child = launch(app, &display.name, dir.path());
    let mut first_frame = None;
    // `KABINET_BENCH_FRAMES=DIR`: every new frame of the run, named by its time, for a look.
    let frames = std::env::var("KABINET_BENCH_FRAMES").ok();
    let mut last: Vec<u8> = Vec::new();
    loop {
        let image = screen.grab();
        let at = started.elapsed();
        if let Some(dir) = &frames {
            if last.is_empty() || differing_pixels(&image, &last) > TOLERATED_PIXELS {
                write_ppm(&Path::new(dir).join(format!("{:05}.ppm", at.as_millis())), &image, screen);
                last = image.clone();
            }
        }
        if first_frame.is_none() && !blank(&image) {
            first_frame = Some(at);
        }
        if differing_pixels(&image, reference) <= TOLERATED_PIXELS {
            let phases = logged_phases(&dir.path().join("app.log"));
            drop(child);
            return Run { first_frame: first_frame.unwrap_or(at), login_drawn: at, phases };
        }
        if at > GIVE_UP {
            drop(child);
            if let Ok(path) = std::env::var("KABINET_BENCH_REFERENCE") {
                write_ppm(Path::new(&format!("{path}.last.ppm")), &image, screen);
            }
            let log = std::fs::read_to_string(dir.path().join("app.log")).unwrap_or_default();
            let differing = differing_pixels(&image, reference);
            panic!("no login screen after {GIVE_UP:?} ({differing} pixels differ); the app's log:\n{log}");
        }
    }
}

/// Starts the app and returns the screen once the app's start is over (its `start timing:` line
/// is logged) and the screen has then not changed for [`STABLE_FOR`]: the drawn login screen. (A
/// page slow to paint on a loaded machine once left the empty window as the reference.)
fn reference(app: &str, display: &Display, screen: &Screen) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let child = launch(app, &display.name, dir.path());
    let started = Instant::now();
    if logged_phases(&dir.path().join("app.log")).is_empty() {
        eprintln!("the app logged no start timing: the reference is the first screen that settles");
    }
    let mut last = screen.grab();
    let mut since = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let image = screen.grab();
        if differing_pixels(&image, &last) > TOLERATED_PIXELS || blank(&image) {
            last = image;
            since = Instant::now();
        } else if since.elapsed() >= STABLE_FOR {
            drop(child);
            if let Ok(path) = std::env::var("KABINET_BENCH_REFERENCE") {
                write_ppm(Path::new(&path), &last, screen);
            }
            return last;
        }
        assert!(started.elapsed() < GIVE_UP, "the screen never settled");
    }
}

/// `KABINET_BENCH_REFERENCE=shot.ppm` keeps the reference for a look.
fn write_ppm(path: &Path, image: &[u8], screen: &Screen) {
    let mut out = format!("P6\n{} {}\n255\n", screen.width, screen.height).into_bytes();
    // Z_PIXMAP at depth 24 on little-endian Xvfb: B, G, R, unused.
    out.extend(image.chunks_exact(4).flat_map(|p| [p[2], p[1], p[0]]));
    std::fs::write(path, out).expect("reference written");
}

fn median(sorted: &[Duration]) -> Duration {
    sorted[sorted.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let app = std::env::var("KABINET_APP").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kabinet").to_string());
    let runs: usize = std::env::var("KABINET_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5).max(1);
    let display = start_display();
    let screen = Screen::open(&display.name);
    println!("app={app}");
    println!("runs={runs}");
    let reference = reference(&app, &display, &screen);
    let mut drawn = Vec::new();
    let mut first = Vec::new();
    let mut phases: Vec<(String, Vec<f64>)> = Vec::new();
    for _ in 0..runs {
        // The previous app's window is gone before the next one starts.
        while !blank(&screen.grab()) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let run = timed_run(&app, &display, &screen, &reference);
        println!("  run: first_frame_ms={} cold_start_ms={}", ms(run.first_frame), ms(run.login_drawn));
        let logged: Vec<String> = run.phases.iter().map(|(n, v)| format!("{n}={v}")).collect();
        println!("    phases: {}", logged.join(" "));
        for (name, value) in run.phases {
            match phases.iter_mut().find(|(n, _)| *n == name) {
                Some((_, values)) => values.push(value),
                None => phases.push((name, vec![value])),
            }
        }
        drawn.push(run.login_drawn);
        first.push(run.first_frame);
    }
    drawn.sort();
    first.sort();
    println!("cold_start_ms={}", ms(median(&drawn)));
    println!("cold_start_min_ms={}", ms(drawn[0]));
    println!("cold_start_max_ms={}", ms(drawn[drawn.len() - 1]));
    println!("first_frame_ms={}", ms(median(&first)));
    for (name, mut values) in phases {
        values.sort_by(f64::total_cmp);
        println!("phase.{name}={}", values[values.len() / 2]);
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("loadavg={}", load.split_whitespace().take(3).collect::<Vec<_>>().join(","));
}
