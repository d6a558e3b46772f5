//! The error screen after a panic, and the offline notice.

mod support;

use support::{Scratch, mount_app, wait_until};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn error_screen_offers_reload() {
    let scratch = Scratch::new();
    scratch.0.set_inner_html("<p class=\"app-content\">half-drawn page</p>");
    nuntly_dashboard::panic::render_error_screen(&scratch.0);

    assert!(scratch.query(".app-content").is_none(), "the broken page is replaced");
    let screen = scratch.query(".crash-screen[role=alert]").expect("an error screen");
    let text = screen.text_content().unwrap_or_default();
    assert!(text.contains("The dashboard stopped working"), "{text}");
    let button = scratch.query(".crash-screen button").expect("a reload button");
    assert_eq!(button.text_content().as_deref(), Some("Reload"));
}

#[wasm_bindgen_test]
async fn offline_is_announced() {
    let (scratch, _app) = mount_app("/api-keys", Some(support::admin_key()));
    wait_until("the list is shown", || scratch.query(".key-row").is_some()).await;

    let window = web_sys::window().unwrap();
    window.dispatch_event(&web_sys::Event::new("offline").unwrap()).unwrap();
    wait_until("the offline notice shows", || scratch.text().contains("You are offline")).await;
    let status = scratch.query(".status-line").unwrap();
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));

    window.dispatch_event(&web_sys::Event::new("online").unwrap()).unwrap();
    wait_until("the notice goes away", || !scratch.text().contains("You are offline")).await;
}
