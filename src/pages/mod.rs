//! One module per screen.

pub mod connect;
pub mod create_key;
pub mod domains;
pub mod key_drawer;
pub mod keys;
pub mod not_found;
