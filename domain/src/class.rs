//! Classes: services with more than one place. Each start of a class is an occurrence that
//! blocks the provider's time once; customers book seats in it until it is full. A seat is an
//! appointment of the class's service at the occurrence's start.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::appointment::Appointment;
use crate::booking::BookingRejection;
use crate::id::ServiceId;
use crate::service::Capacity;
use crate::slot::{BusyTimes, Offer};
use crate::time_range::TimeRange;

#[cfg(test)]
mod properties;

/// One occurrence of a class: its service at one start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Occurrence {
    /// The class's service.
    pub service: ServiceId,
    /// When the occurrence starts.
    pub start: DateTime<Utc>,
}

impl Occurrence {
    /// The occurrence `seat` (an appointment of a class) is a seat in.
    pub fn of(seat: &Appointment) -> Self {
        Self {
            service: seat.service,
            start: seat.session.start(),
        }
    }

    /// A stable key naming the occurrence, the same for all its seats: the provider's calendar
    /// shows the occurrence as one entry under it. Derived by hashing service and start, so it
    /// never equals an appointment id by accident.
    pub fn entry_key(&self) -> Uuid {
        let digest = Sha256::new()
            .chain_update(b"class occurrence\0")
            .chain_update(self.service.as_uuid().as_bytes())
            .chain_update(self.start.timestamp_micros().to_be_bytes())
            .finalize();
        let mut key = [0_u8; 16];
        key.copy_from_slice(&digest[..16]);
        Uuid::from_bytes(key)
    }
}

/// The active seats of one occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OccurrenceSeats {
    /// The occurrence.
    pub occurrence: Occurrence,
    /// The provider's time its seats block: the union of their blocked ranges (they all hold the
    /// occurrence's start, so the union is one range).
    pub blocked: TimeRange,
    /// How many seats are booked.
    pub taken: u32,
}

impl OccurrenceSeats {
    /// Seats still free of `capacity` (none when the class was made smaller than its bookings).
    pub fn left(&self, capacity: Capacity) -> u16 {
        let taken = u16::try_from(self.taken).unwrap_or(u16::MAX);
        capacity.places().saturating_sub(taken)
    }
}

/// Takes one seat of a class with `capacity` of which `taken` are booked; returns the seats
/// left afterwards.
///
/// # Errors
/// [`BookingRejection::ClassFull`] when no seat is left.
pub fn take_seat(capacity: Capacity, taken: u32) -> Result<u16, BookingRejection> {
    let taken = u16::try_from(taken).unwrap_or(u16::MAX);
    match capacity.places().checked_sub(taken) {
        Some(left @ 1..) => Ok(left - 1),
        _ => Err(BookingRejection::ClassFull {
            places: capacity.places(),
        }),
    }
}

/// The provider's busy time as a new seat of `seats`' occurrence sees it: the blocked ranges of
/// their active `appointments` and `external` busy time, without the ranges the occurrence's own
/// seats block. Other appointments never overlap those seats (the store guarantees it), so
/// every appointment range overlapping the occurrence's range is one of its seats.
pub fn busy_beside(
    appointments: &[TimeRange],
    external: &[TimeRange],
    seats: Option<&OccurrenceSeats>,
) -> BusyTimes {
    let others = appointments
        .iter()
        .filter(|range| seats.is_none_or(|s| !s.blocked.overlaps(range)));
    BusyTimes::new(others.chain(external).copied().collect())
}

/// A start of a class offered for booking, with its free seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferedSlot {
    /// The occurrence's start.
    pub start: DateTime<Utc>,
    /// How many seats can still be booked.
    pub seats_left: u16,
}

impl Offer<'_> {
    /// The starts of class `service` (of `capacity`) offered within `window` at `now`: every
    /// free slot with all its seats, and every occurrence already selling seats that still has
    /// some and whose start the rules still allow (the provider's time it blocks is its own).
    /// `appointments` are the blocked ranges of the provider's active appointments, `external`
    /// their calendars' busy time, `sold` the provider's occurrences with seats.
    #[allow(clippy::too_many_arguments)]
    pub fn class_slots(
        &self,
        service: ServiceId,
        capacity: Capacity,
        appointments: &[TimeRange],
        external: &[TimeRange],
        sold: &[OccurrenceSeats],
        window: &TimeRange,
        now: DateTime<Utc>,
    ) -> Vec<OfferedSlot> {
        let busy = busy_beside(appointments, external, None);
        let mut slots: Vec<OfferedSlot> = self
            .free_slots(&busy, window, now)
            .into_iter()
            .map(|start| OfferedSlot {
                start,
                seats_left: capacity.places(),
            })
            .collect();
        for seats in sold {
            let start = seats.occurrence.start;
            let seats_left = seats.left(capacity);
            let beside = busy_beside(appointments, external, Some(seats));
            if seats.occurrence.service == service
                && seats_left > 0
                && window.contains_instant(start)
                && self.check_start(&beside, start, now).is_ok()
            {
                slots.push(OfferedSlot { start, seats_left });
            }
        }
        slots.sort_unstable_by_key(|slot| slot.start);
        slots
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::BookingPolicy;
    use crate::schedule::{DayHours, Schedule, WallInterval, WeeklyHours};
    use crate::service::{Buffers, ServiceDuration, Timing};
    use crate::zone::Zone;
    use uuid::Uuid;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn range(start: &str, end: &str) -> TimeRange {
        TimeRange::new(utc(start), utc(end)).unwrap()
    }

    fn schedule() -> Schedule {
        let day = DayHours::new(vec![WallInterval::parse("09:00", "12:00").unwrap()]).unwrap();
        Schedule {
            weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
            policy: BookingPolicy::new(0, 30, None, 0, true).unwrap(),
            ..Schedule::default()
        }
    }

    fn offer(schedule: &Schedule) -> Offer<'_> {
        Offer {
            zone: Zone::parse("UTC").unwrap(),
            schedule,
            policy: schedule.policy,
            timing: Timing {
                duration: ServiceDuration::from_minutes(60).unwrap(),
                buffers: Buffers::default(),
            },
        }
    }

    const NOW: &str = "2026-06-01T00:00:00Z";
    const DAY: (&str, &str) = ("2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z");

    fn yoga() -> ServiceId {
        ServiceId::from_uuid(Uuid::from_u128(7))
    }

    fn sold(start: &str, taken: u32) -> OccurrenceSeats {
        let start = utc(start);
        OccurrenceSeats {
            occurrence: Occurrence {
                service: yoga(),
                start,
            },
            blocked: TimeRange::starting_at(start, chrono::TimeDelta::hours(1)).unwrap(),
            taken,
        }
    }

    #[test]
    fn an_occurrence_keeps_its_entry_key_and_each_start_has_its_own() {
        let nine = sold("2026-06-02T09:00:00Z", 1).occurrence;
        let ten = sold("2026-06-02T10:00:00Z", 1).occurrence;
        assert_eq!(
            nine.entry_key(),
            sold("2026-06-02T09:00:00Z", 5).occurrence.entry_key()
        );
        assert_ne!(nine.entry_key(), ten.entry_key());
        assert_ne!(nine.entry_key(), yoga().as_uuid());
    }

    #[test]
    fn a_seat_is_taken_until_the_class_is_full() {
        let three = Capacity::new(3).unwrap();
        assert_eq!(take_seat(three, 0), Ok(2));
        assert_eq!(take_seat(three, 2), Ok(0));
        assert_eq!(
            take_seat(three, 3),
            Err(BookingRejection::ClassFull { places: 3 })
        );
        assert_eq!(
            take_seat(three, 5),
            Err(BookingRejection::ClassFull { places: 3 })
        );
        assert_eq!(
            BookingRejection::ClassFull { places: 3 }.to_string(),
            "this class is full: all 3 places are booked"
        );
    }

    #[test]
    fn an_occurrence_selling_seats_is_offered_with_the_seats_left() {
        let s = schedule();
        let ten = sold("2026-06-02T10:00:00Z", 9);
        let booked = [ten.blocked];
        let slots = offer(&s).class_slots(
            yoga(),
            Capacity::new(12).unwrap(),
            &booked,
            &[],
            &[ten],
            &range(DAY.0, DAY.1),
            utc(NOW),
        );
        let seats: Vec<(u32, u16)> = slots
            .iter()
            .map(|slot| {
                (
                    slot.start.format("%H").to_string().parse().unwrap(),
                    slot.seats_left,
                )
            })
            .collect();
        assert_eq!(seats, vec![(9, 12), (10, 3), (11, 12)]);
    }

    #[test]
    fn a_full_occurrence_is_not_offered() {
        let s = schedule();
        let ten = sold("2026-06-02T10:00:00Z", 12);
        let slots = offer(&s).class_slots(
            yoga(),
            Capacity::new(12).unwrap(),
            &[ten.blocked],
            &[],
            &[ten],
            &range(DAY.0, DAY.1),
            utc(NOW),
        );
        assert!(slots.iter().all(|slot| slot.start != ten.occurrence.start));
        assert_eq!(slots.len(), 2);
    }

    #[test]
    fn the_providers_own_calendar_still_blocks_an_occurrence() {
        let s = schedule();
        let ten = sold("2026-06-02T10:00:00Z", 1);
        let dentist = range("2026-06-02T10:30:00Z", "2026-06-02T10:45:00Z");
        let slots = offer(&s).class_slots(
            yoga(),
            Capacity::new(12).unwrap(),
            &[ten.blocked],
            &[dentist],
            &[ten],
            &range(DAY.0, DAY.1),
            utc(NOW),
        );
        assert!(slots.iter().all(|slot| slot.start != ten.occurrence.start));
    }

    #[test]
    fn another_services_occurrence_only_blocks_time() {
        let s = schedule();
        let mut pilates = sold("2026-06-02T10:00:00Z", 1);
        pilates.occurrence.service = ServiceId::from_uuid(Uuid::from_u128(8));
        let slots = offer(&s).class_slots(
            yoga(),
            Capacity::new(12).unwrap(),
            &[pilates.blocked],
            &[],
            &[pilates],
            &range(DAY.0, DAY.1),
            utc(NOW),
        );
        assert_eq!(slots.len(), 2);
        assert!(slots.iter().all(|slot| slot.seats_left == 12));
    }

    #[test]
    fn busy_time_beside_an_occurrence_leaves_out_only_its_seats() {
        let ten = sold("2026-06-02T10:00:00Z", 2);
        let nine = range("2026-06-02T09:00:00Z", "2026-06-02T10:00:00Z");
        let busy = busy_beside(&[nine, ten.blocked, ten.blocked], &[], Some(&ten));
        assert_eq!(busy.ranges(), &[nine]);
    }
}
