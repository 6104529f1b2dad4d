//! Calendars: the Google adapter and the delivery worker against a local fake Google (also
//! across app restarts on SQLite and PostgreSQL, and through the admin pages), and the
//! iCalendar feed read back with a real parser.

mod admin_pages;
mod fake_google;
mod feed;
mod google_sync;
mod support;
