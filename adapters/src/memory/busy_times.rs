//! External busy intervals and their sources in memory.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use application::ports::{BusySource, BusyTimeStore, BusyUpdate, RepoError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{TimeRange, UserId};

use super::lock;

/// One source with its intervals by event id.
#[derive(Debug)]
struct Entry {
    source: BusySource,
    busy: HashMap<String, TimeRange>,
}

/// [`BusyTimeStore`] in memory.
#[derive(Debug, Default)]
pub struct MemoryBusyTimes {
    sources: Mutex<BTreeMap<(UserId, String), Entry>>,
}

impl MemoryBusyTimes {
    fn upsert(&self, source: &BusySource, apply: impl FnOnce(&mut HashMap<String, TimeRange>)) {
        let mut sources = lock(&self.sources);
        let entry = sources
            .entry((source.provider, source.calendar_id.clone()))
            .or_insert_with(|| Entry {
                source: source.clone(),
                busy: HashMap::new(),
            });
        let notified_at = entry.source.notified_at;
        entry.source = BusySource {
            notified_at,
            ..source.clone()
        };
        apply(&mut entry.busy);
    }
}

#[async_trait]
impl BusyTimeStore for MemoryBusyTimes {
    async fn record_sync(&self, source: &BusySource, update: &BusyUpdate) -> Result<(), RepoError> {
        self.upsert(source, |busy| {
            if update.full {
                busy.clear();
            }
            for id in &update.gone {
                busy.remove(id);
            }
            for (id, range) in &update.busy {
                busy.insert(id.clone(), *range);
            }
        });
        Ok(())
    }

    async fn save_source(&self, source: &BusySource) -> Result<(), RepoError> {
        self.upsert(source, |_| {});
        Ok(())
    }

    async fn claim_notice(
        &self,
        provider: UserId,
        calendar_id: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let mut sources = lock(&self.sources);
        let entry = sources.get_mut(&(provider, calendar_id.to_owned()));
        Ok(match entry {
            Some(entry) if entry.source.notified_at.is_none() => {
                entry.source.notified_at = Some(at);
                true
            }
            _ => false,
        })
    }

    async fn clear_notice(&self, provider: UserId, calendar_id: &str) -> Result<(), RepoError> {
        if let Some(entry) = lock(&self.sources).get_mut(&(provider, calendar_id.to_owned())) {
            entry.source.notified_at = None;
        }
        Ok(())
    }

    async fn remove_source(&self, provider: UserId, calendar_id: &str) -> Result<(), RepoError> {
        lock(&self.sources).remove(&(provider, calendar_id.to_owned()));
        Ok(())
    }

    async fn sources(&self, provider: UserId) -> Result<Vec<BusySource>, RepoError> {
        Ok(lock(&self.sources)
            .values()
            .filter(|e| e.source.provider == provider)
            .map(|e| e.source.clone())
            .collect())
    }

    async fn all_sources(&self) -> Result<Vec<BusySource>, RepoError> {
        Ok(lock(&self.sources)
            .values()
            .map(|e| e.source.clone())
            .collect())
    }

    async fn busy(&self, provider: UserId, range: TimeRange) -> Result<Vec<TimeRange>, RepoError> {
        let mut found: Vec<TimeRange> = lock(&self.sources)
            .values()
            .filter(|e| e.source.provider == provider)
            .flat_map(|e| e.busy.values().copied())
            .filter(|busy| busy.overlaps(&range))
            .collect();
        found.sort();
        Ok(found)
    }
}
