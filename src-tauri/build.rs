//! Tauri's build step, and the commit the app is built from (`KABINET_COMMIT`, shown in About).
//!
//! The commit is `$KABINET_BUILD_COMMIT` when set (a packager building from a tarball may name
//! it), else what `git rev-parse` says; empty when neither is there (the window then says the
//! build has no commit recorded, rather than the build failing).

use std::process::Command;

fn main() {
    commit();
    tauri_build::build();
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok().filter(|o| o.status.success())?;
    String::from_utf8(out.stdout).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn commit() {
    println!("cargo:rerun-if-env-changed=KABINET_BUILD_COMMIT");
    let named = std::env::var("KABINET_BUILD_COMMIT").ok().filter(|c| !c.trim().is_empty());
    let commit = named.or_else(|| git(&["rev-parse", "--short=12", "HEAD"])).unwrap_or_default();
    println!("cargo:rustc-env=KABINET_COMMIT={commit}");
    // Built again when HEAD moves: HEAD itself, the branch it names, and the packed refs.
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"]), git(&["rev-parse", "--git-path", "packed-refs"])];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &branch]));
    }
    for path in watched.into_iter().flatten() {
        if std::path::Path::new(&path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}
