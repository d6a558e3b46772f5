//! The permission choice and the domain restriction, shared by the create
//! wizard and the edit drawer. The restriction exists only for Sending only.

use leptos::prelude::*;

use crate::access::{AccessDraft, Restriction, domain_status_text, permission_summary};
use crate::api::{ApiError, Domain, Permission};
use crate::components::When;

#[component]
pub fn PermissionChoice(
    draft: AccessDraft,
    /// Prefix for element ids, so two forms can share a page.
    #[prop(into)]
    id_prefix: String,
    #[prop(into)] error: Signal<Option<String>>,
    /// Whether the server left the key's current permission unreported.
    #[prop(optional)]
    unreported: bool,
) -> impl IntoView {
    let error_id = format!("{id_prefix}-permission-error");
    let described_by = error_id.clone();
    let options = [
        (Permission::SendingAccess, "Sending only", "Recommended for services that only send email."),
        (Permission::FullAccess, "Full access", "For backend services that need the whole API."),
    ];

    view! {
        <fieldset class="choice-group" aria-describedby=described_by>
            <legend>"Permission"</legend>
            {unreported.then(|| view! {
                <p class="notice warning">
                    "The server did not report this key's permission. Choose one to set it; until you choose, it stays as it is."
                </p>
            })}
            {options
                .into_iter()
                .map(|(permission, label, advice)| {
                    let id = format!("{id_prefix}-permission-{}", permission.as_api_str());
                    let value = permission.clone();
                    let checked = {
                        let permission = permission.clone();
                        move || draft.permission.with(|current| current.as_ref() == Some(&permission))
                    };
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                id=id.clone()
                                name=format!("{id_prefix}-permission")
                                value=permission.as_api_str().to_owned()
                                prop:checked=checked
                                on:change=move |_| draft.set_permission(value.clone())
                            />
                            <label for=id>
                                <span class="choice-title">{label}</span>
                                <span class="choice-text">{permission_summary(&permission)} " " {advice}</span>
                            </label>
                        </div>
                    }
                })
                .collect_view()}
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}

#[component]
pub fn DomainRestrictionChoice(
    draft: AccessDraft,
    #[prop(into)] id_prefix: String,
    #[prop(into)] domains: Signal<Vec<Domain>>,
    #[prop(into)] domains_loaded: Signal<bool>,
    /// Why the domains could not be loaded, if they could not.
    #[prop(into)]
    domains_error: Signal<Option<ApiError>>,
    on_retry_domains: Callback<()>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id_prefix}-domains-error");
    let described_by = error_id.clone();
    let all_id = format!("{id_prefix}-restriction-all");
    let only_id = format!("{id_prefix}-restriction-only");
    let group_name = format!("{id_prefix}-restriction");
    let only = move || draft.restriction.get() == Restriction::Only;
    let all = move || draft.restriction.get() == Restriction::AllVerified;
    let unreported = move || draft.restriction.get() == Restriction::Unreported;

    let domain_list = {
        let id_prefix = id_prefix.clone();
        move || {
            let id_prefix = id_prefix.clone();
            domains
                .get()
                .into_iter()
                .map(|domain| {
                    let id = format!("{id_prefix}-domain-{}", domain.id);
                    let status_id = format!("{id}-status");
                    let verified = domain.is_verified();
                    let domain_id = domain.id.clone();
                    let checked = {
                        let domain_id = domain.id.clone();
                        move || draft.selected.with(|selected| selected.contains(&domain_id))
                    };
                    view! {
                        <li class="domain-option" class:unverified=!verified>
                            <input
                                type="checkbox"
                                id=id.clone()
                                disabled=!verified
                                aria-describedby=status_id.clone()
                                prop:checked=checked
                                on:change=move |event| draft.toggle_domain(&domain_id, event_target_checked(&event))
                            />
                            <label for=id>
                                <span class="domain-name">{domain.name.clone()}</span>
                                <span id=status_id class="domain-status">{domain_status_text(&domain)}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view()
        }
    };

    view! {
        <fieldset class="choice-group" aria-describedby=described_by>
            <legend>"Domains this key may send from"</legend>
            <When when=unreported>
                <p class="notice warning">
                    "The server did not report which domains this key may send from. Choose below to set them; until you choose, they stay as they are."
                </p>
            </When>
            <div class="choice">
                <input
                    type="radio"
                    id=all_id.clone()
                    name=group_name.clone()
                    prop:checked=all
                    on:change=move |_| draft.restriction.set(Restriction::AllVerified)
                />
                <label for=all_id>
                    <span class="choice-title">"All verified domains"</span>
                    <span class="choice-text">"Every verified domain of the organization, including ones verified later."</span>
                </label>
            </div>
            <div class="choice">
                <input
                    type="radio"
                    id=only_id.clone()
                    name=group_name
                    prop:checked=only
                    on:change=move |_| draft.restriction.set(Restriction::Only)
                />
                <label for=only_id>
                    <span class="choice-title">"Only these domains"</span>
                    <span class="choice-text">"Limits the harm if the key leaks: it cannot send from any other domain."</span>
                </label>
            </div>
            <When when=only>
                {move || domains_error.get().map(|error| view! {
                    <div class="notice warning" role="alert">
                        <p>{format!("The domains could not be loaded. {error}")}</p>
                        <button type="button" on:click=move |_| on_retry_domains.run(())>"Load the domains again"</button>
                    </div>
                })}
                <ul class="domain-list" aria-label="Domains">{domain_list.clone()}</ul>
                <When when=move || !domains_loaded.get() && domains_error.with(Option::is_none)>
                    <p class="help" role="status">"Loading the domains…"</p>
                </When>
                <When when=move || domains_loaded.get() && domains.with(Vec::is_empty)>
                    <p class="help">"This organization has no domains yet. Add and verify one in Nuntly first."</p>
                </When>
            </When>
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}
