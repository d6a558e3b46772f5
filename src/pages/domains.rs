//! The per-domain view at `/domains`: for each domain, the enabled keys that
//! can send from it, so the blast radius of a leaked key shows at a glance.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::access::domain_status_text;
use crate::api::Permission;
use crate::app_path;
use crate::components::ErrorPanel;
use crate::inventory::can_send_from;
use crate::session::Session;
use crate::store::{KeyStore, LoadState};

#[component]
pub fn DomainsPage() -> impl IntoView {
    crate::set_page_title("Domains");
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    store.load_once(session);
    let retry = Callback::new(move |()| {
        if let Some(client) = session.client_untracked() {
            store.reload(client, session);
        }
    });

    let cards = move || {
        let domains = store.domains.get();
        store.keys.with(|keys| {
            domains
                .into_iter()
                .map(|domain| {
                    let usable = domain.is_verified() && domain.sending_status == "enabled";
                    let senders: Vec<_> = if usable {
                        keys.iter().filter(|key| can_send_from(key, &domain.id)).cloned().collect()
                    } else {
                        Vec::new()
                    };
                    let count = senders.len();
                    let items = senders
                        .into_iter()
                        .map(|key| {
                            let why = match key.permission {
                                Some(Permission::FullAccess) => "Full access",
                                _ if key.domain_ids.as_ref().is_some_and(Vec::is_empty) => "Sending only, every verified domain",
                                _ => "Sending only, restricted to this domain",
                            };
                            let name = key.name.clone().filter(|name| !name.trim().is_empty()).unwrap_or_else(|| "Unnamed key".to_owned());
                            view! {
                                <li>
                                    <A href=app_path(&format!("/api-keys/{}", key.id))>{name}</A>
                                    <span class="help">{format!(" — {why}")}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    let status = domain_status_text(&domain);
                    view! {
                        <article class="domain-card" data-domain-id=domain.id.clone()>
                            <h2>{domain.name.clone()}</h2>
                            <p class="help">{status}</p>
                            <p class="sender-count">
                                {match count {
                                    0 if !usable => "No key can send from it until it is verified and sending is enabled.".to_owned(),
                                    0 => "No enabled key can send from it.".to_owned(),
                                    1 => "1 enabled key can send from it:".to_owned(),
                                    count => format!("{count} enabled keys can send from it:"),
                                }}
                            </p>
                            <ul>{items}</ul>
                        </article>
                    }
                })
                .collect_view()
        })
    };

    let body = move || match store.state.get() {
        LoadState::Failed(error) => view! {
            <ErrorPanel title="Loading the API keys failed".to_owned() error=error on_retry=retry />
        }
        .into_any(),
        _ => match store.domains_error.get() {
            Some(error) => view! {
                <ErrorPanel title="Loading the domains failed".to_owned() error=error on_retry=retry />
            }
            .into_any(),
            None if !store.domains_loaded.get() => {
                view! { <p class="loading" role="status">"Loading the domains…"</p> }.into_any()
            }
            None => cards().into_any(),
        },
    };

    view! {
        <section class="domains" aria-labelledby="domains-title">
            <div class="page-header">
                <div>
                    <h1 id="domains-title">"Domains"</h1>
                    <p class="count">"Which enabled keys can send from each domain of the organization."</p>
                </div>
            </div>
            {body}
        </section>
    }
}
