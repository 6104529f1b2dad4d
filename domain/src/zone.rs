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

mod database;

pub use database::{
    AlreadyInUse, BUNDLED_ORIGIN, ZoneDatabase, bundled_version, install, installed,
};

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike as _, Utc};
use jiff::Timestamp;
use jiff::tz::{AmbiguousOffset, TimeZone};

use crate::time_range::TimeRange;

/// An IANA time zone such as `Europe/Paris`, validated once at the edge. A `Copy` handle to the
/// rules of the installed tzdb release (see [`install`]).
#[derive(Clone, Copy)]
pub struct Zone(&'static Rules);

/// One zone's name and rules.
struct Rules {
    name: &'static str,
    tz: TimeZone,
}

static UTC_RULES: Rules = Rules {
    name: "UTC",
    tz: TimeZone::UTC,
};

/// A zone name that is not in the IANA database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}: use an IANA name such as Europe/Paris")]
pub struct UnknownZone(pub String);

impl Zone {
    /// UTC itself.
    pub const UTC: Self = Self(&UTC_RULES);

    /// Parses an IANA zone name (`America/New_York`, compared without regard to ASCII case);
    /// surrounding white space is ignored.
    ///
    /// # Errors
    /// [`UnknownZone`] when the name is not in the IANA database.
    pub fn parse(name: &str) -> Result<Self, UnknownZone> {
        installed()
            .get(name.trim())
            .ok_or_else(|| UnknownZone(name.to_owned()))
    }

    /// The IANA name, e.g. `Europe/Berlin`.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The wall-clock time this zone shows at `instant`.
    pub fn wall_clock(self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.naive_utc() + self.offset_at(instant)
    }

    /// The local date at `instant`.
    pub fn date_of(self, instant: DateTime<Utc>) -> NaiveDate {
        self.wall_clock(instant).date()
    }

    /// The zone's abbreviation in force at `instant` (`CET`, `EDT`, or an offset like `+1030`).
    pub fn abbreviation(self, instant: DateTime<Utc>) -> String {
        self.0
            .tz
            .to_offset_info(timestamp(instant))
            .abbreviation()
            .to_owned()
    }

    /// The UTC offset in force at `instant`.
    pub fn offset_at(self, instant: DateTime<Utc>) -> TimeDelta {
        seconds(self.0.tz.to_offset(timestamp(instant)))
    }

    /// The first instant at which the wall clock reads `local` (or, in a gap, the first instant
    /// after the gap).
    pub fn earliest_instant(self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.offsets(local) {
            AmbiguousOffset::Unambiguous { offset } => at(local, offset),
            AmbiguousOffset::Fold { before, after } => at(local, before).min(at(local, after)),
            AmbiguousOffset::Gap { before, after } => self.after_gap(local, before, after),
        }
    }

    /// The last instant at which the wall clock reads `local` (or, in a gap, the first instant
    /// after the gap).
    pub fn latest_instant(self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.offsets(local) {
            AmbiguousOffset::Unambiguous { offset } => at(local, offset),
            AmbiguousOffset::Fold { before, after } => at(local, before).max(at(local, after)),
            AmbiguousOffset::Gap { before, after } => self.after_gap(local, before, after),
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

    /// The offsets a wall-clock reading may have: one, or two around a gap or fold.
    fn offsets(self, local: NaiveDateTime) -> AmbiguousOffset {
        match civil(local) {
            Some(dt) => self.0.tz.to_ambiguous_timestamp(dt).offset(),
            // Beyond the years the rules cover (±9999): no zone has rules there.
            None => AmbiguousOffset::Unambiguous {
                offset: jiff::tz::Offset::UTC,
            },
        }
    }

    /// The moment the clock jumped over `local`: the first transition after the instant that
    /// `local` would be under the later offset (which lies before the jump).
    fn after_gap(
        self,
        local: NaiveDateTime,
        before: jiff::tz::Offset,
        after: jiff::tz::Offset,
    ) -> DateTime<Utc> {
        self.0
            .tz
            .following(timestamp(at(local, after)))
            .next()
            .and_then(|transition| instant(transition.timestamp()))
            .unwrap_or_else(|| at(local, before))
    }
}

/// The instant at which a clock `offset` from UTC reads `local`.
fn at(local: NaiveDateTime, offset: jiff::tz::Offset) -> DateTime<Utc> {
    (local - seconds(offset)).and_utc()
}

fn seconds(offset: jiff::tz::Offset) -> TimeDelta {
    TimeDelta::seconds(i64::from(offset.seconds()))
}

/// Offsets change on whole seconds, so the second an instant falls in decides its offset.
fn timestamp(instant: DateTime<Utc>) -> Timestamp {
    Timestamp::from_second(instant.timestamp()).unwrap_or(if instant.timestamp() < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

fn instant(t: Timestamp) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.as_second(), 0)
}

fn civil(local: NaiveDateTime) -> Option<jiff::civil::DateTime> {
    use chrono::Datelike as _;
    let narrow = |n: u32| i8::try_from(n).ok();
    jiff::civil::DateTime::new(
        i16::try_from(local.year()).ok()?,
        narrow(local.month())?,
        narrow(local.day())?,
        narrow(local.hour())?,
        narrow(local.minute())?,
        narrow(local.second())?,
        i32::try_from(local.nanosecond()).ok()?,
    )
    .ok()
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl std::hash::Hash for Zone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl std::fmt::Debug for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Zone").field(&self.name()).finish()
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

    fn offset_hours(zone: &str, instant: &str) -> i64 {
        Zone::parse(zone)
            .unwrap()
            .offset_at(utc(instant))
            .num_minutes()
            / 60
    }

    #[test]
    fn the_bundled_rules_are_tzdb_2026f_or_newer() {
        let version = bundled_version();
        let (year, letters) = version.split_at(4);
        assert!(
            (year, letters.len(), letters) >= ("2026", 1, "f"),
            "bundled tzdb {version} predates 2026f: British Columbia's permanent UTC-7 is missing"
        );
        assert_eq!(
            installed().version(),
            version,
            "no other rules were installed"
        );
    }

    #[test]
    fn vancouver_keeps_utc_minus_seven_from_november_2026_without_a_change_in_2027() {
        let vancouver = Zone::parse("America/Vancouver").unwrap();
        let noon = local((2026, 12, 1), 12, 0);
        assert_eq!(
            vancouver.earliest_instant(noon),
            utc("2026-12-01T19:00:00Z")
        );
        assert_eq!(
            offset_hours("America/Vancouver", "2026-12-01T19:00:00Z"),
            -7
        );
        for instant in [
            "2027-01-15T12:00:00Z",
            "2027-07-15T12:00:00Z",
            "2027-11-15T12:00:00Z",
        ] {
            assert_eq!(offset_hours("America/Vancouver", instant), -7, "{instant}");
        }
        // The second Sunday of March 2027 has no gap: 02:30 happens once.
        let would_be_gap = local((2027, 3, 14), 2, 30);
        assert_eq!(
            vancouver.earliest_instant(would_be_gap),
            vancouver.latest_instant(would_be_gap)
        );
        assert_eq!(offset_hours("Canada/Pacific", "2026-12-15T12:00:00Z"), -7);
    }

    #[test]
    fn canadas_prairie_zones_keep_daylight_time_through_winter_2026_27() {
        assert_eq!(offset_hours("America/Edmonton", "2026-12-15T12:00:00Z"), -6);
        assert_eq!(offset_hours("America/Winnipeg", "2026-12-15T12:00:00Z"), -5);
        assert_eq!(offset_hours("America/Winnipeg", "2027-02-15T12:00:00Z"), -5);
    }

    #[test]
    fn havana_casablanca_and_chisinau_follow_their_2026_rules() {
        assert_eq!(offset_hours("America/Havana", "2027-01-15T12:00:00Z"), -4);
        assert_eq!(offset_hours("Africa/Casablanca", "2026-12-15T12:00:00Z"), 0);
        assert_eq!(offset_hours("Africa/Casablanca", "2027-03-20T12:00:00Z"), 0);
        assert_eq!(offset_hours("Africa/El_Aaiun", "2027-03-20T12:00:00Z"), 0);
        // Moldova now changes at 01:00 UTC, with the EU, not at 00:00 UTC.
        assert_eq!(offset_hours("Europe/Chisinau", "2026-10-25T00:30:00Z"), 3);
        assert_eq!(offset_hours("Europe/Chisinau", "2026-10-25T01:30:00Z"), 2);
    }

    #[test]
    fn names_are_matched_without_regard_to_case_and_come_back_canonical() {
        assert_eq!(
            Zone::parse("america/new_york").unwrap().name(),
            "America/New_York"
        );
        assert_eq!(Zone::UTC, Zone::parse("UTC").unwrap());
        assert!(installed().names().iter().any(|n| n == "Europe/Paris"));
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
