//! The API client against the real local server, in a real browser.

mod support;

use nuntly_dashboard::api::{ApiClient, ApiError, ApiSecret, Permission};
use nuntly_dashboard::pages::connect::{ConnectFailure, verify};
use nuntly_dashboard::store::fetch_all_domains;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn client(key: &str) -> ApiClient {
    ApiClient::new(support::api_url(), ApiSecret::new(key).unwrap())
}

#[wasm_bindgen_test]
async fn lists_seeded_key() {
    let page = client(support::admin_key()).list_keys_page(None, 100).await.unwrap();
    let seeded = page
        .items
        .iter()
        .find(|key| key.name.as_deref() == Some("Local admin"))
        .expect("the seeded key is listed");
    assert!(seeded.id.starts_with("apk_"));
    assert_eq!(seeded.permission, Some(Permission::FullAccess));
    assert_eq!(seeded.domain_ids, Some(Vec::new()));
    assert!(support::admin_key().ends_with(&seeded.short_token));
    assert_eq!(page.skipped, 0);
}

#[wasm_bindgen_test]
async fn rejected_key_is_401_with_details() {
    let error = client("ntly_wrong").list_keys_page(None, 1).await.unwrap_err();
    match &error {
        ApiError::Status { status, code, request_id, .. } => {
            assert_eq!(*status, 401);
            assert_eq!(code.as_deref(), Some("unauthorized"));
            assert!(request_id.as_deref().is_some_and(|id| id.starts_with("req_")), "{request_id:?}");
        }
        other => panic!("expected a status error, got {other:?}"),
    }
    assert!(!error.to_string().contains("ntly_wrong"), "an error must not quote the key");
}

#[wasm_bindgen_test]
async fn invalid_limit_is_400_with_field() {
    let error = client(support::admin_key()).list_keys_page(None, 500).await.unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.field(), Some("limit"));
}

#[wasm_bindgen_test]
async fn domain_pages_are_walked() {
    let client = client(support::admin_key());
    let first = client.list_domains_page(None, 2).await.unwrap();
    assert_eq!(first.items.len(), 2);
    assert!(first.next_cursor.is_some());

    let all = fetch_all_domains(&client).await.unwrap();
    assert!(all.len() >= 5, "{all:?}");
    assert!(all.iter().filter(|domain| domain.is_verified()).count() >= 2);
    assert!(all.iter().any(|domain| domain.status == "pending"));
}

#[wasm_bindgen_test]
async fn verify_tells_failures_apart() {
    let first_page = verify(&client(support::admin_key())).await.expect("the admin key is accepted");
    assert!(!first_page.items.is_empty(), "the check returns the first page of keys to show");
    assert_eq!(verify(&client("ntly_wrong")).await, Err(ConnectFailure::Rejected));

    let sending = support::create_key(json!({ "name": "Browser test sender", "permission": "sendingAccess" })).await;
    assert_eq!(verify(&client(&sending)).await, Err(ConnectFailure::SendingOnly));

    // Port 9 (discard) on loopback has no HTTP server: the fetch fails outright.
    let unreachable = ApiClient::new("http://127.0.0.1:9", ApiSecret::new("ntly_x").unwrap());
    assert!(matches!(verify(&unreachable).await, Err(ConnectFailure::Unreachable { .. })));
}
