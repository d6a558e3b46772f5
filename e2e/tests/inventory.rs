//! The key inventory: filters in the URL, export, posture and per-domain view.

use anyhow::{Context, ensure};
use e2e::{Harness, browser_tests};
use reqwest::Method;
use serde_json::{Value, json};

browser_tests!(
    filter_from_url_and_back_button,
    export_matches_rows_without_secrets,
    posture_link_applies_filter,
    per_domain_view_by_url,
);

/// Records exported files: the dashboard hands each to `URL.createObjectURL`.
const CAPTURE_EXPORTS: &str = "window.__exports = []; const original = URL.createObjectURL; \
    URL.createObjectURL = (blob) => { blob.text().then((text) => window.__exports.push(text)); return original(blob); }; return null;";

async fn seed_keys(h: &Harness) -> anyhow::Result<Vec<String>> {
    let mut secrets = vec![h.admin.clone()];
    for (name, permission, status) in [
        ("Billing", "sendingAccess", "enabled"),
        ("=cmd|' /C calc'!A0", "sendingAccess", "disabled"),
        ("Staging", "fullAccess", "disabled"),
    ] {
        let (_, secret) = h.create_key(json!({ "name": name, "permission": permission, "status": status })).await?;
        secrets.push(secret);
    }
    Ok(secrets)
}

async fn filter_from_url_and_back_button(h: &Harness) -> anyhow::Result<()> {
    seed_keys(h).await?;
    h.open(&format!("api-keys?status=disabled#key={}", h.admin)).await?;
    h.wait_for_text("Showing 2 of 4 keys").await?;
    let names = h.texts(".key-name").await?;
    ensure!(names.len() == 2, "{names:?}");
    ensure!(h.texts(".key-status").await?.iter().all(|status| status == "Disabled"));
    let selected = h.wait_for("#filter-status").await?.prop("value").await?;
    ensure!(selected.as_deref() == Some("disabled"), "the control shows the URL's filter");

    h.wait_for("#filter-permission").await?.select_by_value("fullAccess").await?;
    h.wait_for_text("Showing 1 of 4 keys").await?;
    let url = h.client.current_url().await?;
    ensure!(url.query().is_some_and(|query| query.contains("permission=fullAccess")), "{url}");

    h.client.back().await?;
    h.wait_for_text("Showing 2 of 4 keys").await?;
    ensure!(!h.client.current_url().await?.as_str().contains("permission="), "back restores the previous filter");
    Ok(())
}

async fn export_matches_rows_without_secrets(h: &Harness) -> anyhow::Result<()> {
    let secrets = seed_keys(h).await?;
    h.open(&format!("api-keys?permission=sendingAccess#key={}", h.admin)).await?;
    h.wait_for_text("Showing 2 of 4 keys").await?;
    h.eval(CAPTURE_EXPORTS).await?;
    h.click("#export-csv").await?;
    h.click("#export-json").await?;

    let deadline = std::time::Instant::now() + e2e::WAIT;
    let exports = loop {
        let exports = h.eval("return window.__exports;").await?;
        if exports.as_array().is_some_and(|files| files.len() == 2) {
            break exports;
        }
        ensure!(std::time::Instant::now() < deadline, "the exports were not produced: {exports}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let files: Vec<String> = exports.as_array().context("files")?.iter().filter_map(|file| file.as_str().map(str::to_owned)).collect();
    let (csv, json_text) = if files[0].starts_with("id,") { (&files[0], &files[1]) } else { (&files[1], &files[0]) };

    let visible_ids: Vec<String> = h
        .eval("return [...document.querySelectorAll('.key-row')].map((row) => row.dataset.keyId);")
        .await?
        .as_array()
        .context("ids")?
        .iter()
        .filter_map(|id| id.as_str().map(str::to_owned))
        .collect();
    let rows: Vec<Value> = serde_json::from_str(json_text)?;
    let exported_ids: Vec<&str> = rows.iter().filter_map(|row| row["id"].as_str()).collect();
    ensure!(exported_ids == visible_ids, "JSON rows {exported_ids:?} differ from the visible {visible_ids:?}");
    let csv_lines: Vec<&str> = csv.split("\r\n").filter(|line| !line.is_empty()).collect();
    ensure!(csv_lines.len() == visible_ids.len() + 1, "CSV has a header and one line per row: {csv}");
    for id in &visible_ids {
        ensure!(csv.contains(id.as_str()), "{id} missing from the CSV");
    }
    ensure!(csv.contains("'=cmd|"), "a formula-like name is neutralised: {csv}");
    for secret in &secrets {
        ensure!(!csv.contains(secret.as_str()) && !json_text.contains(secret.as_str()), "an export contains a secret");
    }
    Ok(())
}

async fn posture_link_applies_filter(h: &Harness) -> anyhow::Result<()> {
    seed_keys(h).await?;
    h.open(&format!("api-keys#key={}", h.admin)).await?;
    h.wait_for(".posture").await?;
    let disabled = h.wait_for("[data-finding='disabled-not-revoked'] .posture-count").await?.text().await?;
    ensure!(disabled == "2", "two disabled keys, got {disabled}");
    h.click("[data-finding='disabled-not-revoked'] a").await?;
    h.wait_for_text("Showing 2 of 4 keys").await?;
    ensure!(h.client.current_url().await?.as_str().contains("posture=disabled-not-revoked"));

    // It recomputes as keys change.
    let id = h
        .eval("return document.querySelector('.key-row').dataset.keyId;")
        .await?
        .as_str()
        .context("a row")?
        .to_owned();
    h.api_call(Method::DELETE, &format!("/api-keys/{id}"), &h.admin, None).await?;
    h.click(".page-header .actions button:first-child").await?;
    h.wait_for_text("Showing 1 of 4 keys").await?;
    let disabled = h.wait_for("[data-finding='disabled-not-revoked'] .posture-count").await?.text().await?;
    ensure!(disabled == "1", "the count follows the change, got {disabled}");
    Ok(())
}

async fn per_domain_view_by_url(h: &Harness) -> anyhow::Result<()> {
    let (_, domains) = h.api_call(Method::GET, "/domains?limit=100", &h.admin, None).await?;
    let example = domains["data"]
        .as_array()
        .and_then(|all| all.iter().find(|domain| domain["name"] == "example.com"))
        .and_then(|domain| domain["id"].as_str())
        .context("example.com")?
        .to_owned();
    h.create_key(json!({ "name": "Restricted mailer", "permission": "sendingAccess", "domainIds": [example] })).await?;
    h.create_key(json!({ "name": "Any domain mailer", "permission": "sendingAccess" })).await?;

    h.open(&format!("domains#key={}", h.admin)).await?;
    let card = h.wait_for(&format!("[data-domain-id='{example}']")).await?;
    let text = card.text().await?;
    for expected in ["3 enabled keys can send from it", "Local admin", "Restricted mailer", "Any domain mailer"] {
        ensure!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    let other = h.texts(".domain-card").await?;
    let notifications = other
        .iter()
        .find(|text| text.starts_with("notifications.example.org"))
        .context("notifications.example.org")?;
    ensure!(!notifications.contains("Restricted mailer"), "a key restricted elsewhere is not listed");
    ensure!(notifications.contains("2 enabled keys"), "{notifications}");
    h.screenshot("domains").await?;
    Ok(())
}

mod many_pages {
    use anyhow::ensure;
    use e2e::{Browser, Harness};

    /// 250 generated keys and the seeded one: three pages of 100.
    const GENERATED: usize = 250;

    async fn filter_stays_correct_across_pages(h: &Harness) -> anyhow::Result<()> {
        h.open(&format!("api-keys?status=disabled#key={}", h.admin)).await?;
        // Every tenth generated key is disabled.
        h.wait_for_text(&format!("Showing {} of {} keys", GENERATED / 10, GENERATED + 1)).await?;
        let statuses = h.texts(".key-status").await?;
        ensure!(statuses.len() == GENERATED / 10, "{} rows", statuses.len());
        ensure!(statuses.iter().all(|status| status == "Disabled"));
        Ok(())
    }

    /// Returns the ids of the rows shown, in order.
    async fn row_ids(h: &Harness) -> anyhow::Result<Vec<String>> {
        let ids = h.eval("return [...document.querySelectorAll('.key-row')].map((row) => row.dataset.keyId);").await?;
        Ok(serde_json::from_value(ids)?)
    }

    /// The list shows 100 rows at a time; the pager, the back button, a
    /// deep link and a new search move between those pages.
    async fn rows_come_in_pages(h: &Harness) -> anyhow::Result<()> {
        let total = GENERATED + 1;
        h.open(&format!("api-keys#key={}", h.admin)).await?;
        h.wait_for_text(&format!("{total} keys")).await?;
        h.wait_for_text(&format!("Showing 1–100 of {total}")).await?;
        let first_page = row_ids(h).await?;
        ensure!(first_page.len() == 100, "{} rows on the first page", first_page.len());
        ensure!(h.wait_for(".pager-previous").await?.attr("disabled").await?.is_some(), "no page before the first");

        h.click(".pager-next").await?;
        h.wait_for_text(&format!("Showing 101–200 of {total}")).await?;
        let second_page = row_ids(h).await?;
        ensure!(second_page.len() == 100, "{} rows on the second page", second_page.len());
        ensure!(second_page.iter().all(|id| !first_page.contains(id)), "the second page repeats no row");
        ensure!(h.client.current_url().await?.as_str().contains("page=2"), "the page is in the URL");

        h.click(".pager-next").await?;
        h.wait_for_text(&format!("Showing 201–{total} of {total}")).await?;
        let last_page = row_ids(h).await?;
        ensure!(last_page.len() == total - 200, "{} rows on the last page", last_page.len());
        ensure!(h.wait_for(".pager-next").await?.attr("disabled").await?.is_some(), "no page after the last");
        let mut every_row: Vec<&String> = first_page.iter().chain(&second_page).chain(&last_page).collect();
        every_row.sort();
        every_row.dedup();
        ensure!(every_row.len() == total, "the pages show each of the {total} keys once");

        h.client.back().await?;
        h.wait_for_text(&format!("Showing 101–200 of {total}")).await?;
        ensure!(row_ids(h).await? == second_page, "back returns to the previous page");

        // A new search starts again from its first page.
        h.type_into("#key-search", "generated").await?;
        h.wait_for_text("Showing 1–100 of").await?;
        // The URL follows the typing after the next paint.
        let deadline = std::time::Instant::now() + e2e::WAIT;
        loop {
            let url = h.client.current_url().await?;
            if url.query().is_some_and(|query| query.contains("q=generated") && !query.contains("page=")) {
                break;
            }
            ensure!(std::time::Instant::now() < deadline, "the URL never showed the search without a page: {url}");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }

        // A page number past the end, as from an old bookmark, shows the last page.
        h.open(&format!("api-keys?page=40#key={}", h.admin)).await?;
        h.wait_for_text(&format!("Showing 201–{total} of {total}")).await?;
        ensure!(row_ids(h).await? == last_page, "page 40 of 3 shows the last page");
        h.screenshot("pager").await?;
        Ok(())
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn chromium_rows_come_in_pages() {
        e2e::run_with_keys(Browser::Chromium, GENERATED, rows_come_in_pages).await;
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn firefox_rows_come_in_pages() {
        e2e::run_with_keys(Browser::Firefox, GENERATED, rows_come_in_pages).await;
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn chromium_filter_across_pages() {
        e2e::run_with_keys(Browser::Chromium, GENERATED, filter_stays_correct_across_pages).await;
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn firefox_filter_across_pages() {
        e2e::run_with_keys(Browser::Firefox, GENERATED, filter_stays_correct_across_pages).await;
    }
}
