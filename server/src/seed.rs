//! Sample data for an empty database: one organization's domains and a first
//! Full access key.

use crate::db::{Database, KeyStatus, NewDomain, NewKey, Permission};
use crate::secret;

/// Sample domains, oldest first so that the newest-first list starts with the
/// last one. Names use the `example` domains reserved by RFC 2606.
const SAMPLE_DOMAINS: [(&str, &str, &str); 5] = [
    ("legacy.example.com", "failed", "disabled"),
    ("staging.example.net", "pending", "disabled"),
    ("eu.example.org", "temporary_failure", "paused"),
    ("notifications.example.org", "success", "enabled"),
    ("example.com", "success", "enabled"),
];

/// Name of the seeded Full access key.
pub const SEEDED_KEY_NAME: &str = "Local admin";

/// Seeds an empty database and returns the secret of the seeded key. Returns
/// `None`, and changes nothing, when the database already contains data.
pub fn seed_if_empty(database: &mut Database) -> anyhow::Result<Option<String>> {
    if !database.is_empty()? {
        return Ok(None);
    }

    for (name, status, sending_status) in SAMPLE_DOMAINS {
        database.insert_domain(NewDomain {
            name,
            status,
            sending_status,
            receiving_status: "disabled",
            region: "eu-west-1",
        })?;
    }

    let secret = secret::generate();
    database.insert_key(NewKey {
        name: Some(SEEDED_KEY_NAME),
        secret_hash: &secret::hash(&secret),
        short_token: &secret::short_token(&secret),
        status: KeyStatus::Enabled,
        permission: Permission::FullAccess,
        domain_ids: &[],
    })?;
    Ok(Some(secret))
}
