//! Everything that can go wrong with an API call, as values the views can show.

use std::fmt;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::RawObject;

/// A failed API call.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The API responded with an error status. `code`, `title` and `field`
    /// (from `details.field`) come from the contract's error body when the
    /// body had one.
    Status {
        status: u16,
        code: Option<String>,
        title: Option<String>,
        field: Option<String>,
        request_id: Option<String>,
        /// Seconds from a `Retry-After` header, on 429 and some 5xx.
        retry_after: Option<u32>,
    },
    /// A success status with a body that does not match the contract.
    InvalidResponse {
        status: u16,
        reason: String,
        request_id: Option<String>,
    },
    /// No response at all: the network failed, the host is unreachable, or
    /// the browser blocked the response (CORS). Browsers do not tell which.
    Network {
        reason: String,
        /// Whether the browser reported itself offline at the time.
        offline: bool,
    },
    /// No response within the client's time limit.
    Timeout { seconds: u32 },
}

/// The contract's error body: `{ "error": { status, code, title, details } }`.
#[derive(Deserialize)]
struct ErrorEnvelope<'a> {
    #[serde(borrow)]
    error: ErrorBody<'a>,
}

#[derive(Deserialize)]
struct ErrorBody<'a> {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    title: Option<String>,
    /// Any JSON; only a string `field` member is read from it.
    #[serde(default, borrow)]
    details: Option<&'a RawValue>,
}

/// Returns `details.field` when `details` is an object whose `field` is a string.
fn details_field(details: &RawValue) -> Option<String> {
    let details = serde_json::from_str::<RawObject>(details.get()).ok()?;
    serde_json::from_str::<String>(details.get("field")?.get()).ok()
}

impl ApiError {
    /// Builds the error for a non-2xx response from its status, headers and
    /// body text. A body that is not the contract's JSON (an HTML page from a
    /// proxy, an empty body) still gives an error with the status.
    pub fn from_response(status: u16, body: &str, request_id: Option<String>, retry_after: Option<u32>) -> Self {
        let parsed = serde_json::from_str::<ErrorEnvelope>(body).ok();
        let (code, title, field) = match parsed {
            Some(ErrorEnvelope { error }) => (error.code, error.title, error.details.and_then(details_field)),
            None => (None, None, None),
        };
        ApiError::Status {
            status,
            code,
            title,
            field,
            request_id,
            retry_after,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } | ApiError::InvalidResponse { status, .. } => Some(*status),
            ApiError::Network { .. } | ApiError::Timeout { .. } => None,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Status { request_id, .. } | ApiError::InvalidResponse { request_id, .. } => {
                request_id.as_deref()
            }
            ApiError::Network { .. } | ApiError::Timeout { .. } => None,
        }
    }

    /// Returns the body field a validation error names in `details.field`, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Status { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// Tells whether the request may have reached the API and taken effect
    /// although no success was seen: no response, a time-out, a 5xx, or an
    /// unreadable success.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ApiError::Network { .. } | ApiError::Timeout { .. } | ApiError::InvalidResponse { .. } => true,
            ApiError::Status { status, .. } => *status >= 500,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// Returns a sentence for people: what failed and what to do next. It never
    /// contains the API key, which no error carries.
    pub fn message(&self) -> String {
        match self {
            ApiError::Network { offline: true, .. } => {
                "You appear to be offline, so the API could not be reached. Reconnect, then try again.".to_owned()
            }
            ApiError::Network { .. } => "Could not reach the API. Check your network connection and the API \
                 address; if they are right, the API may not allow requests from this page's origin (CORS)."
                .to_owned(),
            ApiError::Timeout { seconds } => format!(
                "The API did not answer within {seconds} seconds. Check your connection, then try again."
            ),
            ApiError::InvalidResponse { status, .. } => format!(
                "The API answered (status {status}) with data this dashboard cannot read. Try again; \
                 if it persists, the API may have changed."
            ),
            ApiError::Status {
                status,
                title,
                retry_after,
                ..
            } => {
                let summary = title.as_deref().map(str::trim).filter(|title| !title.is_empty());
                let advice = match status {
                    401 => "The API key was rejected: it is unknown, disabled or revoked. Connect with a valid Full access key.",
                    403 => "This API key lacks the permission for this action; it needs Full access.",
                    404 => "It no longer exists; refresh the list.",
                    409 => "It conflicts with the current state; refresh and try again.",
                    429 => "The API is limiting requests; wait a moment, then try again.",
                    500..=599 => "The API failed; try again in a moment.",
                    _ => "Check the values and try again.",
                };
                let mut message = match summary {
                    Some(summary) => format!("{summary} (status {status}). {advice}"),
                    None => format!("The request failed with status {status}. {advice}"),
                };
                if let (429, Some(seconds)) = (status, retry_after) {
                    message.push_str(&format!(" You can try again in {seconds} seconds."));
                }
                message
            }
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message())?;
        if let Some(request_id) = self.request_id() {
            write!(formatter, " Request id: {request_id}.")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
