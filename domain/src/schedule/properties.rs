//! Fuzz targets of the schedule parser and validation: the strings the hours forms and the API
//! pass to [`WallInterval::parse`], arbitrary (overlapping, unsorted, too many) intervals into
//! [`DayHours::new`], and any text as a zone name. None may panic, and whatever is accepted keeps
//! the invariants the slot engine relies on.
//!
//! Each property runs 1024 cases unless `PROPTEST_CASES` says otherwise (`scripts/test` keeps
//! the default; see docs/fuzzing.md for a long run).

use proptest::prelude::*;

use super::{DayHours, ScheduleError, WallInterval};
use crate::zone::Zone;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(1024);
    ProptestConfig::with_cases(cases)
}

/// Text a person or a program might type into a time field: times in and out of range, with
/// seconds, signs, white space and stray characters, and completely arbitrary strings.
fn time_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0u32..=99, 0u32..=99).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        1 => (any::<i64>(), any::<i64>()).prop_map(|(h, m)| format!("{h}:{m}")),
        1 => "[ \t]*[0-9]{1,3}[:.h]?[0-9]{0,3}(:[0-9]{2})?[ \t]*(am|pm|Z|\\+01:00)?",
        1 => "24:0[0-9]|23:5[0-9]|00:00",
        2 => any::<String>(),
        1 => "\\PC{0,40}",
    ]
}

/// Any interval on the minute scale, valid or not (ends before starts, past 24:00).
fn minutes() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (0u16..=1440, 0u16..=1440),
        1 => (any::<u16>(), any::<u16>()),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parsed_intervals_are_inside_one_day_and_print_back_to_themselves(
        start in time_text(),
        end in time_text(),
    ) {
        if let Ok(interval) = WallInterval::parse(&start, &end) {
            prop_assert!(interval.start_minutes() < interval.end_minutes());
            prop_assert!(interval.end_minutes() <= 24 * 60);
            let printed = interval.to_string();
            let (s, e) = printed.split_once('–').unwrap();
            prop_assert_eq!(WallInterval::parse(s, e).unwrap(), interval);
        }
    }

    #[test]
    fn from_minutes_accepts_exactly_the_non_empty_intervals_of_one_day((start, end) in minutes()) {
        let valid = start < end && end <= 24 * 60;
        prop_assert_eq!(WallInterval::from_minutes(start, end).is_ok(), valid);
    }

    #[test]
    fn day_hours_accept_exactly_the_disjoint_lists_and_sort_them(
        raw in prop::collection::vec(minutes(), 0..=16),
    ) {
        let intervals: Vec<WallInterval> = raw
            .into_iter()
            .filter_map(|(s, e)| WallInterval::from_minutes(s, e).ok())
            .collect();
        let overlapping = intervals.iter().enumerate().any(|(i, a)| {
            intervals.iter().skip(i + 1).any(|b| {
                a.start_minutes() < b.end_minutes() && b.start_minutes() < a.end_minutes()
            })
        });
        match DayHours::new(intervals.clone()) {
            Ok(hours) => {
                prop_assert!(!overlapping && intervals.len() <= DayHours::MAX_INTERVALS);
                let kept = hours.intervals();
                prop_assert_eq!(kept.len(), intervals.len());
                prop_assert!(kept.windows(2).all(|w| w[0].end_minutes() <= w[1].start_minutes()));
            }
            Err(ScheduleError::TooManyIntervals(_)) => {
                prop_assert!(intervals.len() > DayHours::MAX_INTERVALS);
            }
            Err(ScheduleError::Overlap { first, second }) => {
                prop_assert!(overlapping);
                prop_assert!(second.start_minutes() < first.end_minutes());
            }
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }

    #[test]
    fn any_text_as_a_zone_name_is_parsed_or_refused(name in prop_oneof![
        any::<String>(),
        "[A-Za-z_]{1,14}/[A-Za-z_+-]{1,14}",
        "\\PC{0,30}",
    ]) {
        if let Ok(zone) = Zone::parse(&name) {
            prop_assert_eq!(zone.name(), name.trim());
        }
    }
}
