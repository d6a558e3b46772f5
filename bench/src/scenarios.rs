//! One measured run of a page: start-up, or the large list with its memory
//! and search keystrokes. Each run opens and closes its own browser session.

use anyhow::Context;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::browser::{self, Driver, Memory};

/// Rows a paged list shows at once. The probe accepts either every match or
/// this many rows when there are more matches.
pub const PAGE_SIZE: usize = 100;

/// Backspace, as WebDriver's key codes name it.
pub const BACKSPACE: &str = "\u{e003}";

/// One key sent to `#key-search` and the state it should lead to.
#[derive(Clone, Debug, PartialEq)]
pub struct Keystroke {
    /// Text for WebDriver's Element Send Keys: one character or [`BACKSPACE`].
    pub key: String,
    /// The search field's value after the key.
    pub query: String,
    /// `p.count` once the list shows the result.
    pub count_text: String,
    /// Keys that match `query`.
    pub matches: usize,
}

/// Figures of one large-list run, in milliseconds and bytes.
pub struct LargeRun {
    pub first_row: f64,
    pub loaded: f64,
    /// Durations of the long tasks that started before the complete list was painted.
    pub load_long_tasks: Vec<f64>,
    pub memory: Memory,
    /// Keystroke-to-paint times, one per keystroke.
    pub keystrokes: Vec<f64>,
    /// Durations of the long tasks that started while typing.
    pub typing_long_tasks: Vec<f64>,
}

/// Returns navigation start to the first key row painted, in milliseconds.
pub async fn start_up(driver: &Driver, url: &str, total_keys: usize) -> anyhow::Result<f64> {
    let client = driver.session().await?;
    let result = async {
        browser::inject_probe(&client, total_keys, PAGE_SIZE).await?;
        client.goto(url).await?;
        browser::wait_until(&client, "window.__bench.loaded(false, LIMIT)", "the first row").await?;
        let first_row = client.execute("return window.__bench.firstRowPaint;", Vec::new()).await?;
        first_row.as_f64().with_context(|| format!("no first row time: {first_row}"))
    }
    .await;
    let _ = client.close().await;
    result
}

/// Loads the list of `total_keys` keys, then reads memory, then types
/// `keystrokes` (none for a page without search).
pub async fn large_list(driver: &Driver, url: &str, total_keys: usize, keystrokes: &[Keystroke]) -> anyhow::Result<LargeRun> {
    let client = driver.session().await?;
    let result = large_list_in(&client, url, total_keys, keystrokes).await;
    let _ = client.close().await;
    result
}

async fn large_list_in(client: &Client, url: &str, total_keys: usize, keystrokes: &[Keystroke]) -> anyhow::Result<LargeRun> {
    browser::inject_probe(client, total_keys, PAGE_SIZE).await?;
    client.goto(url).await?;
    browser::wait_until(client, "window.__bench.loaded(true, LIMIT)", "the complete list").await?;
    let load = client
        .execute(
            "return { firstRow: window.__bench.firstRowPaint, loaded: window.__bench.loadedPaint, \
             longTasks: window.__bench.longTasks };",
            Vec::new(),
        )
        .await?;
    let first_row = load["firstRow"].as_f64().context("no first row time")?;
    let loaded = load["loaded"].as_f64().context("no loaded time")?;
    let load_long_tasks = long_tasks(&load["longTasks"], 0.0, loaded);

    let memory = browser::memory(client).await?;

    let mut typing_long_tasks = Vec::new();
    let mut samples = Vec::new();
    if !keystrokes.is_empty() {
        let search = client.find(Locator::Css("input#key-search")).await?;
        for keystroke in keystrokes {
            client
                .execute(
                    "window.__bench.arm(arguments[0], arguments[1], arguments[2]);",
                    vec![json!(keystroke.query), json!(keystroke.count_text), json!(keystroke.matches)],
                )
                .await?;
            search.send_keys(&keystroke.key).await?;
            let what = format!("the result for {:?}", keystroke.query);
            browser::wait_until(client, "window.__bench.sampled(LIMIT)", &what).await?;
        }
        let typed = client
            .execute(
                "return { samples: window.__bench.samples, start: window.__bench.typingStart, \
                 longTasks: window.__bench.longTasks };",
                Vec::new(),
            )
            .await?;
        for sample in typed["samples"].as_array().into_iter().flatten() {
            let start = sample["start"].as_f64().context("a sample has no start")?;
            let paint = sample["paint"].as_f64().context("a sample has no paint")?;
            samples.push(paint - start);
        }
        let typing_start = typed["start"].as_f64().context("no typing start")?;
        typing_long_tasks = long_tasks(&typed["longTasks"], typing_start, f64::INFINITY);
    }

    Ok(LargeRun {
        first_row,
        loaded,
        load_long_tasks,
        memory,
        keystrokes: samples,
        typing_long_tasks,
    })
}

/// Durations of the `[startTime, duration]` entries that started in `[from, until)`.
fn long_tasks(entries: &Value, from: f64, until: f64) -> Vec<f64> {
    entries
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| Some((entry[0].as_f64()?, entry[1].as_f64()?)))
        .filter(|(start, _)| *start >= from && *start < until)
        .map(|(_, duration)| duration)
        .collect()
}

/// Returns the dashboard's search rule: the trimmed, lowercased query is a
/// substring of the lowercased name, id or token hint.
pub fn matches(key: &Value, query: &str) -> bool {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let name = key["name"].as_str().unwrap_or_default();
    let id = key["id"].as_str().unwrap_or_default();
    let short_token = key["shortToken"].as_str().unwrap_or_default();
    let hint = if short_token.is_empty() {
        "…(no hint)".to_owned()
    } else {
        format!("…{short_token}")
    };
    (key["name"].is_string() && name.to_lowercase().contains(&needle))
        || id.to_lowercase().contains(&needle)
        || hint.to_lowercase().contains(&needle)
}

/// Returns the dashboard's `p.count` text for a complete list.
pub fn count_text(total: usize, query: &str, matches: usize) -> String {
    let total_text = if total == 1 { "1 key".to_owned() } else { format!("{total} keys") };
    if query.trim().is_empty() {
        total_text
    } else {
        format!("Showing {matches} of {total_text}")
    }
}

/// Builds the keystrokes that type `query` one character at a time and then
/// erase it with Backspace. Returns `None` when two consecutive states would
/// show the same count, because a keystroke that changes nothing on screen
/// has no paint to wait for.
pub fn typing_plan(keys: &[Value], query: &str) -> Option<Vec<Keystroke>> {
    let characters: Vec<char> = query.chars().collect();
    let mut steps = Vec::new();
    for length in 1..=characters.len() {
        steps.push((characters[length - 1].to_string(), characters[..length].iter().collect::<String>()));
    }
    for length in (0..characters.len()).rev() {
        steps.push((BACKSPACE.to_owned(), characters[..length].iter().collect::<String>()));
    }

    let mut previous = count_text(keys.len(), "", keys.len());
    let mut plan = Vec::new();
    for (key, typed) in steps {
        let matching = keys.iter().filter(|key| matches(key, &typed)).count();
        let text = count_text(keys.len(), &typed, matching);
        if text == previous {
            return None;
        }
        previous = text.clone();
        plan.push(Keystroke {
            key,
            query: typed,
            count_text: text,
            matches: matching,
        });
    }
    Some(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, name: Option<&str>, short_token: &str) -> Value {
        json!({ "id": id, "name": name, "shortToken": short_token })
    }

    #[test]
    fn search_matches_name_id_and_hint() {
        let generated = key("apk_01ABC", Some("Generated key 42"), "9f3e21");
        assert!(matches(&generated, "KEY 4"));
        assert!(matches(&generated, " 01abc "));
        assert!(matches(&generated, "…9f3"));
        assert!(!matches(&generated, "zz"));
        assert!(matches(&key("apk_X", None, ""), "no hint"));
        assert!(!matches(&key("apk_X", None, "abc"), "unnamed"));
    }

    #[test]
    fn count_text_matches_dashboard() {
        assert_eq!(count_text(10_000, "", 10_000), "10000 keys");
        assert_eq!(count_text(1, "", 1), "1 key");
        assert_eq!(count_text(10_000, "42", 111), "Showing 111 of 10000 keys");
        assert_eq!(count_text(10_000, "  ", 10_000), "10000 keys");
    }

    #[test]
    fn plan_types_then_erases() {
        let keys = vec![
            key("apk_1", Some("alpha"), "aaaaaa"),
            key("apk_2", Some("also"), "bbbbbb"),
            key("apk_3", Some("beta"), "cccccc"),
        ];
        let plan = typing_plan(&keys, "alp").expect("every step changes the count");
        let queries: Vec<&str> = plan.iter().map(|step| step.query.as_str()).collect();
        assert_eq!(queries, ["a", "al", "alp", "al", "a", ""]);
        assert_eq!(plan[0].key, "a");
        assert_eq!(plan[3].key, BACKSPACE);
        assert_eq!(plan[0].matches, 3);
        assert_eq!(plan[1].matches, 2);
        assert_eq!(plan[2].matches, 1);
        assert_eq!(plan[2].count_text, "Showing 1 of 3 keys");
        assert_eq!(plan[5].count_text, "3 keys");
    }

    #[test]
    fn plan_rejects_step_without_change() {
        let keys = vec![key("apk_1", Some("alpha"), "aaaaaa"), key("apk_2", Some("beta"), "bbbbbb")];
        // "al" and "alp" both match only "alpha".
        assert_eq!(typing_plan(&keys, "alp"), None);
    }
}
