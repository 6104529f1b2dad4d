//! Password hashing with argon2id.

use std::num::NonZeroUsize;
use std::sync::OnceLock;

use ::argon2::password_hash::Error as ArgonError;
use ::argon2::{Algorithm, Argon2, Params, PasswordHasher as _, PasswordVerifier as _, Version};
use application::ports::{BackendError, PasswordHash, PasswordHasher};
use async_trait::async_trait;
use domain::NewPassword;
use tokio::sync::Semaphore;

/// Hashes passwords with argon2id and [`PARAMS`], each with a fresh random salt. Verification
/// reads the parameters from the stored hash, so hashes made with older parameters keep
/// working. The work runs on tokio's blocking threads, at most one hash per core at a time: one
/// hash takes tens of milliseconds, far too long for an async worker.
#[derive(Debug, Clone, Copy, Default)]
pub struct Argon2Hasher;

/// m = 9 MiB, t = 4, p = 1: one of the settings OWASP's password storage cheat sheet lists as
/// equally strong (with 19 MiB and t = 2, the crate's default). Less memory per hash matters
/// here: every running login holds this much; under the load harness the app's peak resident
/// memory is 47 MB with 9 MiB, 58 MB with 19 MiB.
pub const PARAMS: Params = match Params::new(9 * 1024, 4, 1, None) {
    Ok(params) => params,
    Err(_) => panic!("argon2 parameters out of range"),
};

/// The hasher with [`PARAMS`].
fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, PARAMS)
}

/// Runs `hashing` on a blocking thread once fewer hashes than cores are running. Each hash
/// holds its memory cost for its whole run, so a burst of logins waits here rather than taking
/// that memory many times over and oversubscribing the CPU.
async fn one_per_core<T: Send + 'static>(
    hashing: impl FnOnce() -> T + Send + 'static,
) -> Result<T, BackendError> {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        Semaphore::new(std::thread::available_parallelism().map_or(1, NonZeroUsize::get))
    });
    let _slot = slots.acquire().await?;
    Ok(tokio::task::spawn_blocking(hashing).await?)
}

/// An argon2id hash of a random phrase with [`PARAMS`].
const DECOY_PHC: &str = "$argon2id$v=19$m=9216,t=4,p=1$IJdxaIXfaRxbeV9cjgJPXw$LiL2UQ34orjskDDmnbd2vxnUF/H0R2Vc4k/Dtd4zSuE";

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &NewPassword) -> Result<PasswordHash, BackendError> {
        let password = password.expose().to_owned();
        one_per_core(move || {
            argon2()
                .hash_password(password.as_bytes())
                .map(|hash| PasswordHash::from_phc(hash.to_string()))
                .map_err(BackendError::from)
        })
        .await?
    }

    async fn verify(&self, password: &str, hash: &PasswordHash) -> Result<bool, BackendError> {
        let password = password.to_owned();
        let phc = hash.as_str().to_owned();
        one_per_core(move || {
            match argon2().verify_password(password.as_bytes(), phc.as_str()) {
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

    fn decoy(&self) -> PasswordHash {
        PasswordHash::from_phc(DECOY_PHC.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn password(raw: &str) -> NewPassword {
        NewPassword::parse(raw).unwrap()
    }

    #[tokio::test]
    async fn a_hash_made_with_the_crates_default_parameters_still_verifies() {
        let old = Argon2::default()
            .hash_password(b"correct horse")
            .unwrap()
            .to_string();
        assert!(old.contains("m=19456,t=2,p=1"));
        let old = PasswordHash::from_phc(old);
        assert!(Argon2Hasher.verify("correct horse", &old).await.unwrap());
        assert!(!Argon2Hasher.verify("correct horsE", &old).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_hashes_than_cores_run_at_once() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let hashes = (0..cores * 4).map(|_| {
            let (running, most) = (running.clone(), most.clone());
            tokio::spawn(one_per_core(move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(20));
                running.fetch_sub(1, Ordering::SeqCst);
            }))
        });
        for hash in hashes.collect::<Vec<_>>() {
            hash.await.unwrap().unwrap();
        }
        assert!((1..=cores).contains(&most.load(Ordering::SeqCst)));
    }

    #[tokio::test]
    async fn a_hash_verifies_its_own_password_only() {
        let hash = Argon2Hasher.hash(&password("correct horse")).await.unwrap();
        assert!(hash.as_str().starts_with("$argon2id$"));
        assert!(Argon2Hasher.verify("correct horse", &hash).await.unwrap());
        assert!(!Argon2Hasher.verify("correct horsE", &hash).await.unwrap());
    }

    #[tokio::test]
    async fn the_decoy_costs_as_much_to_verify_as_a_real_hash() {
        let real = Argon2Hasher.hash(&password("correct horse")).await.unwrap();
        let params = |phc: &str| {
            let parsed = ::argon2::password_hash::phc::PasswordHash::new(phc).unwrap();
            (parsed.algorithm.to_string(), parsed.params.to_string())
        };
        assert_eq!(params(Argon2Hasher.decoy().as_str()), params(real.as_str()));
        assert!(
            !Argon2Hasher
                .verify("correct horse", &Argon2Hasher.decoy())
                .await
                .unwrap()
        );
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
