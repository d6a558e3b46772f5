//! The release `nuntly-local` server, started on a loopback port with a new
//! database of generated keys, and the keys it serves.

use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, bail};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A running server; it is killed when this value is dropped.
pub struct LocalServer {
    /// Origin such as `http://127.0.0.1:41234`.
    pub origin: String,
    /// Secret of the seeded Full access key.
    pub secret: String,
    _child: Child,
}

impl LocalServer {
    /// Starts `binary` serving `site` under `/dashboard/`, with a new database
    /// in `db` that contains `total_keys` keys: the seeded key and generated ones.
    pub async fn start(binary: &Path, site: &Path, db: &Path, total_keys: usize) -> anyhow::Result<Self> {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let generated = total_keys.checked_sub(1).context("invalid key count 0: the database always contains the seeded key")?;
        let mut child = Command::new(binary)
            .arg("--db")
            .arg(db)
            .args(["--listen", "127.0.0.1:0", "--generate-keys", &generated.to_string()])
            .arg("--dist")
            .arg(site)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("failed to start {}", binary.display()))?;

        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let mut origin = None;
        let mut secret = None;
        while origin.is_none() || secret.is_none() {
            let Some(line) = lines.next_line().await? else {
                bail!("nuntly-local exited before printing its address and seeded key");
            };
            if let Some(url) = line.strip_prefix("Nuntly local API: ") {
                origin = Some(url.trim().to_owned());
            } else if line.trim_start().starts_with("ntly_") {
                secret = Some(line.trim().to_owned());
            }
        }
        // Keep reading stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });

        Ok(Self {
            origin: origin.unwrap_or_default(),
            secret: secret.unwrap_or_default(),
            _child: child,
        })
    }

    /// Returns every item of a listing (`api-keys` or `domains`), walking its
    /// cursor pages as the dashboard does.
    pub async fn list_all(&self, path: &str) -> anyhow::Result<Vec<Value>> {
        let http = reqwest::Client::new();
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut request = http
                .get(format!("{}/{path}", self.origin))
                .bearer_auth(&self.secret)
                .query(&[("limit", "100")]);
            if let Some(cursor) = &cursor {
                request = request.query(&[("cursor", cursor)]);
            }
            let response = request.send().await?;
            if !response.status().is_success() {
                bail!("GET /{path} failed with {}", response.status());
            }
            let page: Value = response.json().await?;
            items.extend(page["data"].as_array().cloned().unwrap_or_default());
            match page["nextCursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => return Ok(items),
            }
        }
    }
}
