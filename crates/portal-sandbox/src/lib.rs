//! The reference portal server: Kabinet's portal API (`/api/v1/...`) with the operator's rules
//! and demo data, over SQLite.
//!
//! It is two things at once: the demo portal the desktop app starts in-process when no portal
//! is configured, and the peer every test talks to over real HTTP. Routes under `/sandbox/...`
//! exist only here: the outbox of messages the portal "sent" and a clock tests can move forward.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let sandbox = portal_sandbox::start(portal_sandbox::Config::demo("127.0.0.1:0".parse()?, "/tmp/portal".into())).await?;
//! println!("portal at {}", sandbox.url());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod auth;
mod catalog;
mod clock;
mod db;
mod error;
mod faults;
mod idempotency;
mod messages;
mod routes;
pub mod seed;
mod state;

pub use clock::Clock;
pub use seed::{Seed, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
pub use state::Rules;

use std::net::SocketAddr;
use std::path::PathBuf;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How to run a sandbox.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// Folder of the sandbox's database (created if missing).
    pub data_dir: PathBuf,
    /// Data to load into an empty database.
    pub seed: Seed,
    pub rules: Rules,
}

impl Config {
    /// The demo portal of the manual, with the operator's timings.
    pub fn demo(addr: SocketAddr, data_dir: PathBuf) -> Self {
        Self { addr, data_dir, seed: Seed::Demo, rules: Rules::default() }
    }
}

/// A sandbox serving in the background of the current tokio runtime.
pub struct RunningSandbox {
    addr: SocketAddr,
    clock: Clock,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl RunningSandbox {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The sandbox's clock (tests move it forward in-process or over `/sandbox/clock`).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Stops accepting connections and waits for the server to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// Opens (and seeds, when empty) the database, binds the address and serves in the background.
pub async fn start(config: Config) -> anyhow::Result<RunningSandbox> {
    let pool = db::open(&config.data_dir).await?;
    seed::apply(&pool, &config.seed).await?;
    let clock = Clock::default();
    let app = routes::router(state::AppState::new(pool.clone(), clock.clone(), config.rules));
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let serve = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(e) = serve.await {
            tracing::error!("sandbox server stopped: {e}");
        }
        pool.close().await;
    });
    tracing::info!("portal sandbox listening on http://{addr}/");
    Ok(RunningSandbox { addr, clock, stop: Some(stop), task })
}

/// The OpenAPI document of every route, as served at `/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes::openapi()
}
