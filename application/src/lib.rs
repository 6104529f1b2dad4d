//! Use cases of Book Your Services and the ports they run through.
//!
//! Each use case is a struct holding `Arc<dyn Port>`s with one `run` method: it checks that the
//! acting user may do what they ask (authorization lives here, not in `web`), calls the pure
//! rules in `domain`, and persists through the ports. Adapters implement the ports; `web` wires
//! them together.

pub mod actor;
pub mod events;
pub mod ports;

pub mod accounts;
pub mod booking;
pub mod calendar;
pub mod catalog;
pub mod notifications;
pub mod waitlist;

pub mod admin;

mod appointment_details;
mod bookable;
mod provider_schedule;
#[cfg(test)]
mod test_support;

// Use cases keep their paths (`application::book_appointment`) whatever folder holds them.
pub use accounts::*;
pub use actor::Actor;
pub use booking::*;
pub use calendar::*;
pub use catalog::*;
pub use events::{AppointmentDetails, AppointmentEvent, ChangeKind, ClassRoster, ProviderEntry};
pub use notifications::*;
pub use waitlist::*;
