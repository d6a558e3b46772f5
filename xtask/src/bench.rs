//! `cargo xtask bench`: builds everything, measures, and prints one table
//! and a JSON file (`target/bench/bench.json`):
//!
//! - the transfer size of the first load (every file of `dist/`), raw,
//!   gzip (level 9) and brotli (quality 11), and the same for the baselines;
//! - the local server's latency for the first and the last page when walking
//!   100,000 keys with `limit=100`, as median, min and max over 5 runs;
//! - the browser measures of the `nuntly-bench` crate (start-up, the
//!   10,000-key list, search keystroke to paint, memory), each beside its
//!   baselines (minimal Leptos app, static HTML, plain JavaScript, React 19).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::bench_site;
use crate::setup::{self, cargo_target_dir, run_checked, workspace_root};

const KEYS: usize = 100_000;
const PAGE_SIZE: usize = 100;
const RUNS: usize = 5;
/// First-load budget, brotli-compressed, in bytes.
const TRANSFER_BUDGET: u64 = 150 * 1024;
/// Largest accepted ratio of the last page's latency to the first's.
const PAGE_RATIO_BUDGET: f64 = 1.5;

pub fn run() -> anyhow::Result<()> {
    let started = Instant::now();
    let tools = setup::run(true)?;
    let chromedriver = tools.chromedriver.clone().context("setup found no chromedriver")?;
    let node_modules = setup::ensure_react_baseline(&tools.path)?;
    let dist = crate::tasks::build_release(&tools)?;
    check_dashboard_source()?;
    let site = bench_site::assemble(&tools, &dist, &node_modules)?;

    let sizes = transfer_sizes(&files_in(&dist)?)?;
    let leptos_minimal = transfer_sizes(&files_in(&site.leptos_minimal)?)?;
    let mut react_files = files_in(&site.react)?;
    react_files.push(site.stylesheet.clone());
    let react = transfer_sizes(&react_files)?;
    let mut plain_files = files_in(&site.plain)?;
    plain_files.push(site.stylesheet.clone());
    let plain = transfer_sizes(&plain_files)?;

    let server = build_release_server(&tools)?;
    let (first, last) = page_latencies(&server)?;

    let folder = workspace_root().join("target").join("bench");
    std::fs::create_dir_all(&folder)?;
    let browser_json = folder.join("browser.json");
    let _ = std::fs::remove_file(&browser_json);
    println!("bench: building the browser benchmark (nuntly-bench)");
    run_checked(
        Command::new("cargo")
            .args(["build", "--quiet", "--package", "nuntly-bench"])
            .current_dir(workspace_root())
            .env("PATH", &tools.path),
    )?;
    run_checked(
        Command::new(cargo_target_dir().join("debug").join("nuntly-bench"))
            .arg("--server")
            .arg(&server)
            .arg("--site")
            .arg(&site.root)
            .arg("--out")
            .arg(&folder)
            .args(["--runs", &RUNS.to_string()])
            .env("CHROMEDRIVER", &chromedriver)
            .env("PATH", &tools.path),
    )?;
    let browser_rows = std::fs::read_to_string(folder.join("browser-table.md"))?;
    let browser_report = std::fs::read_to_string(&browser_json)?;

    println!();
    println!("| measure | median | min | max | budget |");
    println!("|---|---|---|---|---|");
    for (name, raw, gzip, brotli) in &sizes.files {
        println!("| {name} | raw {raw} B, gzip {gzip} B, brotli {brotli} B | | | |");
    }
    let transfer_note = if sizes.brotli <= TRANSFER_BUDGET {
        "met".to_owned()
    } else {
        format!("**MISSED by {} B**", sizes.brotli - TRANSFER_BUDGET)
    };
    println!(
        "| first load, total: **dashboard** | raw {} B, gzip {} B, brotli {} B | | | ≤ {} B brotli: {transfer_note} |",
        sizes.raw, sizes.gzip, sizes.brotli, TRANSFER_BUDGET,
    );
    for (label, baseline) in [
        ("minimal Leptos app", &leptos_minimal),
        ("React 19", &react),
        ("plain JavaScript", &plain),
    ] {
        println!(
            "| first load, total: {label} | raw {} B, gzip {} B, brotli {} B | | | dashboard ÷ this: {:.2}× brotli |",
            baseline.raw,
            baseline.gzip,
            baseline.brotli,
            sizes.brotli as f64 / baseline.brotli as f64
        );
    }
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    let ratio = first.median.as_secs_f64().max(f64::EPSILON);
    let ratio = last.median.as_secs_f64() / ratio;
    println!("| server, first page of {KEYS} keys | {} | {} | {} | |", ms(first.median), ms(first.min), ms(first.max));
    println!(
        "| server, last page of {KEYS} keys | {} | {} | {} | ≤ {PAGE_RATIO_BUDGET}× first: {ratio:.2}×, {} |",
        ms(last.median),
        ms(last.min),
        ms(last.max),
        verdict(ratio <= PAGE_RATIO_BUDGET)
    );
    print!("{browser_rows}");

    let size_json = |sizes: &Sizes| format!("{{ \"raw\": {}, \"gzip\": {}, \"brotli\": {} }}", sizes.raw, sizes.gzip, sizes.brotli);
    let json = format!(
        "{{\n  \"transfer\": {{ \"raw\": {}, \"gzip\": {}, \"brotli\": {}, \"budgetBrotli\": {TRANSFER_BUDGET}, \
         \"leptosMinimal\": {}, \"react\": {}, \"plainJs\": {} }},\n  \
         \"serverPagination\": {{ \"keys\": {KEYS}, \"limit\": {PAGE_SIZE}, \"runs\": {RUNS}, \
         \"firstPageMs\": {}, \"lastPageMs\": {}, \"ratio\": {ratio:.3} }},\n  \"browser\": {}\n}}\n",
        sizes.raw,
        sizes.gzip,
        sizes.brotli,
        size_json(&leptos_minimal),
        size_json(&react),
        size_json(&plain),
        first.json(),
        last.json(),
        browser_report.trim_end()
    );
    std::fs::write(folder.join("bench.json"), json)?;
    println!("\nbench: wrote target/bench/bench.json in {} s", started.elapsed().as_secs());
    Ok(())
}

/// Fails unless the wasm module that Trunk packed was compiled from this
/// worktree. Worktrees that share one `CARGO_TARGET_DIR` write the same
/// `nuntly-dashboard.wasm`, so a build in another worktree can replace it.
fn check_dashboard_source() -> anyhow::Result<()> {
    let dep_info = cargo_target_dir()
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("nuntly-dashboard.d");
    let text = std::fs::read_to_string(&dep_info).with_context(|| format!("failed to read {}", dep_info.display()))?;
    let expected = workspace_root().join("src").join("main.rs");
    if !text.contains(&expected.display().to_string()) {
        bail!(
            "{} does not list {}: another worktree built the dashboard into the shared target folder \
             during this build; run the bench again",
            dep_info.display(),
            expected.display()
        );
    }
    Ok(())
}

/// Returns the files directly in `folder`, sorted by name.
fn files_in(folder: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .with_context(|| format!("failed to read {}", folder.display()))?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.path())
        .collect();
    files.sort();
    Ok(files)
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

struct Sizes {
    files: Vec<(String, u64, u64, u64)>,
    raw: u64,
    gzip: u64,
    brotli: u64,
}

/// Compresses every file of a first load; for the dashboard, exactly the files in `dist/`.
fn transfer_sizes(files: &[PathBuf]) -> anyhow::Result<Sizes> {
    let mut sizes = Sizes {
        files: Vec::new(),
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    for file in files {
        let bytes = std::fs::read(file).with_context(|| format!("failed to read {}", file.display()))?;
        let raw = bytes.len() as u64;

        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes)?;
        let gzip = gzip.finish()?.len() as u64;

        let mut brotli = Vec::new();
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        })?;
        let brotli = brotli.len() as u64;

        sizes.raw += raw;
        sizes.gzip += gzip;
        sizes.brotli += brotli;
        let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
        sizes.files.push((name, raw, gzip, brotli));
    }
    Ok(sizes)
}

struct Timing {
    median: Duration,
    min: Duration,
    max: Duration,
}

impl Timing {
    fn from(mut samples: Vec<Duration>) -> Self {
        samples.sort();
        Self {
            median: samples[samples.len() / 2],
            min: samples[0],
            max: samples[samples.len() - 1],
        }
    }

    fn json(&self) -> String {
        let millis = |duration: Duration| duration.as_secs_f64() * 1000.0;
        format!(
            "{{ \"median\": {:.3}, \"min\": {:.3}, \"max\": {:.3} }}",
            millis(self.median),
            millis(self.min),
            millis(self.max)
        )
    }
}

/// Builds the release `nuntly-local` and returns its path.
fn build_release_server(tools: &setup::Tools) -> anyhow::Result<PathBuf> {
    println!("bench: building the release server");
    run_checked(
        Command::new("cargo")
            .args(["build", "--quiet", "--release", "--package", "nuntly-local"])
            .current_dir(workspace_root())
            .env("PATH", &tools.path),
    )?;
    Ok(cargo_target_dir().join("release").join("nuntly-local"))
}

/// Starts the release server with 100,000 generated keys, walks every page,
/// then times the first and the last page.
fn page_latencies(server: &Path) -> anyhow::Result<(Timing, Timing)> {
    let folder = workspace_root().join("target").join("bench");
    std::fs::create_dir_all(&folder)?;
    let db = folder.join("bench.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }

    println!("bench: starting the server with {KEYS} generated keys");
    let mut child = Command::new(server)
        .arg("--db")
        .arg(&db)
        .args(["--listen", "127.0.0.1:0", "--generate-keys", &KEYS.to_string()])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .context("failed to start nuntly-local")?;
    let result = (|| {
        let stdout = child.stdout.take().context("no stdout")?;
        let (base, key) = read_address_and_key(BufReader::new(stdout))?;
        measure_pages(&base, &key)
    })();
    let _ = child.kill();
    let _ = child.wait();
    result
}

/// Reads the server's address and seeded key from its standard output, then
/// keeps reading that output in a thread: a server whose pipe is closed
/// panics on its next `println!`.
fn read_address_and_key(reader: impl BufRead + Send + 'static) -> anyhow::Result<(String, String)> {
    let mut base = None;
    let mut key = None;
    let mut lines = reader.lines();
    while let Some(line) = lines.next() {
        let line = line?;
        if let Some(url) = line.strip_prefix("Nuntly local API: ") {
            base = Some(url.trim().to_owned());
        } else if line.trim_start().starts_with("ntly_") {
            key = Some(line.trim().to_owned());
        }
        if let (Some(base), Some(key)) = (&base, &key) {
            std::thread::spawn(move || lines.for_each(drop));
            return Ok((base.clone(), key.clone()));
        }
    }
    bail!("nuntly-local exited before printing its address and seeded key")
}

fn measure_pages(base: &str, key: &str) -> anyhow::Result<(Timing, Timing)> {
    let authorization = format!("Bearer {key}");
    let get = |cursor: Option<&str>| -> anyhow::Result<(Duration, Option<String>)> {
        let url = match cursor {
            Some(cursor) => format!("{base}/api-keys?limit={PAGE_SIZE}&cursor={cursor}"),
            None => format!("{base}/api-keys?limit={PAGE_SIZE}"),
        };
        let started = Instant::now();
        let mut response = ureq::get(&url).header("Authorization", &authorization).call()?;
        let body = response.body_mut().read_to_string()?;
        let elapsed = started.elapsed();
        let next = body
            .split("\"nextCursor\":\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(str::to_owned);
        Ok((elapsed, next))
    };

    println!("bench: walking every page");
    let mut cursor: Option<String> = None;
    let mut last_cursor = None;
    let mut pages = 0;
    loop {
        let (_, next) = get(cursor.as_deref())?;
        pages += 1;
        match next {
            Some(next) => {
                last_cursor = Some(next.clone());
                cursor = Some(next);
            }
            None => break,
        }
    }
    let last_cursor = last_cursor.context("only one page")?;
    println!("bench: {pages} pages walked");

    let mut first = Vec::new();
    let mut last = Vec::new();
    for _ in 0..RUNS {
        first.push(get(None)?.0);
        last.push(get(Some(&last_cursor))?.0);
    }
    Ok((Timing::from(first), Timing::from(last)))
}
