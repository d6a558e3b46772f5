//! The inventory's filters, sort, posture counts, per-domain computation and
//! CSV escaping, on a generated key set with every permission, status and
//! restriction combination.

use std::collections::HashMap;

use nuntly_dashboard::api::{ApiKey, Domain, KeyStatus, Permission};
use nuntly_dashboard::inventory::{
    Finding, ListQuery, PAGE_ROWS, Sort, apply, can_send_from, csv_cell, export_rows, findings, matching, to_csv,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VERIFIED: &str = "dom_verified";
const OTHER_VERIFIED: &str = "dom_other";
const PENDING: &str = "dom_pending";

fn domains() -> Vec<Domain> {
    [(VERIFIED, "example.com", "success"), (OTHER_VERIFIED, "example.org", "success"), (PENDING, "pending.example", "pending")]
        .into_iter()
        .map(|(id, name, status)| Domain {
            id: id.to_owned(),
            name: name.to_owned(),
            status: status.to_owned(),
            sending_status: "enabled".to_owned(),
        })
        .collect()
}

/// Generates every combination once, with names that are unique, missing or shared.
fn generated_keys() -> Vec<ApiKey> {
    let permissions = [Some(Permission::FullAccess), Some(Permission::SendingAccess), None];
    let statuses = [KeyStatus::Enabled, KeyStatus::Disabled, KeyStatus::Revoked];
    let restrictions: [Option<Vec<&str>>; 5] =
        [None, Some(vec![]), Some(vec![VERIFIED]), Some(vec![PENDING]), Some(vec![VERIFIED, OTHER_VERIFIED])];
    let mut keys = Vec::new();
    for permission in &permissions {
        for status in &statuses {
            for restriction in &restrictions {
                let index = keys.len();
                let name = match index % 3 {
                    0 => Some(format!("Key {index:02}")),
                    1 => None,
                    _ => Some("Shared".to_owned()),
                };
                keys.push(ApiKey {
                    id: format!("apk_{index:026}"),
                    name,
                    short_token: format!("tok{index:03}"),
                    status: status.clone(),
                    created_at: format!("2026-01-{:02}T00:00:00Z", index % 28 + 1),
                    permission: permission.clone(),
                    domain_ids: restriction.as_ref().map(|ids| ids.iter().map(|id| id.to_string()).collect()),
                });
            }
        }
    }
    keys
}

fn query(change: impl FnOnce(&mut ListQuery)) -> ListQuery {
    let mut query = ListQuery::default();
    change(&mut query);
    query
}

#[wasm_bindgen_test]
fn status_filter_keeps_only_that_status() {
    let keys = generated_keys();
    for status in ["enabled", "disabled", "revoked"] {
        let shown = apply(&keys, &query(|query| query.status = Some(status.to_owned())), &domains());
        let expected = keys.iter().filter(|key| key.status.as_api_str() == status).count();
        assert_eq!(shown.len(), expected, "{status}");
        assert!(shown.iter().all(|key| key.status.as_api_str() == status), "{status}");
    }
}

#[wasm_bindgen_test]
fn permission_filter_includes_unreported() {
    let keys = generated_keys();
    let full = apply(&keys, &query(|query| query.permission = Some("fullAccess".to_owned())), &domains());
    assert_eq!(full.len(), 15);
    assert!(full.iter().all(|key| key.permission == Some(Permission::FullAccess)));
    let unreported = apply(&keys, &query(|query| query.permission = Some("unreported".to_owned())), &domains());
    assert_eq!(unreported.len(), 15);
    assert!(unreported.iter().all(|key| key.permission.is_none()));
}

#[wasm_bindgen_test]
fn domain_filter_matches_can_send_from() {
    let keys = generated_keys();
    let shown = apply(&keys, &query(|query| query.domain = Some(VERIFIED.to_owned())), &domains());
    let expected: Vec<&ApiKey> = keys.iter().filter(|key| can_send_from(key, VERIFIED)).collect();
    assert_eq!(shown.len(), expected.len());
    // Enabled Full access (5) + enabled Sending only: all domains (1) + restricted to it (2).
    assert_eq!(shown.len(), 8);

    let pending = apply(&keys, &query(|query| query.domain = Some(PENDING.to_owned())), &domains());
    assert!(pending.is_empty(), "no key can send from an unverified domain: {}", pending.len());
}

#[wasm_bindgen_test]
fn can_send_from_rules() {
    let mut key = generated_keys().remove(0);
    key.status = KeyStatus::Enabled;
    key.permission = Some(Permission::FullAccess);
    assert!(can_send_from(&key, PENDING), "Full access sends from anywhere the organization may");

    key.permission = Some(Permission::SendingAccess);
    key.domain_ids = Some(vec![]);
    assert!(can_send_from(&key, OTHER_VERIFIED), "unrestricted Sending only");
    key.domain_ids = Some(vec![VERIFIED.to_owned()]);
    assert!(can_send_from(&key, VERIFIED));
    assert!(!can_send_from(&key, OTHER_VERIFIED), "restricted to another domain");
    key.domain_ids = None;
    assert!(!can_send_from(&key, VERIFIED), "unreported domains are not guessed");

    key.domain_ids = Some(vec![]);
    key.status = KeyStatus::Disabled;
    assert!(!can_send_from(&key, VERIFIED), "a disabled key sends nothing");
}

#[wasm_bindgen_test]
fn search_matches_name_hint_and_id() {
    let keys = generated_keys();
    let by_name = apply(&keys, &query(|query| query.search = "shared".to_owned()), &domains());
    assert!(!by_name.is_empty());
    assert!(by_name.iter().all(|key| key.name.as_deref() == Some("Shared")));

    let by_hint = apply(&keys, &query(|query| query.search = "…tok007".to_owned()), &domains());
    assert_eq!(by_hint.len(), 1);
    assert_eq!(by_hint[0].short_token, "tok007");

    let by_id = apply(&keys, &query(|query| query.search = keys[12].id.to_uppercase()), &domains());
    assert_eq!(by_id.len(), 1);
}

#[wasm_bindgen_test]
fn sorts_order_the_list() {
    let keys = generated_keys();
    let newest = apply(&keys, &query(|_| {}), &domains());
    assert!(newest.windows(2).all(|pair| pair[0].created_at >= pair[1].created_at));
    let oldest = apply(&keys, &query(|query| query.sort = Sort::Oldest), &domains());
    assert!(oldest.windows(2).all(|pair| pair[0].created_at <= pair[1].created_at));

    let name = |key: &ApiKey| key.name.clone().unwrap_or_default().to_lowercase();
    let ascending = apply(&keys, &query(|query| query.sort = Sort::NameAscending), &domains());
    assert!(ascending.windows(2).all(|pair| name(&pair[0]) <= name(&pair[1])));
    let descending = apply(&keys, &query(|query| query.sort = Sort::NameDescending), &domains());
    assert!(descending.windows(2).all(|pair| name(&pair[0]) >= name(&pair[1])));
}

#[wasm_bindgen_test]
fn query_survives_the_url() {
    let original = ListQuery {
        search: "prod & co/é".to_owned(),
        status: Some("disabled".to_owned()),
        permission: Some("sendingAccess".to_owned()),
        domain: Some(VERIFIED.to_owned()),
        finding: Some(Finding::UnrestrictedSending),
        sort: Sort::NameDescending,
        page: 3,
    };
    let query_string = original.to_query_string();
    let params: HashMap<String, String> = query_string
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (name.to_owned(), String::from(js_sys::decode_uri_component(value).unwrap())))
        .collect();
    let parsed = ListQuery::from_params(|name| params.get(name).cloned());
    assert_eq!(parsed, original);
    assert_eq!(ListQuery::default().to_query_string(), "");

    let junk = ListQuery::from_params(|name| Some(format!("junk-{name}")));
    assert_eq!(junk.status, None);
    assert_eq!(junk.permission, None);
    assert_eq!(junk.finding, None);
    assert_eq!(junk.sort, Sort::Newest);
    assert_eq!(junk.page, 1);
    for page in ["0", "-2", "1.5", "", "99999999999999999999999"] {
        let parsed = ListQuery::from_params(|name| (name == "page").then(|| page.to_owned()));
        assert_eq!(parsed.page, 1, "page={page:?}");
    }
}

#[wasm_bindgen_test]
fn page_range_clamps_to_last_page() {
    let page = |page: usize| query(|query| query.page = page);
    assert_eq!(PAGE_ROWS, 100);
    assert_eq!(page(1).page_range(251), 0..100);
    assert_eq!(page(2).page_range(251), 100..200);
    assert_eq!(page(3).page_range(251), 200..251);
    assert_eq!(page(9).page_range(251), 200..251, "past the end shows the last page");
    assert_eq!(page(2).page_range(200), 100..200);
    assert_eq!(page(3).page_range(200), 100..200);
    assert_eq!(page(1).page_range(0), 0..0);
    assert_eq!(page(4).page_range(0), 0..0);
}

/// Keys whose names and tokens test case folding beyond ASCII.
fn international_keys() -> Vec<ApiKey> {
    [("Ключ продакшн", "AbC123"), ("STRASSE Mailer", ""), ("Émetteur", "xyz789")]
        .into_iter()
        .enumerate()
        .map(|(index, (name, token))| ApiKey {
            id: format!("apk_INTL{index}"),
            name: Some(name.to_owned()),
            short_token: token.to_owned(),
            status: KeyStatus::Enabled,
            created_at: format!("2026-02-0{}T00:00:00Z", index + 1),
            permission: Some(Permission::FullAccess),
            domain_ids: Some(vec![]),
        })
        .collect()
}

#[wasm_bindgen_test]
fn search_folds_case_beyond_ascii() {
    let keys = international_keys();
    let names = |search: &str| -> Vec<String> {
        apply(&keys, &query(|query| query.search = search.to_owned()), &domains())
            .into_iter()
            .filter_map(|key| key.name)
            .collect()
    };
    assert_eq!(names("КЛЮЧ"), ["Ключ продакшн"]);
    assert_eq!(names("émet"), ["Émetteur"]);
    assert_eq!(names("strasse"), ["STRASSE Mailer"]);
    assert_eq!(names("abc1"), ["Ключ продакшн"], "token hints ignore case");
    assert_eq!(names("…abc"), ["Ключ продакшн"], "a hint search may start with the ellipsis");
    assert_eq!(names("(no hint)"), ["STRASSE Mailer"], "a key without a token shows and matches its placeholder");
    assert_eq!(names("intl2"), ["Émetteur"], "ids ignore case");
    assert_eq!(names("  émet  "), ["Émetteur"], "the search is trimmed");
    assert!(names("ключи").is_empty());
}

#[wasm_bindgen_test]
fn matching_returns_positions_in_display_order() {
    let keys = generated_keys();
    let enabled = |sort: Sort| {
        query(|query| {
            query.sort = sort;
            query.status = Some("enabled".to_owned());
        })
    };
    let expected = keys.iter().filter(|key| key.status == KeyStatus::Enabled).count();
    for sort in Sort::ALL {
        let positions = matching(&keys, &enabled(sort), &domains());
        assert_eq!(positions.len(), expected, "{sort:?}");
        let mut distinct = positions.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), positions.len(), "{sort:?}: each key once");
        assert!(positions.iter().all(|&index| keys[index].status == KeyStatus::Enabled), "{sort:?}");
    }
    let newest = matching(&keys, &enabled(Sort::Newest), &domains());
    assert!(newest.windows(2).all(|pair| keys[pair[0]].created_at >= keys[pair[1]].created_at));
    let oldest = matching(&keys, &enabled(Sort::Oldest), &domains());
    assert!(oldest.windows(2).all(|pair| keys[pair[0]].created_at <= keys[pair[1]].created_at));
}

#[wasm_bindgen_test]
fn posture_counts_each_finding() {
    let keys = generated_keys();
    let found = findings(&keys, &domains());
    let live: Vec<&ApiKey> = keys.iter().filter(|key| key.status != KeyStatus::Revoked).collect();

    let count = |finding: Finding| found.get(&finding).map_or(0, Vec::len);
    assert_eq!(count(Finding::FullAccess), live.iter().filter(|key| key.permission == Some(Permission::FullAccess)).count());
    assert_eq!(count(Finding::FullAccess), 10);
    assert_eq!(count(Finding::UnrestrictedSending), 2, "enabled and disabled Sending only with an empty list");
    assert_eq!(count(Finding::UnverifiedDomain), 6, "a pending domain in the list, for each permission and live status");
    assert_eq!(count(Finding::DisabledNotRevoked), 15);
    let unnamed_or_shared = live
        .iter()
        .filter(|key| key.name.is_none() || key.name.as_deref() == Some("Shared"))
        .count();
    assert_eq!(count(Finding::UnnamedOrShared), unnamed_or_shared);

    let filtered = apply(&keys, &query(|query| query.finding = Some(Finding::DisabledNotRevoked)), &domains());
    assert_eq!(filtered.len(), 15);
    assert!(filtered.iter().all(|key| key.status == KeyStatus::Disabled));
}

#[wasm_bindgen_test]
fn csv_cells_are_neutralised_and_quoted() {
    for (raw, expected) in [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcell", "'\tcell"),
        ("a,b", "\"a,b\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("plain", "plain"),
        ("", ""),
    ] {
        assert_eq!(csv_cell(raw), expected, "{raw:?}");
    }
}

#[wasm_bindgen_test]
fn csv_export_has_every_field() {
    let keys = generated_keys();
    let domains = domains();
    let name_of = |id: &str| domains.iter().find(|domain| domain.id == id).map(|domain| domain.name.clone()).unwrap_or(id.to_owned());
    // Keys 0 and 1 are Full access; key 17 is an enabled Sending only key restricted to example.com.
    let chosen = [keys[0].clone(), keys[1].clone(), keys[17].clone()];
    let rows = export_rows(&chosen, name_of);
    let csv = to_csv(&rows);
    let lines: Vec<&str> = csv.split("\r\n").filter(|line| !line.is_empty()).collect();
    assert_eq!(lines[0], "id,name,token hint,permission,domains,status,created at");
    assert_eq!(lines.len(), 4);
    assert!(lines[3].contains(",example.com,"), "domains by name: {}", lines[3]);
    assert!(lines[3].contains("Sending only"), "{}", lines[3]);
    assert!(lines[1].starts_with(&keys[0].id));
}
