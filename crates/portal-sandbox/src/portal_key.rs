//! The portal's own key: what makes a short secret kept in the database useless to whoever reads
//! the database.
//!
//! Why: a six-digit recovery code stored as plain SHA-256 is found by trying all 10^6 codes in
//! about a second, and PIN/PUK derived by an unkeyed hash of the ICCID (stored in clear, as the
//! SIM's number must be) can be computed by anyone holding the database. Both are now HMAC-SHA256
//! under this key ([`PortalKey::mac_hex`], [`PortalKey::digits`]), so a copy of `portal.sqlite`
//! (a backup, a leaked file, a query that reads a table) gives neither.
//!
//! Where it lives, and why there: `portal.key` in the data folder, 32 random bytes made at the
//! first start, 0600 in the 0700 folder (`kabinet_private_fs`), never in the database.
//! It cannot come from `Config::sandbox_secret`: the app's embedded portal draws that afresh
//! every run, and PIN/PUK must stay the same across restarts. Whoever can read the whole data
//! folder as the portal's user holds the key too, as they could read the running process; the key
//! guards against the database alone. Losing the file changes every SIM's PIN/PUK and voids the
//! recovery codes in flight (5 minutes at most), which is why an unreadable or malformed key file
//! stops the start instead of being replaced.
//!
//! Long random values (session and reset tokens, 256 bits) stay plain SHA-256: nothing can be
//! guessed from them. Passwords and secret codes (8 digits, kept until deleted) are Argon2.

use hmac::{Hmac, Mac};
use kabinet_private_fs as private_fs;
use rand::RngCore;
use sha2::Sha256;
use std::io::Write;
use std::path::Path;

/// The key file's name in the data folder.
pub const KEY_FILE: &str = "portal.key";
const KEY_LEN: usize = 32;

/// What a MAC is for: each use has its own, so one never stands for another.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    /// A recovery code, with its recovery's id.
    RecoveryCode,
    /// PIN/PUK of a SIM, from its ICCID.
    SimCodes,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::RecoveryCode => b"kabinet-portal/recovery-code",
            Purpose::SimCodes => b"kabinet-portal/sim-codes",
        }
    }
}

/// 256 bits only this portal holds.
#[derive(Clone)]
pub struct PortalKey([u8; KEY_LEN]);

impl std::fmt::Debug for PortalKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PortalKey(..)")
    }
}

impl PortalKey {
    /// A key for this process only (tests that build a state without a data folder).
    pub fn random() -> Self {
        let mut key = [0u8; KEY_LEN];
        rand::rngs::OsRng.fill_bytes(&mut key);
        Self(key)
    }

    /// The key of the data folder `dir`, made (0600) at the first start.
    pub fn load_or_create(dir: &Path) -> anyhow::Result<Self> {
        let path = dir.join(KEY_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let key: [u8; KEY_LEN] = bytes.try_into().map_err(|b: Vec<u8>| {
                    anyhow::anyhow!(
                        "{} holds {} bytes, not the {KEY_LEN} of the portal's key; restore it from a backup \
                         (a new key changes every SIM's PIN/PUK)",
                        path.display(),
                        b.len()
                    )
                })?;
                private_fs::make_private_if_exists(&path)?;
                Ok(Self(key))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::random();
                // Written whole under another name, then renamed: a crash never leaves half a key.
                let tmp = dir.join(format!("{KEY_FILE}.new"));
                let mut file = private_fs::create_private_file(&tmp)?;
                file.write_all(&key.0)?;
                file.sync_all()?;
                std::fs::rename(&tmp, &path)?;
                Ok(key)
            }
            Err(e) => Err(anyhow::anyhow!("the portal's key {} cannot be read: {e}", path.display())),
        }
    }

    fn mac(&self, purpose: Purpose, parts: &[&[u8]]) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(purpose.label());
        for part in parts {
            // Each part with its length first, so ("ab", "c") and ("a", "bc") differ.
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        mac
    }

    /// HMAC-SHA256 of `parts` for `purpose`, as hex: what the database keeps.
    pub fn mac_hex(&self, purpose: Purpose, parts: &[&[u8]]) -> String {
        self.mac(purpose, parts).finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `stored` (hex, from [`Self::mac_hex`]) is the MAC of `parts`, compared in
    /// constant time.
    pub fn matches(&self, purpose: Purpose, parts: &[&[u8]], stored: &str) -> bool {
        let Some(bytes) = from_hex(stored) else { return false };
        self.mac(purpose, parts).verify_slice(&bytes).is_ok()
    }

    /// Four numbers below `10^widths[i]` drawn from the MAC of `parts` (a 64-bit piece each, so
    /// the digits are as good as uniform), written with their leading zeros.
    pub fn digits(&self, purpose: Purpose, parts: &[&[u8]], widths: [u32; 4]) -> [String; 4] {
        let bytes = self.mac(purpose, parts).finalize().into_bytes();
        std::array::from_fn(|i| {
            let mut piece = [0u8; 8];
            piece.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
            let width = widths[i] as usize;
            format!("{:0width$}", u64::from_be_bytes(piece) % 10u64.pow(widths[i]))
        })
    }
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mac_matches_only_its_purpose_parts_and_key() {
        let key = PortalKey::random();
        let stored = key.mac_hex(Purpose::RecoveryCode, &[b"id", b"123456"]);
        assert!(key.matches(Purpose::RecoveryCode, &[b"id", b"123456"], &stored));
        assert!(!key.matches(Purpose::RecoveryCode, &[b"id", b"123457"], &stored));
        assert!(!key.matches(Purpose::RecoveryCode, &[b"i", b"d123456"], &stored));
        assert!(!key.matches(Purpose::SimCodes, &[b"id", b"123456"], &stored));
        assert!(!PortalKey::random().matches(Purpose::RecoveryCode, &[b"id", b"123456"], &stored));
        assert!(!key.matches(Purpose::RecoveryCode, &[b"id", b"123456"], "not hex"));
    }

    #[test]
    fn the_key_file_is_made_once_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let key = PortalKey::load_or_create(dir.path()).unwrap();
        let again = PortalKey::load_or_create(dir.path()).unwrap();
        assert_eq!(key.0, again.0);
        #[cfg(unix)]
        assert_eq!(private_fs::mode_of(&dir.path().join(KEY_FILE)).unwrap(), private_fs::FILE_MODE);
        let digits = key.digits(Purpose::SimCodes, &[b"8999"], [4, 4, 8, 8]);
        assert_eq!(digits.each_ref().map(|d| d.len()), [4, 4, 8, 8]);
        assert!(digits.iter().all(|d| d.bytes().all(|b| b.is_ascii_digit())));

        std::fs::write(dir.path().join(KEY_FILE), b"short").unwrap();
        let e = PortalKey::load_or_create(dir.path()).unwrap_err().to_string();
        assert!(e.contains("5 bytes"), "{e}");
    }
}
