//! IANA time zones and the deliberate mapping of wall-clock times to UTC instants.
//!
//! A provider's hours are wall-clock times in the provider's zone. A wall-clock time maps to
//! zero, one or two instants:
//! - **Gap** (spring forward, e.g. 02:30 in New York on the March change day does not exist):
//!   the time resolves to the first instant after the gap, the moment the clock jumps forward.
//!   So "open 02:30–05:00" opens when the clock reads 03:00 and no slot starts in the gap.
//! - **Fold** (fall back, e.g. 01:30 in New York in November happens twice): a start resolves to
//!   the earlier occurrence and an end to the later one, so an interval covers every instant
//!   whose wall-clock reading lies inside it; the repeated hour is worked (and offered) twice.

use chrono::{
    DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::time_range::TimeRange;

/// An IANA time zone such as `Europe/Paris`, validated once at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(Tz);

/// A zone name that is not in the IANA database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}: use an IANA name such as Europe/Paris")]
pub struct UnknownZone(pub String);

/// The longest forward jump searched when resolving a gap (Samoa skipped a whole day in 2011).
const LONGEST_GAP_MINUTES: i64 = 48 * 60;

impl Zone {
    /// UTC itself.
    pub const UTC: Self = Self(Tz::UTC);

    /// Parses an IANA zone name (`America/New_York`); surrounding white space is ignored.
    ///
    /// # Errors
    /// [`UnknownZone`] when the name is not in the IANA database.
    pub fn parse(name: &str) -> Result<Self, UnknownZone> {
        name.trim()
            .parse::<Tz>()
            .map(Self)
            .map_err(|_| UnknownZone(name.to_owned()))
    }

    /// The IANA name, e.g. `Europe/Berlin`.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The wall-clock time this zone shows at `instant`.
    pub fn wall_clock(self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.with_timezone(&self.0).naive_local()
    }

    /// The local date at `instant`.
    pub fn date_of(self, instant: DateTime<Utc>) -> NaiveDate {
        self.wall_clock(instant).date()
    }

    /// The zone's abbreviation in force at `instant` (`CET`, `EDT`, or an offset like `+1030`).
    pub fn abbreviation(self, instant: DateTime<Utc>) -> String {
        instant.with_timezone(&self.0).format("%Z").to_string()
    }

    /// The UTC offset in force at `instant`.
    pub fn offset_at(self, instant: DateTime<Utc>) -> TimeDelta {
        let offset = self.0.offset_from_utc_datetime(&instant.naive_utc()).fix();
        TimeDelta::seconds(i64::from(offset.local_minus_utc()))
    }

    /// The first instant at which the wall clock reads `local` (or, in a gap, the first instant
    /// after the gap).
    pub fn earliest_instant(self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
            LocalResult::None => self.after_gap(local),
        }
    }

    /// The last instant at which the wall clock reads `local` (or, in a gap, the first instant
    /// after the gap).
    pub fn latest_instant(self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => a.max(b).with_timezone(&Utc),
            LocalResult::None => self.after_gap(local),
        }
    }

    /// The instants of one local calendar day, from its first midnight to the next day's;
    /// `None` for a day the zone skipped entirely (Samoa's 2011-12-30).
    pub fn day(self, date: NaiveDate) -> Option<TimeRange> {
        let start = self.start_of_day(date);
        let end = date
            .succ_opt()
            .map_or(start + TimeDelta::days(1), |next| self.start_of_day(next));
        TimeRange::new(start, end).ok()
    }

    /// The first instant of `date` here (its midnight, or the end of a gap covering it).
    pub fn start_of_day(self, date: NaiveDate) -> DateTime<Utc> {
        self.earliest_instant(date.and_time(NaiveTime::MIN))
    }

    /// Gaps are whole minutes in every zone in use, so the first existing minute after `local`
    /// is where the clock lands after jumping forward.
    fn after_gap(self, local: NaiveDateTime) -> DateTime<Utc> {
        let mut candidate = local;
        for _ in 0..LONGEST_GAP_MINUTES {
            candidate += TimeDelta::minutes(1);
            if let Some(t) = self.0.from_local_datetime(&candidate).earliest() {
                return t.with_timezone(&Utc);
            }
        }
        // No zone has a gap this long; treat the time as UTC rather than fail.
        local.and_utc()
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(date: (i32, u32, u32), h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(date.0, date.1, date.2)
            .unwrap()
            .and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap())
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn iana_names_parse_and_unknown_names_are_rejected() {
        assert_eq!(
            Zone::parse(" Europe/Paris ").unwrap().name(),
            "Europe/Paris"
        );
        assert_eq!(
            Zone::parse("Mars/Olympus").unwrap_err(),
            UnknownZone("Mars/Olympus".into())
        );
        assert!(Zone::parse("").is_err());
    }

    #[test]
    fn a_time_in_the_new_york_spring_gap_resolves_to_the_jump() {
        let ny = Zone::parse("America/New_York").unwrap();
        // 2026-03-08 02:00 EST jumps to 03:00 EDT = 07:00 UTC.
        assert_eq!(
            ny.earliest_instant(local((2026, 3, 8), 2, 30)),
            utc("2026-03-08T07:00:00Z")
        );
        assert_eq!(
            ny.latest_instant(local((2026, 3, 8), 2, 0)),
            utc("2026-03-08T07:00:00Z")
        );
    }

    #[test]
    fn a_time_in_the_new_york_fall_fold_has_two_instants() {
        let ny = Zone::parse("America/New_York").unwrap();
        let t = local((2026, 11, 1), 1, 30);
        assert_eq!(ny.earliest_instant(t), utc("2026-11-01T05:30:00Z"));
        assert_eq!(ny.latest_instant(t), utc("2026-11-01T06:30:00Z"));
    }

    #[test]
    fn lord_howe_shifts_by_thirty_minutes() {
        let lh = Zone::parse("Australia/Lord_Howe").unwrap();
        // 2026-10-04 02:00 +1030 jumps to 02:30 +11.
        let gap = local((2026, 10, 4), 2, 15);
        assert_eq!(lh.earliest_instant(gap), utc("2026-10-03T15:30:00Z"));
        // 2026-04-05 02:00 +11 falls back to 01:30 +1030: 01:45 happens twice.
        let fold = local((2026, 4, 5), 1, 45);
        assert_eq!(lh.earliest_instant(fold), utc("2026-04-04T14:45:00Z"));
        assert_eq!(lh.latest_instant(fold), utc("2026-04-04T15:15:00Z"));
    }

    #[test]
    fn change_days_are_23_and_25_hours_long() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let spring = berlin
            .day(NaiveDate::from_ymd_opt(2026, 3, 29).unwrap())
            .unwrap();
        let autumn = berlin
            .day(NaiveDate::from_ymd_opt(2026, 10, 25).unwrap())
            .unwrap();
        assert_eq!(spring.length(), TimeDelta::hours(23));
        assert_eq!(autumn.length(), TimeDelta::hours(25));
    }

    #[test]
    fn a_skipped_day_has_no_instants() {
        // Samoa moved across the date line: 2011-12-29 was followed by 2011-12-31.
        let apia = Zone::parse("Pacific/Apia").unwrap();
        assert_eq!(
            apia.day(NaiveDate::from_ymd_opt(2011, 12, 30).unwrap()),
            None
        );
        assert_eq!(
            apia.day(NaiveDate::from_ymd_opt(2011, 12, 29).unwrap())
                .map(|d| d.length()),
            Some(TimeDelta::hours(24))
        );
    }

    #[test]
    fn abbreviation_names_the_offset_in_force() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        assert_eq!(berlin.abbreviation(utc("2026-01-15T12:00:00Z")), "CET");
        assert_eq!(berlin.abbreviation(utc("2026-07-15T12:00:00Z")), "CEST");
        assert_eq!(
            berlin.offset_at(utc("2026-07-15T12:00:00Z")),
            TimeDelta::hours(2)
        );
    }

    #[test]
    fn wall_clock_and_date_follow_the_zone() {
        let tokyo = Zone::parse("Asia/Tokyo").unwrap();
        let t = utc("2026-05-01T20:00:00Z");
        assert_eq!(tokyo.wall_clock(t), local((2026, 5, 2), 5, 0));
        assert_eq!(
            tokyo.date_of(t),
            NaiveDate::from_ymd_opt(2026, 5, 2).unwrap()
        );
    }
}
