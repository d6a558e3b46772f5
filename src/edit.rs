//! The edit drawer's `PATCH` body: the difference between a key and the form.

use crate::api::{ApiKey, KeyChanges, KeyStatus, Permission};

/// The drawer form's values.
#[derive(Clone, Debug, PartialEq)]
pub struct EditValues {
    /// As typed; compared and sent trimmed.
    pub name: String,
    /// `None` when the key's status is neither enabled nor disabled, which
    /// the form cannot change.
    pub enabled: Option<bool>,
    /// `None` while the server did not report it and the user has not chosen.
    pub permission: Option<Permission>,
    /// The chosen domain list; `None` when not chosen or not applicable.
    pub domain_ids: Option<Vec<String>>,
}

/// Returns the fields of `values` that differ from `key`. Unchanged fields are left
/// out, and so are domains when the key ends up Full access (the server
/// clears them itself).
pub fn changes(key: &ApiKey, values: &EditValues) -> KeyChanges {
    let mut changes = KeyChanges::default();

    let name = values.name.trim();
    if key.name.as_deref().map(str::trim).unwrap_or_default() != name {
        changes.name = Some(name.to_owned());
    }

    let current_enabled = match key.status {
        KeyStatus::Enabled => Some(true),
        KeyStatus::Disabled => Some(false),
        _ => None,
    };
    if let (Some(current), Some(requested)) = (current_enabled, values.enabled) {
        if current != requested {
            changes.status = Some(if requested { KeyStatus::Enabled } else { KeyStatus::Disabled });
        }
    }

    if let Some(permission) = &values.permission {
        if key.permission.as_ref() != Some(permission) {
            changes.permission = Some(permission.clone());
        }
    }

    let final_permission = values.permission.as_ref().or(key.permission.as_ref());
    if final_permission == Some(&Permission::SendingAccess) {
        if let Some(requested) = &values.domain_ids {
            if !same_set(key.domain_ids.as_deref(), requested) {
                changes.domain_ids = Some(requested.clone());
            }
        }
    }
    changes
}

/// Returns the key as it reads after the server accepted `changes`.
pub fn apply(key: &ApiKey, changes: &KeyChanges) -> ApiKey {
    let mut updated = key.clone();
    if let Some(name) = &changes.name {
        updated.name = Some(name.clone());
    }
    if let Some(status) = &changes.status {
        updated.status = status.clone();
    }
    if let Some(permission) = &changes.permission {
        updated.permission = Some(permission.clone());
        if permission == &Permission::FullAccess {
            updated.domain_ids = Some(Vec::new());
        }
    }
    if let Some(domain_ids) = &changes.domain_ids {
        updated.domain_ids = Some(domain_ids.clone());
    }
    updated
}

fn same_set(current: Option<&[String]>, requested: &[String]) -> bool {
    let Some(current) = current else {
        return false;
    };
    current.len() == requested.len() && requested.iter().all(|id| current.contains(id))
}
