//! The delivery queue in memory: filled by [`super::MemoryAppointments`] with each event,
//! emptied by delivery workers.

use std::collections::HashSet;
use std::sync::Mutex;

use application::AppointmentEvent;
use application::ports::personal_data::{erase_event_texts, prune_event_texts};
use application::ports::{
    Channel, ChannelBacklog, ClaimToken, Delivery, DeliveryId, DeliveryQueue, FailedDelivery,
    RepoError,
};
use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{AppointmentId, UserId};
use uuid::Uuid;

use super::lock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Pending,
    Done,
    Failed,
}

#[derive(Debug, Clone)]
struct Entry {
    id: DeliveryId,
    channel: Channel,
    event: AppointmentEvent,
    state: State,
    attempts: u32,
    /// `None`: due at once.
    due_at: Option<DateTime<Utc>>,
    /// The current claim and when its lease ends.
    lease: Option<(ClaimToken, DateTime<Utc>)>,
    last_error: Option<String>,
    finished_at: Option<DateTime<Utc>>,
}

impl Entry {
    fn stream(&self) -> (AppointmentId, Channel) {
        (self.event.appointment.id, self.channel)
    }

    fn claimable(&self, now: DateTime<Utc>) -> bool {
        self.state == State::Pending
            && self.due_at.is_none_or(|due| due <= now)
            && self.lease.is_none_or(|(_, until)| until <= now)
    }
}

/// [`DeliveryQueue`] in memory. Entries are kept in creation order; a finished entry stays
/// (done or failed) so tests can inspect the whole history.
#[derive(Debug, Default)]
pub struct MemoryDeliveries {
    entries: Mutex<Vec<Entry>>,
}

impl MemoryDeliveries {
    /// Erases the free text `user` wrote from the events of the deliveries, and the errors
    /// recorded for deliveries of `appointments` (theirs).
    pub(super) fn erase_texts_of(&self, user: UserId, appointments: &[AppointmentId]) {
        for entry in lock(&self.entries).iter_mut() {
            erase_event_texts(&mut entry.event, user);
            if appointments.contains(&entry.event.appointment.id) {
                entry.last_error = None;
            }
        }
    }

    /// Removes the free texts of the events of `appointments`.
    pub(super) fn prune_texts_of(&self, appointments: &[AppointmentId]) {
        for entry in lock(&self.entries).iter_mut() {
            if appointments.contains(&entry.event.appointment.id) {
                prune_event_texts(&mut entry.event);
            }
        }
    }

    /// Adds one pending delivery per channel `event` concerns. Called by the appointment store
    /// inside its own critical section, so the event and its deliveries appear together.
    pub(super) fn enqueue(&self, event: &AppointmentEvent) {
        let mut entries = lock(&self.entries);
        for &channel in Channel::for_change(&event.kind) {
            entries.push(Entry {
                id: DeliveryId::from_uuid(Uuid::now_v7()),
                channel,
                event: event.clone(),
                state: State::Pending,
                attempts: 0,
                due_at: None,
                lease: None,
                last_error: None,
                finished_at: None,
            });
        }
    }

    /// How many deliveries are not yet done or given up on.
    pub fn pending_count(&self) -> usize {
        lock(&self.entries)
            .iter()
            .filter(|e| e.state == State::Pending)
            .count()
    }

    /// Applies `change` to the delivery `delivery` names, if that claim is still current.
    fn finish(
        &self,
        delivery: &Delivery,
        change: impl FnOnce(&mut Entry),
    ) -> Result<(), RepoError> {
        let mut entries = lock(&self.entries);
        let entry = entries
            .iter_mut()
            .find(|e| e.id == delivery.id)
            .ok_or(RepoError::NotFound)?;
        let current = entry.state == State::Pending
            && entry
                .lease
                .is_some_and(|(token, _)| token == delivery.claim);
        if !current {
            return Err(RepoError::Stale);
        }
        entry.lease = None;
        change(entry);
        Ok(())
    }
}

#[async_trait]
impl DeliveryQueue for MemoryDeliveries {
    async fn claim(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: TimeDelta,
    ) -> Result<Vec<Delivery>, RepoError> {
        let mut entries = lock(&self.entries);
        // Only the oldest pending entry of each stream may go, whatever its lease or due time.
        let mut seen = HashSet::new();
        let heads: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.state == State::Pending && seen.insert(e.stream()))
            .map(|(i, _)| i)
            .collect();
        let mut claimed = Vec::new();
        for i in heads {
            if claimed.len() >= limit as usize {
                break;
            }
            let entry = &mut entries[i];
            if !entry.claimable(now) {
                continue;
            }
            let claim = ClaimToken::new();
            entry.attempts += 1;
            entry.lease = Some((claim, now + lease));
            claimed.push(Delivery {
                id: entry.id,
                channel: entry.channel,
                event: entry.event.clone(),
                attempts: entry.attempts,
                claim,
            });
        }
        Ok(claimed)
    }

    async fn complete(&self, delivery: &Delivery, now: DateTime<Utc>) -> Result<(), RepoError> {
        self.finish(delivery, |e| {
            e.state = State::Done;
            e.finished_at = Some(now);
        })
    }

    async fn retry(
        &self,
        delivery: &Delivery,
        at: DateTime<Utc>,
        error: &str,
    ) -> Result<(), RepoError> {
        self.finish(delivery, |e| {
            e.due_at = Some(at);
            e.last_error = Some(error.to_owned());
        })
    }

    async fn give_up(
        &self,
        delivery: &Delivery,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<(), RepoError> {
        self.finish(delivery, |e| {
            e.state = State::Failed;
            e.finished_at = Some(now);
            e.last_error = Some(error.to_owned());
        })
    }

    async fn release(&self, delivery: &Delivery) -> Result<(), RepoError> {
        self.finish(delivery, |e| e.attempts = e.attempts.saturating_sub(1))
    }

    async fn backlog(&self, now: DateTime<Utc>) -> Result<Vec<ChannelBacklog>, RepoError> {
        let entries = lock(&self.entries);
        Ok(Channel::ALL
            .into_iter()
            .map(|channel| {
                let mine = || entries.iter().filter(move |e| e.channel == channel);
                let pending = || mine().filter(|e| e.state == State::Pending);
                ChannelBacklog {
                    channel,
                    pending: pending().count() as u64,
                    oldest_pending: pending().find_map(|e| e.id.enqueued_at()),
                    waiting_since: pending().find(|e| e.claimable(now)).map(|e| {
                        [
                            e.id.enqueued_at(),
                            e.due_at,
                            e.lease.map(|(_, until)| until),
                        ]
                        .into_iter()
                        .flatten()
                        .max()
                        .unwrap_or(now)
                    }),
                    failed: mine().filter(|e| e.state == State::Failed).count() as u64,
                }
            })
            .collect())
    }

    async fn failed(&self, limit: u32) -> Result<Vec<FailedDelivery>, RepoError> {
        let entries = lock(&self.entries);
        let mut failed: Vec<FailedDelivery> = entries
            .iter()
            .rev()
            .filter(|e| e.state == State::Failed)
            .filter_map(|e| {
                Some(FailedDelivery {
                    id: e.id,
                    channel: e.channel,
                    event: e.event.clone(),
                    attempts: e.attempts,
                    error: e.last_error.clone().unwrap_or_default(),
                    failed_at: e.finished_at?,
                })
            })
            .collect();
        failed.sort_by_key(|f| std::cmp::Reverse(f.failed_at));
        failed.truncate(limit as usize);
        Ok(failed)
    }

    async fn requeue(&self, id: DeliveryId, now: DateTime<Utc>) -> Result<(), RepoError> {
        let mut entries = lock(&self.entries);
        let entry = entries
            .iter_mut()
            .find(|e| e.id == id && e.state == State::Failed)
            .ok_or(RepoError::NotFound)?;
        entry.state = State::Pending;
        entry.attempts = 0;
        entry.due_at = Some(now);
        entry.lease = None;
        entry.finished_at = None;
        Ok(())
    }
}
