//! Decoding API responses: lenient where servers may differ, never panicking.

use nuntly_dashboard::api::{ApiError, ApiKey, ApiSecret, Domain, KeyStatus, Permission, decode_data, decode_page};
use nuntly_dashboard::format::token_hint;
use nuntly_dashboard::store::restriction_text;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn key(permission: Option<Permission>, domain_ids: Option<Vec<&str>>) -> ApiKey {
    ApiKey {
        id: "apk_1".to_owned(),
        name: Some("Test".to_owned()),
        short_token: "abc123".to_owned(),
        status: KeyStatus::Enabled,
        created_at: "2026-01-01T00:00:00Z".to_owned(),
        permission,
        domain_ids: domain_ids.map(|ids| ids.into_iter().map(str::to_owned).collect()),
    }
}

#[wasm_bindgen_test]
fn page_of_keys_decodes() {
    let text = r#"{"data":[{"id":"apk_1","name":"Prod","shortToken":"abc123","status":"enabled",
        "createdAt":"2026-01-01T00:00:00Z","permission":"sendingAccess","domainIds":["dom_1"]}],
        "nextCursor":"apk_1"}"#;
    let page = decode_page::<ApiKey>(text).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].permission, Some(Permission::SendingAccess));
    assert_eq!(page.items[0].domain_ids, Some(vec!["dom_1".to_owned()]));
    assert_eq!(page.next_cursor.as_deref(), Some("apk_1"));
}

#[wasm_bindgen_test]
fn public_read_schema_leaves_permission_unreported() {
    let text = r#"{"data":[{"id":"apk_1","name":null,"shortToken":"abc123","status":"enabled",
        "createdAt":"2026-01-01T00:00:00Z"}],"nextCursor":null}"#;
    let page = decode_page::<ApiKey>(text).unwrap();
    assert_eq!(page.items[0].permission, None);
    assert_eq!(page.items[0].domain_ids, None);
    assert_eq!(page.items[0].name, None);
    assert_eq!(page.next_cursor, None);
}

#[wasm_bindgen_test]
fn unknown_enum_values_are_kept() {
    let text = r#"{"data":[{"id":"apk_1","shortToken":"x","status":"suspended","createdAt":"",
        "permission":"readOnly"}]}"#;
    let page = decode_page::<ApiKey>(text).unwrap();
    assert_eq!(page.items[0].status, KeyStatus::Unknown("suspended".to_owned()));
    assert_eq!(page.items[0].status.label(), "unknown (suspended)");
    assert_eq!(page.items[0].permission, Some(Permission::Unknown("readOnly".to_owned())));
}

#[wasm_bindgen_test]
fn malformed_items_are_skipped_not_fatal() {
    let text = r#"{"data":[{"name":"no id","status":"enabled"},{"id":"apk_2","status":"enabled"},42],
        "nextCursor":null}"#;
    let page = decode_page::<ApiKey>(text).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, "apk_2");
    assert_eq!(page.skipped, 2);
}

#[wasm_bindgen_test]
fn malformed_pages_are_errors() {
    for text in ["", "<html>502 Bad Gateway</html>", "{\"data\":", "{}", "{\"data\":{}}", "[]", "{\"data\":[],\"nextCursor\":5}"] {
        assert!(decode_page::<ApiKey>(text).is_err(), "{text:?}");
    }
    assert!(decode_data::<Domain>("{\"data\":{\"id\":1}}").is_err());
}

#[wasm_bindgen_test]
fn repeated_member_last_one_wins() {
    let text = r#"{"data":[],"nextCursor":"apk_0","data":[{"id":"apk_2","shortToken":"x","status":"enabled"}],
        "nextCursor":null}"#;
    let page = decode_page::<ApiKey>(text).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.next_cursor, None);
}

#[wasm_bindgen_test]
fn error_field_needs_object_with_string() {
    for details in [r#"["name"]"#, r#""name""#, r#"{"field":5}"#, "null"] {
        let body = format!(r#"{{"error":{{"status":422,"title":"Invalid","details":{details}}}}}"#);
        let error = ApiError::from_response(422, &body, None, None);
        assert_eq!(error.field(), None, "{details}");
        assert!(error.message().contains("Invalid"), "{details}");
    }
}

#[wasm_bindgen_test]
fn error_body_of_contract_is_read() {
    let body = r#"{"error":{"status":422,"code":"invalid_body","title":"Invalid field `name`","details":{"field":"name"}}}"#;
    let error = ApiError::from_response(422, body, Some("req_1".to_owned()), None);
    assert_eq!(error.status(), Some(422));
    assert_eq!(error.field(), Some("name"));
    assert_eq!(error.request_id(), Some("req_1"));
    assert!(error.message().contains("Invalid field `name`"));
    assert!(error.to_string().contains("req_1"));
}

#[wasm_bindgen_test]
fn non_json_error_body_keeps_status() {
    for body in ["", "<html><body>Bad gateway</body></html>", "{\"error\":"] {
        let error = ApiError::from_response(502, body, None, None);
        assert_eq!(error.status(), Some(502), "{body:?}");
        assert_eq!(error.field(), None);
        assert!(error.message().contains("502"), "{}", error.message());
        assert!(!error.message().contains("<html>"));
    }
}

#[wasm_bindgen_test]
fn secret_is_never_formatted() {
    let secret = ApiSecret::new("  ntly_secret_value  ").unwrap();
    assert_eq!(secret.expose(), "ntly_secret_value");
    assert!(!format!("{secret:?}").contains("ntly_secret_value"));
    assert!(ApiSecret::new("   ").is_none());
}

#[wasm_bindgen_test]
fn restriction_describes_each_case() {
    let name = |id: &str| if id == "dom_1" { "example.com".to_owned() } else { id.to_owned() };
    assert_eq!(restriction_text(&key(Some(Permission::FullAccess), Some(vec![])), name), "Not applicable (Full access)");
    assert_eq!(restriction_text(&key(Some(Permission::SendingAccess), Some(vec![])), name), "All verified domains");
    assert_eq!(
        restriction_text(&key(Some(Permission::SendingAccess), Some(vec!["dom_1", "dom_9"])), name),
        "example.com, dom_9"
    );
    assert_eq!(restriction_text(&key(Some(Permission::SendingAccess), None), name), "Not reported by the server");
    assert_eq!(restriction_text(&key(None, None), name), "Not reported by the server");
}

#[wasm_bindgen_test]
fn token_hint_has_ellipsis() {
    assert_eq!(token_hint("abc123"), "…abc123");
    assert_eq!(token_hint(""), "…(no hint)");
}
