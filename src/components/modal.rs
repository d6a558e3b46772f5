//! A modal dialog on the native `<dialog>` element: the browser moves focus
//! into it, traps it there and makes the page behind inert. When the dialog
//! goes away, focus returns to the control that opened it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::html::Dialog;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// Shows `children` in a modal dialog for as long as the component is mounted.
///
/// Escape and a click on the backdrop do not close it: they call `on_dismiss`,
/// which decides (for example after asking for confirmation).
#[component]
pub fn Modal(
    /// Id of the element that names the dialog, for `aria-labelledby`.
    #[prop(into)]
    labelled_by: String,
    /// Extra classes, such as `wide`.
    #[prop(into, optional)]
    class: String,
    on_dismiss: Callback<()>,
    /// Id of the element to focus when the dialog goes away, for when the
    /// control that opened it may be gone by then.
    #[prop(into, optional)]
    return_focus_to: Option<String>,
    children: Children,
) -> impl IntoView {
    let dialog: NodeRef<Dialog> = NodeRef::new();
    let cancel_listener = StoredValue::new_local(None::<Closure<dyn Fn(web_sys::Event)>>);
    let closing = Arc::new(AtomicBool::new(false));

    let closing_on_cleanup = closing.clone();
    Effect::new(move |_| {
        let Some(element) = dialog.get() else {
            return;
        };
        let opener = document().active_element();
        if !element.open() {
            let _ = element.show_modal();
        }

        // The owner removes the dialog from the page instead of closing it.
        // Calling `close()` here made Chromium dismiss a dialog opened in the
        // same update (wizard to drawer), so focus moves in a later task,
        // once the removed dialog no longer makes the page inert.
        let opener = SendWrapper::new(opener);
        let closing = closing_on_cleanup.clone();
        let return_focus_to = return_focus_to.clone();
        on_cleanup(move || {
            closing.store(true, Ordering::Relaxed);
            let opener = opener.take();
            let restore = Closure::once_into_js(move || {
                let by_id = return_focus_to.as_deref().and_then(|id| document().get_element_by_id(id));
                let target = by_id.or(opener).filter(|target| target.is_connected());
                if let Some(target) = target.and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = target.focus();
                }
            });
            let _ = window().set_timeout_with_callback(restore.unchecked_ref());
        });

        // Escape fires `cancel`; the dialog stays open and the owner decides.
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            on_dismiss.run(());
        });
        let _ = element.add_event_listener_with_callback("cancel", listener.as_ref().unchecked_ref());
        cancel_listener.set_value(Some(listener));
    });

    // Some browsers close a dialog on a repeated Escape even when `cancel` is
    // prevented; it is reopened so that only the owner can close it.
    let on_close = move |_| {
        if closing.load(Ordering::Relaxed) {
            return;
        }
        if let Some(element) = dialog.get_untracked() {
            if element.is_connected() {
                let _ = element.show_modal();
                on_dismiss.run(());
            }
        }
    };

    // A click whose target is the <dialog> itself landed on the backdrop,
    // because the content fills the dialog's box.
    let on_click = move |event: leptos::ev::MouseEvent| {
        let Some(element) = dialog.get_untracked() else {
            return;
        };
        let target_is_dialog = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|target| element.is_same_node(Some(&target)));
        if target_is_dialog {
            on_dismiss.run(());
        }
    };

    view! {
        <dialog
            node_ref=dialog
            class=format!("modal {class}")
            aria-modal="true"
            aria-labelledby=labelled_by
            on:close=on_close
            on:click=on_click
        >
            <div class="modal-body">{children()}</div>
        </dialog>
    }
}
