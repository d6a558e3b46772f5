//! Serving a built dashboard under a sub-path, as a static host would: files as
//! they are, `index.html` for every other path (the single-page fallback),
//! `config.json` pointing at this server, and security headers.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{AppState, Config};

/// The `<base>` element that the dashboard's `index.html` ships with.
const SHIPPED_BASE: &str = r#"<base href="/">"#;

/// Adds the dashboard at `dist_path` (such as `/dashboard/`) to the router.
pub fn mount(router: Router<AppState>, dist: &Path, config: &Config, report_csp: bool) -> anyhow::Result<Router<AppState>> {
    let dist_path = config.dist_path.as_str();
    if dist_path.len() < 3 || !dist_path.starts_with('/') || !dist_path.ends_with('/') {
        anyhow::bail!(
            "invalid dashboard path {dist_path:?}: give a sub-path such as /dashboard/, because the API owns the root"
        );
    }
    let index_path = dist.join("index.html");
    let shipped_index = std::fs::read_to_string(&index_path)
        .with_context(|| format!("failed to read {}; build the dashboard first", index_path.display()))?;
    let index = rewrite_base(&shipped_index, dist_path)?;
    let mut csp = content_security_policy(&index);
    if report_csp {
        csp.push_str("; report-uri /__csp-report");
    }

    let index: Arc<str> = index.into();
    let fallback = get(move |uri: Uri| {
        let index = index.clone();
        async move { spa_fallback(&uri, &index) }
    });
    let files = ServeDir::new(dist)
        .append_index_html_on_directories(false)
        .fallback(fallback.clone());

    // The API is this server's root, so a path is enough and any host name works.
    let mut dashboard_config = serde_json::Map::new();
    dashboard_config.insert("apiBaseUrl".to_owned(), "/".into());
    dashboard_config.extend(config.dashboard_config.clone());
    let dashboard_config = serde_json::Value::Object(dashboard_config);
    let config_json = get(move || {
        let dashboard_config = dashboard_config.clone();
        async move { ([(header::CACHE_CONTROL, "no-cache")], axum::Json(dashboard_config)) }
    });

    let files = Router::new()
        .route("/config.json", config_json)
        .fallback_service(files);
    let dashboard = with_security_headers(files, &csp)?;
    // The nested router does not see its own root, `/dashboard/`, so it gets a route here.
    let root_page = with_security_headers(Router::new().route_service(dist_path, fallback), &csp)?;

    let nest_at = dist_path.trim_end_matches('/').to_owned();
    let to_dashboard = dist_path.to_owned();
    Ok(router
        .nest(&nest_at, dashboard)
        .merge(root_page)
        .route("/", get(move || async move { Redirect::temporary(&to_dashboard) })))
}

fn with_security_headers(router: Router<AppState>, csp: &str) -> anyhow::Result<Router<AppState>> {
    Ok(router
        .layer(header_layer(header::CONTENT_SECURITY_POLICY, csp)?)
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff")?)
        .layer(header_layer(header::REFERRER_POLICY, "no-referrer")?)
        .layer(header_layer(
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-read=(), clipboard-write=(self)",
        )?))
}

fn header_layer(name: HeaderName, value: &str) -> anyhow::Result<SetResponseHeaderLayer<HeaderValue>> {
    let value = HeaderValue::from_str(value).with_context(|| format!("invalid {name} header"))?;
    Ok(SetResponseHeaderLayer::overriding(name, value))
}

/// Responds to a path with no file: an asset name (with an extension) is a 404, any
/// other path is a route of the single-page app and gets `index.html`.
fn spa_fallback(uri: &Uri, index: &str) -> Response {
    let last_segment = uri.path().rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        index.to_owned(),
    )
        .into_response()
}

/// Points the shipped `<base href="/">` at the sub-path, which is the one edit a
/// static host needs too.
pub fn rewrite_base(index: &str, dist_path: &str) -> anyhow::Result<String> {
    if !index.contains(SHIPPED_BASE) {
        anyhow::bail!("index.html has no {SHIPPED_BASE} element to point at {dist_path}");
    }
    Ok(index.replacen(SHIPPED_BASE, &format!(r#"<base href="{dist_path}">"#), 1))
}

/// Builds a strict policy that allows the inline scripts of `index.html` by hash,
/// as Trunk's loader is inline.
pub fn content_security_policy(index: &str) -> String {
    let hashes: String = inline_scripts(index)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         connect-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'; object-src 'none'"
    )
}

/// Yields the text of each `<script>` element that has no `src` attribute.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        let (content, _) = after.split_once("</script>")?;
        Some(content)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_rewritten_once() {
        let html = r#"<head><base href="/"><link href="a.css"></head>"#;
        let rewritten = rewrite_base(html, "/dashboard/").unwrap();
        assert_eq!(rewritten, r#"<head><base href="/dashboard/"><link href="a.css"></head>"#);
    }

    #[test]
    fn base_missing_is_an_error() {
        assert!(rewrite_base("<head></head>", "/dashboard/").is_err());
    }

    #[test]
    fn csp_hashes_inline_scripts_only() {
        let html = r#"<script type="module">init()</script><script src="x.js"></script>"#;
        let csp = content_security_policy(html);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init()"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1, "{csp}");
        assert!(!csp.contains("unsafe-inline"));
    }
}
