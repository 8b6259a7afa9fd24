//! Which portal the app talks to. With no portal URL in the settings, the app starts the
//! portal sandbox in-process on a free loopback port, with demo data in its own folder, and
//! says so on screen ("Demo portal" and the demo login).
//!
//! The embedded portal listens on loopback, where any local process can reach it, so its
//! sandbox-only routes (the outbox with recovery codes, the clock) need a secret only this
//! process holds, random per run; the app reads the outbox in-process ([`Portal::outbox`]).
//!
//! Whether the demo password still works is an Argon2 check, done when the portal opens (after
//! the window's first paint). The login screen is drawn before that with the answer of the last
//! check, kept as a marker file in the data folder ([`DemoLogin::as_last_seen`]), and corrected if
//! this check says otherwise.

use kabinet_core::api::OutboxMessage;
use kabinet_core::{private_fs, Error, ErrorCode};
use portal_sandbox::{Config, RunningSandbox};
use serde::Serialize;
use std::path::Path;

/// The demo sign-in shown on the login screen.
#[derive(Debug, Clone, Serialize)]
pub struct DemoLogin {
    pub phone: String,
    /// `None` once the demo administrator's password was changed: the seeded one no longer works.
    pub password: Option<String>,
}

/// Present in the data folder when the last check found the demo password changed.
const DEMO_PASSWORD_CHANGED_FILE: &str = "demo-password-changed";

impl DemoLogin {
    /// The demo login as the last check saw it (before this run's check): a fresh data folder's
    /// demo portal is seeded with the password, so without a marker it is offered.
    pub fn as_last_seen(data_dir: &Path) -> Self {
        let changed = data_dir.join(DEMO_PASSWORD_CHANGED_FILE).exists();
        Self::with_password(!changed)
    }

    fn with_password(seeded: bool) -> Self {
        Self {
            phone: portal_sandbox::DEMO_LOGIN_PHONE.into(),
            password: seeded.then(|| portal_sandbox::DEMO_LOGIN_PASSWORD.into()),
        }
    }
}

/// Keeps this check's answer for the next start's first paint.
fn remember_demo_password(data_dir: &Path, seeded: bool) {
    let marker = data_dir.join(DEMO_PASSWORD_CHANGED_FILE);
    let kept = if seeded {
        std::fs::remove_file(&marker)
            .or_else(|e| if e.kind() == std::io::ErrorKind::NotFound { Ok(()) } else { Err(e) })
    } else {
        std::fs::write(&marker, b"")
    };
    if let Err(e) = kept {
        tracing::warn!("the demo password's state was not kept for the next start: {e}");
    }
}

/// Sets the embedded portal's sandbox secret instead of a random one: end-to-end tests move
/// the demo portal's clock with it (`X-Sandbox-Secret`).
pub const SANDBOX_SECRET_ENV: &str = "KABINET_DEMO_PORTAL_SECRET";

/// Seeds a new embedded demo portal with other data: `large:100000` adds a company of that many
/// numbers (`tests/bench/memory.rs` measures the app with it); `demo` when unset.
pub const DEMO_SEED_ENV: &str = "KABINET_DEMO_SEED";

/// The portal in use.
pub struct Portal {
    pub url: String,
    /// The key cache rows and remembered sessions are filed under.
    pub key: String,
    pub sandbox: Option<RunningSandbox>,
    /// Whether the demo administrator's password is still the seeded one (checked at start).
    demo_password_seeded: bool,
}

impl Portal {
    pub async fn open(configured: Option<&str>, data_dir: &Path) -> Result<Self, Error> {
        match configured {
            Some(url) => {
                Ok(Self { url: url.to_string(), key: url.to_string(), sandbox: None, demo_password_seeded: false })
            }
            None => {
                let addr = "127.0.0.1:0".parse().expect("literal address");
                let folder = data_dir.join("demo-portal");
                // Its database holds the demo's sessions: the folder 0700 and its files 0600.
                private_fs::create_private_dir(&folder).map_err(|e| {
                    Error::new(ErrorCode::PortalUnreachable, format!("The demo portal's folder cannot be made: {e}"))
                })?;
                let mut config = Config::demo(addr, folder.clone());
                if let Some(seed) = std::env::var(DEMO_SEED_ENV).ok().filter(|s| !s.is_empty()) {
                    config.seed = seed
                        .parse()
                        .map_err(|e| Error::new(ErrorCode::PortalUnreachable, format!("{DEMO_SEED_ENV}: {e}")))?;
                }
                let secret = std::env::var(SANDBOX_SECRET_ENV).ok().filter(|s| !s.is_empty());
                config.sandbox_secret = Some(secret.unwrap_or_else(portal_sandbox::new_sandbox_secret));
                let sandbox = portal_sandbox::start(config).await.map_err(|e| {
                    Error::new(ErrorCode::PortalUnreachable, format!("The demo portal could not start: {e:#}"))
                })?;
                if let Err(e) = private_fs::make_files_private(&folder) {
                    tracing::warn!("the demo portal's files could not be made private: {e}");
                }
                let demo_password_seeded = sandbox.demo_password_is_seeded().await.unwrap_or(false);
                remember_demo_password(data_dir, demo_password_seeded);
                // The port changes every run; the demo's data does not, so the key is fixed.
                Ok(Self { url: sandbox.url(), key: "demo".into(), sandbox: Some(sandbox), demo_password_seeded })
            }
        }
    }

    pub fn demo_login(&self) -> Option<DemoLogin> {
        self.sandbox.as_ref().map(|_| DemoLogin::with_password(self.demo_password_seeded))
    }

    /// What the embedded demo portal "sent", newest first, read in-process; `None` for a
    /// configured portal, which has no outbox.
    pub fn outbox(&self) -> Option<Vec<OutboxMessage>> {
        self.sandbox.as_ref().map(|sandbox| sandbox.outbox(None))
    }

    pub async fn close(self) {
        if let Some(sandbox) = self.sandbox {
            sandbox.shutdown().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[tokio::test]
    async fn the_embedded_portals_outbox_and_clock_answer_only_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let portal = Portal::open(None, dir.path()).await.unwrap();
        let http = reqwest::Client::new();
        let started = http
            .post(format!("{}api/v1/auth/recovery", portal.url))
            .header("Idempotency-Key", "recovery")
            .json(&json!({"phone": portal_sandbox::DEMO_LOGIN_PHONE}))
            .send()
            .await
            .unwrap();
        assert!(started.status().is_success());

        // Another process on the computer reads no code and moves no clock...
        let outbox = http.get(format!("{}sandbox/outbox", portal.url)).send().await.unwrap();
        assert_eq!(outbox.status(), reqwest::StatusCode::FORBIDDEN);
        let clock = http.post(format!("{}sandbox/clock", portal.url)).json(&json!({"seconds": 3600})).send();
        assert_eq!(clock.await.unwrap().status(), reqwest::StatusCode::FORBIDDEN);
        // ...while the app reads the code in-process.
        let sent = portal.outbox().expect("the demo portal has an outbox");
        assert!(sent[0].body.contains("your code is"), "{sent:?}");
        portal.close().await;
    }

    #[tokio::test]
    async fn the_demo_login_offers_the_seeded_password_only_while_it_works() {
        let dir = tempfile::tempdir().unwrap();
        let portal = Portal::open(None, dir.path()).await.unwrap();
        let demo = portal.demo_login().unwrap();
        assert_eq!(demo.password.as_deref(), Some(portal_sandbox::DEMO_LOGIN_PASSWORD));
        assert_eq!(DemoLogin::as_last_seen(dir.path()).password, demo.password);
        let http = reqwest::Client::new();
        let login = http
            .post(format!("{}api/v1/auth/login", portal.url))
            .header("Idempotency-Key", "login")
            .json(&json!({"phone": demo.phone, "password": portal_sandbox::DEMO_LOGIN_PASSWORD}))
            .send()
            .await
            .unwrap();
        let token = login.json::<serde_json::Value>().await.unwrap()["token"].as_str().unwrap().to_string();
        let new = "Another-Pass-2031";
        let changed = http
            .put(format!("{}api/v1/profile/password", portal.url))
            .bearer_auth(&token)
            .header("Idempotency-Key", "change")
            .json(&json!({"current_password": portal_sandbox::DEMO_LOGIN_PASSWORD, "new_password": new, "confirmation": new}))
            .send()
            .await
            .unwrap();
        assert!(changed.status().is_success(), "{}", changed.text().await.unwrap());
        portal.close().await;

        // After a restart the login screen no longer offers a password that fails.
        let portal = Portal::open(None, dir.path()).await.unwrap();
        assert_eq!(portal.demo_login().unwrap().password, None);
        portal.close().await;
        // The next start's first paint, before the check, knows it too.
        assert_eq!(DemoLogin::as_last_seen(dir.path()).password, None);
    }
}
