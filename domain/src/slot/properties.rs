//! Property tests of the slot engine: random schedules, bookings, windows and zones, with windows
//! placed on DST change days more often than not.
//!
//! Each property runs proptest's default 256 cases; set `PROPTEST_CASES` for a longer hunt.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use proptest::prelude::*;

use crate::policy::{BookingPolicy, SlotStep};
use crate::schedule::{DayHours, Schedule, WallInterval, WeeklyHours};
use crate::service::{Buffers, ServiceDuration, Timing};
use crate::slot::{BusyTimes, Offer};
use crate::time_range::TimeRange;
use crate::zone::Zone;

/// Zones with one-hour and half-hour shifts, both hemispheres, a change at midnight (Santiago),
/// a half-hour offset without DST (Kolkata), a skipped day (Apia, 2011-12-30) and no shift at all.
pub(crate) const ZONES: [&str; 7] = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "America/Santiago",
    "Pacific/Apia",
    "UTC",
];

/// Dates whose UTC offset at midnight differs from the next day's, in 2011 (Apia's skipped day)
/// and 2026, per zone.
fn change_days(zone: Zone) -> &'static [NaiveDate] {
    static DAYS: OnceLock<Vec<(Zone, Vec<NaiveDate>)>> = OnceLock::new();
    let all = DAYS.get_or_init(|| {
        ZONES
            .iter()
            .map(|name| {
                let zone = Zone::parse(name).unwrap();
                let offset_at_midnight = |d: NaiveDate| {
                    zone.offset_at(zone.earliest_instant(d.and_time(NaiveTime::MIN)))
                };
                let days = [2011, 2026]
                    .into_iter()
                    .flat_map(|year| {
                        NaiveDate::from_ymd_opt(year, 1, 1)
                            .unwrap()
                            .iter_days()
                            .take_while(move |d| d.year() == year)
                    })
                    .filter(|d| offset_at_midnight(*d) != offset_at_midnight(d.succ_opt().unwrap()))
                    .collect();
                (zone, days)
            })
            .collect()
    });
    all.iter()
        .find(|(z, _)| *z == zone)
        .map_or(&[], |(_, days)| days.as_slice())
}

/// An offset on the five-minute grid that every offered start lies on, often nudged off it
/// by some seconds or a few nanoseconds (real clocks and stored appointments have them):
/// rounding bugs hide at those boundaries.
fn offset(minutes: std::ops::RangeInclusive<i64>) -> impl Strategy<Value = TimeDelta> {
    let jitter = prop_oneof![
        3 => Just(TimeDelta::zero()),
        1 => (-300i64..=300).prop_map(TimeDelta::seconds),
        1 => (-1000i64..=1000).prop_map(TimeDelta::nanoseconds),
    ];
    (minutes, jitter).prop_map(|(m, jitter)| TimeDelta::minutes(m / 5 * 5) + jitter)
}

/// One day's hours: up to four intervals, often early in the day where DST changes happen,
/// sometimes touching and sometimes ending at 24:00.
fn day_hours() -> impl Strategy<Value = DayHours> {
    prop::collection::vec((0u16..=36, 1u16..=48), 0..=4).prop_map(|parts| {
        let mut intervals = Vec::new();
        let mut cursor = 0u16;
        for (gap, length) in parts {
            let start = cursor + gap * 5;
            if start >= 24 * 60 {
                break;
            }
            let end = (start + length * 5).min(24 * 60);
            intervals.push(WallInterval::from_minutes(start, end).unwrap());
            cursor = end;
        }
        DayHours::new(intervals).unwrap()
    })
}

/// Everything one call of the engine depends on.
#[derive(Debug, Clone)]
struct Scenario {
    zone: Zone,
    schedule: Schedule,
    timing: Timing,
    policy: BookingPolicy,
    busy: Vec<TimeRange>,
    window: TimeRange,
    now: DateTime<Utc>,
}

impl Scenario {
    fn offer(&self) -> Offer<'_> {
        Offer {
            zone: self.zone,
            schedule: &self.schedule,
            policy: self.policy,
            timing: self.timing,
        }
    }

    fn busy_times(&self) -> BusyTimes {
        BusyTimes::new(self.busy.clone())
    }

    fn free_slots_in(&self, window: &TimeRange) -> Vec<DateTime<Utc>> {
        self.offer()
            .free_slots(&self.busy_times(), window, self.now)
    }

    fn free_slots(&self) -> Vec<DateTime<Utc>> {
        self.free_slots_in(&self.window)
    }
}

/// The zone and the local date around which the window is placed: a change day of the zone
/// three times out of four (when it has any), else any day of 2026.
fn zone_and_anchor() -> impl Strategy<Value = (Zone, NaiveDate)> {
    prop::sample::select(ZONES.as_slice()).prop_flat_map(|name| {
        let zone = Zone::parse(name).unwrap();
        let days = change_days(zone);
        let any_day = (0u64..365)
            .prop_map(|n| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(n));
        let anchor = if days.is_empty() {
            any_day.boxed()
        } else {
            prop_oneof![3 => prop::sample::select(days.to_vec()), 1 => any_day].boxed()
        };
        (Just(zone), anchor)
    })
}

prop_compose! {
    fn scenario()(
        (zone, anchor) in zone_and_anchor(),
        weekly in prop::array::uniform7(day_hours()),
        overrides in prop::collection::vec((-2i64..=2, day_hours()), 0..=3),
        duration in 1u16..=36,
        buffers in (0u16..=12, 0u16..=12),
        step in prop::option::of(1u16..=24),
        notice in 0u32..=1435,
        horizon in 1u16..=7,
        window_start in offset(-24 * 60..=24 * 60),
        window_length in offset(60..=48 * 60),
        now in offset(-4 * 24 * 60..=30 * 60),
        busy in prop::collection::vec(
            (offset(-48 * 60..=3 * 24 * 60), offset(5..=240).prop_filter("positive", |l| *l > TimeDelta::zero())),
            0..=12,
        ),
    ) -> Scenario {
        // Every instant is placed relative to the anchor's midnight, which is on the
        // five-minute grid in every zone.
        let midnight = zone.earliest_instant(anchor.and_time(NaiveTime::MIN));
        let window_start = midnight + window_start;
        let window = TimeRange::starting_at(window_start, window_length).unwrap();
        let schedule = Schedule {
            weekly: WeeklyHours::new(weekly),
            overrides: overrides
                .into_iter()
                .map(|(days, hours)| (anchor + TimeDelta::days(days), hours))
                .collect(),
            policy: BookingPolicy::default(),
        };
        let step = step.map(|s| SlotStep::from_minutes(s * 5).unwrap());
        Scenario {
            zone,
            schedule,
            timing: Timing {
                duration: ServiceDuration::from_minutes(duration * 5).unwrap(),
                buffers: Buffers::new(buffers.0 * 5, buffers.1 * 5).unwrap(),
            },
            policy: BookingPolicy::new(notice, horizon, step, 0, true).unwrap(),
            busy: busy
                .into_iter()
                .map(|(at, length)| {
                    TimeRange::starting_at(midnight + at, length)
                        .unwrap()
                })
                .collect(),
            window,
            now: midnight + now,
        }
    }
}

/// Whether `instant` is working time by the rule `zone` documents, checked interval by interval
/// without `working_ranges`: an interval on date `d` covers the instants from the first moment
/// its start reads on the wall clock to the last moment its end does. Outside folds this is
/// "the wall clock reads a time inside that date's hours".
fn covered_by_an_interval(s: &Scenario, instant: DateTime<Utc>) -> bool {
    let date = s.zone.date_of(instant);
    [date.pred_opt().unwrap(), date, date.succ_opt().unwrap()]
        .into_iter()
        .any(|d| {
            let midnight = d.and_time(NaiveTime::MIN);
            let minutes = |m: u16| TimeDelta::minutes(i64::from(m));
            s.schedule.hours_on(d).intervals().iter().any(|i| {
                s.zone
                    .earliest_instant(midnight + minutes(i.start_minutes()))
                    <= instant
                    && instant < s.zone.latest_instant(midnight + minutes(i.end_minutes()))
            })
        })
}

/// Instants on the five-minute UTC grid inside `window`: every offered start lies on it, since
/// hours, durations, steps and every zone's offsets are whole multiples of five minutes.
fn five_minute_grid(window: &TimeRange) -> impl Iterator<Item = DateTime<Utc>> {
    let first = window.start().timestamp().div_euclid(300) * 300;
    let (start, end) = (window.start(), window.end());
    (0..)
        .map(move |k| DateTime::from_timestamp(first + k * 300, 0).unwrap())
        .skip_while(move |t| *t < start)
        .take_while(move |t| *t < end)
}

proptest! {
    #[test]
    fn no_offered_slot_overlaps_a_booking_or_its_buffers(s in scenario()) {
        for start in s.free_slots() {
            let blocked = s.timing.blocked(start);
            prop_assert!(
                !s.busy.iter().any(|b| b.overlaps(&blocked)),
                "{start} blocks {blocked:?}"
            );
        }
    }

    #[test]
    fn every_session_lies_inside_one_working_range(s in scenario()) {
        let around = TimeRange::new(
            s.window.start() - TimeDelta::days(1),
            s.window.end() + TimeDelta::days(1),
        ).unwrap();
        let ranges = s.schedule.working_ranges(s.zone, &around);
        for start in s.free_slots() {
            let session = s.timing.session(start);
            prop_assert!(ranges.iter().any(|r| r.contains(&session)), "{session:?}");
            // Independently of working_ranges, minute by minute (all offsets are whole minutes).
            let mut t = session.start();
            while t < session.end() {
                prop_assert!(covered_by_an_interval(&s, t), "{t} in {session:?}");
                t += TimeDelta::minutes(1);
            }
        }
    }

    #[test]
    fn slots_are_strictly_ascending(s in scenario()) {
        let slots = s.free_slots();
        prop_assert!(slots.windows(2).all(|w| w[0] < w[1]), "{slots:?}");
    }

    #[test]
    fn slots_lie_inside_the_window_and_the_bookable_period(s in scenario()) {
        let earliest = s.now + s.policy.min_notice();
        let latest = s.now + s.policy.horizon();
        for start in s.free_slots() {
            prop_assert!(s.window.contains_instant(start), "{start} outside the window");
            prop_assert!(earliest <= start && start < latest, "{start} not bookable");
        }
    }

    #[test]
    fn splitting_the_window_concatenates_the_results(
        s in scenario(),
        split in offset(0..=48 * 60),
        fraction in 1i64..1000,
    ) {
        // A cut near the grid when it falls inside the window, else anywhere inside it.
        let on_grid = s.window.start() + split;
        let cut = if on_grid > s.window.start() && on_grid < s.window.end() {
            on_grid
        } else {
            let length = s.window.length().num_nanoseconds().unwrap();
            s.window.start() + TimeDelta::nanoseconds(length / 1000 * fraction)
        };
        let first = TimeRange::new(s.window.start(), cut).unwrap();
        let second = TimeRange::new(cut, s.window.end()).unwrap();
        let mut joined = s.free_slots_in(&first);
        joined.extend(s.free_slots_in(&second));
        prop_assert_eq!(joined, s.free_slots());
    }

    #[test]
    fn the_viewer_zone_only_changes_how_slots_are_grouped_into_days(
        s in scenario(),
        viewer in prop::sample::select(ZONES.as_slice()),
    ) {
        let viewer = Zone::parse(viewer).unwrap();
        let midnight = |d: NaiveDate| viewer.earliest_instant(d.and_time(NaiveTime::MIN));
        let first_day = viewer.date_of(s.window.start());
        let last_day = viewer.date_of(s.window.end());
        let mut by_viewer_day = Vec::new();
        for day in first_day.iter_days().take_while(|d| *d <= last_day) {
            let from = midnight(day).max(s.window.start());
            let to = midnight(day.succ_opt().unwrap()).min(s.window.end());
            let Ok(day_window) = TimeRange::new(from, to) else { continue };
            for start in s.free_slots_in(&day_window) {
                prop_assert_eq!(viewer.date_of(start), day);
                by_viewer_day.push(start);
            }
        }
        prop_assert_eq!(by_viewer_day, s.free_slots());
    }

    #[test]
    fn check_start_accepts_exactly_the_offered_slots(s in scenario()) {
        let offer = s.offer();
        let busy = s.busy_times();
        let slots = s.free_slots();
        for start in &slots {
            prop_assert!(
                offer.check_start(&busy, *start, s.now).is_ok(),
                "offered {start} refused: {:?}", offer.check_start(&busy, *start, s.now)
            );
        }
        for candidate in five_minute_grid(&s.window) {
            let accepted = offer.check_start(&busy, candidate, s.now).is_ok();
            prop_assert_eq!(
                accepted,
                slots.binary_search(&candidate).is_ok(),
                "{} accepted={}", candidate, accepted
            );
        }
    }
}

#[test]
fn every_zone_with_dst_has_change_days_to_test() {
    let days = |name| change_days(Zone::parse(name).unwrap()).len();
    assert!(days("America/New_York") >= 4);
    assert!(days("Australia/Lord_Howe") >= 4);
    assert!(days("America/Santiago") >= 4);
    // Apia changed twice in 2011 and skipped 2011-12-30.
    assert!(days("Pacific/Apia") >= 3);
    assert_eq!(days("Asia/Kolkata"), 0);
    assert_eq!(days("UTC"), 0);
}

/// Cases for the wide properties below: 512 unless `PROPTEST_CASES` says otherwise.
fn wide_config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(512);
    ProptestConfig::with_cases(cases)
}

/// Any interval list for a day, overlapping and out of range ones included: what reaches the
/// engine is whatever [`DayHours::new`] accepted of it.
fn any_day_hours() -> impl Strategy<Value = DayHours> {
    prop::collection::vec((0u16..=1440, 0u16..=1440), 0..=14).prop_map(|raw| {
        let intervals = raw
            .into_iter()
            .filter_map(|(s, e)| WallInterval::from_minutes(s, e).ok())
            .collect::<Vec<_>>();
        DayHours::new(intervals.clone()).unwrap_or_else(|_| {
            // Keep the first intervals that fit, so overlapping input still yields hours.
            let mut kept: Vec<WallInterval> = Vec::new();
            for i in intervals {
                let clear = kept.iter().all(|k| {
                    i.end_minutes() <= k.start_minutes() || k.end_minutes() <= i.start_minutes()
                });
                if clear && kept.len() < DayHours::MAX_INTERVALS {
                    kept.push(i);
                }
            }
            DayHours::new(kept).unwrap()
        })
    })
}

prop_compose! {
    /// A scenario anywhere in the years 1 to 9999, in any IANA zone, with any hours, overrides,
    /// policy and bookings, and a clock anywhere near the window.
    fn wide_scenario()(
        zone in prop::sample::select(crate::zone::installed().names().to_vec()),
        day in 0i64..3_652_058,
        weekly in prop::array::uniform7(any_day_hours()),
        overrides in prop::collection::vec((-3i64..=3, any_day_hours()), 0..=4),
        duration in 1u16..=96,
        buffers in (0u16..=24, 0u16..=24),
        step in prop::option::of(1u16..=96),
        notice in 0u32..=BookingPolicy::MAX_NOTICE_MINUTES,
        horizon in 1u16..=BookingPolicy::MAX_HORIZON_DAYS,
        window_start in any::<i32>(),
        window_length in 1i64..=62 * 24 * 3600,
        now in -40i64 * 24 * 3600..=40 * 24 * 3600,
        busy in prop::collection::vec((-3i64 * 24 * 3600..=63 * 24 * 3600, 1i64..=48 * 3600), 0..=20),
    ) -> Scenario {
        let zone = Zone::parse(&zone).unwrap();
        let anchor = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Days::new(day.unsigned_abs());
        let midnight = anchor.and_time(NaiveTime::MIN).and_utc();
        let window_start = midnight + TimeDelta::seconds(i64::from(window_start) % (24 * 3600));
        Scenario {
            zone,
            schedule: Schedule {
                weekly: WeeklyHours::new(weekly),
                overrides: overrides
                    .into_iter()
                    .map(|(days, hours)| (anchor + TimeDelta::days(days), hours))
                    .collect(),
                policy: BookingPolicy::default(),
            },
            timing: Timing {
                duration: ServiceDuration::from_minutes(duration * 5).unwrap(),
                buffers: Buffers::new(buffers.0 * 5, buffers.1 * 5).unwrap(),
            },
            policy: BookingPolicy::new(notice.min(u32::from(horizon) * 24 * 60 - 1), horizon, step.map(|s| SlotStep::from_minutes(s * 5).unwrap()), 0, true).unwrap(),
            busy: busy
                .into_iter()
                .map(|(at, length)| {
                    TimeRange::starting_at(window_start + TimeDelta::seconds(at), TimeDelta::seconds(length)).unwrap()
                })
                .collect(),
            window: TimeRange::starting_at(window_start, TimeDelta::seconds(window_length)).unwrap(),
            now: window_start + TimeDelta::seconds(now),
        }
    }
}

proptest! {
    #![proptest_config(wide_config())]

    #[test]
    fn any_schedule_in_any_zone_and_year_gives_free_sorted_slots_inside_the_window(
        s in wide_scenario(),
    ) {
        let slots = s.free_slots();
        prop_assert!(slots.windows(2).all(|w| w[0] < w[1]));
        let around = TimeRange::new(
            s.window.start() - TimeDelta::days(1),
            s.window.end() + TimeDelta::days(1),
        ).unwrap();
        let ranges = s.schedule.working_ranges(s.zone, &around);
        prop_assert!(ranges.windows(2).all(|w| w[0].end() <= w[1].start()), "{ranges:?}");
        for start in slots {
            prop_assert!(s.window.contains_instant(start));
            let blocked = s.timing.blocked(start);
            prop_assert!(!s.busy.iter().any(|b| b.overlaps(&blocked)), "{start}");
            let session = s.timing.session(start);
            prop_assert!(ranges.iter().any(|r| r.contains(&session)), "{session:?}");
            prop_assert!(s.offer().check_start(&s.busy_times(), start, s.now).is_ok());
        }
    }

    /// The first and last instants anything typed can name: RFC 3339 has four-digit years.
    /// (chrono's own extremes are out of reach: a zone ahead of UTC cannot show its wall clock
    /// at `DateTime::MAX_UTC`, and no input parses to it.)
    #[test]
    fn working_ranges_never_panic_at_the_ends_of_writable_time(
        zone in prop::sample::select(crate::zone::installed().names().to_vec()),
        weekly in prop::array::uniform7(any_day_hours()),
        from_end in 0i64..=4 * 24 * 3600,
        length in 1i64..=3 * 24 * 3600,
        at_end in any::<bool>(),
    ) {
        let zone = Zone::parse(&zone).unwrap();
        let schedule = Schedule { weekly: WeeklyHours::new(weekly), ..Schedule::default() };
        let window = if at_end {
            let end = "9999-12-31T23:59:59Z".parse::<DateTime<Utc>>().unwrap()
                - TimeDelta::seconds(from_end);
            TimeRange::new(end - TimeDelta::seconds(length), end)
        } else {
            let start = "0001-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap()
                + TimeDelta::seconds(from_end);
            TimeRange::new(start, start + TimeDelta::seconds(length))
        }.unwrap();
        let ranges = schedule.working_ranges(zone, &window);
        prop_assert!(ranges.windows(2).all(|w| w[0].end() <= w[1].start()));
    }
}
