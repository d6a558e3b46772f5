//! What the user sees when the app panics: an error screen with a reload
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
    show_error_screen();
}

fn show_error_screen() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Some(body) = document.body() else {
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
    body.set_inner_html("");
    let _ = body.append_child(&screen);
}
