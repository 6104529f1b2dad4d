//! Property tests of series: occurrences keep their local time across DST in the slot
//! engine's seven test zones.

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use proptest::prelude::*;

use super::Repeat;
use crate::slot::properties::ZONES;
use crate::zone::Zone;

/// Whether `local` is skipped in `zone`: `instant` (its resolution) reads later, and the second
/// before it read earlier, so the clock jumped over `local` at `instant`.
fn skipped_at(zone: Zone, local: NaiveDateTime, instant: DateTime<Utc>) -> bool {
    zone.wall_clock(instant) > local && zone.wall_clock(instant - TimeDelta::seconds(1)) < local
}

proptest! {
    #[test]
    fn occurrences_keep_their_local_time_across_dst(
        zone in prop::sample::select(ZONES.as_slice()),
        // 2010-01-01 to 2027-12-31: Apia's skipped day and every zone's changes in range.
        day in 0_i64..6_570,
        minute_of_day in 0_u32..(24 * 60 / 5),
        every_weeks in 1_u8..=4,
        count in 2_u8..=12,
    ) {
        let zone = Zone::parse(zone).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + TimeDelta::days(day);
        let time = NaiveTime::from_num_seconds_from_midnight_opt(minute_of_day * 5 * 60, 0).unwrap();
        let local = date.and_time(time);
        let first = zone.earliest_instant(local);
        let wall = zone.wall_clock(first);
        let repeat = Repeat::new(every_weeks, count).unwrap();
        let starts = repeat.starts(zone, first);
        prop_assert_eq!(starts.len(), usize::from(count));
        prop_assert_eq!(starts[0], first);
        for (k, start) in starts.iter().enumerate() {
            let weeks = i64::from(every_weeks) * i64::try_from(k).unwrap();
            let wanted = wall + TimeDelta::weeks(weeks);
            let shown = zone.wall_clock(*start);
            prop_assert!(
                shown == wanted || skipped_at(zone, wanted, *start),
                "occurrence {} in {} shows {} instead of {}", k, zone, shown, wanted
            );
            if shown == wanted {
                // A time read twice (a fold) is the earlier reading.
                let hour_before = *start - TimeDelta::hours(1);
                prop_assert!(
                    zone.wall_clock(hour_before) != wanted
                        && zone.wall_clock(*start - TimeDelta::minutes(30)) != wanted,
                    "occurrence {} in {} is the later of two readings of {}", k, zone, wanted
                );
            }
        }
        prop_assert!(starts.windows(2).all(|w| w[0] < w[1]));
    }
}
