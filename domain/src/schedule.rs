//! A provider's working hours: weekly rules plus date overrides, read in the provider's zone.
//!
//! Hours are wall-clock minutes since local midnight (`00:00`–`24:00`), so "09:00–17:00" means
//! nine to five on every day of the year, whatever the UTC offset. [`Schedule::working_ranges`]
//! turns them into UTC instants; DST gaps and folds are resolved as [`crate::zone`] documents.
//! Intervals do not cross midnight: a night shift is two intervals on two days.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};

use crate::policy::BookingPolicy;
use crate::time_range::TimeRange;
use crate::zone::Zone;

#[cfg(test)]
mod properties;

/// Minutes in a day: the latest wall-clock end, written `24:00`.
const DAY_MINUTES: u16 = 24 * 60;

/// Why hours were rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// Not a `HH:MM` time between 00:00 and 24:00.
    #[error("{0:?} is not a time of day: use HH:MM between 00:00 and 24:00")]
    Time(String),
    /// An interval whose end is not after its start.
    #[error("{start} must be before {end}")]
    EndNotAfterStart {
        /// The start as written.
        start: String,
        /// The end as written.
        end: String,
    },
    /// Two intervals of one day overlap.
    #[error("{first} overlaps {second}")]
    Overlap {
        /// The earlier interval.
        first: WallInterval,
        /// The interval that overlaps it.
        second: WallInterval,
    },
    /// More intervals in a day than anyone works.
    #[error("a day can have at most {0} intervals")]
    TooManyIntervals(usize),
}

/// A wall-clock interval `[start, end)` within one day, in minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WallInterval {
    start: u16,
    end: u16,
}

impl WallInterval {
    /// An interval from `start` to `end` minutes after midnight (`end` up to 1440).
    ///
    /// # Errors
    /// [`ScheduleError::Time`] past 24:00, [`ScheduleError::EndNotAfterStart`] when empty.
    pub fn from_minutes(start: u16, end: u16) -> Result<Self, ScheduleError> {
        for m in [start, end] {
            if m > DAY_MINUTES {
                return Err(ScheduleError::Time(format_minutes(m)));
            }
        }
        if end <= start {
            return Err(ScheduleError::EndNotAfterStart {
                start: format_minutes(start),
                end: format_minutes(end),
            });
        }
        Ok(Self { start, end })
    }

    /// Parses `"09:00"`–`"12:30"`; the end may be `"24:00"`.
    ///
    /// # Errors
    /// [`ScheduleError`] for malformed times or an empty interval.
    pub fn parse(start: &str, end: &str) -> Result<Self, ScheduleError> {
        Self::from_minutes(parse_minutes(start)?, parse_minutes(end)?)
    }

    /// Start in minutes since midnight.
    pub const fn start_minutes(self) -> u16 {
        self.start
    }

    /// End in minutes since midnight.
    pub const fn end_minutes(self) -> u16 {
        self.end
    }

    /// The start as `HH:MM`, the form [`Self::parse`] reads.
    pub fn start_text(self) -> String {
        format_minutes(self.start)
    }

    /// The end as `HH:MM` (`24:00` for midnight), the form [`Self::parse`] reads.
    pub fn end_text(self) -> String {
        format_minutes(self.end)
    }
}

impl std::fmt::Display for WallInterval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}–{}",
            format_minutes(self.start),
            format_minutes(self.end)
        )
    }
}

fn parse_minutes(raw: &str) -> Result<u16, ScheduleError> {
    let text = raw.trim();
    if text == "24:00" {
        return Ok(DAY_MINUTES);
    }
    let time = NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|_| ScheduleError::Time(raw.to_owned()))?;
    let minutes = time.signed_duration_since(NaiveTime::MIN).num_minutes();
    u16::try_from(minutes).map_err(|_| ScheduleError::Time(raw.to_owned()))
}

fn format_minutes(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The working intervals of one day, sorted and non-overlapping. Empty means closed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct DayHours(Vec<WallInterval>);

impl DayHours {
    /// The most intervals one day may have.
    pub const MAX_INTERVALS: usize = 12;

    /// Hours made of `intervals` in any order. Touching intervals (12:00–13:00, 13:00–14:00)
    /// are allowed; overlapping ones are not.
    ///
    /// # Errors
    /// [`ScheduleError::Overlap`] or [`ScheduleError::TooManyIntervals`].
    pub fn new(mut intervals: Vec<WallInterval>) -> Result<Self, ScheduleError> {
        if intervals.len() > Self::MAX_INTERVALS {
            return Err(ScheduleError::TooManyIntervals(Self::MAX_INTERVALS));
        }
        intervals.sort_unstable();
        if let Some(pair) = intervals.windows(2).find(|w| w[1].start < w[0].end) {
            return Err(ScheduleError::Overlap {
                first: pair[0],
                second: pair[1],
            });
        }
        Ok(Self(intervals))
    }

    /// A closed day.
    pub const fn closed() -> Self {
        Self(Vec::new())
    }

    /// The intervals, earliest first.
    pub fn intervals(&self) -> &[WallInterval] {
        &self.0
    }

    /// Whether the day has no working time.
    pub fn is_closed(&self) -> bool {
        self.0.is_empty()
    }
}

/// Hours for each day of the week, Monday first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct WeeklyHours([DayHours; 7]);

impl WeeklyHours {
    /// Weekly hours from seven days, Monday first.
    pub const fn new(days: [DayHours; 7]) -> Self {
        Self(days)
    }

    /// The hours of `weekday`.
    pub fn on(&self, weekday: Weekday) -> &DayHours {
        &self.0[weekday.num_days_from_monday() as usize]
    }

    /// Replaces the hours of `weekday`.
    pub fn set(&mut self, weekday: Weekday, hours: DayHours) {
        self.0[weekday.num_days_from_monday() as usize] = hours;
    }
}

/// A provider's availability rules: weekly hours, date overrides and booking policy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schedule {
    /// The regular week.
    pub weekly: WeeklyHours,
    /// Dates whose hours replace the weekly ones (empty hours: closed that day).
    pub overrides: BTreeMap<NaiveDate, DayHours>,
    /// The provider's booking rules, unless a service sets its own.
    pub policy: BookingPolicy,
}

impl Schedule {
    /// The hours that apply on `date`: its override if any, else the weekly rule.
    pub fn hours_on(&self, date: NaiveDate) -> &DayHours {
        self.overrides
            .get(&date)
            .unwrap_or_else(|| self.weekly.on(date.weekday()))
    }

    /// The working time overlapping `window`, as sorted, disjoint UTC ranges.
    ///
    /// Ranges are whole intervals (not clipped to the window) so slot grids stay anchored at the
    /// interval start. Where a fold makes two intervals overlap in real time, the overlap goes
    /// to the earlier one.
    pub fn working_ranges(&self, zone: Zone, window: &TimeRange) -> Vec<TimeRange> {
        let mut ranges: Vec<TimeRange> = Vec::new();
        // Start a day early: the previous day's last interval decides where a fold-clipped
        // first interval begins, so the result does not depend on where the window starts.
        let window_first = zone.date_of(window.start());
        let first = window_first.pred_opt().unwrap_or(window_first);
        let last = zone.date_of(window.end());
        let mut previous_end = None;
        let mut day_start = zone.earliest_instant(first.and_time(NaiveTime::MIN));
        for date in first.iter_days().take_while(|d| *d <= last) {
            let Some(next) = date.succ_opt() else { break };
            let day_end = zone.earliest_instant(next.and_time(NaiveTime::MIN));
            // A skipped day (Samoa's 2011-12-30) has no instants: day_end == day_start.
            let plain_day = (day_end - day_start == TimeDelta::days(1)).then_some(day_start);
            for interval in self.hours_on(date).intervals() {
                let Some(range) = interval_instants(zone, date, plain_day, *interval) else {
                    continue;
                };
                let start = previous_end.map_or(range.start(), |end| range.start().max(end));
                let Ok(range) = TimeRange::new(start, range.end()) else {
                    continue;
                };
                previous_end = Some(range.end());
                if range.overlaps(window) {
                    ranges.push(range);
                }
            }
            day_start = day_end;
        }
        ranges
    }
}

/// The instants of `interval` on `date`, or `None` if it falls entirely in a DST gap.
/// `plain_day` is the first instant of `date` when the day lasts exactly 24 hours.
fn interval_instants(
    zone: Zone,
    date: NaiveDate,
    plain_day: Option<DateTime<Utc>>,
    interval: WallInterval,
) -> Option<TimeRange> {
    let minutes = |m: u16| TimeDelta::minutes(i64::from(m));
    // Fast path: a 24-hour day has no offset change, so wall-clock minutes are plain offsets.
    if let Some(midnight) = plain_day {
        return TimeRange::new(
            midnight + minutes(interval.start),
            midnight + minutes(interval.end),
        )
        .ok();
    }
    let midnight = date.and_time(NaiveTime::MIN);
    let start = zone.earliest_instant(midnight + minutes(interval.start));
    let end = zone.latest_instant(midnight + minutes(interval.end));
    TimeRange::new(start, end).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(intervals: &[(&str, &str)]) -> DayHours {
        DayHours::new(
            intervals
                .iter()
                .map(|(s, e)| WallInterval::parse(s, e).unwrap())
                .collect(),
        )
        .unwrap()
    }

    fn every_day(day: &DayHours) -> Schedule {
        Schedule {
            weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
            ..Schedule::default()
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn window(from: &str, to: &str) -> TimeRange {
        TimeRange::new(utc(from), utc(to)).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn times_parse_from_hh_mm_and_24_00_ends_a_day() {
        let i = WallInterval::parse("09:30", "24:00").unwrap();
        assert_eq!((i.start_minutes(), i.end_minutes()), (570, 1440));
        assert_eq!(i.to_string(), "09:30–24:00");
    }

    #[test]
    fn malformed_times_are_rejected() {
        for bad in ["9", "25:00", "12:60", "24:01", "noon", ""] {
            assert!(
                matches!(
                    WallInterval::parse(bad, "24:00"),
                    Err(ScheduleError::Time(_))
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_interval_must_end_after_it_starts() {
        assert_eq!(
            WallInterval::parse("17:00", "09:00"),
            Err(ScheduleError::EndNotAfterStart {
                start: "17:00".into(),
                end: "09:00".into()
            })
        );
        assert!(WallInterval::parse("09:00", "09:00").is_err());
    }

    #[test]
    fn overlapping_intervals_are_rejected_touching_ones_are_not() {
        let a = WallInterval::parse("09:00", "12:00").unwrap();
        let b = WallInterval::parse("11:00", "13:00").unwrap();
        let c = WallInterval::parse("12:00", "13:00").unwrap();
        assert_eq!(
            DayHours::new(vec![b, a]),
            Err(ScheduleError::Overlap {
                first: a,
                second: b
            })
        );
        assert_eq!(DayHours::new(vec![c, a]).unwrap().intervals(), &[a, c]);
    }

    #[test]
    fn a_day_has_a_bounded_number_of_intervals() {
        let many = (0..13u16)
            .map(|h| WallInterval::from_minutes(h * 60, h * 60 + 30).unwrap())
            .collect();
        assert_eq!(
            DayHours::new(many),
            Err(ScheduleError::TooManyIntervals(12))
        );
    }

    #[test]
    fn an_override_replaces_the_weekly_hours_of_its_date() {
        let mut schedule = every_day(&hours(&[("09:00", "17:00")]));
        schedule
            .overrides
            .insert(date(2026, 12, 25), DayHours::closed());
        schedule
            .overrides
            .insert(date(2026, 12, 24), hours(&[("09:00", "12:00")]));
        assert!(schedule.hours_on(date(2026, 12, 25)).is_closed());
        assert_eq!(
            schedule.hours_on(date(2026, 12, 24)),
            &hours(&[("09:00", "12:00")])
        );
        assert_eq!(
            schedule.hours_on(date(2026, 12, 23)),
            &hours(&[("09:00", "17:00")])
        );
    }

    #[test]
    fn weekly_hours_apply_to_their_weekday_only() {
        let mut schedule = Schedule::default();
        schedule
            .weekly
            .set(Weekday::Mon, hours(&[("09:00", "10:00")]));
        let paris = Zone::parse("Europe/Paris").unwrap();
        // 2026-06-01 is a Monday; the week has exactly one range.
        let ranges = schedule.working_ranges(
            paris,
            &window("2026-05-31T00:00:00Z", "2026-06-07T00:00:00Z"),
        );
        assert_eq!(
            ranges,
            vec![window("2026-06-01T07:00:00Z", "2026-06-01T08:00:00Z")]
        );
    }

    #[test]
    fn hours_are_wall_clock_times_in_the_provider_zone_across_dst() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let schedule = every_day(&hours(&[("09:00", "17:00")]));
        let ranges = schedule.working_ranges(
            berlin,
            &window("2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z"),
        );
        assert_eq!(
            ranges,
            vec![
                window("2026-03-28T08:00:00Z", "2026-03-28T16:00:00Z"), // CET, +1
                window("2026-03-29T07:00:00Z", "2026-03-29T15:00:00Z"), // change day: CEST, +2
                window("2026-03-30T07:00:00Z", "2026-03-30T15:00:00Z"),
            ]
        );
    }

    #[test]
    fn an_interval_over_the_spring_gap_loses_the_missing_hour() {
        let ny = Zone::parse("America/New_York").unwrap();
        let schedule = every_day(&hours(&[("01:00", "04:00")]));
        let ranges =
            schedule.working_ranges(ny, &window("2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"));
        // 01:00 EST = 06:00Z; 04:00 EDT = 08:00Z: two real hours.
        assert_eq!(
            ranges,
            vec![window("2026-03-08T06:00:00Z", "2026-03-08T08:00:00Z")]
        );
    }

    #[test]
    fn an_interval_entirely_inside_the_gap_is_no_working_time() {
        let ny = Zone::parse("America/New_York").unwrap();
        let schedule = every_day(&hours(&[("02:00", "02:30")]));
        let ranges =
            schedule.working_ranges(ny, &window("2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"));
        assert!(ranges.is_empty());
    }

    #[test]
    fn an_interval_over_the_fall_fold_works_the_repeated_hour_twice() {
        let ny = Zone::parse("America/New_York").unwrap();
        let schedule = every_day(&hours(&[("00:00", "03:00")]));
        let ranges =
            schedule.working_ranges(ny, &window("2026-11-01T04:00:00Z", "2026-11-01T09:00:00Z"));
        // 00:00 EDT = 04:00Z; 03:00 EST = 08:00Z: four real hours.
        assert_eq!(
            ranges,
            vec![window("2026-11-01T04:00:00Z", "2026-11-01T08:00:00Z")]
        );
    }

    #[test]
    fn intervals_meeting_inside_a_fold_do_not_overlap_in_real_time() {
        let ny = Zone::parse("America/New_York").unwrap();
        let schedule = every_day(&hours(&[("00:00", "01:30"), ("01:30", "03:00")]));
        let ranges =
            schedule.working_ranges(ny, &window("2026-11-01T04:00:00Z", "2026-11-01T09:00:00Z"));
        assert_eq!(
            ranges,
            vec![
                window("2026-11-01T04:00:00Z", "2026-11-01T06:30:00Z"), // to the second 01:30
                window("2026-11-01T06:30:00Z", "2026-11-01T08:00:00Z"),
            ]
        );
    }

    #[test]
    fn only_ranges_overlapping_the_window_are_returned_whole() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        let schedule = every_day(&hours(&[("09:00", "12:00"), ("13:00", "17:00")]));
        let ranges = schedule.working_ranges(
            paris,
            &window("2026-06-01T10:30:00Z", "2026-06-01T11:30:00Z"),
        );
        assert_eq!(
            ranges,
            vec![window("2026-06-01T11:00:00Z", "2026-06-01T15:00:00Z")]
        );
    }
}
