//! The connect screen: paste a Full access key, check it against the API, and
//! keep it in memory (and in `sessionStorage` only when asked).

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::{ApiClient, ApiError, ApiKey, ApiSecret, MAX_PAGE_SIZE, Page};
use crate::config::{self, LoadedConfig};
use crate::session::Session;
use crate::store::KeyStore;

/// Reason a key could not be used to connect.
#[derive(Clone, Debug, PartialEq)]
pub enum ConnectFailure {
    EmptyKey,
    InvalidBaseUrl(String),
    /// 401: unknown, disabled or revoked.
    Rejected,
    /// 403: a Sending only key.
    SendingOnly,
    /// No response: network down, wrong address, or CORS.
    Unreachable { base_url: String },
    Other(ApiError),
}

impl ConnectFailure {
    pub fn message(&self) -> String {
        match self {
            ConnectFailure::EmptyKey => "Paste an API key to connect.".to_owned(),
            ConnectFailure::InvalidBaseUrl(value) => {
                format!("{value:?} is not a valid URL. Enter an address such as https://api.nuntly.com.")
            }
            ConnectFailure::Rejected => "The API rejected this key (401): it is unknown, disabled or revoked. \
                 Check that you pasted all of it, or create a new Full access key."
                .to_owned(),
            ConnectFailure::SendingOnly => "This is a Sending only key (403): it can send email but cannot \
                 manage API keys. Connect with a Full access key."
                .to_owned(),
            ConnectFailure::Unreachable { base_url } => format!(
                "Could not reach the API at {base_url}. Check your network connection and the API address; \
                 if both are right, the API may not allow requests from this page's origin (CORS)."
            ),
            ConnectFailure::Other(error) => error.to_string(),
        }
    }
}

/// Checks a key by listing the first page of keys, which only a Full access
/// key may do, and returns that page so that the list need not fetch it again.
pub async fn verify(client: &ApiClient) -> Result<Page<ApiKey>, ConnectFailure> {
    match client.list_keys_page(None, MAX_PAGE_SIZE).await {
        Ok(page) => Ok(page),
        Err(error) => Err(match error.status() {
            Some(401) => ConnectFailure::Rejected,
            Some(403) => ConnectFailure::SendingOnly,
            None => ConnectFailure::Unreachable {
                base_url: client.base_url().to_owned(),
            },
            Some(_) => ConnectFailure::Other(error),
        }),
    }
}

/// Resolves the configured API base URL (absolute, or a path relative to the
/// page) to an absolute URL.
pub fn resolve_base_url(value: &str) -> Result<String, ConnectFailure> {
    let value = value.trim();
    let resolved = config::resolve_url(value).ok_or_else(|| ConnectFailure::InvalidBaseUrl(value.to_owned()))?;
    if !(resolved.starts_with("https://") || resolved.starts_with("http://")) {
        return Err(ConnectFailure::InvalidBaseUrl(value.to_owned()));
    }
    Ok(resolved)
}

#[derive(Clone, Debug, PartialEq)]
enum FormState {
    Idle,
    Checking,
    Failed(ConnectFailure),
}

#[component]
pub fn ConnectPage() -> impl IntoView {
    crate::set_page_title("Connect");
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let loaded = expect_context::<LoadedConfig>();
    let navigate = use_navigate();

    let key_input: NodeRef<Input> = NodeRef::new();
    let base_url = RwSignal::new(loaded.config.api_base_url.clone());
    let remember = RwSignal::new(false);
    let state = RwSignal::new(FormState::Idle);
    let allow_override = loaded.config.allow_api_base_url_override;
    let config_problem = loaded.problem.clone();

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if state.get_untracked() == FormState::Checking {
            return;
        }
        let Some(input) = key_input.get_untracked() else {
            return;
        };
        let Some(secret) = ApiSecret::new(&input.value()) else {
            state.set(FormState::Failed(ConnectFailure::EmptyKey));
            let _ = input.focus();
            return;
        };
        let base = match resolve_base_url(&base_url.get_untracked()) {
            Ok(base) => base,
            Err(failure) => {
                state.set(FormState::Failed(failure));
                return;
            }
        };

        state.set(FormState::Checking);
        let client = crate::new_client(&base, secret);
        let navigate = navigate.clone();
        spawn_local(async move {
            match verify(&client).await {
                Ok(first_page) => {
                    // The key now lives in the client only.
                    input.set_value("");
                    store.start_from(client.clone(), session, first_page);
                    session.connect(client, remember.get_untracked());
                    state.set(FormState::Idle);
                    let target = session.take_return_to().unwrap_or_else(|| "/api-keys".to_owned());
                    navigate(&target, NavigateOptions::default());
                }
                Err(failure) => {
                    state.set(FormState::Failed(failure));
                    let _ = input.focus();
                }
            }
        });
    };

    let failure_message = move || match state.get() {
        FormState::Failed(failure) => Some(failure.message()),
        _ => None,
    };
    let checking = move || state.get() == FormState::Checking;

    view! {
        <section class="connect" aria-labelledby="connect-title">
            <h1 id="connect-title">"Connect to Nuntly"</h1>
            <p class="lead">
                "Paste a " <strong>"Full access"</strong>
                " API key of your organization. The dashboard keeps it in this tab's memory and sends it only to the API."
            </p>
            {config_problem.map(|problem| view! { <p class="notice warning" role="status">{problem}</p> })}
            {move || session.notice().map(|notice| view! { <p class="notice warning" role="alert">{notice}</p> })}
            <form class="card form" on:submit=on_submit novalidate=true>
                <div class="field">
                    <label for="api-key">"API key"</label>
                    <input
                        id="api-key"
                        name="api-key"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        autocapitalize="off"
                        required=true
                        node_ref=key_input
                        aria-invalid=move || if failure_message().is_some() { "true" } else { "false" }
                        aria-describedby="api-key-help api-key-error"
                    />
                    <p id="api-key-help" class="help">
                        "Create one in the Nuntly console, or use the key the local server printed on its first start."
                    </p>
                    <p id="api-key-error" class="field-error" role="alert">{failure_message}</p>
                </div>
                {allow_override.then(|| view! {
                    <div class="field">
                        <label for="api-base-url">"API base URL"</label>
                        <input
                            id="api-base-url"
                            type="url"
                            autocomplete="url"
                            prop:value=move || base_url.get()
                            on:input=move |event| base_url.set(event_target_value(&event))
                        />
                    </div>
                })}
                <div class="field checkbox">
                    <input
                        id="remember"
                        type="checkbox"
                        prop:checked=move || remember.get()
                        on:change=move |event| remember.set(event_target_checked(&event))
                    />
                    <label for="remember">"Keep me connected in this tab"</label>
                    <p class="help">
                        "Stores the key in this tab's session storage until you disconnect or close the tab. Leave it off on a shared computer."
                    </p>
                </div>
                <button type="submit" class="primary" disabled=checking aria-busy=move || checking().to_string()>
                    {move || if checking() { "Checking the key…" } else { "Connect" }}
                </button>
            </form>
        </section>
    }
}
