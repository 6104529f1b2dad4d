//! Slot engine benchmark: one provider with 8 intervals a day and date overrides, 5,000 existing
//! appointments, free slots over a 60-day window (including building the busy index, as every
//! availability request does).

// Fixed, valid inputs: a failure here is a bug in the benchmark itself.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use domain::{
    BookingPolicy, Buffers, BusyTimes, DayHours, Offer, Schedule, ServiceDuration, SlotStep,
    TimeRange, Timing, WallInterval, WeeklyHours, Zone,
};

fn eight_interval_days() -> DayHours {
    let intervals = (0..8u16)
        .map(|i| {
            let start = 6 * 60 + i * 105;
            WallInterval::from_minutes(start, start + 90)
        })
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    DayHours::new(intervals).unwrap()
}

fn schedule() -> Schedule {
    let day = eight_interval_days();
    let mut schedule = Schedule {
        weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
        policy: BookingPolicy::new(0, 365, SlotStep::from_minutes(15).ok(), 0, true).unwrap(),
        ..Schedule::default()
    };
    let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    for (i, date) in first.iter_days().step_by(7).take(8).enumerate() {
        let hours = if i % 2 == 0 {
            DayHours::closed()
        } else {
            DayHours::new(vec![WallInterval::parse("10:00", "14:00").unwrap()]).unwrap()
        };
        schedule.overrides.insert(date, hours);
    }
    schedule
}

fn appointments(from: DateTime<Utc>) -> Vec<TimeRange> {
    (0..5_000i64)
        .map(|i| {
            TimeRange::starting_at(from + TimeDelta::minutes(i * 17), TimeDelta::minutes(15))
                .unwrap()
        })
        .collect()
}

fn slots(c: &mut Criterion) {
    let zone = Zone::parse("Europe/Berlin").unwrap();
    let schedule = schedule();
    let now: DateTime<Utc> = "2026-03-01T00:00:00Z".parse().unwrap();
    let window = TimeRange::starting_at(now, TimeDelta::days(60)).unwrap();
    let booked = appointments(now);
    let offer = Offer {
        zone,
        schedule: &schedule,
        policy: schedule.policy,
        timing: Timing {
            duration: ServiceDuration::from_minutes(15).unwrap(),
            buffers: Buffers::default(),
        },
    };
    c.bench_function(
        "slots: 60 days, 8 intervals a day, 5000 appointments",
        |b| {
            b.iter(|| {
                let busy = BusyTimes::new(black_box(booked.clone()));
                black_box(offer.free_slots(&busy, black_box(&window), now))
            });
        },
    );
}

criterion_group!(benches, slots);
criterion_main!(benches);
