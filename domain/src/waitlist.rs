//! The waitlist: customers waiting for a place of a service within a window of days and times
//! of day, and the hold that keeps a freed place for the first of them for a while (the
//! provider's [`BookingPolicy::hold_period`](crate::BookingPolicy::hold_period)).
//!
//! A hold is an appointment in status [`AppointmentStatus::Held`](crate::AppointmentStatus):
//! it blocks the provider's time (or takes a seat) like a booking until the customer accepts it
//! (it becomes a booking) or it is released (declined or expired).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};

use crate::time_range::TimeRange;
use crate::zone::Zone;

/// When a waiting customer can come: sessions that start on one of the days from `first_day`
/// to `last_day` and lie within `from`–`until` of that day, as the wall clock of `zone` (the
/// customer's) reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitWindow {
    first_day: NaiveDate,
    last_day: NaiveDate,
    from: NaiveTime,
    until: NaiveTime,
    zone: Zone,
}

/// A window that cannot be waited for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WaitWindowError {
    /// The last day is before the first.
    #[error("the last day must not be before the first")]
    DaysBackwards,
    /// The window spans more days than [`WaitWindow::MAX_DAYS`].
    #[error("a waitlist window spans at most {} days", WaitWindow::MAX_DAYS)]
    TooLong,
    /// The times of day are empty or backwards.
    #[error("the latest time must be after the earliest")]
    TimesBackwards,
}

impl WaitWindow {
    /// The most days one window may span.
    pub const MAX_DAYS: i64 = 62;

    /// The window of `first_day`–`last_day`, `from`–`until` each day, in `zone`.
    ///
    /// # Errors
    /// See [`WaitWindowError`].
    pub fn new(
        first_day: NaiveDate,
        last_day: NaiveDate,
        from: NaiveTime,
        until: NaiveTime,
        zone: Zone,
    ) -> Result<Self, WaitWindowError> {
        if last_day < first_day {
            return Err(WaitWindowError::DaysBackwards);
        }
        if (last_day - first_day).num_days() >= Self::MAX_DAYS {
            return Err(WaitWindowError::TooLong);
        }
        if until <= from {
            return Err(WaitWindowError::TimesBackwards);
        }
        Ok(Self {
            first_day,
            last_day,
            from,
            until,
            zone,
        })
    }

    /// The first day.
    pub const fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last day.
    pub const fn last_day(&self) -> NaiveDate {
        self.last_day
    }

    /// The earliest time of day.
    pub const fn from(&self) -> NaiveTime {
        self.from
    }

    /// The latest time of day a session may end at.
    pub const fn until(&self) -> NaiveTime {
        self.until
    }

    /// The zone the days and times are read in.
    pub const fn zone(&self) -> Zone {
        self.zone
    }

    /// The instants from the first day's `from` to the last day's `until`: every session the
    /// window accepts lies within.
    pub fn span(&self) -> TimeRange {
        let start = self
            .zone
            .earliest_instant(self.first_day.and_time(self.from));
        let end = self.zone.latest_instant(self.last_day.and_time(self.until));
        TimeRange::new(start, end.max(start + TimeDelta::minutes(1)))
            .unwrap_or_else(|_| unreachable!("the end is after the start"))
    }

    /// Whether `session` starts on one of the days at or after `from` and ends by `until`
    /// of the same day.
    pub fn accepts(&self, session: &TimeRange) -> bool {
        let start = self.zone.wall_clock(session.start());
        let day = start.date();
        (self.first_day..=self.last_day).contains(&day)
            && start.time() >= self.from
            && self.zone.wall_clock(session.end()) <= day.and_time(self.until)
    }

    /// Whether nothing in the window can start after `now` any more.
    pub fn is_over(&self, now: DateTime<Utc>) -> bool {
        self.span().end() <= now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn time(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    fn session(start: &str, end: &str) -> TimeRange {
        TimeRange::new(start.parse().unwrap(), end.parse().unwrap()).unwrap()
    }

    fn mornings_in(zone: &str) -> WaitWindow {
        WaitWindow::new(
            day("2026-03-07"),
            day("2026-03-09"),
            time("09:00"),
            time("12:00"),
            Zone::parse(zone).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn a_session_inside_the_morning_of_a_day_in_range_is_accepted() {
        let window = mornings_in("UTC");
        assert!(window.accepts(&session("2026-03-08T09:00:00Z", "2026-03-08T10:00:00Z")));
        assert!(window.accepts(&session("2026-03-09T11:00:00Z", "2026-03-09T12:00:00Z")));
    }

    #[test]
    fn sessions_outside_the_days_or_the_times_are_not() {
        let window = mornings_in("UTC");
        assert!(!window.accepts(&session("2026-03-06T09:00:00Z", "2026-03-06T10:00:00Z")));
        assert!(!window.accepts(&session("2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z")));
        assert!(!window.accepts(&session("2026-03-08T08:30:00Z", "2026-03-08T09:30:00Z")));
        assert!(!window.accepts(&session("2026-03-08T11:30:00Z", "2026-03-08T12:30:00Z")));
    }

    #[test]
    fn the_times_are_read_on_the_customers_wall_clock_across_a_dst_change() {
        // New York springs forward on 2026-03-08: 09:00 local is 14:00Z before, 13:00Z after.
        let window = mornings_in("America/New_York");
        assert!(window.accepts(&session("2026-03-07T14:00:00Z", "2026-03-07T15:00:00Z")));
        assert!(window.accepts(&session("2026-03-08T13:00:00Z", "2026-03-08T14:00:00Z")));
        assert!(!window.accepts(&session("2026-03-08T12:00:00Z", "2026-03-08T13:00:00Z")));
    }

    #[test]
    fn the_span_runs_from_the_first_morning_to_the_last_noon() {
        let span = mornings_in("America/New_York").span();
        assert_eq!(
            span.start(),
            "2026-03-07T14:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(
            span.end(),
            "2026-03-09T16:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }

    #[test]
    fn backwards_or_overlong_windows_are_refused() {
        let zone = Zone::UTC;
        let (nine, noon) = (time("09:00"), time("12:00"));
        assert_eq!(
            WaitWindow::new(day("2026-03-09"), day("2026-03-08"), nine, noon, zone),
            Err(WaitWindowError::DaysBackwards)
        );
        assert_eq!(
            WaitWindow::new(day("2026-03-01"), day("2026-05-02"), nine, noon, zone),
            Err(WaitWindowError::TooLong)
        );
        assert_eq!(
            WaitWindow::new(day("2026-03-01"), day("2026-03-01"), noon, noon, zone),
            Err(WaitWindowError::TimesBackwards)
        );
    }
}
