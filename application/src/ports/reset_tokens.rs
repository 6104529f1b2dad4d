//! Single-use, expiring password reset tokens, stored only as hashes.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;
use sha2::{Digest, Sha256};

use super::{BackendError, RepoError};

/// A secret reset token as mailed to a user: 32 random bytes as 64 lower-case hex digits.
/// Never stored or logged; only its [`TokenHash`] is.
#[derive(Clone, PartialEq, Eq)]
pub struct ResetToken(String);

impl ResetToken {
    /// A fresh token from the operating system's secure random source.
    ///
    /// # Errors
    /// When the random source fails.
    pub fn generate() -> Result<Self, BackendError> {
        super::random_hex().map(Self)
    }

    /// A token as it came back in a link; `None` unless it has the generated shape.
    pub fn parse(raw: &str) -> Option<Self> {
        super::is_random_hex(raw).then(|| Self(raw.to_owned()))
    }

    /// The token, for the link only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What is stored: its SHA-256. A fast hash suffices because the token has 256 random bits.
    pub fn hash(&self) -> TokenHash {
        TokenHash(Sha256::digest(self.0.as_bytes()).into())
    }
}

impl std::fmt::Debug for ResetToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResetToken(***)")
    }
}

/// The SHA-256 of a [`ResetToken`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenHash([u8; 32]);

impl TokenHash {
    /// Wraps stored bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The bytes to store.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// Stores reset tokens by hash. A token works once, before it expires.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait PasswordResetTokens: Send + Sync {
    /// Remembers a token of `user` valid until `expires_at` (exclusive).
    ///
    /// # Errors
    /// [`RepoError::Conflict`] for a hash already stored, [`RepoError::Backend`].
    async fn insert(
        &self,
        hash: &TokenHash,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> Result<(), RepoError>;

    /// Uses up a token: the user it belongs to if it is stored and not expired at `now`. Using a
    /// token removes it and every other token of its user, so a link works once even when two
    /// requests race (one of them gets `None`).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn consume(
        &self,
        hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_differ_and_parse_back() {
        let a = ResetToken::generate().unwrap();
        let b = ResetToken::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(ResetToken::parse(a.expose()), Some(a.clone()));
        assert_eq!(ResetToken::parse(a.expose()).unwrap().hash(), a.hash());
    }

    #[test]
    fn malformed_tokens_are_refused_and_tokens_never_show_in_debug_output() {
        assert_eq!(ResetToken::parse("abc"), None);
        assert_eq!(ResetToken::parse(&"G".repeat(64)), None);
        let token = ResetToken::generate().unwrap();
        assert_eq!(format!("{token:?}"), "ResetToken(***)");
    }
}
