//! The push-channel worker's step: keep one open channel per calendar that blocks a provider's
//! time and is read with event details ([`SourceMode::Events`]); free/busy-only calendars cannot
//! be watched and stay polled. A channel is replaced by a new one (new id, new token) before it
//! expires, and the channels of sources that are gone (removed, or no longer shared) are
//! stopped. Without a public address for notifications nothing is opened: the poll alone keeps
//! calendars current.
//!
//! A calendar whose channel cannot be opened is not asked again at every run: it waits 1
//! minute after the first failure, then twice as long after each further one, up to an hour
//! (the poll keeps it current meanwhile); a success forgets the failures.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, TimeDelta, Utc};
use domain::UserId;
use uuid::Uuid;

use crate::ports::{
    BusySource, BusyTimeStore, CalendarWatch, ChannelRequest, ChannelToken, Clock, RepoError,
    SourceError, SourceMode, SourceStatus, WatchChannel, WatchChannelStore,
};

/// Where notifications go and how long channels live.
#[derive(Debug, Clone)]
pub struct WatchSettings {
    /// The public address of the notification hook (`…/hooks/google/calendar`).
    pub address: String,
    /// The lifetime asked for a new channel.
    pub lifetime: TimeDelta,
    /// A channel is replaced once it has less than this left.
    pub renew_before: TimeDelta,
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WatchReport {
    /// Channels opened for sources that had none.
    pub opened: usize,
    /// Channels opened to replace one about to expire.
    pub renewed: usize,
    /// Channels stopped (replaced, or their source is gone).
    pub stopped: usize,
    /// Calls that failed (a stop is tried again on the next run, an open after a pause).
    pub failed: usize,
    /// Calendars left without a channel this run because opening one failed recently.
    pub waiting: usize,
}

/// The longest pause between two attempts to open a channel on a calendar.
const LONGEST_PAUSE: TimeDelta = TimeDelta::hours(1);

/// A calendar's failed attempts to open a channel: how many in a row, and when to try again.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    retry_at: DateTime<Utc>,
}

impl Failures {
    /// After one more failure at `now`: 1 minute, then doubling, at most [`LONGEST_PAUSE`].
    fn one_more(previous: Option<Self>, now: DateTime<Utc>) -> Self {
        let count = previous.map_or(1, |f| f.count.saturating_add(1));
        let pause = TimeDelta::minutes(1 << (count - 1).min(6)).min(LONGEST_PAUSE);
        Self {
            count,
            retry_at: now + pause,
        }
    }
}

/// Opens, renews and stops push channels.
pub struct WatchCalendars {
    sources: Arc<dyn BusyTimeStore>,
    channels: Arc<dyn WatchChannelStore>,
    watch: Arc<dyn CalendarWatch>,
    clock: Arc<dyn Clock>,
    settings: WatchSettings,
    /// Calendars whose last attempts to open a channel failed (this process's memory).
    failures: Mutex<HashMap<(UserId, String), Failures>>,
}

impl WatchCalendars {
    /// The step over its ports.
    pub fn new(
        sources: Arc<dyn BusyTimeStore>,
        channels: Arc<dyn WatchChannelStore>,
        watch: Arc<dyn CalendarWatch>,
        clock: Arc<dyn Clock>,
        settings: WatchSettings,
    ) -> Self {
        Self {
            sources,
            channels,
            watch,
            clock,
            settings,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn failures(&self) -> std::sync::MutexGuard<'_, HashMap<(UserId, String), Failures>> {
        self.failures.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Brings the channels in line with the sources.
    ///
    /// # Errors
    /// When a store fails.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self) -> Result<WatchReport, RepoError> {
        let mut report = WatchReport::default();
        let now = self.clock.now();
        let watched: Vec<BusySource> = self
            .sources
            .all_sources()
            .await?
            .into_iter()
            .filter(|s| {
                s.mode == SourceMode::Events && !matches!(s.status, SourceStatus::AccessGone(_))
            })
            .collect();
        let channels = self.channels.all().await?;
        let of = |s: &BusySource, c: &WatchChannel| {
            c.provider == s.provider && c.calendar_id == s.calendar_id
        };
        for source in &watched {
            let fresh = channels
                .iter()
                .any(|c| of(source, c) && c.expires_at - now > self.settings.renew_before);
            // A calendar failing to be read keeps its channel but gets no new one until a read
            // succeeds again (its next read would most likely fail the same way).
            if fresh || source.status != SourceStatus::Ok {
                continue;
            }
            let key = (source.provider, source.calendar_id.clone());
            let failed_before = self.failures().get(&key).copied();
            if failed_before.is_some_and(|f| now < f.retry_at) {
                report.waiting += 1;
                continue;
            }
            let renewing = channels.iter().any(|c| of(source, c));
            match self.open(source).await {
                Ok(channel) => {
                    self.failures().remove(&key);
                    self.channels.save(&channel).await?;
                    if renewing {
                        report.renewed += 1;
                    } else {
                        report.opened += 1;
                    }
                }
                Err(error) => {
                    let failures = Failures::one_more(failed_before, now);
                    tracing::warn!(provider = %source.provider, error = %error, retry_at = %failures.retry_at, "opening a push channel failed");
                    self.failures().insert(key, failures);
                    report.failed += 1;
                }
            }
        }
        self.failures().retain(|(provider, id), _| {
            watched
                .iter()
                .any(|s| s.provider == *provider && s.calendar_id == *id)
        });
        // Stop what is no longer wanted: channels of gone sources, and channels replaced by a
        // fresh one (the old one is stopped only once its successor is open).
        let channels = self.channels.all().await?;
        for channel in &channels {
            let source = watched.iter().find(|s| of(s, channel));
            let replaced = source.is_some_and(|s| {
                channel.expires_at - now <= self.settings.renew_before
                    && channels
                        .iter()
                        .any(|c| of(s, c) && c.expires_at - now > self.settings.renew_before)
            });
            if source.is_some() && !replaced {
                continue;
            }
            match self.watch.stop(channel).await {
                Ok(()) => {
                    self.channels.remove(&channel.id).await?;
                    report.stopped += 1;
                }
                Err(error) => {
                    tracing::warn!(provider = %channel.provider, error = %error, "stopping a push channel failed");
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }

    async fn open(&self, source: &BusySource) -> Result<WatchChannel, SourceError> {
        let token = ChannelToken::generate().map_err(SourceError::Transient)?;
        let id = Uuid::now_v7().to_string();
        let opened = self
            .watch
            .watch(ChannelRequest {
                provider: source.provider,
                calendar_id: source.calendar_id.clone(),
                channel_id: id.clone(),
                token: token.clone(),
                address: self.settings.address.clone(),
                until: self.clock.now() + self.settings.lifetime,
            })
            .await?;
        Ok(WatchChannel {
            id,
            resource_id: opened.resource_id,
            provider: source.provider,
            calendar_id: source.calendar_id.clone(),
            token: token.hash(),
            expires_at: opened.expires_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::busy_time::MockBusyTimeStore;
    use crate::ports::watch_channels::{MockCalendarWatch, MockWatchChannelStore};
    use crate::ports::{ChannelTokenHash, OpenedChannel};
    use crate::test_support::*;

    const NOW: &str = "2030-05-01T08:00:00Z";

    fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        utc(s)
    }

    fn settings() -> WatchSettings {
        WatchSettings {
            address: "https://bys.example/hooks/google/calendar".to_owned(),
            lifetime: TimeDelta::days(7),
            renew_before: TimeDelta::days(1),
        }
    }

    fn source(mode: SourceMode) -> BusySource {
        BusySource::new(a_provider().build().id, "ann@gmail.com".to_owned(), mode)
    }

    fn channel_of(source: &BusySource, id: &str, expires_at: &str) -> WatchChannel {
        WatchChannel {
            id: id.to_owned(),
            resource_id: format!("res-{id}"),
            provider: source.provider,
            calendar_id: source.calendar_id.clone(),
            token: ChannelTokenHash::from_bytes([7; 32]),
            expires_at: at(expires_at),
        }
    }

    fn step(
        sources: Vec<BusySource>,
        channels: MockWatchChannelStore,
        watch: MockCalendarWatch,
    ) -> WatchCalendars {
        let mut store = MockBusyTimeStore::new();
        store
            .expect_all_sources()
            .returning(move || Ok(sources.clone()));
        WatchCalendars::new(
            Arc::new(store),
            Arc::new(channels),
            Arc::new(watch),
            clock_at(NOW),
            settings(),
        )
    }

    /// A channel store in memory for the mocks: `all` answers what was saved minus removed.
    fn channels_holding(initial: Vec<WatchChannel>) -> MockWatchChannelStore {
        let held = Arc::new(std::sync::Mutex::new(initial));
        let mut channels = MockWatchChannelStore::new();
        let all = held.clone();
        channels
            .expect_all()
            .returning(move || Ok(all.lock().unwrap().clone()));
        let saved = held.clone();
        channels.expect_save().returning(move |c| {
            saved.lock().unwrap().push(c.clone());
            Ok(())
        });
        channels.expect_remove().returning(move |id| {
            held.lock().unwrap().retain(|c| c.id != id);
            Ok(())
        });
        channels
    }

    #[tokio::test]
    async fn a_calendar_read_with_details_gets_a_channel_with_a_fresh_token() {
        let source = source(SourceMode::Events);
        let mut watch = MockCalendarWatch::new();
        watch
            .expect_watch()
            .withf(|r| {
                r.address.ends_with("/hooks/google/calendar")
                    && r.until == at("2030-05-08T08:00:00Z")
                    && r.token.expose().starts_with("bysch_")
            })
            .times(1)
            .returning(|_| {
                Ok(OpenedChannel {
                    resource_id: "res".to_owned(),
                    expires_at: at("2030-05-08T08:00:00Z"),
                })
            });
        let report = step(vec![source], channels_holding(vec![]), watch)
            .run()
            .await
            .unwrap();
        assert_eq!(report.opened, 1);
    }

    #[tokio::test]
    async fn free_busy_calendars_are_not_watched() {
        let report = step(
            vec![source(SourceMode::FreeBusy)],
            channels_holding(vec![]),
            MockCalendarWatch::new(),
        )
        .run()
        .await
        .unwrap();
        assert_eq!(report, WatchReport::default());
    }

    #[tokio::test]
    async fn a_channel_about_to_expire_is_replaced_then_stopped() {
        let source = source(SourceMode::Events);
        let old = channel_of(&source, "old", "2030-05-01T20:00:00Z");
        let mut watch = MockCalendarWatch::new();
        watch.expect_watch().times(1).returning(|_| {
            Ok(OpenedChannel {
                resource_id: "res".to_owned(),
                expires_at: at("2030-05-08T08:00:00Z"),
            })
        });
        watch
            .expect_stop()
            .withf(|c| c.id == "old")
            .times(1)
            .returning(|_| Ok(()));
        let report = step(vec![source], channels_holding(vec![old]), watch)
            .run()
            .await
            .unwrap();
        assert_eq!((report.renewed, report.stopped), (1, 1));
    }

    #[tokio::test]
    async fn a_fresh_channel_is_left_alone() {
        let source = source(SourceMode::Events);
        let current = channel_of(&source, "current", "2030-05-05T08:00:00Z");
        let report = step(
            vec![source],
            channels_holding(vec![current]),
            MockCalendarWatch::new(),
        )
        .run()
        .await
        .unwrap();
        assert_eq!(report, WatchReport::default());
    }

    #[tokio::test]
    async fn the_channel_of_a_removed_calendar_is_stopped() {
        let gone = channel_of(&source(SourceMode::Events), "gone", "2030-05-05T08:00:00Z");
        let mut watch = MockCalendarWatch::new();
        watch.expect_stop().times(1).returning(|_| Ok(()));
        let report = step(vec![], channels_holding(vec![gone]), watch)
            .run()
            .await
            .unwrap();
        assert_eq!(report.stopped, 1);
    }

    #[tokio::test]
    async fn a_failed_stop_keeps_the_channel_for_the_next_run() {
        let gone = channel_of(&source(SourceMode::Events), "gone", "2030-05-05T08:00:00Z");
        let mut watch = MockCalendarWatch::new();
        watch
            .expect_stop()
            .returning(|_| Err(SourceError::RateLimited("429".to_owned())));
        let mut channels = MockWatchChannelStore::new();
        channels
            .expect_all()
            .returning(move || Ok(vec![gone.clone()]));
        channels.expect_remove().never();
        let report = step(vec![], channels, watch).run().await.unwrap();
        assert_eq!((report.stopped, report.failed), (0, 1));
    }

    #[tokio::test]
    async fn a_calendar_whose_channel_fails_to_open_is_asked_again_after_growing_pauses() {
        let source = source(SourceMode::Events);
        let now = Arc::new(Mutex::new(at(NOW)));
        let mut clock = crate::ports::clock::MockClock::new();
        let current = now.clone();
        clock
            .expect_now()
            .returning(move || *current.lock().unwrap());
        let attempts = Arc::new(Mutex::new(Vec::new()));
        let mut watch = MockCalendarWatch::new();
        let seen = attempts.clone();
        let at_now = now.clone();
        watch.expect_watch().returning(move |_| {
            let mut seen = seen.lock().unwrap();
            seen.push(*at_now.lock().unwrap());
            if seen.len() < 3 {
                Err(SourceError::RateLimited("429".to_owned()))
            } else {
                Ok(OpenedChannel {
                    resource_id: "res".to_owned(),
                    expires_at: at("2030-05-08T08:00:00Z"),
                })
            }
        });
        let mut store = MockBusyTimeStore::new();
        store
            .expect_all_sources()
            .returning(move || Ok(vec![source.clone()]));
        let step = WatchCalendars::new(
            Arc::new(store),
            Arc::new(channels_holding(vec![])),
            Arc::new(watch),
            Arc::new(clock),
            settings(),
        );
        let mut reports = Vec::new();
        // A run every 30 seconds for 5 minutes.
        for _ in 0..10 {
            reports.push(step.run().await.unwrap());
            *now.lock().unwrap() += TimeDelta::seconds(30);
        }
        let tried: Vec<_> = attempts.lock().unwrap().clone();
        assert_eq!(
            tried,
            [
                at(NOW),
                at("2030-05-01T08:01:00Z"),
                at("2030-05-01T08:03:00Z")
            ],
            "1 minute after the first failure, 2 after the second"
        );
        assert_eq!(reports.iter().map(|r| r.failed).sum::<usize>(), 2);
        assert_eq!(reports.iter().map(|r| r.opened).sum::<usize>(), 1);
        assert_eq!(reports[1].waiting, 1);
        assert!(reports[7..].iter().all(|r| *r == WatchReport::default()));
    }

    #[test]
    fn pauses_double_up_to_an_hour() {
        let now = at(NOW);
        let mut failures = None;
        let mut pauses = Vec::new();
        for _ in 0..9 {
            let next = Failures::one_more(failures, now);
            pauses.push((next.retry_at - now).num_minutes());
            failures = Some(next);
        }
        assert_eq!(pauses, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
