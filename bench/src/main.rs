//! `nuntly-bench`: the browser half of `cargo xtask bench`.
//!
//! It starts two release `nuntly-local` servers on loopback, one with a small
//! and one with a large list of generated keys. Each serves the benchmark
//! site: the release dashboard under `/dashboard/` and the baselines under
//! `/dashboard/bench/`, so every page has the same origin as its API. It then
//! drives headless Chromium through chromedriver, one fresh session per run,
//! and writes `browser.json` and `browser-table.md` into the output folder.
//!
//! `cargo xtask bench` builds the server, the site and this binary, then runs
//! it; see USAGE for running it by hand.

mod browser;
mod report;
mod scenarios;
mod server;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::browser::Driver;
use crate::report::{App, Results};
use crate::scenarios::Keystroke;
use crate::server::LocalServer;

/// Keys of the start-up list.
const SMALL_KEYS: usize = 50;
/// Keys of the large list, unless `--large-keys` sets another count.
const LARGE_KEYS: usize = 10_000;
/// Search queries to type, tried in order. The bench types the first one
/// whose every keystroke changes the count on screen.
const QUERIES: [&str; 6] = ["4217", "1938", "7305", "5862", "key 4", "y 21"];

const USAGE: &str = "nuntly-bench --server PATH --site DIR --out DIR [--runs N] [--large-keys N]
  --server      the release nuntly-local binary
  --site        the folder to serve under /dashboard/ (cargo xtask bench assembles it)
  --out         folder for browser.json, browser-table.md and the databases
  --runs        runs of each measure, at least 5 (default 5)
  --large-keys  keys of the large list (default 10000); smaller for a quick check";

const STATIC_ROWS: &str = include_str!("static_rows.js");
const STATIC_TEMPLATE: &str = include_str!("../baselines/static/page.html");

struct Options {
    server: PathBuf,
    site: PathBuf,
    out: PathBuf,
    runs: usize,
    large_keys: usize,
}

fn parse_options() -> anyhow::Result<Options> {
    let mut server = None;
    let mut site = None;
    let mut out = None;
    let mut runs = 5;
    let mut large_keys = LARGE_KEYS;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--server" => server = Some(PathBuf::from(value()?)),
            "--site" => site = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--runs" => {
                let text = value()?;
                runs = text.parse().with_context(|| format!("invalid --runs {text:?}"))?;
            }
            "--large-keys" => {
                let text = value()?;
                large_keys = text.parse().with_context(|| format!("invalid --large-keys {text:?}"))?;
            }
            other => bail!("unknown option {other:?}; usage: {USAGE}"),
        }
    }
    if runs < 5 {
        bail!("--runs must be at least 5, so that the median means something");
    }
    Ok(Options {
        server: server.context("--server is missing")?,
        site: site.context("--site is missing")?,
        out: out.context("--out is missing")?,
        runs,
        large_keys,
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = parse_options()?;
    std::fs::create_dir_all(&options.out)?;
    let stylesheet = stylesheet_name(&options.site)?;

    let driver = Driver::start().await?;
    println!("bench: starting servers with {SMALL_KEYS} and {} keys", options.large_keys);
    let small = LocalServer::start(&options.server, &options.site, &options.out.join("browser-small.sqlite"), SMALL_KEYS).await?;
    let large = LocalServer::start(&options.server, &options.site, &options.out.join("browser-large.sqlite"), options.large_keys).await?;

    let small_keys = small.list_all("api-keys").await?;
    let large_keys = large.list_all("api-keys").await?;
    if small_keys.len() != SMALL_KEYS || large_keys.len() != options.large_keys {
        bail!(
            "the servers contain {} and {} keys, not {SMALL_KEYS} and {}",
            small_keys.len(),
            large_keys.len(),
            options.large_keys
        );
    }
    let static_folder = options.site.join("bench").join("static");
    std::fs::create_dir_all(&static_folder)?;
    write_static_page(&driver, &small, &small_keys, &stylesheet, &static_folder.join(format!("{SMALL_KEYS}.html"))).await?;
    write_static_page(&driver, &large, &large_keys, &stylesheet, &static_folder.join(format!("{}.html", options.large_keys))).await?;

    let keystrokes = QUERIES
        .iter()
        .find_map(|query| scenarios::typing_plan(&large_keys, query))
        .context("every candidate query has a keystroke that changes nothing on screen")?;
    println!(
        "bench: typing {:?} then erasing it ({} keystrokes a run)",
        keystrokes.iter().map(|step| step.query.as_str()).max_by_key(|query| query.len()).unwrap_or_default(),
        keystrokes.len()
    );

    let results = measure(&driver, &options, &small, &large, &keystrokes).await?;
    let (rows, report) = report::render(&results);

    let mut table = rows.join("\n");
    table.push('\n');
    std::fs::write(options.out.join("browser-table.md"), &table)?;
    std::fs::write(options.out.join("browser.json"), serde_json::to_string_pretty(&report)? + "\n")?;
    println!("bench: wrote browser-table.md and browser.json in {}", options.out.display());
    Ok(())
}

/// Runs every measure. Runs interleave the pages, so that a slow spell of
/// the machine spreads over all of them.
async fn measure(
    driver: &Driver,
    options: &Options,
    small: &LocalServer,
    large: &LocalServer,
    keystrokes: &[Keystroke],
) -> anyhow::Result<Results> {
    let start_up_pages = [App::Dashboard, App::LeptosMinimal, App::StaticHtml, App::PlainJs, App::React];
    let mut start_up: Vec<(App, Vec<f64>)> = start_up_pages.iter().map(|app| (*app, Vec::new())).collect();
    for run in 1..=options.runs {
        let mut line = Vec::new();
        for (app, samples) in &mut start_up {
            let url = page_url(small, *app, SMALL_KEYS);
            let time = scenarios::start_up(driver, &url, SMALL_KEYS)
                .await
                .with_context(|| format!("start-up of the {} failed", app.label()))?;
            line.push(format!("{} {time:.0} ms", app.label()));
            samples.push(time);
        }
        println!("bench: start-up run {run}/{}: {}", options.runs, line.join(", "));
    }

    let large_pages = [App::Dashboard, App::StaticHtml, App::PlainJs, App::React];
    let mut large_runs: Vec<(App, Vec<scenarios::LargeRun>)> = large_pages.iter().map(|app| (*app, Vec::new())).collect();
    for run in 1..=options.runs {
        let mut line = Vec::new();
        for (app, runs) in &mut large_runs {
            let url = page_url(large, *app, options.large_keys);
            let typed: &[Keystroke] = if *app == App::StaticHtml { &[] } else { keystrokes };
            let figures = scenarios::large_list(driver, &url, options.large_keys, typed)
                .await
                .with_context(|| format!("the {}-key run of the {} failed", options.large_keys, app.label()))?;
            line.push(format!("{} loaded in {:.0} ms", app.label(), figures.loaded));
            runs.push(figures);
        }
        println!("bench: {}-key run {run}/{}: {}", options.large_keys, options.runs, line.join(", "));
    }

    Ok(Results {
        runs: options.runs,
        small_keys: SMALL_KEYS,
        large_keys: options.large_keys,
        start_up,
        large: large_runs,
    })
}

/// Returns the URL of `app` on `server`. Pages that call the API get the
/// seeded key in the `#key=` fragment, as the one-click connect link does.
fn page_url(server: &LocalServer, app: App, total_keys: usize) -> String {
    let origin = &server.origin;
    let secret = &server.secret;
    match app {
        App::Dashboard => format!("{origin}/dashboard/#key={secret}"),
        App::LeptosMinimal => format!("{origin}/dashboard/bench/leptos-minimal/index.html"),
        App::StaticHtml => format!("{origin}/dashboard/bench/static/{total_keys}.html"),
        App::PlainJs => format!("{origin}/dashboard/bench/plain/index.html#key={secret}"),
        App::React => format!("{origin}/dashboard/bench/react/index.html#key={secret}"),
    }
}

/// Returns the file name of the dashboard's stylesheet in the site's root.
fn stylesheet_name(site: &Path) -> anyhow::Result<String> {
    std::fs::read_dir(site)
        .with_context(|| format!("failed to read the site folder {}", site.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".css"))
        .with_context(|| format!("no stylesheet in {}", site.display()))
}

/// Writes the static HTML baseline: every key of `server` in one page, with
/// the list markup and the dashboard's stylesheet. The rows are rendered in
/// the browser, so that dates use the same `Intl` formatting as the pages.
async fn write_static_page(
    driver: &Driver,
    server: &LocalServer,
    keys: &[Value],
    stylesheet: &str,
    path: &Path,
) -> anyhow::Result<()> {
    let domains: Vec<Value> = server
        .list_all("domains")
        .await?
        .iter()
        .map(|domain| json!([domain["id"], domain["name"]]))
        .collect();
    let client = driver.session().await?;
    let rows = client.execute(STATIC_ROWS, vec![json!(keys), json!(domains)]).await;
    let _ = client.close().await;
    let rows = rows?;
    let rows = rows.as_str().context("the row renderer returned no text")?;
    let page = STATIC_TEMPLATE
        .replace("{{stylesheet}}", stylesheet)
        .replace("{{count}}", &scenarios::count_text(keys.len(), "", keys.len()))
        .replace("{{rows}}", rows);
    std::fs::write(path, page).with_context(|| format!("failed to write {}", path.display()))
}
