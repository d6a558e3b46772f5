use leptos::prelude::*;
use leptos_router::components::A;

use crate::app_path;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    crate::set_page_title("Page not found");
    view! {
        <section class="not-found" aria-labelledby="not-found-title">
            <h1 id="not-found-title">"Page not found"</h1>
            <p>"Nothing lives at this address. It may be a mistyped or outdated link."</p>
            <p><A href=app_path("/api-keys")>"Go to the API keys"</A></p>
        </section>
    }
}
