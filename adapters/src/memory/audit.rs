//! The audit log in memory.

use std::cmp::Reverse;
use std::sync::Mutex;

use application::ports::{AuditEntry, AuditLog, Page, PageRequest, RepoError};
use async_trait::async_trait;

use super::{lock, page_of};

/// [`AuditLog`] in memory.
#[derive(Debug, Default)]
pub struct MemoryAuditLog {
    entries: Mutex<Vec<AuditEntry>>,
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
}
