//! Recurring series: the same local time every N weeks, a bounded number of times.
//!
//! Occurrences keep the provider's wall-clock time across DST changes (09:00 stays 09:00), so
//! their UTC instants shift by the change. A local time that does not exist or happens twice on
//! an occurrence's date resolves as every slot start does ([`Zone::earliest_instant`]): in a
//! spring gap, to the moment the clock jumps forward; in a fall-back fold, to the earlier of the
//! two instants.

#[cfg(test)]
mod properties;

use chrono::{DateTime, TimeDelta, Utc};

use crate::zone::Zone;

/// How a series repeats: every `every_weeks` weeks (1 to 4), `count` times in all (2 to 12,
/// the first included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Repeat {
    every_weeks: u8,
    count: u8,
}

/// A series rule out of bounds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeriesError {
    /// The interval is not 1 to 4 weeks.
    #[error("a series repeats every 1 to 4 weeks")]
    Interval,
    /// The number of occurrences is not 2 to 12.
    #[error("a series has 2 to 12 occurrences")]
    Count,
}

impl Repeat {
    /// The most occurrences a series may have.
    pub const MAX_COUNT: u8 = 12;
    /// The longest interval, in weeks.
    pub const MAX_EVERY_WEEKS: u8 = 4;

    /// A rule repeating every `every_weeks` weeks, `count` times.
    ///
    /// # Errors
    /// [`SeriesError::Interval`] or [`SeriesError::Count`] when out of bounds.
    pub fn new(every_weeks: u8, count: u8) -> Result<Self, SeriesError> {
        if !(1..=Self::MAX_EVERY_WEEKS).contains(&every_weeks) {
            return Err(SeriesError::Interval);
        }
        if !(2..=Self::MAX_COUNT).contains(&count) {
            return Err(SeriesError::Count);
        }
        Ok(Self { every_weeks, count })
    }

    /// Weeks between two occurrences.
    pub const fn every_weeks(self) -> u8 {
        self.every_weeks
    }

    /// Occurrences in all.
    pub const fn count(self) -> u8 {
        self.count
    }

    /// The start instants of the series whose first occurrence starts at `first`, at the wall
    /// clock `first` shows in `zone`, in order.
    pub fn starts(self, zone: Zone, first: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let local = zone.wall_clock(first);
        (0..i64::from(self.count))
            .map(|k| {
                let days = 7 * i64::from(self.every_weeks) * k;
                zone.earliest_instant(local + TimeDelta::days(days))
            })
            .collect()
    }
}

/// A move of a series' occurrences by the same wall-clock shift in the provider's zone: an
/// occurrence moved from 09:00 to 10:30 local moves every later one to 10:30 local too, across
/// DST changes (resolved as [`Repeat::starts`] resolves them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WallShift {
    zone: Zone,
    by: TimeDelta,
}

impl WallShift {
    /// The shift that moves `from` to `to`, as the wall clock in `zone` shows them.
    pub fn between(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        Self {
            zone,
            by: zone.wall_clock(to) - zone.wall_clock(from),
        }
    }

    /// Where `start` moves to: its wall-clock time shifted, back in UTC.
    pub fn apply(self, start: DateTime<Utc>) -> DateTime<Utc> {
        self.zone
            .earliest_instant(self.zone.wall_clock(start) + self.by)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_rule_is_bounded() {
        assert_eq!(Repeat::new(0, 4), Err(SeriesError::Interval));
        assert_eq!(Repeat::new(5, 4), Err(SeriesError::Interval));
        assert_eq!(Repeat::new(1, 1), Err(SeriesError::Count));
        assert_eq!(Repeat::new(1, 13), Err(SeriesError::Count));
        assert!(Repeat::new(4, 12).is_ok());
    }

    #[test]
    fn nine_oclock_in_berlin_stays_nine_oclock_across_the_spring_change() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        // 2026-03-23 09:00 CET; clocks go forward on 2026-03-29.
        let starts = Repeat::new(1, 3)
            .unwrap()
            .starts(berlin, utc("2026-03-23T08:00:00Z"));
        assert_eq!(
            starts,
            vec![
                utc("2026-03-23T08:00:00Z"),
                utc("2026-03-30T07:00:00Z"),
                utc("2026-04-06T07:00:00Z"),
            ]
        );
    }

    #[test]
    fn every_two_weeks_skips_a_week() {
        let starts = Repeat::new(2, 2)
            .unwrap()
            .starts(Zone::UTC, utc("2026-06-01T09:00:00Z"));
        assert_eq!(starts[1], utc("2026-06-15T09:00:00Z"));
    }

    #[test]
    fn a_local_time_in_a_gap_starts_when_the_clock_jumps() {
        let ny = Zone::parse("America/New_York").unwrap();
        // Sunday 2026-03-01 02:30 EST; 2026-03-08 02:30 does not exist (02:00 → 03:00 EDT).
        let starts = Repeat::new(1, 3)
            .unwrap()
            .starts(ny, utc("2026-03-01T07:30:00Z"));
        assert_eq!(starts[1], utc("2026-03-08T07:00:00Z"));
        assert_eq!(starts[2], utc("2026-03-15T06:30:00Z"));
    }

    #[test]
    fn a_local_time_in_a_fold_takes_the_earlier_instant() {
        let ny = Zone::parse("America/New_York").unwrap();
        // Sunday 2026-10-25 01:30 EDT; on 2026-11-01 01:30 happens twice (EDT, then EST).
        let starts = Repeat::new(1, 2)
            .unwrap()
            .starts(ny, utc("2026-10-25T05:30:00Z"));
        assert_eq!(starts[1], utc("2026-11-01T05:30:00Z"));
    }

    #[test]
    fn a_wall_shift_keeps_the_new_local_time_across_the_autumn_change() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        // 09:00 CEST → 10:30 CEST on 2026-10-19; clocks go back on 2026-10-25.
        let shift = WallShift::between(
            berlin,
            utc("2026-10-19T07:00:00Z"),
            utc("2026-10-19T08:30:00Z"),
        );
        // 2026-10-26 09:00 CET → 10:30 CET.
        assert_eq!(
            shift.apply(utc("2026-10-26T08:00:00Z")),
            utc("2026-10-26T09:30:00Z")
        );
    }
}
