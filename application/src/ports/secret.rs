//! Secrets handed to people or their software once (mailed links, feed URLs, API tokens) and
//! stored only as hashes. One generic pair of types; a marker type per kind of secret keeps a
//! feed token from ever being taken for an API secret.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use sha2::{Digest, Sha256};

use super::BackendError;

/// A kind of secret: its name (for `Debug`, which never shows the value) and the prefix that
/// makes a leaked one recognisable.
pub trait SecretKind {
    /// The type's name, as `Debug` shows it.
    const NAME: &'static str;
    /// Put before the random part; empty for none.
    const PREFIX: &'static str;
}

/// A secret: the kind's prefix and 32 random bytes as 64 lower-case hex digits. Never stored or
/// logged; only its [`SecretHash`] is.
pub struct Secret<K>(String, PhantomData<K>);

impl<K: SecretKind> Secret<K> {
    /// A fresh secret from the operating system's secure random source.
    ///
    /// # Errors
    /// When the random source fails.
    pub fn generate() -> Result<Self, BackendError> {
        super::random_hex().map(|hex| Self(format!("{}{hex}", K::PREFIX), PhantomData))
    }

    /// A secret as it came back (in a link, a URL, a header); `None` unless it has the
    /// generated shape.
    pub fn parse(raw: &str) -> Option<Self> {
        raw.strip_prefix(K::PREFIX)
            .is_some_and(super::is_random_hex)
            .then(|| Self(raw.to_owned(), PhantomData))
    }

    /// The secret, for the one place it is shown.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What is stored: its SHA-256. A fast hash suffices because the secret has 256 random bits.
    pub fn hash(&self) -> SecretHash<K> {
        SecretHash(Sha256::digest(self.0.as_bytes()).into(), PhantomData)
    }
}

impl<K> Clone for Secret<K> {
    fn clone(&self) -> Self {
        Self(self.0.clone(), PhantomData)
    }
}

impl<K> PartialEq for Secret<K> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<K> Eq for Secret<K> {}

impl<K: SecretKind> fmt::Debug for Secret<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(***)", K::NAME)
    }
}

/// The SHA-256 of a [`Secret`] of the same kind.
pub struct SecretHash<K>([u8; 32], PhantomData<K>);

impl<K> SecretHash<K> {
    /// Wraps stored bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes, PhantomData)
    }

    /// The bytes to store.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl<K> Clone for SecretHash<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K> Copy for SecretHash<K> {}

impl<K> PartialEq for SecretHash<K> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<K> Eq for SecretHash<K> {}

impl<K> Hash for SecretHash<K> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<K: SecretKind> fmt::Debug for SecretHash<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretHash<{}>({:?})", K::NAME, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    enum Test {}

    impl SecretKind for Test {
        const NAME: &'static str = "Test";
        const PREFIX: &'static str = "t_";
    }

    #[test]
    fn a_secret_parses_back_only_in_its_generated_shape() {
        let secret = Secret::<Test>::generate().unwrap();
        assert!(secret.expose().starts_with("t_"));
        assert_eq!(Secret::<Test>::parse(secret.expose()), Some(secret.clone()));
        assert_eq!(Secret::<Test>::parse(&secret.expose()[2..]), None);
        assert_eq!(format!("{secret:?}"), "Test(***)");
        assert_eq!(
            secret.hash(),
            SecretHash::from_bytes(*secret.hash().as_bytes())
        );
    }
}
