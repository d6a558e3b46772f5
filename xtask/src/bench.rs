//! `cargo xtask bench`: measures what can be measured without a browser so
//! far, and prints a table and a JSON file (`target/bench/bench.json`):
//!
//! - the transfer size of the first load (every file of `dist/`), raw,
//!   gzip (level 9) and brotli (quality 11);
//! - the local server's latency for the first and the last page when walking
//!   100,000 keys with `limit=100`, as median, min and max over 5 runs.
//!
// TODO: the browser figures (start-up, 10,000-key list, search keystroke to
// paint, memory) and the baselines (minimal Leptos app, static HTML, plain
// JavaScript, React 19) are not measured yet.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::setup::{self, run_checked, workspace_root};

const KEYS: usize = 100_000;
const PAGE_SIZE: usize = 100;
const RUNS: usize = 5;
/// First-load budget, brotli-compressed, in bytes.
const TRANSFER_BUDGET: u64 = 150 * 1024;
/// Largest accepted ratio of the last page's latency to the first's.
const PAGE_RATIO_BUDGET: f64 = 1.5;

pub fn run() -> anyhow::Result<()> {
    let tools = setup::run(false)?;
    let dist = crate::tasks::build_release(&tools)?;

    let sizes = transfer_sizes(&dist)?;
    let (first, last) = page_latencies(&tools)?;

    println!();
    println!("| measure | median | min | max | budget |");
    println!("|---|---|---|---|---|");
    for (name, raw, gzip, brotli) in &sizes.files {
        println!("| {name} | raw {raw} B, gzip {gzip} B, brotli {brotli} B | | | |");
    }
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!(
        "| first load, total | raw {} B, gzip {} B, brotli {} B | | | ≤ {} B brotli: {} |",
        sizes.raw,
        sizes.gzip,
        sizes.brotli,
        TRANSFER_BUDGET,
        verdict(sizes.brotli <= TRANSFER_BUDGET)
    );
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

    let json = format!(
        "{{\n  \"transfer\": {{ \"raw\": {}, \"gzip\": {}, \"brotli\": {}, \"budgetBrotli\": {TRANSFER_BUDGET} }},\n  \
         \"serverPagination\": {{ \"keys\": {KEYS}, \"limit\": {PAGE_SIZE}, \"runs\": {RUNS}, \
         \"firstPageMs\": {}, \"lastPageMs\": {}, \"ratio\": {ratio:.3} }}\n}}\n",
        sizes.raw,
        sizes.gzip,
        sizes.brotli,
        first.json(),
        last.json()
    );
    let folder = workspace_root().join("target").join("bench");
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join("bench.json"), json)?;
    println!("\nbench: wrote target/bench/bench.json");
    Ok(())
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

/// Compresses every file the first load fetches, which are exactly the files in `dist/`.
fn transfer_sizes(dist: &Path) -> anyhow::Result<Sizes> {
    let mut sizes = Sizes {
        files: Vec::new(),
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    let mut entries: Vec<_> = std::fs::read_dir(dist)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let bytes = std::fs::read(entry.path())?;
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
        sizes.files.push((entry.file_name().to_string_lossy().into_owned(), raw, gzip, brotli));
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

/// Starts a release server with 100,000 generated keys, walks every page,
/// then times the first and the last page.
fn page_latencies(tools: &setup::Tools) -> anyhow::Result<(Timing, Timing)> {
    let root = workspace_root();
    println!("bench: building the release server");
    run_checked(
        Command::new("cargo")
            .args(["build", "--quiet", "--release", "--package", "nuntly-local"])
            .current_dir(&root)
            .env("PATH", &tools.path),
    )?;
    let folder = root.join("target").join("bench");
    std::fs::create_dir_all(&folder)?;
    let db = folder.join("bench.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }

    println!("bench: starting the server with {KEYS} generated keys");
    let mut child = Command::new(setup::cargo_target_dir().join("release").join("nuntly-local"))
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

fn read_address_and_key(reader: impl BufRead) -> anyhow::Result<(String, String)> {
    let mut base = None;
    let mut key = None;
    for line in reader.lines() {
        let line = line?;
        if let Some(url) = line.strip_prefix("Nuntly local API: ") {
            base = Some(url.trim().to_owned());
        } else if line.trim_start().starts_with("ntly_") {
            key = Some(line.trim().to_owned());
        }
        if let (Some(base), Some(key)) = (&base, &key) {
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
