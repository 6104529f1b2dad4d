//! Appointment events: what changed, recorded with the change itself so that notifications and
//! calendar updates are delivered even if the process stops right after the change.

use chrono::{DateTime, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, Note, Occurrence, Party, Service, TimeRange,
    User,
};

/// What happened to an appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// A new booking.
    Booked,
    /// A requested booking was accepted by the provider.
    Confirmed,
    /// Moved from the given session.
    Rescheduled {
        /// The session before the move.
        from: TimeRange,
    },
    /// Called off.
    Cancelled {
        /// Who cancelled.
        by: Party,
        /// Their reason, if given.
        reason: Option<Note>,
    },
    /// Took place.
    Completed,
    /// The customer did not come.
    NoShow,
    /// The appointment starts soon; both sides get a reminder. Recorded once per session start by
    /// [`crate::send_reminders::SendReminders`], never for a cancelled appointment.
    Reminder,
    /// A freed place is held for a customer from the waitlist until `until`; they are asked to
    /// accept it. Accepting records [`ChangeKind::Booked`].
    HoldOffered {
        /// When the hold expires.
        until: DateTime<Utc>,
    },
    /// A hold was declined or expired; its time is free again.
    HoldReleased,
}

impl ChangeKind {
    /// The stable lower-case name used in storage and templates.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Confirmed => "confirmed",
            Self::Rescheduled { .. } => "rescheduled",
            Self::Cancelled { .. } => "cancelled",
            Self::Completed => "completed",
            Self::NoShow => "no_show",
            Self::Reminder => "reminder",
            Self::HoldOffered { .. } => "hold_offered",
            Self::HoldReleased => "hold_released",
        }
    }
}

/// One change of one appointment, with the appointment as it is after the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentEvent {
    /// What happened.
    pub kind: ChangeKind,
    /// The appointment after the change.
    pub appointment: Appointment,
    /// When it happened.
    pub at: DateTime<Utc>,
}

impl AppointmentEvent {
    /// An event of `kind` for `appointment` at `at`.
    pub fn new(kind: ChangeKind, appointment: &Appointment, at: DateTime<Utc>) -> Self {
        Self {
            kind,
            appointment: appointment.clone(),
            at,
        }
    }
}

/// An event with everything needed to tell people about it: the service and both parties as
/// they are now, and the link back to the appointment. Loaded by the delivery worker, not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentDetails {
    /// The event.
    pub event: AppointmentEvent,
    /// The booked service.
    pub service: Service,
    /// The customer who booked.
    pub customer: User,
    /// The provider.
    pub provider: User,
    /// The appointment's page (absolute URL).
    pub link: String,
    /// For a seat in a class, on its way to the provider's calendar: the occurrence with its
    /// attendees as they are now, which the provider's one entry for it shows.
    pub roster: Option<ClassRoster>,
}

/// A class occurrence as the provider's calendar shows it: one entry listing every attendee,
/// rather than one entry per seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRoster {
    /// The occurrence.
    pub occurrence: Occurrence,
    /// The customers with a booked seat (held ones not yet), in booking order.
    pub attendees: Vec<User>,
}

/// The entry of the provider's calendar that mirrors a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProviderEntry {
    /// Its stable key: the appointment's id, or for a seat in a class its occurrence's
    /// [`Occurrence::entry_key`].
    pub key: AppointmentId,
    /// The appointment revision it shows, so an older state never overwrites a newer one;
    /// `None` for a class, whose roster is read when it is written.
    pub revision: Option<u32>,
    /// Whether it should be gone: the appointment cancelled, or nobody left in the class.
    pub gone: bool,
    /// Whether it shows a request the provider has not confirmed yet (never for a class).
    pub tentative: bool,
}

impl AppointmentDetails {
    /// The provider's calendar entry for this change.
    pub fn provider_entry(&self) -> ProviderEntry {
        let appointment = &self.event.appointment;
        match &self.roster {
            Some(roster) => ProviderEntry {
                key: AppointmentId::from_uuid(roster.occurrence.entry_key()),
                revision: None,
                gone: roster.attendees.is_empty(),
                tentative: false,
            },
            None => ProviderEntry {
                key: appointment.id,
                revision: Some(appointment.revision),
                gone: appointment.status == AppointmentStatus::Cancelled,
                tentative: appointment.status == AppointmentStatus::Requested,
            },
        }
    }
}
