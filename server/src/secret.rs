//! API-key secrets: generation and the hash that is the only form stored.

use rand::Rng;
use rand::distributions::Alphanumeric;
use sha2::{Digest, Sha256};

/// Prefix of secrets issued by this server. Clients must not rely on it.
pub const SECRET_PREFIX: &str = "ntly_";

/// Count of random base62 characters after the prefix (about 238 bits).
const SECRET_RANDOM_CHARS: usize = 40;

/// Count of trailing secret characters kept in clear as `shortToken`.
pub const SHORT_TOKEN_CHARS: usize = 6;

/// Generates a new secret from the operating system's random source.
pub fn generate() -> String {
    let random: String = rand::rngs::OsRng
        .sample_iter(&Alphanumeric)
        .take(SECRET_RANDOM_CHARS)
        .map(char::from)
        .collect();
    format!("{SECRET_PREFIX}{random}")
}

/// Hashes a secret for storage and lookup. SHA-256 without salt is enough here
/// because secrets carry about 238 random bits, so no dictionary applies.
pub fn hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Returns the last characters of a secret, shown to recognise a key.
pub fn short_token(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let start = chars.len().saturating_sub(SHORT_TOKEN_CHARS);
    chars[start..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secret_has_prefix_and_length() {
        let secret = generate();
        assert!(secret.starts_with(SECRET_PREFIX));
        assert_eq!(secret.len(), SECRET_PREFIX.len() + SECRET_RANDOM_CHARS);
        assert!(secret[SECRET_PREFIX.len()..].chars().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn generated_secrets_differ() {
        assert_ne!(generate(), generate());
    }

    #[test]
    fn short_token_is_last_six_chars() {
        assert_eq!(short_token("ntly_abcdefghij"), "efghij");
        assert_eq!(short_token("abc"), "abc");
    }

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
