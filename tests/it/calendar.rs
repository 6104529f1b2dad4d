//! Calendars: the Google adapter and the delivery worker against a local fake Google, and the
//! iCalendar feed read back with a real parser.

pub mod fake_google;
mod feed;
mod google_sync;
pub mod support;
