//! Login sessions in memory: lost on restart and not shared between app instances.

use std::collections::HashMap;
use std::sync::Mutex;

use application::ports::{RepoError, SessionData, SessionIdHash, SessionStore};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;

use super::lock;

/// Expired sessions are swept when the table grows past this many entries.
const SWEEP_ABOVE: usize = 10_000;

/// [`SessionStore`] in memory.
#[derive(Debug, Default)]
pub struct MemorySessions {
    sessions: Mutex<HashMap<SessionIdHash, SessionData>>,
}

#[async_trait]
impl SessionStore for MemorySessions {
    async fn load(
        &self,
        id: &SessionIdHash,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionData>, RepoError> {
        let mut sessions = lock(&self.sessions);
        match sessions.get(id) {
            Some(data) if data.expires_at > now => Ok(Some(data.clone())),
            Some(_) => {
                sessions.remove(id);
                Ok(None)
            }
            None => Ok(None),
        }
    }

    async fn save(&self, id: &SessionIdHash, data: &SessionData) -> Result<(), RepoError> {
        let mut sessions = lock(&self.sessions);
        if sessions.len() > SWEEP_ABOVE {
            // Keeps a busy demo from growing without bound between the workers' purges.
            let now = Utc::now();
            sessions.retain(|_, s| s.expires_at > now);
        }
        sessions.insert(*id, data.clone());
        Ok(())
    }

    async fn remove(&self, id: &SessionIdHash) -> Result<(), RepoError> {
        lock(&self.sessions).remove(id);
        Ok(())
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
        let mut sessions = lock(&self.sessions);
        let before = sessions.len();
        sessions.retain(|_, s| s.expires_at > now);
        Ok(u64::try_from(before - sessions.len()).unwrap_or(u64::MAX))
    }

    async fn remove_user(&self, user: UserId) -> Result<(), RepoError> {
        lock(&self.sessions).retain(|_, s| s.user.as_ref().is_none_or(|u| u.id != user));
        Ok(())
    }
}
