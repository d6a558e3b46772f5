//! Fault injection over real HTTP: each kind of misbehaviour, and that it is
//! off unless enabled.

mod common;

use std::time::{Duration, Instant};

use common::TestServer;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn set_rules(server: &TestServer, rules: Value) {
    let response = server
        .client
        .put(format!("{}/__faults", server.base))
        .json(&rules)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

async fn raw_get(server: &TestServer, path: &str) -> reqwest::Result<reqwest::Response> {
    server
        .client
        .get(format!("{}{path}", server.base))
        .bearer_auth(&server.admin)
        .send()
        .await
}

#[tokio::test]
async fn faults_are_off_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let config = nuntly_local::Config::new(dir.path().join("plain.sqlite"), "127.0.0.1:0".parse().unwrap());
    let server = nuntly_local::Server::bind(config).await.unwrap();
    let base = format!("http://{}", server.addr);
    tokio::spawn(server.serve(std::future::pending()));
    let response = reqwest::Client::new()
        .put(format!("{base}/__faults"))
        .json(&json!([]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn status_fault_uses_error_body_once() {
    let server = TestServer::start().await;
    set_rules(&server, json!([{ "method": "GET", "path": "/api-keys", "times": 1, "fault": { "kind": "status", "status": 503 } }])).await;

    let failed = server.get("/api-keys", &server.admin).await;
    assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(failed.error_code(), "injected_fault");
    assert!(failed.request_id.is_some());

    let next = server.get("/api-keys", &server.admin).await;
    assert_eq!(next.status, StatusCode::OK, "times: 1 applies once");
}

#[tokio::test]
async fn rate_limit_sends_retry_after() {
    let server = TestServer::start().await;
    set_rules(&server, json!([{ "path": "/api-keys", "fault": { "kind": "rateLimit", "retryAfter": 7 } }])).await;
    let response = raw_get(&server, "/api-keys").await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "7");
}

#[tokio::test]
async fn malformed_bodies() {
    let server = TestServer::start().await;

    set_rules(&server, json!([{ "path": "/api-keys", "fault": { "kind": "html", "status": 502 } }])).await;
    let html = raw_get(&server, "/api-keys").await.unwrap();
    assert_eq!(html.status(), StatusCode::BAD_GATEWAY);
    assert!(html.text().await.unwrap().starts_with("<html>"));

    set_rules(&server, json!([{ "path": "/api-keys", "fault": { "kind": "empty", "status": 500 } }])).await;
    let empty = raw_get(&server, "/api-keys").await.unwrap();
    assert_eq!(empty.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(empty.text().await.unwrap().is_empty());

    set_rules(&server, json!([{ "path": "/api-keys", "fault": { "kind": "truncated" } }])).await;
    let truncated = raw_get(&server, "/api-keys").await.unwrap();
    assert_eq!(truncated.status(), StatusCode::OK);
    assert!(serde_json::from_str::<Value>(&truncated.text().await.unwrap()).is_err());

    set_rules(&server, json!([{ "path": "/api-keys", "fault": { "kind": "body", "status": 200, "body": { "data": [], "nextCursor": null } } }])).await;
    let body = server.get("/api-keys", &server.admin).await;
    assert_eq!(body.body, json!({ "data": [], "nextCursor": null }));
}

#[tokio::test]
async fn delay_then_normal_answer() {
    let server = TestServer::start().await;
    set_rules(&server, json!([{ "path": "/domains", "fault": { "kind": "delay", "ms": 300 } }])).await;
    let started = Instant::now();
    let reply = server.get("/domains", &server.admin).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn drop_closes_without_answer() {
    let server = TestServer::start().await;
    set_rules(&server, json!([{ "path": "/api-keys", "times": 1, "fault": { "kind": "drop" } }])).await;
    let result = raw_get(&server, "/api-keys").await;
    assert!(result.is_err(), "the client sees no response");
    assert_eq!(server.get("/api-keys", &server.admin).await.status, StatusCode::OK, "the server still runs");
}

#[tokio::test]
async fn drop_after_keeps_the_change() {
    let server = TestServer::start().await;
    set_rules(&server, json!([{ "method": "POST", "path": "/api-keys", "times": 1, "fault": { "kind": "dropAfter" } }])).await;
    let result = server
        .client
        .post(format!("{}/api-keys", server.base))
        .bearer_auth(&server.admin)
        .json(&json!({ "name": "Lost answer", "permission": "fullAccess" }))
        .send()
        .await;
    let body = match result {
        Ok(response) => {
            assert_eq!(response.status(), StatusCode::CREATED, "the answer starts");
            response.text().await
        }
        Err(error) => Err(error),
    };
    assert!(body.is_err(), "the answer is cut: {body:?}");
    let keys = server.get("/api-keys", &server.admin).await;
    let names: Vec<&str> = keys.body["data"].as_array().unwrap().iter().filter_map(|key| key["name"].as_str()).collect();
    assert!(names.contains(&"Lost answer"), "the key was created: {names:?}");
}

#[tokio::test]
async fn requests_are_counted() {
    let server = TestServer::start().await;
    set_rules(&server, json!([{ "method": "DELETE", "path": "/api-keys/*", "fault": { "kind": "status", "status": 500 } }])).await;
    server.get("/api-keys", &server.admin).await;
    server.get("/api-keys", &server.admin).await;
    let failed = server.delete("/api-keys/apk_01jnx372zj49s3zqnn7ew8hzpk", &server.admin).await;
    assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR, "prefix rules match");

    let counts: Value = server
        .client
        .get(format!("{}/__faults/requests", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(counts["GET /api-keys"], 2);
    assert_eq!(counts["DELETE /api-keys/apk_01jnx372zj49s3zqnn7ew8hzpk"], 1);
}
