//! SHA-256 as lowercase hex: how the sandbox keeps a long random value (a session, reset or
//! code-session token, the sandbox secret) and fingerprints a request body or a demo seed.
//!
//! Its own module because the shared state, the session check, the idempotency check, the
//! store and the routes all use it: none of them imports another for it.

use sha2::{Digest, Sha256};

pub fn sha256_hex(value: &[u8]) -> String {
    Sha256::digest(value).iter().map(|b| format!("{b:02x}")).collect()
}
