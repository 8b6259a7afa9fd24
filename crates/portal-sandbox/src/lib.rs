//! The reference portal server: Kabinet's portal API (`/api/v1/...`) with the operator's rules
//! and demo data, over SQLite.
//!
//! It is two things at once: the demo portal the desktop app starts in-process when no portal
//! is configured, and the peer every test talks to over real HTTP. Routes under `/sandbox/...`
//! exist only here: the outbox of messages the portal "sent" and a clock tests can move forward.
//! With [`Config::sandbox_secret`] set (the app's embedded portal), they answer only requests
//! carrying that secret in [`SANDBOX_SECRET_HEADER`]; the app itself reads the outbox
//! in-process ([`RunningSandbox::outbox`]).
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let sandbox = portal_sandbox::start(portal_sandbox::Config::demo("127.0.0.1:0".parse()?, "/tmp/portal".into())).await?;
//! println!("portal at {}", sandbox.url());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod auth;
mod billing;
mod catalog;
mod clock;
mod db;
mod digest;
mod error;
mod faults;
mod idempotency;
mod jobs;
mod language;
mod lockout;
mod messages;
mod outbox;
mod peers;
mod portal_key;
mod purge;
mod reports;
mod routes;
pub mod seed;
mod state;
mod store;

pub use clock::Clock;
pub use purge::Purged;
pub use seed::{Seed, DEMO_LABELS_COMPANY, DEMO_LABELS_CSV, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
pub use state::Rules;

use kabinet_protocol::api::OutboxMessage;
use std::net::SocketAddr;
use std::path::PathBuf;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How to run a sandbox.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// Folder of the sandbox's database and key (`portal.key`), created if missing; the folder
    /// is made 0700 and its files 0600 (`kabinet_private_fs`).
    pub data_dir: PathBuf,
    /// Data to load into an empty database.
    pub seed: Seed,
    pub rules: Rules,
    /// When set, `/sandbox/...` answers only requests with this value in
    /// [`SANDBOX_SECRET_HEADER`] (403 otherwise), so no other process on the computer can read
    /// a code or move the clock. `None` leaves them open (tests' and stand-alone sandboxes).
    pub sandbox_secret: Option<String>,
}

/// The header that carries [`Config::sandbox_secret`].
pub const SANDBOX_SECRET_HEADER: &str = "X-Sandbox-Secret";

impl Config {
    /// The demo portal of the manual, with the operator's timings.
    pub fn demo(addr: SocketAddr, data_dir: PathBuf) -> Self {
        Self { addr, data_dir, seed: Seed::Demo, rules: Rules::default(), sandbox_secret: None }
    }
}

/// 32 random bytes as hex, for [`Config::sandbox_secret`].
pub fn new_sandbox_secret() -> String {
    auth::new_token()
}

/// A sandbox serving in the background of the current tokio runtime.
pub struct RunningSandbox {
    addr: SocketAddr,
    state: state::AppState,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    purge: JoinHandle<()>,
    /// Completes due requests by time (`jobs::spawn`).
    jobs: JoinHandle<()>,
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
        &self.state.clock
    }

    /// The newest messages the portal "sent" (at most 50), to `recipient` only when given:
    /// what `GET /sandbox/outbox` answers, read in-process.
    pub fn outbox(&self, recipient: Option<&str>) -> Vec<OutboxMessage> {
        self.state.outbox.list(recipient)
    }

    /// Whether the demo administrator still has the seeded password ([`DEMO_LOGIN_PASSWORD`]), so
    /// the app's login screen offers it only while it works. One Argon2 check, off the async threads.
    pub async fn demo_password_is_seeded(&self) -> anyhow::Result<bool> {
        let hash: Option<String> = sqlx::query_scalar("SELECT password_hash FROM admins WHERE phone = ?")
            .bind(DEMO_LOGIN_PHONE)
            .fetch_optional(&self.state.db)
            .await?
            .flatten();
        let Some(hash) = hash else { return Ok(false) };
        Ok(tokio::task::spawn_blocking(move || auth::verify_password(DEMO_LOGIN_PASSWORD, &hash)).await?)
    }

    /// Removes expired sessions, old Idempotency-Key answers, long-over recoveries and ended
    /// lockouts now (a background task does it every minute).
    pub async fn purge_expired(&self) -> anyhow::Result<Purged> {
        Ok(purge::run(&self.state).await?)
    }

    /// Stops accepting connections and waits for the server to finish.
    pub async fn shutdown(mut self) {
        self.purge.abort();
        self.jobs.abort();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// Opens (and seeds, when empty) the database, binds the address and serves in the background.
pub async fn start(config: Config) -> anyhow::Result<RunningSandbox> {
    let pool = db::open(&config.data_dir).await?;
    let key = portal_key::PortalKey::load_or_create(&config.data_dir)?;
    seed::apply(&pool, &config.seed).await?;
    let state = state::AppState::new(pool.clone(), Clock::default(), config.rules)
        .with_sandbox_secret(config.sandbox_secret.as_deref())
        .with_key(key);
    let app = routes::router(state.clone());
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        let serve = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(e) = serve.await {
            tracing::error!("sandbox server stopped: {e}");
        }
        pool.close().await;
    });
    let purge = purge::spawn(state.clone());
    let jobs = jobs::spawn(state.clone());
    tracing::info!("portal sandbox listening on http://{addr}/");
    Ok(RunningSandbox { addr, state, stop: Some(stop), task, purge, jobs })
}

/// For `benches/reconciliation.rs` only: the statement of a seeded company, timed without HTTP.
#[doc(hidden)]
pub mod bench {
    use chrono::{DateTime, NaiveDate, Utc};
    use sqlx::SqlitePool;

    /// A database in `dir` loaded with `seed`.
    pub async fn seeded(dir: &std::path::Path, seed: &crate::Seed) -> anyhow::Result<SqlitePool> {
        let pool = crate::db::open(dir).await?;
        crate::seed::apply(&pool, seed).await?;
        Ok(pool)
    }

    /// The reconciliation statement of `company` from `from` to `to`, as PDF, with its number of
    /// rows.
    pub async fn reconciliation_pdf(
        pool: &SqlitePool,
        company: i64,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(usize, Vec<u8>)> {
        let mut conn = pool.acquire().await?;
        let customer = crate::billing::customer(&mut conn, company).await.map_err(|e| anyhow::anyhow!("{:?}", e.0))?;
        let subscribers =
            crate::billing::subscribers(&mut conn, company, None).await.map_err(|e| anyhow::anyhow!("{:?}", e.0))?;
        let statement = crate::billing::reconciliation::build(&customer, &subscribers, from, to, now);
        Ok((statement.rows.len(), kabinet_documents::pdf::reconciliation(&statement)?))
    }
}

/// The OpenAPI document of every route, as served at `/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes::openapi()
}
