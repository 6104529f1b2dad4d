//! Calendar feed tokens in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use application::ports::{FeedTokenHash, FeedTokens, RepoError};
use async_trait::async_trait;
use domain::UserId;

use super::lock;

/// [`FeedTokens`] in memory: one hash per user.
#[derive(Debug, Default)]
pub struct MemoryFeedTokens {
    by_user: Mutex<HashMap<UserId, FeedTokenHash>>,
}

#[async_trait]
impl FeedTokens for MemoryFeedTokens {
    async fn replace(&self, user: UserId, hash: &FeedTokenHash) -> Result<(), RepoError> {
        let mut by_user = lock(&self.by_user);
        if by_user.iter().any(|(u, h)| *u != user && h == hash) {
            return Err(RepoError::Conflict);
        }
        by_user.insert(user, *hash);
        Ok(())
    }

    async fn revoke(&self, user: UserId) -> Result<(), RepoError> {
        lock(&self.by_user).remove(&user);
        Ok(())
    }

    async fn owner(&self, hash: &FeedTokenHash) -> Result<Option<UserId>, RepoError> {
        Ok(lock(&self.by_user)
            .iter()
            .find(|(_, h)| *h == hash)
            .map(|(u, _)| *u))
    }

    async fn issued(&self, user: UserId) -> Result<bool, RepoError> {
        Ok(lock(&self.by_user).contains_key(&user))
    }
}
