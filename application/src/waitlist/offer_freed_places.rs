//! The waitlist worker's step: releases expired holds, then holds a free place for each
//! waiting customer whose window has one, first come first served.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{HOLD_PERIOD, TimeRange};

use crate::book_appointment::BookError;
use crate::booking_checks::{Booker, BookingChecks};
use crate::events::{AppointmentEvent, ChangeKind};
use crate::list_free_slots::{ListFreeSlots, ListFreeSlotsError};
use crate::ports::{AppointmentStore, Clock, OfferError, RepoError, WaitlistEntry, WaitlistStore};

/// How many entries one step looks at, of each kind.
pub const WAITLIST_BATCH: u32 = 100;

/// What one step did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WaitlistReport {
    /// Holds released because they expired.
    pub released: usize,
    /// Holds offered.
    pub offered: usize,
}

/// Offers freed places to the waitlist. Several instances may run it at once: the store
/// settles each expired hold once (revision check) and holds each place for one entry at
/// most (the no-overlap guarantee and the seat count, as for bookings).
pub struct OfferFreedPlaces {
    checks: BookingChecks,
    slots: ListFreeSlots,
    appointments: Arc<dyn AppointmentStore>,
    waitlist: Arc<dyn WaitlistStore>,
    clock: Arc<dyn Clock>,
}

impl OfferFreedPlaces {
    /// The use case over its ports.
    pub fn new(
        checks: BookingChecks,
        slots: ListFreeSlots,
        appointments: Arc<dyn AppointmentStore>,
        waitlist: Arc<dyn WaitlistStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            checks,
            slots,
            appointments,
            waitlist,
            clock,
        }
    }

    /// Releases expired holds, then offers places to waiting entries in the order they joined.
    ///
    /// # Errors
    /// When a store fails; what was done before stays done.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self) -> Result<WaitlistReport, RepoError> {
        let now = self.clock.now();
        let mut report = WaitlistReport::default();
        for entry in self.waitlist.expired(now, WAITLIST_BATCH).await? {
            if self.release(&entry, now).await? {
                report.released += 1;
            }
        }
        for entry in self.waitlist.waiting(now, WAITLIST_BATCH).await? {
            if self.offer_to(&entry, now).await? {
                report.offered += 1;
            }
        }
        Ok(report)
    }

    /// Releases `entry`'s expired hold; false when someone settled it meanwhile.
    async fn release(&self, entry: &WaitlistEntry, now: DateTime<Utc>) -> Result<bool, RepoError> {
        let Some(hold) = entry.hold else {
            return Ok(false);
        };
        let Some(mut place) = self.appointments.by_id(hold.appointment).await? else {
            return Ok(false);
        };
        let revision = place.revision;
        if place.release_hold().is_err() {
            return Ok(false);
        }
        let event = AppointmentEvent::new(ChangeKind::HoldReleased, &place, now);
        match self
            .waitlist
            .settle(entry.id, &place, revision, &event)
            .await
        {
            Ok(()) => Ok(true),
            Err(RepoError::Stale) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Holds the earliest free place in `entry`'s window for it; whether one was held.
    async fn offer_to(&self, entry: &WaitlistEntry, now: DateTime<Utc>) -> Result<bool, RepoError> {
        let bookable = match self.checks.open_service(entry.service).await {
            Ok(bookable) => bookable,
            Err(BookError::Store(e)) => return Err(e),
            Err(_) => return Ok(false),
        };
        let free = match self
            .slots
            .run(None, entry.service, entry.window.span())
            .await
        {
            Ok(free) => free,
            Err(ListFreeSlotsError::Store(e)) => return Err(e),
            Err(_) => return Ok(false),
        };
        let duration = bookable.offer().timing.duration.as_delta();
        let booker = Booker {
            customer: entry.customer,
            note: None,
            series: None,
        };
        let fitting = free.slots.into_iter().filter(|start| {
            TimeRange::starting_at(*start, duration).is_ok_and(|s| entry.window.accepts(&s))
        });
        for start in fitting {
            let Ok(place) = self.checks.check_one(&bookable, &booker, start).await? else {
                continue;
            };
            let hold = place.into_hold();
            let expires_at = (now + HOLD_PERIOD).min(hold.session.start());
            let kind = ChangeKind::HoldOffered { until: expires_at };
            let event = AppointmentEvent::new(kind, &hold, now);
            let capacity = bookable.service.capacity;
            match self
                .waitlist
                .offer(entry.id, &hold, capacity, expires_at, &event)
                .await
            {
                Ok(()) => return Ok(true),
                // Someone was faster for this place; the next one may still be free.
                Err(OfferError::Taken) => {}
                Err(OfferError::NotWaiting) => return Ok(false),
                Err(OfferError::Store(e)) => return Err(e),
            }
        }
        Ok(false)
    }
}
