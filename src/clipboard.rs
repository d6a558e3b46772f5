//! Copying text with the Clipboard API, with a by-hand fallback.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Copies `text`. Where the clipboard is unavailable (an insecure origin, a
/// denied permission), selects the text of the element `fallback_id` and
/// tells the user how to copy it by hand. The outcome goes to `status`, which a
/// live region announces.
pub fn copy_text(text: String, fallback_id: &'static str, label: &'static str, status: RwSignal<Option<String>>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|value| !value.is_undefined());
    if !has_clipboard {
        select_by_hand(fallback_id, label, status);
        return;
    }
    let promise = navigator.clipboard().write_text(&text);
    drop(text);
    spawn_local(async move {
        match JsFuture::from(promise).await {
            Ok(_) => status.set(Some(format!("{label} copied to the clipboard."))),
            Err(_) => select_by_hand(fallback_id, label, status),
        }
    });
}

fn select_by_hand(element_id: &str, label: &str, status: RwSignal<Option<String>>) {
    if let Some(element) = document().get_element_by_id(element_id) {
        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            let _ = input.focus();
            input.select();
        } else if let Ok(Some(selection)) = window().get_selection() {
            let _ = selection.select_all_children(&element);
        }
    }
    status.set(Some(format!(
        "The clipboard is not available here. The {} is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
        label.to_lowercase()
    )));
}
