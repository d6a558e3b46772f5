//! Keeping unsaved changes from being lost to the back button or a reload.
//!
//! The app installs one listener for each event before the router starts.
//! Chromium runs a window's `popstate` listeners in the order they were
//! added, whatever their capture flag, so a listener added after the
//! router's would run too late to keep the route.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// The page's active guard, if a component registered one.
#[derive(Clone, Copy)]
pub struct LeaveGuard {
    active: StoredValue<Option<ActiveGuard>>,
}

#[derive(Clone)]
struct ActiveGuard {
    dirty: Signal<bool>,
    on_blocked: Callback<()>,
    /// The address to restore when a back navigation is undone.
    url: String,
}

impl LeaveGuard {
    /// Adds the window listeners. Call it once, before the router is created.
    pub fn install() -> Self {
        let guard = Self {
            active: StoredValue::new(None),
        };
        let Some(window) = web_sys::window() else {
            return guard;
        };

        let on_popstate = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(active) = guard.blocking() else {
                return;
            };
            event.stop_immediate_propagation();
            if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&active.url));
            }
            active.on_blocked.run(());
        });
        let on_before_unload = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            if guard.blocking().is_some() {
                event.prevent_default();
                if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    event.set_return_value("unsaved changes");
                }
            }
        });
        let _ = window.add_event_listener_with_callback_and_bool("popstate", on_popstate.as_ref().unchecked_ref(), true);
        let _ = window.add_event_listener_with_callback("beforeunload", on_before_unload.as_ref().unchecked_ref());
        // The listeners live as long as the page. Once the app is gone,
        // `blocking` finds its state disposed and they do nothing.
        on_popstate.forget();
        on_before_unload.forget();
        guard
    }

    /// Returns the active guard when it has unsaved changes to protect.
    fn blocking(&self) -> Option<ActiveGuard> {
        let active = self.active.try_get_value().flatten()?;
        active.dirty.try_get_untracked().unwrap_or(false).then_some(active)
    }
}

/// Undoes the browser's back and forward navigation while `dirty` is true,
/// and runs `on_blocked` so the page can ask the user. Closing or reloading
/// the tab shows the browser's own prompt. The guard lasts as long as the
/// calling component.
pub fn use_leave_guard(dirty: Signal<bool>, on_blocked: Callback<()>) {
    let Some(guard) = use_context::<LeaveGuard>() else {
        log::warn!("no LeaveGuard in context; unsaved changes are not guarded");
        return;
    };
    let url = web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default();
    guard.active.set_value(Some(ActiveGuard { dirty, on_blocked, url }));
    on_cleanup(move || {
        let _ = guard.active.try_set_value(None);
    });
}
