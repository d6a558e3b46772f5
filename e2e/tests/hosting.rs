//! The release build as a static host serves it: under a sub-path, with deep
//! links on first load, behind a strict Content-Security-Policy.

use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use e2e::{Harness, browser_tests};
use serde_json::json;

browser_tests!(strict_csp_full_run_has_no_violations, deep_links_load_every_route);

async fn strict_csp_full_run_has_no_violations(h: &Harness) -> anyhow::Result<()> {
    let response = reqwest::get(format!("{}api-keys", h.dashboard)).await?;
    let csp = response
        .headers()
        .get("content-security-policy")
        .context("a CSP header")?
        .to_str()?
        .to_owned();
    ensure!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"), "no hash or inline allowance: {csp}");
    ensure!(csp.contains("style-src 'self';"), "{csp}");
    ensure!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"), "{csp}");
    let index = response.text().await?;
    ensure!(!index.contains("<script type=\"module\">"), "no inline script is left in index.html");

    // Create, reveal, edit and revoke a key under that policy.
    h.open(&format!("api-keys#key={}", h.admin)).await?;
    h.wait_for(".key-row").await?;
    h.click("#create-key-button").await?;
    h.type_into("#new-key-name", "Under CSP").await?;
    h.click(".wizard button[type=submit]").await?;
    h.click(".wizard button[type=submit]").await?;
    h.click("#new-key-restriction-all").await?;
    h.click(".wizard button[type=submit]").await?;
    h.click(".wizard button[type=submit]").await?;
    h.wait_for("#reveal-secret").await?;
    h.click(".reveal .copy").await?;
    h.click("#reveal-stored").await?;
    h.click(".reveal .modal-footer .primary").await?;

    let names = h.texts(".key-name").await?;
    ensure!(names.first().map(String::as_str) == Some("Under CSP"), "{names:?}");
    h.click(".key-row .key-link").await?;
    h.type_into("#edit-name", "Under CSP, renamed").await?;
    h.click(".drawer-form button[type=submit]").await?;
    h.wait_for_text("Changes saved.").await?;
    h.click(".danger-zone .danger").await?;
    h.type_into("#revoke-confirm", "Under CSP, renamed").await?;
    h.click(".danger-zone .confirm .danger").await?;
    h.wait_for_text("can no longer be changed").await?;

    // Reports are sent right away; give them a moment to arrive.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let reports = h.csp_reports().await?;
    ensure!(reports.is_empty(), "CSP violations during the run: {reports:?}");

    // The reporting works: an inline script injected now is blocked and reported.
    h.eval("const script = document.createElement('script'); script.textContent = 'window.__ran = true'; document.body.append(script); return null;")
        .await?;
    let deadline = Instant::now() + e2e::WAIT;
    while h.csp_reports().await?.is_empty() {
        ensure!(Instant::now() < deadline, "the injected inline script was not reported");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ensure!(h.eval("return window.__ran ?? null;").await? == json!(null), "the inline script was blocked");
    Ok(())
}

async fn deep_links_load_every_route(h: &Harness) -> anyhow::Result<()> {
    let (id, _) = h.create_key(json!({ "name": "Linked", "permission": "fullAccess" })).await?;
    let routes = [
        ("connect", "#api-key"),
        ("api-keys", ".key-row"),
        ("api-keys/new", "#new-key-name"),
        (&format!("api-keys/{id}"), "#drawer-key-id"),
        ("does/not/exist", ".not-found"),
    ];
    for (path, marker) in routes {
        // A new page load each time: the first load of that address.
        h.client.goto("about:blank").await?;
        let fragment = if path == "connect" { String::new() } else { format!("#key={}", h.admin) };
        h.open(&format!("{path}{fragment}")).await?;
        h.wait_for(marker).await.with_context(|| format!("{path} on first load"))?;
        let url = h.client.current_url().await?;
        ensure!(url.path() == format!("/dashboard/{path}"), "{path} stayed at its address, not {url}");
        ensure!(url.fragment().is_none(), "the key fragment was erased on {path}");
    }
    Ok(())
}
