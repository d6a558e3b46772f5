//! Builds the benchmark baselines (bench/baselines/) and assembles the site
//! that the browser benchmark serves: the release dashboard at the root, the
//! baselines under `bench/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

use crate::setup::{Tools, run_checked, workspace_root};

/// Folders of the assembled site, for serving it and for the transfer sizes.
pub struct Site {
    /// The folder to serve with `nuntly-local --dist`.
    pub root: PathBuf,
    /// The dashboard's stylesheet, which every page links.
    pub stylesheet: PathBuf,
    pub leptos_minimal: PathBuf,
    pub plain: PathBuf,
    pub react: PathBuf,
}

fn baselines() -> PathBuf {
    workspace_root().join("bench").join("baselines")
}

/// Builds the minimal Leptos app with Trunk, as `trunk build --release`
/// builds the dashboard, into `out`.
fn build_leptos_minimal(tools: &Tools, out: &Path) -> anyhow::Result<()> {
    println!("bench: trunk build --release of the minimal Leptos app");
    run_checked(
        Command::new("trunk")
            .args(["build", "--release", "--dist"])
            .arg(out)
            .current_dir(baselines().join("leptos-minimal"))
            .env("PATH", &tools.path),
    )
}

/// Bundles the React baseline with esbuild: minified, production React.
fn build_react(tools: &Tools, node_modules: &Path, out: &Path) -> anyhow::Result<()> {
    println!("bench: esbuild of the React baseline");
    std::fs::create_dir_all(out)?;
    run_checked(
        Command::new(node_modules.join(".bin").join("esbuild"))
            .arg(baselines().join("react").join("src").join("app.jsx"))
            .args([
                "--bundle",
                "--minify",
                "--format=iife",
                "--jsx=automatic",
                "--define:process.env.NODE_ENV=\"production\"",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", out.join("app.js").display()))
            // The sources sit outside the folder npm installed into.
            .env("NODE_PATH", node_modules)
            .env("PATH", &tools.path),
    )
}

/// Builds the baselines and assembles the site in `target/bench/site`.
pub fn assemble(tools: &Tools, dist: &Path, node_modules: &Path) -> anyhow::Result<Site> {
    let bench = workspace_root().join("target").join("bench");
    let root = bench.join("site");
    if root.exists() {
        std::fs::remove_dir_all(&root).with_context(|| format!("failed to remove {}", root.display()))?;
    }
    std::fs::create_dir_all(&root)?;
    copy_folder(dist, &root)?;
    let stylesheet_name = std::fs::read_dir(dist)?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".css"))
        .with_context(|| format!("no stylesheet in {}", dist.display()))?;

    let leptos_minimal = root.join("bench").join("leptos-minimal");
    build_leptos_minimal(tools, &leptos_minimal)?;

    // The plain and React pages link the dashboard's own stylesheet file.
    let plain = root.join("bench").join("plain");
    std::fs::create_dir_all(&plain)?;
    write_page(&baselines().join("plain").join("index.html"), &plain.join("index.html"), &stylesheet_name)?;
    std::fs::copy(baselines().join("plain").join("app.js"), plain.join("app.js"))?;

    let react = root.join("bench").join("react");
    build_react(tools, node_modules, &react)?;
    write_page(&baselines().join("react").join("index.html"), &react.join("index.html"), &stylesheet_name)?;

    Ok(Site {
        stylesheet: root.join(&stylesheet_name),
        root,
        leptos_minimal,
        plain,
        react,
    })
}

fn write_page(template: &Path, out: &Path, stylesheet_name: &str) -> anyhow::Result<()> {
    let page = std::fs::read_to_string(template).with_context(|| format!("failed to read {}", template.display()))?;
    std::fs::write(out, page.replace("{{stylesheet}}", stylesheet_name))
        .with_context(|| format!("failed to write {}", out.display()))
}

fn copy_folder(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(from).with_context(|| format!("failed to read {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_folder(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
