//! The checks every booking goes through, shared by single bookings and series: who may book,
//! whether the service is open, and each start against the schedule, the booking policy, the
//! buffers, the provider's appointments and their calendars' busy times.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{
    Appointment, AppointmentId, BookingRejection, BookingRequest, BusyTimes, Note, Occurrence,
    Role, SeriesId, ServiceId, TimeRange, UserId, Zone, class,
};
use uuid::Uuid;

use crate::actor::Actor;
use crate::book_appointment::BookError;
use crate::bookable::Bookable;
use crate::external_busy::ExternalBusy;
use crate::ports::{AppointmentStore, Clock, RepoError, ScheduleStore, ServiceStore, UserStore};

/// The ports booking rules read, shared by [`BookAppointment`](crate::book_appointment::BookAppointment)
/// and the series use cases.
#[derive(Clone)]
pub struct BookingChecks {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    schedules: Arc<dyn ScheduleStore>,
    pub(crate) appointments: Arc<dyn AppointmentStore>,
    external: ExternalBusy,
    clock: Arc<dyn Clock>,
}

/// What is booked at each start: the same customer, service, note and series.
pub(crate) struct Booker<'a> {
    pub customer: UserId,
    pub note: Option<&'a Note>,
    pub series: Option<SeriesId>,
}

impl BookingChecks {
    /// The checks over their ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        schedules: Arc<dyn ScheduleStore>,
        appointments: Arc<dyn AppointmentStore>,
        external: ExternalBusy,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            services,
            schedules,
            appointments,
            external,
            clock,
        }
    }

    /// Only customers book (staff and providers use other flows).
    pub(crate) fn authorize(actor: &Actor) -> Result<(), BookError> {
        if actor.role == Role::Customer {
            Ok(())
        } else {
            Err(BookError::Forbidden)
        }
    }

    /// The zone of provider `id` (UTC for an unknown provider).
    pub(crate) async fn provider_zone(&self, id: UserId) -> Result<Zone, RepoError> {
        Ok(self.users.by_id(id).await?.map_or(Zone::UTC, |p| p.zone))
    }

    /// Service `id` with its provider and schedule, if it takes bookings.
    pub(crate) async fn open_service(&self, id: ServiceId) -> Result<Bookable, BookError> {
        let bookable = Bookable::load(&self.services, &self.users, &self.schedules, id)
            .await?
            .ok_or(BookError::UnknownService)?;
        if !bookable.is_open() {
            return Err(BookingRejection::Unavailable.into());
        }
        Ok(bookable)
    }

    /// Checks `start` as a booking of `bookable` by `booker` now: the appointment it would
    /// make (a seat of the occurrence at `start` for a class), or why not.
    ///
    /// # Errors
    /// When a store fails.
    pub(crate) async fn check_one(
        &self,
        bookable: &Bookable,
        booker: &Booker<'_>,
        start: DateTime<Utc>,
    ) -> Result<Result<Appointment, BookingRejection>, RepoError> {
        let now = self.clock.now();
        let blocked = bookable.offer().timing.blocked(start);
        let capacity = bookable.service.capacity;
        if !capacity.is_class() {
            let busy = self.busy_over(bookable, blocked, now).await?;
            return Ok(book_at(bookable, booker, &busy, start, now));
        }
        // A seat shares the provider's time with its occurrence's other seats only.
        let provider = bookable.provider.id;
        let occurrence = Occurrence {
            service: bookable.service.id,
            start,
        };
        let appointments = self.appointments.busy(provider, blocked).await?;
        let external = self.external.blocking(provider, blocked, now).await?;
        let sold = self
            .appointments
            .occurrences(provider, blocked)
            .await?
            .into_iter()
            .find(|seats| seats.occurrence == occurrence);
        let busy = class::busy_beside(&appointments, &external, sold.as_ref());
        Ok(
            book_at(bookable, booker, &busy, start, now).and_then(|seat| {
                class::take_seat(capacity, sold.map_or(0, |seats| seats.taken)).map(|_| seat)
            }),
        )
    }

    /// Checks `start` as a new booking of `bookable` by `booker` now, as
    /// [`BookingChecks::check_one`] does but without reading the provider's appointments for a
    /// one-to-one service: the store's no-overlap rule refuses a start they take (a
    /// [`RepoError::Conflict`] on insert, reported as taken like the check would), so the
    /// common case reads only the cached calendars before its one write. A class still counts
    /// its occurrence's seats here.
    ///
    /// # Errors
    /// When a store fails.
    pub(crate) async fn check_booking(
        &self,
        bookable: &Bookable,
        booker: &Booker<'_>,
        start: DateTime<Utc>,
    ) -> Result<Result<Appointment, BookingRejection>, RepoError> {
        if bookable.service.capacity.is_class() {
            return self.check_one(bookable, booker, start).await;
        }
        let now = self.clock.now();
        let blocked = bookable.offer().timing.blocked(start);
        let calendars = self
            .external
            .blocking(bookable.provider.id, blocked, now)
            .await?;
        Ok(book_at(
            bookable,
            booker,
            &BusyTimes::new(calendars),
            start,
            now,
        ))
    }

    /// Checks each of `starts` (in order) as [`BookingChecks::check_one`] does, with one read
    /// of the provider's busy time for them all.
    ///
    /// # Errors
    /// When a store fails.
    pub(crate) async fn check_all(
        &self,
        bookable: &Bookable,
        booker: &Booker<'_>,
        starts: &[DateTime<Utc>],
    ) -> Result<Vec<Result<Appointment, BookingRejection>>, RepoError> {
        let (Some(first), Some(last)) = (starts.first(), starts.last()) else {
            return Ok(Vec::new());
        };
        if bookable.service.capacity.is_class() {
            return Ok(vec![Err(BookingRejection::OneClassAtATime); starts.len()]);
        }
        let timing = bookable.offer().timing;
        let (first, last) = (timing.blocked(*first), timing.blocked(*last));
        let span = TimeRange::new(first.start(), last.end().max(first.end())).unwrap_or(first);
        let now = self.clock.now();
        let busy = self.busy_over(bookable, span, now).await?;
        Ok(starts
            .iter()
            .map(|start| book_at(bookable, booker, &busy, *start, now))
            .collect())
    }

    /// The provider's busy time over `range`: active appointments and, as of their last sync,
    /// the provider's own calendars (a rule check, not a constraint: an event added in Google
    /// after that sync is only seen by the next one, and a booking made in between stands).
    async fn busy_over(
        &self,
        bookable: &Bookable,
        range: TimeRange,
        now: DateTime<Utc>,
    ) -> Result<BusyTimes, RepoError> {
        let provider = bookable.provider.id;
        let mut busy = self.appointments.busy(provider, range).await?;
        busy.extend(self.external.blocking(provider, range, now).await?);
        Ok(BusyTimes::new(busy))
    }
}

/// The appointment `booker` would get at `start`, or why not.
fn book_at(
    bookable: &Bookable,
    booker: &Booker<'_>,
    busy: &BusyTimes,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Appointment, BookingRejection> {
    let request = BookingRequest {
        id: AppointmentId::from_uuid(Uuid::now_v7()),
        service: bookable.service.id,
        provider: bookable.provider.id,
        customer: booker.customer,
        start,
        note: booker.note.cloned(),
        series: booker.series,
    };
    Appointment::book(request, &bookable.offer(), busy, now)
}
