//! A key's access as a form edits it: the permission and, for Sending
//! only, the domain restriction. The create wizard and the edit drawer share
//! this state and its rules.

use leptos::prelude::*;

use crate::api::{Domain, Permission};

/// The domain restriction of a Sending only key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restriction {
    /// No `domainIds`: every verified domain, including ones verified later.
    AllVerified,
    /// Only the selected domains.
    Only,
    /// The server did not report the key's domains and the user has not
    /// chosen yet; nothing is sent.
    Unreported,
}

#[derive(Clone, Copy)]
pub struct AccessDraft {
    /// `None` until chosen, where the server did not report the current value.
    pub permission: RwSignal<Option<Permission>>,
    pub restriction: RwSignal<Restriction>,
    /// Ids of the chosen domains; meaningful only with `Restriction::Only`.
    pub selected: RwSignal<Vec<String>>,
}

impl AccessDraft {
    /// Creates a draft from a key's current access. `None` for a field the
    /// server did not report, so that nothing is guessed.
    pub fn new(permission: Option<Permission>, domain_ids: Option<&[String]>) -> Self {
        let restriction = initial_restriction(permission.as_ref(), domain_ids);
        Self {
            permission: RwSignal::new(permission),
            restriction: RwSignal::new(restriction),
            selected: RwSignal::new(domain_ids.map(<[String]>::to_vec).unwrap_or_default()),
        }
    }

    /// Puts the draft back to a key's current access.
    pub fn reset(&self, permission: Option<Permission>, domain_ids: Option<&[String]>) {
        self.restriction.set(initial_restriction(permission.as_ref(), domain_ids));
        self.selected.set(domain_ids.map(<[String]>::to_vec).unwrap_or_default());
        self.permission.set(permission);
    }

    /// Sets the permission. Full access has no domain restriction, so choosing
    /// it clears the restriction and the selection.
    pub fn set_permission(&self, permission: Permission) {
        if permission == Permission::FullAccess {
            self.restriction.set(Restriction::AllVerified);
            self.selected.set(Vec::new());
        }
        self.permission.set(Some(permission));
    }

    pub fn is_sending_only(&self) -> bool {
        self.permission.with(|permission| permission == &Some(Permission::SendingAccess))
    }

    pub fn toggle_domain(&self, id: &str, checked: bool) {
        self.selected.update(|selected| {
            selected.retain(|selected_id| selected_id != id);
            if checked {
                selected.push(id.to_owned());
            }
        });
    }

    /// Returns the `domainIds` to send: the selection for a restricted Sending only
    /// key, empty otherwise. Never non-empty with Full access.
    pub fn domain_ids(&self) -> Vec<String> {
        self.chosen_domain_ids().unwrap_or_default()
    }

    /// Returns the domain list the user chose, or `None` when they have not chosen
    /// (the restriction is unreported) or it does not apply (Full access).
    pub fn chosen_domain_ids(&self) -> Option<Vec<String>> {
        if !self.is_sending_only() {
            return None;
        }
        match self.restriction.get_untracked() {
            Restriction::AllVerified => Some(Vec::new()),
            Restriction::Only => Some(self.selected.get_untracked()),
            Restriction::Unreported => None,
        }
    }

    /// Checks the permission step; the message names what to do.
    pub fn validate_permission(&self) -> Result<Permission, String> {
        self.permission
            .get_untracked()
            .ok_or_else(|| "Choose a permission: Sending only or Full access.".to_owned())
    }

    /// Checks the restriction step against the domains that can be chosen.
    pub fn validate_restriction(&self, domains: &[Domain]) -> Result<(), String> {
        if !self.is_sending_only() || self.restriction.get_untracked() != Restriction::Only {
            return Ok(());
        }
        let selected = self.selected.get_untracked();
        if selected.is_empty() {
            return Err("Choose at least one domain, or allow all verified domains.".to_owned());
        }
        let unverified: Vec<&str> = domains
            .iter()
            .filter(|domain| selected.contains(&domain.id) && !domain.is_verified())
            .map(|domain| domain.name.as_str())
            .collect();
        if !unverified.is_empty() {
            return Err(format!(
                "Only verified domains can be chosen; remove {}.",
                unverified.join(", ")
            ));
        }
        Ok(())
    }
}

fn initial_restriction(permission: Option<&Permission>, domain_ids: Option<&[String]>) -> Restriction {
    match (permission, domain_ids) {
        (_, Some(ids)) if !ids.is_empty() => Restriction::Only,
        (Some(Permission::SendingAccess), Some(_)) => Restriction::AllVerified,
        (Some(Permission::SendingAccess), None) => Restriction::Unreported,
        // No restriction applies yet; choosing Sending only starts from "all".
        _ => Restriction::AllVerified,
    }
}

/// Returns one line on what a permission allows, for choices and reviews.
pub fn permission_summary(permission: &Permission) -> &'static str {
    match permission {
        Permission::SendingAccess => {
            "Can send email and nothing else: it cannot read email, manage domains, webhooks or API keys."
        }
        Permission::FullAccess => {
            "Can read and change every resource: emails, domains, webhooks and API keys."
        }
        Permission::Unknown(_) => "A permission this dashboard does not know.",
    }
}

/// Describes a domain's verification for people.
pub fn domain_status_text(domain: &Domain) -> String {
    match domain.status.as_str() {
        "success" => "Verified".to_owned(),
        "pending" | "bootstrapping" => format!("Not verified ({}): DNS check in progress", domain.status),
        "failed" => "Not verified (failed): fix its DNS records".to_owned(),
        "temporary_failure" => "Not verified (temporary failure): DNS check will retry".to_owned(),
        other => format!("Not verified ({other})"),
    }
}
