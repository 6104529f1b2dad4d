//! The busy-time worker's step: read providers' own calendars ([`BusyTimeSource`]) into the
//! [`BusyTimeStore`] that slots and the booking check read.
//!
//! Each source is read every [`BusySyncSettings::poll_every`]: incrementally from its sync
//! token, or over the whole window ([`BusySyncSettings::past`] before now to
//! [`BusySyncSettings::ahead`] after it) without one, and in full again every
//! [`BusySyncSettings::full_every`] so the window moves on with time. An expired token (`410`)
//! wipes the source and reads the window once. A failure is recorded on the source (the admin
//! list and the fail-closed check read it) and delays that source's next read by an
//! exponential backoff with jitter, so a provider whose calendars are rate limited is asked
//! less, not more. Reads go one after another, one source at a time: a provider never has
//! more than one call in flight.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, TimeDelta, Utc};
use domain::{TimeRange, UserId};

use crate::ports::{
    BusySource, BusyTimeSource, BusyTimeStore, Clock, RepoError, SourceError, SourceStatus,
    error_chain,
};

/// How often and how far sources are read.
#[derive(Debug, Clone, Copy)]
pub struct BusySyncSettings {
    /// Time between two reads of a healthy source.
    pub poll_every: TimeDelta,
    /// How far back the window of a full read reaches.
    pub past: TimeDelta,
    /// How far ahead it reaches.
    pub ahead: TimeDelta,
    /// How often a source is read in full even though its token still works.
    pub full_every: TimeDelta,
    /// The first delay after a failure; doubled per further failure.
    pub backoff_base: TimeDelta,
    /// The longest delay after failures.
    pub backoff_max: TimeDelta,
}

impl Default for BusySyncSettings {
    /// Every 15 minutes over −7..+180 days, in full daily, backing off from 1 minute to 1 hour.
    fn default() -> Self {
        Self {
            poll_every: TimeDelta::minutes(15),
            past: TimeDelta::days(7),
            ahead: TimeDelta::days(180),
            full_every: TimeDelta::days(1),
            backoff_base: TimeDelta::minutes(1),
            backoff_max: TimeDelta::hours(1),
        }
    }
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BusySyncReport {
    /// Sources read and recorded.
    pub synced: usize,
    /// Of those, read in full (first read, daily, or after an expired token).
    pub full: usize,
    /// Sources whose read failed (recorded on the source).
    pub failed: usize,
    /// Sources not due yet, or waiting out a backoff.
    pub waiting: usize,
}

/// When a source is next due, and since when it has been failing.
#[derive(Debug, Clone, Copy)]
struct Pace {
    next_at: DateTime<Utc>,
    failures: u32,
    last_full: Option<DateTime<Utc>>,
}

/// Reads due sources into the store.
pub struct SyncBusyTimes {
    source: Arc<dyn BusyTimeSource>,
    store: Arc<dyn BusyTimeStore>,
    clock: Arc<dyn Clock>,
    settings: BusySyncSettings,
    pace: Mutex<HashMap<(UserId, String), Pace>>,
}

impl SyncBusyTimes {
    /// The step over its ports.
    pub fn new(
        source: Arc<dyn BusyTimeSource>,
        store: Arc<dyn BusyTimeStore>,
        clock: Arc<dyn Clock>,
        settings: BusySyncSettings,
    ) -> Self {
        Self {
            source,
            store,
            clock,
            settings,
            pace: Mutex::new(HashMap::new()),
        }
    }

    /// Reads every source that is due.
    ///
    /// # Errors
    /// When the store fails.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self) -> Result<BusySyncReport, RepoError> {
        let sources = self.store.all_sources().await?;
        self.read_all(sources, false).await
    }

    /// Reads the source `calendar_id` of `provider` now, whatever its poll interval (a push
    /// notification's cue), unless it is backing off; nothing if there is no such source.
    ///
    /// # Errors
    /// When the store fails.
    #[tracing::instrument(skip(self))]
    pub async fn run_source(
        &self,
        provider: UserId,
        calendar_id: &str,
    ) -> Result<BusySyncReport, RepoError> {
        let mut sources = self.store.sources(provider).await?;
        sources.retain(|s| s.calendar_id == calendar_id);
        self.read_all(sources, true).await
    }

    async fn read_all(
        &self,
        sources: Vec<BusySource>,
        cued: bool,
    ) -> Result<BusySyncReport, RepoError> {
        let mut report = BusySyncReport::default();
        for source in sources {
            let now = self.clock.now();
            let pace = self.pace_of(&source);
            let due = pace.is_none_or(|p| now >= p.next_at || (cued && p.failures == 0));
            if !due {
                report.waiting += 1;
                continue;
            }
            self.read_one(source, pace, now, &mut report).await?;
        }
        Ok(report)
    }

    fn pace_of(&self, source: &BusySource) -> Option<Pace> {
        self.pace
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(source.provider, source.calendar_id.clone()))
            .copied()
    }

    fn set_pace(&self, source: &BusySource, pace: Pace) {
        self.pace
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((source.provider, source.calendar_id.clone()), pace);
    }

    fn window(&self, now: DateTime<Utc>) -> Option<TimeRange> {
        TimeRange::new(now - self.settings.past, now + self.settings.ahead).ok()
    }

    async fn read_one(
        &self,
        mut source: BusySource,
        pace: Option<Pace>,
        now: DateTime<Utc>,
        report: &mut BusySyncReport,
    ) -> Result<(), RepoError> {
        let Some(window) = self.window(now) else {
            return Ok(());
        };
        let last_full = pace.and_then(|p| p.last_full);
        if last_full.is_none_or(|at| now - at >= self.settings.full_every) {
            source.sync_token = None; // the window moves on: read it whole again
        }
        let mut read = self.source.read(&source, window).await;
        if matches!(read, Err(SourceError::TokenExpired)) && source.sync_token.is_some() {
            // Google's 410: the token is gone; one full read replaces everything.
            tracing::info!(provider = %source.provider, "sync token expired, reading in full");
            source.sync_token = None;
            read = self.source.read(&source, window).await;
        }
        let failures = pace.map_or(0, |p| p.failures);
        match read {
            Ok(read) => {
                let full = read.update.full;
                source.sync_token = read.sync_token;
                source.synced_at = Some(now);
                source.status = SourceStatus::Ok;
                self.store.record_sync(&source, &read.update).await?;
                self.set_pace(
                    &source,
                    Pace {
                        next_at: now + self.settings.poll_every,
                        failures: 0,
                        last_full: if full { Some(now) } else { last_full },
                    },
                );
                report.synced += 1;
                report.full += usize::from(full);
            }
            Err(error) => {
                tracing::warn!(provider = %source.provider, error = %error, "reading a calendar failed");
                source.status = match &error {
                    SourceError::AccessGone(m) => SourceStatus::AccessGone(m.clone()),
                    other => SourceStatus::Failing(error_chain(other)),
                };
                if matches!(error, SourceError::TokenExpired) {
                    source.sync_token = None;
                }
                self.store.save_source(&source).await?;
                let failures = failures.saturating_add(1);
                self.set_pace(
                    &source,
                    Pace {
                        next_at: now + self.backoff(failures),
                        failures,
                        last_full,
                    },
                );
                report.failed += 1;
            }
        }
        Ok(())
    }

    /// The delay after `failures` failures in a row: `base · 2^(failures−1)`, capped, of which
    /// a random half to all is waited ("equal jitter"), so that sources failing together (one
    /// rate limit) do not come back together.
    fn backoff(&self, failures: u32) -> TimeDelta {
        let doubled = self
            .settings
            .backoff_base
            .checked_mul(1_i32 << failures.saturating_sub(1).min(20))
            .unwrap_or(self.settings.backoff_max);
        let ceiling = doubled.min(self.settings.backoff_max);
        let half = ceiling / 2;
        let spread = half.num_milliseconds().max(1);
        let jitter = i64::try_from(random_u64() % spread.unsigned_abs()).unwrap_or(0);
        half + TimeDelta::milliseconds(jitter)
    }
}

/// A random number for jitter (not a secret); 0 if the random source fails.
fn random_u64() -> u64 {
    let mut bytes = [0_u8; 8];
    let _ = getrandom::fill(&mut bytes);
    u64::from_le_bytes(bytes)
}
