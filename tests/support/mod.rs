//! Helpers shared by the browser test files: the local server the tests call,
//! waiting on the DOM, and mounting the app into a scratch element.

#![allow(dead_code)]

use std::time::Duration;

use leptos::prelude::*;
use nuntly_dashboard::api::ApiSecret;
use nuntly_dashboard::config::{LoadedConfig, RuntimeConfig};
use nuntly_dashboard::session;
use nuntly_dashboard::{App, StartupKey};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Address of the local server started by `cargo xtask test`, compiled in
/// because wasm has no environment to read at run time.
pub fn api_url() -> &'static str {
    option_env!("NUNTLY_TEST_API_URL")
        .expect("NUNTLY_TEST_API_URL is not set: run the browser tests with `cargo xtask test`")
}

/// Secret of the seeded Full access key of that server.
pub fn admin_key() -> &'static str {
    option_env!("NUNTLY_TEST_API_KEY")
        .expect("NUNTLY_TEST_API_KEY is not set: run the browser tests with `cargo xtask test`")
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, duration.as_millis() as i32)
            .unwrap();
    });
    let _ = JsFuture::from(promise).await;
}

/// Polls until `condition` holds, for at most 10 seconds.
pub async fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..200 {
        if condition() {
            return;
        }
        sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out after 10 s waiting until {what}");
}

/// A fresh element appended to the body, removed on drop.
pub struct Scratch(pub web_sys::HtmlElement);

impl Scratch {
    pub fn new() -> Self {
        let element = document()
            .create_element("div")
            .unwrap()
            .dyn_into::<web_sys::HtmlElement>()
            .unwrap();
        document().body().unwrap().append_child(&element).unwrap();
        Self(element)
    }

    pub fn query(&self, selector: &str) -> Option<web_sys::Element> {
        self.0.query_selector(selector).unwrap()
    }

    pub fn query_all_text(&self, selector: &str) -> Vec<String> {
        let nodes = self.0.query_selector_all(selector).unwrap();
        (0..nodes.length())
            .filter_map(|index| nodes.item(index))
            .map(|node| node.text_content().unwrap_or_default())
            .collect()
    }

    pub fn text(&self) -> String {
        self.0.text_content().unwrap_or_default()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// Points the address bar at `path` without loading a page, so the router
/// mounted next starts there.
pub fn set_path(path: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

/// Creates a key through the API with the admin key; returns its secret.
pub async fn create_key(body: serde_json::Value) -> String {
    let response = gloo_net::http::Request::post(&format!("{}/api-keys", api_url()))
        .header("Authorization", &format!("Bearer {}", admin_key()))
        .json(&body)
        .unwrap()
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let created: serde_json::Value = response.json().await.unwrap();
    created["data"]["apiKey"].as_str().unwrap().to_owned()
}

pub fn loaded_config() -> LoadedConfig {
    LoadedConfig {
        config: RuntimeConfig {
            api_base_url: api_url().to_owned(),
            allow_api_base_url_override: false,
            request_timeout_ms: nuntly_dashboard::api::DEFAULT_TIMEOUT_MS,
        },
        problem: None,
    }
}

/// Mounts the app at `path`, connected with `key` when given. Keep both
/// values alive for the test: dropping the second unmounts the app.
pub fn mount_app(path: &str, key: Option<&str>) -> (Scratch, impl Drop + use<>) {
    session::forget_stored_key();
    set_path(path);
    let scratch = Scratch::new();
    let startup_key = key.map(|key| StartupKey {
        secret: ApiSecret::new(key).unwrap(),
        remembered: false,
    });
    let loaded = loaded_config();
    let handle = leptos::mount::mount_to(scratch.0.clone(), move || {
        view! { <App loaded=loaded base="" startup_key=startup_key /> }
    });
    (scratch, handle)
}

pub fn input(scratch: &Scratch, selector: &str) -> web_sys::HtmlInputElement {
    scratch
        .query(selector)
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
}

/// Sets a text field's value and fires `input`, as typing would.
pub fn type_text(scratch: &Scratch, selector: &str, value: &str) {
    let field = input(scratch, selector);
    field.set_value(value);
    let event = web_sys::Event::new("input").unwrap();
    field.dispatch_event(&event).unwrap();
}

pub fn click(scratch: &Scratch, selector: &str) {
    scratch
        .query(selector)
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

/// Returns every key through the API with the admin key.
pub async fn all_keys() -> Vec<serde_json::Value> {
    let response = gloo_net::http::Request::get(&format!("{}/api-keys?limit=100", api_url()))
        .header("Authorization", &format!("Bearer {}", admin_key()))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    body["data"].as_array().cloned().unwrap_or_default()
}

/// Returns a seeded domain's id by name.
pub async fn domain_id(name: &str) -> String {
    let response = gloo_net::http::Request::get(&format!("{}/domains?limit=100", api_url()))
        .header("Authorization", &format!("Bearer {}", admin_key()))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|domain| domain["name"] == name)
        .and_then(|domain| domain["id"].as_str())
        .unwrap_or_else(|| panic!("no domain {name}"))
        .to_owned()
}
