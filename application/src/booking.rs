//! Booking and what happens to an appointment afterwards: free slots, booking one or a series, reading, moving, cancelling, its status and calendar download.

pub mod answer_move_proposal;
pub mod appointment_calendar;
pub mod appointment_parties;
pub mod appointment_views;
pub mod book_appointment;
pub mod book_series;
pub mod booking_checks;
pub mod cancel_appointment;
pub mod get_appointment;
pub mod list_appointments;
pub mod list_free_slots;
pub mod move_following;
pub mod preview_series;
pub mod reschedule_appointment;
pub mod update_appointment_status;
