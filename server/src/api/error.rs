//! The contract's error body, `{ "error": { status, code, title, details } }`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An error response. Every handler returns this type, never a panic.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    /// Machine-readable code such as `not_found` or `invalid_body`.
    pub code: &'static str,
    /// Summary for people.
    pub title: String,
    /// Free-form details; for validation errors `{ "field": …, "reason": … }`.
    pub details: Value,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, title: impl Into<String>) -> Self {
        Self {
            status,
            code,
            title: title.into(),
            details: json!({}),
        }
    }

    /// Builds a 422 for one field of the body.
    pub fn invalid_field(field: &str, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid_body",
            title: format!("Invalid field `{field}`: {reason}"),
            details: json!({ "field": field, "reason": reason }),
        }
    }

    /// Builds a 400 for one query parameter.
    pub fn invalid_query(parameter: &str, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_query",
            title: format!("Invalid query parameter `{parameter}`: {reason}"),
            details: json!({ "field": parameter, "reason": reason }),
        }
    }

    pub fn unauthorized(title: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", title)
    }

    pub fn forbidden(code: &'static str, title: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, title)
    }

    pub fn not_found(title: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", title)
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "The server failed to handle the request; see its log",
        )
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "database query failed");
        Self::internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(code = self.code, title = %self.title, "request failed");
        } else {
            tracing::debug!(code = self.code, title = %self.title, "request rejected");
        }
        let body = json!({
            "error": {
                "status": self.status.as_u16(),
                "code": self.code,
                "title": self.title,
                "details": self.details,
            }
        });
        (self.status, Json(body)).into_response()
    }
}
