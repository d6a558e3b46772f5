//! Statistics, budgets and the printed table of the browser measures.

use serde_json::{Map, Value, json};

use crate::scenarios::LargeRun;

/// Start-up budget: the dashboard's median at most this many times the
/// minimal Leptos app's.
const START_UP_RATIO_BUDGET: f64 = 2.0;
/// Keystroke-to-paint budget for the median, in milliseconds: one frame at 60 Hz.
const KEYSTROKE_BUDGET_MS: f64 = 16.0;
/// Keystroke-to-paint budget relative to the plain JavaScript baseline.
const KEYSTROKE_RATIO_BUDGET: f64 = 1.5;
/// Memory budget for wasm linear memory plus the JavaScript heap: 25 MiB.
const MEMORY_BUDGET_BYTES: f64 = 25.0 * 1024.0 * 1024.0;

/// A page the benchmark loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum App {
    Dashboard,
    LeptosMinimal,
    StaticHtml,
    PlainJs,
    React,
}

impl App {
    pub fn label(self) -> &'static str {
        match self {
            App::Dashboard => "dashboard",
            App::LeptosMinimal => "minimal Leptos app",
            App::StaticHtml => "static HTML",
            App::PlainJs => "plain JavaScript",
            App::React => "React 19",
        }
    }

    pub fn json_name(self) -> &'static str {
        match self {
            App::Dashboard => "dashboard",
            App::LeptosMinimal => "leptosMinimal",
            App::StaticHtml => "staticHtml",
            App::PlainJs => "plainJs",
            App::React => "react",
        }
    }
}

/// Median, min and max of some samples. With an even count the median is
/// the upper of the two middle samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub samples: usize,
}

impl Stats {
    pub fn of(values: &[f64]) -> Option<Self> {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Some(Self {
            median: *sorted.get(sorted.len() / 2)?,
            min: *sorted.first()?,
            max: *sorted.last()?,
            samples: sorted.len(),
        })
    }

    fn json(&self) -> Value {
        json!({ "median": round(self.median), "min": round(self.min), "max": round(self.max), "samples": self.samples })
    }
}

fn round(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// Every figure of the browser measures.
pub struct Results {
    pub runs: usize,
    pub small_keys: usize,
    pub large_keys: usize,
    /// Start-up samples with the small list, in milliseconds.
    pub start_up: Vec<(App, Vec<f64>)>,
    pub large: Vec<(App, Vec<LargeRun>)>,
}

/// The large-list figures of one page, over its runs.
struct LargeStats {
    first_row: Stats,
    loaded: Stats,
    load_long_task_max: Stats,
    load_long_task_count: Stats,
    memory: Stats,
    wasm: Stats,
    js_heap: Stats,
    keystroke: Option<Stats>,
    typing_long_task_max: Option<Stats>,
    typing_long_task_count: Option<Stats>,
}

impl LargeStats {
    fn of(runs: &[LargeRun]) -> Option<Self> {
        let each = |figure: &dyn Fn(&LargeRun) -> f64| runs.iter().map(figure).collect::<Vec<f64>>();
        let longest = |tasks: &[f64]| tasks.iter().copied().fold(0.0, f64::max);
        let typed = runs.iter().any(|run| !run.keystrokes.is_empty());
        let keystrokes: Vec<f64> = runs.iter().flat_map(|run| run.keystrokes.iter().copied()).collect();
        Some(Self {
            first_row: Stats::of(&each(&|run| run.first_row))?,
            loaded: Stats::of(&each(&|run| run.loaded))?,
            load_long_task_max: Stats::of(&each(&|run| longest(&run.load_long_tasks)))?,
            load_long_task_count: Stats::of(&each(&|run| run.load_long_tasks.len() as f64))?,
            memory: Stats::of(&each(&|run| run.memory.wasm + run.memory.js_heap))?,
            wasm: Stats::of(&each(&|run| run.memory.wasm))?,
            js_heap: Stats::of(&each(&|run| run.memory.js_heap))?,
            keystroke: Stats::of(&keystrokes),
            typing_long_task_max: typed.then(|| Stats::of(&each(&|run| longest(&run.typing_long_tasks)))).flatten(),
            typing_long_task_count: typed
                .then(|| Stats::of(&each(&|run| run.typing_long_tasks.len() as f64)))
                .flatten(),
        })
    }
}

/// A budget and whether the dashboard meets it.
struct Verdict {
    name: String,
    budget: String,
    value: String,
    met: bool,
    missed_by: String,
}

impl Verdict {
    fn text(&self) -> String {
        if self.met {
            format!("{}: {}, met", self.budget, self.value)
        } else {
            format!("{}: {}, **MISSED by {}**", self.budget, self.value, self.missed_by)
        }
    }

    fn json(&self) -> Value {
        json!({ "name": self.name, "budget": self.budget, "value": self.value, "met": self.met })
    }
}

fn ms(value: f64) -> String {
    format!("{value:.1} ms")
}

fn mib(value: f64) -> String {
    format!("{:.2} MiB", value / 1024.0 / 1024.0)
}

fn row(measure: &str, stats: &Stats, unit: fn(f64) -> String, note: &str) -> String {
    format!("| {measure} | {} | {} | {} | {note} |", unit(stats.median), unit(stats.min), unit(stats.max))
}

fn count(value: f64) -> String {
    format!("{value:.0}")
}

/// Returns the table rows (Markdown, no header) and the JSON report.
pub fn render(results: &Results) -> (Vec<String>, Value) {
    let mut rows = Vec::new();
    let mut verdicts = Vec::new();
    let mut json_start_up = Map::new();
    let mut json_large = Map::new();

    // Start-up with the small list.
    let start_up: Vec<(App, Stats)> = results
        .start_up
        .iter()
        .filter_map(|(app, samples)| Some((*app, Stats::of(samples)?)))
        .collect();
    let start_up_of = |wanted: App| start_up.iter().find(|(app, _)| *app == wanted).map(|(_, stats)| *stats);
    if let Some(dashboard) = start_up_of(App::Dashboard) {
        let mut notes = Vec::new();
        if let Some(minimal) = start_up_of(App::LeptosMinimal) {
            let ratio = dashboard.median / minimal.median;
            let verdict = Verdict {
                name: "start-up vs minimal Leptos".to_owned(),
                budget: format!("≤ {START_UP_RATIO_BUDGET}× minimal Leptos"),
                value: format!("{ratio:.2}×"),
                met: ratio <= START_UP_RATIO_BUDGET,
                missed_by: ms(dashboard.median - START_UP_RATIO_BUDGET * minimal.median),
            };
            notes.push(verdict.text());
            verdicts.push(verdict);
        }
        if let Some(react) = start_up_of(App::React) {
            let verdict = Verdict {
                name: "start-up vs React".to_owned(),
                budget: "faster than React 19".to_owned(),
                value: format!("{:.2}×", dashboard.median / react.median),
                met: dashboard.median < react.median,
                missed_by: ms(dashboard.median - react.median),
            };
            notes.push(verdict.text());
            verdicts.push(verdict);
        }
        rows.push(row(
            &format!("start-up, {} keys: **dashboard**", results.small_keys),
            &dashboard,
            ms,
            &notes.join("; "),
        ));
        for (app, stats) in &start_up {
            if *app != App::Dashboard {
                let note = format!("dashboard ÷ this: {:.2}×", dashboard.median / stats.median);
                rows.push(row(&format!("start-up, {} keys: {}", results.small_keys, app.label()), stats, ms, &note));
            }
        }
    }
    for (app, stats) in &start_up {
        json_start_up.insert(app.json_name().to_owned(), stats.json());
    }

    // The large list.
    let large: Vec<(App, LargeStats)> = results
        .large
        .iter()
        .filter_map(|(app, runs)| Some((*app, LargeStats::of(runs)?)))
        .collect();
    let dashboard = large.iter().find(|(app, _)| *app == App::Dashboard).map(|(_, stats)| stats);
    let plain = large.iter().find(|(app, _)| *app == App::PlainJs).map(|(_, stats)| stats);
    let keys = results.large_keys;
    let ratio_note = |app: App, figure: &Stats, dashboard_figure: Option<&Stats>| match (app, dashboard_figure) {
        (App::Dashboard, _) | (_, None) => String::new(),
        (_, Some(dashboard_figure)) => format!("dashboard ÷ this: {:.2}×", dashboard_figure.median / figure.median),
    };

    for (app, stats) in &large {
        let note = ratio_note(*app, &stats.first_row, dashboard.map(|d| &d.first_row));
        rows.push(row(&format!("{keys} keys, first row painted: {}", app.label()), &stats.first_row, ms, &note));
    }
    for (app, stats) in &large {
        let note = ratio_note(*app, &stats.loaded, dashboard.map(|d| &d.loaded));
        rows.push(row(&format!("{keys} keys, all loaded and painted: {}", app.label()), &stats.loaded, ms, &note));
    }
    for (app, stats) in &large {
        let note = if *app == App::Dashboard {
            let worst = stats.load_long_task_count.max;
            let verdict = Verdict {
                name: "long tasks during the large load".to_owned(),
                budget: "no task over 50 ms".to_owned(),
                value: format!("up to {worst:.0} per run, longest {}", ms(stats.load_long_task_max.max)),
                met: worst == 0.0,
                missed_by: format!("{worst:.0} tasks"),
            };
            let text = verdict.text();
            verdicts.push(verdict);
            text
        } else {
            String::new()
        };
        rows.push(row(
            &format!("{keys} keys, long tasks (> 50 ms) during load: {}", app.label()),
            &stats.load_long_task_count,
            count,
            &note,
        ));
        rows.push(row(
            &format!("{keys} keys, longest task during load: {}", app.label()),
            &stats.load_long_task_max,
            ms,
            "",
        ));
    }
    for (app, stats) in &large {
        let Some(keystroke) = &stats.keystroke else { continue };
        let mut notes = Vec::new();
        if *app == App::Dashboard {
            let verdict = Verdict {
                name: "keystroke to paint".to_owned(),
                budget: format!("median ≤ {KEYSTROKE_BUDGET_MS} ms"),
                value: ms(keystroke.median),
                met: keystroke.median <= KEYSTROKE_BUDGET_MS,
                missed_by: ms(keystroke.median - KEYSTROKE_BUDGET_MS),
            };
            notes.push(verdict.text());
            verdicts.push(verdict);
            if let Some(plain_keystroke) = plain.and_then(|plain| plain.keystroke.as_ref()) {
                let ratio = keystroke.median / plain_keystroke.median;
                let verdict = Verdict {
                    name: "keystroke to paint vs plain JavaScript".to_owned(),
                    budget: format!("≤ {KEYSTROKE_RATIO_BUDGET}× plain JavaScript"),
                    value: format!("{ratio:.2}×"),
                    met: ratio <= KEYSTROKE_RATIO_BUDGET,
                    missed_by: ms(keystroke.median - KEYSTROKE_RATIO_BUDGET * plain_keystroke.median),
                };
                notes.push(verdict.text());
                verdicts.push(verdict);
            }
        } else if let Some(dashboard_keystroke) = dashboard.and_then(|d| d.keystroke.as_ref()) {
            notes.push(format!("dashboard ÷ this: {:.2}×", dashboard_keystroke.median / keystroke.median));
        }
        notes.push(format!("{} keystrokes", keystroke.samples));
        rows.push(row(
            &format!("search keystroke to paint, {keys} keys: {}", app.label()),
            keystroke,
            ms,
            &notes.join("; "),
        ));
    }
    for (app, stats) in &large {
        if let (Some(tasks), Some(longest)) = (&stats.typing_long_task_count, &stats.typing_long_task_max) {
            rows.push(row(&format!("long tasks (> 50 ms) while typing: {}", app.label()), tasks, count, ""));
            rows.push(row(&format!("longest task while typing: {}", app.label()), longest, ms, ""));
        }
    }
    for (app, stats) in &large {
        let mut note = format!("wasm {} + JS heap {} (medians)", mib(stats.wasm.median), mib(stats.js_heap.median));
        if *app == App::Dashboard {
            let verdict = Verdict {
                name: "memory after the large load".to_owned(),
                budget: format!("≤ {}", mib(MEMORY_BUDGET_BYTES)),
                value: mib(stats.memory.median),
                met: stats.memory.median <= MEMORY_BUDGET_BYTES,
                missed_by: mib(stats.memory.median - MEMORY_BUDGET_BYTES),
            };
            note = format!("{note}; {}", verdict.text());
            verdicts.push(verdict);
        } else if let Some(dashboard) = dashboard {
            note = format!("{note}; dashboard ÷ this: {:.2}×", dashboard.memory.median / stats.memory.median);
        }
        rows.push(row(&format!("memory after {keys} keys: {}", app.label()), &stats.memory, mib, &note));
    }

    for (app, stats) in &large {
        let optional = |stats: &Option<Stats>| stats.as_ref().map(Stats::json).unwrap_or(Value::Null);
        json_large.insert(
            app.json_name().to_owned(),
            json!({
                "firstRowMs": stats.first_row.json(),
                "loadedMs": stats.loaded.json(),
                "loadLongTaskCount": stats.load_long_task_count.json(),
                "loadLongestTaskMs": stats.load_long_task_max.json(),
                "memoryBytes": stats.memory.json(),
                "wasmMemoryBytes": stats.wasm.json(),
                "jsHeapBytes": stats.js_heap.json(),
                "keystrokeToPaintMs": optional(&stats.keystroke),
                "typingLongTaskCount": optional(&stats.typing_long_task_count),
                "typingLongestTaskMs": optional(&stats.typing_long_task_max),
            }),
        );
    }

    let report = json!({
        "runs": results.runs,
        "startUpMs": { "keys": results.small_keys, "pages": json_start_up },
        "largeList": { "keys": results.large_keys, "pages": json_large },
        "budgets": verdicts.iter().map(Verdict::json).collect::<Vec<_>>(),
    });
    (rows, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_of_odd_and_even() {
        let odd = Stats::of(&[5.0, 1.0, 3.0]).unwrap();
        assert_eq!((odd.median, odd.min, odd.max, odd.samples), (3.0, 1.0, 5.0, 3));
        let even = Stats::of(&[4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!(even.median, 3.0);
        assert_eq!(Stats::of(&[]), None);
    }
}
