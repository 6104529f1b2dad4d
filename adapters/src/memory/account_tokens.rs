//! Account tokens in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use application::ports::{AccountTokens, RepoError, TokenHash, TokenPurpose};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;

use super::lock;

/// One stored token.
#[derive(Debug, Clone, Copy)]
struct Stored {
    purpose: TokenPurpose,
    user: UserId,
    expires_at: DateTime<Utc>,
}

/// [`AccountTokens`] in memory: token hash → (purpose, user, expiry).
#[derive(Debug, Default)]
pub struct MemoryAccountTokens {
    tokens: Mutex<HashMap<TokenHash, Stored>>,
}

impl MemoryAccountTokens {
    /// Deletes every token of `user`.
    pub(super) fn delete_of(&self, user: UserId) {
        lock(&self.tokens).retain(|_, stored| stored.user != user);
    }
}

#[async_trait]
impl AccountTokens for MemoryAccountTokens {
    async fn insert(
        &self,
        hash: &TokenHash,
        purpose: TokenPurpose,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let mut tokens = lock(&self.tokens);
        if tokens.contains_key(hash) {
            return Err(RepoError::Conflict);
        }
        tokens.insert(
            *hash,
            Stored {
                purpose,
                user,
                expires_at,
            },
        );
        Ok(())
    }

    async fn consume(
        &self,
        hash: &TokenHash,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError> {
        let mut tokens = lock(&self.tokens);
        let Some(token) = tokens.get(hash).copied().filter(|t| t.purpose == purpose) else {
            return Ok(None);
        };
        tokens.retain(|_, t| t.user != token.user || t.purpose != purpose);
        Ok((now < token.expires_at).then_some(token.user))
    }

    async fn revoke(&self, user: UserId, purpose: TokenPurpose) -> Result<(), RepoError> {
        lock(&self.tokens).retain(|_, t| t.user != user || t.purpose != purpose);
        Ok(())
    }

    async fn latest_expiry(
        &self,
        user: UserId,
        purpose: TokenPurpose,
    ) -> Result<Option<DateTime<Utc>>, RepoError> {
        Ok(lock(&self.tokens)
            .values()
            .filter(|t| t.user == user && t.purpose == purpose)
            .map(|t| t.expires_at)
            .max())
    }
}
