//! Accessibility in real browsers: axe-core on every screen and state in both
//! colour schemes, widths from 360 px, and the main flows with the keyboard
//! alone.

use anyhow::ensure;
use e2e::{Harness, browser_tests, themed_browser_tests};
use fantoccini::key::Key;
use reqwest::Method;
use serde_json::json;

themed_browser_tests!(every_screen_passes_axe);
browser_tests!(create_and_reveal_with_keyboard_only, edit_and_revoke_with_keyboard_only);

const WIDTHS: [u32; 2] = [360, 1280];

/// Checks the current state: no serious or critical axe violation, and no
/// sideways scrolling at either width. Saves a screenshot at each width.
async fn check_state(h: &Harness, state: &str, failures: &mut Vec<String>) -> anyhow::Result<()> {
    for width in WIDTHS {
        h.client.set_window_size(width, 900).await?;
        // Let the layout settle after the resize.
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        let overflow = h.horizontal_overflow().await?;
        if overflow > 0 {
            failures.push(format!("{state} at {width} px: {overflow} px of sideways scrolling"));
        }
        h.screenshot(&format!("a11y-{}-{width}-{state}", h.theme.name())).await?;
    }
    for violation in h.axe_violations().await? {
        failures.push(format!("{state}: {violation}"));
    }
    Ok(())
}

async fn every_screen_passes_axe(h: &Harness) -> anyhow::Result<()> {
    let mut failures = Vec::new();
    let (drawer_key, _) = h.create_key(json!({ "name": "Drawer key", "permission": "sendingAccess" })).await?;
    let (revoked_key, _) = h.create_key(json!({ "name": "Revoked key", "permission": "fullAccess" })).await?;
    h.api_call(Method::DELETE, &format!("/api-keys/{revoked_key}"), &h.admin, None).await?;

    h.open("connect").await?;
    h.wait_for("#api-key").await?;
    check_state(h, "connect", &mut failures).await?;

    h.type_into("#api-key", "ntly_not_a_key").await?;
    h.click("button[type=submit]").await?;
    h.wait_for_text("(401)").await?;
    check_state(h, "connect-error", &mut failures).await?;

    h.open(&format!("api-keys#key={}", h.admin)).await?;
    h.wait_for(".key-row").await?;
    check_state(h, "list", &mut failures).await?;

    h.set_faults(json!([{ "method": "GET", "path": "/api-keys", "fault": { "kind": "body", "status": 200, "body": { "data": [], "nextCursor": null } } }]))
        .await?;
    h.click(".page-header .actions button:first-child").await?;
    h.wait_for(".empty").await?;
    check_state(h, "list-empty", &mut failures).await?;

    h.set_faults(json!([{ "method": "GET", "path": "/api-keys", "fault": { "kind": "status", "status": 503 } }])).await?;
    h.click(".page-header .actions button:first-child").await?;
    h.wait_for(".error-panel").await?;
    check_state(h, "list-error", &mut failures).await?;
    h.set_faults(json!([])).await?;
    h.click(".error-panel button").await?;
    h.wait_for(".key-row").await?;

    h.click("#create-key-button").await?;
    h.wait_for("#new-key-name").await?;
    check_state(h, "wizard-name", &mut failures).await?;
    h.click(".wizard button[type=submit]").await?;
    h.wait_for_text("Enter a name").await?;
    check_state(h, "wizard-name-error", &mut failures).await?;
    h.type_into("#new-key-name", "Accessible key").await?;
    h.click(".wizard button[type=submit]").await?;
    h.wait_for("#new-key-permission-sendingAccess").await?;
    check_state(h, "wizard-permission", &mut failures).await?;
    h.click(".wizard button[type=submit]").await?;
    h.click("#new-key-restriction-only").await?;
    h.wait_for(".domain-option").await?;
    check_state(h, "wizard-domains", &mut failures).await?;
    h.click(".domain-option:not(.unverified) input").await?;
    h.click(".wizard button[type=submit]").await?;
    h.wait_for(".review").await?;
    check_state(h, "wizard-review", &mut failures).await?;

    h.click(".wizard button[type=submit]").await?;
    h.wait_for("#reveal-secret").await?;
    check_state(h, "reveal", &mut failures).await?;
    h.click(".reveal .modal-footer .primary").await?;
    h.wait_for(".reveal .confirm").await?;
    check_state(h, "reveal-confirm", &mut failures).await?;
    h.click(".reveal .confirm .danger").await?;

    h.open(&format!("api-keys/{drawer_key}#key={}", h.admin)).await?;
    h.wait_for("#edit-name").await?;
    check_state(h, "drawer", &mut failures).await?;
    h.click(".danger-zone .danger").await?;
    h.wait_for("#revoke-confirm").await?;
    check_state(h, "drawer-revoke", &mut failures).await?;

    h.open(&format!("api-keys/{revoked_key}#key={}", h.admin)).await?;
    h.wait_for(".revoked-note").await?;
    check_state(h, "drawer-revoked", &mut failures).await?;

    h.open("no/such/page").await?;
    h.wait_for(".not-found").await?;
    check_state(h, "not-found", &mut failures).await?;

    ensure!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));

    // The checker itself works: a button without a name is reported.
    h.eval("document.querySelector('main').append(document.createElement('button')); return null;").await?;
    let planted = h.axe_violations().await?;
    ensure!(planted.iter().any(|line| line.contains("button-name")), "axe missed a nameless button: {planted:?}");
    Ok(())
}

/// Presses `key` on whatever has the focus.
async fn press(h: &Harness, key: Key) -> anyhow::Result<()> {
    let focused = h.client.active_element().await?;
    focused.send_keys(&char::from(key).to_string()).await?;
    Ok(())
}

async fn type_text(h: &Harness, text: &str) -> anyhow::Result<()> {
    h.client.active_element().await?.send_keys(text).await?;
    Ok(())
}

/// Presses Tab until the focused element matches `css`, at most 40 times,
/// which proves it is in the tab order.
async fn tab_to(h: &Harness, css: &str) -> anyhow::Result<()> {
    for _ in 0..40 {
        if focused_matches(h, css).await? {
            return focus_ring_visible(h, css).await;
        }
        press(h, Key::Tab).await?;
    }
    anyhow::bail!("Tab never reached {css:?}")
}

/// Waits until the focused element matches `css`, as focus may move in a
/// later task.
async fn wait_for_focus(h: &Harness, css: &str) -> anyhow::Result<()> {
    let deadline = std::time::Instant::now() + e2e::WAIT;
    while !focused_matches(h, css).await? {
        let focused = h.eval("return document.activeElement?.outerHTML.slice(0, 120) ?? null;").await?;
        ensure!(std::time::Instant::now() < deadline, "focus never reached {css:?}; it is on {focused}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Ok(())
}

async fn focused_matches(h: &Harness, css: &str) -> anyhow::Result<bool> {
    let matches = h
        .client
        .execute("return document.activeElement?.matches(arguments[0]) ?? false;", vec![json!(css)])
        .await?;
    Ok(matches == json!(true))
}

async fn focus_ring_visible(h: &Harness, css: &str) -> anyhow::Result<()> {
    let outline = h
        .eval("const style = getComputedStyle(document.activeElement); return style.outlineStyle + ' ' + style.outlineWidth;")
        .await?;
    let outline = outline.as_str().unwrap_or_default().to_owned();
    ensure!(!outline.starts_with("none") && !outline.ends_with(" 0px"), "{css} has no visible focus ring: {outline}");
    Ok(())
}

async fn create_and_reveal_with_keyboard_only(h: &Harness) -> anyhow::Result<()> {
    h.open(&format!("api-keys#key={}", h.admin)).await?;
    h.wait_for(".key-row").await?;

    tab_to(h, "#create-key-button").await?;
    press(h, Key::Enter).await?;
    h.wait_for("#new-key-name").await?;
    ensure!(focused_matches(h, "dialog *").await?, "focus moved into the wizard");
    tab_to(h, "#new-key-name").await?;
    type_text(h, "Keyboard key").await?;
    press(h, Key::Enter).await?;
    h.wait_for("#new-key-permission-sendingAccess").await?;
    // Each step's chosen option takes focus, rather than the page body.
    wait_for_focus(h, "#new-key-permission-sendingAccess").await?;
    focus_ring_visible(h, "#new-key-permission-sendingAccess").await?;
    press(h, Key::Enter).await?;
    h.wait_for("#new-key-restriction-all").await?;
    wait_for_focus(h, "#new-key-restriction-all").await?;
    focus_ring_visible(h, "#new-key-restriction-all").await?;
    press(h, Key::Enter).await?;
    h.wait_for(".review").await?;
    // The review has no field: the step itself takes focus, so a screen
    // reader reads the summary and Tab goes on to the buttons.
    wait_for_focus(h, ".wizard-step").await?;
    tab_to(h, ".wizard button[type=submit]").await?;
    press(h, Key::Enter).await?;

    h.wait_for("#reveal-secret").await?;
    tab_to(h, ".reveal .copy").await?;
    press(h, Key::Enter).await?;
    // Headless browsers may refuse the clipboard; then the text is selected instead.
    let deadline = std::time::Instant::now() + e2e::WAIT;
    loop {
        let status = h.texts(".copy-status").await?.join(" ");
        if status.contains("copied to the clipboard") || status.contains("is selected") {
            break;
        }
        ensure!(std::time::Instant::now() < deadline, "copying gave no feedback: {status:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    tab_to(h, "#reveal-stored").await?;
    press(h, Key::Space).await?;
    tab_to(h, ".reveal .modal-footer .primary").await?;
    press(h, Key::Enter).await?;
    h.wait_for_text("Keyboard key").await?;
    ensure!(h.client.find_all(fantoccini::Locator::Css("#reveal-secret")).await?.is_empty());
    ensure!(focused_matches(h, "#create-key-button").await?, "focus returned to the Create key button");
    Ok(())
}

async fn edit_and_revoke_with_keyboard_only(h: &Harness) -> anyhow::Result<()> {
    let (id, _) = h.create_key(json!({ "name": "Keyboard edit", "permission": "fullAccess" })).await?;
    h.open(&format!("api-keys#key={}", h.admin)).await?;
    h.wait_for(".key-row").await?;

    let link = format!("#key-link-{id}");
    tab_to(h, &link).await?;
    press(h, Key::Enter).await?;
    h.wait_for("#edit-name").await?;
    tab_to(h, "#edit-name").await?;
    // Tabbing into a text field selects its text; End keeps it.
    press(h, Key::End).await?;
    type_text(h, " renamed").await?;
    tab_to(h, ".drawer-form button[type=submit]").await?;
    press(h, Key::Enter).await?;
    h.wait_for_text("Changes saved.").await?;

    tab_to(h, ".danger-zone .danger").await?;
    press(h, Key::Enter).await?;
    h.wait_for("#revoke-confirm").await?;
    tab_to(h, "#revoke-confirm").await?;
    type_text(h, "Keyboard edit renamed").await?;
    press(h, Key::Enter).await?;
    h.wait_for_text("can no longer be changed").await?;

    press(h, Key::Escape).await?;
    h.wait_for(&link).await?;
    let (_, body) = h.api_call(Method::GET, &format!("/api-keys/{id}"), &h.admin, None).await?;
    ensure!(body["data"]["status"] == "revoked");
    ensure!(body["data"]["name"] == "Keyboard edit renamed");
    // The drawer returns focus in a later task, once it has closed.
    wait_for_focus(h, &link).await?;
    Ok(())
}

