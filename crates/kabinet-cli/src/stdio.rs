//! Everything the CLI prints goes through here ([`outln!`], [`errln!`], [`err!`]), so a reader
//! that goes away does not crash it.
//!
//! Why: Rust ignores SIGPIPE, so `println!` to a pipe whose reader has closed
//! (`kabinet-cli search … | head -1`, `… 2>&1 | head`) fails with EPIPE and PANICS: a panic
//! message and exit 101 instead of the quiet end Unix tools have. Here, once a stream's reader
//! is gone, what is written to it later is dropped without a word, and the command ends with its
//! own exit code: a bulk run the user confirmed is not cut in half because `head` had read
//! enough, and a report still lands in the library. Any other write error (a full disk behind
//! `>`) also stops the writing, but is kept: [`exit_code`] reports it, since the output is then
//! incomplete.

use std::fmt::Arguments;
use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);
/// The first write error that was not a closed reader.
static FAILED: OnceLock<String> = OnceLock::new();

/// Writes to stdout, unless its reader has gone.
pub fn out(args: Arguments<'_>) {
    write(&STDOUT_CLOSED, &mut std::io::stdout().lock(), args, "stdout");
}

/// Writes to stderr, unless its reader has gone.
pub fn err(args: Arguments<'_>) {
    write(&STDERR_CLOSED, &mut std::io::stderr().lock(), args, "stderr");
}

/// Whether stdout's reader has gone (long listings stop reading what nobody will see).
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

fn write(closed: &AtomicBool, stream: &mut impl Write, args: Arguments<'_>, name: &str) {
    if closed.load(Ordering::Relaxed) {
        return;
    }
    if let Err(e) = stream.write_fmt(args).and_then(|()| stream.flush()) {
        closed.store(true, Ordering::Relaxed);
        if e.kind() != ErrorKind::BrokenPipe {
            let _ = FAILED.set(format!("the output could not be written to {name}: {e}"));
        }
    }
}

/// The exit code to end with: `code`, or 1 when a command that succeeded could not write its
/// output (for a reason other than a reader that had gone), which is then said on stderr.
pub fn exit_code(code: i32) -> i32 {
    match FAILED.get() {
        Some(message) if code == 0 => {
            err(format_args!("kabinet-cli: {message}\n"));
            1
        }
        _ => code,
    }
}

/// `println!` to stdout, quiet once its reader has gone.
macro_rules! outln {
    () => { $crate::stdio::out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::stdio::out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprintln!` to stderr, quiet once its reader has gone.
macro_rules! errln {
    () => { $crate::stdio::err(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::stdio::err(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprint!` to stderr (a progress line), quiet once its reader has gone.
macro_rules! err {
    ($($arg:tt)*) => { $crate::stdio::err(format_args!($($arg)*)) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream whose reader has gone, or that fails otherwise.
    struct Failing(ErrorKind, usize);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            self.1 += 1;
            Err(std::io::Error::from(self.0))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_reader_stops_the_writing_quietly_and_another_error_is_kept() {
        let closed = AtomicBool::new(false);
        let mut pipe = Failing(ErrorKind::BrokenPipe, 0);
        write(&closed, &mut pipe, format_args!("one\n"), "stdout");
        write(&closed, &mut pipe, format_args!("two\n"), "stdout");
        assert!(closed.load(Ordering::Relaxed));
        assert_eq!(pipe.1, 1, "nothing more is tried once the reader has gone");
        assert!(FAILED.get().is_none(), "a reader that went away is no failure");

        let full = AtomicBool::new(false);
        write(&full, &mut Failing(ErrorKind::StorageFull, 0), format_args!("x\n"), "stdout");
        assert!(FAILED.get().is_some_and(|m| m.contains("stdout")));
        assert_eq!(exit_code(0), 1);
        assert_eq!(exit_code(5), 5, "a command's own failure code is kept");
    }
}
