//! Whether one requested start can be booked, and why not: the slot engine's rules, checked for
//! a single instant with a specific reason for each refusal.

use chrono::{DateTime, Utc};

use crate::slot::{BusyTimes, Offer, first_grid_point};
use crate::time_range::TimeRange;

/// Why a start instant cannot be booked (or rescheduled to).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookingRejection {
    /// The start has passed.
    #[error("that time is in the past")]
    InPast,
    /// Within the provider's minimum notice.
    #[error("this provider needs at least {minutes} minutes' notice")]
    TooSoon {
        /// The notice in minutes.
        minutes: i64,
    },
    /// Beyond the provider's horizon.
    #[error("bookings open at most {days} days ahead")]
    TooFarAhead {
        /// The horizon in days.
        days: i64,
    },
    /// The session does not fit inside the provider's working hours.
    #[error("the provider does not work at that time")]
    OutsideHours,
    /// The start is inside working hours but not one of the offered start times.
    #[error("appointments start every {step_minutes} minutes from the opening time")]
    OffGrid {
        /// The grid step in minutes.
        step_minutes: i64,
    },
    /// The blocked time overlaps another active appointment of the provider.
    #[error("that time is already booked")]
    SlotTaken,
    /// Every seat of the class occurrence is booked.
    #[error("this class is full: all {places} places are booked")]
    ClassFull {
        /// The class's capacity.
        places: u16,
    },
    /// Seats in a class are booked one occurrence at a time: not as a series, and not moved.
    #[error(
        "a place in a class is booked for one class at a time: it cannot be part of a series or be moved (cancel it and book another class)"
    )]
    OneClassAtATime,
    /// A provider tried to book their own service.
    #[error("you cannot book your own service")]
    OwnService,
    /// The service or its provider is not taking bookings.
    #[error("this service is not available for booking")]
    Unavailable,
}

impl Offer<'_> {
    /// Checks that `start` is one of the slots [`Offer::free_slots`] would offer at `now`, and
    /// returns the session range.
    ///
    /// # Errors
    /// The first [`BookingRejection`] that applies, in the order the variants are listed.
    pub fn check_start(
        &self,
        busy: &BusyTimes,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<TimeRange, BookingRejection> {
        if start < now {
            return Err(BookingRejection::InPast);
        }
        if start < now + self.policy.min_notice() {
            return Err(BookingRejection::TooSoon {
                minutes: self.policy.min_notice().num_minutes(),
            });
        }
        if start >= now + self.policy.horizon() {
            return Err(BookingRejection::TooFarAhead {
                days: self.policy.horizon().num_days(),
            });
        }
        let session = self.timing.session(start);
        let range = self
            .schedule
            .working_ranges(self.zone, &session)
            .into_iter()
            .find(|r| r.contains(&session))
            .ok_or(BookingRejection::OutsideHours)?;
        let step = self.step();
        if first_grid_point(range.start(), start, step) != start {
            return Err(BookingRejection::OffGrid {
                step_minutes: step.num_minutes(),
            });
        }
        if busy.overlaps(&self.timing.blocked(start)) {
            return Err(BookingRejection::SlotTaken);
        }
        Ok(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::BookingPolicy;
    use crate::schedule::{DayHours, Schedule, WallInterval, WeeklyHours};
    use crate::service::{Buffers, ServiceDuration, Timing};
    use crate::zone::Zone;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn schedule() -> Schedule {
        let day = DayHours::new(vec![
            WallInterval::parse("09:00", "12:00").unwrap(),
            WallInterval::parse("13:00", "17:00").unwrap(),
        ])
        .unwrap();
        Schedule {
            weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
            policy: BookingPolicy::new(60, 30, None, 0, true).unwrap(),
            ..Schedule::default()
        }
    }

    fn offer(schedule: &Schedule) -> Offer<'_> {
        Offer {
            zone: Zone::parse("Europe/Paris").unwrap(),
            schedule,
            policy: schedule.policy,
            timing: Timing {
                duration: ServiceDuration::from_minutes(60).unwrap(),
                buffers: Buffers::new(0, 15).unwrap(),
            },
        }
    }

    const NOW: &str = "2026-06-01T06:00:00Z"; // 08:00 in Paris

    #[test]
    fn an_offered_slot_is_accepted() {
        let s = schedule();
        let session = offer(&s)
            .check_start(&BusyTimes::default(), utc("2026-06-02T07:00:00Z"), utc(NOW))
            .unwrap();
        assert_eq!(session.end(), utc("2026-06-02T08:00:00Z"));
    }

    #[test]
    fn each_refusal_names_its_reason() {
        let s = schedule();
        let o = offer(&s);
        let busy = BusyTimes::new(vec![
            TimeRange::new(utc("2026-06-02T12:00:00Z"), utc("2026-06-02T13:00:00Z")).unwrap(),
        ]);
        let cases = [
            ("2026-06-01T05:00:00Z", BookingRejection::InPast),
            (
                "2026-06-01T06:30:00Z",
                BookingRejection::TooSoon { minutes: 60 },
            ),
            (
                "2026-07-02T07:00:00Z",
                BookingRejection::TooFarAhead { days: 30 },
            ),
            ("2026-06-02T09:30:00Z", BookingRejection::OutsideHours), // 11:30–12:30 crosses lunch
            (
                "2026-06-02T07:30:00Z",
                BookingRejection::OffGrid { step_minutes: 60 },
            ),
            ("2026-06-02T11:00:00Z", BookingRejection::SlotTaken), // 13:00 Paris
        ];
        for (start, expected) in cases {
            assert_eq!(
                o.check_start(&busy, utc(start), utc(NOW)),
                Err(expected),
                "{start}"
            );
        }
    }

    #[test]
    fn the_buffer_after_keeps_the_next_booking_away() {
        let s = schedule();
        // Existing blocked range ends 08:15Z (a 07:00Z session plus its 15-minute buffer).
        let busy = BusyTimes::new(vec![
            TimeRange::new(utc("2026-06-02T07:00:00Z"), utc("2026-06-02T08:15:00Z")).unwrap(),
        ]);
        assert_eq!(
            offer(&s).check_start(&busy, utc("2026-06-02T08:00:00Z"), utc(NOW)),
            Err(BookingRejection::SlotTaken)
        );
    }
}
