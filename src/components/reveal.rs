//! The one-time reveal of a new key's secret: copy button, ready-made
//! snippets, and a close that needs a deliberate confirmation.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{ApiKey, ApiSecret};
use crate::clipboard::copy_text;
use crate::components::{Modal, When};

/// A new key and its secret, while the reveal dialog shows them.
#[derive(Clone)]
pub struct Revealed {
    pub key: ApiKey,
    pub secret: Arc<ApiSecret>,
}

/// The secret on display, if any. Clearing it drops the last reference to
/// the secret (which zeroes its bytes) and removes the dialog from the DOM.
#[derive(Clone, Copy)]
pub struct RevealSlot(RwSignal<Option<Revealed>>);

impl RevealSlot {
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    pub fn show(&self, key: ApiKey, secret: Arc<ApiSecret>) {
        self.0.set(Some(Revealed { key, secret }));
    }

    pub fn clear(&self) {
        self.0.set(None);
    }

    pub fn is_open(&self) -> bool {
        self.0.with(Option::is_some)
    }
}

impl Default for RevealSlot {
    fn default() -> Self {
        Self::new()
    }
}

/// Renders the reveal dialog while the slot contains a secret. `return_focus_to`
/// is the id of the control that gets focus when it closes.
#[component]
pub fn SecretReveal(reveal: RevealSlot, #[prop(into)] return_focus_to: String) -> impl IntoView {
    move || {
        let revealed = reveal.0.get()?;
        let return_focus_to = return_focus_to.clone();
        Some(view! { <RevealDialog revealed=revealed reveal=reveal return_focus_to=return_focus_to /> })
    }
}

#[component]
fn RevealDialog(revealed: Revealed, reveal: RevealSlot, return_focus_to: String) -> impl IntoView {
    let stored = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let copy_status = RwSignal::new(None::<String>);

    let close = move || reveal.clear();
    let close_for_request = close.clone();
    let request_close = move || {
        if stored.get_untracked() {
            close_for_request();
        } else {
            confirming.set(true);
        }
    };
    let request_close_for_dismiss = request_close.clone();
    let on_dismiss = Callback::new(move |()| request_close_for_dismiss());

    let secret = revealed.secret.clone();
    let name = revealed.key.name.clone().unwrap_or_else(|| "Unnamed key".to_owned());
    let snippets = [
        ("reveal-secret", "Secret API key", String::new(), "Paste it into your secret manager or deployment settings."),
        ("reveal-header", "HTTP header", "Authorization: Bearer ".to_owned(), "Sent with every REST API request."),
        ("reveal-env", "Environment variable", "NUNTLY_API_KEY=".to_owned(), "For a .env file or your platform's settings; never in source code."),
        ("reveal-smtp", "SMTP password", String::new(), "Use the key as the password of Nuntly's SMTP relay."),
    ];

    let fields = snippets
        .into_iter()
        .map(|(id, label, prefix, help)| {
            let secret = secret.clone();
            let help_id = format!("{id}-help");
            let copy_secret = secret.clone();
            let copy_prefix = prefix.clone();
            let copy_label = label;
            view! {
                <div class="field secret-field">
                    <label for=id>{label}</label>
                    <div class="secret-row">
                        <input
                            id=id
                            class="secret"
                            type="text"
                            readonly=true
                            spellcheck="false"
                            autocomplete="off"
                            aria-describedby=help_id.clone()
                            prop:value=format!("{prefix}{}", secret.expose())
                        />
                        <button
                            type="button"
                            class="copy"
                            aria-label=format!("Copy the {}", label.to_lowercase())
                            on:click=move |_| {
                                let text = format!("{copy_prefix}{}", copy_secret.expose());
                                copy_text(text, id, copy_label, copy_status);
                            }
                        >
                            "Copy"
                        </button>
                    </div>
                    <p id=help_id class="help">{help}</p>
                </div>
            }
        })
        .collect_view();

    let close_for_button = request_close.clone();
    let close_for_confirm = close.clone();

    view! {
        <Modal labelled_by="reveal-title" class="reveal" on_dismiss=on_dismiss return_focus_to=return_focus_to>
            <header class="modal-header">
                <h2 id="reveal-title">"Your new API key"</h2>
                <p class="reveal-name">{name}</p>
            </header>
            <p class="notice warning reveal-warning">
                <strong>"This is the only time the secret is shown."</strong>
                " Copy it now and store it safely. Nuntly keeps only a hash of it and cannot show it again; if you lose it, create a new key."
            </p>
            {fields}
            <p class="copy-status" role="status" aria-live="polite">{move || copy_status.get()}</p>
            <div class="field checkbox">
                <input
                    id="reveal-stored"
                    type="checkbox"
                    prop:checked=move || stored.get()
                    on:change=move |event| {
                        stored.set(event_target_checked(&event));
                        confirming.set(false);
                    }
                />
                <label for="reveal-stored">"I have stored this key"</label>
            </div>
            <When when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="reveal-confirm-text">
                    <p id="reveal-confirm-text">
                        "Close without storing it? The secret will be gone for good; the key itself stays and can be revoked."
                    </p>
                    <div class="actions">
                        <button type="button" class="danger" on:click={
                            let close = close_for_confirm.clone();
                            move |_| close()
                        }>"Close and discard the secret"</button>
                        <button type="button" on:click=move |_| confirming.set(false)>"Keep it open"</button>
                    </div>
                </div>
            </When>
            <footer class="modal-footer">
                <div class="spacer"></div>
                <button type="button" class="primary" on:click=move |_| close_for_button()>"Done"</button>
            </footer>
        </Modal>
    }
}
