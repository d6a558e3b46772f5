//! The key inventory's logic, free of views: search, filters and sort (kept in
//! the URL query), posture counts, which keys can send from a domain, and
//! CSV and JSON export.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::api::{ApiKey, Domain, KeyStatus, Permission};
use crate::format;

/// A posture finding; each is also a filter of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Finding {
    /// Full access keys, which can do everything if leaked.
    FullAccess,
    /// Sending only keys that may send from every verified domain.
    UnrestrictedSending,
    /// Keys restricted to a domain that is no longer verified.
    UnverifiedDomain,
    /// Keys without a name, or whose name another key shares.
    UnnamedOrShared,
    /// Disabled keys that were never revoked.
    DisabledNotRevoked,
}

impl Finding {
    pub const ALL: [Finding; 5] = [
        Finding::FullAccess,
        Finding::UnrestrictedSending,
        Finding::UnverifiedDomain,
        Finding::UnnamedOrShared,
        Finding::DisabledNotRevoked,
    ];

    pub fn query_value(self) -> &'static str {
        match self {
            Finding::FullAccess => "full-access",
            Finding::UnrestrictedSending => "unrestricted-sending",
            Finding::UnverifiedDomain => "unverified-domain",
            Finding::UnnamedOrShared => "unnamed-or-shared",
            Finding::DisabledNotRevoked => "disabled-not-revoked",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Finding::ALL.into_iter().find(|finding| finding.query_value() == value)
    }

    /// Returns the finding as a phrase that follows "N key(s)".
    pub fn title(self) -> &'static str {
        match self {
            Finding::FullAccess => "with Full access",
            Finding::UnrestrictedSending => "Sending only, without a domain restriction",
            Finding::UnverifiedDomain => "restricted to a domain no longer verified",
            Finding::UnnamedOrShared => "without a name or sharing one",
            Finding::DisabledNotRevoked => "disabled but not revoked",
        }
    }

    /// Returns the best practice behind the finding, in one line.
    pub fn advice(self) -> &'static str {
        match self {
            Finding::FullAccess => "Give services that only send email a Sending only key.",
            Finding::UnrestrictedSending => "Restrict sending keys to their domains to limit the blast radius of a leak.",
            Finding::UnverifiedDomain => "Such a key cannot send from that domain; fix the domain or the restriction.",
            Finding::UnnamedOrShared => "One key per environment, each with its own name, tells them apart.",
            Finding::DisabledNotRevoked => "If a key is compromised or unused, revoke it rather than leave it disabled.",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    NameAscending,
    NameDescending,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Newest, Sort::Oldest, Sort::NameAscending, Sort::NameDescending];

    pub fn query_value(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::NameAscending => "name",
            Sort::NameDescending => "name-desc",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "Newest first",
            Sort::Oldest => "Oldest first",
            Sort::NameAscending => "Name, A to Z",
            Sort::NameDescending => "Name, Z to A",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Sort::ALL.into_iter().find(|sort| sort.query_value() == value)
    }
}

/// The list view's search, filters and sort, as kept in the URL query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// Matched against name, token hint and id, ignoring case.
    pub search: String,
    /// `enabled`, `disabled` or `revoked`.
    pub status: Option<String>,
    /// `fullAccess`, `sendingAccess` or `unreported`.
    pub permission: Option<String>,
    /// Id of a domain the keys must be able to send from.
    pub domain: Option<String>,
    pub finding: Option<Finding>,
    pub sort: Sort,
    /// Page of the matching keys shown, counted from 1; see [`PAGE_ROWS`].
    pub page: usize,
}

/// Rows the list shows at once. A page this size renders in tens of
/// milliseconds, where 10,000 rows at once froze the tab for seconds.
pub const PAGE_ROWS: usize = 100;

impl ListQuery {
    /// Reads the query parameters `q`, `status`, `permission`, `domain`,
    /// `posture`, `sort` and `page`; unknown or empty values are ignored.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |name: &str| get(name).filter(|value| !value.is_empty());
        Self {
            search: get("q").unwrap_or_default(),
            status: non_empty("status").filter(|value| matches!(value.as_str(), "enabled" | "disabled" | "revoked")),
            permission: non_empty("permission")
                .filter(|value| matches!(value.as_str(), "fullAccess" | "sendingAccess" | "unreported")),
            domain: non_empty("domain"),
            finding: non_empty("posture").and_then(|value| Finding::parse(&value)),
            sort: non_empty("sort").and_then(|value| Sort::parse(&value)).unwrap_or_default(),
            page: non_empty("page")
                .and_then(|value| value.parse::<usize>().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(1),
        }
    }

    /// Writes the query string (without `?`), leaving defaults out.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.search.is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        if let Some(status) = &self.status {
            pairs.push(("status", status.clone()));
        }
        if let Some(permission) = &self.permission {
            pairs.push(("permission", permission.clone()));
        }
        if let Some(domain) = &self.domain {
            pairs.push(("domain", domain.clone()));
        }
        if let Some(finding) = self.finding {
            pairs.push(("posture", finding.query_value().to_owned()));
        }
        if self.sort != Sort::default() {
            pairs.push(("sort", self.sort.query_value().to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
            .into_iter()
            .map(|(name, value)| format!("{name}={}", String::from(js_sys::encode_uri_component(&value))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Returns the range of `matches` on the query's page, clamped to the
    /// last page so that a page number left over from a longer list, or one
    /// typed into the URL, still shows rows.
    pub fn page_range(&self, matches: usize) -> std::ops::Range<usize> {
        let last_page = matches.div_ceil(PAGE_ROWS).max(1);
        let start = (self.page.min(last_page) - 1) * PAGE_ROWS;
        start..(start + PAGE_ROWS).min(matches)
    }

    pub fn is_filtered(&self) -> bool {
        !self.search.trim().is_empty()
            || self.status.is_some()
            || self.permission.is_some()
            || self.domain.is_some()
            || self.finding.is_some()
    }
}

/// Tells whether an enabled key can send from the domain: Full access keys,
/// unrestricted Sending only keys, and Sending only keys restricted to it.
pub fn can_send_from(key: &ApiKey, domain_id: &str) -> bool {
    if key.status != KeyStatus::Enabled {
        return false;
    }
    match (&key.permission, &key.domain_ids) {
        (Some(Permission::FullAccess), _) => true,
        (Some(Permission::SendingAccess), Some(ids)) => ids.is_empty() || ids.iter().any(|id| id == domain_id),
        _ => false,
    }
}

/// Tells whether a domain can be sent from at all: verified, with sending
/// enabled. An unknown domain (not loaded yet) gets the benefit of the doubt.
pub fn domain_can_send(domains: &[Domain], domain_id: &str) -> bool {
    domains
        .iter()
        .find(|domain| domain.id == domain_id)
        .is_none_or(|domain| domain.is_verified() && domain.sending_status == "enabled")
}

/// Keys of each finding, by id, computed over all keys at once.
pub fn findings(keys: &[ApiKey], domains: &[Domain]) -> HashMap<Finding, Vec<String>> {
    let mut name_counts: HashMap<String, usize> = HashMap::new();
    for key in keys.iter().filter(|key| key.status != KeyStatus::Revoked) {
        if let Some(name) = key.name.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
            *name_counts.entry(name.to_lowercase()).or_default() += 1;
        }
    }
    let verified = |id: &str| domains.iter().any(|domain| domain.id == id && domain.is_verified());

    let mut found: HashMap<Finding, Vec<String>> = Finding::ALL.into_iter().map(|finding| (finding, Vec::new())).collect();
    for key in keys.iter().filter(|key| key.status != KeyStatus::Revoked) {
        let mut record = |finding: Finding| found.entry(finding).or_default().push(key.id.clone());
        match (&key.permission, &key.domain_ids) {
            (Some(Permission::FullAccess), _) => record(Finding::FullAccess),
            (Some(Permission::SendingAccess), Some(ids)) if ids.is_empty() => record(Finding::UnrestrictedSending),
            _ => {}
        }
        if let Some(ids) = &key.domain_ids {
            if !domains.is_empty() && ids.iter().any(|id| !verified(id)) {
                record(Finding::UnverifiedDomain);
            }
        }
        let name = key.name.as_deref().map(str::trim).filter(|name| !name.is_empty());
        if name.is_none_or(|name| name_counts.get(&name.to_lowercase()).copied().unwrap_or(0) > 1) {
            record(Finding::UnnamedOrShared);
        }
        if key.status == KeyStatus::Disabled {
            record(Finding::DisabledNotRevoked);
        }
    }
    found
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            search: String::new(),
            status: None,
            permission: None,
            domain: None,
            finding: None,
            sort: Sort::default(),
            page: 1,
        }
    }
}

/// Applies the query's search and filters, then its sort, and returns every
/// matching key (all pages).
pub fn apply(keys: &[ApiKey], query: &ListQuery, domains: &[Domain]) -> Vec<ApiKey> {
    matching(keys, query, domains).into_iter().map(|index| keys[index].clone()).collect()
}

/// Returns the text a search runs against: the key's name, token hint and
/// id, lowercased and separated by line breaks. The list builds it once per
/// key rather than lowercasing 10,000 keys on every keystroke.
pub fn search_text(key: &ApiKey) -> String {
    let name = key.name.as_deref().unwrap_or_default();
    format!("{name}\n{}\n{}", format::token_hint(&key.short_token), key.id).to_lowercase()
}

/// Returns the query's search as it is matched: trimmed and lowercased.
pub fn normalized_search(query: &ListQuery) -> String {
    query.search.trim().to_lowercase()
}

/// Returns the positions of `keys` in the display order of `sort`.
pub fn sort_order(keys: &[ApiKey], sort: Sort) -> Vec<usize> {
    let by_name = matches!(sort, Sort::NameAscending | Sort::NameDescending);
    // Lowercased once per key, not once per comparison.
    let names: Vec<String> = if by_name {
        keys.iter().map(|key| key.name.as_deref().unwrap_or_default().to_lowercase()).collect()
    } else {
        Vec::new()
    };
    let mut order: Vec<usize> = (0..keys.len()).collect();
    // One comparator for every order, so the stable sort is compiled once.
    order.sort_by(|&a, &b| {
        let (key_a, key_b) = (&keys[a], &keys[b]);
        match sort {
            // The API returns newest first; created_at breaks no tie there.
            Sort::Newest => key_b.created_at.cmp(&key_a.created_at).then_with(|| key_b.id.cmp(&key_a.id)),
            Sort::Oldest => key_a.created_at.cmp(&key_b.created_at).then_with(|| key_a.id.cmp(&key_b.id)),
            Sort::NameAscending => names[a].cmp(&names[b]).then_with(|| key_a.id.cmp(&key_b.id)),
            Sort::NameDescending => names[b].cmp(&names[a]).then_with(|| key_b.id.cmp(&key_a.id)),
        }
    });
    order
}

/// Keeps the positions in `order` whose keys match the query's search and
/// filters; the query's sort and page play no part. `texts[i]` must be
/// `search_text(&keys[i])` when the search is not empty, and is not read
/// when it is.
pub fn filter_in_order(keys: &[ApiKey], order: &[usize], texts: &[String], query: &ListQuery, domains: &[Domain]) -> Vec<usize> {
    let search = normalized_search(query);
    // A set, because a finding can hold thousands of ids and each key is looked up.
    let finding_ids: Option<HashSet<String>> =
        query.finding.map(|finding| findings(keys, domains).remove(&finding).unwrap_or_default().into_iter().collect());
    let search_matches = |index: usize| {
        search.is_empty()
            || match texts.get(index) {
                Some(text) => text.contains(&search),
                None => search_text(&keys[index]).contains(&search),
            }
    };
    let permission_matches = |key: &ApiKey| {
        query.permission.as_deref().is_none_or(|permission| match &key.permission {
            Some(actual) => actual.as_api_str() == permission,
            None => permission == "unreported",
        })
    };
    let domain_matches = |key: &ApiKey| {
        query
            .domain
            .as_deref()
            .is_none_or(|domain| domain_can_send(domains, domain) && can_send_from(key, domain))
    };

    order
        .iter()
        .copied()
        .filter(|&index| index < keys.len() && search_matches(index))
        .filter(|&index| {
            let key = &keys[index];
            query.status.as_deref().is_none_or(|status| key.status.as_api_str() == status)
                && permission_matches(key)
                && domain_matches(key)
                && finding_ids.as_ref().is_none_or(|ids| ids.contains(&key.id))
        })
        .collect()
}

/// Applies the query's search and filters, then its sort, and returns the
/// positions in `keys` of every matching key, in display order.
pub fn matching(keys: &[ApiKey], query: &ListQuery, domains: &[Domain]) -> Vec<usize> {
    let texts: Vec<String> = if normalized_search(query).is_empty() {
        Vec::new()
    } else {
        keys.iter().map(search_text).collect()
    };
    filter_in_order(keys, &sort_order(keys, query.sort), &texts, query, domains)
}

/// One exported row; never a secret, which no loaded key has.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRow {
    pub id: String,
    pub name: String,
    pub token_hint: String,
    pub permission: String,
    pub domains: String,
    pub status: String,
    pub created_at: String,
}

pub fn export_rows(keys: &[ApiKey], domain_name: impl Fn(&str) -> String) -> Vec<ExportRow> {
    keys.iter()
        .map(|key| ExportRow {
            id: key.id.clone(),
            name: key.name.clone().unwrap_or_default(),
            token_hint: format::token_hint(&key.short_token),
            permission: key
                .permission
                .as_ref()
                .map(Permission::label)
                .unwrap_or_else(|| "Not reported".to_owned()),
            domains: crate::store::restriction_text(key, &domain_name),
            status: key.status.label(),
            created_at: key.created_at.clone(),
        })
        .collect()
}

/// Neutralises a cell that a spreadsheet would run as a formula by prefixing
/// an apostrophe. Such a cell starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return. The cell is then quoted when it contains a comma, a quote
/// or a line break.
pub fn csv_cell(value: &str) -> String {
    let mut cell = String::with_capacity(value.len() + 2);
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell.push('\'');
    }
    cell.push_str(value);
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

pub fn to_csv(rows: &[ExportRow]) -> String {
    let mut csv = String::from("id,name,token hint,permission,domains,status,created at\r\n");
    for row in rows {
        let cells = [&row.id, &row.name, &row.token_hint, &row.permission, &row.domains, &row.status, &row.created_at];
        csv.push_str(&cells.iter().map(|cell| csv_cell(cell)).collect::<Vec<_>>().join(","));
        csv.push_str("\r\n");
    }
    csv
}

pub fn to_json(rows: &[ExportRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".to_owned())
}
