//! The local server over real HTTP: every endpoint, every status code it
//! returns, and pagination across pages.

mod common;

use std::collections::HashSet;

use common::TestServer;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const VERIFIED: &str = "example.com";
const OTHER_VERIFIED: &str = "notifications.example.org";
const PENDING: &str = "staging.example.net";

#[tokio::test]
async fn seeded_key_lists_itself() {
    let server = TestServer::start().await;
    assert!(server.admin.starts_with("ntly_"));

    let reply = server.get("/api-keys", &server.admin).await;
    assert_eq!(reply.status, StatusCode::OK);
    let keys = reply.body["data"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert!(key["id"].as_str().unwrap().starts_with("apk_"));
    assert_eq!(key["name"], "Local admin");
    assert_eq!(key["permission"], "fullAccess");
    assert_eq!(key["status"], "enabled");
    assert_eq!(key["domainIds"], json!([]));
    assert_eq!(key["shortToken"], server.admin[server.admin.len() - 6..]);
    assert!(key["createdAt"].as_str().unwrap().ends_with('Z'));
    assert!(key.get("apiKey").is_none(), "a list must never carry a secret");
    assert_eq!(reply.body["nextCursor"], Value::Null);
}

#[tokio::test]
async fn authentication_failures_are_401() {
    let server = TestServer::start().await;

    let missing = server.call(Method::GET, "/api-keys", None, None).await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert_eq!(missing.error_code(), "unauthorized");
    assert_eq!(missing.body["error"]["status"], 401);

    let unknown = server.get("/api-keys", "ntly_not_a_real_key").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);

    let response = server
        .client
        .get(format!("{}/api-keys", server.base))
        .header("Authorization", format!("Basic {}", server.admin))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sending_key_is_403_outside_sending() {
    let server = TestServer::start().await;
    let (_, sending) = server.create_key(json!({ "name": "Sender", "permission": "sendingAccess" })).await;

    for path in ["/api-keys", "/domains"] {
        let reply = server.get(path, &sending).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(reply.error_code(), "insufficient_permission");
    }
    let create = server.post("/api-keys", &sending, json!({ "permission": "fullAccess" })).await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);

    let sent = server.send_email(&sending, &format!("App <app@{VERIFIED}>")).await;
    assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.body);
    assert_eq!(sent.body["data"]["status"], "queued");
}

#[tokio::test]
async fn create_returns_secret_once() {
    let server = TestServer::start().await;
    let domain = server.domain_id(VERIFIED).await;

    let reply = server
        .post(
            "/api-keys",
            &server.admin,
            json!({ "name": "  Production  ", "permission": "sendingAccess", "domainIds": [domain, domain] }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let data = &reply.body["data"];
    let secret = data["apiKey"].as_str().unwrap();
    assert!(secret.starts_with("ntly_"), "{secret}");
    assert_eq!(secret.len(), 45, "{secret}");
    assert_eq!(data["shortToken"], secret[secret.len() - 6..]);
    assert_eq!(data["name"], "Production");
    assert_eq!(data["status"], "enabled");
    assert_eq!(data["domainIds"], json!([domain]));

    let id = data["id"].as_str().unwrap();
    let read = server.get(&format!("/api-keys/{id}"), &server.admin).await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(read.body["data"].get("apiKey").is_none());
    assert!(!read.body.to_string().contains(secret));
    assert_eq!(read.body["data"]["permission"], "sendingAccess");

    let list = server.get("/api-keys", &server.admin).await;
    assert!(!list.body.to_string().contains(secret));
}

#[tokio::test]
async fn database_holds_no_secret() {
    let server = TestServer::start().await;
    let (_, secret) = server.create_key(json!({ "permission": "fullAccess" })).await;
    let admin = server.admin.clone();
    let db_path = server.db_path.clone();
    let dir = server.stop().await;

    let mut bytes = std::fs::read(&db_path).unwrap();
    if let Ok(wal) = std::fs::read(db_path.with_extension("sqlite-wal")) {
        bytes.extend(wal);
    }
    for secret in [secret, admin] {
        let found = bytes.windows(secret.len()).any(|window| window == secret.as_bytes());
        assert!(!found, "a secret is stored in clear");
    }
    drop(dir);
}

#[tokio::test]
async fn create_validation_errors() {
    let server = TestServer::start().await;
    let pending = server.domain_id(PENDING).await;
    let verified = server.domain_id(VERIFIED).await;
    let long_name = "x".repeat(101);

    let cases: Vec<(Value, u16, &str)> = vec![
        (json!({}), 422, "permission"),
        (json!({ "permission": "admin" }), 422, "permission"),
        (json!({ "permission": 3 }), 422, "permission"),
        (json!({ "permission": "fullAccess", "name": "   " }), 422, "name"),
        (json!({ "permission": "fullAccess", "name": long_name }), 422, "name"),
        (json!({ "permission": "fullAccess", "name": 7 }), 422, "name"),
        (json!({ "permission": "fullAccess", "domainIds": [verified] }), 422, "domainIds"),
        (json!({ "permission": "sendingAccess", "domainIds": [pending] }), 422, "domainIds"),
        (json!({ "permission": "sendingAccess", "domainIds": ["dom_unknown"] }), 422, "domainIds"),
        (json!({ "permission": "sendingAccess", "domainIds": "x" }), 422, "domainIds"),
        (json!({ "permission": "sendingAccess", "domainIds": [1] }), 422, "domainIds"),
        (json!({ "permission": "fullAccess", "status": "revoked" }), 422, "status"),
        (json!({ "permission": "fullAccess", "status": "paused" }), 422, "status"),
    ];
    for (body, status, field) in cases {
        let reply = server.post("/api-keys", &server.admin, body.clone()).await;
        assert_eq!(reply.status.as_u16(), status, "{body}: {}", reply.body);
        assert_eq!(reply.error_code(), "invalid_body", "{body}");
        assert_eq!(reply.error_field(), field, "{body}");
    }

    let not_json = server
        .client
        .post(format!("{}/api-keys", server.base))
        .bearer_auth(&server.admin)
        .header("Content-Type", "application/json")
        .body("{\"permission\": ")
        .send()
        .await
        .unwrap();
    let not_json = TestServer::reply(not_json).await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_json.error_code(), "invalid_json");

    let array = server.post("/api-keys", &server.admin, json!([1, 2])).await;
    assert_eq!(array.status, StatusCode::UNPROCESSABLE_ENTITY);

    let list = server.get("/api-keys", &server.admin).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 1, "no failed create may leave a key");
}

#[tokio::test]
async fn created_disabled_key_is_rejected() {
    let server = TestServer::start().await;
    let (_, secret) = server
        .create_key(json!({ "permission": "fullAccess", "status": "disabled" }))
        .await;
    let reply = server.get("/api-keys", &secret).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn pagination_walks_every_page() {
    let server = TestServer::start().await;
    let mut created = Vec::new();
    for index in 0..44 {
        let (id, _) = server
            .create_key(json!({ "name": format!("key {index}"), "permission": "sendingAccess" }))
            .await;
        created.push(id);
    }

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(cursor) => format!("/api-keys?limit=20&cursor={cursor}"),
            None => "/api-keys?limit=20".to_owned(),
        };
        let reply = server.get(&path, &server.admin).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        pages += 1;
        for key in reply.body["data"].as_array().unwrap() {
            seen.push(key["id"].as_str().unwrap().to_owned());
        }
        match reply.body["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }

    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 45);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 45, "no key twice");
    let mut newest_first = created.clone();
    newest_first.reverse();
    assert_eq!(&seen[..44], &newest_first[..], "newest first");

    let default_page = server.get("/api-keys", &server.admin).await;
    assert_eq!(default_page.body["data"].as_array().unwrap().len(), 20);

    let exact = server.get("/api-keys?limit=45", &server.admin).await;
    assert_eq!(exact.body["data"].as_array().unwrap().len(), 45);
    assert_eq!(exact.body["nextCursor"], Value::Null);
}

#[tokio::test]
async fn invalid_page_parameters_are_400() {
    let server = TestServer::start().await;
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("limit=-1", "limit"),
        ("cursor=garbage", "cursor"),
        ("cursor=dom_01jnx372zj49s3zqnn7ew8hzpk", "cursor"),
    ] {
        let reply = server.get(&format!("/api-keys?{query}"), &server.admin).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(reply.error_code(), "invalid_query", "{query}");
        assert_eq!(reply.error_field(), field, "{query}");
    }
    let ok = server.get("/api-keys?limit=100", &server.admin).await;
    assert_eq!(ok.status, StatusCode::OK);
}

#[tokio::test]
async fn get_unknown_key_is_404() {
    let server = TestServer::start().await;
    for id in ["apk_01jnx372zj49s3zqnn7ew8hzpk", "nonsense"] {
        let reply = server.get(&format!("/api-keys/{id}"), &server.admin).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{id}");
        assert_eq!(reply.error_code(), "not_found");
    }
}

#[tokio::test]
async fn update_changes_fields() {
    let server = TestServer::start().await;
    let verified = server.domain_id(VERIFIED).await;
    let (id, secret) = server
        .create_key(json!({ "name": "Old", "permission": "sendingAccess", "domainIds": [verified] }))
        .await;
    let path = format!("/api-keys/{id}");

    let renamed = server.patch(&path, &server.admin, json!({ "name": "New" })).await;
    assert_eq!(renamed.status, StatusCode::OK);
    assert_eq!(renamed.body["data"]["id"], id.as_str());
    let read = server.get(&path, &server.admin).await;
    assert_eq!(read.body["data"]["name"], "New");
    assert_eq!(read.body["data"]["domainIds"], json!([verified]), "untouched fields stay");

    let disabled = server.patch(&path, &server.admin, json!({ "status": "disabled" })).await;
    assert_eq!(disabled.status, StatusCode::OK);
    assert_eq!(
        server.send_email(&secret, &format!("a@{VERIFIED}")).await.status,
        StatusCode::UNAUTHORIZED
    );
    server.patch(&path, &server.admin, json!({ "status": "enabled" })).await;
    assert_eq!(
        server.send_email(&secret, &format!("a@{VERIFIED}")).await.status,
        StatusCode::ACCEPTED
    );

    let full = server.patch(&path, &server.admin, json!({ "permission": "fullAccess" })).await;
    assert_eq!(full.status, StatusCode::OK);
    let read = server.get(&path, &server.admin).await;
    assert_eq!(read.body["data"]["permission"], "fullAccess");
    assert_eq!(read.body["data"]["domainIds"], json!([]), "Full access clears the restriction");
    assert_eq!(server.get("/api-keys", &secret).await.status, StatusCode::OK);

    let unnamed = server.patch(&path, &server.admin, json!({ "name": null })).await;
    assert_eq!(unnamed.status, StatusCode::OK);
    assert_eq!(server.get(&path, &server.admin).await.body["data"]["name"], Value::Null);

    let noop = server.patch(&path, &server.admin, json!({})).await;
    assert_eq!(noop.status, StatusCode::OK);
}

#[tokio::test]
async fn update_validation_errors() {
    let server = TestServer::start().await;
    let verified = server.domain_id(VERIFIED).await;
    let (id, _) = server.create_key(json!({ "permission": "fullAccess" })).await;
    let path = format!("/api-keys/{id}");

    for (body, field) in [
        (json!({ "domainIds": [verified] }), "domainIds"),
        (json!({ "permission": "fullAccess", "domainIds": [verified] }), "domainIds"),
        (json!({ "status": "revoked" }), "status"),
        (json!({ "name": "" }), "name"),
        (json!({ "permission": "owner" }), "permission"),
    ] {
        let reply = server.patch(&path, &server.admin, body.clone()).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(reply.error_field(), field, "{body}");
    }

    let restricted = server
        .patch(&path, &server.admin, json!({ "permission": "sendingAccess", "domainIds": [verified] }))
        .await;
    assert_eq!(restricted.status, StatusCode::OK);

    let unknown = server
        .patch("/api-keys/apk_01jnx372zj49s3zqnn7ew8hzpk", &server.admin, json!({ "name": "x" }))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn revoke_is_final() {
    let server = TestServer::start().await;
    let (id, secret) = server.create_key(json!({ "name": "Leaked", "permission": "fullAccess" })).await;
    let path = format!("/api-keys/{id}");
    assert_eq!(server.get("/api-keys", &secret).await.status, StatusCode::OK);

    let revoked = server.delete(&path, &server.admin).await;
    assert_eq!(revoked.status, StatusCode::OK);
    assert_eq!(revoked.body["data"]["id"], id.as_str());

    let rejected = server.get("/api-keys", &secret).await;
    assert_eq!(rejected.status, StatusCode::UNAUTHORIZED);
    assert!(rejected.body["error"]["title"].as_str().unwrap().contains("revoked"));

    let read = server.get(&path, &server.admin).await;
    assert_eq!(read.body["data"]["status"], "revoked", "a revoked key stays listed");

    let enable = server.patch(&path, &server.admin, json!({ "status": "enabled" })).await;
    assert_eq!(enable.status, StatusCode::CONFLICT);
    assert_eq!(enable.error_code(), "key_revoked");
    assert_eq!(server.get("/api-keys", &secret).await.status, StatusCode::UNAUTHORIZED);

    let again = server.delete(&path, &server.admin).await;
    assert_eq!(again.status, StatusCode::OK, "revoking twice is harmless");

    let unknown = server.delete("/api-keys/apk_01jnx372zj49s3zqnn7ew8hzpk", &server.admin).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn domains_list_and_detail() {
    let server = TestServer::start().await;
    let reply = server.get("/domains", &server.admin).await;
    assert_eq!(reply.status, StatusCode::OK);
    let domains = reply.body["data"].as_array().unwrap();
    let statuses: Vec<&str> = domains.iter().map(|d| d["status"].as_str().unwrap()).collect();
    assert!(statuses.iter().filter(|status| **status == "success").count() >= 2);
    assert!(statuses.contains(&"pending"));
    assert!(statuses.contains(&"failed"));
    for domain in domains {
        for field in ["id", "name", "status", "sendingStatus", "receivingStatus", "createdAt", "region"] {
            assert!(domain[field].is_string(), "{field} in {domain}");
        }
    }

    let first = server.get("/domains?limit=2", &server.admin).await;
    let cursor = first.body["nextCursor"].as_str().unwrap().to_owned();
    let second = server.get(&format!("/domains?limit=2&cursor={cursor}"), &server.admin).await;
    assert_eq!(second.body["data"][0]["id"], domains[2]["id"]);

    let id = domains[0]["id"].as_str().unwrap();
    let detail = server.get(&format!("/domains/{id}"), &server.admin).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(!detail.body["data"]["records"].as_array().unwrap().is_empty());

    let missing = server.get("/domains/dom_01jnx372zj49s3zqnn7ew8hzpk", &server.admin).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let bad_limit = server.get("/domains?limit=1000", &server.admin).await;
    assert_eq!(bad_limit.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn domain_restriction_on_sending() {
    let server = TestServer::start().await;
    let verified = server.domain_id(VERIFIED).await;
    let (_, restricted) = server
        .create_key(json!({ "permission": "sendingAccess", "domainIds": [verified] }))
        .await;
    let (_, unrestricted) = server.create_key(json!({ "permission": "sendingAccess" })).await;

    let allowed = server.send_email(&restricted, &format!("App <app@{VERIFIED}>")).await;
    assert_eq!(allowed.status, StatusCode::ACCEPTED);
    assert!(allowed.body["data"]["id"].as_str().unwrap().starts_with("em_"));

    let refused = server.send_email(&restricted, &format!("app@{OTHER_VERIFIED}")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error_code(), "domain_not_allowed");

    let open = server.send_email(&unrestricted, &format!("app@{OTHER_VERIFIED}")).await;
    assert_eq!(open.status, StatusCode::ACCEPTED);

    for from in [format!("app@{PENDING}"), "app@unknown.example".to_owned()] {
        let reply = server.send_email(&server.admin, &from).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{from}");
        assert_eq!(reply.error_code(), "domain_not_verified");
    }
}

#[tokio::test]
async fn email_validation_errors() {
    let server = TestServer::start().await;
    let from = format!("a@{VERIFIED}");
    for (body, field) in [
        (json!({ "to": "b@example.net", "subject": "s", "text": "t" }), "from"),
        (json!({ "from": "not-an-address", "to": "b@example.net", "subject": "s", "text": "t" }), "from"),
        (json!({ "from": from, "subject": "s", "text": "t" }), "to"),
        (json!({ "from": from, "to": [], "subject": "s", "text": "t" }), "to"),
        (json!({ "from": from, "to": "b@example.net", "text": "t" }), "subject"),
        (json!({ "from": from, "to": "b@example.net", "subject": "s" }), "text"),
    ] {
        let reply = server.post("/emails", &server.admin, body.clone()).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(reply.error_field(), field, "{body}");
    }
    let many = server
        .post(
            "/emails",
            &server.admin,
            json!({ "from": from, "to": ["b@example.net", "c@example.net"], "subject": "s", "html": "<p>t</p>" }),
        )
        .await;
    assert_eq!(many.status, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn request_id_on_every_response() {
    let server = TestServer::start().await;
    let mut ids = HashSet::new();
    for reply in [
        server.get("/api-keys", &server.admin).await,
        server.call(Method::GET, "/api-keys", None, None).await,
        server.get("/no-such-endpoint", &server.admin).await,
    ] {
        let id = reply.request_id.expect("x-request-id header");
        assert!(id.starts_with("req_"), "{id}");
        ids.insert(id);
    }
    assert_eq!(ids.len(), 3, "each request gets its own id");
}

#[tokio::test]
async fn unknown_route_and_method() {
    let server = TestServer::start().await;
    let missing = server.get("/webhooks", &server.admin).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_code(), "not_found");

    let wrong = server.call(Method::PUT, "/api-keys", Some(&server.admin), None).await;
    assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong.error_code(), "method_not_allowed");
}

#[tokio::test]
async fn cors_allows_other_origins() {
    let server = TestServer::start().await;
    let preflight = server
        .client
        .request(Method::OPTIONS, format!("{}/api-keys", server.base))
        .header("Origin", "http://localhost:8080")
        .header("Access-Control-Request-Method", "PATCH")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert!(headers["access-control-allow-methods"].to_str().unwrap().contains("PATCH"));
    assert!(headers.contains_key("x-request-id"));

    let response = server
        .client
        .get(format!("{}/api-keys", server.base))
        .header("Origin", "http://localhost:8080")
        .bearer_auth(&server.admin)
        .send()
        .await
        .unwrap();
    let exposed = response.headers()["access-control-expose-headers"].to_str().unwrap();
    assert!(exposed.contains("x-request-id"), "{exposed}");
    assert!(exposed.contains("retry-after"), "{exposed}");
}

#[tokio::test]
async fn data_survives_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("kept.sqlite");

    let first = TestServer::start_with(db_path.clone(), None).await;
    assert!(!first.admin.is_empty());
    let admin = first.admin.clone();
    let (id, _) = first.create_key(json!({ "name": "Kept", "permission": "fullAccess" })).await;
    first.stop().await;

    let second = TestServer::start_with(db_path, None).await;
    assert!(second.admin.is_empty(), "an existing database is not seeded again");
    let read = second.get(&format!("/api-keys/{id}"), &admin).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["data"]["name"], "Kept");
    second.stop().await;
}

#[tokio::test]
async fn refuses_non_loopback_address() {
    let dir = tempfile::tempdir().unwrap();
    let config = nuntly_local::Config::new(dir.path().join("x.sqlite"), "0.0.0.0:0".parse().unwrap());
    let result = nuntly_local::Server::bind(config).await;
    let error = result.err().expect("a non-loopback address is refused");
    assert!(error.to_string().contains("loopback"), "{error}");
}

#[tokio::test]
async fn generated_keys_page_by_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = nuntly_local::Config::new(dir.path().join("big.sqlite"), "127.0.0.1:0".parse().unwrap());
    config.generate_keys = 2_500;
    let server = nuntly_local::Server::bind(config).await.unwrap();
    let base = format!("http://{}", server.addr);
    let admin = server.seeded_secret.clone().unwrap();
    tokio::spawn(server.serve(std::future::pending()));

    let client = reqwest::Client::new();
    let mut cursor: Option<String> = None;
    let mut seen = HashSet::new();
    loop {
        let mut url = format!("{base}/api-keys?limit=100");
        if let Some(cursor) = &cursor {
            url.push_str(&format!("&cursor={cursor}"));
        }
        let body: Value = client.get(url).bearer_auth(&admin).send().await.unwrap().json().await.unwrap();
        for key in body["data"].as_array().unwrap() {
            assert!(seen.insert(key["id"].as_str().unwrap().to_owned()), "no key twice");
        }
        match body["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 2_501, "the generated keys and the seeded one");
}

#[test]
fn cursor_pages_seek_the_primary_key() {
    let dir = tempfile::tempdir().unwrap();
    let database = nuntly_local::db::Database::open(&dir.path().join("plan.sqlite")).unwrap();
    let plan = database.explain(&nuntly_local::db::keys_after_cursor_sql()).unwrap();
    let main_step = plan.lines().next().unwrap_or_default();
    assert!(main_step.starts_with("SEARCH k"), "a seek, not a scan: {plan}");
    assert!(main_step.contains("(id<?)"), "on the id index: {plan}");
}
