//! Harness for end-to-end tests: the local server (in process, on a free
//! loopback port, with a fresh database) serving the release dashboard under
//! `/dashboard/`, and a headless browser driven through WebDriver.
//!
//! Paths come from the environment, which `cargo xtask test` sets:
//! `NUNTLY_DIST` (the built dashboard), `CHROMEDRIVER` and `GECKODRIVER`.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tokio::process::{Child, Command};
use tokio::sync::oneshot;

/// How long a test waits for something to appear before it fails.
pub const WAIT: Duration = Duration::from_secs(15);

/// The dashboard's request time limit in these tests, in milliseconds: short
/// enough for a time-out test, long enough for a busy 2-core machine.
pub const REQUEST_TIMEOUT_MS: u64 = 4_000;

#[derive(Clone, Copy, Debug)]
pub enum Browser {
    Chromium,
    Firefox,
}

/// The colour scheme the browser reports through `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl Browser {
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox",
        }
    }
}

/// One test's server, browser and WebDriver session.
pub struct Harness {
    pub browser: Browser,
    pub theme: Theme,
    /// Origin of the local API, such as `http://127.0.0.1:41234`.
    pub api: String,
    /// The dashboard's URL, ending with `/`.
    pub dashboard: String,
    /// Secret of the seeded Full access key.
    pub admin: String,
    pub client: Client,
    /// The server's SQLite file, for data the API cannot create.
    pub db_path: PathBuf,
    http: reqwest::Client,
    server_stop: Option<oneshot::Sender<()>>,
    _driver: Child,
    _dir: tempfile::TempDir,
}

/// Starts everything, runs the test, and always ends the browser session.
pub async fn run(browser: Browser, test: impl AsyncFnOnce(&Harness) -> anyhow::Result<()>) {
    run_themed(browser, Theme::Light, test).await;
}

/// Like [`run`], with the browser set to a colour scheme.
pub async fn run_themed(browser: Browser, theme: Theme, test: impl AsyncFnOnce(&Harness) -> anyhow::Result<()>) {
    run_with(browser, theme, 0, test).await;
}

/// Like [`run`], with `generated_keys` more keys in the server's database.
pub async fn run_with_keys(browser: Browser, generated_keys: usize, test: impl AsyncFnOnce(&Harness) -> anyhow::Result<()>) {
    run_with(browser, Theme::Light, generated_keys, test).await;
}

async fn run_with(
    browser: Browser,
    theme: Theme,
    generated_keys: usize,
    test: impl AsyncFnOnce(&Harness) -> anyhow::Result<()>,
) {
    let harness = Harness::start(browser, theme, generated_keys).await.expect("the test harness starts");
    let result = test(&harness).await;
    if result.is_err() {
        let _ = harness.screenshot("failure").await;
    }
    harness.finish().await;
    if let Err(error) = result {
        panic!("{} test failed: {error:#}", browser.name());
    }
}

impl Harness {
    pub async fn start(browser: Browser, theme: Theme, generated_keys: usize) -> anyhow::Result<Self> {
        let dist = std::env::var_os("NUNTLY_DIST")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"));
        if !dist.join("index.html").exists() {
            bail!("{} has no index.html: build the dashboard first (`cargo xtask build`)", dist.display());
        }

        let dir = tempfile::tempdir()?;
        let mut config = nuntly_local::Config::new(dir.path().join("e2e.sqlite"), "127.0.0.1:0".parse()?);
        config.dist = Some(dist);
        config.faults = true;
        config.csp_reports = true;
        config.generate_keys = generated_keys;
        config
            .dashboard_config
            .insert("requestTimeoutMs".to_owned(), json!(REQUEST_TIMEOUT_MS));
        let db_path = config.db_path.clone();
        let server = nuntly_local::Server::bind(config).await?;
        let api = format!("http://{}", server.addr);
        let admin = server.seeded_secret.clone().context("a new database is seeded")?;
        let (server_stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(server.serve(async {
            let _ = stopped.await;
        }));

        let (driver, driver_url) = start_driver(browser).await?;
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities(browser, theme))
            .connect(&driver_url)
            .await
            .with_context(|| format!("failed to open a {} session", browser.name()))?;
        client.set_window_size(1280, 900).await?;

        Ok(Self {
            browser,
            theme,
            dashboard: format!("{api}/dashboard/"),
            api,
            admin,
            client,
            db_path,
            http: reqwest::Client::new(),
            server_stop: Some(server_stop),
            _driver: driver,
            _dir: dir,
        })
    }

    /// Ends the browser session, then the server; the driver dies with `self`.
    pub async fn finish(mut self) {
        let _ = self.client.clone().close().await;
        if let Some(stop) = self.server_stop.take() {
            let _ = stop.send(());
        }
    }

    /// Opens a dashboard path such as `api-keys` (relative to `/dashboard/`).
    pub async fn open(&self, path: &str) -> anyhow::Result<()> {
        self.client.goto(&format!("{}{path}", self.dashboard)).await?;
        Ok(())
    }

    pub async fn wait_for(&self, css: &str) -> anyhow::Result<Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("no element matched {css:?} within {WAIT:?}"))
    }

    /// Waits until the page's text contains `text`.
    pub async fn wait_for_text(&self, text: &str) -> anyhow::Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let body = self.body_text().await?;
            if body.contains(text) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("the page never showed {text:?}; it shows:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn body_text(&self) -> anyhow::Result<String> {
        Ok(self.client.find(Locator::Css("body")).await?.text().await?)
    }

    pub async fn eval(&self, script: &str) -> anyhow::Result<Value> {
        Ok(self.client.execute(script, Vec::new()).await?)
    }

    pub async fn type_into(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let element = self.wait_for(css).await?;
        element.clear().await?;
        element.send_keys(text).await?;
        Ok(())
    }

    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        self.wait_for(css).await?.click().await?;
        Ok(())
    }

    /// Texts of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> anyhow::Result<Vec<String>> {
        let mut texts = Vec::new();
        for element in self.client.find_all(Locator::Css(css)).await? {
            texts.push(element.text().await?);
        }
        Ok(texts)
    }

    /// Calls the local API directly with `key`; returns status and JSON body.
    pub async fn api_call(
        &self,
        method: reqwest::Method,
        path: &str,
        key: &str,
        body: Option<Value>,
    ) -> anyhow::Result<(u16, Value)> {
        let mut request = self.http.request(method, format!("{}{path}", self.api)).bearer_auth(key);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let text = response.text().await?;
        Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
    }

    /// Creates a key with the admin key; returns its id and secret.
    pub async fn create_key(&self, body: Value) -> anyhow::Result<(String, String)> {
        let (status, reply) = self.api_call(reqwest::Method::POST, "/api-keys", &self.admin, Some(body)).await?;
        if status != 201 {
            bail!("creating a key failed with {status}: {reply}");
        }
        let id = reply["data"]["id"].as_str().context("no id")?.to_owned();
        let secret = reply["data"]["apiKey"].as_str().context("no apiKey")?.to_owned();
        Ok((id, secret))
    }

    /// Replaces the server's fault rules (see `nuntly_local::faults`).
    pub async fn set_faults(&self, rules: Value) -> anyhow::Result<()> {
        let response = self.http.put(format!("{}/__faults", self.api)).json(&rules).send().await?;
        if !response.status().is_success() {
            bail!("setting faults failed with {}", response.status());
        }
        Ok(())
    }

    /// Returns how many requests `METHOD /path` received since the rules were last set.
    pub async fn request_count(&self, request: &str) -> anyhow::Result<u64> {
        let counts: Value = self.http.get(format!("{}/__faults/requests", self.api)).send().await?.json().await?;
        Ok(counts[request].as_u64().unwrap_or(0))
    }

    /// Returns the Content-Security-Policy violations the browser reported.
    pub async fn csp_reports(&self) -> anyhow::Result<Vec<Value>> {
        let reports: Value = self.http.get(format!("{}/__csp-reports", self.api)).send().await?.json().await?;
        Ok(reports.as_array().cloned().unwrap_or_default())
    }

    /// Runs axe-core on the page and returns its serious and critical
    /// violations, one line each. The script comes from `NUNTLY_AXE`, which
    /// `cargo xtask test` sets to its copy of the npm package.
    pub async fn axe_violations(&self) -> anyhow::Result<Vec<String>> {
        let path = std::env::var_os("NUNTLY_AXE")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/tools/axe-core/node_modules/axe-core/axe.min.js"));
        let source = std::fs::read_to_string(&path)
            .with_context(|| format!("failed to read axe-core at {}; run `cargo xtask setup --browsers`", path.display()))?;
        // Run as the WebDriver script itself: `eval` would be blocked by the page's CSP.
        self.client.execute(&format!("{source}\nreturn true;"), Vec::new()).await?;
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 axe.run(document, { resultTypes: ['violations'] }) \
                   .then((results) => done(results.violations \
                     .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical') \
                     .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at ` + \
                       violation.nodes.map((node) => node.target.join(' ')).slice(0, 5).join(', ')))) \
                   .catch((error) => done(['axe failed: ' + error]));",
                Vec::new(),
            )
            .await?;
        Ok(result
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|line| line.as_str().map(str::to_owned))
            .collect())
    }

    /// Returns by how many CSS pixels the page is wider than the window.
    pub async fn horizontal_overflow(&self) -> anyhow::Result<i64> {
        let overflow = self
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
            .await?;
        Ok(overflow.as_i64().unwrap_or(i64::MAX))
    }

    /// Saves a screenshot as `target/e2e-screenshots/<browser>-<name>.png`.
    pub async fn screenshot(&self, name: &str) -> anyhow::Result<PathBuf> {
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
        std::fs::create_dir_all(&folder)?;
        let path = folder.join(format!("{}-{name}.png", self.browser.name()));
        std::fs::write(&path, self.client.screenshot().await?)?;
        Ok(path)
    }
}

/// WebDriver capabilities for a headless browser in `theme`, with the flags a
/// machine without outside network needs.
pub fn capabilities(browser: Browser, theme: Theme) -> serde_json::Map<String, Value> {
    // Chromium: Blink's preferredColorScheme, 0 dark and 1 light. Firefox:
    // the content override pref, 0 dark and 1 light.
    let scheme = match theme {
        Theme::Dark => 0,
        Theme::Light => 1,
    };
    let value = match browser {
        // Flags for a root user on a machine with no outside network: without
        // the background-networking ones Chromium keeps calling hosts it cannot reach.
        Browser::Chromium => json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run",
                    format!("--blink-settings=preferredColorScheme={scheme}")
                ]
            }
        }),
        Browser::Firefox => json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "args": ["-headless"],
                "prefs": {
                    "app.update.enabled": false,
                    "network.captive-portal-service.enabled": false,
                    "browser.safebrowsing.malware.enabled": false,
                    "browser.safebrowsing.phishing.enabled": false,
                    "layout.css.prefers-color-scheme.content-override": scheme
                }
            }
        }),
    };
    match value {
        Value::Object(map) => map,
        _ => unreachable!("capabilities are a JSON object"),
    }
}

/// Starts the browser's WebDriver server on a free loopback port and waits
/// until it responds.
pub async fn start_driver(browser: Browser) -> anyhow::Result<(Child, String)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let (variable, default) = match browser {
        Browser::Chromium => ("CHROMEDRIVER", "/usr/bin/chromedriver"),
        Browser::Firefox => ("GECKODRIVER", "geckodriver"),
    };
    let program = std::env::var(variable).unwrap_or_else(|_| default.to_owned());
    let mut command = Command::new(&program);
    match browser {
        Browser::Chromium => command.arg(format!("--port={port}")),
        Browser::Firefox => command.args(["--host", "127.0.0.1", "--port", &port.to_string()]),
    };
    let driver = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("failed to start {program}; set {variable} or run `cargo xtask setup --browsers`"))?;

    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + WAIT;
    let http = reqwest::Client::new();
    while Instant::now() < deadline {
        if let Ok(response) = http.get(format!("{url}/status")).send().await {
            if response.status().is_success() {
                return Ok((driver, url));
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("{program} did not answer on {url} within {WAIT:?}")
}

/// Declares each scenario as a test per browser and colour scheme.
#[macro_export]
macro_rules! themed_browser_tests {
    ($($scenario:ident),* $(,)?) => {
        $crate::themed_browser_tests!(@module chromium_light, Chromium, Light, $($scenario),*);
        $crate::themed_browser_tests!(@module chromium_dark, Chromium, Dark, $($scenario),*);
        $crate::themed_browser_tests!(@module firefox_light, Firefox, Light, $($scenario),*);
        $crate::themed_browser_tests!(@module firefox_dark, Firefox, Dark, $($scenario),*);
    };
    (@module $module:ident, $browser:ident, $theme:ident, $($scenario:ident),*) => {
        mod $module {
            $(
                #[tokio::test(flavor = "multi_thread")]
                async fn $scenario() {
                    $crate::run_themed($crate::Browser::$browser, $crate::Theme::$theme, super::$scenario).await;
                }
            )*
        }
    };
}

/// Declares each scenario as a test in Chromium and one in Firefox.
#[macro_export]
macro_rules! browser_tests {
    ($($scenario:ident),* $(,)?) => {
        mod chromium {
            $(
                #[tokio::test(flavor = "multi_thread")]
                async fn $scenario() {
                    $crate::run($crate::Browser::Chromium, super::$scenario).await;
                }
            )*
        }
        mod firefox {
            $(
                #[tokio::test(flavor = "multi_thread")]
                async fn $scenario() {
                    $crate::run($crate::Browser::Firefox, super::$scenario).await;
                }
            )*
        }
    };
}
