//! Creating keys through the UI, then proving at the API what each key can do.

use anyhow::{Context, ensure};
use e2e::{Harness, browser_tests};
use reqwest::Method;
use serde_json::{Value, json};

browser_tests!(restricted_sending_key_works_as_chosen, full_access_key_can_list_keys);

/// Wraps console methods so the test can check that nothing logged the secret.
const CAPTURE_CONSOLE: &str = "window.__logs = []; \
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) { \
        const original = console[level]; \
        console[level] = (...args) => { window.__logs.push(args.map(String).join(' ')); original.apply(console, args); }; \
    }";

async fn connect_and_open_wizard(h: &Harness) -> anyhow::Result<()> {
    h.open(&format!("#key={}", h.admin)).await?;
    h.wait_for(".key-row").await?;
    h.eval(CAPTURE_CONSOLE).await?;
    h.click("#create-key-button").await?;
    h.wait_for("#new-key-name").await?;
    Ok(())
}

async fn next(h: &Harness) -> anyhow::Result<()> {
    h.click(".wizard button[type=submit]").await
}

async fn domain_id(h: &Harness, name: &str) -> anyhow::Result<String> {
    let (_, body) = h.api_call(Method::GET, "/domains?limit=100", &h.admin, None).await?;
    body["data"]
        .as_array()
        .and_then(|domains| domains.iter().find(|domain| domain["name"] == name))
        .and_then(|domain| domain["id"].as_str())
        .map(str::to_owned)
        .with_context(|| format!("no domain {name}"))
}

async fn send_from(h: &Harness, key: &str, from: &str) -> anyhow::Result<u16> {
    let body = json!({ "from": from, "to": "someone@example.net", "subject": "Hi", "text": "Hello" });
    Ok(h.api_call(Method::POST, "/emails", key, Some(body)).await?.0)
}

/// Checks that the secret is nowhere the page keeps state after the dialog closed.
async fn assert_secret_gone(h: &Harness, secret: &str) -> anyhow::Result<()> {
    let leaks = h
        .eval(&format!(
            "const s = {secret:?}; return {{ dom: document.documentElement.outerHTML.includes(s), \
             session: JSON.stringify(sessionStorage).includes(s), local: JSON.stringify(localStorage).includes(s), \
             cookie: document.cookie.includes(s), url: location.href.includes(s), \
             history: JSON.stringify(history.state ?? null).includes(s), \
             console: window.__logs.some((line) => line.includes(s)), \
             inputs: [...document.querySelectorAll('input')].some((input) => input.value.includes(s)) }};"
        ))
        .await?;
    let found: Vec<&String> = leaks
        .as_object()
        .context("leak report")?
        .iter()
        .filter(|(_, value)| **value == Value::Bool(true))
        .map(|(place, _)| place)
        .collect();
    ensure!(found.is_empty(), "the secret is still in: {found:?}");
    Ok(())
}

async fn restricted_sending_key_works_as_chosen(h: &Harness) -> anyhow::Result<()> {
    let example = domain_id(h, "example.com").await?;
    let pending = domain_id(h, "staging.example.net").await?;
    connect_and_open_wizard(h).await?;

    h.type_into("#new-key-name", "Notifications service").await?;
    next(h).await?;
    let sending = h.wait_for("#new-key-permission-sendingAccess").await?;
    ensure!(sending.prop("checked").await?.as_deref() == Some("true"), "Sending only is the default");
    next(h).await?;
    h.click("#new-key-restriction-only").await?;
    let pending_box = h.wait_for(&format!("#new-key-domain-{pending}")).await?;
    ensure!(pending_box.attr("disabled").await?.is_some(), "an unverified domain is disabled");
    h.click(&format!("#new-key-domain-{example}")).await?;
    next(h).await?;
    h.wait_for(".review").await?;
    ensure!(h.texts(".review-domains").await? == ["example.com"]);
    h.screenshot("create-review").await?;
    next(h).await?;

    let field = h.wait_for("#reveal-secret").await?;
    let secret = field.prop("value").await?.context("the secret field has a value")?;
    ensure!(secret.starts_with("ntly_"), "revealed {} characters", secret.len());
    h.screenshot("reveal").await?;

    ensure!(send_from(h, &secret, "App <app@example.com>").await? == 202, "sending from the allowed domain");
    ensure!(send_from(h, &secret, "app@notifications.example.org").await? == 403, "sending from another domain");
    let (status, _) = h.api_call(Method::GET, "/api-keys", &secret, None).await?;
    ensure!(status == 403, "a Sending only key cannot list keys, got {status}");

    // Closing without ticking "stored" shows a confirmation first.
    h.click(".reveal .modal-footer .primary").await?;
    h.wait_for(".reveal .confirm").await?;
    h.click(".reveal .confirm .danger").await?;
    h.wait_for_text("Notifications service").await?;
    ensure!(h.client.find_all(fantoccini::Locator::Css("#reveal-secret")).await?.is_empty());
    assert_secret_gone(h, &secret).await?;

    let names = h.texts(".key-name").await?;
    let row = names
        .iter()
        .position(|name| name == "Notifications service")
        .context("the new key is listed without a reload")?;
    ensure!(h.texts(".key-domains").await?[row] == "example.com");
    ensure!(h.texts(".key-permission").await?[row] == "Sending only");
    ensure!(h.client.current_url().await?.path() == "/dashboard/api-keys");
    Ok(())
}

async fn full_access_key_can_list_keys(h: &Harness) -> anyhow::Result<()> {
    connect_and_open_wizard(h).await?;
    h.type_into("#new-key-name", "Backend").await?;
    next(h).await?;
    h.click("#new-key-permission-fullAccess").await?;
    next(h).await?;
    h.wait_for(".review").await?;
    ensure!(h.client.find_all(fantoccini::Locator::Css("#new-key-restriction-only")).await?.is_empty());
    next(h).await?;

    let secret = h
        .wait_for("#reveal-secret")
        .await?
        .prop("value")
        .await?
        .context("the secret field has a value")?;
    let (status, body) = h.api_call(Method::GET, "/api-keys", &secret, None).await?;
    ensure!(status == 200, "a Full access key lists keys, got {status}");
    let created = body["data"]
        .as_array()
        .and_then(|keys| keys.iter().find(|key| key["name"] == "Backend"))
        .context("the key exists")?;
    ensure!(created["permission"] == "fullAccess");
    ensure!(created["domainIds"] == json!([]), "no domains sent with Full access");

    // Ticking "stored" lets the dialog close at once.
    h.click("#reveal-stored").await?;
    h.click(".reveal .modal-footer .primary").await?;
    h.wait_for_text("Backend").await?;
    ensure!(h.client.find_all(fantoccini::Locator::Css("#reveal-secret")).await?.is_empty());
    assert_secret_gone(h, &secret).await?;
    Ok(())
}
