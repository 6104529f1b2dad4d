//! The delivery queue (transactional outbox): what must still be told to the outside world.
//!
//! # Design
//! - **Fan-out at write time.** When an [`AppointmentStore`](super::AppointmentStore) records an
//!   event it also creates one delivery per [`Channel`] the event concerns
//!   ([`Channel::for_change`]), in the same transaction. A committed change therefore always has
//!   its mails and calendar update pending, even if the process stops right after the commit, and
//!   a booking never waits for (or fails because of) the mail server.
//! - **Claims with a lease.** A worker [`claim`](DeliveryQueue::claim)s due deliveries; each claim
//!   counts as an attempt and hides the delivery from other workers until the lease ends. With
//!   several app instances every delivery is handed to one worker at a time (SQL: an atomic
//!   `UPDATE … RETURNING` over rows picked with `FOR UPDATE SKIP LOCKED`). A crashed worker's
//!   claim expires with its lease and the delivery is handed out again (at-least-once; receivers
//!   of calendar data are idempotent through UID and SEQUENCE).
//! - **Claim tokens.** [`complete`](DeliveryQueue::complete), [`retry`](DeliveryQueue::retry) and
//!   [`give_up`](DeliveryQueue::give_up) name the claim; a worker whose lease expired and was
//!   taken over cannot overwrite the new owner's outcome ([`RepoError::Stale`]).
//! - **In order per stream.** Only the oldest pending delivery of each (appointment, channel)
//!   stream is handed out, so a cancellation never overtakes the booking it cancels, also when
//!   the booking is being retried.
//! - **Retries** follow [`RetryPolicy`]: exponential backoff with a cap, then give up. Deliveries
//!   given up on (after too many attempts or a permanent error) stay listed by
//!   [`failed`](DeliveryQueue::failed) for admins.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::RepoError;
use crate::events::{AppointmentEvent, ChangeKind};

/// Where a delivery goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// An email to the customer.
    CustomerEmail,
    /// An email to the provider.
    ProviderEmail,
    /// The provider's external calendar ([`CalendarSync`](super::CalendarSync)).
    Calendar,
    /// The webhook endpoints that receive the event: the worker fans it out into one message
    /// per endpoint ([`WebhookStore::fan_out`](super::WebhookStore::fan_out)).
    Webhooks,
}

impl Channel {
    /// Every channel, in a stable order.
    pub const ALL: [Self; 4] = [
        Self::CustomerEmail,
        Self::ProviderEmail,
        Self::Calendar,
        Self::Webhooks,
    ];

    /// The channels an event of `kind` is delivered to. Bookings, confirmations, moves and
    /// cancellations go everywhere; reminders are mails only; a completion asks the customer
    /// for a review and goes to webhooks; a no-show goes to webhooks only.
    pub const fn for_change(kind: &ChangeKind) -> &'static [Self] {
        match kind {
            ChangeKind::Booked
            | ChangeKind::Confirmed
            | ChangeKind::Rescheduled { .. }
            | ChangeKind::Cancelled { .. } => &Self::ALL,
            ChangeKind::Reminder => &[Self::CustomerEmail, Self::ProviderEmail],
            ChangeKind::Completed => &[Self::CustomerEmail, Self::Webhooks],
            ChangeKind::NoShow => &[Self::Webhooks],
            ChangeKind::HoldOffered { .. } => &[Self::CustomerEmail],
            // Nothing changed for anyone but the waitlist: the hold was never a booking.
            ChangeKind::HoldReleased => &[],
        }
    }

    /// The stable lower-case name used in storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CustomerEmail => "customer_email",
            Self::ProviderEmail => "provider_email",
            Self::Calendar => "calendar",
            Self::Webhooks => "webhooks",
        }
    }

    /// The channel named `name` by [`Channel::as_str`].
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Identifies a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeliveryId(Uuid);

impl DeliveryId {
    /// Wraps a stored id.
    pub const fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    /// The underlying UUID.
    pub const fn as_uuid(&self) -> Uuid {
        self.0
    }

    /// When the delivery was enqueued: adapters make ids as version 7 UUIDs at that moment, so the
    /// id carries it (to the millisecond). `None` for an id of another kind.
    pub fn enqueued_at(&self) -> Option<DateTime<Utc>> {
        let (seconds, nanos) = self.0.get_timestamp()?.to_unix();
        DateTime::from_timestamp(i64::try_from(seconds).ok()?, nanos)
    }
}

impl std::fmt::Display for DeliveryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for DeliveryId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self)
    }
}

/// Names one claim of a delivery; a later claim of the same delivery has another token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClaimToken(Uuid);

impl ClaimToken {
    /// Wraps a stored token.
    pub const fn from_uuid(token: Uuid) -> Self {
        Self(token)
    }

    /// A new random token.
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }

    /// The underlying UUID.
    pub const fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl Default for ClaimToken {
    fn default() -> Self {
        Self::new()
    }
}

/// A delivery handed to a worker by [`DeliveryQueue::claim`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Identity.
    pub id: DeliveryId,
    /// Where it goes.
    pub channel: Channel,
    /// What to tell.
    pub event: AppointmentEvent,
    /// Attempts so far, this one included (1 on the first claim).
    pub attempts: u32,
    /// This claim.
    pub claim: ClaimToken,
}

/// A delivery given up on, for the admins' list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedDelivery {
    /// Identity.
    pub id: DeliveryId,
    /// Where it should have gone.
    pub channel: Channel,
    /// What it should have told.
    pub event: AppointmentEvent,
    /// How many attempts were made.
    pub attempts: u32,
    /// The last error, as text.
    pub error: String,
    /// When it was given up on.
    pub failed_at: DateTime<Utc>,
}

/// How far behind the deliveries of one channel are, for readiness checks and metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelBacklog {
    /// The channel.
    pub channel: Channel,
    /// Deliveries not yet done or given up on (due, claimed, or waiting for a retry).
    pub pending: u64,
    /// When the oldest of them was enqueued; `None` when there are none. For the calendar
    /// channel, how far calendars lag behind the appointments.
    pub oldest_pending: Option<DateTime<Utc>>,
    /// Since when the longest-waiting delivery that is due and unclaimed has waited for a
    /// worker (about: the oldest in queue order); `None` when none waits. Retry backoff does
    /// not count as waiting.
    pub waiting_since: Option<DateTime<Utc>>,
    /// Deliveries given up on.
    pub failed: u64,
}

/// When to try a failed delivery again: exponential backoff from `first_delay`, doubling per
/// attempt, capped at `max_delay`; after `max_attempts` attempts, give up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait after the first failed attempt.
    pub first_delay: TimeDelta,
    /// The longest wait between attempts.
    pub max_delay: TimeDelta,
    /// Attempts before giving up (at least 1).
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    /// 30 s, 1 min, 2 min, … capped at 1 h, 24 attempts: a mail server may be down for about
    /// 18 hours before a message is given up on.
    fn default() -> Self {
        Self {
            first_delay: TimeDelta::seconds(30),
            max_delay: TimeDelta::hours(1),
            max_attempts: 24,
        }
    }
}

impl RetryPolicy {
    /// The wait after the `attempts`-th failed attempt (1-based): `first_delay · 2^(attempts-1)`,
    /// at most `max_delay`.
    pub fn delay_after(&self, attempts: u32) -> TimeDelta {
        let doublings = attempts.saturating_sub(1).min(30);
        self.first_delay
            .checked_mul(1 << doublings)
            .map_or(self.max_delay, |delay| delay.min(self.max_delay))
    }

    /// When to try again after the `attempts`-th attempt failed at `now`; `None` means give up.
    pub fn next_attempt(&self, attempts: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        (attempts < self.max_attempts).then(|| now + self.delay_after(attempts))
    }
}

/// The outbox of deliveries. Deliveries are created by the
/// [`AppointmentStore`](super::AppointmentStore) with their event; this port hands them out and
/// records outcomes. See the module documentation for the guarantees.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait DeliveryQueue: Send + Sync {
    /// Claims up to `limit` pending deliveries that are due at `now` (and not under another
    /// claim's lease), oldest first and only the oldest pending one of each (appointment,
    /// channel). Each claimed delivery's attempt count goes up by one and it stays hidden from
    /// other claims until `now + lease`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn claim(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: TimeDelta,
    ) -> Result<Vec<Delivery>, RepoError>;

    /// Marks a claimed delivery done; it is never handed out again.
    ///
    /// # Errors
    /// [`RepoError::Stale`] when the claim is no longer the delivery's current one (its lease
    /// expired and another worker claimed it, or it is already finished),
    /// [`RepoError::NotFound`], [`RepoError::Backend`].
    async fn complete(&self, delivery: &Delivery, now: DateTime<Utc>) -> Result<(), RepoError>;

    /// Releases a claimed delivery to be handed out again from `at`, keeping `error`.
    ///
    /// # Errors
    /// As [`DeliveryQueue::complete`].
    async fn retry(
        &self,
        delivery: &Delivery,
        at: DateTime<Utc>,
        error: &str,
    ) -> Result<(), RepoError>;

    /// Marks a claimed delivery failed for good, with `error`; it shows in
    /// [`DeliveryQueue::failed`] and no longer holds back later deliveries of its stream.
    ///
    /// # Errors
    /// As [`DeliveryQueue::complete`].
    async fn give_up(
        &self,
        delivery: &Delivery,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<(), RepoError>;

    /// Hands a claimed delivery back undone, as if it had not been claimed: due as before,
    /// unleased, its attempt count as before the claim (a worker stopping before it got to it).
    ///
    /// # Errors
    /// As [`DeliveryQueue::complete`].
    async fn release(&self, delivery: &Delivery) -> Result<(), RepoError>;

    /// The backlog of every channel at `now`, one entry per channel in [`Channel::ALL`] order.
    ///
    /// # Errors
    /// [`RepoError::Backend`], [`RepoError::Unavailable`].
    async fn backlog(&self, now: DateTime<Utc>) -> Result<Vec<ChannelBacklog>, RepoError>;

    /// Deliveries given up on, most recent first, at most `limit`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn failed(&self, limit: u32) -> Result<Vec<FailedDelivery>, RepoError>;

    /// Puts a delivery given up on back in the queue, due at `now`, with its attempts counted
    /// from zero again (an admin's retry once the cause is fixed). It takes its old place in its
    /// stream, so later deliveries of the same appointment and channel wait behind it again.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when no failed delivery has that id, [`RepoError::Backend`].
    async fn requeue(&self, id: DeliveryId, now: DateTime<Utc>) -> Result<(), RepoError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            first_delay: TimeDelta::seconds(30),
            max_delay: TimeDelta::minutes(10),
            max_attempts: 5,
        }
    }

    #[test]
    fn the_wait_doubles_with_each_failed_attempt() {
        let waits: Vec<i64> = (1..=4)
            .map(|n| policy().delay_after(n).num_seconds())
            .collect();
        assert_eq!(waits, vec![30, 60, 120, 240]);
    }

    #[test]
    fn the_wait_never_exceeds_the_cap_even_after_very_many_attempts() {
        assert_eq!(policy().delay_after(6), TimeDelta::minutes(10));
        assert_eq!(policy().delay_after(u32::MAX), TimeDelta::minutes(10));
    }

    #[test]
    fn after_the_last_allowed_attempt_the_policy_gives_up() {
        let now: DateTime<Utc> = "2026-06-01T08:00:00Z".parse().unwrap();
        assert_eq!(
            policy().next_attempt(4, now),
            Some(now + TimeDelta::seconds(240))
        );
        assert_eq!(policy().next_attempt(5, now), None);
    }

    #[test]
    fn reminders_are_mailed_but_not_put_in_calendars_and_completions_ask_the_customer() {
        assert_eq!(
            Channel::for_change(&ChangeKind::Reminder),
            &[Channel::CustomerEmail, Channel::ProviderEmail]
        );
        assert_eq!(Channel::for_change(&ChangeKind::Booked), &Channel::ALL);
        assert_eq!(
            Channel::for_change(&ChangeKind::Completed),
            &[Channel::CustomerEmail, Channel::Webhooks]
        );
        assert_eq!(
            Channel::for_change(&ChangeKind::NoShow),
            &[Channel::Webhooks]
        );
    }

    #[test]
    fn a_delivery_id_tells_when_it_was_enqueued() {
        let before = Utc::now() - TimeDelta::milliseconds(1);
        let id = DeliveryId::from_uuid(Uuid::now_v7());
        let at = id.enqueued_at().unwrap();
        assert!(at >= before && at <= Utc::now(), "{at}");
        assert_eq!(DeliveryId::from_uuid(Uuid::nil()).enqueued_at(), None);
    }

    #[test]
    fn channels_round_trip_through_their_names() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::parse("fax"), None);
    }
}
