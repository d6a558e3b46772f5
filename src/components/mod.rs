//! Small view pieces shared by several screens.

mod badges;
mod error_panel;

pub use badges::{PermissionBadge, StatusBadge};
pub use error_panel::ErrorPanel;
