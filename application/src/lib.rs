//! Use cases of Book Your Services and the ports they run through.
//!
//! Each use case is a struct holding `Arc<dyn Port>`s with one `run` method: it checks that the
//! acting user may do what they ask (authorization lives here, not in `web`), calls the pure
//! rules in `domain`, and persists through the ports. Adapters implement the ports; `web` wires
//! them together.

pub mod actor;
pub mod events;
pub mod ports;

pub mod account_mail;
pub mod book_appointment;
pub mod deliver_pending;
pub mod request_password_reset;
pub mod reset_password;
pub mod send_reminders;
pub mod send_welcome;

mod bookable;
#[cfg(test)]
mod test_support;

pub use actor::Actor;
pub use events::{AppointmentDetails, AppointmentEvent, ChangeKind};
