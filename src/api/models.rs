//! Serde models of the Nuntly API contract, as the dashboard reads and writes them.
//!
//! Decoding is lenient where the contract or real servers may differ: enum values
//! this build does not know decode to `Unknown(value)`, and `permission` and
//! `domainIds` are optional because the public read schemas do not list them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// The permission of a key, which decides the endpoints it may call.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// `fullAccess`: every resource, read and write.
    FullAccess,
    /// `sendingAccess`: `POST /emails` and nothing else.
    SendingAccess,
    /// A value this build does not know, kept for display.
    Unknown(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyStatus {
    Enabled,
    /// Rejected by the API until enabled again.
    Disabled,
    /// Rejected by the API forever.
    Revoked,
    Unknown(String),
}

impl Permission {
    pub fn as_api_str(&self) -> &str {
        match self {
            Permission::FullAccess => "fullAccess",
            Permission::SendingAccess => "sendingAccess",
            Permission::Unknown(value) => value,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Permission::FullAccess => "Full access".to_owned(),
            Permission::SendingAccess => "Sending only".to_owned(),
            Permission::Unknown(value) => format!("unknown ({value})"),
        }
    }
}

impl KeyStatus {
    pub fn as_api_str(&self) -> &str {
        match self {
            KeyStatus::Enabled => "enabled",
            KeyStatus::Disabled => "disabled",
            KeyStatus::Revoked => "revoked",
            KeyStatus::Unknown(value) => value,
        }
    }

    pub fn label(&self) -> String {
        match self {
            KeyStatus::Enabled => "Enabled".to_owned(),
            KeyStatus::Disabled => "Disabled".to_owned(),
            KeyStatus::Revoked => "Revoked".to_owned(),
            KeyStatus::Unknown(value) => format!("unknown ({value})"),
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.label())
    }
}

impl<'de> Deserialize<'de> for Permission {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(match value.as_str() {
            "fullAccess" => Permission::FullAccess,
            "sendingAccess" => Permission::SendingAccess,
            _ => Permission::Unknown(value),
        })
    }
}

impl Serialize for Permission {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_api_str())
    }
}

impl<'de> Deserialize<'de> for KeyStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(match value.as_str() {
            "enabled" => KeyStatus::Enabled,
            "disabled" => KeyStatus::Disabled,
            "revoked" => KeyStatus::Revoked,
            _ => KeyStatus::Unknown(value),
        })
    }
}

impl Serialize for KeyStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_api_str())
    }
}

/// An API key as list and read responses return it, without the secret.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Last characters of the secret.
    #[serde(default)]
    pub short_token: String,
    pub status: KeyStatus,
    /// ISO 8601 timestamp; kept as text and formatted by the browser.
    #[serde(default)]
    pub created_at: String,
    /// `None` when the server does not report it.
    #[serde(default)]
    pub permission: Option<Permission>,
    /// `None` when the server does not report it; empty means every verified domain.
    #[serde(default)]
    pub domain_ids: Option<Vec<String>>,
}

/// A sending domain of the organization.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Domain {
    pub id: String,
    pub name: String,
    /// `bootstrapping`, `pending`, `success`, `failed` or `temporary_failure`.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub sending_status: String,
}

impl Domain {
    /// Only a verified domain can be chosen for a restriction.
    pub fn is_verified(&self) -> bool {
        self.status == "success"
    }
}

/// One cursor page of a list endpoint, with the items that failed to decode
/// counted rather than failing the whole page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    /// Items present in the response that did not match the contract.
    pub skipped: usize,
}

/// Body of `POST /api-keys`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewKey {
    pub name: String,
    pub permission: Permission,
    /// Sent only for a Sending only key restricted to some domains; never with
    /// Full access.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub domain_ids: Vec<String>,
}

/// `data` of the `POST /api-keys` response: the only one that carries the secret.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedKey {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub api_key: super::ApiSecret,
    #[serde(default)]
    pub short_token: Option<String>,
    #[serde(default)]
    pub status: Option<KeyStatus>,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// Body of `PATCH /api-keys/{id}`: only the fields that changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyChanges {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<KeyStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission: Option<Permission>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_ids: Option<Vec<String>>,
}

impl KeyChanges {
    pub fn is_empty(&self) -> bool {
        self == &KeyChanges::default()
    }
}
