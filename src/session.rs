//! The connection to the API: the key in memory, and in `sessionStorage` only
//! when the user opts in. Never in `localStorage`, a cookie or the URL.

use leptos::prelude::*;

use crate::api::{ApiClient, ApiError, ApiSecret};

/// `sessionStorage` entry holding the key when the user opted in.
pub const STORAGE_KEY: &str = "nuntly-dashboard.api-key";

/// Shared connection state, provided as context by the app.
#[derive(Clone, Copy)]
pub struct Session {
    client: RwSignal<Option<ApiClient>>,
    /// Reason the last connection ended, shown on the connect screen.
    notice: RwSignal<Option<String>>,
    /// Path to open after connecting, set when a deep link needed a connection.
    return_to: RwSignal<Option<String>>,
}

impl Session {
    pub fn new() -> Self {
        Self {
            client: RwSignal::new(None),
            notice: RwSignal::new(None),
            return_to: RwSignal::new(None),
        }
    }

    pub fn client(&self) -> Option<ApiClient> {
        self.client.get()
    }

    pub fn client_untracked(&self) -> Option<ApiClient> {
        self.client.get_untracked()
    }

    pub fn is_connected(&self) -> bool {
        self.client.with(Option::is_some)
    }

    /// Keeps the client; stores its key in `sessionStorage` only if `remember`.
    pub fn connect(&self, client: ApiClient, remember: bool) {
        if remember {
            if let Some(storage) = session_storage() {
                if storage.set_item(STORAGE_KEY, client.secret().expose()).is_err() {
                    log::warn!("sessionStorage is unavailable; the key is kept in memory only");
                }
            }
        } else {
            forget_stored_key();
        }
        self.notice.set(None);
        self.client.set(Some(client));
    }

    /// Drops the key from memory and storage. `reason` is shown on the connect
    /// screen.
    pub fn disconnect(&self, reason: Option<String>) {
        forget_stored_key();
        self.client.set(None);
        self.notice.set(reason);
    }

    /// Ends the session when an API call got 401: the key was revoked or
    /// disabled since it was connected. Returns whether it did.
    pub fn end_if_unauthorized(&self, error: &ApiError) -> bool {
        if !error.is_unauthorized() {
            return false;
        }
        self.disconnect(Some(
            "The API no longer accepts this key (401): it was revoked or disabled, perhaps from another \
             session. Connect again with a valid Full access key."
                .to_owned(),
        ));
        true
    }

    pub fn notice(&self) -> Option<String> {
        self.notice.get()
    }

    pub fn set_notice(&self, notice: Option<String>) {
        self.notice.set(notice);
    }

    pub fn take_return_to(&self) -> Option<String> {
        let path = self.return_to.get_untracked();
        self.return_to.set(None);
        path
    }

    pub fn set_return_to(&self, path: String) {
        self.return_to.set(Some(path));
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Reads a key the user asked to keep for this tab.
pub fn stored_key() -> Option<ApiSecret> {
    let value = session_storage()?.get_item(STORAGE_KEY).ok()??;
    ApiSecret::new(&value)
}

pub fn forget_stored_key() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// Takes a key from a `#key=…` fragment, then removes the fragment from the
/// address bar and the current history entry, so it is read once.
pub fn take_fragment_key() -> Option<ApiSecret> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    let fragment = hash.strip_prefix('#')?;
    let encoded = fragment
        .split('&')
        .find_map(|pair| pair.strip_prefix("key="))?
        .to_owned();

    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }

    let decoded = js_sys::decode_uri_component(&encoded).ok()?;
    ApiSecret::new(&String::from(decoded))
}
