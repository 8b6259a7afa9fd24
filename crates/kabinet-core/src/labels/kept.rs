//! The latest labels import previewed, kept in the session for its apply.
//!
//! A module of its own because the session holds it: the session must not depend on the labels
//! handle, which reads the session.

use crate::number_label::Label;

/// A previewed import's changes, kept so that its apply neither reads the file nor plans it
/// again (for 100,000 rows that was half the import): applied only for the same administrator,
/// company, preview digest and file, while the company's labels are at the version the preview
/// read (`cache::labels::version`) and every number it changes is still the company's. One is kept
/// (the latest preview); an apply takes it.
pub(crate) struct KeptPlan {
    pub(super) owner: (String, String),
    pub(super) company: i64,
    pub(super) digest: String,
    /// [`file_hash`] of the file previewed.
    pub(super) file: u64,
    pub(super) version: (i64, Option<String>),
    pub(super) changes: Vec<(String, Label)>,
}

/// A file's fingerprint: its length and a hash of its bytes.
pub(super) fn file_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}
