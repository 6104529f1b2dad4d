//! Appointment events: what changed, recorded with the change itself so that notifications and
//! calendar updates are delivered even if the process stops right after the change.

use chrono::{DateTime, Utc};
use domain::{Appointment, Note, Party, Service, TimeRange, User};

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
}
