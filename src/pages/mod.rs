//! One module per screen.

pub mod connect;
pub mod keys;
pub mod not_found;
