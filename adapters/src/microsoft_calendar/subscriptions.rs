//! Change notifications on providers' own Outlook calendars ([`CalendarWatch`]): a Graph
//! subscription on the mailbox's default calendar posts to the platform's hook, which names
//! the channel in its query (`?channel=…`) and carries the channel's token as `clientState`.
//! Graph checks the hook before it answers the create (it posts a `validationToken` the hook
//! must echo); lifecycle notifications go to the same hook. Ending a channel deletes its
//! subscription.

use application::ports::{CalendarWatch, ChannelRequest, OpenedChannel, SourceError, WatchChannel};
use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use reqwest::{Method, Url};
use serde_json::json;

use super::MicrosoftCalendarSync;
use super::errors::GraphError;
use super::graph::Call;

/// The longest life Graph gives a subscription on Outlook events (10,080 minutes), less a
/// margin for clock skew.
const LONGEST_LIFE: TimeDelta = TimeDelta::minutes(10_080 - 30);

/// The hook address of one channel: the platform's hook with the channel's id in the query.
fn channel_address(hook: &str, channel_id: &str) -> Result<Url, SourceError> {
    let mut url = Url::parse(hook)
        .map_err(|e| SourceError::Transient(format!("the hook address {hook:?}: {e}").into()))?;
    url.query_pairs_mut().append_pair("channel", channel_id);
    Ok(url)
}

#[async_trait]
impl CalendarWatch for MicrosoftCalendarSync {
    #[tracing::instrument(skip_all, fields(provider = %request.provider))]
    async fn watch(&self, request: ChannelRequest) -> Result<OpenedChannel, SourceError> {
        let mailbox = request.calendar_id.trim();
        let address = channel_address(&request.address, &request.channel_id)?;
        let until = request.until.min(self.clock.now() + LONGEST_LIFE);
        let body = json!({
            "changeType": "created,updated,deleted",
            "notificationUrl": address.as_str(),
            "lifecycleNotificationUrl": address.as_str(),
            "resource": format!("users/{mailbox}/calendar/events"),
            "expirationDateTime": until.to_rfc3339_opts(SecondsFormat::Secs, true),
            "clientState": request.token.expose(),
        });
        let created = self
            .graph
            .send(Call {
                what: "subscriptions.create",
                mailbox,
                method: Method::POST,
                url: self.graph.url(&["subscriptions"]),
                body: Some(&body),
                prefer: &[],
            })
            .await
            .map_err(GraphError::into_source)?;
        let resource_id = created["id"]
            .as_str()
            .ok_or_else(|| SourceError::Transient("subscriptions.create returned no id".into()))?;
        // Graph may shorten the life asked for; without an answer, assume what was asked.
        let expires_at = created["expirationDateTime"]
            .as_str()
            .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
            .map_or(until, |at| at.with_timezone(&Utc));
        Ok(OpenedChannel {
            resource_id: resource_id.to_owned(),
            expires_at,
        })
    }

    #[tracing::instrument(skip_all, fields(provider = %channel.provider))]
    async fn stop(&self, channel: &WatchChannel) -> Result<(), SourceError> {
        let deleted = self
            .graph
            .send(Call {
                what: "subscriptions.delete",
                mailbox: channel.calendar_id.trim(),
                method: Method::DELETE,
                url: self.graph.url(&["subscriptions", &channel.resource_id]),
                body: None,
                prefer: &[],
            })
            .await;
        match deleted {
            Ok(_) => Ok(()),
            // Expired or removed by Graph: nothing left to stop.
            Err(e) if e.is_gone() => Ok(()),
            Err(e) => Err(e.into_source()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_is_named_in_the_hooks_query() {
        let url = channel_address("https://bys.example/hooks/microsoft/calendar", "ch-1").unwrap();
        assert_eq!(
            url.as_str(),
            "https://bys.example/hooks/microsoft/calendar?channel=ch-1"
        );
        assert!(channel_address("not a url", "ch-1").is_err());
    }
}
