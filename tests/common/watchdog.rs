//! Ends a test binary whose window stopped answering, instead of letting CI wait for ever.
//!
//! A WebDriver call has no timeout of its own: WebKitWebDriver once hung in `set_window_size`
//! and `cargo test` waited until CI's 90 minutes ran out, with no word of which test. Each
//! [`super::App`] holds a [`Watchdog`]; when the app is dropped the watchdog stands down. If
//! one app is held longer than the limit (`KABINET_E2E_TEST_LIMIT_S`, 600 s by default: the
//! slowest e2e test takes about two minutes on CI), it names the hang, stops the driver and the
//! display the way the harness does on drop, and exits the binary with a failure.

use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::time::Duration;

pub struct Watchdog {
    _armed: Sender<()>,
}

impl Watchdog {
    /// Watches the app whose driver and display have these process ids.
    pub fn start(driver: Option<u32>, xvfb: u32) -> Watchdog {
        let limit = std::env::var("KABINET_E2E_TEST_LIMIT_S").ok().and_then(|s| s.parse().ok()).unwrap_or(600);
        let test = std::thread::current().name().unwrap_or("an e2e test").to_string();
        let (armed, stood_down) = channel::<()>();
        std::thread::spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = stood_down.recv_timeout(Duration::from_secs(limit)) {
                eprintln!("e2e: {test} held the app window for more than {limit} s: it hangs; ending the run");
                for pid in driver.into_iter().chain([xvfb]) {
                    let _ = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
                    std::thread::sleep(Duration::from_secs(3));
                }
                std::process::exit(101);
            }
        });
        Watchdog { _armed: armed }
    }
}
