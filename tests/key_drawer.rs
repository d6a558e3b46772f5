//! The edit drawer in a real browser against the real local server.

mod support;

use serde_json::json;
use support::{Scratch, click, input, mount_app, type_text, wait_until};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Creates a key through the API; returns its id.
async fn create(body: serde_json::Value) -> String {
    let secret = support::create_key(body).await;
    let keys = support::all_keys().await;
    keys.iter()
        .find(|key| secret.ends_with(key["shortToken"].as_str().unwrap_or("-")))
        .and_then(|key| key["id"].as_str())
        .unwrap()
        .to_owned()
}

async fn open_drawer(id: &str) -> (Scratch, impl Drop) {
    let (scratch, app) = mount_app(&format!("/api-keys/{id}"), Some(support::admin_key()));
    wait_until("the drawer shows the key", || scratch.query("#drawer-key-id").is_some()).await;
    (scratch, app)
}

/// Records the bodies of PATCH requests while still sending them to the
/// server. The client passes a `Request` object to `fetch`.
fn spy_on_patches() {
    js_sys::eval(
        "if (!window.__patches) { window.__patches = []; const original = window.fetch; \
         window.fetch = (input, init) => { \
           const method = (init && init.method) || (input instanceof Request ? input.method : 'GET'); \
           if (method === 'PATCH') { window.__patches.push(input instanceof Request ? input.clone().text() : Promise.resolve(init.body)); } \
           return original(input, init); }; } window.__patches.length = 0;",
    )
    .unwrap();
}

async fn recorded_patches() -> Vec<serde_json::Value> {
    let promise = js_sys::eval("Promise.all(window.__patches).then((bodies) => JSON.stringify(bodies.map((body) => JSON.parse(body))))")
        .unwrap();
    let text = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await.unwrap();
    serde_json::from_str(&text.as_string().unwrap()).unwrap()
}

fn save_button(scratch: &Scratch) -> web_sys::HtmlButtonElement {
    scratch.query(".drawer-form button[type=submit]").unwrap().dyn_into().unwrap()
}

#[wasm_bindgen_test]
async fn only_changed_fields_are_sent() {
    let example = support::domain_id("example.com").await;
    let id = create(json!({ "name": "Patch me", "permission": "sendingAccess", "domainIds": [example] })).await;
    spy_on_patches();
    let (scratch, _app) = open_drawer(&id).await;

    assert!(save_button(&scratch).disabled(), "nothing changed yet");
    type_text(&scratch, "#edit-name", "Patched");
    wait_until("save is enabled", || !save_button(&scratch).disabled()).await;
    save_button(&scratch).click();
    wait_until("the save is confirmed", || scratch.text().contains("Changes saved.")).await;

    assert_eq!(recorded_patches().await, vec![json!({ "name": "Patched" })]);
    assert!(save_button(&scratch).disabled(), "the saved state is the new baseline");
    let keys = support::all_keys().await;
    let stored = keys.iter().find(|key| key["id"] == id.as_str()).unwrap();
    assert_eq!(stored["name"], "Patched");
    assert_eq!(stored["domainIds"], json!([example]), "domains untouched");
}

#[wasm_bindgen_test]
async fn list_row_reflects_save() {
    let id = create(json!({ "name": "Row before", "permission": "fullAccess" })).await;
    let (scratch, _app) = open_drawer(&id).await;
    wait_until("the list is loaded", || scratch.query_all_text(".key-name").iter().any(|name| name == "Row before")).await;
    click(&scratch, "#edit-enabled");
    wait_until("save is enabled", || !save_button(&scratch).disabled()).await;
    save_button(&scratch).click();
    wait_until("the save is confirmed", || scratch.text().contains("Changes saved.")).await;
    let row = scratch.query(&format!("tr[data-key-id='{id}'] .key-status")).unwrap();
    assert_eq!(row.text_content().unwrap(), "Disabled");
}

fn confirm_shown(scratch: &Scratch) -> bool {
    scratch.query(".drawer-form .confirm").is_some()
}

async fn keep_editing(scratch: &Scratch) {
    click(scratch, ".drawer-form .confirm button:nth-of-type(2)");
    wait_until("the confirmation closes", || !confirm_shown(scratch)).await;
}

#[wasm_bindgen_test]
async fn unsaved_changes_ask_before_closing() {
    let id = create(json!({ "name": "Guarded", "permission": "fullAccess" })).await;
    // Open the drawer from the list, so the list is the history entry behind it.
    let (scratch, _app) = mount_app("/api-keys", Some(support::admin_key()));
    let link = format!("tr[data-key-id='{id}'] .key-link");
    wait_until("the key is listed", || scratch.query(&link).is_some()).await;
    click(&scratch, &link);
    wait_until("the drawer opens", || scratch.query("#edit-name").is_some()).await;
    type_text(&scratch, "#edit-name", "Guarded but changed");

    click(&scratch, ".form-actions button[type=button]");
    wait_until("Close asks", || confirm_shown(&scratch)).await;
    assert!(scratch.query("#drawer-key-id").is_some(), "the drawer stays open");
    keep_editing(&scratch).await;

    // Escape fires `cancel` on the dialog.
    let dialog = scratch.query("dialog.drawer").unwrap();
    let init = web_sys::EventInit::new();
    init.set_cancelable(true);
    let cancel = web_sys::Event::new_with_event_init_dict("cancel", &init).unwrap();
    dialog.dispatch_event(&cancel).unwrap();
    wait_until("Escape asks", || confirm_shown(&scratch)).await;
    keep_editing(&scratch).await;

    // The back button is undone and the confirmation shows. Chromium skips history entries
    // made without a user gesture when a script calls `history.back()`, so
    // this replays what the back button does: the URL changes, then
    // `popstate` fires. The end-to-end tests press the real back button.
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    assert!(path.ends_with(&id), "{path}");
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/api-keys"))
        .unwrap();
    let popstate = web_sys::Event::new("popstate").unwrap();
    window.dispatch_event(&popstate).unwrap();
    wait_until("the back button asks", || confirm_shown(&scratch)).await;
    assert_eq!(window.location().pathname().unwrap(), path, "the drawer's address is restored");
    assert_eq!(input(&scratch, "#edit-name").value(), "Guarded but changed", "the typed value survives");

    click(&scratch, ".drawer-form .confirm .danger");
    wait_until("discarding closes the drawer", || scratch.query("#drawer-key-id").is_none()).await;
    let names = scratch.query_all_text(".key-name");
    assert!(names.iter().any(|name| name == "Guarded"), "the list keeps the saved name: {names:?}");
}

#[wasm_bindgen_test]
async fn revoked_key_opens_read_only() {
    let id = create(json!({ "name": "Already revoked", "permission": "fullAccess" })).await;
    gloo_net::http::Request::delete(&format!("{}/api-keys/{id}", support::api_url()))
        .header("Authorization", &format!("Bearer {}", support::admin_key()))
        .send()
        .await
        .unwrap();
    let (scratch, _app) = open_drawer(&id).await;
    wait_until("the status shows", || scratch.query_all_text(".drawer-status").first().is_some_and(|status| status == "Revoked")).await;
    assert!(scratch.query("#edit-name").is_none(), "no form for a revoked key");
    assert!(scratch.query(".danger-zone").is_none());
    assert!(scratch.text().contains("can no longer be changed"));
}

#[wasm_bindgen_test]
async fn revoke_needs_matching_text() {
    let id = create(json!({ "name": "To revoke", "permission": "fullAccess" })).await;
    let (scratch, _app) = open_drawer(&id).await;
    click(&scratch, ".danger-zone .danger");
    wait_until("the confirmation opens", || scratch.query("#revoke-confirm").is_some()).await;
    let revoke_button = || -> web_sys::HtmlButtonElement {
        scratch.query(".danger-zone .confirm .danger").unwrap().dyn_into().unwrap()
    };
    assert!(revoke_button().disabled());

    type_text(&scratch, "#revoke-confirm", "to revoke");
    support::sleep(std::time::Duration::from_millis(50)).await;
    assert!(revoke_button().disabled(), "the text must match exactly");

    type_text(&scratch, "#revoke-confirm", "To revoke");
    wait_until("the button enables", || !revoke_button().disabled()).await;
    revoke_button().click();
    wait_until("the key turns read-only", || scratch.text().contains("can no longer be changed")).await;

    let keys = support::all_keys().await;
    assert_eq!(keys.iter().find(|key| key["id"] == id.as_str()).unwrap()["status"], "revoked");
}

#[wasm_bindgen_test]
async fn unnamed_key_confirms_with_token_hint() {
    let id = create(json!({ "permission": "fullAccess" })).await;
    let (scratch, _app) = open_drawer(&id).await;
    click(&scratch, ".danger-zone .danger");
    wait_until("the confirmation opens", || scratch.query("#revoke-confirm").is_some()).await;
    let expected = scratch.query(".revoke-expected").unwrap().text_content().unwrap();
    assert!(expected.starts_with('…'), "{expected}");
    assert_eq!(expected.chars().count(), 7, "an ellipsis and six characters: {expected}");
}

#[wasm_bindgen_test]
async fn unknown_id_is_not_found() {
    let (scratch, _app) = mount_app("/api-keys/apk_01jnx372zj49s3zqnn7ew8hzpk", Some(support::admin_key()));
    wait_until("the not-found state shows", || scratch.text().contains("API key not found")).await;
    assert!(scratch.text().contains("apk_01jnx372zj49s3zqnn7ew8hzpk"));
}
