//! Push channels in memory.

use std::collections::BTreeMap;
use std::sync::Mutex;

use application::ports::{RepoError, WatchChannel, WatchChannelStore};
use async_trait::async_trait;

use super::lock;

/// [`WatchChannelStore`] in memory.
#[derive(Debug, Default)]
pub struct MemoryWatchChannels {
    channels: Mutex<BTreeMap<String, WatchChannel>>,
}

#[async_trait]
impl WatchChannelStore for MemoryWatchChannels {
    async fn save(&self, channel: &WatchChannel) -> Result<(), RepoError> {
        lock(&self.channels).insert(channel.id.clone(), channel.clone());
        Ok(())
    }

    async fn find(&self, id: &str) -> Result<Option<WatchChannel>, RepoError> {
        Ok(lock(&self.channels).get(id).cloned())
    }

    async fn remove(&self, id: &str) -> Result<(), RepoError> {
        lock(&self.channels).remove(id);
        Ok(())
    }

    async fn all(&self) -> Result<Vec<WatchChannel>, RepoError> {
        let mut all: Vec<WatchChannel> = lock(&self.channels).values().cloned().collect();
        all.sort_by(|a, b| {
            (a.provider, &a.calendar_id, a.expires_at).cmp(&(
                b.provider,
                &b.calendar_id,
                b.expires_at,
            ))
        });
        Ok(all)
    }
}
