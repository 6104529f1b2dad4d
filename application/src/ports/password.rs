//! Password hashing: slow, salted one-way hashes (argon2id in production).

use async_trait::async_trait;
use domain::NewPassword;

use super::BackendError;

/// A self-describing password hash (PHC string format), safe to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a stored PHC string.
    pub fn from_phc(phc: String) -> Self {
        Self(phc)
    }

    /// The PHC string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Hashes and verifies passwords. Implementations run the work off the async threads.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// A fresh salted hash of `password`.
    ///
    /// # Errors
    /// When the hashing backend fails.
    async fn hash(&self, password: &NewPassword) -> Result<PasswordHash, BackendError>;

    /// Whether `password` matches `hash`. A malformed hash is a mismatch, not an error.
    ///
    /// # Errors
    /// When the hashing backend fails.
    async fn verify(&self, password: &str, hash: &PasswordHash) -> Result<bool, BackendError>;

    /// A valid hash of no one's password, as costly to verify as a real one. Logging in with an
    /// unknown email verifies against it, so the answer takes as long as for a wrong password
    /// and does not reveal which emails have accounts.
    fn decoy(&self) -> PasswordHash;
}
