//! Typed client of the Nuntly REST API: one function per call, decoders that
//! never panic, and errors as values.

pub mod error;
pub mod models;

use std::fmt;
use std::sync::Arc;

use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use zeroize::Zeroize;

pub use error::ApiError;
pub use models::{ApiKey, CreatedKey, Domain, KeyChanges, KeyStatus, NewKey, Page, Permission};

/// Largest page the contract accepts; whole lists are fetched with it.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Time limit of one request when the configuration sets none, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

/// Attempts of a read that the API rejects with 429, the first one included.
pub const MAX_READ_ATTEMPTS: u32 = 3;

/// Maximum wait honoured from a `Retry-After` header, in seconds. A longer
/// one fails the read with the wait in its message instead.
pub const MAX_RETRY_WAIT_SECONDS: u32 = 30;

/// A read waiting out a 429 before its next attempt, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryNotice {
    pub seconds: u32,
    /// The attempt about to be made, from 2 to `MAX_READ_ATTEMPTS`.
    pub attempt: u32,
}

/// Called with `Some` when a read starts waiting out a 429 and with `None`
/// when the wait is over.
pub type RetryObserver = Arc<dyn Fn(Option<RetryNotice>) + Send + Sync>;

/// An API key secret. It is never formatted: `Debug` prints a placeholder and
/// there is no `Display`, so it cannot slip into a log line or a message.
/// Dropping it overwrites its bytes.
// NOTE: the browser keeps copies this type cannot wipe: the `Authorization`
// header strings handed to `fetch` and the text of the input it was typed in.
pub struct ApiSecret(String);

impl ApiSecret {
    /// Wraps a secret; `None` when it is empty after trimming.
    pub fn new(secret: &str) -> Option<Self> {
        let trimmed = secret.trim();
        (!trimmed.is_empty()).then(|| Self(trimmed.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for ApiSecret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        ApiSecret::new(&value).ok_or_else(|| serde::de::Error::custom("the secret is empty"))
    }
}

impl fmt::Debug for ApiSecret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("ApiSecret(<redacted>)")
    }
}

impl Drop for ApiSecret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// A client bound to one API base URL and one key. Cloning shares the key.
#[derive(Clone)]
pub struct ApiClient {
    base_url: Arc<str>,
    secret: Arc<ApiSecret>,
    timeout_ms: u32,
    on_retry: Option<RetryObserver>,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ApiClient")
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}

impl PartialEq for ApiClient {
    fn eq(&self, other: &Self) -> bool {
        self.base_url == other.base_url && Arc::ptr_eq(&self.secret, &other.secret)
    }
}

impl ApiClient {
    /// `base_url` is absolute, such as `https://api.nuntly.com`; a trailing
    /// slash is ignored.
    pub fn new(base_url: &str, secret: ApiSecret) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').into(),
            secret: Arc::new(secret),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            on_retry: None,
        }
    }

    /// Sets the time limit of each request, in milliseconds.
    pub fn with_timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = timeout_ms.max(1);
        self
    }

    /// Reports the waits of reads that the API rate-limits.
    pub fn with_retry_observer(mut self, observer: RetryObserver) -> Self {
        self.on_retry = Some(observer);
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Exposes the secret to store it in `sessionStorage` at the user's request.
    pub fn secret(&self) -> &ApiSecret {
        &self.secret
    }

    /// `GET /api-keys`: one page, newest first.
    pub async fn list_keys_page(&self, cursor: Option<&str>, limit: u32) -> Result<Page<ApiKey>, ApiError> {
        let path = page_path("/api-keys", cursor, limit);
        let (status, text, request_id) = self.send(Method::GET, &path, None).await?;
        decode_page(&text).map_err(|reason| ApiError::InvalidResponse {
            status,
            reason,
            request_id,
        })
    }

    /// `GET /domains`: one page.
    pub async fn list_domains_page(&self, cursor: Option<&str>, limit: u32) -> Result<Page<Domain>, ApiError> {
        let path = page_path("/domains", cursor, limit);
        let (status, text, request_id) = self.send(Method::GET, &path, None).await?;
        decode_page(&text).map_err(|reason| ApiError::InvalidResponse {
            status,
            reason,
            request_id,
        })
    }

    /// `POST /api-keys`. The response is the only one that carries the secret.
    pub async fn create_key(&self, key: &NewKey) -> Result<CreatedKey, ApiError> {
        let body = serde_json::to_string(key)
            .map_err(|error| network_error(format!("the request body could not be encoded: {error}")))?;
        let (status, text, request_id) = self.send(Method::POST, "/api-keys", Some(body)).await?;
        decode_data(&text).map_err(|reason| ApiError::InvalidResponse {
            status,
            reason,
            request_id,
        })
    }

    /// `GET /api-keys/{id}`.
    pub async fn get_key(&self, id: &str) -> Result<ApiKey, ApiError> {
        let (status, text, request_id) = self.send(Method::GET, &key_path(id), None).await?;
        decode_data(&text).map_err(|reason| ApiError::InvalidResponse {
            status,
            reason,
            request_id,
        })
    }

    /// `PATCH /api-keys/{id}` with only the changed fields.
    pub async fn update_key(&self, id: &str, changes: &KeyChanges) -> Result<(), ApiError> {
        let body = serde_json::to_string(changes)
            .map_err(|error| network_error(format!("the request body could not be encoded: {error}")))?;
        self.send(Method::PATCH, &key_path(id), Some(body)).await?;
        Ok(())
    }

    /// `DELETE /api-keys/{id}`: revokes the key; requests with it fail at once.
    pub async fn revoke_key(&self, id: &str) -> Result<(), ApiError> {
        self.send(Method::DELETE, &key_path(id), None).await?;
        Ok(())
    }

    /// Sends a request and returns status, body text and request id of a 2xx
    /// response; anything else becomes an `ApiError`. A read that gets 429 is
    /// tried again after `Retry-After`, up to `MAX_READ_ATTEMPTS` in all.
    /// Writes are never repeated: the caller cannot know whether they took
    /// effect.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<(u16, String, Option<String>), ApiError> {
        let is_read = method == Method::GET;
        let mut attempt = 1;
        loop {
            let result = self.send_once(method.clone(), path, body.clone()).await;
            let wait = match &result {
                Err(ApiError::Status {
                    status: 429,
                    retry_after,
                    ..
                }) if is_read && attempt < MAX_READ_ATTEMPTS => retry_after.unwrap_or(1),
                _ => return result,
            };
            if wait > MAX_RETRY_WAIT_SECONDS {
                return result;
            }
            attempt += 1;
            log::info!("{path} was rate-limited; attempt {attempt} of {MAX_READ_ATTEMPTS} in {wait} s");
            self.notify_retry(Some(RetryNotice { seconds: wait, attempt }));
            sleep_seconds(wait).await;
            self.notify_retry(None);
        }
    }

    fn notify_retry(&self, notice: Option<RetryNotice>) {
        if let Some(observer) = &self.on_retry {
            observer(notice);
        }
    }

    async fn send_once(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<(u16, String, Option<String>), ApiError> {
        let url = format!("{}{}", self.base_url, path);
        let authorization = format!("Bearer {}", self.secret.expose());
        let timeout = web_sys::AbortSignal::timeout_with_u32(self.timeout_ms);
        let builder = RequestBuilder::new(&url)
            .method(method)
            .header("Authorization", &authorization)
            .header("Accept", "application/json")
            .abort_signal(Some(&timeout));
        let request = match body {
            Some(body) => builder.header("Content-Type", "application/json").body(body),
            None => builder.build(),
        }
        .map_err(|error| network_error(format!("the request could not be built: {error}")))?;

        let response = request.send().await.map_err(|error| self.transport_error(error))?;
        let status = response.status();
        let request_id = response.headers().get("x-request-id");
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.trim().parse::<u32>().ok());
        // A body that fails mid-way is a network failure; an empty one is "".
        let text = response.text().await.map_err(|error| self.transport_error(error))?;

        if (200..300).contains(&status) {
            Ok((status, text, request_id))
        } else {
            Err(ApiError::from_response(status, &text, request_id, retry_after))
        }
    }
}

impl ApiClient {
    /// Classifies a failed `fetch` or body read: the time limit, or the network.
    fn transport_error(&self, error: gloo_net::Error) -> ApiError {
        match &error {
            gloo_net::Error::JsError(js) if js.name == "TimeoutError" || js.name == "AbortError" => ApiError::Timeout {
                seconds: self.timeout_ms.div_ceil(1000),
            },
            _ => network_error(error.to_string()),
        }
    }
}

fn network_error(reason: String) -> ApiError {
    let offline = web_sys::window().is_some_and(|window| !window.navigator().on_line());
    ApiError::Network { reason, offline }
}

async fn sleep_seconds(seconds: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let millis = i32::try_from(seconds.saturating_mul(1000)).unwrap_or(i32::MAX);
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn key_path(id: &str) -> String {
    format!("/api-keys/{}", js_sys::encode_uri_component(id))
}

fn page_path(path: &str, cursor: Option<&str>, limit: u32) -> String {
    match cursor {
        Some(cursor) => format!("{path}?limit={limit}&cursor={}", js_sys::encode_uri_component(cursor)),
        None => format!("{path}?limit={limit}"),
    }
}

/// The members of a JSON object, each left as raw JSON text. Like
/// `serde_json::Value`, the last of repeated members wins.
pub(crate) type RawObject<'a> = std::collections::BTreeMap<String, &'a RawValue>;

/// Parses `text` as a JSON object. Valid JSON of another type gives
/// `Ok(None)`, so callers can tell "not JSON" from "not the expected shape".
fn parse_object(text: &str) -> Result<Option<RawObject<'_>>, String> {
    match serde_json::from_str::<RawObject>(text) {
        Ok(object) => Ok(Some(object)),
        Err(error) if error.is_data() => Ok(None),
        Err(error) => Err(format!("the body is not JSON: {error}")),
    }
}

/// Decodes a list response `{ "data": [...], "nextCursor": ... }`. Items that do
/// not match `T` are counted in `skipped` instead of failing the page.
pub fn decode_page<T: DeserializeOwned>(text: &str) -> Result<Page<T>, String> {
    let object = parse_object(text)?;
    let items = object
        .as_ref()
        .and_then(|object| object.get("data"))
        .and_then(|data| serde_json::from_str::<Vec<&RawValue>>(data.get()).ok());
    let Some(items) = items else {
        return Err("the body has no `data` array".to_owned());
    };
    let next_cursor = match object.as_ref().and_then(|object| object.get("nextCursor")) {
        None => None,
        Some(cursor) => match serde_json::from_str::<Option<String>>(cursor.get()) {
            Ok(cursor) => cursor.filter(|cursor| !cursor.is_empty()),
            Err(_) => return Err("`nextCursor` is neither a string nor null".to_owned()),
        },
    };

    let mut decoded = Vec::with_capacity(items.len());
    let mut skipped = 0;
    for item in items {
        match serde_json::from_str::<T>(item.get()) {
            Ok(item) => decoded.push(item),
            Err(_) => skipped += 1,
        }
    }
    Ok(Page {
        items: decoded,
        next_cursor,
        skipped,
    })
}

/// Decodes a single-object response `{ "data": { ... } }`.
pub fn decode_data<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let object = parse_object(text)?;
    let data = object
        .as_ref()
        .and_then(|object| object.get("data"))
        .ok_or_else(|| "the body has no `data` object".to_owned())?;
    serde_json::from_str::<T>(data.get()).map_err(|error| format!("`data` does not match the contract: {error}"))
}
