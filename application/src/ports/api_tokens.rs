//! Personal API tokens: secrets a user creates on their account page and presents as
//! `Authorization: Bearer <secret>`, stored only as hashes.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{ApiTokenId, TokenName, UserId};
use sha2::{Digest, Sha256};

use super::{BackendError, RepoError};

/// The prefix of every secret, so a leaked one is recognisable (secret scanners, logs).
const PREFIX: &str = "bys_";

/// A token's secret: `bys_` and 32 random bytes as 64 lower-case hex digits. Shown to its owner
/// once, at creation; only its [`ApiSecretHash`] is stored, and it is never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiSecret(String);

impl ApiSecret {
    /// A fresh secret from the operating system's secure random source.
    ///
    /// # Errors
    /// When the random source fails.
    pub fn generate() -> Result<Self, BackendError> {
        super::random_hex().map(|hex| Self(format!("{PREFIX}{hex}")))
    }

    /// A secret as a client presented it; `None` unless it has the generated shape.
    pub fn parse(raw: &str) -> Option<Self> {
        raw.strip_prefix(PREFIX)
            .is_some_and(super::is_random_hex)
            .then(|| Self(raw.to_owned()))
    }

    /// The secret, to show its owner once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What is stored: its SHA-256. A fast hash suffices because the secret has 256 random bits.
    pub fn hash(&self) -> ApiSecretHash {
        ApiSecretHash(Sha256::digest(self.0.as_bytes()).into())
    }
}

impl std::fmt::Debug for ApiSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiSecret(***)")
    }
}

/// The SHA-256 of an [`ApiSecret`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiSecretHash([u8; 32]);

impl ApiSecretHash {
    /// Wraps stored bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The bytes to store.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// A personal API token as its owner sees it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Its id.
    pub id: ApiTokenId,
    /// Whose it is; requests made with it act as this user.
    pub user: UserId,
    /// The owner's name for it.
    pub name: TokenName,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last authenticated a request (to the minute), if ever.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked; a revoked token authenticates nothing.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Stores API tokens by the hash of their secret. Revoked tokens are kept (marked), so
/// [`ApiTokens::by_hash`] can tell a revoked token from an unknown one.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait ApiTokens: Send + Sync {
    /// Adds `token` whose secret hashes to `hash`.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when the id or the hash is already stored, [`RepoError::Backend`].
    async fn insert(&self, token: &ApiToken, hash: &ApiSecretHash) -> Result<(), RepoError>;

    /// The token with `id`, revoked or not.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_id(&self, id: ApiTokenId) -> Result<Option<ApiToken>, RepoError>;

    /// The token whose secret hashes to `hash`, revoked or not.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_hash(&self, hash: &ApiSecretHash) -> Result<Option<ApiToken>, RepoError>;

    /// `user`'s tokens that are not revoked, newest first (then by id).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn active_of(&self, user: UserId) -> Result<Vec<ApiToken>, RepoError>;

    /// Marks token `id` revoked at `at`; revoking a revoked token keeps the first time.
    ///
    /// # Errors
    /// [`RepoError::NotFound`], [`RepoError::Backend`].
    async fn revoke(&self, id: ApiTokenId, at: DateTime<Utc>) -> Result<(), RepoError>;

    /// Records that token `id` authenticated a request at `at`.
    ///
    /// # Errors
    /// [`RepoError::NotFound`], [`RepoError::Backend`].
    async fn record_use(&self, id: ApiTokenId, at: DateTime<Utc>) -> Result<(), RepoError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secrets_differ_carry_the_prefix_and_parse_back_with_the_same_hash() {
        let a = ApiSecret::generate().unwrap();
        let b = ApiSecret::generate().unwrap();
        assert_ne!(a, b);
        assert!(a.expose().starts_with("bys_"));
        assert_eq!(a.expose().len(), 68);
        assert_eq!(ApiSecret::parse(a.expose()).unwrap().hash(), a.hash());
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn malformed_secrets_are_refused_and_never_shown_in_debug_output() {
        let hex = "a".repeat(64);
        assert_eq!(ApiSecret::parse(&hex), None);
        assert_eq!(ApiSecret::parse("bys_abc"), None);
        assert_eq!(ApiSecret::parse(&format!("bys_{}", "A".repeat(64))), None);
        assert!(ApiSecret::parse(&format!("bys_{hex}")).is_some());
        assert_eq!(
            format!("{:?}", ApiSecret::generate().unwrap()),
            "ApiSecret(***)"
        );
    }
}
