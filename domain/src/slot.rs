//! The slot engine: which start instants of a service are free in a window.
//!
//! A slot is offered when (1) the session `[start, start + duration)` lies inside one working
//! range of the provider's schedule, (2) `start` is on that range's grid (range start plus whole
//! steps; the step is the policy's, else the service duration), (3) the blocked range (session
//! plus buffers) overlaps no busy range, and (4) `start` respects the minimum notice and horizon.
//! Everything is computed on UTC instants, so the viewer's zone only changes how slots are shown.

use chrono::{DateTime, TimeDelta, Utc};

use crate::policy::BookingPolicy;
use crate::schedule::Schedule;
use crate::service::{Service, Timing};
use crate::time_range::TimeRange;
use crate::zone::Zone;

#[cfg(test)]
mod dst;
#[cfg(test)]
pub(crate) mod properties;

/// The provider's busy time: blocked ranges of active appointments, sorted and merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusyTimes(Vec<TimeRange>);

impl BusyTimes {
    /// Busy time from ranges in any order (already sorted input costs only a linear pass).
    pub fn new(mut ranges: Vec<TimeRange>) -> Self {
        // Merging needs only the starts in order; sorted input is detected in one pass.
        ranges.sort_unstable_by_key(TimeRange::start);
        // Merge in place: `dedup_by` hands over each range with the last one kept.
        ranges.dedup_by(|next, last| {
            if next.start() > last.end() {
                return false;
            }
            if next.end() > last.end() {
                *last = TimeRange::from_ordered(last.start(), next.end());
            }
            true
        });
        Self(ranges)
    }

    /// The merged ranges, earliest first.
    pub fn ranges(&self) -> &[TimeRange] {
        &self.0
    }

    /// Whether `range` overlaps any busy time.
    pub fn overlaps(&self, range: &TimeRange) -> bool {
        let first_not_before = self.0.partition_point(|busy| busy.end() <= range.start());
        self.0
            .get(first_not_before)
            .is_some_and(|busy| busy.start() < range.end())
    }

    /// A sweep over the busy time that ends after `from`.
    fn sweep_from(&self, from: DateTime<Utc>) -> Sweep<'_> {
        let skipped = self.0.partition_point(|busy| busy.end() <= from);
        let mut busy = self.0[skipped..].iter();
        Sweep {
            current: busy.next().map(outer_seconds),
            busy,
        }
    }
}

/// Checks ranges of whole Unix seconds against busy time in one pass, for ranges given in
/// ascending start order.
struct Sweep<'a> {
    busy: std::slice::Iter<'a, TimeRange>,
    current: Option<(i64, i64)>,
}

impl Sweep<'_> {
    fn is_free(&mut self, start: i64, end: i64) -> bool {
        while let Some((busy_start, busy_end)) = self.current {
            if busy_end > start {
                return busy_start >= end;
            }
            self.current = self.busy.next().map(outer_seconds);
        }
        true
    }
}

/// `range` in Unix seconds, rounded outwards: against whole-second bounds this gives exactly
/// the overlaps of the precise range.
fn outer_seconds(range: &TimeRange) -> (i64, i64) {
    let end = range.end();
    (
        range.start().timestamp(),
        end.timestamp() + i64::from(end.timestamp_subsec_nanos() > 0),
    )
}

/// Everything the engine needs to know about one bookable service of one provider.
#[derive(Debug, Clone, Copy)]
pub struct Offer<'a> {
    /// The provider's zone, in which the schedule's hours are read.
    pub zone: Zone,
    /// The provider's hours.
    pub schedule: &'a Schedule,
    /// The policy in force for this service.
    pub policy: BookingPolicy,
    /// Duration and buffers of the service.
    pub timing: Timing,
}

impl<'a> Offer<'a> {
    /// The offer of `service` by a provider in `zone` with `schedule`; the service's own policy
    /// wins over the provider's.
    pub fn of(service: &Service, zone: Zone, schedule: &'a Schedule) -> Self {
        Self {
            zone,
            schedule,
            policy: service.policy.unwrap_or(schedule.policy),
            timing: service.timing,
        }
    }

    /// The distance between two offered starts in one working range.
    pub fn step(&self) -> TimeDelta {
        self.policy.slot_step().map_or_else(
            || self.timing.duration.as_delta(),
            |step| TimeDelta::minutes(i64::from(step.minutes())),
        )
    }

    /// The instants at which a booking made at `now` may start: `[now + notice, now + horizon)`.
    pub fn bookable_period(&self, now: DateTime<Utc>) -> Option<TimeRange> {
        TimeRange::new(now + self.policy.min_notice(), now + self.policy.horizon()).ok()
    }

    /// The free start instants within `window`, ascending and unique.
    pub fn free_slots(
        &self,
        busy: &BusyTimes,
        window: &TimeRange,
        now: DateTime<Utc>,
    ) -> Vec<DateTime<Utc>> {
        let Some(period) = self
            .bookable_period(now)
            .and_then(|p| p.intersection(window))
        else {
            return Vec::new();
        };
        // chrono's calendar-aware `DateTime` arithmetic dominated the engine's cost, so
        // candidates are walked in Unix seconds. Working ranges start on whole seconds (whole
        // minutes in zones with whole-second offsets), and steps, durations and buffers are
        // whole minutes, so every candidate bound is a whole second.
        let step = self.step();
        let step_secs = step.num_seconds();
        let duration = self.timing.duration.as_delta().num_seconds();
        let before = i64::from(self.timing.buffers.before_minutes()) * 60;
        let after = i64::from(self.timing.buffers.after_minutes()) * 60;
        // Starts are whole seconds before the period's end, which may fall inside a second.
        let last_start = outer_seconds(&period).1 - 1;
        let mut sweep = busy.sweep_from(period.start() - TimeDelta::seconds(before));
        let mut slots = Vec::new();
        for range in self.schedule.working_ranges(self.zone, &period) {
            let first = first_grid_point(range.start(), period.start(), step);
            let first_secs = first.timestamp();
            let last = (range.end().timestamp() - duration).min(last_start);
            let mut start = first_secs;
            while start <= last {
                if sweep.is_free(start - before, start + duration + after) {
                    slots.push(first + TimeDelta::seconds(start - first_secs));
                }
                start += step_secs;
            }
        }
        slots
    }
}

/// The first instant `anchor + k * step` (k ≥ 0) at or after `not_before`.
pub(crate) fn first_grid_point(
    anchor: DateTime<Utc>,
    not_before: DateTime<Utc>,
    step: TimeDelta,
) -> DateTime<Utc> {
    if not_before <= anchor {
        return anchor;
    }
    let step_secs = step.num_seconds().max(1);
    let whole_steps = (not_before - anchor).num_seconds() / step_secs;
    let point = anchor + TimeDelta::seconds(whole_steps * step_secs);
    // `num_seconds` drops fractions of a second, so `point` may still lie just before.
    if point < not_before {
        point + TimeDelta::seconds(step_secs)
    } else {
        point
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::SlotStep;
    use crate::schedule::{DayHours, WallInterval, WeeklyHours};
    use crate::service::{Buffers, ServiceDuration};

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn range(from: &str, to: &str) -> TimeRange {
        TimeRange::new(utc(from), utc(to)).unwrap()
    }

    fn nine_to_five_every_day() -> Schedule {
        let day = DayHours::new(vec![WallInterval::parse("09:00", "17:00").unwrap()]).unwrap();
        Schedule {
            weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
            ..Schedule::default()
        }
    }

    fn offer(schedule: &Schedule, minutes: u16, before: u16, after: u16) -> Offer<'_> {
        Offer {
            zone: Zone::UTC,
            schedule,
            policy: BookingPolicy::new(0, 90, None, 0, true).unwrap(),
            timing: Timing {
                duration: ServiceDuration::from_minutes(minutes).unwrap(),
                buffers: Buffers::new(before, after).unwrap(),
            },
        }
    }

    const NOW: &str = "2026-06-01T00:00:00Z";

    #[test]
    fn slots_follow_each_other_by_the_duration_by_default() {
        let schedule = nine_to_five_every_day();
        let slots = offer(&schedule, 60, 0, 0).free_slots(
            &BusyTimes::default(),
            &range("2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
            utc(NOW),
        );
        assert_eq!(slots.len(), 8);
        assert_eq!(slots[0], utc("2026-06-02T09:00:00Z"));
        assert_eq!(slots[7], utc("2026-06-02T16:00:00Z"));
    }

    #[test]
    fn a_policy_step_sets_the_grid() {
        let schedule = nine_to_five_every_day();
        let mut o = offer(&schedule, 60, 0, 0);
        o.policy =
            BookingPolicy::new(0, 90, Some(SlotStep::from_minutes(15).unwrap()), 0, true).unwrap();
        let slots = o.free_slots(
            &BusyTimes::default(),
            &range("2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
            utc(NOW),
        );
        // 09:00 to 16:00 every 15 minutes.
        assert_eq!(slots.len(), 29);
        assert_eq!(slots[1], utc("2026-06-02T09:15:00Z"));
    }

    #[test]
    fn a_booking_and_its_buffers_remove_the_slots_they_touch() {
        let schedule = nine_to_five_every_day();
        let busy = BusyTimes::new(vec![range("2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z")]);
        let slots = offer(&schedule, 60, 0, 30).free_slots(
            &busy,
            &range("2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
            utc(NOW),
        );
        // 09:00 would block until 10:30 (buffer after), so it is taken too.
        assert!(!slots.contains(&utc("2026-06-02T09:00:00Z")));
        assert!(!slots.contains(&utc("2026-06-02T10:00:00Z")));
        assert!(slots.contains(&utc("2026-06-02T11:00:00Z")));
    }

    #[test]
    fn back_to_back_bookings_leave_the_neighbouring_slots_free() {
        let schedule = nine_to_five_every_day();
        let busy = BusyTimes::new(vec![range("2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z")]);
        let slots = offer(&schedule, 60, 0, 0).free_slots(
            &busy,
            &range("2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
            utc(NOW),
        );
        assert!(slots.contains(&utc("2026-06-02T09:00:00Z")));
        assert!(slots.contains(&utc("2026-06-02T11:00:00Z")));
    }

    #[test]
    fn notice_and_horizon_bound_the_offered_starts() {
        let schedule = nine_to_five_every_day();
        let mut o = offer(&schedule, 60, 0, 0);
        o.policy = BookingPolicy::new(120, 2, None, 0, true).unwrap();
        let slots = o.free_slots(
            &BusyTimes::default(),
            &range("2026-06-01T00:00:00Z", "2026-06-10T00:00:00Z"),
            utc("2026-06-01T09:30:00Z"),
        );
        // Two hours' notice: first start 11:30 rounds up to the 12:00 grid point.
        assert_eq!(slots.first(), Some(&utc("2026-06-01T12:00:00Z")));
        // Two days ahead ends 2026-06-03T09:30Z: the 09:00 start is the last.
        assert_eq!(slots.last(), Some(&utc("2026-06-03T09:00:00Z")));
    }

    #[test]
    fn a_window_outside_the_bookable_period_has_no_slots() {
        let schedule = nine_to_five_every_day();
        let slots = offer(&schedule, 60, 0, 0).free_slots(
            &BusyTimes::default(),
            &range("2026-05-01T00:00:00Z", "2026-05-02T00:00:00Z"),
            utc(NOW),
        );
        assert!(slots.is_empty());
    }

    #[test]
    fn a_session_that_does_not_fit_before_closing_is_not_offered() {
        let schedule = nine_to_five_every_day();
        let slots = offer(&schedule, 90, 0, 0).free_slots(
            &BusyTimes::default(),
            &range("2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
            utc(NOW),
        );
        // 09:00, 10:30, 12:00, 13:30, 15:00; 16:30 would end after 17:00.
        assert_eq!(slots.len(), 5);
        assert_eq!(slots.last(), Some(&utc("2026-06-02T15:00:00Z")));
    }

    #[test]
    fn busy_times_merge_overlapping_and_touching_ranges() {
        let busy = BusyTimes::new(vec![
            range("2026-06-02T12:00:00Z", "2026-06-02T13:00:00Z"),
            range("2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z"),
            range("2026-06-02T10:30:00Z", "2026-06-02T12:00:00Z"),
        ]);
        assert_eq!(
            busy.ranges(),
            &[range("2026-06-02T10:00:00Z", "2026-06-02T13:00:00Z")]
        );
        assert!(busy.overlaps(&range("2026-06-02T12:59:00Z", "2026-06-02T14:00:00Z")));
        assert!(!busy.overlaps(&range("2026-06-02T13:00:00Z", "2026-06-02T14:00:00Z")));
    }

    #[test]
    fn a_start_a_fraction_of_a_second_before_the_window_is_not_offered() {
        // Found by the window property: clocks have nanoseconds, and 09:00:00 was offered for a
        // window opening at 09:00:00.000000001.
        let schedule = nine_to_five_every_day();
        let slots = offer(&schedule, 60, 0, 0).free_slots(
            &BusyTimes::default(),
            &range("2026-06-02T09:00:00.000000001Z", "2026-06-02T12:00:00Z"),
            utc(NOW),
        );
        assert_eq!(
            slots,
            vec![utc("2026-06-02T10:00:00Z"), utc("2026-06-02T11:00:00Z")]
        );
    }

    #[test]
    fn a_booking_ending_a_fraction_of_a_second_into_a_slot_takes_it() {
        let schedule = nine_to_five_every_day();
        let busy = BusyTimes::new(vec![range(
            "2026-06-02T09:30:00Z",
            "2026-06-02T10:00:00.5Z",
        )]);
        let slots = offer(&schedule, 60, 0, 0).free_slots(
            &busy,
            &range("2026-06-02T09:00:00Z", "2026-06-02T12:00:00Z"),
            utc(NOW),
        );
        assert_eq!(slots, vec![utc("2026-06-02T11:00:00Z")]);
    }

    #[test]
    fn grid_points_round_up_to_the_next_step() {
        let anchor = utc("2026-06-02T09:00:00Z");
        let step = TimeDelta::minutes(30);
        assert_eq!(
            first_grid_point(anchor, utc("2026-06-02T08:00:00Z"), step),
            anchor
        );
        assert_eq!(first_grid_point(anchor, anchor, step), anchor);
        assert_eq!(
            first_grid_point(anchor, utc("2026-06-02T09:01:00Z"), step),
            utc("2026-06-02T09:30:00Z")
        );
        assert_eq!(
            first_grid_point(anchor, utc("2026-06-02T09:30:00.5Z"), step),
            utc("2026-06-02T10:00:00Z")
        );
    }
}
