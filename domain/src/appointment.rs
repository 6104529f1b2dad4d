//! Appointments and their lifecycle: requested → confirmed → cancelled / completed / no-show,
//! with every reschedule kept in the history.

use std::str::FromStr;

use chrono::{DateTime, TimeDelta, Utc};

use crate::booking::BookingRejection;
use crate::id::{AppointmentId, SeriesId, ServiceId, UserId};
use crate::slot::{BusyTimes, Offer};
use crate::text::Note;
use crate::time_range::TimeRange;

/// Where an appointment is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppointmentStatus {
    /// Booked, waiting for the provider to confirm (providers without automatic confirmation).
    Requested,
    /// Will take place.
    Confirmed,
    /// Called off by either side or by staff.
    Cancelled,
    /// Took place.
    Completed,
    /// The customer did not come.
    NoShow,
    /// A freed place kept for a customer from the waitlist until they accept it or it expires
    /// ([`crate::waitlist`]); blocks the provider's time like a booking.
    Held,
    /// A hold that was declined or expired; it never became a booking.
    Released,
}

impl AppointmentStatus {
    /// The stable lower-case name used in storage and APIs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Confirmed => "confirmed",
            Self::Cancelled => "cancelled",
            Self::Completed => "completed",
            Self::NoShow => "no_show",
            Self::Held => "held",
            Self::Released => "released",
        }
    }

    /// Whether the appointment is a booking in force (requested or confirmed).
    pub const fn is_active(self) -> bool {
        matches!(self, Self::Requested | Self::Confirmed)
    }

    /// Whether it blocks the provider's time (or takes a seat): a booking in force or a hold.
    pub const fn blocks_time(self) -> bool {
        matches!(self, Self::Requested | Self::Confirmed | Self::Held)
    }

    /// Whether it is a booking that was not called off: in force, or its time has come
    /// (attended or not). A class's attendee list shows these.
    pub const fn is_booked(self) -> bool {
        matches!(
            self,
            Self::Requested | Self::Confirmed | Self::Completed | Self::NoShow
        )
    }
}

impl FromStr for AppointmentStatus {
    type Err = LifecycleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "requested" => Ok(Self::Requested),
            "confirmed" => Ok(Self::Confirmed),
            "cancelled" => Ok(Self::Cancelled),
            "completed" => Ok(Self::Completed),
            "no_show" => Ok(Self::NoShow),
            "held" => Ok(Self::Held),
            "released" => Ok(Self::Released),
            other => Err(LifecycleError::UnknownStatus(other.to_owned())),
        }
    }
}

/// Who acted on an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    /// The customer who booked it.
    Customer,
    /// The provider who performs it.
    Provider,
    /// Platform staff acting on someone's behalf.
    Staff,
}

impl Party {
    /// The stable lower-case name used in storage and messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Provider => "provider",
            Self::Staff => "staff",
        }
    }
}

impl FromStr for Party {
    type Err = LifecycleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "customer" => Ok(Self::Customer),
            "provider" => Ok(Self::Provider),
            "staff" => Ok(Self::Staff),
            other => Err(LifecycleError::UnknownParty(other.to_owned())),
        }
    }
}

/// Why a lifecycle step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    /// The appointment is cancelled, completed or a no-show.
    #[error("the appointment is already {}", .0.as_str().replace('_', "-"))]
    Closed(AppointmentStatus),
    /// Only a requested appointment can be confirmed.
    #[error("the appointment is already confirmed")]
    AlreadyConfirmed,
    /// The time is only held from the waitlist: it is accepted or declined, nothing else.
    #[error("this time is only held for you: accept or decline it first")]
    OnHold,
    /// Only a hold can be accepted or declined.
    #[error("this is not a held time (any more)")]
    NotOnHold,
    /// Customers can change an appointment only until the provider's cut-off.
    #[error("changes are possible until {hours} hours before the appointment")]
    TooLateToChange {
        /// The cut-off in whole hours (rounded down).
        hours: i64,
    },
    /// The appointment has started; it can only be completed or marked a no-show.
    #[error("the appointment has already started")]
    AlreadyStarted,
    /// Completion and no-show are recorded only once the appointment has started.
    #[error("the appointment has not started yet")]
    NotStarted,
    /// The new time cannot be booked.
    #[error(transparent)]
    Rejected(#[from] BookingRejection),
    /// A stored status name that does not exist.
    #[error("unknown appointment status {0:?}")]
    UnknownStatus(String),
    /// A stored party name that does not exist.
    #[error("unknown party {0:?}")]
    UnknownParty(String),
}

/// How an appointment was called off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancellation {
    /// Who cancelled.
    pub by: Party,
    /// Why, if they said.
    pub reason: Option<Note>,
    /// When.
    pub at: DateTime<Utc>,
}

/// One move of an appointment to another time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reschedule {
    /// The session before the move.
    pub from: TimeRange,
    /// The session after the move.
    pub to: TimeRange,
    /// Who moved it.
    pub by: Party,
    /// When.
    pub at: DateTime<Utc>,
}

/// A booked appointment. Construct with [`Appointment::book`]; change only through the
/// lifecycle methods, which keep `status`, `blocked`, `revision` and the history consistent.
/// Fields are public so adapters can restore a stored appointment as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    /// Identity.
    pub id: AppointmentId,
    /// The booked service.
    pub service: ServiceId,
    /// The provider performing it.
    pub provider: UserId,
    /// The customer who booked it.
    pub customer: UserId,
    /// When the service takes place.
    pub session: TimeRange,
    /// The session plus the service's buffers: the time the provider is busy.
    pub blocked: TimeRange,
    /// Lifecycle state.
    pub status: AppointmentStatus,
    /// The customer's note to the provider.
    pub note: Option<Note>,
    /// When it was booked.
    pub created_at: DateTime<Utc>,
    /// Incremented by every change; calendar invitations use it as their SEQUENCE.
    pub revision: u32,
    /// Earlier times, oldest first.
    pub reschedules: Vec<Reschedule>,
    /// Set once cancelled.
    pub cancellation: Option<Cancellation>,
    /// The recurring series it was booked in, if any.
    pub series: Option<SeriesId>,
}

/// What a customer asks for when booking.
#[derive(Debug, Clone)]
pub struct BookingRequest {
    /// The id the new appointment will have.
    pub id: AppointmentId,
    /// The service being booked.
    pub service: ServiceId,
    /// The provider of that service.
    pub provider: UserId,
    /// Who is booking.
    pub customer: UserId,
    /// The chosen start instant.
    pub start: DateTime<Utc>,
    /// An optional note to the provider.
    pub note: Option<Note>,
    /// The recurring series this occurrence belongs to, if any.
    pub series: Option<SeriesId>,
}

impl Appointment {
    /// Books `request` against `offer` at `now`, given the provider's current busy time.
    ///
    /// # Errors
    /// [`BookingRejection::OwnService`] when the customer is the provider, otherwise the reason
    /// [`Offer::check_start`] gives.
    pub fn book(
        request: BookingRequest,
        offer: &Offer<'_>,
        busy: &BusyTimes,
        now: DateTime<Utc>,
    ) -> Result<Self, BookingRejection> {
        if request.customer == request.provider {
            return Err(BookingRejection::OwnService);
        }
        let session = offer.check_start(busy, request.start, now)?;
        let status = if offer.policy.auto_confirm() {
            AppointmentStatus::Confirmed
        } else {
            AppointmentStatus::Requested
        };
        Ok(Self {
            id: request.id,
            service: request.service,
            provider: request.provider,
            customer: request.customer,
            session,
            blocked: offer.timing.blocked(request.start),
            status,
            note: request.note,
            created_at: now,
            revision: 0,
            reschedules: Vec::new(),
            cancellation: None,
            series: request.series,
        })
    }

    /// The provider accepts a requested appointment.
    ///
    /// # Errors
    /// [`LifecycleError::AlreadyConfirmed`] or [`LifecycleError::Closed`].
    pub fn confirm(&mut self) -> Result<(), LifecycleError> {
        match self.status {
            AppointmentStatus::Requested => {
                self.status = AppointmentStatus::Confirmed;
                self.revision += 1;
                Ok(())
            }
            AppointmentStatus::Confirmed => Err(LifecycleError::AlreadyConfirmed),
            AppointmentStatus::Held => Err(LifecycleError::OnHold),
            closed => Err(LifecycleError::Closed(closed)),
        }
    }

    /// Calls the appointment off. Customers must respect `cutoff`; nobody can cancel once it
    /// has started.
    ///
    /// # Errors
    /// [`LifecycleError::Closed`], [`LifecycleError::AlreadyStarted`] or
    /// [`LifecycleError::TooLateToChange`].
    pub fn cancel(
        &mut self,
        by: Party,
        reason: Option<Note>,
        cutoff: TimeDelta,
        now: DateTime<Utc>,
    ) -> Result<(), LifecycleError> {
        self.ensure_changeable(by, cutoff, now)?;
        self.status = AppointmentStatus::Cancelled;
        self.cancellation = Some(Cancellation {
            by,
            reason,
            at: now,
        });
        self.revision += 1;
        Ok(())
    }

    /// The start it was booked for, before any move.
    pub fn booked_start(&self) -> DateTime<Utc> {
        self.reschedules
            .first()
            .map_or(self.session.start(), |r| r.from.start())
    }

    /// Moves the appointment to `start`, which must be bookable under `offer` with `busy`
    /// (the provider's busy time without this appointment).
    ///
    /// # Errors
    /// As [`Appointment::cancel`], plus [`LifecycleError::Rejected`] for an unbookable start.
    pub fn reschedule(
        &mut self,
        by: Party,
        start: DateTime<Utc>,
        offer: &Offer<'_>,
        busy: &BusyTimes,
        now: DateTime<Utc>,
    ) -> Result<(), LifecycleError> {
        self.ensure_changeable(by, offer.policy.change_cutoff(), now)?;
        let session = offer.check_start(busy, start, now)?;
        self.reschedules.push(Reschedule {
            from: self.session,
            to: session,
            by,
            at: now,
        });
        self.session = session;
        self.blocked = offer.timing.blocked(start);
        self.revision += 1;
        Ok(())
    }

    /// Records that the appointment took place.
    ///
    /// # Errors
    /// [`LifecycleError::Closed`] or [`LifecycleError::NotStarted`].
    pub fn complete(&mut self, now: DateTime<Utc>) -> Result<(), LifecycleError> {
        self.close_after_start(AppointmentStatus::Completed, now)
    }

    /// Records that the customer did not come.
    ///
    /// # Errors
    /// [`LifecycleError::Closed`] or [`LifecycleError::NotStarted`].
    pub fn mark_no_show(&mut self, now: DateTime<Utc>) -> Result<(), LifecycleError> {
        self.close_after_start(AppointmentStatus::NoShow, now)
    }

    /// This new booking (made by [`Appointment::book`], not yet stored) as a hold for a
    /// customer from the waitlist instead: status [`AppointmentStatus::Held`].
    #[must_use]
    pub fn into_hold(mut self) -> Self {
        self.status = AppointmentStatus::Held;
        self
    }

    /// The customer accepts their hold before `expires_at`: it becomes a booking, confirmed
    /// or requested as `auto_confirm` says.
    ///
    /// # Errors
    /// [`LifecycleError::NotOnHold`] (also once expired) or [`LifecycleError::AlreadyStarted`].
    pub fn accept_hold(
        &mut self,
        auto_confirm: bool,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), LifecycleError> {
        if self.status != AppointmentStatus::Held || now >= expires_at {
            return Err(LifecycleError::NotOnHold);
        }
        if now >= self.session.start() {
            return Err(LifecycleError::AlreadyStarted);
        }
        self.status = if auto_confirm {
            AppointmentStatus::Confirmed
        } else {
            AppointmentStatus::Requested
        };
        self.revision += 1;
        Ok(())
    }

    /// The hold is declined or expired: its time is free again.
    ///
    /// # Errors
    /// [`LifecycleError::NotOnHold`].
    pub fn release_hold(&mut self) -> Result<(), LifecycleError> {
        if self.status != AppointmentStatus::Held {
            return Err(LifecycleError::NotOnHold);
        }
        self.status = AppointmentStatus::Released;
        self.revision += 1;
        Ok(())
    }

    fn ensure_changeable(
        &self,
        by: Party,
        cutoff: TimeDelta,
        now: DateTime<Utc>,
    ) -> Result<(), LifecycleError> {
        if self.status == AppointmentStatus::Held {
            return Err(LifecycleError::OnHold);
        }
        if !self.status.is_active() {
            return Err(LifecycleError::Closed(self.status));
        }
        if now >= self.session.start() {
            return Err(LifecycleError::AlreadyStarted);
        }
        if by == Party::Customer && now > self.session.start() - cutoff {
            return Err(LifecycleError::TooLateToChange {
                hours: cutoff.num_hours(),
            });
        }
        Ok(())
    }

    fn close_after_start(
        &mut self,
        status: AppointmentStatus,
        now: DateTime<Utc>,
    ) -> Result<(), LifecycleError> {
        if self.status == AppointmentStatus::Held {
            return Err(LifecycleError::OnHold);
        }
        if !self.status.is_active() {
            return Err(LifecycleError::Closed(self.status));
        }
        if now < self.session.start() {
            return Err(LifecycleError::NotStarted);
        }
        self.status = status;
        self.revision += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::BookingPolicy;
    use crate::schedule::{DayHours, Schedule, WallInterval, WeeklyHours};
    use crate::service::{Buffers, ServiceDuration, Timing};
    use crate::zone::Zone;
    use uuid::Uuid;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn schedule(auto_confirm: bool) -> Schedule {
        let day = DayHours::new(vec![WallInterval::parse("09:00", "17:00").unwrap()]).unwrap();
        Schedule {
            weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
            policy: BookingPolicy::new(60, 60, None, 24 * 60, auto_confirm).unwrap(),
            ..Schedule::default()
        }
    }

    fn offer(schedule: &Schedule) -> Offer<'_> {
        Offer {
            zone: Zone::UTC,
            schedule,
            policy: schedule.policy,
            timing: Timing {
                duration: ServiceDuration::from_minutes(30).unwrap(),
                buffers: Buffers::new(5, 10).unwrap(),
            },
        }
    }

    fn user(n: u128) -> UserId {
        UserId::from_uuid(Uuid::from_u128(n))
    }

    fn request(start: &str) -> BookingRequest {
        BookingRequest {
            id: AppointmentId::from_uuid(Uuid::from_u128(1)),
            service: ServiceId::from_uuid(Uuid::from_u128(2)),
            provider: user(3),
            customer: user(4),
            start: utc(start),
            note: None,
            series: None,
        }
    }

    const NOW: &str = "2026-06-01T08:00:00Z";

    fn booked(start: &str) -> Appointment {
        let s = schedule(true);
        Appointment::book(request(start), &offer(&s), &BusyTimes::default(), utc(NOW)).unwrap()
    }

    #[test]
    fn booking_blocks_the_session_plus_buffers_and_confirms_at_once() {
        let a = booked("2026-06-03T10:00:00Z");
        assert_eq!(a.status, AppointmentStatus::Confirmed);
        assert_eq!(a.session.start(), utc("2026-06-03T10:00:00Z"));
        assert_eq!(a.blocked.start(), utc("2026-06-03T09:55:00Z"));
        assert_eq!(a.blocked.end(), utc("2026-06-03T10:40:00Z"));
        assert_eq!(a.revision, 0);
    }

    #[test]
    fn without_automatic_confirmation_a_booking_waits_for_the_provider() {
        let s = schedule(false);
        let mut a = Appointment::book(
            request("2026-06-03T10:00:00Z"),
            &offer(&s),
            &BusyTimes::default(),
            utc(NOW),
        )
        .unwrap();
        assert_eq!(a.status, AppointmentStatus::Requested);
        a.confirm().unwrap();
        assert_eq!(a.status, AppointmentStatus::Confirmed);
        assert_eq!(a.confirm(), Err(LifecycleError::AlreadyConfirmed));
    }

    #[test]
    fn a_provider_cannot_book_their_own_service() {
        let s = schedule(true);
        let mut own = request("2026-06-03T10:00:00Z");
        own.customer = own.provider;
        assert_eq!(
            Appointment::book(own, &offer(&s), &BusyTimes::default(), utc(NOW)),
            Err(BookingRejection::OwnService)
        );
    }

    #[test]
    fn a_customer_may_cancel_before_the_cutoff_only() {
        let cutoff = TimeDelta::hours(24);
        let mut early = booked("2026-06-03T10:00:00Z");
        early
            .cancel(
                Party::Customer,
                Note::parse("ill").ok(),
                cutoff,
                utc("2026-06-02T10:00:00Z"),
            )
            .unwrap();
        assert_eq!(early.status, AppointmentStatus::Cancelled);
        assert_eq!(
            early.cancellation.as_ref().map(|c| c.by),
            Some(Party::Customer)
        );
        assert_eq!(early.revision, 1);

        let mut late = booked("2026-06-03T10:00:00Z");
        assert_eq!(
            late.cancel(Party::Customer, None, cutoff, utc("2026-06-02T10:00:01Z")),
            Err(LifecycleError::TooLateToChange { hours: 24 })
        );
    }

    #[test]
    fn a_provider_may_cancel_after_the_customer_cutoff_but_not_after_the_start() {
        let cutoff = TimeDelta::hours(24);
        let mut a = booked("2026-06-03T10:00:00Z");
        assert_eq!(
            a.clone()
                .cancel(Party::Provider, None, cutoff, utc("2026-06-03T10:00:00Z")),
            Err(LifecycleError::AlreadyStarted)
        );
        a.cancel(Party::Provider, None, cutoff, utc("2026-06-03T09:00:00Z"))
            .unwrap();
        assert_eq!(
            a.cancel(Party::Provider, None, cutoff, utc("2026-06-03T09:00:00Z")),
            Err(LifecycleError::Closed(AppointmentStatus::Cancelled))
        );
    }

    #[test]
    fn rescheduling_moves_the_blocked_time_and_keeps_history() {
        let s = schedule(true);
        let mut a = booked("2026-06-03T10:00:00Z");
        a.reschedule(
            Party::Customer,
            utc("2026-06-04T11:00:00Z"),
            &offer(&s),
            &BusyTimes::default(),
            utc(NOW),
        )
        .unwrap();
        assert_eq!(a.session.start(), utc("2026-06-04T11:00:00Z"));
        assert_eq!(a.blocked.start(), utc("2026-06-04T10:55:00Z"));
        assert_eq!(a.reschedules.len(), 1);
        assert_eq!(a.reschedules[0].from.start(), utc("2026-06-03T10:00:00Z"));
        assert_eq!(a.revision, 1);
    }

    #[test]
    fn rescheduling_to_an_unbookable_time_changes_nothing() {
        let s = schedule(true);
        let mut a = booked("2026-06-03T10:00:00Z");
        let before = a.clone();
        let result = a.reschedule(
            Party::Customer,
            utc("2026-06-04T20:00:00Z"),
            &offer(&s),
            &BusyTimes::default(),
            utc(NOW),
        );
        assert_eq!(
            result,
            Err(LifecycleError::Rejected(BookingRejection::OutsideHours))
        );
        assert_eq!(a, before);
    }

    #[test]
    fn completion_and_no_show_are_recorded_only_after_the_start() {
        let mut a = booked("2026-06-03T10:00:00Z");
        assert_eq!(
            a.complete(utc("2026-06-03T09:59:00Z")),
            Err(LifecycleError::NotStarted)
        );
        a.complete(utc("2026-06-03T10:30:00Z")).unwrap();
        assert_eq!(a.status, AppointmentStatus::Completed);
        assert_eq!(
            a.mark_no_show(utc("2026-06-03T10:30:00Z")),
            Err(LifecycleError::Closed(AppointmentStatus::Completed))
        );
    }

    #[test]
    fn statuses_and_parties_round_trip_through_their_names() {
        use AppointmentStatus::*;
        for s in [
            Requested, Confirmed, Cancelled, Completed, NoShow, Held, Released,
        ] {
            assert_eq!(s.as_str().parse::<AppointmentStatus>().unwrap(), s);
        }
        for p in [Party::Customer, Party::Provider, Party::Staff] {
            assert_eq!(p.as_str().parse::<Party>().unwrap(), p);
        }
        assert!(Requested.is_active() && Confirmed.is_active() && !Cancelled.is_active());
        assert!(Held.blocks_time() && !Held.is_active() && !Released.blocks_time());
    }

    fn held(start: &str) -> Appointment {
        booked(start).into_hold()
    }

    #[test]
    fn an_accepted_hold_becomes_a_booking_as_the_policy_confirms() {
        let expires = utc("2026-06-01T10:00:00Z");
        let mut a = held("2026-06-03T10:00:00Z");
        assert_eq!(a.status, AppointmentStatus::Held);
        a.accept_hold(true, expires, utc(NOW)).unwrap();
        assert_eq!((a.status, a.revision), (AppointmentStatus::Confirmed, 1));
        let mut b = held("2026-06-03T10:00:00Z");
        b.accept_hold(false, expires, utc(NOW)).unwrap();
        assert_eq!(b.status, AppointmentStatus::Requested);
    }

    #[test]
    fn an_expired_or_released_hold_cannot_be_accepted() {
        let expires = utc("2026-06-01T10:00:00Z");
        let mut a = held("2026-06-03T10:00:00Z");
        assert_eq!(
            a.accept_hold(true, expires, expires),
            Err(LifecycleError::NotOnHold)
        );
        a.release_hold().unwrap();
        assert_eq!(a.status, AppointmentStatus::Released);
        assert_eq!(
            a.accept_hold(true, expires, utc(NOW)),
            Err(LifecycleError::NotOnHold)
        );
        assert_eq!(a.release_hold(), Err(LifecycleError::NotOnHold));
    }

    #[test]
    fn a_hold_is_neither_cancelled_nor_moved_nor_confirmed_by_the_provider() {
        let mut a = held("2026-06-03T10:00:00Z");
        let s = schedule(true);
        assert_eq!(a.confirm(), Err(LifecycleError::OnHold));
        assert_eq!(
            a.cancel(Party::Provider, None, TimeDelta::zero(), utc(NOW)),
            Err(LifecycleError::OnHold)
        );
        assert_eq!(
            a.reschedule(
                Party::Customer,
                utc("2026-06-04T10:00:00Z"),
                &offer(&s),
                &BusyTimes::default(),
                utc(NOW)
            ),
            Err(LifecycleError::OnHold)
        );
    }
}
