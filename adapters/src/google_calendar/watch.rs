//! Push channels on providers' own calendars ([`CalendarWatch`]): `events.watch` opens a
//! `web_hook` channel that posts to the platform's hook with the channel's token, and
//! `channels.stop` ends one. Both go through the provider's quota like the reads.

use application::ports::{CalendarWatch, ChannelRequest, OpenedChannel, SourceError, WatchChannel};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use google_calendar3::api::{Channel, Scope};

use super::GoogleCalendarSync;
use super::errors::CallError;

#[async_trait]
impl CalendarWatch for GoogleCalendarSync {
    #[tracing::instrument(skip_all, fields(provider = %request.provider))]
    async fn watch(&self, request: ChannelRequest) -> Result<OpenedChannel, SourceError> {
        let channel = Channel {
            id: Some(request.channel_id.clone()),
            type_: Some("web_hook".to_owned()),
            address: Some(request.address.clone()),
            token: Some(request.token.expose().to_owned()),
            expiration: Some(request.until.timestamp_millis()),
            ..Channel::default()
        };
        self.busy_quota.until_key_ready(&request.provider).await;
        let quota_user = request.provider.to_string();
        let (_, opened) = self
            .call(
                "events.watch",
                self.hub
                    .events()
                    .watch(channel, &request.calendar_id)
                    .param("quotaUser", quota_user.as_str())
                    .add_scope(Scope::Full)
                    .doit(),
            )
            .await
            .map_err(CallError::into_source)?;
        let resource_id = opened
            .resource_id
            .ok_or_else(|| SourceError::Transient("events.watch returned no resourceId".into()))?;
        // Google may end a channel sooner than asked; without an answer, assume what was asked.
        let expires_at = opened
            .expiration
            .and_then(DateTime::<Utc>::from_timestamp_millis)
            .unwrap_or(request.until);
        Ok(OpenedChannel {
            resource_id,
            expires_at,
        })
    }

    #[tracing::instrument(skip_all, fields(provider = %channel.provider))]
    async fn stop(&self, channel: &WatchChannel) -> Result<(), SourceError> {
        let request = Channel {
            id: Some(channel.id.clone()),
            resource_id: Some(channel.resource_id.clone()),
            ..Channel::default()
        };
        self.busy_quota.until_key_ready(&channel.provider).await;
        let quota_user = channel.provider.to_string();
        match self
            .call(
                "channels.stop",
                self.hub
                    .channels()
                    .stop(request)
                    .param("quotaUser", quota_user.as_str())
                    .add_scope(Scope::Full)
                    .doit(),
            )
            .await
        {
            Ok(_) => Ok(()),
            // Expired or already stopped: nothing left to stop.
            Err(e) if e.status == Some(404) => Ok(()),
            Err(e) => Err(e.into_source()),
        }
    }
}
