//! `nuntly-local`: runs the local Nuntly-compatible API server.

use std::net::SocketAddr;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Parser;
use nuntly_local::{Config, Server};
use tracing_subscriber::EnvFilter;

/// Local server for the Nuntly API-keys contract, backed by a SQLite file.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// SQLite database file; created and seeded with sample data when missing.
    #[arg(long, default_value = "nuntly-local.sqlite")]
    db: PathBuf,

    /// Loopback address and port to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: SocketAddr,

    /// Built dashboard folder (the `dist/` of `trunk build`) to serve.
    #[arg(long)]
    dist: Option<PathBuf>,

    /// URL path to serve the dashboard under, with leading and trailing slashes.
    #[arg(long, default_value = "/dashboard/")]
    dist_path: String,

    /// Adds this many generated keys to a newly seeded database, for
    /// benchmarks and large-list checks.
    #[arg(long, default_value_t = 0)]
    generate_keys: usize,

    /// Enables fault injection under /__faults, for tests. Never use it otherwise.
    #[arg(long)]
    faults: bool,

    /// Records Content-Security-Policy violation reports at /__csp-report, for tests.
    #[arg(long)]
    csp_reports: bool,

    /// Dashboard URL to print in the one-click connect link, when the dashboard
    /// is served elsewhere (for example by `trunk serve`).
    #[arg(long)]
    dashboard_url: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();

    let args = Args::parse();
    let served_dashboard = args.dist.is_some();
    if args.faults {
        tracing::warn!("fault injection is enabled: requests may fail on purpose");
    }
    let mut config = Config::new(args.db.clone(), args.listen);
    config.dist = args.dist;
    config.dist_path = args.dist_path.clone();
    config.faults = args.faults;
    config.csp_reports = args.csp_reports;
    config.generate_keys = args.generate_keys;
    let server = Server::bind(config).await?;

    let origin = format!("http://{}", server.addr);
    let dashboard_url = args
        .dashboard_url
        .or_else(|| served_dashboard.then(|| format!("{origin}{}", args.dist_path)));
    tracing::info!(address = %server.addr, database = %args.db.display(), "listening");

    // Printed, not logged: the seeded secret must not reach log files.
    println!("Nuntly local API: {origin}");
    if let Some(url) = &dashboard_url {
        println!("Dashboard: {url}");
    }
    match &server.seeded_secret {
        Some(secret) => {
            println!();
            println!("Seeded a new database with a Full access key. Its secret is shown this once:");
            println!("  {secret}");
            if let Some(url) = &dashboard_url {
                println!("Open the dashboard already connected:");
                println!("  {url}#key={secret}");
            }
            println!();
        }
        None => println!(
            "Database {} already exists; connect with a key you stored, or delete the file to start over.",
            args.db.display()
        ),
    }

    server
        .serve(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
