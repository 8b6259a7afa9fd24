//! After an export: open the file, or show it in its folder.
//!
//! The UI may open only the files this run of the app wrote itself: every export records its
//! path in [`ExportedFiles`], and `export_open` refuses any other path. So the window never
//! gains a general "open this path" power (it could otherwise start a program), and no opener
//! permission is granted to the webview in `capabilities/`. The OS's own opener is started
//! directly with the path as one argument (no shell): `xdg-open` on Linux, `open` on macOS,
//! `explorer` on Windows.

use super::CmdResult;
use kabinet_core::{Error, ErrorCode};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use tauri::State;

/// The files the exports of this run wrote.
#[derive(Debug, Default)]
pub struct ExportedFiles(Mutex<HashSet<PathBuf>>);

impl ExportedFiles {
    /// Records a file an export wrote.
    pub fn remember(&self, path: &Path) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_path_buf());
    }

    /// `path` when an export of this run wrote it and it is still there.
    pub fn check(&self, path: &str) -> Result<PathBuf, Error> {
        let path = PathBuf::from(path);
        let known = self.0.lock().unwrap_or_else(|e| e.into_inner()).contains(&path);
        if !known {
            return Err(Error::new(ErrorCode::Forbidden, "path: only a file Kabinet has just exported can be opened."));
        }
        if !path.is_file() {
            return Err(Error::new(ErrorCode::NotFound, format!("path: {} is no longer there.", path.display())));
        }
        Ok(path)
    }
}

/// The OS command that opens `path`, or shows it selected in its folder.
fn opener(path: &Path, folder: bool) -> Command {
    let mut command;
    if cfg!(target_os = "macos") {
        command = Command::new("open");
        if folder {
            command.arg("-R");
        }
        command.arg(path);
    } else if cfg!(target_os = "windows") {
        command = Command::new("explorer");
        if folder {
            let mut select = std::ffi::OsString::from("/select,");
            select.push(path);
            command.arg(select);
        } else {
            command.arg(path);
        }
    } else {
        command = Command::new("xdg-open");
        command.arg(if folder { path.parent().unwrap_or(path) } else { path });
    }
    command
}

/// Opens an exported file (`folder: false`) or its folder (`folder: true`).
#[tauri::command(rename_all = "snake_case")]
pub async fn export_open(files: State<'_, ExportedFiles>, path: String, folder: bool) -> CmdResult<()> {
    let path = files.check(&path)?;
    let mut child = opener(&path, folder)
        .spawn()
        .map_err(|e| Error::new(ErrorCode::Internal, format!("The file could not be opened: {e}")))?;
    // Reap the opener when it exits, so it leaves no zombie behind.
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_this_run_exported_can_be_opened() {
        let dir = tempfile::tempdir().unwrap();
        let exported = dir.path().join("numbers-TOO Кабинет.csv");
        let other = dir.path().join("run-me.sh");
        std::fs::write(&exported, "x").unwrap();
        std::fs::write(&other, "x").unwrap();
        let files = ExportedFiles::default();
        files.remember(&exported);
        assert_eq!(files.check(exported.to_str().unwrap()).unwrap(), exported);
        assert_eq!(files.check(other.to_str().unwrap()).unwrap_err().code, ErrorCode::Forbidden);
        assert_eq!(files.check("/etc/passwd").unwrap_err().code, ErrorCode::Forbidden);
        std::fs::remove_file(&exported).unwrap();
        assert_eq!(files.check(exported.to_str().unwrap()).unwrap_err().code, ErrorCode::NotFound);
    }

    #[test]
    fn the_opener_gets_the_path_as_one_argument() {
        let path = Path::new("/tmp/a b; rm -rf ~/x.csv");
        let file = opener(path, false);
        let args: Vec<_> = file.get_args().collect();
        assert_eq!(args.last().unwrap(), &path.as_os_str());
        let folder = opener(path, true);
        assert!(folder.get_args().any(|a| a.to_string_lossy().contains("/tmp")));
    }
}
