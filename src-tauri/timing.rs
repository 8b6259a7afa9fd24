//! The start's phases, timed from the launch, one log line: where the time to a drawn login
//! screen goes.
//!
//! The app notes when it was launched ([`launched`], first thing in `run`) and when its setup
//! ran; the window sends its own marks once its first screen is painted (`app_start_timing`:
//! the HTML parsed, the modules read, the app's info answered, the login form drawn, painted),
//! as `performance.now()` times from its `performance.timeOrigin` (the page's navigation start,
//! milliseconds since the Unix epoch, so both sides share one clock). [`log_window_marks`] logs
//! them all as milliseconds since the launch:
//! `start timing: setup_end_ms=… navigation_ms=… html_parsed_ms=… … started_ms=…`.
//! `tests/bench/cold_start.rs` reads that line and prints the median of each phase.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// When `run` began, as milliseconds since the Unix epoch.
static LAUNCHED: OnceLock<f64> = OnceLock::new();
/// When the setup began and ended, in milliseconds since the launch.
static SETUP: OnceLock<(f64, f64)> = OnceLock::new();

/// Most marks a window may send (it sends about eight).
const MAX_MARKS: usize = 32;

fn now_epoch_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
}

/// Notes the launch; the first call counts.
pub fn launched() {
    LAUNCHED.get_or_init(now_epoch_ms);
}

/// Milliseconds since [`launched`].
pub fn since_launch_ms() -> f64 {
    now_epoch_ms() - LAUNCHED.get().copied().unwrap_or_else(now_epoch_ms)
}

/// Notes the setup's start and end (milliseconds since the launch).
pub fn setup_ran(started_ms: f64) {
    let _ = SETUP.set((started_ms, since_launch_ms()));
}

/// The window's marks (`app_start_timing`).
#[derive(Debug, Deserialize)]
pub struct WindowMarks {
    /// The page's `performance.timeOrigin`: its navigation start, ms since the Unix epoch.
    pub time_origin: f64,
    /// Each mark's `performance.now()` time, by name (`html_parsed`, `login_drawn`, ...).
    pub marks: BTreeMap<String, f64>,
}

impl WindowMarks {
    /// Refuses what no window of this app sends: a name other than lower-case letters and `_`,
    /// too many marks, a time that is not a finite number.
    fn checked(self) -> Result<Self, String> {
        if self.marks.len() > MAX_MARKS {
            return Err(format!("marks: at most {MAX_MARKS}"));
        }
        let bad_name =
            |n: &String| n.is_empty() || n.len() > 40 || !n.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if let Some(name) = self.marks.keys().find(|n| bad_name(n)) {
            return Err(format!("marks: the name {name:?} is not lower-case letters and _"));
        }
        if !self.time_origin.is_finite() || self.marks.values().any(|v| !v.is_finite()) {
            return Err("marks: a time is not a number".into());
        }
        Ok(self)
    }
}

/// Logs the start's phases, in milliseconds since the launch; refuses malformed marks.
pub fn log_window_marks(window: WindowMarks) -> Result<(), String> {
    let window = window.checked()?;
    let Some(launched) = LAUNCHED.get().copied() else { return Ok(()) };
    let mut line = String::from("start timing:");
    if let Some((start, end)) = SETUP.get() {
        line.push_str(&format!(" setup_start_ms={start:.0} setup_end_ms={end:.0}"));
    }
    let origin = window.time_origin - launched;
    line.push_str(&format!(" navigation_ms={origin:.0}"));
    let mut marks: Vec<_> = window.marks.into_iter().collect();
    marks.sort_by(|a, b| a.1.total_cmp(&b.1));
    for (name, at) in marks {
        line.push_str(&format!(" {name}_ms={:.0}", origin + at));
    }
    tracing::info!("{line}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(names: &[(&str, f64)]) -> WindowMarks {
        WindowMarks { time_origin: 1.0e12, marks: names.iter().map(|(n, v)| (n.to_string(), *v)).collect() }
    }

    #[test]
    fn only_named_finite_marks_are_taken() {
        assert!(marks(&[("html_parsed", 12.5), ("login_drawn", 40.0)]).checked().is_ok());
        assert!(marks(&[("Login drawn", 1.0)]).checked().unwrap_err().contains("Login drawn"));
        assert!(marks(&[("painted", f64::NAN)]).checked().is_err());
        let many: Vec<(String, f64)> = (0..40).map(|i| ("m".repeat(i + 1), 1.0)).collect();
        let many: Vec<(&str, f64)> = many.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        assert!(marks(&many).checked().is_err());
    }
}
