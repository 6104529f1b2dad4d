//! Free slots on DST change days, asserted as concrete UTC instants.
//!
//! The rules under test (see `zone.rs`): hours are wall-clock times; a start inside a spring
//! gap resolves to the moment the clock jumps, so nothing starts in the gap; over a fall-back
//! fold an interval runs from the first time its start reads to the last time its end reads, so
//! the repeated wall-clock hour is worked, and offered, twice.

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};

use crate::policy::{BookingPolicy, SlotStep};
use crate::schedule::{DayHours, Schedule, WallInterval, WeeklyHours};
use crate::service::{Buffers, ServiceDuration, Timing};
use crate::slot::{BusyTimes, Offer};
use crate::zone::Zone;

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn utcs(all: &[&str]) -> Vec<DateTime<Utc>> {
    all.iter().map(|s| utc(s)).collect()
}

/// The free starts on local `date` in `zone` for a provider working `from`–`to` every day,
/// with a service of `minutes` on a grid of `step` minutes (default: the duration).
fn slots_on(
    zone: &str,
    date: (i32, u32, u32),
    (from, to): (&str, &str),
    minutes: u16,
    step: Option<u16>,
) -> Vec<DateTime<Utc>> {
    let zone = Zone::parse(zone).unwrap();
    let day = DayHours::new(vec![WallInterval::parse(from, to).unwrap()]).unwrap();
    let schedule = Schedule {
        weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
        ..Schedule::default()
    };
    let step = step.map(|m| SlotStep::from_minutes(m).unwrap());
    let offer = Offer {
        zone,
        schedule: &schedule,
        policy: BookingPolicy::new(0, 730, step, 0, true).unwrap(),
        timing: Timing {
            duration: ServiceDuration::from_minutes(minutes).unwrap(),
            buffers: Buffers::default(),
        },
    };
    let date = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
    offer.free_slots(
        &BusyTimes::default(),
        &zone.day(date).unwrap(),
        utc("2026-01-01T00:00:00Z"),
    )
}

/// The provider's wall-clock times of `slots`, as `HH:MM`.
fn wall_clocks(zone: &str, slots: &[DateTime<Utc>]) -> Vec<String> {
    let zone = Zone::parse(zone).unwrap();
    slots
        .iter()
        .map(|s| zone.wall_clock(*s).format("%H:%M").to_string())
        .collect()
}

fn wall_time(zone: &str, instant: DateTime<Utc>) -> NaiveTime {
    Zone::parse(zone).unwrap().wall_clock(instant).time()
}

const NEW_YORK: &str = "America/New_York";
const BERLIN: &str = "Europe/Berlin";
const LORD_HOWE: &str = "Australia/Lord_Howe";

#[test]
fn new_york_morning_hours_move_an_hour_earlier_in_utc_on_the_spring_change_day() {
    // Saturday 2026-03-07 is EST (UTC-5); Sunday 2026-03-08 jumps 02:00 -> 03:00 EDT (UTC-4).
    let hours = ("09:00", "12:00");
    assert_eq!(
        slots_on(NEW_YORK, (2026, 3, 7), hours, 60, None),
        utcs(&[
            "2026-03-07T14:00:00Z",
            "2026-03-07T15:00:00Z",
            "2026-03-07T16:00:00Z"
        ])
    );
    assert_eq!(
        slots_on(NEW_YORK, (2026, 3, 8), hours, 60, None),
        utcs(&[
            "2026-03-08T13:00:00Z",
            "2026-03-08T14:00:00Z",
            "2026-03-08T15:00:00Z"
        ])
    );
}

#[test]
fn new_york_spring_gap_offers_no_slot_that_starts_in_the_missing_hour() {
    // 01:00 EST = 06:00Z; 04:00 EDT = 08:00Z: two real hours of work. On the hourly grid the
    // second start is 07:00Z, which the clock shows as 03:00: 02:00 never happens.
    let slots = slots_on(NEW_YORK, (2026, 3, 8), ("01:00", "04:00"), 60, None);
    assert_eq!(
        slots,
        utcs(&["2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z"])
    );
    assert_eq!(wall_clocks(NEW_YORK, &slots), ["01:00", "03:00"]);

    // On a 30-minute grid the 01:30 EST session runs across the jump to 03:30 EDT: a real hour.
    let slots = slots_on(NEW_YORK, (2026, 3, 8), ("01:00", "04:00"), 60, Some(30));
    assert_eq!(
        slots,
        utcs(&[
            "2026-03-08T06:00:00Z",
            "2026-03-08T06:30:00Z",
            "2026-03-08T07:00:00Z"
        ])
    );
    assert!(slots.iter().all(|s| wall_time(NEW_YORK, *s).hour() != 2));
}

#[test]
fn new_york_fall_back_offers_the_repeated_hour_twice() {
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST. 00:00 EDT = 04:00Z to 03:00 EST = 08:00Z
    // is four real hours; 01:00 is offered at 05:00Z (EDT) and again at 06:00Z (EST).
    let slots = slots_on(NEW_YORK, (2026, 11, 1), ("00:00", "03:00"), 60, None);
    assert_eq!(
        slots,
        utcs(&[
            "2026-11-01T04:00:00Z",
            "2026-11-01T05:00:00Z",
            "2026-11-01T06:00:00Z",
            "2026-11-01T07:00:00Z"
        ])
    );
    assert_eq!(
        wall_clocks(NEW_YORK, &slots),
        ["00:00", "01:00", "01:00", "02:00"]
    );
    // Later that day the clock reads EST (UTC-5).
    assert_eq!(
        slots_on(NEW_YORK, (2026, 11, 1), ("09:00", "12:00"), 60, None),
        utcs(&[
            "2026-11-01T14:00:00Z",
            "2026-11-01T15:00:00Z",
            "2026-11-01T16:00:00Z"
        ])
    );
}

#[test]
fn berlin_spring_change_day_loses_the_hour_after_two() {
    // 2026-03-29: 02:00 CET (UTC+1) jumps to 03:00 CEST (UTC+2).
    assert_eq!(
        slots_on(BERLIN, (2026, 3, 29), ("09:00", "12:00"), 60, None),
        utcs(&[
            "2026-03-29T07:00:00Z",
            "2026-03-29T08:00:00Z",
            "2026-03-29T09:00:00Z"
        ])
    );
    // 01:00 CET = 00:00Z to 04:00 CEST = 02:00Z: 01:00 and 03:00 on the wall clock.
    let slots = slots_on(BERLIN, (2026, 3, 29), ("01:00", "04:00"), 60, None);
    assert_eq!(
        slots,
        utcs(&["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"])
    );
    assert_eq!(wall_clocks(BERLIN, &slots), ["01:00", "03:00"]);
}

#[test]
fn berlin_autumn_change_day_offers_two_o_clock_twice() {
    // 2026-10-25: 03:00 CEST (UTC+2) falls back to 02:00 CET (UTC+1). 01:00 CEST is 23:00Z
    // the evening before; 04:00 CET is 03:00Z: four real hours.
    let slots = slots_on(BERLIN, (2026, 10, 25), ("01:00", "04:00"), 60, None);
    assert_eq!(
        slots,
        utcs(&[
            "2026-10-24T23:00:00Z",
            "2026-10-25T00:00:00Z",
            "2026-10-25T01:00:00Z",
            "2026-10-25T02:00:00Z"
        ])
    );
    assert_eq!(
        wall_clocks(BERLIN, &slots),
        ["01:00", "02:00", "02:00", "03:00"]
    );
    assert_eq!(
        slots_on(BERLIN, (2026, 10, 25), ("09:00", "12:00"), 60, None),
        utcs(&[
            "2026-10-25T08:00:00Z",
            "2026-10-25T09:00:00Z",
            "2026-10-25T10:00:00Z"
        ])
    );
}

#[test]
fn lord_howe_fall_back_repeats_half_an_hour() {
    // 2026-04-05: 02:00 (UTC+11) falls back to 01:30 (UTC+10:30), so 01:30-02:00 happens
    // twice. 01:00 +11 = 14:00Z; 03:00 +10:30 = 16:30Z: two and a half real hours.
    let slots = slots_on(LORD_HOWE, (2026, 4, 5), ("01:00", "03:00"), 30, None);
    assert_eq!(
        slots,
        utcs(&[
            "2026-04-04T14:00:00Z",
            "2026-04-04T14:30:00Z",
            "2026-04-04T15:00:00Z",
            "2026-04-04T15:30:00Z",
            "2026-04-04T16:00:00Z"
        ])
    );
    assert_eq!(
        wall_clocks(LORD_HOWE, &slots),
        ["01:00", "01:30", "01:30", "02:00", "02:30"]
    );
    // The rest of the day is UTC+10:30.
    assert_eq!(
        slots_on(LORD_HOWE, (2026, 4, 5), ("09:00", "12:00"), 60, None),
        utcs(&[
            "2026-04-04T22:30:00Z",
            "2026-04-04T23:30:00Z",
            "2026-04-05T00:30:00Z"
        ])
    );
}

#[test]
fn lord_howe_spring_forward_skips_half_an_hour() {
    // 2026-10-04: 02:00 (UTC+10:30) jumps to 02:30 (UTC+11). 01:00 +10:30 = 14:30Z;
    // 04:00 +11 = 17:00Z: two and a half real hours, none of them reading 02:00-02:29.
    let slots = slots_on(LORD_HOWE, (2026, 10, 4), ("01:00", "04:00"), 30, None);
    assert_eq!(
        slots,
        utcs(&[
            "2026-10-03T14:30:00Z",
            "2026-10-03T15:00:00Z",
            "2026-10-03T15:30:00Z",
            "2026-10-03T16:00:00Z",
            "2026-10-03T16:30:00Z"
        ])
    );
    assert_eq!(
        wall_clocks(LORD_HOWE, &slots),
        ["01:00", "01:30", "02:30", "03:00", "03:30"]
    );
    // Hours that exist only in the gap offer nothing.
    assert!(slots_on(LORD_HOWE, (2026, 10, 4), ("02:00", "02:30"), 5, None).is_empty());
    assert_eq!(
        slots_on(LORD_HOWE, (2026, 10, 4), ("09:00", "12:00"), 60, None),
        utcs(&[
            "2026-10-03T22:00:00Z",
            "2026-10-03T23:00:00Z",
            "2026-10-04T00:00:00Z"
        ])
    );
}
