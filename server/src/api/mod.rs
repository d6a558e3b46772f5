//! The HTTP surface: routes, request ids, CORS, request logs, and the helpers
//! that parse query strings and JSON bodies into contract errors.

mod auth;
mod domains;
mod emails;
pub mod error;
mod keys;

use std::collections::HashMap;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::extract::rejection::QueryRejection;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, put};
use serde_json::{Map, Value};
use tower_http::cors::{Any, CorsLayer};
use tower_http::trace::TraceLayer;

use crate::faults::{self, CspReports, Faults};
use crate::{AppState, Config, static_files};
use error::ApiError;

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Page size when the request gives none, and the accepted range.
pub const DEFAULT_PAGE_SIZE: usize = 20;
pub const MAX_PAGE_SIZE: usize = 100;

/// The request id given to one request, also stored in its extensions for logs.
#[derive(Clone)]
struct RequestId(String);

pub fn router(state: AppState, config: &Config) -> anyhow::Result<Router> {
    let api = Router::new()
        .route("/api-keys", get(keys::list).post(keys::create))
        .route(
            "/api-keys/{id}",
            get(keys::get_one).patch(keys::update).delete(keys::revoke),
        )
        .route("/domains", get(domains::list))
        .route("/domains/{id}", get(domains::get_one))
        .route("/emails", post(emails::send));

    let mut router = api;
    if let Some(dist) = &config.dist {
        router = static_files::mount(router, dist, &config, config.csp_reports)?;
    }
    let faults = Faults::default();
    if config.faults {
        router = router.merge(
            Router::new()
                .route("/__faults", put(faults::put_rules).delete(faults::clear_rules))
                .route("/__faults/requests", get(faults::request_counts))
                .with_state(faults.clone()),
        );
    }
    if config.csp_reports {
        router = router.merge(
            Router::new()
                .route("/__csp-report", post(faults::record_csp_report))
                .route("/__csp-reports", get(faults::list_csp_reports))
                .with_state(CspReports::default()),
        );
    }

    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .expose_headers([REQUEST_ID_HEADER, header::RETRY_AFTER])
        .max_age(Duration::from_secs(600));

    let trace = TraceLayer::new_for_http().make_span_with(|request: &Request<Body>| {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.0.as_str())
            .unwrap_or("-");
        // The path only: no header is logged, so the Authorization header never is.
        tracing::info_span!(
            "request",
            method = %request.method(),
            path = %request.uri().path(),
            request_id = %request_id,
        )
    });

    let mut router = router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    if config.faults {
        router = router.layer(middleware::from_fn_with_state(faults, faults::inject));
    }
    Ok(router
        .layer(cors)
        .layer(trace)
        .layer(middleware::from_fn(assign_request_id)))
}

/// Gives every request an id, returned in `x-request-id` on every response.
async fn assign_request_id(mut request: Request, next: Next) -> Response {
    let id = format!("req_{}", ulid::Ulid::new().to_string().to_lowercase());
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

async fn not_found() -> ApiError {
    ApiError::not_found("No such endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "This endpoint does not accept that method",
    )
}

/// Page parameters after validation.
pub struct PageQuery {
    pub limit: usize,
    pub cursor: Option<String>,
}

impl PageQuery {
    /// Validates `limit` (1 to 100, default 20) and `cursor` (an id with the
    /// given prefix, as returned in `nextCursor`).
    pub fn parse(
        query: Result<axum::extract::Query<HashMap<String, String>>, QueryRejection>,
        id_prefix: &str,
    ) -> Result<Self, ApiError> {
        let axum::extract::Query(query) =
            query.map_err(|_| ApiError::invalid_query("query", "the query string is not valid URL encoding"))?;

        let limit = match query.get("limit") {
            None => DEFAULT_PAGE_SIZE,
            Some(raw) => match raw.parse::<usize>() {
                Ok(limit) if (1..=MAX_PAGE_SIZE).contains(&limit) => limit,
                _ => {
                    return Err(ApiError::invalid_query(
                        "limit",
                        format!("must be an integer from 1 to {MAX_PAGE_SIZE}"),
                    ));
                }
            },
        };

        let cursor = match query.get("cursor") {
            None => None,
            Some(raw) if is_id(raw, id_prefix) => Some(raw.clone()),
            Some(_) => {
                return Err(ApiError::invalid_query(
                    "cursor",
                    "must be a `nextCursor` value from a previous page",
                ));
            }
        };

        Ok(Self { limit, cursor })
    }
}

/// Tells whether a string has the shape of an id this server issues: a prefix
/// and a lowercase ULID (26 Crockford base32 characters).
pub fn is_id(value: &str, prefix: &str) -> bool {
    value.strip_prefix(prefix).is_some_and(|ulid| {
        ulid.len() == 26
            && ulid
                .bytes()
                .all(|byte| byte.is_ascii_digit() || (byte.is_ascii_lowercase() && !b"ilou".contains(&byte)))
    })
}

/// Parses a request body that must be a JSON object.
pub fn json_object(body: &Bytes) -> Result<Map<String, Value>, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|error| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("The request body is not valid JSON: {error}"),
        )
    })?;
    match value {
        Value::Object(object) => Ok(object),
        _ => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            "The request body must be a JSON object",
        )),
    }
}

/// Reads an optional string field; `null` counts as absent.
pub fn optional_string<'a>(body: &'a Map<String, Value>, field: &str) -> Result<Option<&'a str>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(ApiError::invalid_field(field, "must be a string")),
    }
}
