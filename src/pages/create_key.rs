//! The create-key wizard: name, permission, the domain restriction (only for
//! Sending only), review, create. It hands the new secret to the reveal dialog.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::access::{AccessDraft, Restriction, permission_summary};
use crate::api::{ApiKey, CreatedKey, KeyStatus, NewKey, Permission};
use crate::components::{DomainRestrictionChoice, Modal, PermissionChoice, When};
use crate::pages::keys::{ListNavigation, RevealSlot};
use crate::session::Session;
use crate::store::KeyStore;

/// Focuses the shown step's chosen option or first field, or the step
/// itself when it has none (the review). Runs in a later task, once the
/// new step is in the document.
fn focus_step_start() {
    let focus = Closure::once_into_js(|| {
        let Some(container) = document().query_selector(".wizard-step").ok().flatten() else {
            return;
        };
        let target = container
            .query_selector("input:checked:not([disabled])")
            .ok()
            .flatten()
            .or_else(|| container.query_selector("input:not([disabled]), select, textarea").ok().flatten())
            .unwrap_or(container);
        if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
            let _ = target.focus();
        }
    });
    let _ = window().set_timeout_with_callback(focus.unchecked_ref());
}

/// Maximum key name length the form accepts, in characters. The local server
/// has the same limit.
pub const MAX_NAME_CHARS: usize = 100;

/// Name suggestions for the usual one-key-per-environment setup.
pub const ENVIRONMENT_NAMES: [&str; 3] = ["Production", "Staging", "Development"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Name,
    Permission,
    Domains,
    Review,
}

impl Step {
    fn title(self) -> &'static str {
        match self {
            Step::Name => "Name",
            Step::Permission => "Permission",
            Step::Domains => "Domains",
            Step::Review => "Review",
        }
    }
}

/// Checks a key name; returns it trimmed.
pub fn validate_name(name: &str) -> Result<String, String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err("Enter a name, such as the environment or service that will use the key.".to_owned());
    }
    let length = trimmed.chars().count();
    if length > MAX_NAME_CHARS {
        return Err(format!("Shorten the name to {MAX_NAME_CHARS} characters or fewer (it has {length})."));
    }
    Ok(trimmed.to_owned())
}

#[component]
pub fn CreateKeyWizard() -> impl IntoView {
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let reveal = expect_context::<RevealSlot>();
    let list_navigation = expect_context::<ListNavigation>();
    let navigate = use_navigate();

    let name = RwSignal::new(String::new());
    let access = AccessDraft::new(Some(Permission::SendingAccess), Some(&[]));
    let step = RwSignal::new(Step::Name);
    let name_error = RwSignal::new(None::<String>);
    let permission_error = RwSignal::new(None::<String>);
    let domains_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let creating = RwSignal::new(false);
    // A key the API created although its response (with the secret) was lost.
    let orphan = RwSignal::new(None::<ApiKey>);

    let steps = move || {
        if access.is_sending_only() {
            vec![Step::Name, Step::Permission, Step::Domains, Step::Review]
        } else {
            vec![Step::Name, Step::Permission, Step::Review]
        }
    };

    // Validates one step and shows its message; true when it may be left forwards.
    let check_step = move |current: Step| -> bool {
        match current {
            Step::Name => {
                let result = validate_name(&name.get_untracked());
                name_error.set(result.as_ref().err().cloned());
                result.is_ok()
            }
            Step::Permission => {
                let result = access.validate_permission();
                permission_error.set(result.as_ref().err().cloned());
                result.is_ok()
            }
            Step::Domains => {
                let result = store.domains.with_untracked(|domains| access.validate_restriction(domains));
                domains_error.set(result.as_ref().err().cloned());
                result.is_ok()
            }
            Step::Review => true,
        }
    };

    let go_next = move || {
        let current = step.get_untracked();
        if !check_step(current) {
            return;
        }
        let order = steps();
        if let Some(position) = order.iter().position(|candidate| *candidate == current) {
            if let Some(next) = order.get(position + 1) {
                step.set(*next);
            }
        }
    };

    let go_back = move || {
        let order = steps();
        let current = step.get_untracked();
        if let Some(position) = order.iter().position(|candidate| *candidate == current) {
            if position > 0 {
                step.set(order[position - 1]);
            }
        }
    };

    // Changing step removes the focused control with the old step, which
    // would leave focus on the page body. It moves to the new step instead.
    Effect::new(move |previous: Option<Step>| {
        let current = step.get();
        if previous.is_some_and(|previous| previous != current) {
            focus_step_start();
        }
        current
    });

    // A step can be revisited when every step before it is valid.
    let go_to = move |target: Step| {
        for earlier in steps().into_iter().take_while(|candidate| *candidate != target) {
            if !check_step(earlier) {
                step.set(earlier);
                return;
            }
        }
        step.set(target);
    };

    let close = {
        let navigate = navigate.clone();
        move || {
            if creating.get_untracked() {
                // The key may already exist; leaving now would lose its secret.
                form_error.set(Some("The key is being created; wait for its secret.".to_owned()));
                return;
            }
            list_navigation.return_to_list(&navigate);
        }
    };

    let create = {
        let navigate = navigate.clone();
        move || {
            if creating.get_untracked() {
                return;
            }
            let all_valid = steps().into_iter().all(|candidate| {
                let valid = check_step(candidate);
                if !valid {
                    step.set(candidate);
                }
                valid
            });
            let (Ok(key_name), Ok(permission)) = (validate_name(&name.get_untracked()), access.validate_permission())
            else {
                return;
            };
            if !all_valid {
                return;
            }
            let Some(client) = session.client_untracked() else {
                return;
            };

            if orphan.with_untracked(Option::is_some) {
                return;
            }

            let request = NewKey {
                name: key_name,
                permission,
                domain_ids: access.domain_ids(),
            };
            let known_ids: HashSet<String> = store.keys.with_untracked(|keys| keys.iter().map(|key| key.id.clone()).collect());
            creating.set(true);
            form_error.set(None);
            let navigate = navigate.clone();
            spawn_local(async move {
                let result = client.create_key(&request).await;
                match result {
                    Ok(created) => {
                        let key = listed_key(&created, &request);
                        store.insert_created(key.clone());
                        reveal.show(key, Arc::new(created.api_key));
                        creating.set(false);
                        list_navigation.replace_with_list(&navigate);
                    }
                    Err(error) if error.outcome_unknown() => {
                        // The key may exist without anyone having seen its
                        // secret. Look before letting the user create again.
                        log::warn!("creating an API key failed with an unknown outcome: {error}");
                        let found = find_new_key(&client, &request.name, &known_ids).await;
                        creating.set(false);
                        match found {
                            Ok(Some(key)) => {
                                form_error.set(Some(format!(
                                    "The API created the key \"{}\" but its answer was lost, so its secret cannot be shown. \
                                     Revoke that key and create a new one.",
                                    request.name
                                )));
                                store.insert_created(key.clone());
                                orphan.set(Some(key));
                            }
                            Ok(None) => form_error.set(Some(format!("{error} The key was not created; you can try again."))),
                            Err(_) => form_error.set(Some(format!(
                                "{error} It is not known whether the key was created: check the list before trying again."
                            ))),
                        }
                    }
                    Err(error) => {
                        creating.set(false);
                        if session.end_if_unauthorized(&error) {
                            return;
                        }
                        log::warn!("creating an API key failed: {error}");
                        let message = error.to_string();
                        match error.field() {
                            Some("name") => {
                                name_error.set(Some(message));
                                step.set(Step::Name);
                            }
                            Some("permission") => {
                                permission_error.set(Some(message));
                                step.set(Step::Permission);
                            }
                            Some("domainIds") if access.is_sending_only() => {
                                domains_error.set(Some(message));
                                step.set(Step::Domains);
                            }
                            _ => form_error.set(Some(message)),
                        }
                    }
                }
            });
        }
    };

    let on_submit = {
        let create = create.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            if step.get_untracked() == Step::Review {
                create();
            } else {
                go_next();
            }
        }
    };

    let close_for_dismiss = close.clone();
    let on_dismiss = Callback::new(move |()| close_for_dismiss());

    let stepper = move || {
        let current = step.get();
        steps()
            .into_iter()
            .enumerate()
            .map(|(index, candidate)| {
                let is_current = candidate == current;
                view! {
                    <li>
                        <button
                            type="button"
                            class="step"
                            class:current=is_current
                            aria-current=if is_current { Some("step") } else { None }
                            on:click=move |_| go_to(candidate)
                        >
                            <span class="step-number">{index + 1}</span>
                            {candidate.title()}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let duplicate_name = move || {
        let typed = name.get();
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        let name_in_use = store.keys.with(|keys| {
            keys.iter().any(|key| {
                key.status != KeyStatus::Revoked && key.name.as_deref().is_some_and(|existing| existing.trim() == typed)
            })
        });
        name_in_use.then(|| {
            format!("Another key is already named \"{typed}\". Names need not be unique, but distinct names tell keys apart.")
        })
    };

    let name_step = move || {
        view! {
            <div class="field">
                <label for="new-key-name">"Name"</label>
                <input
                    id="new-key-name"
                    type="text"
                    autocomplete="off"
                    maxlength=MAX_NAME_CHARS.to_string()
                    aria-invalid=move || if name_error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby="new-key-name-help new-key-name-count new-key-name-error new-key-name-duplicate"
                    prop:value=move || name.get()
                    on:input=move |event| {
                        name.set(event_target_value(&event));
                        name_error.set(None);
                    }
                />
                <p id="new-key-name-count" class="help counter" aria-live="polite">
                    {move || format!("{} / {MAX_NAME_CHARS} characters", name.with(|name| name.trim().chars().count()))}
                </p>
                <p id="new-key-name-help" class="help">
                    "One key per environment keeps a leak contained. Suggestions:"
                </p>
                <div class="quick-picks" role="group" aria-label="Name suggestions">
                    {ENVIRONMENT_NAMES
                        .into_iter()
                        .map(|suggestion| view! {
                            <button type="button" class="chip" on:click=move |_| {
                                name.set(suggestion.to_owned());
                                name_error.set(None);
                            }>{suggestion}</button>
                        })
                        .collect_view()}
                </div>
                <p id="new-key-name-error" class="field-error" role="alert">{move || name_error.get()}</p>
                <p id="new-key-name-duplicate" class="field-warning" role="status">{duplicate_name}</p>
            </div>
        }
    };

    let retry_domains = Callback::new(move |()| {
        if let Some(client) = session.client_untracked() {
            store.reload_domains(client, session);
        }
    });

    let review = move || {
        let permission = access.permission.get();
        let domains_text = match &permission {
            Some(Permission::SendingAccess) if access.restriction.get() == Restriction::Only => {
                let names: Vec<String> = access.selected.get().iter().map(|id| store.domain_name(id)).collect();
                names.join(", ")
            }
            Some(Permission::SendingAccess) => "Every verified domain of the organization".to_owned(),
            _ => "Not restricted: Full access keys can use every endpoint".to_owned(),
        };
        let permission_label = permission.as_ref().map(Permission::label).unwrap_or_default();
        let summary = permission.as_ref().map(permission_summary).unwrap_or_default();
        view! {
            <dl class="review">
                <dt>"Name"</dt>
                <dd class="review-name">{move || name.get().trim().to_owned()}</dd>
                <dt>"Permission"</dt>
                <dd class="review-permission">{permission_label} <span class="help">" — " {summary}</span></dd>
                <dt>"Can send from"</dt>
                <dd class="review-domains">{domains_text}</dd>
            </dl>
            <p class="help">"The secret is shown once, right after creation. Have a secret manager or environment file ready."</p>
        }
    };

    let body = move || match step.get() {
        Step::Name => name_step().into_any(),
        Step::Permission => view! {
            <PermissionChoice draft=access id_prefix="new-key" error=permission_error />
        }
        .into_any(),
        Step::Domains => view! {
            <DomainRestrictionChoice
                draft=access
                id_prefix="new-key"
                domains=store.domains
                domains_loaded=store.domains_loaded
                domains_error=store.domains_error
                on_retry_domains=retry_domains
                error=domains_error
            />
        }
        .into_any(),
        Step::Review => review().into_any(),
    };

    let close_button = close.clone();
    let open_orphan = {
        let navigate = navigate.clone();
        move || {
            if let Some(key) = orphan.get_untracked() {
                navigate(
                    &format!("/api-keys/{}", key.id),
                    leptos_router::NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        }
    };
    view! {
        <Modal labelled_by="create-key-title" on_dismiss=on_dismiss>
            <form class="wizard" on:submit=on_submit novalidate=true>
                <header class="modal-header">
                    <h2 id="create-key-title">"Create an API key"</h2>
                    <ol class="stepper" aria-label="Steps">{stepper}</ol>
                </header>
                <p class="form-error" role="alert">{move || form_error.get()}</p>
                <div class="wizard-step" tabindex="-1">{body}</div>
                <footer class="modal-footer">
                    <button type="button" on:click=move |_| close_button()>"Cancel"</button>
                    <div class="spacer"></div>
                    <When when=move || step.get() != Step::Name>
                        <button type="button" on:click=move |_| go_back()>"Back"</button>
                    </When>
                    <When when=move || orphan.with(Option::is_some)>
                        <button type="button" class="danger" on:click={
                            let open_orphan = open_orphan.clone();
                            move |_| open_orphan()
                        }>"Open the key to revoke it"</button>
                    </When>
                    <When
                        when=move || step.get() == Step::Review && orphan.with(Option::is_none)
                        fallback=move || view! {
                            <When when=move || step.get() != Step::Review>
                                <button type="submit" class="primary">"Next"</button>
                            </When>
                        }
                    >
                        <button
                            type="submit"
                            class="primary"
                            disabled=move || creating.get()
                            aria-busy=move || creating.get().to_string()
                        >
                            {move || if creating.get() { "Creating…" } else { "Create key" }}
                        </button>
                    </When>
                </footer>
            </form>
        </Modal>
    }
}

/// Looks for a key named `name` that is not among `known_ids`: one created by
/// a request whose response was lost. The list is newest first, so the first
/// page is enough.
async fn find_new_key(
    client: &crate::api::ApiClient,
    name: &str,
    known_ids: &HashSet<String>,
) -> Result<Option<ApiKey>, crate::api::ApiError> {
    let page = client.list_keys_page(None, crate::api::MAX_PAGE_SIZE).await?;
    Ok(page
        .items
        .into_iter()
        .find(|key| key.name.as_deref() == Some(name) && !known_ids.contains(&key.id)))
}

/// Builds the list entry of a key just created, from the response and, for
/// what the response may leave out, the request. A missing creation time
/// becomes the current time.
pub fn listed_key(created: &CreatedKey, request: &NewKey) -> ApiKey {
    ApiKey {
        id: created.id.clone(),
        name: created.name.clone().or(Some(request.name.clone())),
        short_token: created.short_token.clone().unwrap_or_default(),
        status: created.status.clone().unwrap_or(KeyStatus::Enabled),
        created_at: created
            .created_at
            .clone()
            .unwrap_or_else(|| String::from(js_sys::Date::new_0().to_iso_string())),
        permission: Some(request.permission.clone()),
        domain_ids: Some(request.domain_ids.clone()),
    }
}
