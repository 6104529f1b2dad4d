//! Personal API tokens in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use application::ports::{ApiSecretHash, ApiToken, ApiTokens, RepoError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{ApiTokenId, UserId};

use super::lock;

/// [`ApiTokens`] in memory: id → (token, hash of its secret).
#[derive(Debug, Default)]
pub struct MemoryApiTokens {
    tokens: Mutex<HashMap<ApiTokenId, (ApiToken, ApiSecretHash)>>,
}

impl MemoryApiTokens {
    /// Deletes every token of `user`.
    pub(super) fn delete_of(&self, user: UserId) {
        lock(&self.tokens).retain(|_, (token, _)| token.user != user);
    }

    /// Applies `change` to token `id`.
    fn change(&self, id: ApiTokenId, change: impl FnOnce(&mut ApiToken)) -> Result<(), RepoError> {
        let mut tokens = lock(&self.tokens);
        let (token, _) = tokens.get_mut(&id).ok_or(RepoError::NotFound)?;
        change(token);
        Ok(())
    }
}

#[async_trait]
impl ApiTokens for MemoryApiTokens {
    async fn insert(&self, token: &ApiToken, hash: &ApiSecretHash) -> Result<(), RepoError> {
        let mut tokens = lock(&self.tokens);
        if tokens.contains_key(&token.id) || tokens.values().any(|(_, h)| h == hash) {
            return Err(RepoError::Conflict);
        }
        tokens.insert(token.id, (token.clone(), *hash));
        Ok(())
    }

    async fn by_id(&self, id: ApiTokenId) -> Result<Option<ApiToken>, RepoError> {
        Ok(lock(&self.tokens).get(&id).map(|(t, _)| t.clone()))
    }

    async fn by_hash(&self, hash: &ApiSecretHash) -> Result<Option<ApiToken>, RepoError> {
        Ok(lock(&self.tokens)
            .values()
            .find(|(_, h)| h == hash)
            .map(|(t, _)| t.clone()))
    }

    async fn active_of(&self, user: UserId) -> Result<Vec<ApiToken>, RepoError> {
        let mut found: Vec<ApiToken> = lock(&self.tokens)
            .values()
            .filter(|(t, _)| t.user == user && t.revoked_at.is_none())
            .map(|(t, _)| t.clone())
            .collect();
        found.sort_by_key(|t| std::cmp::Reverse((t.created_at, t.id)));
        Ok(found)
    }

    async fn revoke(&self, id: ApiTokenId, at: DateTime<Utc>) -> Result<(), RepoError> {
        self.change(id, |t| {
            t.revoked_at.get_or_insert(at);
        })
    }

    async fn record_use(&self, id: ApiTokenId, at: DateTime<Utc>) -> Result<(), RepoError> {
        self.change(id, |t| t.last_used_at = Some(at))
    }
}
