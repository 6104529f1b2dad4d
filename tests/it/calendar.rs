//! Calendars: the Google and Outlook (Microsoft Graph) adapters and the delivery worker against
//! local fakes of Google and Graph (also across app restarts on SQLite and PostgreSQL, and
//! through the pages of the whole app), the CalDAV busy-time source against a real Radicale
//! server, and the iCalendar feed read back with a real parser. The push and busy-time ports'
//! contracts are written once and run against every backend (`sync_contract`, `busy_contract`).

mod app_with_google;
mod busy_contract;
mod busy_sync;
mod busy_warnings;
mod caldav_busy;
pub mod fake_google;
pub mod fake_graph;
mod feed;
mod google_edits;
mod google_sync;
mod graph_busy;
mod graph_credentials;
mod graph_sync;
mod push;
pub mod radicale;
pub mod support;
mod sync_contract;
