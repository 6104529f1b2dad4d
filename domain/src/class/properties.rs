//! Property tests of classes: whatever the order of bookings and cancellations, seats never
//! exceed capacity, a booking is refused only when the class is full, and the seats offered
//! are the seats left.

use proptest::prelude::*;

use super::{OccurrenceSeats, take_seat};
use crate::service::Capacity;

/// One customer's action on an occurrence.
#[derive(Debug, Clone, Copy)]
enum Action {
    Book,
    Cancel,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![3 => Just(Action::Book), 1 => Just(Action::Cancel)]
}

proptest! {
    #[test]
    fn seats_never_exceed_capacity(
        places in 1_u16..=Capacity::MAX,
        actions in prop::collection::vec(action(), 0..400),
    ) {
        let capacity = Capacity::new(places).unwrap();
        let mut taken: u32 = 0;
        for action in actions {
            match action {
                Action::Book => {
                    if let Ok(left) = take_seat(capacity, taken) {
                        taken += 1;
                        prop_assert_eq!(u32::from(left) + taken, u32::from(places));
                    } else {
                        prop_assert_eq!(taken, u32::from(places));
                    }
                }
                Action::Cancel => taken = taken.saturating_sub(1),
            }
            prop_assert!(taken <= u32::from(places));
        }
    }

    #[test]
    fn the_seats_left_and_taken_add_up_to_at_most_the_capacity(
        places in 1_u16..=Capacity::MAX,
        taken in 0_u32..300,
    ) {
        let capacity = Capacity::new(places).unwrap();
        let start = chrono::DateTime::UNIX_EPOCH;
        let seats = OccurrenceSeats {
            occurrence: super::Occurrence {
                service: crate::id::ServiceId::from_uuid(uuid::Uuid::nil()),
                start,
            },
            blocked: crate::time_range::TimeRange::starting_at(start, chrono::TimeDelta::hours(1))
                .unwrap(),
            taken,
        };
        let left = u32::from(seats.left(capacity));
        prop_assert!(left + taken.min(u32::from(places)) == u32::from(places));
        prop_assert_eq!(take_seat(capacity, taken).is_ok(), left > 0);
    }
}
