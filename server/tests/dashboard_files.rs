//! Serving a built dashboard: the single-page fallback, `config.json` and the
//! security headers.

mod common;

use common::TestServer;
use reqwest::StatusCode;

const INDEX: &str = r#"<!DOCTYPE html><html><head><base href="/"><script type="module">import init from './app.js';init();</script></head><body></body></html>"#;

async fn serve_dist() -> (TestServer, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::write(dist.path().join("app.js"), "export default function init() {}").unwrap();
    let db = dist.path().join("db.sqlite");
    let server = TestServer::start_with(db, Some(dist.path().to_owned())).await;
    (server, dist)
}

#[tokio::test]
async fn deep_links_get_index_with_base() {
    let (server, _dist) = serve_dist().await;
    for path in ["/dashboard/", "/dashboard/api-keys", "/dashboard/api-keys/apk_01jnx372zj49s3zqnn7ew8hzpk"] {
        let response = server.client.get(format!("{}{path}", server.base)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let headers = response.headers().clone();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(csp.contains("'sha256-"), "the inline script is allowed by hash: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert!(headers.contains_key("permissions-policy"));
        let body = response.text().await.unwrap();
        assert!(body.contains(r#"<base href="/dashboard/">"#), "{path}: {body}");
    }
}

#[tokio::test]
async fn assets_and_config_served() {
    let (server, _dist) = serve_dist().await;
    let asset = server.client.get(format!("{}/dashboard/app.js", server.base)).send().await.unwrap();
    assert_eq!(asset.status(), StatusCode::OK);
    assert!(asset.text().await.unwrap().contains("export default"));

    let missing = server.client.get(format!("{}/dashboard/missing.js", server.base)).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    let config: serde_json::Value = server
        .client
        .get(format!("{}/dashboard/config.json", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(config["apiBaseUrl"], "/");

    let root = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/", server.base))
        .send()
        .await
        .unwrap();
    assert!(root.status().is_redirection());
    assert_eq!(root.headers()["location"], "/dashboard/");
}

#[tokio::test]
async fn api_still_owns_its_paths() {
    let (server, _dist) = serve_dist().await;
    let reply = server.get("/api-keys", &server.admin).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body["data"].is_array());
}
