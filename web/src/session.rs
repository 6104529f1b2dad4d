//! Server-side sessions: a random id in an `HttpOnly` cookie, the data in a [`SessionStore`].
//!
//! The store is a port of the web layer: [`DbSessions`] keeps them in the database (shared by
//! every instance, kept across restarts); [`MemorySessions`] keeps them in this process, for the
//! in-memory stores of tests and the demo.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use adapters::sea_orm::{SeaOrmSessions, SessionOwner, StoredSession};

use application::Actor;
use application::ports::BackendError;
use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{Role, User, UserId};
use poem::web::cookie::{Cookie, CookieJar, SameSite};
use rand::Rng;

/// The session cookie's name.
pub const COOKIE: &str = "bys_session";

/// A session's secret identifier: 256 random bits, hex-encoded. Whoever holds it is logged in
/// as the session's user, so it is never logged.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SessionId(String);

impl SessionId {
    /// A fresh random id.
    pub fn random() -> Self {
        Self(random_hex())
    }

    /// The id a client presented; `None` when it cannot be one of ours.
    pub fn parse(raw: &str) -> Option<Self> {
        (raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(raw.to_owned()))
    }

    /// The cookie value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionId(***)")
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// 32 random bytes from the thread's cryptographically secure generator, hex-encoded.
pub fn random_hex() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    let mut hex = String::with_capacity(64);
    for b in bytes {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    hex
}

/// The logged-in user of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    /// Their id.
    pub id: UserId,
    /// Their role, read again from their account on every request.
    pub role: Role,
    /// Their display name, for the page header.
    pub name: String,
}

impl From<&User> for SessionUser {
    fn from(user: &User) -> Self {
        Self {
            id: user.id,
            role: user.role,
            name: user.name.as_str().to_owned(),
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
    /// A visitor's session with a fresh CSRF token.
    pub fn anonymous(expires_at: DateTime<Utc>) -> Self {
        Self {
            user: None,
            csrf_token: random_hex(),
            expires_at,
        }
    }
}

/// Keeps sessions. Implementations drop expired sessions on [`SessionStore::load`] or sooner.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// The live session with `id`; `None` if unknown or expired.
    ///
    /// # Errors
    /// When the backend fails.
    async fn load(
        &self,
        id: &SessionId,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionData>, BackendError>;

    /// Creates or replaces the session `id`.
    ///
    /// # Errors
    /// When the backend fails.
    async fn save(&self, id: &SessionId, data: &SessionData) -> Result<(), BackendError>;

    /// Ends the session `id`; ending an unknown session succeeds.
    ///
    /// # Errors
    /// When the backend fails.
    async fn remove(&self, id: &SessionId) -> Result<(), BackendError>;

    /// Deletes the sessions expired at `now`; returns how many.
    ///
    /// # Errors
    /// When the backend fails.
    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, BackendError>;

    /// Ends every session of user `user` (an erased account), on every device.
    ///
    /// # Errors
    /// When the backend fails.
    async fn remove_user(&self, user: UserId) -> Result<(), BackendError>;
}

/// Sessions in the database.
#[derive(Debug, Clone)]
pub struct DbSessions(Arc<SeaOrmSessions>);

impl DbSessions {
    /// Sessions in `store`.
    pub fn new(store: Arc<SeaOrmSessions>) -> Self {
        Self(store)
    }
}

#[async_trait]
impl SessionStore for DbSessions {
    async fn load(
        &self,
        id: &SessionId,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionData>, BackendError> {
        let stored = self.0.load(id.as_str(), now).await?;
        Ok(stored.map(|s| SessionData {
            user: s.owner.map(|o| SessionUser {
                id: o.id,
                role: o.role,
                name: o.name,
            }),
            csrf_token: s.csrf_token,
            expires_at: s.expires_at,
        }))
    }

    async fn save(&self, id: &SessionId, data: &SessionData) -> Result<(), BackendError> {
        let stored = StoredSession {
            owner: data.user.as_ref().map(|u| SessionOwner {
                id: u.id,
                role: u.role,
                name: u.name.clone(),
            }),
            csrf_token: data.csrf_token.clone(),
            expires_at: data.expires_at,
        };
        Ok(self.0.save(id.as_str(), &stored).await?)
    }

    async fn remove(&self, id: &SessionId) -> Result<(), BackendError> {
        Ok(self.0.remove(id.as_str()).await?)
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, BackendError> {
        Ok(self.0.purge_expired(now).await?)
    }

    async fn remove_user(&self, user: UserId) -> Result<(), BackendError> {
        Ok(self.0.remove_user(user).await?)
    }
}

/// Sessions in process memory: lost on restart and not shared between app instances.
#[derive(Debug, Default)]
pub struct MemorySessions {
    sessions: Mutex<HashMap<String, SessionData>>,
}

/// Expired sessions are swept when the table grows past this many entries.
const SWEEP_ABOVE: usize = 10_000;

#[async_trait]
impl SessionStore for MemorySessions {
    async fn load(
        &self,
        id: &SessionId,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionData>, BackendError> {
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        match sessions.get(id.as_str()) {
            Some(data) if data.expires_at > now => Ok(Some(data.clone())),
            Some(_) => {
                sessions.remove(id.as_str());
                Ok(None)
            }
            None => Ok(None),
        }
    }

    async fn save(&self, id: &SessionId, data: &SessionData) -> Result<(), BackendError> {
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        if sessions.len() > SWEEP_ABOVE {
            let now = Utc::now();
            sessions.retain(|_, s| s.expires_at > now);
        }
        sessions.insert(id.as_str().to_owned(), data.clone());
        Ok(())
    }

    async fn remove(&self, id: &SessionId) -> Result<(), BackendError> {
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id.as_str());
        Ok(())
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, BackendError> {
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        let before = sessions.len();
        sessions.retain(|_, s| s.expires_at > now);
        Ok(u64::try_from(before - sessions.len()).unwrap_or(u64::MAX))
    }

    async fn remove_user(&self, user: UserId) -> Result<(), BackendError> {
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|_, s| s.user.as_ref().is_none_or(|u| u.id != user));
        Ok(())
    }
}

/// How session cookies are written.
#[derive(Debug, Clone, Copy)]
pub struct CookiePolicy {
    /// Mark the cookie Secure (the app is served over https).
    pub secure: bool,
    /// Idle lifetime of a session.
    pub idle: TimeDelta,
}

impl CookiePolicy {
    /// Sets the session cookie to `id`: `HttpOnly`, `SameSite=Lax`, `Secure` over https.
    pub fn set(&self, jar: &CookieJar, id: &SessionId) {
        let mut cookie = Cookie::new_with_str(COOKIE, id.as_str());
        cookie.set_http_only(true);
        cookie.set_same_site(SameSite::Lax);
        cookie.set_secure(self.secure);
        cookie.set_path("/");
        cookie.set_max_age(self.idle.to_std().unwrap_or_default());
        jar.add(cookie);
    }

    /// Removes the session cookie from the browser.
    pub fn clear(&self, jar: &CookieJar) {
        let mut cookie = Cookie::new_with_str(COOKIE, "");
        cookie.set_http_only(true);
        cookie.set_same_site(SameSite::Lax);
        cookie.set_secure(self.secure);
        cookie.set_path("/");
        cookie.make_removal();
        jar.add(cookie);
    }

    /// The session id the request's cookie carries, if well-formed.
    pub fn presented(jar: &CookieJar) -> Option<SessionId> {
        jar.get(COOKIE)
            .and_then(|c| SessionId::parse(c.value_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[tokio::test]
    async fn a_saved_session_loads_until_it_expires() {
        let store = MemorySessions::default();
        let id = SessionId::random();
        let data = SessionData::anonymous(at("2026-06-01T10:00:00Z"));
        store.save(&id, &data).await.unwrap();
        assert_eq!(
            store.load(&id, at("2026-06-01T09:59:59Z")).await.unwrap(),
            Some(data)
        );
        assert_eq!(
            store.load(&id, at("2026-06-01T10:00:00Z")).await.unwrap(),
            None
        );
    }

    #[tokio::test]
    async fn a_removed_session_is_gone() {
        let store = MemorySessions::default();
        let id = SessionId::random();
        store
            .save(&id, &SessionData::anonymous(at("2030-01-01T00:00:00Z")))
            .await
            .unwrap();
        store.remove(&id).await.unwrap();
        assert_eq!(
            store.load(&id, at("2026-01-01T00:00:00Z")).await.unwrap(),
            None
        );
    }

    #[test]
    fn the_cookie_is_http_only_same_site_lax_and_secure_over_https() {
        for secure in [false, true] {
            let jar = CookieJar::default();
            let policy = CookiePolicy {
                secure,
                idle: TimeDelta::hours(1),
            };
            let id = SessionId::random();
            policy.set(&jar, &id);
            let cookie = jar.get(COOKIE).unwrap();
            assert_eq!(cookie.value_str(), id.as_str());
            assert!(cookie.http_only());
            assert_eq!(cookie.same_site(), Some(SameSite::Lax));
            assert_eq!(cookie.secure(), secure);
            assert_eq!(CookiePolicy::presented(&jar), Some(id));
        }
    }

    #[test]
    fn session_ids_are_random_and_only_well_formed_ones_parse() {
        let a = SessionId::random();
        assert_ne!(a, SessionId::random());
        assert_eq!(SessionId::parse(a.as_str()), Some(a));
        assert_eq!(SessionId::parse("short"), None);
        assert_eq!(SessionId::parse(&"g".repeat(64)), None);
        assert_eq!(format!("{:?}", SessionId::random()), "SessionId(***)");
    }
}
