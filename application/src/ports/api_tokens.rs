//! Personal API tokens: secrets a user creates on their account page and presents as
//! `Authorization: Bearer <secret>`, stored only as hashes.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{ApiTokenId, TokenName, UserId};

use super::RepoError;
use super::secret::{Secret, SecretHash, SecretKind};

/// API token secrets, as [`SecretKind`]: prefixed `bys_`, so a leaked one is recognisable
/// (secret scanners, logs).
#[derive(Debug)]
pub enum ApiSecretKind {}

impl SecretKind for ApiSecretKind {
    const NAME: &'static str = "ApiSecret";
    const PREFIX: &'static str = "bys_";
}

/// A token's secret: `bys_` and 32 random bytes as 64 lower-case hex digits. Shown to its owner
/// once, at creation; only its [`ApiSecretHash`] is stored, and it is never logged.
pub type ApiSecret = Secret<ApiSecretKind>;

/// The SHA-256 of an [`ApiSecret`].
pub type ApiSecretHash = SecretHash<ApiSecretKind>;

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
