//! The app's log: every line to stderr, and to a daily file in the platform's log folder
//! (`app_log_dir()`: `~/.local/share/kz.kabinet.desktop/logs` on Linux, `~/Library/Logs/…` on
//! macOS, `%LOCALAPPDATA%\…\logs` on Windows), of which the last [`KEEP_FILES`] are kept.
//!
//! Why redact here: every line goes through [`kabinet_core::redact::redact`] in the writer,
//! whoever logged it, so no caller can leave a phone number, a token or a code in clear (in
//! the file, on stderr, or in the lines "Copy diagnostics" hands to support).
//!
//! The subscriber starts before the window ([`init`]); the file joins once the app knows its
//! log folder ([`start_file`]), so the very first lines reach stderr only.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::MakeWriter;

const PREFIX: &str = "kabinet";
const SUFFIX: &str = "log";
/// One file a day: a week of history, bounded.
pub const KEEP_FILES: usize = 7;

struct LogFile {
    dir: PathBuf,
    appender: Mutex<RollingFileAppender>,
}

static FILE: OnceLock<LogFile> = OnceLock::new();

/// Installs the subscriber: the `RUST_LOG` filter (else `info`), plain text, redacted lines.
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,tao=warn,zbus=warn".into());
    // No colours: escape codes would land in the file and could split what redaction looks for.
    tracing_subscriber::fmt().with_env_filter(filter).with_ansi(false).with_writer(Redacted).init();
}

/// Starts writing to the rotating file in `dir` (made private: 0700 on Unix).
pub fn start_file(dir: &Path) -> Result<(), String> {
    kabinet_core::private_fs::create_private_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(PREFIX)
        .filename_suffix(SUFFIX)
        .max_log_files(KEEP_FILES)
        .build(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    FILE.set(LogFile { dir: dir.to_path_buf(), appender: Mutex::new(appender) })
        .map_err(|_| "the log file was already started".to_string())
}

/// The last `n` lines of the log files, oldest first, redacted again (a file an older version
/// wrote may predate redaction). Empty when there is no log file.
pub fn last_lines(n: usize) -> Vec<String> {
    let Some(file) = FILE.get() else { return Vec::new() };
    // Make sure what this process wrote is on disk before reading it back.
    if let Ok(mut appender) = file.appender.lock() {
        let _ = appender.flush();
    }
    last_lines_in(&file.dir, n)
}

fn last_lines_in(dir: &Path, n: usize) -> Vec<String> {
    // `kabinet.2026-12-06.log`: the name's date orders the files.
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|entries| entries.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.retain(|p| {
        p.file_name().and_then(|f| f.to_str()).is_some_and(|f| f.starts_with(PREFIX) && f.ends_with(SUFFIX))
    });
    files.sort();
    let mut lines: Vec<String> = Vec::new();
    for path in files.iter().rev() {
        let text = std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let mut older: Vec<String> = text.lines().map(kabinet_core::redact::redact).collect();
        let keep = n.saturating_sub(lines.len());
        let skip = older.len().saturating_sub(keep);
        older.drain(..skip);
        older.append(&mut lines);
        lines = older;
        if lines.len() >= n {
            break;
        }
    }
    lines
}

/// Hands the subscriber a [`Line`] per event (tracing-subscriber writes each event in one call).
struct Redacted;

impl<'a> MakeWriter<'a> for Redacted {
    type Writer = Line;
    fn make_writer(&'a self) -> Line {
        Line
    }
}

/// One formatted event: redacted, then written to stderr and to the file.
struct Line;

impl Write for Line {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let line = kabinet_core::redact::redact(&String::from_utf8_lossy(buf));
        // A log that cannot be written must not stop what was being logged.
        let _ = io::stderr().write_all(line.as_bytes());
        if let Some(file) = FILE.get() {
            if let Ok(mut appender) = file.appender.lock() {
                let _ = appender.write_all(line.as_bytes());
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_lines_come_from_the_newest_files_redacted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kabinet.2026-12-05.log"), "old 1\nold 2 token=abc\n").unwrap();
        std::fs::write(dir.path().join("kabinet.2026-12-06.log"), "new 1 77010016515\nnew 2\n").unwrap();
        std::fs::write(dir.path().join("other.txt"), "not a log\n").unwrap();
        assert_eq!(last_lines_in(dir.path(), 3), ["old 2 token=[redacted]", "new 1 [phone …15]", "new 2"]);
        assert_eq!(last_lines_in(dir.path(), 10).len(), 4);
        assert_eq!(last_lines_in(dir.path(), 1), ["new 2"]);
    }
}
