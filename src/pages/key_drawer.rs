//! The edit drawer at `/api-keys/{id}`: details of one key; rename, change
//! permission and domains, enable or disable, and revoke.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::access::AccessDraft;
use std::sync::Arc;

use crate::api::{ApiError, ApiKey, KeyStatus, NewKey, Permission};
use crate::components::RevealSlot;
use crate::pages::create_key::MAX_NAME_CHARS;
use crate::rotation::{Rotation, Rotations, replacement_name};
use crate::clipboard::copy_text;
use crate::components::{DomainRestrictionChoice, Modal, PermissionBadge, PermissionChoice, StatusBadge, When};
use crate::edit::{EditValues, apply, changes};
use crate::format;
use crate::guard::use_leave_guard;
use crate::pages::create_key::{listed_key, validate_name};
use crate::pages::keys::ListNavigation;
use crate::session::Session;
use crate::store::{KeyStore, restriction_text};

#[derive(Clone, Debug, PartialEq)]
enum DrawerLoad {
    Loading,
    Loaded(ApiKey),
    NotFound,
    Failed(ApiError),
}

#[component]
pub fn KeyDrawer() -> impl IntoView {
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let list_navigation = expect_context::<ListNavigation>();
    let navigate = use_navigate();
    let params = use_params_map();
    let id = params.with_untracked(|params| params.get("id").unwrap_or_default());
    let link_id = key_link_id(&id);
    let load = RwSignal::new(DrawerLoad::Loading);

    let fetch = {
        let id = id.clone();
        move || {
            let Some(client) = session.client_untracked() else {
                return;
            };
            load.set(DrawerLoad::Loading);
            let id = id.clone();
            spawn_local(async move {
                let result = client.get_key(&id).await;
                load.set(match result {
                    Ok(key) => {
                        store.replace(key.clone());
                        DrawerLoad::Loaded(key)
                    }
                    Err(error) if error.status() == Some(404) => {
                        store.remove(&id);
                        DrawerLoad::NotFound
                    }
                    Err(error) => {
                        if session.end_if_unauthorized(&error) {
                            return;
                        }
                        DrawerLoad::Failed(error)
                    }
                });
            });
        }
    };
    fetch();

    let close = {
        let navigate = navigate.clone();
        move || list_navigation.return_to_list(&navigate)
    };
    let close_callback = {
        let close = close.clone();
        Callback::new(move |()| close())
    };
    // The editor replaces this with its own guard while it is shown.
    let dismiss = RwSignal::new(close_callback);
    let on_dismiss = Callback::new(move |()| dismiss.get_untracked().run(()));

    let close_for_states = close.clone();
    let body = move || match load.get() {
        DrawerLoad::Loading => view! { <p class="loading" role="status">"Loading the key…"</p> }.into_any(),
        DrawerLoad::NotFound => {
            let close = close_for_states.clone();
            view! {
                <div class="drawer-state">
                    <h2 id="drawer-title">"API key not found"</h2>
                    <p>{format!("No API key has the id {id}. It may have been deleted, or the link is wrong.")}</p>
                    <button type="button" on:click=move |_| close()>"Back to the list"</button>
                </div>
            }
            .into_any()
        }
        DrawerLoad::Failed(error) => {
            let fetch = fetch.clone();
            let request_id = error.request_id().map(str::to_owned);
            view! {
                <div class="drawer-state" role="alert">
                    <h2 id="drawer-title">"The key could not be loaded"</h2>
                    <p>{error.message()}</p>
                    {request_id.map(|id| view! { <p class="request-id">"Request id: " <code>{id}</code></p> })}
                    <button type="button" on:click=move |_| fetch()>"Try again"</button>
                </div>
            }
            .into_any()
        }
        DrawerLoad::Loaded(key) => view! { <KeyEditor key=key dismiss=dismiss close=close_callback /> }.into_any(),
    };

    view! {
        <Modal labelled_by="drawer-title" class="drawer" on_dismiss=on_dismiss return_focus_to=link_id>
            <div class="drawer-close">
                <button type="button" class="link-button" aria-label="Close" on:click=move |_| on_dismiss.run(())>
                    "Close"
                </button>
            </div>
            {body}
        </Modal>
    }
}

#[component]
fn KeyEditor(key: ApiKey, dismiss: RwSignal<Callback<()>>, close: Callback<()>) -> impl IntoView {
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();

    let baseline = RwSignal::new(key.clone());
    let name = RwSignal::new(key.name.clone().unwrap_or_default());
    let enabled = RwSignal::new(enabled_of(&key.status));
    let access = AccessDraft::new(key.permission.clone(), key.domain_ids.as_deref());
    let permission_unreported = key.permission.is_none();

    let name_error = RwSignal::new(None::<String>);
    let permission_error = RwSignal::new(None::<String>);
    let domains_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let saved_message = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let confirm_discard = RwSignal::new(false);

    let values = move || EditValues {
        name: name.get(),
        enabled: enabled.get(),
        permission: access.permission.get(),
        domain_ids: {
            // Track the draft so the diff recomputes when it changes.
            access.restriction.track();
            access.selected.track();
            access.chosen_domain_ids()
        },
    };
    let pending = Memo::new(move |_| baseline.with(|key| changes(key, &values())));
    let dirty = Signal::derive(move || !pending.with(|changes| changes.is_empty()));
    let revoked = move || baseline.with(|key| key.status == KeyStatus::Revoked);

    // Closing with unsaved changes shows a confirmation first, whatever closes it.
    let ask_or_close = Callback::new(move |()| {
        if dirty.get_untracked() && !revoked() {
            confirm_discard.set(true);
        } else {
            close.run(());
        }
    });
    dismiss.set(ask_or_close);
    use_leave_guard(
        Signal::derive(move || dirty.get() && !revoked()),
        Callback::new(move |()| confirm_discard.set(true)),
    );

    let discard = move || {
        let key = baseline.get_untracked();
        name.set(key.name.clone().unwrap_or_default());
        enabled.set(enabled_of(&key.status));
        access.reset(key.permission.clone(), key.domain_ids.as_deref());
        confirm_discard.set(false);
        close.run(());
    };

    let save = move || {
        if saving.get_untracked() {
            return;
        }
        name_error.set(validate_name(&name.get_untracked()).err());
        permission_error.set(None);
        domains_error.set(store.domains.with_untracked(|domains| access.validate_restriction(domains)).err());
        if name_error.with_untracked(Option::is_some) || domains_error.with_untracked(Option::is_some) {
            return;
        }
        let request = pending.get_untracked();
        if request.is_empty() {
            return;
        }
        let Some(client) = session.client_untracked() else {
            return;
        };
        let id = baseline.with_untracked(|key| key.id.clone());
        saving.set(true);
        form_error.set(None);
        saved_message.set(None);
        spawn_local(async move {
            let result = client.update_key(&id, &request).await;
            saving.set(false);
            match result {
                Ok(()) => {
                    let updated = apply(&baseline.get_untracked(), &request);
                    store.replace(updated.clone());
                    baseline.set(updated.clone());
                    // The server trims names; show what it stored.
                    name.set(updated.name.clone().unwrap_or_default());
                    saved_message.set(Some("Changes saved.".to_owned()));
                }
                Err(error) => {
                    if session.end_if_unauthorized(&error) {
                        return;
                    }
                    log::warn!("saving API key {id} failed: {error}");
                    let message = error.to_string();
                    match error.field() {
                        Some("name") => name_error.set(Some(message)),
                        Some("permission") => permission_error.set(Some(message)),
                        Some("domainIds") => domains_error.set(Some(message)),
                        _ if error.status() == Some(404) => form_error.set(Some(format!(
                            "This key no longer exists; the list was refreshed. {message}"
                        ))),
                        _ => form_error.set(Some(message)),
                    }
                    if error.status() == Some(404) {
                        store.reload(client, session);
                    }
                }
            }
        });
    };

    let retry_domains = Callback::new(move |()| {
        if let Some(client) = session.client_untracked() {
            store.reload_domains(client, session);
        }
    });

    let copy_status = RwSignal::new(None::<String>);
    let is_own_key = move || {
        let short_token = baseline.with(|key| key.short_token.clone());
        !short_token.is_empty()
            && session
                .client()
                .is_some_and(|client| client.secret().expose().ends_with(&short_token))
    };

    let details = move || {
        let key = baseline.get();
        let title = key.name.clone().filter(|name| !name.trim().is_empty()).unwrap_or_else(|| "Unnamed key".to_owned());
        let id = key.id.clone();
        let restriction = restriction_text(&key, |domain| store.domain_name(domain));
        view! {
            <header class="modal-header">
                <h2 id="drawer-title" class="drawer-title">{title}</h2>
            </header>
            <dl class="key-details">
                <dt>"Id"</dt>
                <dd class="id-row">
                    <code id="drawer-key-id">{id.clone()}</code>
                    <button type="button" class="copy" on:click=move |_| copy_text(id.clone(), "drawer-key-id", "Key id", copy_status)>
                        "Copy id"
                    </button>
                </dd>
                <dt>"Token"</dt>
                <dd><code>{format::token_hint(&key.short_token)}</code></dd>
                <dt>"Status"</dt>
                <dd class="drawer-status"><StatusBadge status=key.status.clone() /></dd>
                <dt>"Permission"</dt>
                <dd><PermissionBadge permission=key.permission.clone() /></dd>
                <dt>"Domains"</dt>
                <dd class="drawer-domains">{restriction}</dd>
                <dt>"Created"</dt>
                <dd><time datetime=key.created_at.clone()>{format::timestamp(&key.created_at)}</time></dd>
            </dl>
            <p class="copy-status" role="status" aria-live="polite">{move || copy_status.get()}</p>
        }
    };

    let form = move || {
        view! {
            <form class="drawer-form" novalidate=true on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                save();
            }>
                <p class="form-error" role="alert">{move || form_error.get()}</p>
                <div class="field">
                    <label for="edit-name">"Name"</label>
                    <input
                        id="edit-name"
                        type="text"
                        autocomplete="off"
                        maxlength=crate::pages::create_key::MAX_NAME_CHARS.to_string()
                        aria-invalid=move || if name_error.with(Option::is_some) { "true" } else { "false" }
                        aria-describedby="edit-name-error"
                        prop:value=move || name.get()
                        on:input=move |event| {
                            name.set(event_target_value(&event));
                            name_error.set(None);
                            saved_message.set(None);
                        }
                    />
                    <p id="edit-name-error" class="field-error" role="alert">{move || name_error.get()}</p>
                </div>
                <PermissionChoice draft=access id_prefix="edit" error=permission_error unreported=permission_unreported />
                <When when=move || access.is_sending_only()>
                    <DomainRestrictionChoice
                        draft=access
                        id_prefix="edit"
                        domains=store.domains
                        domains_loaded=store.domains_loaded
                        domains_error=store.domains_error
                        on_retry_domains=retry_domains
                        error=domains_error
                    />
                </When>
                // Rendered once, so that toggling it keeps the focus on it.
                <When when=move || enabled.with(Option::is_some)>
                    <div class="field checkbox switch">
                        <input
                            id="edit-enabled"
                            type="checkbox"
                            role="switch"
                            aria-describedby="edit-enabled-help"
                            prop:checked=move || enabled.get() == Some(true)
                            on:change=move |event| {
                                enabled.set(Some(event_target_checked(&event)));
                                saved_message.set(None);
                            }
                        />
                        <label for="edit-enabled">"Enabled"</label>
                        <p id="edit-enabled-help" class="help">
                            {move || if enabled.get() == Some(false) {
                                "Disabled: the API rejects requests with this key (401) until it is enabled again."
                            } else {
                                "Turn off to stop a suspicious key at once; it can be turned on again."
                            }}
                        </p>
                    </div>
                </When>
                <When when=move || is_own_key() && enabled.get() == Some(false)>
                    <p class="notice warning">"This looks like the key this dashboard is connected with: saving disconnects you."</p>
                </When>
                <When when=move || confirm_discard.get()>
                    <div class="confirm" role="alertdialog" aria-labelledby="discard-text">
                        <p id="discard-text">"You have unsaved changes. Discard them?"</p>
                        <div class="actions">
                            <button type="button" class="danger" on:click=move |_| discard()>"Discard changes"</button>
                            <button type="button" on:click=move |_| confirm_discard.set(false)>"Keep editing"</button>
                        </div>
                    </div>
                </When>
                <div class="form-actions">
                    <p class="saved" role="status" aria-live="polite">{move || saved_message.get()}</p>
                    <button type="button" on:click=move |_| ask_or_close.run(())>"Close"</button>
                    <button
                        type="submit"
                        class="primary"
                        disabled=move || !dirty.get() || saving.get()
                        aria-busy=move || saving.get().to_string()
                    >
                        {move || if saving.get() { "Saving…" } else { "Save changes" }}
                    </button>
                </div>
            </form>
            <ReplaceZone baseline=baseline />
            <RevokeZone baseline=baseline own_key=Signal::derive(is_own_key) />
        }
    };

    view! {
        {details}
        <When
            when=move || !revoked()
            fallback=|| view! {
                <p class="notice revoked-note">
                    "This key is revoked: the API rejects every request with it, and it can no longer be changed."
                </p>
            }
        >
            {form.clone()}
        </When>
    }
}

/// Id of a key's link in the list, where focus returns when its drawer closes.
pub fn key_link_id(id: &str) -> String {
    format!("key-link-{id}")
}

fn enabled_of(status: &KeyStatus) -> Option<bool> {
    match status {
        KeyStatus::Enabled => Some(true),
        KeyStatus::Disabled => Some(false),
        _ => None,
    }
}

/// Returns the text a user types to confirm revoking: the key's name, or its
/// token hint when it has none.
pub fn revoke_confirmation_text(key: &ApiKey) -> String {
    key.name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| format::token_hint(&key.short_token))
}

#[component]
fn RevokeZone(baseline: RwSignal<ApiKey>, #[prop(into)] own_key: Signal<bool>) -> impl IntoView {
    let rotations = expect_context::<Rotations>();
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let revoking = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let expected = move || baseline.with(revoke_confirmation_text);
    let matches = move || typed.with(|typed| typed.trim() == expected());

    let revoke = move || {
        if revoking.get_untracked() || !matches() {
            return;
        }
        let Some(client) = session.client_untracked() else {
            return;
        };
        let key = baseline.get_untracked();
        revoking.set(true);
        error.set(None);
        spawn_local(async move {
            let result = client.revoke_key(&key.id).await;
            revoking.set(false);
            match result {
                Ok(()) => {
                    rotations.finish(&key.id);
                    let mut revoked = key.clone();
                    revoked.status = KeyStatus::Revoked;
                    store.replace(revoked.clone());
                    baseline.set(revoked);
                }
                Err(failure) => {
                    if session.end_if_unauthorized(&failure) {
                        return;
                    }
                    log::warn!("revoking API key {} failed: {failure}", key.id);
                    if failure.status() == Some(404) {
                        error.set(Some(format!("This key no longer exists; the list was refreshed. {failure}")));
                        store.reload(client, session);
                    } else {
                        error.set(Some(failure.to_string()));
                    }
                }
            }
        });
    };

    view! {
        <section class="danger-zone" aria-labelledby="danger-title">
            <h3 id="danger-title">"Danger zone"</h3>
            <When
                when=move || open.get()
                fallback=move || view! {
                    <p class="help">"Revoke a key that leaked or is no longer used. Revoking cannot be undone."</p>
                    <button type="button" class="danger" on:click=move |_| open.set(true)>"Revoke key…"</button>
                }
            >
                <div class="confirm" role="group" aria-labelledby="revoke-text">
                    <p id="revoke-text">
                        "Revoking cannot be undone. Every request that uses this key fails at once, including email sending."
                    </p>
                    <When when=move || own_key.get()>
                        <p class="notice warning">"This looks like the key this dashboard is connected with: revoking it disconnects you."</p>
                    </When>
                    <div class="field">
                        <label for="revoke-confirm">
                            "To confirm, type " <strong class="revoke-expected">{expected}</strong>
                        </label>
                        <input
                            id="revoke-confirm"
                            type="text"
                            autocomplete="off"
                            spellcheck="false"
                            prop:value=move || typed.get()
                            on:input=move |event| typed.set(event_target_value(&event))
                            on:keydown=move |event: leptos::ev::KeyboardEvent| {
                                if event.key() == "Enter" {
                                    event.prevent_default();
                                    revoke();
                                }
                            }
                        />
                    </div>
                    <p class="field-error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <button
                            type="button"
                            class="danger"
                            disabled=move || !matches() || revoking.get()
                            on:click=move |_| revoke()
                        >
                            {move || if revoking.get() { "Revoking…" } else { "Revoke this key" }}
                        </button>
                        <button type="button" on:click=move |_| {
                            open.set(false);
                            typed.set(String::new());
                        }>"Cancel"</button>
                    </div>
                </div>
            </When>
        </section>
    }
}

/// Rotation at the user's pace: a replacement with the same permission and
/// domains, its secret revealed once, and the old key kept working until the
/// user revokes it below.
#[component]
fn ReplaceZone(baseline: RwSignal<ApiKey>) -> impl IntoView {
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let rotations = expect_context::<Rotations>();
    let reveal = expect_context::<RevealSlot>();
    let list_navigation = expect_context::<ListNavigation>();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let creating = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let pending = move || baseline.with(|key| rotations.replacing(&key.id));
    let replaceable = move || {
        baseline.with(|key| {
            key.status == KeyStatus::Enabled
                && matches!(key.permission, Some(Permission::FullAccess | Permission::SendingAccess))
        })
    };

    let create = move || {
        if creating.get_untracked() {
            return;
        }
        let Some(client) = session.client_untracked() else {
            return;
        };
        let old = baseline.get_untracked();
        let Some(permission) = old.permission.clone() else {
            return;
        };
        let domain_ids = match permission {
            Permission::SendingAccess => old.domain_ids.clone().unwrap_or_default(),
            _ => Vec::new(),
        };
        let request = NewKey {
            name: replacement_name(old.name.as_deref(), MAX_NAME_CHARS),
            permission,
            domain_ids,
        };
        creating.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = client.create_key(&request).await;
            creating.set(false);
            match result {
                Ok(created) => {
                    let key = listed_key(&created, &request);
                    rotations.add(Rotation {
                        old_id: old.id.clone(),
                        new_id: key.id.clone(),
                    });
                    store.insert_created(key.clone());
                    list_navigation.replace_with_list(&navigate);
                    reveal.show(key, Arc::new(created.api_key));
                }
                Err(failure) => {
                    if session.end_if_unauthorized(&failure) {
                        return;
                    }
                    log::warn!("creating a replacement for {} failed: {failure}", old.id);
                    let advice = if failure.outcome_unknown() {
                        " It is not known whether the replacement was created: check the list before trying again."
                    } else {
                        " Nothing was changed."
                    };
                    error.set(Some(format!("{failure}{advice}")));
                }
            }
        });
    };

    let create = Callback::new(move |()| create());

    let pending_note = move || {
        pending().map(|pair| {
            let replacement = store
                .find(&pair.new_id)
                .map(|key| key.name.unwrap_or_else(|| format::token_hint(&key.short_token)))
                .unwrap_or_else(|| pair.new_id.clone());
            view! {
                <p class="notice warning rotation-pending">
                    {format!("Replacement pending: \"{replacement}\". This key keeps working until you revoke it; do so below once the new key is deployed.")}
                </p>
            }
        })
    };

    view! {
        {pending_note}
        <When when=move || replaceable() && pending().is_none()>
            <section class="replace-zone" aria-labelledby="replace-title">
                <h3 id="replace-title">"Replace key"</h3>
                <When
                    when=move || open.get()
                    fallback=move || view! {
                        <p class="help">"Rotate without downtime: the new key gets the same permission and domains, and this one keeps working until you revoke it."</p>
                        <button type="button" id="replace-open" on:click=move |_| open.set(true)>"Replace key…"</button>
                    }
                >
                    <p>"A new key with the same permission and domains will be created and its secret shown once. This key stays enabled until you revoke it."</p>
                    <p class="field-error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <button
                            type="button"
                            id="replace-create"
                            class="primary"
                            disabled=move || creating.get()
                            on:click=move |_| create.run(())
                        >
                            {move || if creating.get() { "Creating…" } else { "Create the replacement" }}
                        </button>
                        <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                    </div>
                </When>
            </section>
        </When>
    }
}
