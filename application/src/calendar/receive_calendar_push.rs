//! A push notification from the calendar service (Google's channel `POST`, Graph's change and
//! lifecycle notifications): checked against the channel it names, in constant time, then
//! turned into a cue to read that calendar soon. Its content (resource state, changed event) is
//! never trusted; the read that follows finds out what changed.

use std::sync::Arc;

use crate::ports::{ChannelToken, RepoError, SyncCue, WatchChannelStore};

/// What a notification carries (Google: `X-Goog-Channel-ID`, `X-Goog-Channel-Token`,
/// `X-Goog-Resource-State`; Graph: the hook's `channel` query, `clientState`, and
/// `lifecycleEvent`).
#[derive(Debug, Clone)]
pub struct Notification {
    /// The channel it claims to come from.
    pub channel_id: String,
    /// The token it presents.
    pub token: String,
    /// What it says happened.
    pub signal: Signal,
}

/// What a notification says, in the service's words mapped by the web edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The channel's first message (Google's `sync`): nothing changed yet.
    Handshake,
    /// Something in the calendar may have changed (or notifications were missed).
    Changed,
    /// The service ended the channel (Graph's `subscriptionRemoved`): it is forgotten, so the
    /// watch worker opens a new one, and the calendar is read in case a change was missed.
    Ended,
}

/// What was done with a notification that passed the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushOutcome {
    /// The channel's first message: nothing changed yet.
    Handshake,
    /// The calendar is due to be read soon.
    Cued,
    /// The channel is forgotten and the calendar due to be read soon.
    Ended,
}

/// Why a notification was refused.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// No such channel (never opened, or stopped).
    #[error("unknown channel")]
    UnknownChannel,
    /// The token does not match the channel's.
    #[error("wrong channel token")]
    WrongToken,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Checks notifications and cues reads.
pub struct ReceiveCalendarPush {
    channels: Arc<dyn WatchChannelStore>,
    cue: Arc<dyn SyncCue>,
}

impl ReceiveCalendarPush {
    /// The use case over its ports.
    pub fn new(channels: Arc<dyn WatchChannelStore>, cue: Arc<dyn SyncCue>) -> Self {
        Self { channels, cue }
    }

    /// Checks `notification` and cues a read of its channel's calendar.
    ///
    /// # Errors
    /// See [`PushError`].
    #[tracing::instrument(skip_all, fields(channel = %notification.channel_id))]
    pub async fn run(&self, notification: &Notification) -> Result<PushOutcome, PushError> {
        let channel = self
            .channels
            .find(&notification.channel_id)
            .await?
            .ok_or(PushError::UnknownChannel)?;
        let presented = ChannelToken::parse(&notification.token).ok_or(PushError::WrongToken)?;
        if !same_bytes(presented.hash().as_bytes(), channel.token.as_bytes()) {
            return Err(PushError::WrongToken);
        }
        let outcome = match notification.signal {
            Signal::Handshake => return Ok(PushOutcome::Handshake),
            Signal::Changed => PushOutcome::Cued,
            Signal::Ended => {
                self.channels.remove(&channel.id).await?;
                PushOutcome::Ended
            }
        };
        self.cue.cue(channel.provider, &channel.calendar_id);
        Ok(outcome)
    }
}

/// Compares without stopping at the first difference, so timing tells nothing about the token.
fn same_bytes(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::WatchChannel;
    use crate::ports::watch_channels::{MockSyncCue, MockWatchChannelStore};
    use crate::test_support::*;

    fn channels_with(token: &ChannelToken) -> MockWatchChannelStore {
        let channel = WatchChannel {
            id: "ch-1".to_owned(),
            resource_id: "res".to_owned(),
            provider: user_id(1),
            calendar_id: "ann@gmail.com".to_owned(),
            token: token.hash(),
            expires_at: utc(NOW),
        };
        let mut channels = MockWatchChannelStore::new();
        channels
            .expect_find()
            .returning(move |id| Ok((id == "ch-1").then(|| channel.clone())));
        channels
    }

    fn notification(channel: &str, token: &str, signal: Signal) -> Notification {
        Notification {
            channel_id: channel.to_owned(),
            token: token.to_owned(),
            signal,
        }
    }

    #[tokio::test]
    async fn a_change_with_the_right_token_cues_a_read_of_that_calendar() {
        let token = ChannelToken::generate().unwrap();
        let mut cue = MockSyncCue::new();
        cue.expect_cue()
            .withf(|p, c| *p == user_id(1) && c == "ann@gmail.com")
            .times(1)
            .return_const(());
        let push = ReceiveCalendarPush::new(Arc::new(channels_with(&token)), Arc::new(cue));
        let outcome = push
            .run(&notification("ch-1", token.expose(), Signal::Changed))
            .await;
        assert!(matches!(outcome, Ok(PushOutcome::Cued)));
    }

    #[tokio::test]
    async fn a_wrong_token_is_refused_and_cues_nothing() {
        let token = ChannelToken::generate().unwrap();
        let other = ChannelToken::generate().unwrap();
        let mut cue = MockSyncCue::new();
        cue.expect_cue().never();
        let push = ReceiveCalendarPush::new(Arc::new(channels_with(&token)), Arc::new(cue));
        for presented in [other.expose(), "", "not-a-token"] {
            let outcome = push
                .run(&notification("ch-1", presented, Signal::Changed))
                .await;
            assert!(matches!(outcome, Err(PushError::WrongToken)), "{presented}");
        }
    }

    #[tokio::test]
    async fn an_unknown_channel_is_refused() {
        let token = ChannelToken::generate().unwrap();
        let mut cue = MockSyncCue::new();
        cue.expect_cue().never();
        let push = ReceiveCalendarPush::new(Arc::new(channels_with(&token)), Arc::new(cue));
        let outcome = push
            .run(&notification("ch-2", token.expose(), Signal::Changed))
            .await;
        assert!(matches!(outcome, Err(PushError::UnknownChannel)));
    }

    #[tokio::test]
    async fn the_handshake_cues_nothing() {
        let token = ChannelToken::generate().unwrap();
        let mut cue = MockSyncCue::new();
        cue.expect_cue().never();
        let push = ReceiveCalendarPush::new(Arc::new(channels_with(&token)), Arc::new(cue));
        let outcome = push
            .run(&notification("ch-1", token.expose(), Signal::Handshake))
            .await;
        assert!(matches!(outcome, Ok(PushOutcome::Handshake)));
    }

    #[tokio::test]
    async fn an_ended_channel_is_forgotten_and_its_calendar_read() {
        let token = ChannelToken::generate().unwrap();
        let mut channels = channels_with(&token);
        channels
            .expect_remove()
            .withf(|id| id == "ch-1")
            .times(1)
            .returning(|_| Ok(()));
        let mut cue = MockSyncCue::new();
        cue.expect_cue().times(1).return_const(());
        let push = ReceiveCalendarPush::new(Arc::new(channels), Arc::new(cue));
        let outcome = push
            .run(&notification("ch-1", token.expose(), Signal::Ended))
            .await;
        assert!(matches!(outcome, Ok(PushOutcome::Ended)));
    }
}
