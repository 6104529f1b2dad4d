//! Erasure across the in-memory stores.

use std::sync::Arc;

use application::ports::{
    BusyTimeStore, CalendarLinks, FeedTokens, PersonalDataStore, RepoError, WaitlistStore,
    WatchChannelStore, WebhookStore,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{PersonName, UserId};

use super::{
    MemoryAccountTokens, MemoryApiTokens, MemoryAppointments, MemoryAuditLog, MemoryBusyTimes,
    MemoryCalendarLinks, MemoryDeliveries, MemoryFeedTokens, MemoryReviews, MemoryUsers,
    MemoryWaitlist, MemoryWatchChannels, MemoryWebhooks,
};

/// [`PersonalDataStore`] over the other in-memory stores (see [`super::InMemory`]).
#[derive(Debug, Clone)]
pub struct MemoryPersonalData {
    pub(super) users: Arc<MemoryUsers>,
    pub(super) appointments: Arc<MemoryAppointments>,
    pub(super) deliveries: Arc<MemoryDeliveries>,
    pub(super) account_tokens: Arc<MemoryAccountTokens>,
    pub(super) api_tokens: Arc<MemoryApiTokens>,
    pub(super) feed_tokens: Arc<MemoryFeedTokens>,
    pub(super) calendar_links: Arc<MemoryCalendarLinks>,
    pub(super) busy_times: Arc<MemoryBusyTimes>,
    pub(super) watch_channels: Arc<MemoryWatchChannels>,
    pub(super) reviews: Arc<MemoryReviews>,
    pub(super) webhooks: Arc<MemoryWebhooks>,
    pub(super) audit: Arc<MemoryAuditLog>,
    pub(super) waitlist: Arc<MemoryWaitlist>,
}

#[async_trait]
impl PersonalDataStore for MemoryPersonalData {
    async fn erase(
        &self,
        user: UserId,
        pseudonym: &PersonName,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        self.users.erase(user, pseudonym, at)?;
        self.api_tokens.delete_of(user);
        self.account_tokens.delete_of(user);
        self.feed_tokens.revoke(user).await?;
        for endpoint in self.webhooks.list(Some(user)).await? {
            self.webhooks.delete(endpoint.id).await?;
        }
        self.calendar_links.forget_calendar(user).await?;
        for source in self.busy_times.sources(user).await? {
            self.busy_times
                .remove_source(user, &source.calendar_id)
                .await?;
        }
        for channel in self.watch_channels.all().await? {
            if channel.provider == user {
                self.watch_channels.remove(&channel.id).await?;
            }
        }
        // Waiting entries end; an offered place is released by the worker when it expires.
        for entry in self.waitlist.of_customer(user).await? {
            self.waitlist.leave(entry.id).await?;
        }
        let appointments = self.appointments.erase_texts_of(user);
        self.deliveries.erase_texts_of(user, &appointments);
        self.webhooks.rename_party(user, pseudonym);
        let reviews = self.reviews.erase_texts_of(user);
        let mut targets = vec![format!("user:{user}")];
        targets.extend(appointments.iter().map(|id| format!("appointment:{id}")));
        targets.extend(reviews.iter().map(|id| format!("review:{id}")));
        self.audit.forget_details(&targets);
        Ok(())
    }

    async fn prune(&self, before: DateTime<Utc>) -> Result<u64, RepoError> {
        let (past, changed) = self.appointments.prune_texts(before);
        self.deliveries.prune_texts_of(&past);
        self.webhooks.prune(before);
        Ok(changed)
    }
}
