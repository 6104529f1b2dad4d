//! Login sessions: the secret id a browser holds, what the server keeps for it, and the store
//! that keeps it (shared by every app instance, so a session survives restarts and works on any
//! of them).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{Language, Role, User, UserId};

use super::secret::{Secret, SecretHash, SecretKind};
use super::{BackendError, RepoError};
use crate::Actor;

/// Session ids, as [`SecretKind`].
#[derive(Debug)]
pub enum SessionIdKind {}

impl SecretKind for SessionIdKind {
    const NAME: &'static str = "SessionId";
    const PREFIX: &'static str = "";
}

/// A session's secret id: 32 random bytes as 64 lower-case hex digits, in an `HttpOnly`
/// cookie. Whoever holds it acts as the session's user, so only its [`SessionIdHash`] is
/// stored.
pub type SessionId = Secret<SessionIdKind>;

/// The SHA-256 of a [`SessionId`]: the key sessions are stored under.
pub type SessionIdHash = SecretHash<SessionIdKind>;

/// The logged-in user of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    /// Their id.
    pub id: UserId,
    /// Their role, read again from their account on every request.
    pub role: Role,
    /// Their display name, for the page header.
    pub name: String,
    /// The language they chose, read again from their account on every request (not stored
    /// with the session).
    pub language: Option<Language>,
}

impl From<&User> for SessionUser {
    fn from(user: &User) -> Self {
        Self {
            id: user.id,
            role: user.role,
            name: user.name.as_str().to_owned(),
            language: user.language.clone(),
        }
    }
}

impl SessionUser {
    /// The actor use cases receive.
    pub fn actor(&self) -> Actor {
        Actor::new(self.id, self.role)
    }
}

/// What a session holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionData {
    /// The logged-in user; `None` for a visitor who only has a form open.
    pub user: Option<SessionUser>,
    /// The token every state-changing form of this session must carry.
    pub csrf_token: String,
    /// When the session ends unless it is used again.
    pub expires_at: DateTime<Utc>,
}

impl SessionData {
    /// A visitor's session with a fresh CSRF token from [`super::random_hex`].
    ///
    /// # Errors
    /// When the random source fails.
    pub fn anonymous(expires_at: DateTime<Utc>) -> Result<Self, BackendError> {
        Ok(Self {
            user: None,
            csrf_token: super::random_hex()?,
            expires_at,
        })
    }
}

/// Keeps sessions by the hash of their id. A session expired at `now` is never loaded; expired
/// sessions are deleted by [`SessionStore::purge_expired`] (or sooner).
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// The session stored under `id`, unless it is unknown or expired at `now`.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`], [`RepoError::Backend`].
    async fn load(
        &self,
        id: &SessionIdHash,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionData>, RepoError>;

    /// Creates or replaces the session `id`.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`], [`RepoError::Backend`].
    async fn save(&self, id: &SessionIdHash, data: &SessionData) -> Result<(), RepoError>;

    /// Ends the session `id`; ending an unknown session succeeds.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`], [`RepoError::Backend`].
    async fn remove(&self, id: &SessionIdHash) -> Result<(), RepoError>;

    /// Deletes the sessions expired at `now`; returns how many.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`], [`RepoError::Backend`].
    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError>;

    /// Ends every session of `user` (an erased account), on every device.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`], [`RepoError::Backend`].
    async fn remove_user(&self, user: UserId) -> Result<(), RepoError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_are_random_and_only_well_formed_ones_parse() {
        let a = SessionId::generate().unwrap();
        assert_ne!(a, SessionId::generate().unwrap());
        assert_eq!(SessionId::parse(a.expose()), Some(a));
        assert_eq!(SessionId::parse("short"), None);
        assert_eq!(SessionId::parse(&"g".repeat(64)), None);
        assert_eq!(
            format!("{:?}", SessionId::generate().unwrap()),
            "SessionId(***)"
        );
    }

    #[test]
    fn each_anonymous_session_gets_its_own_csrf_token() {
        let at = Utc::now();
        let a = SessionData::anonymous(at).unwrap();
        assert_eq!(a.user, None);
        assert_eq!(a.csrf_token.len(), 64);
        assert_ne!(a.csrf_token, SessionData::anonymous(at).unwrap().csrf_token);
    }
}
