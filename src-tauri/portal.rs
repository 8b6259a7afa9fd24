//! Which portal the app talks to. With no portal URL in the settings, the app starts the
//! portal sandbox in-process on a free loopback port, with demo data in its own folder, and
//! says so on screen ("Demo portal" and the demo login).

use kabinet_core::{private_fs, Error, ErrorCode};
use portal_sandbox::{Config, RunningSandbox};
use serde::Serialize;
use std::path::Path;

/// The demo sign-in shown on the login screen.
#[derive(Debug, Clone, Serialize)]
pub struct DemoLogin {
    pub phone: String,
    pub password: String,
}

/// The portal in use.
pub struct Portal {
    pub url: String,
    /// The key cache rows and remembered sessions are filed under.
    pub key: String,
    pub sandbox: Option<RunningSandbox>,
}

impl Portal {
    pub async fn open(configured: Option<&str>, data_dir: &Path) -> Result<Self, Error> {
        match configured {
            Some(url) => Ok(Self { url: url.to_string(), key: url.to_string(), sandbox: None }),
            None => {
                let addr = "127.0.0.1:0".parse().expect("literal address");
                let folder = data_dir.join("demo-portal");
                // Its database holds the demo's sessions: the folder 0700 and its files 0600.
                private_fs::create_private_dir(&folder).map_err(|e| {
                    Error::new(ErrorCode::PortalUnreachable, format!("The demo portal's folder cannot be made: {e}"))
                })?;
                let sandbox = portal_sandbox::start(Config::demo(addr, folder.clone())).await.map_err(|e| {
                    Error::new(ErrorCode::PortalUnreachable, format!("The demo portal could not start: {e:#}"))
                })?;
                if let Err(e) = private_fs::make_files_private(&folder) {
                    tracing::warn!("the demo portal's files could not be made private: {e}");
                }
                // The port changes every run; the demo's data does not, so the key is fixed.
                Ok(Self { url: sandbox.url(), key: "demo".into(), sandbox: Some(sandbox) })
            }
        }
    }

    pub fn demo_login(&self) -> Option<DemoLogin> {
        self.sandbox.as_ref().map(|_| DemoLogin {
            phone: portal_sandbox::DEMO_LOGIN_PHONE.into(),
            password: portal_sandbox::DEMO_LOGIN_PASSWORD.into(),
        })
    }

    pub async fn close(self) {
        if let Some(sandbox) = self.sandbox {
            sandbox.shutdown().await;
        }
    }
}
