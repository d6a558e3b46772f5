use leptos::prelude::*;

use crate::api::{KeyStatus, Permission};

#[component]
pub fn StatusBadge(status: KeyStatus) -> impl IntoView {
    let class = match status {
        KeyStatus::Enabled => "badge status-enabled",
        KeyStatus::Disabled => "badge status-disabled",
        KeyStatus::Revoked => "badge status-revoked",
        KeyStatus::Unknown(_) => "badge status-unknown",
    };
    view! { <span class=class>{status.label()}</span> }
}

/// Shows a permission, or that the server did not report it.
#[component]
pub fn PermissionBadge(permission: Option<Permission>) -> impl IntoView {
    let (class, label) = match &permission {
        Some(Permission::FullAccess) => ("badge permission-full", "Full access".to_owned()),
        Some(Permission::SendingAccess) => ("badge permission-sending", "Sending only".to_owned()),
        Some(other) => ("badge permission-unknown", other.label()),
        None => ("badge permission-unknown", "Not reported by the server".to_owned()),
    };
    view! { <span class=class>{label}</span> }
}
