//! The build, run, dev and test commands.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};

use crate::setup::{self, Tools, run_checked, workspace_root};

/// Port of the local API in `run` and `dev`; Trunk.toml proxies to it.
const DEFAULT_API_PORT: u16 = 8787;

/// Builds the release dashboard into `dist/` and returns that folder.
pub fn build() -> anyhow::Result<PathBuf> {
    let tools = setup::run(false)?;
    build_with(&tools)
}

/// Builds the release dashboard with tools already set up.
pub fn build_release(tools: &Tools) -> anyhow::Result<PathBuf> {
    build_with(tools)
}

fn build_with(tools: &Tools) -> anyhow::Result<PathBuf> {
    let root = workspace_root();
    println!("build: trunk build --release");
    run_checked(
        Command::new("trunk")
            .args(["build", "--release"])
            .current_dir(&root)
            .env("PATH", &tools.path),
    )?;
    Ok(root.join("dist"))
}

fn cargo_build_server(tools: &Tools) -> anyhow::Result<PathBuf> {
    let root = workspace_root();
    println!("build: the local server (nuntly-local)");
    run_checked(
        Command::new("cargo")
            .args(["build", "--quiet", "--package", "nuntly-local"])
            .current_dir(&root)
            .env("PATH", &tools.path),
    )?;
    Ok(setup::cargo_target_dir().join("debug").join("nuntly-local"))
}

/// Builds everything, then serves the API and the dashboard from one local
/// server until interrupted.
pub fn run(options: &[String]) -> anyhow::Result<()> {
    let mut fresh = false;
    let mut port = DEFAULT_API_PORT;
    let mut options = options.iter();
    while let Some(option) = options.next() {
        match option.as_str() {
            "--fresh" => fresh = true,
            "--port" => {
                let value = options.next().context("--port needs a number")?;
                port = value.parse().with_context(|| format!("invalid port {value:?}"))?;
            }
            other => bail!("unknown option {other:?} for run"),
        }
    }

    let tools = setup::run(false)?;
    let dist = build_with(&tools)?;
    let server = cargo_build_server(&tools)?;

    let db = workspace_root().join("target").join("nuntly-local.sqlite");
    if fresh {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    println!("run: starting the local server; stop it with Ctrl+C");
    let status = Command::new(server)
        .arg("--db")
        .arg(&db)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--dist")
        .arg(&dist)
        .status()
        .context("failed to start nuntly-local")?;
    if !status.success() {
        bail!("nuntly-local exited with {status}");
    }
    Ok(())
}

/// Runs the local API and `trunk serve`, which rebuilds on every change.
pub fn dev() -> anyhow::Result<()> {
    let tools = setup::run(false)?;
    let server = cargo_build_server(&tools)?;
    let db = workspace_root().join("target").join("nuntly-local.sqlite");
    let mut api = KillOnDrop(
        Command::new(server)
            .arg("--db")
            .arg(&db)
            .args(["--listen", &format!("127.0.0.1:{DEFAULT_API_PORT}")])
            .args(["--dashboard-url", "http://127.0.0.1:8080/"])
            .spawn()
            .context("failed to start nuntly-local")?,
    );
    let status = Command::new("trunk")
        .arg("serve")
        .current_dir(workspace_root())
        .env("PATH", &tools.path)
        .status()
        .context("failed to start trunk serve")?;
    let _ = api.0.kill();
    if !status.success() {
        bail!("trunk serve exited with {status}");
    }
    Ok(())
}

/// Installs what the tests need and runs every suite: host tests, the
/// browser tests in Chromium and Firefox, and the end-to-end tests.
pub fn test() -> anyhow::Result<()> {
    let started = Instant::now();
    let tools = setup::run(true)?;
    let root = workspace_root();
    let chromedriver = tools.chromedriver.clone().context("setup found no chromedriver")?;
    let geckodriver = tools.geckodriver.clone().context("setup found no geckodriver")?;
    let mut failures = Vec::new();
    let mut counts = Counts::default();

    println!("test: host tests (local server, xtask, benchmark)");
    let host = run_suite(&mut counts,
        Command::new("cargo")
            .args(["test", "--package", "nuntly-local", "--package", "xtask", "--package", "nuntly-bench"])
            .current_dir(&root)
            .env("PATH", &tools.path),
    );
    record(&mut failures, "host tests", host);

    // The browser tests call a real local server. Its address and seeded key
    // reach the test code at compile time, as wasm has no environment.
    let server_binary = cargo_build_server(&tools)?;
    let scratch = root.join("target").join("xtask-test");
    std::fs::create_dir_all(&scratch)?;
    let db = scratch.join("browser-tests.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let (server, api_url, api_key) = start_test_server(&server_binary, &db)?;
    let _server = KillOnDrop(server);

    for (browser, variable, driver) in [
        ("Chromium", "CHROMEDRIVER", &chromedriver),
        ("Firefox", "GECKODRIVER", &geckodriver),
    ] {
        println!("test: browser tests in headless {browser}");
        let result = run_suite(
            &mut counts,
            Command::new("cargo")
                .args(["test", "--target", "wasm32-unknown-unknown", "--package", "nuntly-dashboard"])
                .current_dir(&root)
                .env("PATH", &tools.path)
                .env_remove("CHROMEDRIVER")
                .env_remove("GECKODRIVER")
                .env(variable, driver)
                .env("NUNTLY_TEST_API_URL", &api_url)
                .env("NUNTLY_TEST_API_KEY", &api_key),
        );
        record(&mut failures, &format!("browser tests in {browser}"), result);
    }

    println!("test: end-to-end tests against the release build");
    let e2e = build_with(&tools).and_then(|dist| {
        run_suite(
            &mut counts,
            Command::new("cargo")
                .args(["test", "--package", "e2e", "--", "--test-threads=2"])
                .current_dir(&root)
                .env("PATH", &tools.path)
                .env("CHROMEDRIVER", &chromedriver)
                .env("GECKODRIVER", &geckodriver)
                .env("NUNTLY_AXE", tools.axe_script.clone().unwrap_or_default())
                .env("NUNTLY_DIST", dist),
        )
    });
    record(&mut failures, "end-to-end tests", e2e);

    let elapsed = started.elapsed().as_secs();
    if failures.is_empty() {
        println!("test: every suite passed in {elapsed} s");
    } else {
        eprintln!("test: {} failed (after {elapsed} s)", failures.join(", "));
    }
    // The last line: the plain summary over every suite, which CI reads.
    println!("tests: {} passed, {} failed", counts.passed, counts.failed);
    if failures.is_empty() {
        Ok(())
    } else {
        bail!("{} failed", failures.join(", "))
    }
}

/// Test counts summed over the `test result:` lines of every suite.
#[derive(Default)]
struct Counts {
    passed: u64,
    failed: u64,
}

/// Runs a `cargo test` command, echoing its standard output while it counts
/// the results, and fails when the command fails.
fn run_suite(counts: &mut Counts, command: &mut Command) -> anyhow::Result<()> {
    let description = format!("{command:?}");
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("failed to start {description}"))?;
    let stdout = child.stdout.take().context("no stdout")?;
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        println!("{line}");
        if let Some(result) = line.trim().strip_prefix("test result: ") {
            counts.passed += count_before(result, " passed");
            counts.failed += count_before(result, " failed");
        }
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("{description} failed with {status}");
    }
    Ok(())
}

/// Reads the number in front of `label` in `ok. 5 passed; 0 failed; …`.
fn count_before(result: &str, label: &str) -> u64 {
    result
        .split(';')
        .find_map(|part| part.trim().split_once(label))
        .and_then(|(number, _)| number.rsplit(' ').next())
        .and_then(|number| number.parse().ok())
        .unwrap_or(0)
}

fn record(failures: &mut Vec<String>, suite: &str, result: anyhow::Result<()>) {
    if let Err(error) = result {
        eprintln!("test: {suite} failed: {error:#}");
        failures.push(suite.to_owned());
    }
}

/// Starts `nuntly-local` on a free port with a new database and reads its
/// address and seeded key from what it prints.
fn start_test_server(binary: &PathBuf, db: &PathBuf) -> anyhow::Result<(Child, String, String)> {
    let mut child = Command::new(binary)
        .arg("--db")
        .arg(db)
        .args(["--listen", "127.0.0.1:0"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .context("failed to start nuntly-local for the browser tests")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();

    let mut api_url = None;
    let mut api_key = None;
    while api_url.is_none() || api_key.is_none() {
        let Some(line) = lines.next() else {
            let _ = child.kill();
            bail!("nuntly-local exited before printing its address and seeded key");
        };
        let line = line?;
        if let Some(url) = line.strip_prefix("Nuntly local API: ") {
            api_url = Some(url.trim().to_owned());
        } else if line.trim_start().starts_with("ntly_") {
            api_key = Some(line.trim().to_owned());
        }
    }
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Ok((child, api_url.unwrap_or_default(), api_key.unwrap_or_default()))
}

/// A child process that is killed when this value is dropped.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::count_before;

    #[test]
    fn counts_read_from_result_line() {
        let line = "ok. 21 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.36s";
        assert_eq!(count_before(line, " passed"), 21);
        assert_eq!(count_before(line, " failed"), 3);
        assert_eq!(count_before("FAILED. 8 passed; 2 failed; 0 ignored", " failed"), 2);
        assert_eq!(count_before("garbage", " passed"), 0);
    }
}
