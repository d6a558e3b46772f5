//! Headless Chromium through chromedriver: one fresh session (new profile,
//! empty cache) per measured page load, the probe injected before any page
//! script, and Chrome DevTools Protocol commands.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use e2e::{Browser, Theme};
use fantoccini::wd::{TimeoutConfiguration, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};
use tokio::process::Child;

/// Maximum wait for a page load or for what the probe waits for. Generous
/// on purpose: a list that renders every row once took 215 to 288 s to load
/// 10,000 keys on the 2-core machine of BENCHMARKS.md, and such a
/// regression should be measured, not cut off.
const MAX_WAIT: Duration = Duration::from_secs(900);
/// Length of one waiting script. Waits are split into such scripts, because
/// a script timeout above 300 s was not honoured in practice.
const WAIT_STEP: Duration = Duration::from_secs(20);

const PROBE: &str = include_str!("probe.js");

/// A running chromedriver; it is killed when this value is dropped.
pub struct Driver {
    url: String,
    _process: Child,
}

impl Driver {
    pub async fn start() -> anyhow::Result<Self> {
        let (process, url) = e2e::start_driver(Browser::Chromium).await?;
        Ok(Self { url, _process: process })
    }

    /// Opens a new Chromium, the end-to-end tests' headless set-up in the
    /// light theme. chromedriver gives every session a new temporary profile.
    pub async fn session(&self) -> anyhow::Result<Client> {
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(e2e::capabilities(Browser::Chromium, Theme::Light))
            .connect(&self.url)
            .await
            .context("failed to open a Chromium session")?;
        client.set_window_size(1280, 900).await?;
        client
            .update_timeouts(TimeoutConfiguration::new(Some(WAIT_STEP * 2), Some(MAX_WAIT), None))
            .await?;
        Ok(client)
    }
}

/// Runs `promise` (a probe call whose `LIMIT` argument becomes the step
/// length, in milliseconds) until it resolves to true, for at most MAX_WAIT.
pub async fn wait_until(client: &Client, promise: &str, what: &str) -> anyhow::Result<()> {
    let script = format!(
        "const done = arguments[arguments.length - 1]; {}.then(done);",
        promise.replace("LIMIT", &WAIT_STEP.as_millis().to_string())
    );
    let deadline = Instant::now() + MAX_WAIT;
    loop {
        let ready = client.execute_async(&script, Vec::new()).await?;
        if ready == Value::Bool(true) {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("the page did not show {what} within {MAX_WAIT:?}");
        }
    }
}

/// Injects the probe (see probe.js) into every document the session opens
/// from now on, before the page's own scripts.
pub async fn inject_probe(client: &Client, expected_total: usize, page_size: usize) -> anyhow::Result<()> {
    let source = PROBE
        .replace("EXPECTED_TOTAL", &expected_total.to_string())
        .replace("PAGE_SIZE", &page_size.to_string());
    cdp(client, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await?;
    Ok(())
}

/// Runs a Chrome DevTools Protocol command through chromedriver's
/// `POST /session/{id}/goog/cdp/execute` and returns its result.
pub async fn cdp(client: &Client, command: &str, params: Value) -> anyhow::Result<Value> {
    client
        .issue_cmd(CdpCommand {
            command: command.to_owned(),
            params,
        })
        .await
        .with_context(|| format!("CDP command {command} failed"))
}

#[derive(Debug)]
struct CdpCommand {
    command: String,
    params: Value,
}

impl WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.command, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Memory of the current page after a full garbage collection, in bytes.
pub struct Memory {
    /// V8's used JavaScript heap (`Runtime.getHeapUsage`).
    pub js_heap: f64,
    /// The wasm module's linear memory; 0 for a page without wasm-bindgen.
    pub wasm: f64,
}

/// Collects garbage, then reads the JavaScript heap and the wasm memory. The
/// wasm-bindgen glue's default export returns the exports it already
/// initialised when called again, and the page names the glue in its
/// `modulepreload` link.
pub async fn memory(client: &Client) -> anyhow::Result<Memory> {
    cdp(client, "HeapProfiler.collectGarbage", json!({})).await?;
    let usage = cdp(client, "Runtime.getHeapUsage", json!({})).await?;
    let js_heap = usage["usedSize"].as_f64().context("Runtime.getHeapUsage returned no usedSize")?;
    let wasm = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const link = document.querySelector('link[rel=modulepreload][href$=\".js\"]'); \
             if (!link) { done(0); return; } \
             import(link.href).then((glue) => glue.default()).then((exports) => done(exports.memory.buffer.byteLength)) \
               .catch((error) => done('failed: ' + error));",
            Vec::new(),
        )
        .await?;
    let wasm = wasm
        .as_f64()
        .with_context(|| format!("reading the wasm memory failed: {wasm}"))?;
    Ok(Memory { js_heap, wasm })
}
