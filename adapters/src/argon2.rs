//! Password hashing with argon2id.

use ::argon2::password_hash::Error as ArgonError;
use ::argon2::{Argon2, PasswordHasher as _, PasswordVerifier as _};
use application::ports::{BackendError, PasswordHash, PasswordHasher};
use async_trait::async_trait;
use domain::NewPassword;

/// Hashes passwords with argon2id and the crate's default (OWASP-recommended) parameters, each
/// with a fresh random salt. Verification reads the parameters from the stored hash, so hashes
/// made with older parameters keep working. The work runs on tokio's blocking threads: one hash
/// takes tens of milliseconds, far too long for an async worker.
#[derive(Debug, Clone, Copy, Default)]
pub struct Argon2Hasher;

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &NewPassword) -> Result<PasswordHash, BackendError> {
        let password = password.expose().to_owned();
        tokio::task::spawn_blocking(move || {
            Argon2::default()
                .hash_password(password.as_bytes())
                .map(|hash| PasswordHash::from_phc(hash.to_string()))
                .map_err(BackendError::from)
        })
        .await?
    }

    async fn verify(&self, password: &str, hash: &PasswordHash) -> Result<bool, BackendError> {
        let password = password.to_owned();
        let phc = hash.as_str().to_owned();
        tokio::task::spawn_blocking(move || {
            match Argon2::default().verify_password(password.as_bytes(), phc.as_str()) {
                Ok(()) => Ok(true),
                // The machine, not the input, failed: worth reporting.
                Err(
                    e @ (ArgonError::OutOfMemory | ArgonError::Internal | ArgonError::RngFailure),
                ) => Err(e.into()),
                // A wrong password, or a stored hash that is malformed or of an unknown
                // algorithm: either way this password does not match it.
                Err(_) => Ok(false),
            }
        })
        .await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn password(raw: &str) -> NewPassword {
        NewPassword::parse(raw).unwrap()
    }

    #[tokio::test]
    async fn a_hash_verifies_its_own_password_only() {
        let hash = Argon2Hasher.hash(&password("correct horse")).await.unwrap();
        assert!(hash.as_str().starts_with("$argon2id$"));
        assert!(Argon2Hasher.verify("correct horse", &hash).await.unwrap());
        assert!(!Argon2Hasher.verify("correct horsE", &hash).await.unwrap());
    }

    #[tokio::test]
    async fn the_same_password_hashes_differently_each_time() {
        let first = Argon2Hasher.hash(&password("correct horse")).await.unwrap();
        let second = Argon2Hasher.hash(&password("correct horse")).await.unwrap();
        assert_ne!(first, second);
    }

    #[tokio::test]
    async fn a_malformed_stored_hash_is_a_mismatch_not_an_error() {
        for stored in ["", "not a hash", "$argon2id$v=19$m=19456", "$md5$abc$def"] {
            let hash = PasswordHash::from_phc(stored.to_owned());
            assert!(
                !Argon2Hasher.verify("correct horse", &hash).await.unwrap(),
                "{stored:?} matched"
            );
        }
    }
}
