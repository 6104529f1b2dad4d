//! Password reset tokens in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use application::ports::{PasswordResetTokens, RepoError, TokenHash};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;

use super::lock;

/// [`PasswordResetTokens`] in memory: token hash → (user, expiry).
#[derive(Debug, Default)]
pub struct MemoryResetTokens {
    tokens: Mutex<HashMap<TokenHash, (UserId, DateTime<Utc>)>>,
}

#[async_trait]
impl PasswordResetTokens for MemoryResetTokens {
    async fn insert(
        &self,
        hash: &TokenHash,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let mut tokens = lock(&self.tokens);
        if tokens.contains_key(hash) {
            return Err(RepoError::Conflict);
        }
        tokens.insert(*hash, (user, expires_at));
        Ok(())
    }

    async fn consume(
        &self,
        hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError> {
        let mut tokens = lock(&self.tokens);
        let Some((user, expires_at)) = tokens.remove(hash) else {
            return Ok(None);
        };
        tokens.retain(|_, (owner, _)| *owner != user);
        Ok((now < expires_at).then_some(user))
    }
}
