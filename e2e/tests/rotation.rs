//! User-paced rotation: a replacement with the same access, the old key kept
//! working until the user revokes it, and a failed revoke that can be retried.

use anyhow::{Context, ensure};
use e2e::{Harness, browser_tests};
use reqwest::Method;
use serde_json::json;

browser_tests!(rotation_keeps_old_key_until_confirmed, failed_revoke_keeps_pair_for_retry);

async fn send_from(h: &Harness, key: &str, from: &str) -> anyhow::Result<u16> {
    let body = json!({ "from": from, "to": "someone@example.net", "subject": "Hi", "text": "Hello" });
    Ok(h.api_call(Method::POST, "/emails", key, Some(body)).await?.0)
}

/// Creates a restricted Sending only key, replaces it through the drawer,
/// and returns the old id, the old secret and the new secret.
async fn start_rotation(h: &Harness) -> anyhow::Result<(String, String, String)> {
    let (_, domains) = h.api_call(Method::GET, "/domains?limit=100", &h.admin, None).await?;
    let example = domains["data"]
        .as_array()
        .and_then(|all| all.iter().find(|domain| domain["name"] == "example.com"))
        .and_then(|domain| domain["id"].as_str())
        .context("example.com")?
        .to_owned();
    let (old_id, old_secret) = h
        .create_key(json!({ "name": "Prod mailer", "permission": "sendingAccess", "domainIds": [example] }))
        .await?;

    h.open(&format!("api-keys#key={}", h.admin)).await?;
    h.click(&format!("#key-link-{old_id}")).await?;
    h.click("#replace-open").await?;
    h.click("#replace-create").await?;
    let new_secret = h.wait_for("#reveal-secret").await?.prop("value").await?.context("a secret")?;
    h.click("#reveal-stored").await?;
    h.click(".reveal .modal-footer .primary").await?;
    h.wait_for_text("Prod mailer (replacement)").await?;

    let (status, body) = h.api_call(Method::GET, "/api-keys?limit=100", &h.admin, None).await?;
    ensure!(status == 200);
    let replacement = body["data"]
        .as_array()
        .and_then(|keys| keys.iter().find(|key| key["name"] == "Prod mailer (replacement)"))
        .context("the replacement exists")?;
    ensure!(replacement["permission"] == "sendingAccess");
    ensure!(replacement["domainIds"] == json!([example]), "same domains: {replacement}");
    Ok((old_id, old_secret, new_secret))
}

async fn badges(h: &Harness) -> anyhow::Result<Vec<String>> {
    h.texts(".badge.rotation").await
}

async fn revoke_old(h: &Harness, old_id: &str) -> anyhow::Result<()> {
    h.click(&format!("#key-link-{old_id}")).await?;
    h.wait_for(".rotation-pending").await?;
    h.click(".danger-zone .danger").await?;
    h.type_into("#revoke-confirm", "Prod mailer").await?;
    h.click(".danger-zone .confirm .danger").await
}

async fn rotation_keeps_old_key_until_confirmed(h: &Harness) -> anyhow::Result<()> {
    let (old_id, old_secret, new_secret) = start_rotation(h).await?;
    ensure!(badges(h).await? == ["Replacement", "Being replaced"], "the pair is marked: {:?}", badges(h).await?);
    ensure!(send_from(h, &old_secret, "a@example.com").await? == 202, "the old key still works");
    ensure!(send_from(h, &new_secret, "a@example.com").await? == 202, "the new key works");
    h.screenshot("rotation-pending").await?;

    // Leaving the page and coming back in the same tab keeps the pair.
    h.client.goto("about:blank").await?;
    h.open(&format!("api-keys#key={}", h.admin)).await?;
    h.wait_for(".key-row").await?;
    ensure!(badges(h).await?.len() == 2, "the pair survives a reload");
    let stored = h.eval("return sessionStorage.getItem('nuntly-dashboard.rotations');").await?;
    let stored = stored.as_str().unwrap_or_default();
    ensure!(!stored.contains(&new_secret) && !stored.contains(&old_secret), "no secret is stored with the pair");

    revoke_old(h, &old_id).await?;
    h.wait_for_text("can no longer be changed").await?;
    ensure!(send_from(h, &old_secret, "a@example.com").await? == 401, "the old key is rejected once revoked");
    ensure!(send_from(h, &new_secret, "a@example.com").await? == 202, "the new key keeps working");
    ensure!(badges(h).await?.is_empty(), "the pair is done");
    Ok(())
}

async fn failed_revoke_keeps_pair_for_retry(h: &Harness) -> anyhow::Result<()> {
    let (old_id, old_secret, _) = start_rotation(h).await?;
    h.set_faults(json!([{ "method": "DELETE", "path": format!("/api-keys/{old_id}"), "times": 1, "fault": { "kind": "status", "status": 503 } }]))
        .await?;
    revoke_old(h, &old_id).await?;
    h.wait_for_text("status 503").await?;
    ensure!(send_from(h, &old_secret, "a@example.com").await? == 202, "nothing changed");
    ensure!(h.texts(".rotation-pending").await?.len() == 1, "the pair stays marked");
    ensure!(badges(h).await?.len() == 2);

    h.click(".danger-zone .confirm .danger").await?;
    h.wait_for_text("can no longer be changed").await?;
    ensure!(send_from(h, &old_secret, "a@example.com").await? == 401);
    ensure!(badges(h).await?.is_empty());
    Ok(())
}
