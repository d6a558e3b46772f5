//! `<When>`: Leptos's `<Show>` with its work done in one non-generic function.
//!
//! `<Show>` is generic over its condition and its children, so each use
//! compiles its own copy of the memo, the reactive closure and the view
//! switch. `<When>` boxes the condition and takes type-erased children, so
//! those are compiled once for the whole app: replacing 19 `<Show>`s made
//! the release wasm 4.1 KB smaller brotli-compressed (BENCHMARKS.md).

use std::sync::Arc;

use leptos::prelude::*;

/// Renders `children` while `when` returns `true`, and `fallback` (nothing
/// by default) otherwise. Like `<Show>`, it memoizes `when`, so the children
/// are rebuilt only when the condition flips.
#[component]
pub fn When<W>(
    children: ChildrenFn,
    when: W,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView
where
    W: Fn() -> bool + Send + Sync + 'static,
{
    render_when(Arc::new(when), children, fallback)
}

fn render_when(when: Arc<dyn Fn() -> bool + Send + Sync>, children: ChildrenFn, fallback: ViewFn) -> AnyView {
    let condition = ArcMemo::new(move |_| when());
    (move || if condition.get() { children() } else { fallback.run() }).into_any()
}
