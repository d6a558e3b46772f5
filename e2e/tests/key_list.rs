//! The walking skeleton in real browsers: connect, see the keys, and the
//! connect screen's messages.

use anyhow::ensure;
use e2e::{Harness, browser_tests};
use serde_json::json;

browser_tests!(
    fragment_link_lists_seeded_key,
    sending_only_key_gets_403_message,
    rejected_key_gets_401_message,
    deep_link_survives_connecting,
    unknown_path_shows_not_found,
);

async fn fragment_link_lists_seeded_key(h: &Harness) -> anyhow::Result<()> {
    h.open(&format!("#key={}", h.admin)).await?;
    h.wait_for(".key-row").await?;
    h.wait_for_text("1 key").await?;

    ensure!(h.texts(".key-name").await? == ["Local admin"]);
    let short_token = &h.admin[h.admin.len() - 6..];
    ensure!(h.texts(".key-token").await? == [format!("…{short_token}")]);
    ensure!(h.texts(".key-permission").await? == ["Full access"]);
    ensure!(h.texts(".key-domains").await? == ["Not applicable (Full access)"]);
    ensure!(h.texts(".key-status").await? == ["Enabled"]);
    let created = h.texts(".key-created").await?;
    ensure!(created.len() == 1 && !created[0].is_empty(), "creation date: {created:?}");

    // The fragment was read once and erased; the key is kept nowhere the page can read back.
    let url = h.client.current_url().await?;
    ensure!(url.fragment().is_none(), "fragment left in {url}");
    ensure!(url.path() == "/dashboard/api-keys", "landed on {url}");
    let leaks = h
        .eval(&format!(
            "const s = {secret:?}; return [document.documentElement.outerHTML.includes(s), \
             JSON.stringify(sessionStorage).includes(s), JSON.stringify(localStorage).includes(s), \
             document.cookie.includes(s), location.href.includes(s), \
             JSON.stringify(history.state ?? null).includes(s)];",
            secret = h.admin
        ))
        .await?;
    ensure!(leaks == json!([false, false, false, false, false, false]), "secret found: {leaks}");

    h.screenshot("key-list").await?;
    Ok(())
}

async fn sending_only_key_gets_403_message(h: &Harness) -> anyhow::Result<()> {
    let (_, sending) = h.create_key(json!({ "name": "Mailer", "permission": "sendingAccess" })).await?;
    h.open("connect").await?;
    h.type_into("#api-key", &sending).await?;
    h.click("button[type=submit]").await?;
    h.wait_for_text("This is a Sending only key (403)").await?;
    ensure!(h.client.current_url().await?.path() == "/dashboard/connect");
    Ok(())
}

async fn rejected_key_gets_401_message(h: &Harness) -> anyhow::Result<()> {
    let (id, revoked) = h.create_key(json!({ "name": "Old", "permission": "fullAccess" })).await?;
    let (status, _) = h
        .api_call(reqwest::Method::DELETE, &format!("/api-keys/{id}"), &h.admin, None)
        .await?;
    ensure!(status == 200);

    h.open("connect").await?;
    h.type_into("#api-key", &revoked).await?;
    h.click("button[type=submit]").await?;
    h.wait_for_text("The API rejected this key (401)").await?;
    let typed = h.wait_for("#api-key").await?.prop("value").await?;
    ensure!(typed.as_deref() == Some(revoked.as_str()), "the typed key is kept for correction");
    Ok(())
}

async fn deep_link_survives_connecting(h: &Harness) -> anyhow::Result<()> {
    h.open("api-keys").await?;
    h.wait_for("#api-key").await?;
    h.type_into("#api-key", &h.admin).await?;
    h.click("button[type=submit]").await?;
    h.wait_for(".key-row").await?;
    ensure!(h.client.current_url().await?.path() == "/dashboard/api-keys");
    Ok(())
}

async fn unknown_path_shows_not_found(h: &Harness) -> anyhow::Result<()> {
    h.open("no/such/page").await?;
    h.wait_for_text("Page not found").await?;
    h.click(".not-found a").await?;
    h.wait_for("#api-key").await?;
    Ok(())
}
