//! Files and folders only the signed-in user of the computer may read.
//!
//! Why: the cache holds companies, numbers and balances, the settings name the portal, exports
//! hold the numbers list, and the demo portal's folder holds its database. With the default
//! umask they would be created 0644 in a 0755 folder, readable by every account on the machine.
//! On Unix every one of them is created (or put back) as 0600 in a 0700 folder; SQLite creates
//! its `-wal` and `-shm` files with the mode of the database file, so a database file made 0600
//! before SQLite opens it keeps its companions private too. Elsewhere (Windows) the app data
//! folder is already private to the user, and these functions only create what is asked.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// The mode of a private folder.
pub const DIR_MODE: u32 = 0o700;
/// The mode of a private file.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` (and its parents) if needed, and makes `dir` itself private. Parents that
/// already existed keep their mode: they may be the user's own folders.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    set_mode(dir, DIR_MODE)
}

/// Creates (or truncates) `path` as a private file, for writing.
pub fn create_private_file(path: &Path) -> io::Result<File> {
    let file = open_options().write(true).create(true).truncate(true).open(path)?;
    // An existing file keeps its old mode through `open`; put it right.
    set_mode(path, FILE_MODE)?;
    Ok(file)
}

/// Creates `path` as an empty private file if it does not exist, and makes it private if it
/// does; the contents are left alone (a database about to be opened).
pub fn ensure_private_file(path: &Path) -> io::Result<()> {
    open_options().write(true).create(true).truncate(false).open(path)?;
    set_mode(path, FILE_MODE)
}

/// Makes `path` private if it exists (a file some library created with the default mode).
pub fn make_private_if_exists(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => set_mode(path, DIR_MODE),
        Ok(meta) if meta.is_file() => set_mode(path, FILE_MODE),
        Ok(_) => Ok(()), // a symlink or device: not ours to change
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes every file directly inside `dir` private (a folder another component filled).
pub fn make_files_private(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() {
            set_mode(&path, FILE_MODE)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn open_options() -> OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = OpenOptions::new();
    options.mode(FILE_MODE);
    options
}

#[cfg(not(unix))]
fn open_options() -> OpenOptions {
    OpenOptions::new()
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// The permission bits of `path` (tests of the callers use it).
#[cfg(unix)]
pub fn mode_of(path: &Path) -> io::Result<u32> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::metadata(path)?.permissions().mode() & 0o777)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn created_and_existing_files_and_folders_end_up_private() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a").join("data");
        create_private_dir(&dir).unwrap();
        assert_eq!(mode_of(&dir).unwrap(), DIR_MODE);

        let old = dir.join("old.json");
        std::fs::write(&old, b"{}").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        create_private_file(&old).unwrap();
        assert_eq!(mode_of(&old).unwrap(), FILE_MODE);

        let db = dir.join("db");
        ensure_private_file(&db).unwrap();
        assert_eq!(mode_of(&db).unwrap(), FILE_MODE);
        std::fs::write(&db, b"kept").unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o664)).unwrap();
        ensure_private_file(&db).unwrap();
        assert_eq!((mode_of(&db).unwrap(), std::fs::read(&db).unwrap()), (FILE_MODE, b"kept".to_vec()));

        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        make_files_private(&dir).unwrap();
        assert_eq!(mode_of(&old).unwrap(), FILE_MODE);
        make_private_if_exists(&dir.join("missing")).unwrap();
    }
}
