//! Single-use, expiring account tokens (password reset, email verification, review request
//! opt-out), stored only as hashes.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;

use super::RepoError;
use super::secret::{Secret, SecretHash, SecretKind};

/// Account tokens, as [`SecretKind`].
#[derive(Debug)]
pub enum AccountTokenKind {}

impl SecretKind for AccountTokenKind {
    const NAME: &'static str = "AccountToken";
    const PREFIX: &'static str = "";
}

/// A secret account token as mailed to a user: 32 random bytes as 64 lower-case hex digits.
/// Never stored or logged; only its [`TokenHash`] is.
pub type AccountToken = Secret<AccountTokenKind>;

/// The SHA-256 of an [`AccountToken`].
pub type TokenHash = SecretHash<AccountTokenKind>;

/// What a token lets its holder do. A token works only for the purpose it was issued for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenPurpose {
    /// Set a new password ([`super::Links::reset_password`]).
    PasswordReset,
    /// Confirm the account's email address ([`super::Links::verify_email`]).
    EmailVerification,
    /// Stop review request mails ([`super::Links::stop_review_requests`]).
    ReviewRequestOptOut,
}

impl TokenPurpose {
    /// The stable name used in storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::PasswordReset => "password_reset",
            Self::EmailVerification => "email_verification",
            Self::ReviewRequestOptOut => "review_request_opt_out",
        }
    }
}

/// Stores account tokens by hash, each with its purpose. A token works once, before it
/// expires, and only for its purpose.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait AccountTokens: Send + Sync {
    /// Remembers a token of `user` for `purpose`, valid until `expires_at` (exclusive).
    ///
    /// # Errors
    /// [`RepoError::Conflict`] for a hash already stored, [`RepoError::Backend`].
    async fn insert(
        &self,
        hash: &TokenHash,
        purpose: TokenPurpose,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> Result<(), RepoError>;

    /// Uses up a token: the user it belongs to if it is stored for `purpose` and not expired at
    /// `now`. Using a token removes it and every other token of its user for the same purpose,
    /// so a link works once even when two requests race (one of them gets `None`). A token of
    /// another purpose is left alone and gives `None`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn consume(
        &self,
        hash: &TokenHash,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError>;

    /// Removes every token of `user` for `purpose` (e.g. the verification links of an address
    /// that is no longer the account's).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn revoke(&self, user: UserId, purpose: TokenPurpose) -> Result<(), RepoError>;

    /// The latest expiry among the stored tokens of `user` for `purpose`, expired or not:
    /// how use cases tell when the last one was issued.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn latest_expiry(
        &self,
        user: UserId,
        purpose: TokenPurpose,
    ) -> Result<Option<DateTime<Utc>>, RepoError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_differ_and_parse_back() {
        let a = AccountToken::generate().unwrap();
        let b = AccountToken::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(AccountToken::parse(a.expose()), Some(a.clone()));
        assert_eq!(AccountToken::parse(a.expose()).unwrap().hash(), a.hash());
    }

    #[test]
    fn malformed_tokens_are_refused_and_tokens_never_show_in_debug_output() {
        assert_eq!(AccountToken::parse("abc"), None);
        assert_eq!(AccountToken::parse(&"G".repeat(64)), None);
        let token = AccountToken::generate().unwrap();
        assert_eq!(format!("{token:?}"), "AccountToken(***)");
    }
}
