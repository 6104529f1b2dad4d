//! The audit log in memory.

use std::cmp::Reverse;
use std::sync::Mutex;

use application::ports::{AuditEntry, AuditLog, Page, PageRequest, RepoError};
use async_trait::async_trait;
use domain::UserId;

use super::{lock, page_of};

/// [`AuditLog`] in memory.
#[derive(Debug, Default)]
pub struct MemoryAuditLog {
    entries: Mutex<Vec<AuditEntry>>,
}

impl MemoryAuditLog {
    /// Drops the before and after details of the entries about `targets`.
    pub(super) fn forget_details(&self, targets: &[String]) {
        for entry in lock(&self.entries).iter_mut() {
            if targets.contains(&entry.target) {
                entry.before = None;
                entry.after = None;
            }
        }
    }
}

#[async_trait]
impl AuditLog for MemoryAuditLog {
    async fn record(&self, entry: &AuditEntry) -> Result<(), RepoError> {
        let mut entries = lock(&self.entries);
        if entries.iter().any(|e| e.id == entry.id) {
            return Err(RepoError::Conflict);
        }
        entries.push(entry.clone());
        Ok(())
    }

    async fn list(&self, page: PageRequest) -> Result<Page<AuditEntry>, RepoError> {
        let mut all = lock(&self.entries).clone();
        all.sort_by_key(|e| Reverse((e.at, e.id)));
        Ok(page_of(all, page))
    }

    async fn about(&self, user: UserId) -> Result<Vec<AuditEntry>, RepoError> {
        let target = format!("user:{user}");
        let mut found: Vec<AuditEntry> = lock(&self.entries)
            .iter()
            .filter(|e| e.actor == user || e.target == target)
            .cloned()
            .collect();
        found.sort_by_key(|e| (e.at, e.id));
        Ok(found)
    }
}
