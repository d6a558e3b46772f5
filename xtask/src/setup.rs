//! Installs the tools the build and the tests need, skipping each one that is
//! already present at the right version.
//!
//! Pinned versions and why:
//! - Trunk 0.21.14: 0.22 needs a newer rustc than this project's toolchain.
//! - wasm-bindgen CLI: must equal the `wasm-bindgen` crate in `Cargo.lock`,
//!   because Trunk and the test runner refuse a mismatched pair.
//! - Binaryen 132 (`wasm-opt`), from npm: Debian's Binaryen 108 emits wasm that
//!   fails at start-up with current Rust output, and Trunk must not download
//!   its own (it runs offline).
//! - geckodriver 0.37.1: Debian has no package for it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132";
pub const GECKODRIVER_VERSION: &str = "0.37.1";
/// axe-core, the accessibility checker the end-to-end tests inject.
pub const AXE_CORE_VERSION: &str = "4.14.1";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const BROWSER_PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "firefox-esr"];

/// Locations of the installed tools.
pub struct Tools {
    /// `PATH` for child processes: Cargo's bin folder and Binaryen first.
    pub path: OsString,
    pub chromedriver: Option<PathBuf>,
    pub geckodriver: Option<PathBuf>,
    /// `axe.min.js` of axe-core, for the accessibility tests.
    pub axe_script: Option<PathBuf>,
}

/// Returns the workspace root, the parent of this crate's folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a subfolder of the workspace")
        .to_path_buf()
}

/// Returns the folder where cargo writes build output: `CARGO_TARGET_DIR`
/// when set (relative to the workspace root, as cargo reads it when run
/// there), else `target/` in the workspace.
pub fn cargo_target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => workspace_root().join(dir),
        _ => workspace_root().join("target"),
    }
}

fn cargo_bin_dir() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => home_dir().join(".cargo").join("bin"),
    }
}

fn home_dir() -> PathBuf {
    std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"))
}

fn binaryen_dir() -> PathBuf {
    workspace_root().join("target").join("tools").join("binaryen")
}

fn tool_path() -> OsString {
    let mut entries = vec![binaryen_dir().join("node_modules").join(".bin"), cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        entries.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(entries).unwrap_or_default()
}

/// Installs what is missing. With `browsers`, also Chromium, Firefox and
/// their WebDriver servers.
pub fn run(browsers: bool) -> anyhow::Result<Tools> {
    let path = tool_path();
    let mut report = Vec::new();

    ensure_wasm_target()?;
    report.push(format!("{WASM_TARGET} target"));

    ensure_cargo_tool(&path, "trunk", &format!("trunk {TRUNK_VERSION}"), &[
        "install", "--locked", "trunk", "--version", TRUNK_VERSION,
    ])?;
    report.push(format!("trunk {TRUNK_VERSION}"));

    let bindgen_version = locked_version("wasm-bindgen")?;
    // Without --locked: the CLI's own lock file names a dependency version
    // that crates.io no longer serves.
    ensure_cargo_tool(&path, "wasm-bindgen", &format!("wasm-bindgen {bindgen_version}"), &[
        "install", "wasm-bindgen-cli", "--version", &bindgen_version,
    ])?;
    report.push(format!("wasm-bindgen {bindgen_version}"));

    ensure_binaryen(&path)?;
    report.push(format!("wasm-opt {BINARYEN_VERSION}"));

    let mut tools = Tools {
        path: path.clone(),
        chromedriver: None,
        geckodriver: None,
        axe_script: None,
    };
    if browsers {
        ensure_browsers()?;
        ensure_cargo_tool(&path, "geckodriver", &format!("geckodriver {GECKODRIVER_VERSION}"), &[
            "install", "geckodriver", "--version", GECKODRIVER_VERSION,
        ])?;
        tools.axe_script = Some(ensure_npm_package(&path, "axe-core", AXE_CORE_VERSION)?.join("axe.min.js"));
        report.push(format!("axe-core {AXE_CORE_VERSION}"));
        tools.chromedriver = Some(PathBuf::from("/usr/bin/chromedriver"));
        tools.geckodriver = Some(cargo_bin_dir().join("geckodriver"));
        report.push("chromium, firefox-esr".to_owned());
        report.push(format!("geckodriver {GECKODRIVER_VERSION}"));
    }

    println!("setup: ready: {}", report.join(", "));
    Ok(tools)
}

/// Runs `program args` and returns its standard output, or `None` when it
/// cannot start or fails.
fn output_of(path: &OsString, program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).env("PATH", path).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = output_of(&tool_path(), "rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("setup: installing the {WASM_TARGET} standard library");
    run_checked(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Installs a tool with `cargo install` unless `program --version` prints a
/// line that starts with `expected`.
fn ensure_cargo_tool(path: &OsString, program: &str, expected: &str, install_args: &[&str]) -> anyhow::Result<()> {
    let version = output_of(path, program, &["--version"]).unwrap_or_default();
    if version.lines().any(|line| line.trim().starts_with(expected)) {
        return Ok(());
    }
    println!("setup: installing {expected} with cargo (this takes minutes, once)");
    run_checked(Command::new("cargo").args(install_args).env("PATH", path))
}

/// Reads the version of a package from `Cargo.lock`.
fn locked_version(package: &str) -> anyhow::Result<String> {
    let lock_path = workspace_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .with_context(|| format!("failed to read {}", lock_path.display()))?;
    let marker = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&marker)
        .with_context(|| format!("{package} is not in Cargo.lock"))?
        + marker.len();
    let end = lock[start..].find('"').context("Cargo.lock is malformed")? + start;
    Ok(lock[start..end].to_owned())
}

fn ensure_binaryen(path: &OsString) -> anyhow::Result<()> {
    let version = output_of(path, "wasm-opt", &["--version"]).unwrap_or_default();
    if version.contains(&format!("version {BINARYEN_VERSION}")) {
        return Ok(());
    }
    if output_of(path, "npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    println!("setup: installing wasm-opt from the npm package binaryen@{BINARYEN_VERSION}");
    let dir = binaryen_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("failed to create {}", dir.display()))?;
    run_checked(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(format!("binaryen@{BINARYEN_VERSION}"))
            .env("PATH", path),
    )
}

/// Installs an npm package into `target/tools/<name>` unless that version is
/// there; returns the package's folder.
fn ensure_npm_package(path: &OsString, name: &str, version: &str) -> anyhow::Result<PathBuf> {
    let prefix = workspace_root().join("target").join("tools").join(name);
    let package = prefix.join("node_modules").join(name);
    let manifest = std::fs::read_to_string(package.join("package.json")).unwrap_or_default();
    if manifest.contains(&format!("\"version\": \"{version}\"")) {
        return Ok(package);
    }
    if output_of(path, "npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    println!("setup: installing {name}@{version} from npm");
    std::fs::create_dir_all(&prefix).with_context(|| format!("failed to create {}", prefix.display()))?;
    run_checked(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg(format!("{name}@{version}"))
            .env("PATH", path),
    )?;
    Ok(package)
}

/// Installs the React baseline's npm packages (React, ReactDOM, esbuild) from
/// its committed `package-lock.json` with `npm ci`, into
/// `target/tools/bench-react`, unless that lock file is installed already.
/// Returns the `node_modules` folder.
pub fn ensure_react_baseline(path: &OsString) -> anyhow::Result<PathBuf> {
    let source = workspace_root().join("bench").join("baselines").join("react");
    let prefix = workspace_root().join("target").join("tools").join("bench-react");
    let modules = prefix.join("node_modules");
    let lock = std::fs::read(source.join("package-lock.json")).context("failed to read the React baseline's package-lock.json")?;
    let installed_lock = std::fs::read(prefix.join("package-lock.json")).unwrap_or_default();
    if installed_lock == lock && modules.join(".bin").join("esbuild").exists() {
        return Ok(modules);
    }
    if output_of(path, "npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    println!("setup: installing the React baseline's packages with npm ci");
    std::fs::create_dir_all(&prefix).with_context(|| format!("failed to create {}", prefix.display()))?;
    std::fs::copy(source.join("package.json"), prefix.join("package.json"))?;
    std::fs::write(prefix.join("package-lock.json"), &lock)?;
    run_checked(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&prefix)
            .env("PATH", path),
    )?;
    Ok(modules)
}

fn ensure_browsers() -> anyhow::Result<()> {
    let present = Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && (Path::new("/usr/bin/firefox-esr").exists() || Path::new("/usr/bin/firefox").exists());
    if present {
        return Ok(());
    }
    apt_install(&BROWSER_PACKAGES)
}

fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
    let is_root = output_of(&tool_path(), "id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !is_root {
        bail!(
            "missing Debian packages {}: install them with `sudo apt-get install {}` and run again",
            packages.join(", "),
            packages.join(" ")
        );
    }
    println!("setup: installing Debian packages {}", packages.join(", "));
    run_checked(Command::new("apt-get").arg("update").arg("-q"))?;
    run_checked(
        Command::new("apt-get")
            .args(["install", "-y", "-q"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Runs a command with inherited output and fails when it fails.
pub fn run_checked(command: &mut Command) -> anyhow::Result<()> {
    let description = format!("{command:?}");
    let status = command
        .status()
        .with_context(|| format!("failed to start {description}"))?;
    if !status.success() {
        bail!("{description} failed with {status}");
    }
    Ok(())
}
