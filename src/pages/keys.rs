//! The key list: every key of the organization, newest first, with all cursor
//! pages loaded in the background.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::api::{ApiError, ApiKey, KeyStatus};
pub use crate::components::RevealSlot;
use crate::components::{
    ErrorPanel, ListControls, PermissionBadge, PosturePanel, SearchDraft, SecretReveal, StatusBadge, show_query,
};
use crate::inventory::{ListQuery, PAGE_ROWS, filter_in_order, normalized_search, search_text, sort_order};
use crate::pages::key_drawer::key_link_id;
use crate::rotation::Rotations;
use crate::{app_path, format};
use crate::session::Session;
use crate::store::{KeyStore, LoadState, restriction_text};

/// Id of the button that opens the wizard; focus returns to it.
pub const CREATE_BUTTON_ID: &str = "create-key-button";

/// Navigation between the list and its overlays (wizard, drawer). An overlay
/// opened from the list closes with the browser's back, so no history entry
/// is left behind. One opened by URL replaces its entry with the list.
#[derive(Clone, Copy)]
pub struct ListNavigation {
    opened_from_list: RwSignal<bool>,
}

impl ListNavigation {
    fn new() -> Self {
        Self {
            opened_from_list: RwSignal::new(false),
        }
    }

    /// Opens an overlay route such as `/api-keys/new` from the list.
    pub fn open(&self, navigate: &impl Fn(&str, NavigateOptions), path: &str) {
        self.opened_from_list.set(true);
        navigate(path, NavigateOptions::default());
    }

    /// Closes the overlay as the back button would.
    pub fn return_to_list(&self, navigate: &impl Fn(&str, NavigateOptions)) {
        let went_back = self.opened_from_list.get_untracked()
            && web_sys::window()
                .and_then(|window| window.history().ok())
                .is_some_and(|history| history.back().is_ok());
        if !went_back {
            self.replace_with_list(navigate);
        }
        self.opened_from_list.set(false);
    }

    /// Replaces the overlay's history entry with the list, so that the back
    /// button does not reopen it.
    pub fn replace_with_list(&self, navigate: &impl Fn(&str, NavigateOptions)) {
        self.opened_from_list.set(false);
        navigate(
            "/api-keys",
            NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            },
        );
    }
}

/// The content of the list page's body.
#[derive(Clone, PartialEq)]
enum ListView {
    Loading,
    Failed(ApiError),
    /// The organization has no key at all.
    Empty,
    Keys,
}

#[component]
pub fn KeysPage() -> impl IntoView {
    crate::set_page_title("API keys");
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let reveal = RevealSlot::new();
    let list_navigation = ListNavigation::new();
    provide_context(reveal);
    provide_context(list_navigation);
    let navigate = use_navigate();

    store.load_once(session);

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

    let params = use_query_map();
    let location = use_location();
    let search_draft = RwSignal::new(None::<SearchDraft>);
    let list_query = Memo::new(move |_| {
        let mut query = params.with(|params| ListQuery::from_params(|name| params.get(name)));
        let url_search = location.search.get();
        if let Some(search) = search_draft.with(|draft| draft.as_ref().and_then(|draft| draft.search_over(&url_search).map(str::to_owned))) {
            query.search = search;
            query.page = 1;
        }
        query
    });
    // The search and filters without the page, so that turning a page
    // does not filter the keys again.
    let filter_query = Memo::new(move |_| ListQuery {
        page: 1,
        ..list_query.get()
    });
    // Each key's search text and the sort order change only with the keys,
    // so a keystroke costs one pass of substring tests. The texts are built
    // only once a search needs them.
    let search_texts = Memo::new(move |_| store.keys.with(|keys| keys.iter().map(search_text).collect::<Vec<_>>()));
    let sort = Memo::new(move |_| filter_query.with(|query| query.sort));
    let order = Memo::new(move |_| store.keys.with(|keys| sort_order(keys, sort.get())));
    // Positions in `store.keys` of every key that matches, in display order.
    let matches = Memo::new(move |_| {
        filter_query.with(|query| {
            let filter = |texts: &[String]| {
                order.with(|order| {
                    store.keys.with(|keys| store.domains.with(|domains| filter_in_order(keys, order, texts, query, domains)))
                })
            };
            if normalized_search(query).is_empty() {
                filter(&[])
            } else {
                search_texts.with(|texts| filter(texts))
            }
        })
    });
    // Only the keys of one page are cloned and rendered.
    let page_keys = Memo::new(move |_| {
        let range = list_query.with(|query| matches.with(|matches| query.page_range(matches.len())));
        matches.with(|matches| {
            store.keys.with(|keys| matches[range].iter().filter_map(|&index| keys.get(index).cloned()).collect::<Vec<_>>())
        })
    });
    // Every matching key, built only when read (by the export).
    let shown = Signal::derive(move || {
        matches.with(|matches| store.keys.with(|keys| matches.iter().filter_map(|&index| keys.get(index).cloned()).collect()))
    });

    let count_text = move || {
        let count = store.keys.with(Vec::len);
        let total = match count {
            1 => "1 key".to_owned(),
            _ => format!("{count} keys"),
        };
        let text = if list_query.with(ListQuery::is_filtered) {
            format!("Showing {} of {total}", matches.with(Vec::len))
        } else {
            total
        };
        match store.state.get() {
            LoadState::LoadingMore => format!("{text} loaded, loading more…"),
            LoadState::Complete => text,
            _ => String::new(),
        }
    };

    // What the body shows, as a memo: the state changes with every page
    // that arrives, and rebuilding the table each time would cost tens of
    // milliseconds per page.
    let shown_view = Memo::new(move |_| match store.state.get() {
        LoadState::NotStarted | LoadState::Loading => ListView::Loading,
        LoadState::Failed(error) => ListView::Failed(error),
        LoadState::Complete if store.keys.with(Vec::is_empty) => ListView::Empty,
        _ => ListView::Keys,
    });
    let body = move || match shown_view.get() {
        ListView::Loading => view! {
            <p class="loading" role="status" aria-live="polite">"Loading API keys…"</p>
        }
        .into_any(),
        ListView::Failed(error) => view! {
            <ErrorPanel title="Loading the API keys failed".to_owned() error=error on_retry=reload />
        }
        .into_any(),
        ListView::Empty => view! {
            <div class="empty">
                <h2>"No API keys yet"</h2>
                <p>
                    "Create one key per environment (development, staging, production), and give services that only send email a Sending only key."
                </p>
            </div>
        }
        .into_any(),
        ListView::Keys => view! {
            <ListControls query=list_query shown=shown search_draft=search_draft />
            <Show
                when=move || matches.with(|matches| !matches.is_empty())
                fallback=|| view! { <p class="empty-filter" role="status">"No key matches this search and these filters."</p> }
            >
                <KeyTable store=store keys=page_keys />
                <Pager query=list_query matches=Signal::derive(move || matches.with(Vec::len)) />
            </Show>
        }
        .into_any(),
    };

    let stalled_error = Memo::new(move |_| match store.state.get() {
        LoadState::Stalled { error, .. } => Some(error),
        _ => None,
    });
    let stalled = move || match stalled_error.get() {
        Some(error) => Some(view! {
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
                    <button
                        type="button"
                        id=CREATE_BUTTON_ID
                        class="primary"
                        on:click=move |_| list_navigation.open(&navigate, "/api-keys/new")
                    >
                        "Create key"
                    </button>
                </div>
            </div>
            <Show when=move || store.keys.with(|keys| !keys.is_empty())>
                <PosturePanel />
            </Show>
            {skipped}
            {domains_problem}
            {stalled}
            {body}
        </section>
        <Outlet />
        <SecretReveal reveal=reveal return_focus_to=CREATE_BUTTON_ID />
    }
}

#[component]
fn KeyTable(store: KeyStore, #[prop(into)] keys: Signal<Vec<ApiKey>>) -> impl IntoView {
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
                    each=move || keys.get()
                    key=|key: &ApiKey| key.clone()
                    children=move |key: ApiKey| view! { <KeyRow key=key store=store /> }
                />
            </tbody>
        </table>
    }
}

/// Moves between pages of the matching keys; hidden when they fit on one.
#[component]
fn Pager(query: Memo<ListQuery>, matches: Signal<usize>) -> impl IntoView {
    let navigate = use_navigate();
    let pages = move || matches.get().div_ceil(PAGE_ROWS);
    let current = move || query.with(|query| query.page.min(pages()).max(1));
    let go_to = move |page: usize| {
        let mut next = query.get_untracked();
        next.page = page;
        // A new history entry, so that the back button returns to the previous page.
        show_query(&navigate, &next, false);
        // The pager sits below the rows: bring the new page's first row into view.
        if let Some(table) = document().query_selector(".key-table").ok().flatten() {
            if table.get_bounding_client_rect().top() < 0.0 {
                table.scroll_into_view();
            }
        }
    };
    let show_previous = {
        let go_to = go_to.clone();
        move |_: leptos::ev::MouseEvent| go_to(current() - 1)
    };
    let show_next = move |_: leptos::ev::MouseEvent| go_to(current() + 1);
    let status = move || {
        let range = query.with(|query| query.page_range(matches.get()));
        format!("Showing {}–{} of {}", range.start + 1, range.end, format::count(matches.get()))
    };

    // Closures holding `<` or `>` are in braces: unbraced, the view macro
    // reads `>` as the end of the tag.
    view! {
        <nav class="pager" aria-label="Pages of keys" hidden=move || { pages() <= 1 }>
            <p class="pager-status">{status}</p>
            <button type="button" class="pager-previous" disabled=move || { current() <= 1 } on:click=show_previous>
                "Previous"
            </button>
            <button type="button" class="pager-next" disabled=move || { current() >= pages() } on:click=show_next>
                "Next"
            </button>
        </nav>
    }
}

#[component]
fn KeyRow(key: ApiKey, store: KeyStore) -> impl IntoView {
    let list_navigation = expect_context::<ListNavigation>();
    let navigate = use_navigate();
    let route = format!("/api-keys/{}", key.id);
    let href = app_path(&route);
    // Plain clicks open the drawer in place; modified clicks (new tab,
    // new window) are left to the browser.
    let open_drawer = move |event: leptos::ev::MouseEvent| {
        if event.button() != 0 || event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key() {
            return;
        }
        event.prevent_default();
        list_navigation.open(&navigate, &route);
    };
    let revoked = key.status == KeyStatus::Revoked;
    let rotations = expect_context::<Rotations>();
    let rotation_badge = {
        let id = key.id.clone();
        move || {
            if rotations.replacing(&id).is_some() {
                Some(view! { <span class="badge rotation" title="A replacement exists; revoke this key once it is deployed">"Being replaced"</span> })
            } else if rotations.replaced_by(&id).is_some() {
                Some(view! { <span class="badge rotation" title="Replaces a key that is still enabled">"Replacement"</span> })
            } else {
                None
            }
        }
    };
    let name = key.name.clone().filter(|name| !name.trim().is_empty());
    let has_name = name.is_some();
    let restriction = {
        let key = key.clone();
        move || restriction_text(&key, |id| store.domain_name(id))
    };

    view! {
        <tr class="key-row" class:revoked=revoked data-key-id=key.id.clone()>
            <td class="key-name">
                <a class="key-link" id=key_link_id(&key.id) class:unnamed=!has_name href=href on:click=open_drawer>
                    {name.unwrap_or_else(|| "Unnamed key".to_owned())}
                </a>
                {rotation_badge}
            </td>
            <td class="key-token"><code>{format::token_hint(&key.short_token)}</code></td>
            <td class="key-permission"><PermissionBadge permission=key.permission.clone() /></td>
            <td class="key-domains">{restriction}</td>
            <td class="key-status"><StatusBadge status=key.status.clone() /></td>
            <td class="key-created">
                <time datetime=key.created_at.clone()>{format::timestamp(&key.created_at)}</time>
            </td>
        </tr>
    }
}
