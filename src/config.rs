//! Runtime configuration, read from `config.json` next to `index.html` so a
//! deployment changes it without rebuilding.
//!
//! ```json
//! { "apiBaseUrl": "https://api.nuntly.com", "allowApiBaseUrlOverride": false, "requestTimeoutMs": 20000 }
//! ```

use gloo_net::http::Request;
use serde::Deserialize;

/// API used when `config.json` does not name one.
pub const DEFAULT_API_BASE_URL: &str = "https://api.nuntly.com";

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeConfig {
    /// Absolute URL, or a path resolved against the page's base URL.
    #[serde(default = "default_api_base_url")]
    pub api_base_url: String,
    /// Whether the connect screen lets the user type another API base URL.
    #[serde(default)]
    pub allow_api_base_url_override: bool,
    /// Time limit of each API request, in milliseconds.
    #[serde(default = "default_request_timeout_ms")]
    pub request_timeout_ms: u32,
}

fn default_request_timeout_ms() -> u32 {
    crate::api::DEFAULT_TIMEOUT_MS
}

fn default_api_base_url() -> String {
    DEFAULT_API_BASE_URL.to_owned()
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        Self {
            api_base_url: default_api_base_url(),
            allow_api_base_url_override: false,
            request_timeout_ms: default_request_timeout_ms(),
        }
    }
}

/// The configuration in use and, when `config.json` could not be read, why.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedConfig {
    pub config: RuntimeConfig,
    pub problem: Option<String>,
}

/// Fetches `config.json` relative to the document's base URL. A missing or
/// invalid file falls back to the defaults and reports why.
pub async fn load() -> LoadedConfig {
    let url = resolve_url("config.json").unwrap_or_else(|| "config.json".to_owned());
    let result = async {
        let response = Request::get(&url)
            .header("Cache-Control", "no-cache")
            .send()
            .await
            .map_err(|error| format!("it could not be fetched ({error})"))?;
        if !response.ok() {
            return Err(format!("the server answered {}", response.status()));
        }
        let text = response
            .text()
            .await
            .map_err(|error| format!("it could not be read ({error})"))?;
        serde_json::from_str::<RuntimeConfig>(&text).map_err(|error| format!("it is not valid ({error})"))
    }
    .await;

    match result {
        Ok(config) => LoadedConfig { config, problem: None },
        Err(reason) => {
            log::warn!("config.json: {reason}; using defaults");
            LoadedConfig {
                config: RuntimeConfig::default(),
                problem: Some(format!(
                    "The deployment's config.json could not be used: {reason}. The dashboard uses {DEFAULT_API_BASE_URL}."
                )),
            }
        }
    }
}

/// Resolves a URL or path against the document's base URL (`<base href>`).
pub fn resolve_url(url: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    web_sys::Url::new_with_base(url, &base).ok().map(|url| url.href())
}

/// Returns the router base: the path of the document's base URL without its trailing
/// slash, such as `/dashboard`, or `""` at the root.
pub fn router_base() -> String {
    let path = resolve_url(".")
        .and_then(|href| web_sys::Url::new(&href).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_owned()
}
