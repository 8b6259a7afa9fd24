//! Issue 15, item 4: the stand-alone sandbox (`portal-sandbox --data DIR`) keeps its folder and
//! files readable by their owner only, as the embedded portal and the CLI do.

#![cfg(unix)]

use kabinet_private_fs::{mode_of, DIR_MODE, FILE_MODE};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::process::{Child, Command, Stdio};

/// Starts the binary on a free port and waits until it serves.
fn start(data: &std::path::Path) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal-sandbox"))
        .args(["--addr", "127.0.0.1:0", "--data"])
        .env("RUST_LOG", "warn")
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("portal sandbox at") {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "the sandbox ended before it served");
    }
    child
}

/// The permission bits of `path` in octal, as `ls -l` users read them.
fn mode(path: &std::path::Path) -> String {
    format!("{:o}", mode_of(path).unwrap())
}

fn assert_private(data: &std::path::Path, when: &str) {
    assert_eq!(mode(data), format!("{DIR_MODE:o}"), "the folder ({when})");
    for name in ["portal.sqlite", "portal.sqlite-wal", "portal.sqlite-shm", "portal.key"] {
        assert_eq!(mode(&data.join(name)), format!("{FILE_MODE:o}"), "{name} ({when})");
    }
}

#[test]
fn the_standalone_sandbox_makes_its_folder_and_files_private() {
    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = root.path().join("portal-data");
    let mut child = start(&data);
    assert_private(&data, "a new folder");
    child.kill().unwrap();
    child.wait().unwrap();
    // The parent is the user's own folder: left as it was.
    assert_eq!(mode(root.path()), "755");

    // A folder and files an older version left open are made private at the next start.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    for entry in std::fs::read_dir(&data).unwrap() {
        std::fs::set_permissions(entry.unwrap().path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let mut child = start(&data);
    assert_private(&data, "an older folder");
    child.kill().unwrap();
    child.wait().unwrap();
}
