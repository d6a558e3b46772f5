//! The start-up floor for a Leptos CSR app: one component that renders one
//! table row with the dashboard's markup, so that the benchmark detects its
//! first paint with the same selector (`tr.key-row`) as the dashboard's.

use leptos::prelude::*;

#[component]
fn OneRow() -> impl IntoView {
    view! {
        <table class="key-table">
            <tbody>
                <tr class="key-row" data-key-id="apk_minimal">
                    <td class="key-name" data-label="Name">"Minimal Leptos app"</td>
                    <td class="key-token" data-label="Token"><code>"…000000"</code></td>
                    <td class="key-permission" data-label="Permission"><span class="badge permission-full">"Full access"</span></td>
                    <td class="key-domains" data-label="Domains">"Not applicable (Full access)"</td>
                    <td class="key-status" data-label="Status"><span class="badge status-enabled">"Enabled"</span></td>
                    <td class="key-created" data-label="Created">"-"</td>
                </tr>
            </tbody>
        </table>
    }
}

fn main() {
    leptos::mount::mount_to_body(OneRow);
}
