//! A local server that speaks the part of the Nuntly REST API the dashboard uses,
//! over an embedded SQLite database, so the dashboard runs and is tested without a
//! Nuntly account.
//!
//! HTTP API (all bodies JSON, `Authorization: Bearer <api key>` on every call):
//!
//! | method and path        | needs          | success                         |
//! |------------------------|----------------|---------------------------------|
//! | `GET /api-keys`        | Full access    | 200 cursor page of keys         |
//! | `POST /api-keys`       | Full access    | 201 new key with its secret     |
//! | `GET /api-keys/{id}`   | Full access    | 200 one key                     |
//! | `PATCH /api-keys/{id}` | Full access    | 200 `{ id }`                    |
//! | `DELETE /api-keys/{id}`| Full access    | 200 `{ id }`, the key is revoked|
//! | `GET /domains`         | Full access    | 200 cursor page of domains      |
//! | `GET /domains/{id}`    | Full access    | 200 one domain with DNS records |
//! | `POST /emails`         | any key        | 202 `{ id, status: "queued" }`  |
//!
//! With `--dist`, it also serves a built dashboard under a sub-path (default
//! `/dashboard/`) with the single-page fallback to `index.html`.

pub mod api;
pub mod db;
pub mod faults;
pub mod secret;
pub mod seed;
pub mod static_files;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use tokio::net::TcpListener;

/// Settings of one server instance.
#[derive(Clone, Debug)]
pub struct Config {
    /// SQLite database file, created with the schema and seed data when missing.
    pub db_path: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// A built dashboard (`trunk build` output) to serve, if any.
    pub dist: Option<PathBuf>,
    /// URL path the dashboard is served under; starts and ends with `/`.
    pub dist_path: String,
    /// Enables fault injection under `/__faults`; for tests only.
    pub faults: bool,
    /// Adds `report-uri /__csp-report` to the dashboard's policy and records
    /// the reports; for tests only.
    pub csp_reports: bool,
    /// Extra fields for the `config.json` served with the dashboard, such as
    /// `{ "requestTimeoutMs": 1500 }`.
    pub dashboard_config: serde_json::Map<String, serde_json::Value>,
    /// Generated keys to add when the database is seeded.
    pub generate_keys: usize,
}

impl Config {
    /// Settings for a plain server: no dashboard, no test hooks.
    pub fn new(db_path: PathBuf, listen: SocketAddr) -> Self {
        Self {
            db_path,
            listen,
            dist: None,
            dist_path: "/dashboard/".to_owned(),
            faults: false,
            csp_reports: false,
            dashboard_config: serde_json::Map::new(),
            generate_keys: 0,
        }
    }
}

/// Shared state of the request handlers.
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<Mutex<db::Database>>,
}

impl AppState {
    /// Locks the database. A panic while locked leaves the data consistent
    /// (every write is one transaction), so a poisoned lock is taken over.
    pub fn lock_db(&self) -> std::sync::MutexGuard<'_, db::Database> {
        self.db.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A started server.
pub struct Server {
    /// The bound address, with the real port when port 0 was requested.
    pub addr: SocketAddr,
    /// The secret of the Full access key created by seeding an empty database.
    /// `None` when the database already held data: secrets are stored only as hashes.
    pub seeded_secret: Option<String>,
    listener: TcpListener,
    router: axum::Router,
}

impl Server {
    /// Opens (or creates and seeds) the database and binds the listener.
    pub async fn bind(config: Config) -> anyhow::Result<Self> {
        if !config.listen.ip().is_loopback() {
            anyhow::bail!(
                "refusing to listen on {}: this is a development server, use a loopback address such as 127.0.0.1",
                config.listen
            );
        }

        let mut database = db::Database::open(&config.db_path)
            .with_context(|| format!("failed to open database {}", config.db_path.display()))?;
        let seeded_secret = seed::seed_if_empty(&mut database)?;
        if seeded_secret.is_some() && config.generate_keys > 0 {
            database
                .insert_generated_keys(config.generate_keys)
                .context("failed to generate keys")?;
            tracing::info!(count = config.generate_keys, "generated keys");
        }

        let state = AppState {
            db: Arc::new(Mutex::new(database)),
        };
        let router = api::router(state, &config)?;

        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("failed to listen on {}", config.listen))?;
        let addr = listener.local_addr()?;

        Ok(Self {
            addr,
            seeded_secret,
            listener,
            router,
        })
    }

    /// Serves requests until the future resolves or the process ends.
    pub async fn serve(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
            .context("server failed")
    }
}
