//! The screen the user sees when the app panics: an error screen with a reload
//! button instead of a frozen or blank page.

use std::panic::PanicHookInfo;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// Installs the panic hook. Call it first thing in `main`.
pub fn install_hook() {
    std::panic::set_hook(Box::new(on_panic));
}

fn on_panic(info: &PanicHookInfo<'_>) {
    // The location is enough to find the bug. The payload is left out because
    // it could quote data the panicking code held.
    let location = info
        .location()
        .map(|location| format!("{}:{}", location.file(), location.line()))
        .unwrap_or_else(|| "unknown location".to_owned());
    web_sys::console::error_1(&format!("nuntly-dashboard panicked at {location}").into());
    if let Some(body) = web_sys::window().and_then(|window| window.document()).and_then(|document| document.body()) {
        render_error_screen(&body);
    }
}

/// Replaces the content of `container` with the error screen. It uses the
/// DOM directly, because after a panic the app's own state cannot be trusted.
pub fn render_error_screen(container: &web_sys::Element) {
    let Some(document) = container.owner_document() else {
        return;
    };
    let Ok(screen) = document.create_element("div") else {
        return;
    };
    screen.set_class_name("crash-screen");
    let _ = screen.set_attribute("role", "alert");
    let heading = document.create_element("h1").ok();
    let text = document.create_element("p").ok();
    let button = document.create_element("button").ok();
    if let (Some(heading), Some(text), Some(button)) = (heading, text, button) {
        heading.set_text_content(Some("The dashboard stopped working"));
        text.set_text_content(Some(
            "An internal error stopped the dashboard. Nothing was changed by it. Reload the page to start again; \
             you may need to connect again.",
        ));
        button.set_text_content(Some("Reload"));
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = screen.append_child(&heading);
        let _ = screen.append_child(&text);
        let _ = screen.append_child(&button);
    }
    container.set_inner_html("");
    let _ = container.append_child(&screen);
}
