use leptos::prelude::*;
use nuntly_dashboard::{App, StartupKey, config, panic, session};
use wasm_bindgen::JsCast;

fn main() {
    panic::install_hook();
    let _ = console_log::init_with_level(log::Level::Info);

    // Before anything else reads the URL: a `#key=` fragment is taken and erased.
    let startup_key = session::take_fragment_key()
        .map(|secret| StartupKey {
            secret,
            remembered: false,
        })
        .or_else(|| {
            session::stored_key().map(|secret| StartupKey {
                secret,
                remembered: true,
            })
        });
    let base = config::router_base();

    // Leptos's own executor starts with the mount, so this first task uses
    // wasm-bindgen's directly.
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = config::load().await;
        let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id("app"))
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            log::error!("index.html has no element with id \"app\" to mount the dashboard in");
            return;
        };
        root.set_inner_html("");
        leptos::mount::mount_to(root, move || view! { <App loaded=loaded base=base startup_key=startup_key /> })
            .forget();
    });
}
