//! The list's search, filters, sort and export controls, and the posture
//! panel. Their state lives in the URL query, so a view can be bookmarked.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

use crate::api::ApiKey;
use crate::app_path;
use crate::inventory::{Finding, ListQuery, Sort, export_rows, findings, to_csv, to_json};
use crate::store::KeyStore;

/// Navigates to the list with `query`; typing replaces the history entry,
/// other changes push one so the back button restores the previous view.
pub fn show_query(navigate: &impl Fn(&str, NavigateOptions), query: &ListQuery, replace: bool) {
    let query_string = query.to_query_string();
    let path = if query_string.is_empty() {
        "/api-keys".to_owned()
    } else {
        format!("/api-keys?{query_string}")
    };
    navigate(
        &path,
        NavigateOptions {
            replace,
            scroll: false,
            ..NavigateOptions::default()
        },
    );
}

/// A search typed but not yet written to the URL, and the URL query it was
/// typed over. It applies only while the URL still has that query, so a
/// back or forward navigation in between drops it.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchDraft {
    pub url_search: String,
    pub search: String,
}

impl SearchDraft {
    /// Returns the search to show over the URL query `url_search`, if this
    /// draft applies to it.
    pub fn search_over(&self, url_search: &str) -> Option<&str> {
        (self.url_search == url_search).then_some(self.search.as_str())
    }
}

#[component]
pub fn ListControls(
    #[prop(into)] query: Signal<ListQuery>,
    /// The keys shown, which the export writes.
    #[prop(into)]
    shown: Signal<Vec<ApiKey>>,
    /// The search being typed; `query` already includes it.
    search_draft: RwSignal<Option<SearchDraft>>,
) -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let navigate = use_navigate();
    let location = use_location();

    let update = {
        let navigate = navigate.clone();
        move |change: &dyn Fn(&mut ListQuery), replace: bool| {
            let mut next = query.get_untracked();
            change(&mut next);
            // A new search or filter starts from the first page of its result.
            next.page = 1;
            show_query(&navigate, &next, replace);
        }
    };
    // The list filters as soon as a key is typed, and the URL follows after
    // the next paint: replacing the history entry and routing cost a few
    // milliseconds that would otherwise delay every keystroke's result.
    let on_search = {
        let navigate = navigate.clone();
        move |event: leptos::ev::Event| {
            search_draft.set(Some(SearchDraft {
                url_search: location.search.get_untracked(),
                search: event_target_value(&event),
            }));
            let navigate = navigate.clone();
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        let Some(draft) = search_draft.get_untracked() else {
                            return;
                        };
                        if draft.search_over(&location.search.get_untracked()).is_some() {
                            let mut next = query.get_untracked();
                            next.page = 1;
                            show_query(&navigate, &next, true);
                        }
                        search_draft.set(None);
                    },
                    Duration::ZERO,
                );
            });
        }
    };
    let select = move |name: &'static str| {
        let update = update.clone();
        move |event: leptos::ev::Event| {
            let value = event_target_value(&event);
            let value = (!value.is_empty()).then_some(value);
            update(
                &|query: &mut ListQuery| match name {
                    "status" => query.status = value.clone(),
                    "permission" => query.permission = value.clone(),
                    "domain" => query.domain = value.clone(),
                    "posture" => query.finding = value.as_deref().and_then(Finding::parse),
                    _ => query.sort = value.as_deref().and_then(Sort::parse).unwrap_or_default(),
                },
                false,
            );
        }
    };

    let export = move |format: &'static str| {
        let rows = export_rows(&shown.get_untracked(), |id| store.domain_name(id));
        let (text, mime, extension) = match format {
            "csv" => (to_csv(&rows), "text/csv;charset=utf-8", "csv"),
            _ => (to_json(&rows), "application/json", "json"),
        };
        download(&format!("nuntly-api-keys.{extension}"), &text, mime);
    };

    let domain_options = move || {
        store
            .domains
            .get()
            .into_iter()
            .map(|domain| {
                let selected = query.with(|query| query.domain.as_deref() == Some(domain.id.as_str()));
                view! { <option value=domain.id.clone() selected=selected>{domain.name.clone()}</option> }
            })
            .collect_view()
    };
    let selected = move |field: &'static str, value: &'static str| {
        move || {
            query.with(|query| match field {
                "status" => query.status.as_deref() == Some(value),
                "permission" => query.permission.as_deref() == Some(value),
                _ => query.sort.query_value() == value,
            })
        }
    };

    view! {
        <div class="list-controls" role="search">
            <div class="field search-field">
                <label for="key-search">"Search"</label>
                <input
                    id="key-search"
                    type="search"
                    placeholder="Name, token hint or id"
                    autocomplete="off"
                    prop:value=move || query.with(|query| query.search.clone())
                    on:input=on_search
                />
            </div>
            <div class="field">
                <label for="filter-status">"Status"</label>
                <select id="filter-status" on:change=select("status")>
                    <option value="">"Any status"</option>
                    <option value="enabled" selected=selected("status", "enabled")>"Enabled"</option>
                    <option value="disabled" selected=selected("status", "disabled")>"Disabled"</option>
                    <option value="revoked" selected=selected("status", "revoked")>"Revoked"</option>
                </select>
            </div>
            <div class="field">
                <label for="filter-permission">"Permission"</label>
                <select id="filter-permission" on:change=select("permission")>
                    <option value="">"Any permission"</option>
                    <option value="fullAccess" selected=selected("permission", "fullAccess")>"Full access"</option>
                    <option value="sendingAccess" selected=selected("permission", "sendingAccess")>"Sending only"</option>
                    <option value="unreported" selected=selected("permission", "unreported")>"Not reported"</option>
                </select>
            </div>
            <div class="field">
                <label for="filter-domain">"Can send from"</label>
                <select id="filter-domain" on:change=select("domain")>
                    <option value="">"Any domain"</option>
                    {domain_options}
                </select>
            </div>
            <div class="field">
                <label for="sort-keys">"Sort"</label>
                <select id="sort-keys" on:change=select("sort")>
                    {Sort::ALL
                        .into_iter()
                        .map(|sort| view! {
                            <option value=sort.query_value() selected=selected("sort", sort.query_value())>{sort.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="export" role="group" aria-label="Export the keys shown">
                <button type="button" id="export-csv" on:click=move |_| export("csv")>"Export CSV"</button>
                <button type="button" id="export-json" on:click=move |_| export("json")>"Export JSON"</button>
            </div>
        </div>
    }
}

/// Saves `text` as a file through a temporary object URL.
fn download(file_name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        log::error!("the export file could not be built");
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(anchor) = document()
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Counts of the keys that go against the guide's best practices, each a
/// link to the matching filter.
#[component]
pub fn PosturePanel() -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let counts = Memo::new(move |_| {
        store.keys.with(|keys| {
            store.domains.with(|domains| {
                let found = findings(keys, domains);
                Finding::ALL.map(|finding| (finding, found.get(&finding).map_or(0, Vec::len)))
            })
        })
    });

    view! {
        <section class="posture" aria-labelledby="posture-title">
            <h2 id="posture-title">"Key posture"</h2>
            <ul class="posture-list">
                {move || {
                    counts
                        .get()
                        .into_iter()
                        .map(|(finding, count)| {
                            let needs_attention = count > 0;
                            let href = app_path(&format!("/api-keys?posture={}", finding.query_value()));
                            view! {
                                <li class="posture-item" class:attention=needs_attention data-finding=finding.query_value()>
                                    <a href=href>
                                        <span class="posture-count">{count}</span>
                                        {if count == 1 { " key " } else { " keys " }}
                                        <span class="posture-title">{finding.title()}</span>
                                    </a>
                                    <span class="posture-advice">{finding.advice()}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
