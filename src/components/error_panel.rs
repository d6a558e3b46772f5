use leptos::prelude::*;

use crate::api::ApiError;

/// Shows an API failure with its message, its request id for support, and a
/// retry control.
#[component]
pub fn ErrorPanel(
    /// What the user was doing, such as "Loading the API keys failed".
    title: String,
    error: ApiError,
    on_retry: Callback<()>,
) -> impl IntoView {
    let request_id = error.request_id().map(str::to_owned);
    view! {
        <div class="error-panel" role="alert">
            <h2>{title}</h2>
            <p>{error.message()}</p>
            {request_id.map(|id| view! {
                <p class="request-id">"Request id (quote it to support): " <code>{id}</code></p>
            })}
            <button type="button" on:click=move |_| on_retry.run(())>"Try again"</button>
        </div>
    }
}
