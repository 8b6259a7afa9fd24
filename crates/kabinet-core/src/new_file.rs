//! Writing a file without replacing another one.
//!
//! Why: two reports saved into one folder used to replace each other without a word (the second
//! reconciliation over the first). Where the app or the CLI chooses the name (the app's
//! documents folder, `kabinet-cli report --out FOLDER`), a name already taken by another file
//! gets a number, as file managers and browsers do: `name (2).pdf`, `name (3).pdf`; the same
//! bytes already under a name are that file (opening a document twice reuses its copy). Where
//! the user typed the exact file (`--out FILE`), a file already there is refused, naming it: a
//! script that names its file relies on that name, so another one would be wrong, and replacing
//! is never silent. ("Save as…" in the window is the system dialog, which asks before it
//! replaces.)
//!
//! Each file is written privately to a temporary file in the same folder, then linked to its
//! name, which fails when the name is taken even if another process took it a moment before;
//! on a file system without hard links it is created exclusively (`create_new`) and copied.

use crate::error::{Error, ErrorCode, Result};
use crate::private_fs;
use std::io;
use std::path::{Path, PathBuf};

/// The most numbered names tried before giving up.
const MAX_TRIES: u32 = 1000;

/// `name` with a number before its extension: `a.pdf`, 2 → `a (2).pdf`; 1 is `name` itself.
pub fn numbered(name: &str, n: u32) -> String {
    if n <= 1 {
        return name.to_string();
    }
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem} ({n}).{ext}"),
        _ => format!("{name} ({n})"),
    }
}

/// Writes `bytes` into the existing folder `dir` as `name`, or as the first `name (n)` not
/// taken; a file already holding exactly `bytes` under one of those names is returned as it is.
/// Returns the file's path.
pub fn write_into(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    folder_exists(dir)?;
    for n in 1..=MAX_TRIES {
        let path = dir.join(numbered(name, n));
        if same_bytes(&path, bytes) {
            return Ok(path);
        }
        match write_new(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(write_error(&path, e)),
        }
    }
    Err(Error::new(
        ErrorCode::InvalidInput,
        format!("{} already holds {MAX_TRIES} files named {name}: choose another folder.", dir.display()),
    ))
}

/// Writes `bytes` to `path`, refused (naming `field` and the path) when something is there.
pub fn write_exact(path: &Path, bytes: &[u8], field: &str) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    folder_exists(dir)?;
    match write_new(path, bytes) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(Error::invalid_field(
            ErrorCode::InvalidInput,
            field,
            format!(
                "{} already exists and is left as it is: choose another name, remove it first, or give a folder \
                 (the file is then named after the report, with a number when the name is taken).",
                path.display()
            ),
        )),
        Err(e) => Err(write_error(path, e)),
    }
}

fn folder_exists(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::InvalidInput,
        format!("The folder {} does not exist: create it first, or choose another one.", dir.display()),
    ))
}

fn write_error(path: &Path, e: io::Error) -> Error {
    Error::new(ErrorCode::Internal, format!("{} could not be written: {e}", path.display()))
}

/// Whether `path` is a file holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let same_size = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_size && std::fs::read(path).is_ok_and(|b| b == bytes)
}

/// Writes `path` only if nothing is there (`AlreadyExists` otherwise), never half a file under it.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let result = write_linked(&tmp, path, bytes);
    let _ = std::fs::remove_file(&tmp);
    result
}

/// Writes `bytes` to `tmp`, then links it as `path`.
fn write_linked(tmp: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    std::io::Write::write_all(&mut private_fs::create_private_file(tmp)?, bytes)?;
    match std::fs::hard_link(tmp, path) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
            // No hard links here (FAT, some network shares): create it exclusively.
            let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
            std::io::Write::write_all(&mut file, bytes).inspect_err(|_| {
                let _ = std::fs::remove_file(path);
            })?;
            private_fs::make_private_if_exists(path)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_go_before_the_extension() {
        assert_eq!(
            numbered("reconciliation_1_2026-09-07_2026-11-30.pdf", 1),
            "reconciliation_1_2026-09-07_2026-11-30.pdf"
        );
        assert_eq!(numbered("a.pdf", 2), "a (2).pdf");
        assert_eq!(numbered("a.b.xlsx", 3), "a.b (3).xlsx");
        assert_eq!(numbered("README", 2), "README (2)");
        assert_eq!(numbered(".hidden", 2), ".hidden (2)");
    }

    #[test]
    fn a_taken_name_gets_a_number_and_the_same_bytes_are_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_into(dir.path(), "a.pdf", b"first").unwrap();
        let second = write_into(dir.path(), "a.pdf", b"second").unwrap();
        let again = write_into(dir.path(), "a.pdf", b"second").unwrap();
        assert_eq!(first, dir.path().join("a.pdf"));
        assert_eq!(second, dir.path().join("a (2).pdf"));
        assert_eq!(again, second, "the same bytes: the same file");
        assert_eq!(std::fs::read(&first).unwrap(), b"first", "never replaced");
        assert_eq!(std::fs::read(&second).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
        #[cfg(unix)]
        assert_eq!(private_fs::mode_of(&second).unwrap() & 0o777, private_fs::FILE_MODE);
    }

    #[test]
    fn an_exact_path_already_there_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        write_exact(&path, b"mine", "out").unwrap();
        let e = write_exact(&path, b"theirs", "out").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("out")));
        assert!(e.message.contains("out.pdf"), "{}", e.message);
        assert_eq!(std::fs::read(&path).unwrap(), b"mine");
        let missing = write_exact(&dir.path().join("no/such.pdf"), b"x", "out").unwrap_err();
        assert!(missing.message.contains("does not exist"), "{}", missing.message);
    }
}
