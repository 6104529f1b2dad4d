//! Providers' schedules in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use application::ports::{RepoError, ScheduleStore};
use async_trait::async_trait;
use domain::{Schedule, UserId};

use super::lock;

/// [`ScheduleStore`] in memory: one schedule per provider, replaced whole.
#[derive(Debug, Default)]
pub struct MemorySchedules {
    table: Mutex<HashMap<UserId, Schedule>>,
}

#[async_trait]
impl ScheduleStore for MemorySchedules {
    async fn get(&self, provider: UserId) -> Result<Option<Schedule>, RepoError> {
        Ok(lock(&self.table).get(&provider).cloned())
    }

    async fn put(&self, provider: UserId, schedule: &Schedule) -> Result<(), RepoError> {
        lock(&self.table).insert(provider, schedule.clone());
        Ok(())
    }
}
