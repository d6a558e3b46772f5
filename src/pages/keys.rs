//! The key list: every key of the organization, newest first, with all cursor
//! pages loaded in the background.

use leptos::prelude::*;

use crate::api::{ApiKey, KeyStatus};
use crate::components::{ErrorPanel, PermissionBadge, StatusBadge};
use crate::format;
use crate::session::Session;
use crate::store::{KeyStore, LoadState, restriction_text};

#[component]
pub fn KeysPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();

    // Load on first visit; later visits show what is loaded.
    if store.state.get_untracked() == LoadState::NotStarted {
        if let Some(client) = session.client_untracked() {
            store.reload(client, session);
        }
    }

    let reload = Callback::new(move |()| {
        if let Some(client) = session.client_untracked() {
            store.reload(client, session);
        }
    });
    let resume = Callback::new(move |()| {
        if let Some(client) = session.client_untracked() {
            store.resume(client, session);
        }
    });

    let count_text = move || {
        let count = store.keys.with(Vec::len);
        match store.state.get() {
            LoadState::LoadingMore => format!("{count} keys loaded, loading more…"),
            LoadState::Complete if count == 1 => "1 key".to_owned(),
            LoadState::Complete => format!("{count} keys"),
            _ => String::new(),
        }
    };

    let body = move || match store.state.get() {
        LoadState::NotStarted | LoadState::Loading => view! {
            <p class="loading" role="status" aria-live="polite">"Loading API keys…"</p>
        }
        .into_any(),
        LoadState::Failed(error) => view! {
            <ErrorPanel title="Loading the API keys failed".to_owned() error=error on_retry=reload />
        }
        .into_any(),
        _ if store.keys.with(Vec::is_empty) && store.state.get() == LoadState::Complete => view! {
            <div class="empty">
                <h2>"No API keys yet"</h2>
                <p>
                    "Create one key per environment (development, staging, production), and give services that only send email a Sending only key."
                </p>
            </div>
        }
        .into_any(),
        _ => view! { <KeyTable store=store /> }.into_any(),
    };

    let stalled = move || match store.state.get() {
        LoadState::Stalled { error, .. } => Some(view! {
            <ErrorPanel
                title="Some API keys could not be loaded; the list below is incomplete".to_owned()
                error=error
                on_retry=resume
            />
        }),
        _ => None,
    };

    let skipped = move || {
        let skipped = store.skipped.get();
        (skipped > 0).then(|| view! {
            <p class="notice warning" role="status">
                {format!(
                    "{skipped} key(s) in the API's answer could not be read and are not shown. The API may have changed; reload later."
                )}
            </p>
        })
    };

    let domains_problem = move || {
        store.domains_error.get().map(|error| view! {
            <p class="notice warning" role="status">
                {format!("Domain names could not be loaded, so restrictions show domain ids. {error}")}
            </p>
        })
    };

    view! {
        <section class="keys" aria-labelledby="keys-title">
            <div class="page-header">
                <div>
                    <h1 id="keys-title">"API keys"</h1>
                    <p class="count" aria-live="polite">{count_text}</p>
                </div>
                <div class="actions">
                    <button type="button" on:click=move |_| reload.run(())>"Refresh"</button>
                </div>
            </div>
            {skipped}
            {domains_problem}
            {stalled}
            {body}
        </section>
    }
}

#[component]
fn KeyTable(store: KeyStore) -> impl IntoView {
    view! {
        <table class="key-table">
            <caption class="visually-hidden">"API keys, newest first"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Token"</th>
                    <th scope="col">"Permission"</th>
                    <th scope="col">"Domains"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Created"</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || store.keys.get()
                    key=|key: &ApiKey| key.clone()
                    children=move |key: ApiKey| view! { <KeyRow key=key store=store /> }
                />
            </tbody>
        </table>
    }
}

#[component]
fn KeyRow(key: ApiKey, store: KeyStore) -> impl IntoView {
    let revoked = key.status == KeyStatus::Revoked;
    let name = key.name.clone().filter(|name| !name.trim().is_empty());
    let has_name = name.is_some();
    let restriction = {
        let key = key.clone();
        move || restriction_text(&key, |id| store.domain_name(id))
    };

    view! {
        <tr class="key-row" class:revoked=revoked data-key-id=key.id.clone()>
            <td class="key-name" data-label="Name">
                <span class:unnamed=!has_name>{name.unwrap_or_else(|| "Unnamed key".to_owned())}</span>
            </td>
            <td class="key-token" data-label="Token"><code>{format::token_hint(&key.short_token)}</code></td>
            <td class="key-permission" data-label="Permission"><PermissionBadge permission=key.permission.clone() /></td>
            <td class="key-domains" data-label="Domains">{restriction}</td>
            <td class="key-status" data-label="Status"><StatusBadge status=key.status.clone() /></td>
            <td class="key-created" data-label="Created">
                <time datetime=key.created_at.clone()>{format::timestamp(&key.created_at)}</time>
            </td>
        </tr>
    }
}
