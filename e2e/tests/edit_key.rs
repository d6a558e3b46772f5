//! Editing keys in the drawer, proving at the API that each change took effect.

use anyhow::{Context, ensure};
use e2e::{Harness, browser_tests};
use fantoccini::Locator;
use reqwest::Method;
use serde_json::{Value, json};

browser_tests!(
    deep_link_opens_drawer_and_disable_takes_effect,
    restrict_then_widen_to_full_access,
    rename_survives_reload,
    revoke_is_final,
    back_button_asks_before_losing_changes,
);

/// Opens the drawer of `id` by its URL on first load, connected through the fragment.
async fn open_drawer(h: &Harness, id: &str) -> anyhow::Result<()> {
    h.open(&format!("api-keys/{id}#key={}", h.admin)).await?;
    h.wait_for("#drawer-key-id").await?;
    Ok(())
}

/// Opens the drawer by clicking the key's row in the list.
async fn open_from_list(h: &Harness, id: &str) -> anyhow::Result<()> {
    h.open(&format!("api-keys#key={}", h.admin)).await?;
    h.click(&format!("tr[data-key-id='{id}'] .key-link")).await?;
    h.wait_for("#edit-name").await?;
    Ok(())
}

async fn save(h: &Harness) -> anyhow::Result<()> {
    h.click(".drawer-form button[type=submit]").await?;
    h.wait_for_text("Changes saved.").await
}

async fn key_status(h: &Harness, secret: &str) -> anyhow::Result<u16> {
    Ok(h.api_call(Method::GET, "/api-keys?limit=1", secret, None).await?.0)
}

async fn read_key(h: &Harness, id: &str) -> anyhow::Result<Value> {
    let (status, body) = h.api_call(Method::GET, &format!("/api-keys/{id}"), &h.admin, None).await?;
    ensure!(status == 200, "reading {id} gave {status}");
    Ok(body["data"].clone())
}

async fn send_from(h: &Harness, key: &str, from: &str) -> anyhow::Result<u16> {
    let body = json!({ "from": from, "to": "someone@example.net", "subject": "Hi", "text": "Hello" });
    Ok(h.api_call(Method::POST, "/emails", key, Some(body)).await?.0)
}

async fn deep_link_opens_drawer_and_disable_takes_effect(h: &Harness) -> anyhow::Result<()> {
    let (id, secret) = h.create_key(json!({ "name": "Toggle", "permission": "fullAccess" })).await?;
    ensure!(key_status(h, &secret).await? == 200);

    open_drawer(h, &id).await?;
    ensure!(h.client.current_url().await?.path() == format!("/dashboard/api-keys/{id}"));
    ensure!(h.texts("#drawer-title").await? == ["Toggle"]);
    h.screenshot("drawer").await?;

    h.click("#edit-enabled").await?;
    save(h).await?;
    ensure!(key_status(h, &secret).await? == 401, "a disabled key is rejected");
    ensure!(read_key(h, &id).await?["status"] == "disabled");

    h.click("#edit-enabled").await?;
    save(h).await?;
    ensure!(key_status(h, &secret).await? == 200, "an enabled key works again");
    Ok(())
}

async fn restrict_then_widen_to_full_access(h: &Harness) -> anyhow::Result<()> {
    let (id, secret) = h.create_key(json!({ "name": "Sender", "permission": "sendingAccess" })).await?;
    let (_, domains) = h.api_call(Method::GET, "/domains?limit=100", &h.admin, None).await?;
    let example = domains["data"]
        .as_array()
        .and_then(|all| all.iter().find(|domain| domain["name"] == "example.com"))
        .and_then(|domain| domain["id"].as_str())
        .context("example.com is seeded")?
        .to_owned();
    ensure!(send_from(h, &secret, "a@notifications.example.org").await? == 202, "unrestricted at first");

    open_from_list(h, &id).await?;
    h.click("#edit-restriction-only").await?;
    h.click(&format!("#edit-domain-{example}")).await?;
    save(h).await?;
    ensure!(send_from(h, &secret, "a@notifications.example.org").await? == 403, "another domain is refused");
    ensure!(send_from(h, &secret, "a@example.com").await? == 202, "the chosen domain works");
    ensure!(h.texts(".drawer-domains").await? == ["example.com"]);

    h.click("#edit-permission-fullAccess").await?;
    ensure!(
        h.client.find_all(Locator::Css("#edit-restriction-only")).await?.is_empty(),
        "the restriction is hidden for Full access"
    );
    save(h).await?;
    ensure!(key_status(h, &secret).await? == 200, "a Full access key can list keys");
    let stored = read_key(h, &id).await?;
    ensure!(stored["permission"] == "fullAccess");
    ensure!(stored["domainIds"] == json!([]), "Full access has no domain list: {stored}");
    Ok(())
}

async fn rename_survives_reload(h: &Harness) -> anyhow::Result<()> {
    let (id, _) = h.create_key(json!({ "name": "Before", "permission": "fullAccess" })).await?;
    open_from_list(h, &id).await?;
    h.type_into("#edit-name", "After rename").await?;
    save(h).await?;
    let row = format!("tr[data-key-id='{id}'] .key-name");
    ensure!(h.texts(&row).await? == ["After rename"], "the row changed without a reload");

    h.client.refresh().await?;
    h.open(&format!("api-keys#key={}", h.admin)).await?;
    h.wait_for(&row).await?;
    ensure!(h.texts(&row).await? == ["After rename"]);
    ensure!(read_key(h, &id).await?["name"] == "After rename");
    Ok(())
}

async fn revoke_is_final(h: &Harness) -> anyhow::Result<()> {
    let (id, secret) = h.create_key(json!({ "name": "Leaked", "permission": "fullAccess" })).await?;
    open_from_list(h, &id).await?;
    h.click(".danger-zone .danger").await?;
    h.type_into("#revoke-confirm", "Leaked").await?;
    h.screenshot("revoke-confirm").await?;
    h.click(".danger-zone .confirm .danger").await?;
    h.wait_for_text("can no longer be changed").await?;

    ensure!(key_status(h, &secret).await? == 401, "a revoked key is rejected");
    let (status, _) = h
        .api_call(Method::PATCH, &format!("/api-keys/{id}"), &h.admin, Some(json!({ "status": "enabled" })))
        .await?;
    ensure!(status == 409, "a revoked key cannot be enabled again, got {status}");
    ensure!(key_status(h, &secret).await? == 401, "still rejected");
    ensure!(h.texts(&format!("tr[data-key-id='{id}'] .key-status")).await? == ["Revoked"]);
    Ok(())
}

async fn back_button_asks_before_losing_changes(h: &Harness) -> anyhow::Result<()> {
    let (id, _) = h.create_key(json!({ "name": "Careful", "permission": "fullAccess" })).await?;
    open_from_list(h, &id).await?;
    h.type_into("#edit-name", "Careful, edited").await?;
    h.client.back().await?;
    h.wait_for(".drawer-form .confirm").await?;
    ensure!(h.client.current_url().await?.path() == format!("/dashboard/api-keys/{id}"));
    let typed = h.wait_for("#edit-name").await?.prop("value").await?;
    ensure!(typed.as_deref() == Some("Careful, edited"), "the typed name survives: {typed:?}");

    h.click(".drawer-form .confirm .danger").await?;
    h.wait_for(&format!("tr[data-key-id='{id}']")).await?;
    ensure!(h.client.find_all(Locator::Css("#edit-name")).await?.is_empty(), "discarding closes the drawer");
    ensure!(h.client.current_url().await?.path() == "/dashboard/api-keys");
    ensure!(read_key(h, &id).await?["name"] == "Careful", "nothing was saved");
    Ok(())
}
