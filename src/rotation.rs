//! User-paced rotation: pairs of an old key and its replacement, kept in the
//! tab's `sessionStorage` until the old key is revoked. A pair contains ids
//! only, never a secret.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// `sessionStorage` entry holding the pending pairs as JSON.
pub const STORAGE_KEY: &str = "nuntly-dashboard.rotations";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rotation {
    pub old_id: String,
    pub new_id: String,
}

/// Pending rotations, provided as context by the app.
#[derive(Clone, Copy)]
pub struct Rotations(RwSignal<Vec<Rotation>>);

impl Rotations {
    /// Reads the pairs this tab kept; unreadable storage counts as none.
    pub fn load() -> Self {
        let stored = storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        Self(RwSignal::new(stored))
    }

    pub fn add(&self, rotation: Rotation) {
        self.0.update(|pairs| {
            pairs.retain(|pair| pair.old_id != rotation.old_id);
            pairs.push(rotation);
        });
        self.persist();
    }

    /// Ends the pair whose old key is `old_id`, once that key is revoked.
    pub fn finish(&self, old_id: &str) {
        self.0.update(|pairs| pairs.retain(|pair| pair.old_id != old_id));
        self.persist();
    }

    pub fn replacing(&self, old_id: &str) -> Option<Rotation> {
        self.0.with(|pairs| pairs.iter().find(|pair| pair.old_id == old_id).cloned())
    }

    pub fn replaced_by(&self, new_id: &str) -> Option<Rotation> {
        self.0.with(|pairs| pairs.iter().find(|pair| pair.new_id == new_id).cloned())
    }

    /// Forgets every pair, as on disconnect.
    pub fn clear(&self) {
        self.0.set(Vec::new());
        self.persist();
    }

    fn persist(&self) {
        let Some(storage) = storage() else {
            return;
        };
        let pairs = self.0.get_untracked();
        if pairs.is_empty() {
            let _ = storage.remove_item(STORAGE_KEY);
        } else if let Ok(text) = serde_json::to_string(&pairs) {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Returns the replacement's name: the old name with a suffix, within the length limit.
pub fn replacement_name(old_name: Option<&str>, max_chars: usize) -> String {
    const SUFFIX: &str = " (replacement)";
    let base = old_name.map(str::trim).filter(|name| !name.is_empty()).unwrap_or("Unnamed key");
    let room = max_chars.saturating_sub(SUFFIX.chars().count());
    let base: String = base.chars().take(room).collect();
    format!("{}{SUFFIX}", base.trim_end())
}
