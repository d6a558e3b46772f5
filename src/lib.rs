//! The Nuntly API-keys dashboard: a Leptos single-page app that manages an
//! organization's API keys through the Nuntly REST API, from the browser.

pub mod access;
pub mod api;
pub mod components;
pub mod clipboard;
pub mod config;
pub mod edit;
pub mod format;
pub mod guard;
pub mod inventory;
pub mod pages;
pub mod panic;
pub mod rotation;
pub mod session;
pub mod store;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

use api::{ApiClient, ApiSecret};
use components::When;
use config::LoadedConfig;
use pages::connect::{ConnectPage, resolve_base_url, verify};
use pages::create_key::CreateKeyWizard;
use pages::domains::DomainsPage;
use pages::key_drawer::KeyDrawer;
use pages::keys::KeysPage;
use pages::not_found::NotFoundPage;
use session::Session;
use store::KeyStore;

/// A key found at start-up, and whether it came from `sessionStorage` (so the
/// user had asked to keep it).
pub struct StartupKey {
    pub secret: ApiSecret,
    pub remembered: bool,
}

/// The router base, such as `/dashboard`, for links: `<A>` leaves an absolute
/// `href` as it is, so in-app links go through [`app_path`].
#[derive(Clone, Debug)]
struct RouterBase(String);

/// Sets the tab's title for a screen.
pub fn set_page_title(screen: &str) {
    document().set_title(&format!("{screen} · Nuntly API keys"));
}

/// Prefixes an app path such as `/api-keys` with the router base.
pub fn app_path(path: &str) -> String {
    let base = use_context::<RouterBase>().map(|base| base.0).unwrap_or_default();
    format!("{base}{path}")
}

/// Network conditions shown in the status line: a read waiting out a rate
/// limit, and the browser being offline.
#[derive(Clone, Copy)]
pub struct Activity {
    pub retry: RwSignal<Option<api::RetryNotice>>,
    pub offline: RwSignal<bool>,
}

/// Builds a client for `base_url` with the deployment's time limit, reporting
/// rate-limit waits to the status line.
pub fn new_client(base_url: &str, secret: ApiSecret) -> ApiClient {
    let timeout_ms = use_context::<LoadedConfig>()
        .map(|loaded| loaded.config.request_timeout_ms)
        .unwrap_or(api::DEFAULT_TIMEOUT_MS);
    let client = ApiClient::new(base_url, secret).with_timeout_ms(timeout_ms);
    match use_context::<Activity>() {
        Some(activity) => client.with_retry_observer(std::sync::Arc::new(move |notice| {
            let _ = activity.retry.try_set(notice);
        })),
        None => client,
    }
}

/// Whether a start-up key is being checked; protected screens wait for it.
#[derive(Clone, Copy)]
struct Connecting(RwSignal<bool>);

#[component]
pub fn App(
    loaded: LoadedConfig,
    /// Router base such as `/dashboard`, or `""` at the root.
    #[prop(into)]
    base: String,
    startup_key: Option<StartupKey>,
) -> impl IntoView {
    let session = Session::new();
    let store = KeyStore::new();
    let connecting = Connecting(RwSignal::new(startup_key.is_some()));
    provide_context(session);
    provide_context(store);
    provide_context(connecting);
    provide_context(loaded.clone());
    provide_context(RouterBase(base.clone()));
    provide_context(guard::LeaveGuard::install());
    let activity = Activity {
        retry: RwSignal::new(None),
        offline: RwSignal::new(web_sys::window().is_some_and(|window| !window.navigator().on_line())),
    };
    provide_context(activity);
    let rotations = rotation::Rotations::load();
    provide_context(rotations);
    let _ = leptos::prelude::window_event_listener(leptos::ev::offline, move |_| {
        let _ = activity.offline.try_set(true);
    });
    let _ = leptos::prelude::window_event_listener(leptos::ev::online, move |_| {
        let _ = activity.offline.try_set(false);
    });

    // Whatever ends the session (disconnect, a 401), nothing loaded with it stays.
    Effect::new(move |previous: Option<bool>| {
        let connected = session.is_connected();
        if !connected {
            store.clear();
            if previous == Some(true) {
                rotations.clear();
            }
        }
        connected
    });

    if let Some(startup) = startup_key {
        connect_at_startup(&loaded, startup, session, store, connecting);
    }

    view! {
        <Router base=base>
            <Header />
            <StatusLine />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/connect") view=ConnectRoute />
                    <ParentRoute path=path!("/api-keys") view=|| view! { <Protected><KeysPage /></Protected> }>
                        <Route path=path!("") view=|| () />
                        <Route path=path!("new") view=CreateKeyWizard />
                        <Route path=path!(":id") view=KeyDrawer />
                    </ParentRoute>
                    <Route path=path!("/domains") view=|| view! { <Protected><DomainsPage /></Protected> } />
                </Routes>
            </main>
        </Router>
    }
}

fn connect_at_startup(
    loaded: &LoadedConfig,
    startup: StartupKey,
    session: Session,
    store: KeyStore,
    connecting: Connecting,
) {
    let base = match resolve_base_url(&loaded.config.api_base_url) {
        Ok(base) => base,
        Err(failure) => {
            session.set_notice(Some(failure.message()));
            connecting.0.set(false);
            return;
        }
    };
    let client = new_client(&base, startup.secret);
    spawn_local(async move {
        match verify(&client).await {
            Ok(first_page) => {
                store.start_from(client.clone(), session, first_page);
                session.connect(client, startup.remembered);
            }
            Err(failure) => {
                session::forget_stored_key();
                session.set_notice(Some(failure.message()));
            }
        }
        connecting.0.set(false);
    });
}

#[component]
fn Header() -> impl IntoView {
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let navigate = use_navigate();

    let disconnect = move |_| {
        store.clear();
        session.disconnect(Some("Disconnected. The key was removed from this tab.".to_owned()));
        navigate("/connect", Default::default());
    };
    let api_host = move || {
        session
            .client()
            .map(|client| client.base_url().trim_start_matches("https://").trim_start_matches("http://").to_owned())
    };

    view! {
        <header class="app-header">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <span class="brand">"Nuntly " <span class="brand-sub">"API keys"</span></span>
            <When when=move || session.is_connected()>
                <nav class="nav-links" aria-label="Sections">
                    <A href=app_path("/api-keys")>"API keys"</A>
                    <A href=app_path("/domains")>"Domains"</A>
                </nav>
                <div class="connection">
                    <span class="api-host" title="API in use">{api_host}</span>
                    <button type="button" class="link-button" on:click=disconnect.clone()>"Disconnect"</button>
                </div>
            </When>
        </header>
    }
}

/// `/`: the key list when connected, the connect screen otherwise.
#[component]
fn Home() -> impl IntoView {
    let session = expect_context::<Session>();
    let connecting = expect_context::<Connecting>();
    move || {
        if connecting.0.get() {
            view! { <ConnectingNotice /> }.into_any()
        } else if session.is_connected() {
            view! { <Redirect path="/api-keys" /> }.into_any()
        } else {
            view! { <Redirect path="/connect" /> }.into_any()
        }
    }
}

#[component]
fn ConnectRoute() -> impl IntoView {
    let session = expect_context::<Session>();
    let connecting = expect_context::<Connecting>();
    move || {
        if connecting.0.get() {
            view! { <ConnectingNotice /> }.into_any()
        } else if session.is_connected() {
            let target = session.take_return_to().unwrap_or_else(|| "/api-keys".to_owned());
            view! { <Redirect path=target /> }.into_any()
        } else {
            view! { <ConnectPage /> }.into_any()
        }
    }
}

/// Shows its children only while connected; otherwise remembers where the
/// user was going and sends them to the connect screen.
#[component]
fn Protected(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    let connecting = expect_context::<Connecting>();
    let location = use_location();
    let base = config::router_base();
    move || {
        if session.is_connected() {
            children().into_any()
        } else if connecting.0.get() {
            view! { <ConnectingNotice /> }.into_any()
        } else {
            let full_path = location.pathname.get_untracked();
            let path = full_path.strip_prefix(&base).unwrap_or(&full_path).to_owned();
            let query = location.search.get_untracked();
            session.set_return_to(if query.is_empty() { path } else { format!("{path}?{query}") });
            view! { <Redirect path="/connect" /> }.into_any()
        }
    }
}

/// Announces rate-limit waits and going offline, politely.
#[component]
fn StatusLine() -> impl IntoView {
    let activity = expect_context::<Activity>();
    let text = move || {
        if activity.offline.get() {
            return Some("You are offline. Changes cannot be saved until the connection is back.".to_owned());
        }
        activity.retry.get().map(|notice| {
            format!(
                "The API is limiting requests. Trying again in {} s (attempt {} of {}).",
                notice.seconds,
                notice.attempt,
                api::MAX_READ_ATTEMPTS
            )
        })
    };
    view! {
        <div class="status-line" role="status" aria-live="polite">
            {move || text().map(|text| view! { <p class="notice warning">{text}</p> })}
        </div>
    }
}

#[component]
fn ConnectingNotice() -> impl IntoView {
    view! { <p class="loading" role="status" aria-live="polite">"Connecting to the API…"</p> }
}
