//! How the dashboard behaves when the API, the network or the data misbehave,
//! against the local server's fault injection.

use std::time::Duration;

use anyhow::{Context, ensure};
use e2e::{Harness, browser_tests};
use fantoccini::Locator;
use nuntly_local::db::{Database, KeyStatus, NewDomain, NewKey, Permission};
use reqwest::Method;
use serde_json::json;

browser_tests!(
    revoked_elsewhere_returns_to_connect,
    downgraded_key_says_full_access_needed,
    vanished_key_is_reported_and_list_refreshed,
    validation_error_sits_next_to_field,
    rate_limited_read_retries_visibly,
    rate_limited_write_is_not_retried,
    server_error_offers_retry_with_request_id,
    malformed_bodies_are_reported,
    timeout_is_reported,
    dropped_connection_is_reported,
    lost_create_answer_creates_nothing_twice,
    hostile_names_render_inert,
    unknown_values_render_as_unknown,
);

/// Connects through the fragment and waits for the list.
async fn connect(h: &Harness, key: &str) -> anyhow::Result<()> {
    h.open(&format!("api-keys#key={key}")).await?;
    h.wait_for(".key-row").await?;
    Ok(())
}

async fn refresh_list(h: &Harness) -> anyhow::Result<()> {
    h.click(".page-header .actions button:first-child").await
}

async fn open_wizard_at_review(h: &Harness, name: &str) -> anyhow::Result<()> {
    h.click("#create-key-button").await?;
    h.type_into("#new-key-name", name).await?;
    h.click(".wizard button[type=submit]").await?;
    h.click("#new-key-permission-fullAccess").await?;
    h.click(".wizard button[type=submit]").await?;
    h.wait_for(".review").await?;
    Ok(())
}

async fn keys_named(h: &Harness, name: &str) -> anyhow::Result<usize> {
    let (_, body) = h.api_call(Method::GET, "/api-keys?limit=100", &h.admin, None).await?;
    Ok(body["data"]
        .as_array()
        .context("a key list")?
        .iter()
        .filter(|key| key["name"] == name)
        .count())
}

async fn revoked_elsewhere_returns_to_connect(h: &Harness) -> anyhow::Result<()> {
    let (id, secret) = h.create_key(json!({ "name": "Session key", "permission": "fullAccess" })).await?;
    connect(h, &secret).await?;
    let (status, _) = h.api_call(Method::DELETE, &format!("/api-keys/{id}"), &h.admin, None).await?;
    ensure!(status == 200);

    refresh_list(h).await?;
    h.wait_for("#api-key").await?;
    h.wait_for_text("no longer accepts this key (401)").await?;
    ensure!(h.client.find_all(Locator::Css(".key-row")).await?.is_empty(), "no list is left behind");
    ensure!(h.client.current_url().await?.path() == "/dashboard/connect");
    Ok(())
}

async fn downgraded_key_says_full_access_needed(h: &Harness) -> anyhow::Result<()> {
    let (id, secret) = h.create_key(json!({ "name": "Soon sending only", "permission": "fullAccess" })).await?;
    connect(h, &secret).await?;
    let (status, _) = h
        .api_call(Method::PATCH, &format!("/api-keys/{id}"), &h.admin, Some(json!({ "permission": "sendingAccess" })))
        .await?;
    ensure!(status == 200);

    refresh_list(h).await?;
    h.wait_for_text("needs Full access").await?;
    Ok(())
}

async fn vanished_key_is_reported_and_list_refreshed(h: &Harness) -> anyhow::Result<()> {
    let (id, _) = h.create_key(json!({ "name": "Vanishing", "permission": "fullAccess" })).await?;
    connect(h, &h.admin).await?;
    h.click(&format!("tr[data-key-id='{id}'] .key-link")).await?;
    h.type_into("#edit-name", "Renamed too late").await?;
    h.set_faults(json!([{ "method": "PATCH", "path": format!("/api-keys/{id}"), "fault": { "kind": "status", "status": 404 } }]))
        .await?;

    h.click(".drawer-form button[type=submit]").await?;
    h.wait_for_text("This key no longer exists; the list was refreshed").await?;
    ensure!(h.request_count("GET /api-keys").await? >= 1, "the list was loaded again");
    let typed = h.wait_for("#edit-name").await?.prop("value").await?;
    ensure!(typed.as_deref() == Some("Renamed too late"), "the typed value survives");
    Ok(())
}

async fn validation_error_sits_next_to_field(h: &Harness) -> anyhow::Result<()> {
    connect(h, &h.admin).await?;
    h.set_faults(json!([{ "method": "POST", "path": "/api-keys", "fault": { "kind": "body", "status": 422, "body": {
        "error": { "status": 422, "code": "invalid_body", "title": "Invalid field `name`: reserved word", "details": { "field": "name" } }
    } } }]))
    .await?;
    open_wizard_at_review(h, "admin").await?;
    h.click(".wizard button[type=submit]").await?;

    h.wait_for_text("reserved word").await?;
    let error = h.wait_for("#new-key-name-error").await?.text().await?;
    ensure!(error.contains("reserved word"), "the message is next to the name: {error:?}");
    let typed = h.wait_for("#new-key-name").await?.prop("value").await?;
    ensure!(typed.as_deref() == Some("admin"), "the typed name survives: {typed:?}");
    Ok(())
}

async fn rate_limited_read_retries_visibly(h: &Harness) -> anyhow::Result<()> {
    connect(h, &h.admin).await?;
    h.set_faults(json!([{ "method": "GET", "path": "/api-keys", "times": 1, "fault": { "kind": "rateLimit", "retryAfter": 2 } }]))
        .await?;
    refresh_list(h).await?;
    h.wait_for_text("The API is limiting requests. Trying again in 2 s (attempt 2 of 3)").await?;
    h.wait_for(".key-row").await?;
    let deadline = std::time::Instant::now() + e2e::WAIT;
    while h.body_text().await?.contains("Trying again") {
        ensure!(std::time::Instant::now() < deadline, "the retry notice never went away");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ensure!(h.request_count("GET /api-keys").await? == 2, "one retry after the 429");
    Ok(())
}

async fn rate_limited_write_is_not_retried(h: &Harness) -> anyhow::Result<()> {
    connect(h, &h.admin).await?;
    open_wizard_at_review(h, "Rate limited").await?;
    h.set_faults(json!([{ "method": "POST", "path": "/api-keys", "fault": { "kind": "rateLimit", "retryAfter": 2 } }]))
        .await?;
    h.click(".wizard button[type=submit]").await?;
    h.wait_for_text("You can try again in 2 seconds").await?;
    tokio::time::sleep(Duration::from_secs(3)).await;
    ensure!(h.request_count("POST /api-keys").await? == 1, "a write is never repeated automatically");
    ensure!(keys_named(h, "Rate limited").await? == 0);
    Ok(())
}

async fn server_error_offers_retry_with_request_id(h: &Harness) -> anyhow::Result<()> {
    connect(h, &h.admin).await?;
    h.set_faults(json!([{ "method": "GET", "path": "/api-keys", "times": 1, "fault": { "kind": "status", "status": 503 } }]))
        .await?;
    refresh_list(h).await?;
    h.wait_for(".error-panel").await?;
    let panel = h.wait_for(".error-panel").await?.text().await?;
    ensure!(panel.contains("status 503"), "{panel}");
    ensure!(panel.contains("req_"), "the request id is shown: {panel}");
    h.screenshot("server-error").await?;
    h.click(".error-panel button").await?;
    h.wait_for(".key-row").await?;
    Ok(())
}

async fn malformed_bodies_are_reported(h: &Harness) -> anyhow::Result<()> {
    connect(h, &h.admin).await?;
    for (fault, expected) in [
        (json!({ "kind": "html", "status": 502 }), "status 502"),
        (json!({ "kind": "empty", "status": 500 }), "status 500"),
        (json!({ "kind": "truncated" }), "data this dashboard cannot read"),
    ] {
        h.set_faults(json!([{ "method": "GET", "path": "/api-keys", "times": 1, "fault": fault }])).await?;
        refresh_list(h).await?;
        h.wait_for_text(expected).await?;
        let panel = h.wait_for(".error-panel").await?.text().await?;
        ensure!(!panel.contains("<html>"), "no raw page in the message: {panel}");
        h.click(".error-panel button").await?;
        h.wait_for(".key-row").await?;
    }
    Ok(())
}

async fn timeout_is_reported(h: &Harness) -> anyhow::Result<()> {
    connect(h, &h.admin).await?;
    let delay = e2e::REQUEST_TIMEOUT_MS + 1_500;
    h.set_faults(json!([{ "method": "GET", "path": "/api-keys", "times": 1, "fault": { "kind": "delay", "ms": delay } }]))
        .await?;
    refresh_list(h).await?;
    h.wait_for_text(&format!("did not answer within {} seconds", e2e::REQUEST_TIMEOUT_MS / 1000)).await?;
    h.click(".error-panel button").await?;
    h.wait_for(".key-row").await?;
    Ok(())
}

async fn dropped_connection_is_reported(h: &Harness) -> anyhow::Result<()> {
    connect(h, &h.admin).await?;
    // No `times`: browsers resend a request whose connection closed
    // without a response, so a single drop would go unseen.
    h.set_faults(json!([{ "method": "GET", "path": "/api-keys", "fault": { "kind": "drop" } }])).await?;
    refresh_list(h).await?;
    h.wait_for_text("Could not reach the API").await?;
    h.set_faults(json!([])).await?;
    h.click(".error-panel button").await?;
    h.wait_for(".key-row").await?;
    Ok(())
}

async fn lost_create_answer_creates_nothing_twice(h: &Harness) -> anyhow::Result<()> {
    connect(h, &h.admin).await?;
    open_wizard_at_review(h, "Lost in transit").await?;
    h.set_faults(json!([{ "method": "POST", "path": "/api-keys", "times": 1, "fault": { "kind": "dropAfter" } }]))
        .await?;
    h.click(".wizard button[type=submit]").await?;
    h.wait_for_text("its answer was lost, so its secret cannot be shown").await?;
    ensure!(
        h.client.find_all(Locator::Css(".wizard button[type=submit]")).await?.is_empty(),
        "no Create button is left to create it again"
    );
    ensure!(h.request_count("POST /api-keys").await? == 1);
    ensure!(keys_named(h, "Lost in transit").await? == 1);

    h.click(".wizard .modal-footer .danger").await?;
    h.wait_for("#drawer-key-id").await?;
    ensure!(h.texts("#drawer-title").await? == ["Lost in transit"], "the drawer of that key opens");
    Ok(())
}

const HOSTILE_DOMAIN: &str = "<img src=x onerror=\"window.__pwned = 'domain'\">.example.com";

/// Names that would run script or break the layout if rendered as HTML or
/// measured carelessly.
fn hostile_names() -> Vec<String> {
    vec![
        "<img src=x onerror=\"window.__pwned = 'img'\">".to_owned(),
        "\"><svg onload=\"window.__pwned = 'svg'\">".to_owned(),
        "<script>window.__pwned = 'script'</script>".to_owned(),
        "\u{202E}gnp.exe\u{202C} right-to-left override".to_owned(),
        "zero\u{200B}width\u{200D}joiners\u{FEFF}".to_owned(),
        "emoji 🔑🚀👩‍💻🏳️‍🌈".to_owned(),
        "W".repeat(10_000),
    ]
}

async fn hostile_names_render_inert(h: &Harness) -> anyhow::Result<()> {
    let mut database = Database::open(&h.db_path)?;
    let domain = database.insert_domain(NewDomain {
        name: HOSTILE_DOMAIN,
        status: "success",
        sending_status: "enabled",
        receiving_status: "disabled",
        region: "eu-west-1",
    })?;
    database.insert_key(NewKey {
        name: Some("Restricted to a hostile domain"),
        secret_hash: "hostile-domain",
        short_token: "hostil",
        status: KeyStatus::Enabled,
        permission: Permission::SendingAccess,
        domain_ids: &[domain.id],
    })?;
    for (index, name) in hostile_names().iter().enumerate() {
        database.insert_key(NewKey {
            name: Some(name),
            secret_hash: &format!("hostile-{index}"),
            short_token: "hostil",
            status: KeyStatus::Enabled,
            permission: Permission::SendingAccess,
            domain_ids: &[],
        })?;
    }
    drop(database);

    for width in [1280, 360] {
        h.client.set_window_size(width, 900).await?;
        connect(h, &h.admin).await?;
        h.wait_for_text("9 keys").await?;
        let shown = h.texts(".key-name").await?;
        for name in hostile_names().iter().take(3) {
            ensure!(shown.iter().any(|text| text == name), "{name:?} is shown as text");
        }
        let domains = h.texts(".key-domains").await?;
        ensure!(domains.iter().any(|text| text == HOSTILE_DOMAIN), "the domain name is shown as text: {domains:?}");
        let state = h
            .eval(
                "return { pwned: window.__pwned ?? null, \
                 overflow: document.documentElement.scrollWidth - window.innerWidth, \
                 images: document.querySelectorAll('main img, main svg').length };",
            )
            .await?;
        ensure!(state["pwned"].is_null(), "a payload ran: {state}");
        ensure!(state["images"] == 0, "markup from a name was rendered: {state}");
        ensure!(state["overflow"].as_i64().unwrap_or(1) <= 0, "the page scrolls sideways at {width} px: {state}");
        h.screenshot(&format!("hostile-{width}")).await?;
    }

    let long_row = h
        .eval("return [...document.querySelectorAll('.key-name a')].map((a) => a.getBoundingClientRect().height);")
        .await?;
    let tallest = long_row.as_array().into_iter().flatten().filter_map(|height| height.as_f64()).fold(0.0, f64::max);
    ensure!(tallest < 200.0, "a 10,000-character name is clamped, not {tallest} px tall");
    Ok(())
}

async fn unknown_values_render_as_unknown(h: &Harness) -> anyhow::Result<()> {
    connect(h, &h.admin).await?;
    h.set_faults(json!([{ "method": "GET", "path": "/api-keys", "fault": { "kind": "body", "status": 200, "body": {
        "data": [
            { "id": "apk_01jnx372zj49s3zqnn7ew8hzpk", "name": "From the future", "shortToken": "future",
              "status": "suspended", "createdAt": "2026-01-01T00:00:00Z", "permission": "readOnly" },
            { "id": "apk_01jnx372zj49s3zqnn7ew8hzpm", "name": "Public schema only", "shortToken": "public",
              "status": "enabled", "createdAt": "not a date" },
            { "name": "No id at all" }
        ],
        "nextCursor": null
    } } }]))
    .await?;
    refresh_list(h).await?;
    h.wait_for_text("From the future").await?;
    let body = h.body_text().await?;
    for expected in ["unknown (suspended)", "unknown (readOnly)", "Not reported by the server", "not a date", "1 key(s) in the API's answer could not be read"] {
        ensure!(body.contains(expected), "{expected:?} missing from:\n{body}");
    }
    Ok(())
}
