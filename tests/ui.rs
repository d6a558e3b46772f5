//! The app's screens mounted in a real browser against the real local server.

mod support;

use nuntly_dashboard::session::STORAGE_KEY;
use support::{Scratch, click, mount_app, wait_until};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage_value(storage: Option<web_sys::Storage>) -> Option<String> {
    storage.and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
}

fn type_key(scratch: &Scratch, value: &str) {
    support::input(scratch, "#api-key").set_value(value);
}

#[wasm_bindgen_test]
async fn list_shows_seeded_key() {
    let (scratch, _app) = mount_app("/api-keys", Some(support::admin_key()));
    wait_until("a key row is shown", || scratch.query(".key-row").is_some()).await;
    wait_until("every page is loaded", || scratch.text().contains(" key")).await;

    let names = scratch.query_all_text(".key-name");
    let index = names
        .iter()
        .position(|name| name == "Local admin")
        .expect("the seeded key is listed");
    let cell = |selector: &str| scratch.query_all_text(selector)[index].clone();
    let short_token = &support::admin_key()[support::admin_key().len() - 6..];
    assert_eq!(cell(".key-token"), format!("…{short_token}"));
    assert_eq!(cell(".key-permission"), "Full access");
    assert_eq!(cell(".key-status"), "Enabled");
    assert_eq!(cell(".key-domains"), "Not applicable (Full access)");
    assert!(!cell(".key-created").is_empty());

    let window = web_sys::window().unwrap();
    assert_eq!(storage_value(window.session_storage().ok().flatten()), None, "not remembered unless asked");
    assert!(!scratch.0.inner_html().contains(support::admin_key()), "the secret is not in the DOM");
}

#[wasm_bindgen_test]
async fn connect_rejects_unknown_key() {
    let (scratch, _app) = mount_app("/connect", None);
    wait_until("the connect form is shown", || scratch.query("#api-key").is_some()).await;

    type_key(&scratch, "ntly_not_a_key");
    click(&scratch, "button[type=submit]");
    wait_until("the rejection is shown", || {
        scratch.query("#api-key-error").is_some_and(|error| error.text_content().unwrap_or_default().contains("401"))
    })
    .await;

    let input = scratch.query("#api-key").unwrap().dyn_into::<web_sys::HtmlInputElement>().unwrap();
    assert_eq!(input.value(), "ntly_not_a_key", "what the user typed is kept");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn connect_needs_a_key() {
    let (scratch, _app) = mount_app("/connect", None);
    wait_until("the connect form is shown", || scratch.query("#api-key").is_some()).await;
    click(&scratch, "button[type=submit]");
    wait_until("the empty-key message is shown", || {
        scratch.query("#api-key-error").is_some_and(|error| error.text_content().unwrap_or_default().contains("Paste an API key"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn sending_only_key_is_explained() {
    let sending = support::create_key(serde_json::json!({ "name": "UI sender", "permission": "sendingAccess" })).await;
    let (scratch, _app) = mount_app("/connect", None);
    wait_until("the connect form is shown", || scratch.query("#api-key").is_some()).await;
    type_key(&scratch, &sending);
    click(&scratch, "button[type=submit]");
    wait_until("the Sending only message is shown", || scratch.text().contains("Sending only key (403)")).await;
}

#[wasm_bindgen_test]
async fn remember_uses_session_storage_only() {
    let (scratch, _app) = mount_app("/connect", None);
    wait_until("the connect form is shown", || scratch.query("#api-key").is_some()).await;
    type_key(&scratch, support::admin_key());
    click(&scratch, "#remember");
    click(&scratch, "button[type=submit]");
    wait_until("the list is shown", || scratch.query(".key-row").is_some()).await;

    let window = web_sys::window().unwrap();
    assert_eq!(
        storage_value(window.session_storage().ok().flatten()).as_deref(),
        Some(support::admin_key())
    );
    assert_eq!(storage_value(window.local_storage().ok().flatten()), None);
    let cookies = support::document().dyn_into::<web_sys::HtmlDocument>().unwrap().cookie().unwrap();
    assert!(!cookies.contains("ntly_"), "no key in cookies");
    assert!(!window.location().href().unwrap().contains("ntly_"), "no key in the URL");

    let input_gone = scratch.query("#api-key").is_none();
    assert!(input_gone, "the connect form is gone once connected");

    click(&scratch, ".connection button");
    wait_until("the connect screen is back", || scratch.query("#api-key").is_some()).await;
    assert_eq!(storage_value(window.session_storage().ok().flatten()), None, "disconnect wipes the key");
    assert!(scratch.text().contains("Disconnected"));
}

#[wasm_bindgen_test]
async fn deep_link_waits_for_connection() {
    let (scratch, _app) = mount_app("/api-keys", None);
    wait_until("the connect screen is shown", || scratch.query("#api-key").is_some()).await;
    type_key(&scratch, support::admin_key());
    click(&scratch, "button[type=submit]");
    wait_until("the list is shown", || scratch.query(".key-row").is_some()).await;
    assert!(web_sys::window().unwrap().location().pathname().unwrap().ends_with("/api-keys"));
}

#[wasm_bindgen_test]
async fn unknown_path_is_not_found() {
    let (scratch, _app) = mount_app("/no/such/page", Some(support::admin_key()));
    wait_until("the not-found page is shown", || scratch.text().contains("Page not found")).await;
    assert!(scratch.query("a[href]").is_some(), "it offers a way back");
}
