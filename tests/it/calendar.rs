//! Calendars: the Google adapter and the delivery worker against a local fake Google (also
//! across app restarts on SQLite and PostgreSQL, and through the pages of the whole app), and the
//! iCalendar feed read back with a real parser.

mod app_with_google;
mod busy_sync;
mod busy_warnings;
pub mod fake_google;
mod feed;
mod google_sync;
pub mod support;
