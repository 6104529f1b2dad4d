//! Calendars: the iCalendar feed, mirroring appointments into providers' calendars, and reading their own calendars (busy time, push, edits).

pub mod busy_calendars;
pub mod calendar_conflicts;
pub mod calendar_feed;
pub mod delete_orphaned_calendar;
pub mod external_busy;
pub mod follow_calendar_edits;
pub mod issue_feed_token;
pub mod list_calendars;
pub mod receive_calendar_push;
pub mod resync_calendar;
pub mod revoke_feed_token;
pub mod sync_busy_times;
pub mod sync_provider_calendar;
pub mod warn_closing_calendars;
pub mod watch_calendars;
