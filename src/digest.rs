//! Fingerprints: the SHA-256 of a text, in hexadecimal (which scenario text a stored session or a
//! result file was played on).

use sha2::{Digest, Sha256};

/// SHA-256 of a text, in lower-case hexadecimal.
pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}
