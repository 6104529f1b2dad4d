//! Users in memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use std::cmp::Reverse;

use application::ports::{Page, PasswordHash, RepoError, UserQuery, UserStore};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{Email, PersonName, User, UserId};

use super::lock;

/// Users by id, with their password hashes.
pub(super) type UserTable = HashMap<UserId, (User, PasswordHash)>;

/// [`UserStore`] in memory. Emails are unique, as the port requires.
#[derive(Debug, Default)]
pub struct MemoryUsers {
    table: Arc<Mutex<UserTable>>,
}

impl MemoryUsers {
    /// The table, shared with the service search.
    pub(super) fn table(&self) -> Arc<Mutex<UserTable>> {
        Arc::clone(&self.table)
    }
}

fn email_taken(table: &UserTable, email: &Email, except: UserId) -> bool {
    table
        .values()
        .any(|(user, _)| user.id != except && user.email == *email)
}

impl MemoryUsers {
    /// Replaces user `id`'s personal data by `pseudonym` (see
    /// [`PersonalDataStore::erase`](application::ports::PersonalDataStore::erase)).
    pub(super) fn erase(
        &self,
        id: UserId,
        pseudonym: &PersonName,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        let (user, password) = table.get_mut(&id).ok_or(RepoError::NotFound)?;
        *user = User {
            email: Email::of_erased(id),
            name: pseudonym.clone(),
            phone: None,
            calendar_email: None,
            photo: None,
            active: false,
            email_verified_at: None,
            review_requests: false,
            language: None,
            erased_at: user.erased_at.or(Some(at)),
            ..user.clone()
        };
        *password = PasswordHash::from_phc(ERASED_PASSWORD.to_owned());
        Ok(())
    }
}

/// The password hash of an erased account: no password verifies against it.
pub(super) const ERASED_PASSWORD: &str = "!erased";

#[async_trait]
impl UserStore for MemoryUsers {
    async fn insert(&self, user: &User, password: &PasswordHash) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        if table.contains_key(&user.id) || email_taken(&table, &user.email, user.id) {
            return Err(RepoError::Conflict);
        }
        table.insert(user.id, (user.clone(), password.clone()));
        Ok(())
    }

    async fn by_id(&self, id: UserId) -> Result<Option<User>, RepoError> {
        Ok(lock(&self.table).get(&id).map(|(user, _)| user.clone()))
    }

    async fn credentials(&self, email: &Email) -> Result<Option<(User, PasswordHash)>, RepoError> {
        Ok(lock(&self.table)
            .values()
            .find(|(user, _)| user.email == *email)
            .cloned())
    }

    async fn update(&self, user: &User) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        if email_taken(&table, &user.email, user.id) {
            return Err(RepoError::Conflict);
        }
        let (stored, _) = table.get_mut(&user.id).ok_or(RepoError::NotFound)?;
        let verified_at = if stored.email == user.email {
            stored.email_verified_at
        } else {
            None
        };
        *stored = User {
            email_verified_at: verified_at,
            erased_at: stored.erased_at,
            ..user.clone()
        };
        Ok(())
    }

    async fn mark_email_verified(
        &self,
        id: UserId,
        email: &Email,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        match table.get_mut(&id) {
            Some((stored, _)) if stored.email == *email => {
                stored.email_verified_at = Some(at);
                Ok(())
            }
            _ => Err(RepoError::NotFound),
        }
    }

    async fn set_password(&self, id: UserId, password: &PasswordHash) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        let (_, stored) = table.get_mut(&id).ok_or(RepoError::NotFound)?;
        *stored = password.clone();
        Ok(())
    }

    async fn list(&self, query: &UserQuery) -> Result<Page<User>, RepoError> {
        let text = query.text.as_deref().map(str::to_lowercase);
        let mut found: Vec<User> = lock(&self.table)
            .values()
            .map(|(user, _)| user)
            .filter(|u| query.role.is_none_or(|r| u.role == r))
            .filter(|u| query.active.is_none_or(|a| u.active == a))
            .filter(|u| {
                text.as_deref().is_none_or(|t| {
                    u.name.as_str().to_lowercase().contains(t) || u.email.as_str().contains(t)
                })
            })
            .cloned()
            .collect();
        found.sort_by_key(|u| Reverse((u.created_at, u.id)));
        Ok(super::page_of(found, query.page))
    }
}
