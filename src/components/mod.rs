//! View pieces shared by several screens.

mod access_fields;
mod badges;
mod error_panel;
mod inventory;
mod modal;
mod reveal;
mod when;

pub use access_fields::{DomainRestrictionChoice, PermissionChoice};
pub use badges::{PermissionBadge, StatusBadge};
pub use error_panel::ErrorPanel;
pub use inventory::{ListControls, PosturePanel, SearchDraft, show_query};
pub use modal::Modal;
pub use reveal::{RevealSlot, Revealed, SecretReveal};
pub use when::When;
