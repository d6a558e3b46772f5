//! Fault injection for tests: rules that make chosen requests misbehave, and
//! a count of requests so a test can check that nothing was retried.
//!
//! Enabled only by `--faults`. Then `PUT /__faults` replaces the rules with a
//! JSON array, `DELETE /__faults` removes them, and `GET /__faults/requests`
//! returns how many requests each `METHOD /path` received. A rule:
//!
//! ```json
//! { "method": "GET", "path": "/api-keys", "times": 1, "fault": { "kind": "status", "status": 503 } }
//! ```
//!
//! `path` matches exactly, or as a prefix when it ends with `*`; `times`
//! (optional) limits how many requests the rule applies to.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::api::error::ApiError;

#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Fault {
    /// Waits, then handles the request normally.
    Delay { ms: u64 },
    /// Responds `status` with the contract's error body.
    Status { status: u16 },
    /// Responds 429 with `Retry-After` in seconds.
    RateLimit { retry_after: u32 },
    /// Responds `status` with an HTML page, as a proxy would.
    Html { status: u16 },
    /// Responds `status` with an empty body.
    Empty { status: u16 },
    /// Responds 200 with JSON cut off mid-way.
    Truncated,
    /// Closes the connection without answering. Browsers may send the
    /// request again on a new connection before reporting a failure.
    Drop,
    /// Handles the request, starts the answer, then cuts the connection: the
    /// change happened but the client never reads the result. Browsers do
    /// not repeat a request whose answer had begun.
    DropAfter,
    /// Responds `status` with this body as JSON.
    Body { status: u16, body: serde_json::Value },
}

#[derive(Clone, Debug, Deserialize)]
pub struct Rule {
    #[serde(default)]
    pub method: Option<String>,
    pub path: String,
    #[serde(default)]
    pub times: Option<u32>,
    pub fault: Fault,
}

impl Rule {
    fn matches(&self, method: &str, path: &str) -> bool {
        let method_matches = self
            .method
            .as_deref()
            .is_none_or(|expected| expected.eq_ignore_ascii_case(method));
        let path_matches = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        };
        method_matches && path_matches && self.times != Some(0)
    }
}

/// Rules in force and requests seen.
#[derive(Clone, Default)]
pub struct Faults {
    rules: Arc<Mutex<Vec<Rule>>>,
    requests: Arc<Mutex<HashMap<String, u32>>>,
}

impl Faults {
    /// Counts the request and returns the fault of the first matching rule,
    /// using up one of its `times`.
    fn take(&self, method: &str, path: &str) -> Option<Fault> {
        *self
            .requests
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry(format!("{method} {path}"))
            .or_default() += 1;

        let mut rules = self.rules.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let rule = rules.iter_mut().find(|rule| rule.matches(method, path))?;
        if let Some(times) = rule.times.as_mut() {
            *times -= 1;
        }
        Some(rule.fault.clone())
    }
}

pub async fn put_rules(State(faults): State<Faults>, Json(rules): Json<Vec<Rule>>) -> StatusCode {
    tracing::info!(rules = rules.len(), "fault rules replaced");
    *faults.rules.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = rules;
    faults.requests.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    StatusCode::NO_CONTENT
}

pub async fn clear_rules(State(faults): State<Faults>) -> StatusCode {
    faults.rules.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    StatusCode::NO_CONTENT
}

pub async fn request_counts(State(faults): State<Faults>) -> Json<HashMap<String, u32>> {
    Json(faults.requests.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone())
}

/// Applies the matching rule, if any, to an API request.
pub async fn inject(State(faults): State<Faults>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().as_str().to_owned();
    if path.starts_with("/__") || method == "OPTIONS" {
        return next.run(request).await;
    }
    let Some(fault) = faults.take(&method, &path) else {
        return next.run(request).await;
    };
    tracing::info!(%method, %path, ?fault, "injecting fault");

    match fault {
        Fault::Delay { ms } => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(request).await
        }
        Fault::Status { status } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            ApiError::new(status, "injected_fault", format!("Injected fault: status {}", status.as_u16())).into_response()
        }
        Fault::RateLimit { retry_after } => {
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("Too many requests; retry after {retry_after} s"),
            )
            .into_response();
            if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        Fault::Html { status } => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY),
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>",
        )
            .into_response(),
        Fault::Empty { status } => {
            (StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY), Body::empty()).into_response()
        }
        Fault::Truncated => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"data":[{"id":"apk_01jnx372zj49s3zqnn7ew8hzpk","name":"Trunc"#,
        )
            .into_response(),
        Fault::Body { status, body } => {
            (StatusCode::from_u16(status).unwrap_or(StatusCode::OK), Json(body)).into_response()
        }
        Fault::Drop => drop_connection(),
        Fault::DropAfter => {
            let handled = next.run(request).await;
            cut_answer(handled.status())
        }
    }
}

/// Ends the connection's task without a response, so the socket closes and the
/// client sees a network failure. `resume_unwind` skips the panic hook, so
/// nothing is printed; Tokio contains the unwind to the connection's task.
fn drop_connection() -> Response {
    std::panic::resume_unwind(Box::new("injected dropped connection"))
}

/// Sends the head of an answer and the start of its body, then fails the
/// body, which makes the server abort the connection.
fn cut_answer(status: StatusCode) -> Response {
    let chunks = futures_util::stream::unfold(0_u8, |step| async move {
        match step {
            0 => Some((Ok(axum::body::Bytes::from_static(b"{\"data\":")), 1)),
            1 => {
                // Lets the first chunk reach the client before the cut.
                tokio::time::sleep(Duration::from_millis(50)).await;
                Some((Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "injected cut")), 2))
            }
            _ => None,
        }
    });
    (status, [(header::CONTENT_TYPE, "application/json")], Body::from_stream(chunks)).into_response()
}

/// Receives Content-Security-Policy violation reports (`report-uri`) and lists
/// them, so tests can assert that a run caused none.
#[derive(Clone, Default)]
pub struct CspReports(Arc<Mutex<Vec<serde_json::Value>>>);

pub async fn record_csp_report(State(reports): State<CspReports>, body: axum::body::Bytes) -> StatusCode {
    let report = serde_json::from_slice(&body).unwrap_or_else(|_| json!({ "unparsed": String::from_utf8_lossy(&body) }));
    tracing::warn!(%report, "content security policy violation reported");
    reports.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(report);
    StatusCode::NO_CONTENT
}

pub async fn list_csp_reports(State(reports): State<CspReports>) -> Json<Vec<serde_json::Value>> {
    Json(reports.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone())
}
