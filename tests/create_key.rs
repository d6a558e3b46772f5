//! The create-key wizard in a real browser against the real local server.

mod support;

use support::{Scratch, click, input, mount_app, type_text, wait_until};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NEXT: &str = ".wizard button[type=submit]";

fn step_titles(scratch: &Scratch) -> Vec<String> {
    scratch.query_all_text(".stepper .step")
}

async fn open_wizard() -> (Scratch, impl Drop) {
    let (scratch, app) = mount_app("/api-keys/new", Some(support::admin_key()));
    wait_until("the wizard is shown", || scratch.query("#new-key-name").is_some()).await;
    (scratch, app)
}

/// Fills the name and moves to the permission step.
async fn name_then_next(scratch: &Scratch, name: &str) {
    type_text(scratch, "#new-key-name", name);
    click(scratch, NEXT);
    wait_until("the permission step is shown", || scratch.query("#new-key-permission-fullAccess").is_some()).await;
}

#[wasm_bindgen_test]
async fn name_is_required() {
    let (scratch, _app) = open_wizard().await;
    click(&scratch, NEXT);
    wait_until("the name error is shown", || {
        scratch.query("#new-key-name-error").is_some_and(|error| error.text_content().unwrap_or_default().contains("Enter a name"))
    })
    .await;
    assert_eq!(input(&scratch, "#new-key-name").get_attribute("aria-invalid").as_deref(), Some("true"));

    type_text(&scratch, "#new-key-name", "   ");
    click(&scratch, NEXT);
    assert!(scratch.query("#new-key-name").is_some(), "a blank name does not pass");
}

#[wasm_bindgen_test]
async fn name_counter_and_quick_picks() {
    let (scratch, _app) = open_wizard().await;
    type_text(&scratch, "#new-key-name", "  Billing  ");
    wait_until("the counter shows the trimmed length", || {
        scratch.text().contains("7 / 100 characters")
    })
    .await;

    let chips = scratch.query_all_text(".quick-picks .chip");
    assert_eq!(chips, ["Production", "Staging", "Development"]);
    click(&scratch, ".quick-picks .chip");
    wait_until("the pick fills the name", || input(&scratch, "#new-key-name").value() == "Production").await;
}

#[wasm_bindgen_test]
async fn existing_name_is_flagged_not_blocked() {
    let (scratch, _app) = open_wizard().await;
    wait_until("the keys are loaded", || scratch.query(".key-row").is_some()).await;
    type_text(&scratch, "#new-key-name", "Local admin");
    wait_until("the duplicate is flagged", || scratch.text().contains("already named \"Local admin\"")).await;
    click(&scratch, NEXT);
    wait_until("the wizard moves on", || scratch.query("#new-key-permission-fullAccess").is_some()).await;
}

#[wasm_bindgen_test]
async fn restriction_step_only_for_sending_only() {
    let (scratch, _app) = open_wizard().await;
    assert!(input(&scratch, "#new-key-name").is_connected());
    name_then_next(&scratch, "Steps").await;

    assert!(input(&scratch, "#new-key-permission-sendingAccess").checked(), "Sending only is the default");
    assert_eq!(step_titles(&scratch).len(), 4);
    assert!(step_titles(&scratch).iter().any(|title| title.contains("Domains")));

    click(&scratch, "#new-key-permission-fullAccess");
    wait_until("the domains step disappears", || step_titles(&scratch).len() == 3).await;
    assert!(!step_titles(&scratch).iter().any(|title| title.contains("Domains")));
    click(&scratch, NEXT);
    wait_until("Full access goes straight to the review", || scratch.query(".review").is_some()).await;
    assert!(scratch.query("#new-key-restriction-only").is_none());
}

#[wasm_bindgen_test]
async fn full_access_clears_selection() {
    let example = support::domain_id("example.com").await;
    let (scratch, _app) = open_wizard().await;
    name_then_next(&scratch, "Clears").await;
    click(&scratch, NEXT);
    wait_until("the domains step is shown", || scratch.query("#new-key-restriction-only").is_some()).await;
    click(&scratch, "#new-key-restriction-only");
    let checkbox = format!("#new-key-domain-{example}");
    wait_until("the domains are listed", || scratch.query(&checkbox).is_some()).await;
    click(&scratch, &checkbox);
    assert!(input(&scratch, &checkbox).checked());

    click(&scratch, ".wizard .modal-footer button:nth-of-type(2)");
    wait_until("back on the permission step", || scratch.query("#new-key-permission-fullAccess").is_some()).await;
    click(&scratch, "#new-key-permission-fullAccess");
    click(&scratch, "#new-key-permission-sendingAccess");
    click(&scratch, NEXT);
    wait_until("the domains step is shown again", || scratch.query("#new-key-restriction-all").is_some()).await;
    assert!(input(&scratch, "#new-key-restriction-all").checked(), "the restriction was reset");
    click(&scratch, "#new-key-restriction-only");
    wait_until("the domains are listed", || scratch.query(&checkbox).is_some()).await;
    assert!(!input(&scratch, &checkbox).checked(), "the selection was cleared");
}

#[wasm_bindgen_test]
async fn unverified_domains_cannot_be_chosen() {
    let pending = support::domain_id("staging.example.net").await;
    let failed = support::domain_id("legacy.example.com").await;
    let verified = support::domain_id("notifications.example.org").await;
    let (scratch, _app) = open_wizard().await;
    name_then_next(&scratch, "Unverified").await;
    click(&scratch, NEXT);
    wait_until("the domains step is shown", || scratch.query("#new-key-restriction-only").is_some()).await;
    click(&scratch, "#new-key-restriction-only");
    wait_until("the domains are listed", || scratch.query(&format!("#new-key-domain-{pending}")).is_some()).await;

    for id in [&pending, &failed] {
        let checkbox = input(&scratch, &format!("#new-key-domain-{id}"));
        assert!(checkbox.disabled(), "{id} must be disabled");
        checkbox.click();
        assert!(!checkbox.checked(), "{id} must not be selectable");
    }
    assert!(scratch.text().contains("Not verified (pending)"));
    assert!(!input(&scratch, &format!("#new-key-domain-{verified}")).disabled());
}

#[wasm_bindgen_test]
async fn only_these_needs_a_domain() {
    let (scratch, _app) = open_wizard().await;
    name_then_next(&scratch, "Empty restriction").await;
    click(&scratch, NEXT);
    wait_until("the domains step is shown", || scratch.query("#new-key-restriction-only").is_some()).await;
    click(&scratch, "#new-key-restriction-only");
    click(&scratch, NEXT);
    wait_until("the error is shown", || scratch.text().contains("Choose at least one domain")).await;
    assert!(scratch.query(".review").is_none(), "it cannot proceed");
}

#[wasm_bindgen_test]
async fn values_survive_going_back() {
    let example = support::domain_id("example.com").await;
    let (scratch, _app) = open_wizard().await;
    name_then_next(&scratch, "Round trip").await;
    click(&scratch, NEXT);
    wait_until("the domains step is shown", || scratch.query("#new-key-restriction-only").is_some()).await;
    click(&scratch, "#new-key-restriction-only");
    let checkbox = format!("#new-key-domain-{example}");
    wait_until("the domains are listed", || scratch.query(&checkbox).is_some()).await;
    click(&scratch, &checkbox);
    click(&scratch, NEXT);
    wait_until("the review is shown", || scratch.query(".review").is_some()).await;
    assert_eq!(scratch.query_all_text(".review-domains"), ["example.com"]);
    assert_eq!(scratch.query_all_text(".review-name"), ["Round trip"]);

    click(&scratch, ".stepper li:first-child .step");
    wait_until("back on the name step", || scratch.query("#new-key-name").is_some()).await;
    assert_eq!(input(&scratch, "#new-key-name").value(), "Round trip");
    click(&scratch, ".stepper li:nth-child(3) .step");
    wait_until("on the domains step", || scratch.query(&checkbox).is_some()).await;
    assert!(input(&scratch, &checkbox).checked());
}

#[wasm_bindgen_test]
async fn double_submit_creates_one_key() {
    // Unique per run: Chromium and Firefox share one server.
    let name = format!("Double click {}", js_sys::Date::now());
    let before = support::all_keys().await.len();
    let (scratch, _app) = open_wizard().await;
    name_then_next(&scratch, &name).await;
    click(&scratch, "#new-key-permission-fullAccess");
    click(&scratch, NEXT);
    wait_until("the review is shown", || scratch.query(".review").is_some()).await;

    let create = scratch
        .query(NEXT)
        .unwrap()
        .dyn_into_html();
    create.click();
    create.click();
    // What pressing Enter in the form does.
    let form: web_sys::HtmlFormElement = wasm_bindgen::JsCast::dyn_into(scratch.query(".wizard").unwrap()).unwrap();
    form.request_submit().unwrap();

    wait_until("the secret is revealed", || scratch.query("#reveal-secret").is_some()).await;
    support::sleep(std::time::Duration::from_millis(300)).await;
    let after = support::all_keys().await;
    let created: Vec<_> = after.iter().filter(|key| key["name"] == name.as_str()).collect();
    assert_eq!(created.len(), 1, "exactly one key was created");
    assert_eq!(after.len(), before + 1);
}

#[wasm_bindgen_test]
async fn reveal_needs_confirmation_then_forgets() {
    let (scratch, _app) = open_wizard().await;
    name_then_next(&scratch, "Reveal once").await;
    click(&scratch, "#new-key-permission-fullAccess");
    click(&scratch, NEXT);
    wait_until("the review is shown", || scratch.query(".review").is_some()).await;
    click(&scratch, NEXT);
    wait_until("the secret is revealed", || scratch.query("#reveal-secret").is_some()).await;

    let secret = input(&scratch, "#reveal-secret").value();
    assert!(secret.starts_with("ntly_"));
    assert_eq!(input(&scratch, "#reveal-env").value(), format!("NUNTLY_API_KEY={secret}"));
    assert_eq!(input(&scratch, "#reveal-header").value(), format!("Authorization: Bearer {secret}"));
    assert_eq!(input(&scratch, "#reveal-smtp").value(), secret);
    assert!(scratch.text().contains("only time the secret is shown"));

    click(&scratch, ".reveal .modal-footer .primary");
    wait_until("a confirmation is asked", || scratch.query(".reveal .confirm").is_some()).await;
    assert!(scratch.query("#reveal-secret").is_some(), "the dialog stays open");
    click(&scratch, ".reveal .confirm .danger");
    wait_until("the dialog is gone", || scratch.query("#reveal-secret").is_none()).await;

    let html = scratch.0.inner_html();
    assert!(!html.contains(&secret), "the secret left the DOM");
    let names = scratch.query_all_text(".key-name");
    assert!(names.iter().any(|name| name == "Reveal once"), "the new key is listed without a reload");
}

trait IntoHtml {
    fn dyn_into_html(self) -> web_sys::HtmlElement;
}

impl IntoHtml for web_sys::Element {
    fn dyn_into_html(self) -> web_sys::HtmlElement {
        use wasm_bindgen::JsCast;
        self.dyn_into().unwrap()
    }
}
