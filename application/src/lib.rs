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
pub mod admin;
pub mod answer_move_proposal;
pub mod appointment_calendar;
pub mod appointment_parties;
pub mod appointment_views;
pub mod authenticate;
pub mod authenticate_api_token;
pub mod book_appointment;
pub mod book_series;
pub mod booking_checks;
pub mod busy_calendars;
pub mod calendar_conflicts;
pub mod calendar_feed;
pub mod cancel_appointment;
pub mod change_email;
pub mod change_password;
pub mod create_api_token;
pub mod create_category;
pub mod create_service;
pub mod create_staff_account;
pub mod current_user;
pub mod delete_orphaned_calendar;
pub mod deliver_pending;
pub mod deliver_webhooks;
pub mod erase_account;
pub mod export_personal_data;
pub mod external_busy;
pub mod follow_calendar_edits;
pub mod get_appointment;
pub mod get_profile;
pub mod get_schedule;
pub mod get_service;
pub mod issue_feed_token;
pub mod limit_attempts;
pub mod list_api_tokens;
pub mod list_appointments;
pub mod list_calendars;
pub mod list_categories;
pub mod list_free_slots;
pub mod list_provider_services;
pub mod list_reviews;
pub mod manage_webhooks;
pub mod preview_series;
pub mod prune_expired_data;
pub mod receive_calendar_push;
pub mod register_user;
pub mod reply_to_review;
pub mod report_review;
pub mod request_password_reset;
pub mod reschedule_appointment;
pub mod reset_password;
pub mod resync_calendar;
pub mod revoke_api_token;
pub mod revoke_feed_token;
pub mod search_services;
pub mod send_reminders;
pub mod send_verification;
pub mod send_welcome;
pub mod set_booking_policy;
pub mod set_date_override;
pub mod set_weekly_hours;
pub mod stop_review_requests;
pub mod sync_busy_times;
pub mod sync_provider_calendar;
pub mod update_appointment_status;
pub mod update_category;
pub mod update_profile;
pub mod update_service;
pub mod upload_image;
pub mod verify_email;
pub mod warn_closing_calendars;
pub mod watch_calendars;
pub mod webhook_payload;
pub mod write_review;

mod appointment_details;
mod bookable;
mod provider_schedule;
#[cfg(test)]
mod test_support;

pub use actor::Actor;
pub use events::{AppointmentDetails, AppointmentEvent, ChangeKind};
