//! The organization's keys and domains as loaded from the API, shared by the
//! pages through context so that a change made anywhere shows everywhere.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiClient, ApiError, ApiKey, Domain, MAX_PAGE_SIZE, Page, Permission};
use crate::session::Session;

/// Progress of loading every cursor page of the key list.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    NotStarted,
    /// The first page is on its way; nothing to show yet.
    Loading,
    /// Some pages are shown and more are loading.
    LoadingMore,
    /// Every page is loaded.
    Complete,
    /// The first page failed.
    Failed(ApiError),
    /// A later page failed; the keys shown so far stay, and loading can resume
    /// from `cursor`.
    Stalled { cursor: String, error: ApiError },
}

#[derive(Clone, Copy)]
pub struct KeyStore {
    pub keys: RwSignal<Vec<ApiKey>>,
    pub state: RwSignal<LoadState>,
    /// Keys in responses that did not match the contract and are not shown.
    pub skipped: RwSignal<usize>,
    pub domains: RwSignal<Vec<Domain>>,
    /// Whether every page of domains has arrived.
    pub domains_loaded: RwSignal<bool>,
    pub domains_error: RwSignal<Option<ApiError>>,
}

impl KeyStore {
    pub fn new() -> Self {
        Self {
            keys: RwSignal::new(Vec::new()),
            state: RwSignal::new(LoadState::NotStarted),
            skipped: RwSignal::new(0),
            domains: RwSignal::new(Vec::new()),
            domains_loaded: RwSignal::new(false),
            domains_error: RwSignal::new(None),
        }
    }

    /// Forgets everything loaded, as on disconnect.
    pub fn clear(&self) {
        self.keys.set(Vec::new());
        self.state.set(LoadState::NotStarted);
        self.skipped.set(0);
        self.domains.set(Vec::new());
        self.domains_loaded.set(false);
        self.domains_error.set(None);
    }

    /// Loads every page of keys, showing each page as it arrives, and every
    /// page of domains.
    pub fn reload(&self, client: ApiClient, session: Session) {
        self.keys.set(Vec::new());
        self.skipped.set(0);
        self.state.set(LoadState::Loading);
        self.load_keys_from(client.clone(), session, None);
        self.reload_domains(client, session);
    }

    /// Shows `first_page`, already loaded when the key was checked, then loads
    /// the remaining pages of keys and every page of domains.
    pub fn start_from(&self, client: ApiClient, session: Session, first_page: Page<ApiKey>) {
        self.keys.set(Vec::new());
        self.skipped.set(0);
        if let Some(cursor) = self.accept(first_page) {
            self.load_keys_from(client.clone(), session, Some(cursor));
        }
        self.reload_domains(client, session);
    }

    /// Adds a page of keys to the list and returns the cursor of the next
    /// page, if there is one.
    fn accept(&self, page: Page<ApiKey>) -> Option<String> {
        self.keys.update(|keys| keys.extend(page.items));
        self.skipped.update(|skipped| *skipped += page.skipped);
        let state = if page.next_cursor.is_some() {
            LoadState::LoadingMore
        } else {
            LoadState::Complete
        };
        // Setting an equal state would still wake every reader of it.
        if self.state.get_untracked() != state {
            self.state.set(state);
        }
        page.next_cursor
    }

    /// Starts loading on a screen's first visit; later visits show what is loaded.
    pub fn load_once(&self, session: Session) {
        if self.state.get_untracked() == LoadState::NotStarted {
            if let Some(client) = session.client_untracked() {
                self.reload(client, session);
            }
        }
    }

    /// Resumes after a failed page.
    pub fn resume(&self, client: ApiClient, session: Session) {
        if let LoadState::Stalled { cursor, .. } = self.state.get_untracked() {
            self.state.set(LoadState::LoadingMore);
            self.load_keys_from(client, session, Some(cursor));
        }
    }

    fn load_keys_from(&self, client: ApiClient, session: Session, mut cursor: Option<String>) {
        let store = *self;
        spawn_local(async move {
            loop {
                match client.list_keys_page(cursor.as_deref(), MAX_PAGE_SIZE).await {
                    Ok(page) => {
                        // The session may have ended or changed while the page was in flight.
                        if session.client_untracked().as_ref() != Some(&client) {
                            return;
                        }
                        match store.accept(page) {
                            Some(next) => cursor = Some(next),
                            None => return,
                        }
                    }
                    Err(error) => {
                        if session.end_if_unauthorized(&error) {
                            store.clear();
                            return;
                        }
                        log::warn!("loading API keys failed: {error}");
                        store.state.set(match cursor {
                            Some(cursor) => LoadState::Stalled { cursor, error },
                            None => LoadState::Failed(error),
                        });
                        return;
                    }
                }
            }
        });
    }

    /// Loads every page of domains again.
    pub fn reload_domains(&self, client: ApiClient, session: Session) {
        let store = *self;
        self.domains_error.set(None);
        spawn_local(async move {
            match fetch_all_domains(&client).await {
                Ok(domains) => {
                    store.domains.set(domains);
                    store.domains_loaded.set(true);
                    store.domains_error.set(None);
                }
                Err(error) => {
                    if session.end_if_unauthorized(&error) {
                        store.clear();
                        return;
                    }
                    log::warn!("loading domains failed: {error}");
                    store.domains_error.set(Some(error));
                }
            }
        });
    }

    /// Shows a key created in this session at the top of the list.
    pub fn insert_created(&self, key: ApiKey) {
        self.keys.update(|keys| {
            keys.retain(|existing| existing.id != key.id);
            keys.insert(0, key);
        });
    }

    /// Replaces a key by its id with a newer reading of it.
    pub fn replace(&self, key: ApiKey) {
        self.keys.update(|keys| {
            if let Some(existing) = keys.iter_mut().find(|existing| existing.id == key.id) {
                *existing = key;
            }
        });
    }

    /// Removes a key that the API no longer has.
    pub fn remove(&self, id: &str) {
        self.keys.update(|keys| keys.retain(|key| key.id != id));
    }

    pub fn find(&self, id: &str) -> Option<ApiKey> {
        self.keys.with(|keys| keys.iter().find(|key| key.id == id).cloned())
    }

    /// Returns the name of a domain by id, or the id itself when it is not loaded.
    pub fn domain_name(&self, id: &str) -> String {
        self.domains.with(|domains| {
            domains
                .iter()
                .find(|domain| domain.id == id)
                .map(|domain| domain.name.clone())
                .unwrap_or_else(|| id.to_owned())
        })
    }
}

impl Default for KeyStore {
    fn default() -> Self {
        Self::new()
    }
}

/// Fetches every page of `GET /domains`.
pub async fn fetch_all_domains(client: &ApiClient) -> Result<Vec<Domain>, ApiError> {
    let mut domains = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = client.list_domains_page(cursor.as_deref(), MAX_PAGE_SIZE).await?;
        domains.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(domains),
        }
    }
}

/// Describes which domains a key may send from, by name.
pub fn restriction_text(key: &ApiKey, domain_name: impl Fn(&str) -> String) -> String {
    match (&key.permission, &key.domain_ids) {
        (Some(Permission::FullAccess), _) => "Not applicable (Full access)".to_owned(),
        (_, Some(ids)) if !ids.is_empty() => ids.iter().map(|id| domain_name(id)).collect::<Vec<_>>().join(", "),
        (Some(Permission::SendingAccess), Some(_)) => "All verified domains".to_owned(),
        _ => "Not reported by the server".to_owned(),
    }
}
