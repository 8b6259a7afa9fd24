//! Rules that exist on both ends, written once: the client checks them before asking the portal,
//! and the sandbox, which depends on this crate, applies the same code.

pub mod usage_period;
