//! What the edit drawer sends: only the fields that changed.

use nuntly_dashboard::api::{ApiKey, KeyChanges, KeyStatus, Permission};
use nuntly_dashboard::edit::{EditValues, apply, changes};
use nuntly_dashboard::pages::key_drawer::revoke_confirmation_text;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sending_key(domains: Option<Vec<&str>>) -> ApiKey {
    ApiKey {
        id: "apk_1".to_owned(),
        name: Some("Mailer".to_owned()),
        short_token: "abc123".to_owned(),
        status: KeyStatus::Enabled,
        created_at: "2026-01-01T00:00:00Z".to_owned(),
        permission: Some(Permission::SendingAccess),
        domain_ids: domains.map(|ids| ids.into_iter().map(str::to_owned).collect()),
    }
}

fn unchanged(key: &ApiKey) -> EditValues {
    EditValues {
        name: key.name.clone().unwrap_or_default(),
        enabled: Some(key.status == KeyStatus::Enabled),
        permission: key.permission.clone(),
        domain_ids: key.domain_ids.clone(),
    }
}

#[wasm_bindgen_test]
fn nothing_changed_sends_nothing() {
    let key = sending_key(Some(vec!["dom_a", "dom_b"]));
    assert!(changes(&key, &unchanged(&key)).is_empty());

    let mut reordered = unchanged(&key);
    reordered.domain_ids = Some(vec!["dom_b".to_owned(), "dom_a".to_owned()]);
    assert!(changes(&key, &reordered).is_empty(), "domain order does not matter");

    let mut padded = unchanged(&key);
    padded.name = "  Mailer ".to_owned();
    assert!(changes(&key, &padded).is_empty(), "surrounding spaces do not count");
}

#[wasm_bindgen_test]
fn each_field_alone() {
    let key = sending_key(Some(vec!["dom_a"]));

    let mut renamed = unchanged(&key);
    renamed.name = " Billing ".to_owned();
    assert_eq!(changes(&key, &renamed), KeyChanges { name: Some("Billing".to_owned()), ..KeyChanges::default() });

    let mut disabled = unchanged(&key);
    disabled.enabled = Some(false);
    assert_eq!(
        changes(&key, &disabled),
        KeyChanges { status: Some(KeyStatus::Disabled), ..KeyChanges::default() }
    );

    let mut widened = unchanged(&key);
    widened.domain_ids = Some(Vec::new());
    assert_eq!(changes(&key, &widened), KeyChanges { domain_ids: Some(Vec::new()), ..KeyChanges::default() });
}

#[wasm_bindgen_test]
fn full_access_never_sends_domains() {
    let key = sending_key(Some(vec!["dom_a"]));
    let mut full = unchanged(&key);
    full.permission = Some(Permission::FullAccess);
    full.domain_ids = None;
    let sent = changes(&key, &full);
    assert_eq!(sent, KeyChanges { permission: Some(Permission::FullAccess), ..KeyChanges::default() });
    assert_eq!(apply(&key, &sent).domain_ids, Some(Vec::new()), "the server clears them");

    let json = serde_json::to_value(&sent).unwrap();
    assert_eq!(json, serde_json::json!({ "permission": "fullAccess" }));
}

#[wasm_bindgen_test]
fn unreported_fields_are_not_guessed() {
    let mut key = sending_key(None);
    key.permission = None;
    let values = EditValues {
        name: "Mailer".to_owned(),
        enabled: Some(true),
        permission: None,
        domain_ids: None,
    };
    assert!(changes(&key, &values).is_empty(), "nothing chosen, nothing sent");

    let chosen = EditValues {
        permission: Some(Permission::SendingAccess),
        domain_ids: Some(vec!["dom_a".to_owned()]),
        ..values
    };
    assert_eq!(
        changes(&key, &chosen),
        KeyChanges {
            permission: Some(Permission::SendingAccess),
            domain_ids: Some(vec!["dom_a".to_owned()]),
            ..KeyChanges::default()
        }
    );
}

#[wasm_bindgen_test]
fn status_outside_enabled_disabled_is_left_alone() {
    let mut key = sending_key(Some(Vec::new()));
    key.status = KeyStatus::Unknown("suspended".to_owned());
    let mut values = unchanged(&key);
    values.enabled = Some(true);
    assert!(changes(&key, &values).is_empty());
}

#[wasm_bindgen_test]
fn revoke_confirmation_uses_name_or_hint() {
    let mut key = sending_key(None);
    assert_eq!(revoke_confirmation_text(&key), "Mailer");
    key.name = Some("   ".to_owned());
    assert_eq!(revoke_confirmation_text(&key), "…abc123");
    key.name = None;
    assert_eq!(revoke_confirmation_text(&key), "…abc123");
}

#[wasm_bindgen_test]
fn replacement_name_fits_the_limit() {
    use nuntly_dashboard::rotation::replacement_name;
    assert_eq!(replacement_name(Some("Production"), 100), "Production (replacement)");
    assert_eq!(replacement_name(None, 100), "Unnamed key (replacement)");
    assert_eq!(replacement_name(Some("   "), 100), "Unnamed key (replacement)");
    let long = "x".repeat(100);
    let name = replacement_name(Some(&long), 100);
    assert_eq!(name.chars().count(), 100, "{name}");
    assert!(name.ends_with(" (replacement)"));
}
