//! Services a provider offers: what, how long, with which buffers, at what price.

use chrono::{DateTime, TimeDelta, Utc};

use crate::id::{CategoryId, ServiceId, UserId};
use crate::money::Price;
use crate::policy::BookingPolicy;
use crate::text::{Description, ServiceName};
use crate::time_range::TimeRange;

/// Why a service's timing was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    /// A duration outside 5 minutes – 12 hours or not a multiple of 5.
    #[error("the duration must be 5 to 720 minutes in steps of 5, not {0}")]
    Duration(u16),
    /// A buffer over 4 hours.
    #[error("a buffer can be at most 240 minutes, not {0}")]
    Buffer(u16),
    /// A capacity outside 1 – 100 places.
    #[error("a service has 1 to 100 places, not {0}")]
    Capacity(u16),
}

/// How many customers one appointment time takes: 1 for a one-to-one service, more for a class
/// whose occurrences customers book a seat in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Capacity(u16);

impl Capacity {
    /// One customer at a time: a one-to-one service.
    pub const ONE: Self = Self(1);

    /// The most places a class can have.
    pub const MAX: u16 = 100;

    /// A capacity of `places`: 1 to [`Capacity::MAX`].
    ///
    /// # Errors
    /// [`ServiceError::Capacity`] otherwise.
    pub fn new(places: u16) -> Result<Self, ServiceError> {
        if (1..=Self::MAX).contains(&places) {
            Ok(Self(places))
        } else {
            Err(ServiceError::Capacity(places))
        }
    }

    /// The number of places.
    pub const fn places(self) -> u16 {
        self.0
    }

    /// Whether customers book seats in shared occurrences rather than the provider's time alone.
    pub const fn is_class(self) -> bool {
        self.0 > 1
    }
}

impl Default for Capacity {
    fn default() -> Self {
        Self::ONE
    }
}

/// How long a service lasts, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServiceDuration(u16);

impl ServiceDuration {
    /// A duration of `minutes`: 5 to 720, a multiple of 5.
    ///
    /// # Errors
    /// [`ServiceError::Duration`] otherwise.
    pub fn from_minutes(minutes: u16) -> Result<Self, ServiceError> {
        if (5..=720).contains(&minutes) && minutes.is_multiple_of(5) {
            Ok(Self(minutes))
        } else {
            Err(ServiceError::Duration(minutes))
        }
    }

    /// The duration in minutes.
    pub const fn minutes(self) -> u16 {
        self.0
    }

    /// The duration as a time span.
    pub fn as_delta(self) -> TimeDelta {
        TimeDelta::minutes(i64::from(self.0))
    }
}

/// Time kept free before and after each appointment (setup, cleaning, travel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Buffers {
    before: u16,
    after: u16,
}

impl Buffers {
    /// Buffers of `before` and `after` minutes, each at most 240.
    ///
    /// # Errors
    /// [`ServiceError::Buffer`] for a buffer over 240 minutes.
    pub fn new(before: u16, after: u16) -> Result<Self, ServiceError> {
        for minutes in [before, after] {
            if minutes > 240 {
                return Err(ServiceError::Buffer(minutes));
            }
        }
        Ok(Self { before, after })
    }

    /// Minutes kept free before.
    pub const fn before_minutes(self) -> u16 {
        self.before
    }

    /// Minutes kept free after.
    pub const fn after_minutes(self) -> u16 {
        self.after
    }
}

/// The time footprint of one appointment of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timing {
    /// How long the appointment itself lasts.
    pub duration: ServiceDuration,
    /// Time kept free around it.
    pub buffers: Buffers,
}

impl Timing {
    /// The longest time one appointment can block: the longest service plus the longest buffer
    /// on each side. Lets stores look for overlaps in a bounded range of start times.
    pub const LONGEST_BLOCK_MINUTES: i64 = 720 + 240 + 240;

    /// The appointment itself, starting at `start`.
    pub fn session(&self, start: DateTime<Utc>) -> TimeRange {
        TimeRange::from_ordered(start, start + self.duration.as_delta())
    }

    /// The time the appointment keeps the provider busy: the session plus both buffers.
    /// Two active appointments of a provider never have overlapping blocked ranges.
    pub fn blocked(&self, start: DateTime<Utc>) -> TimeRange {
        self.session(start).widened(
            TimeDelta::minutes(i64::from(self.buffers.before)),
            TimeDelta::minutes(i64::from(self.buffers.after)),
        )
    }
}

/// A bookable service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Identity.
    pub id: ServiceId,
    /// The provider who performs it.
    pub provider: UserId,
    /// Optional category for browsing and filters.
    pub category: Option<CategoryId>,
    /// Name shown in search.
    pub name: ServiceName,
    /// Longer text for the service page.
    pub description: Description,
    /// Duration and buffers.
    pub timing: Timing,
    /// Price per appointment (per seat in a class).
    pub price: Price,
    /// Places per appointment time; over 1 makes the service a class.
    pub capacity: Capacity,
    /// A service-specific policy; `None` uses the provider's.
    pub policy: Option<BookingPolicy>,
    /// Inactive services are hidden from search and cannot be booked.
    pub active: bool,
    /// Storage key prefix of the photo and its sizes, if one was uploaded.
    pub image: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_multiples_of_five_up_to_twelve_hours() {
        assert_eq!(ServiceDuration::from_minutes(45).unwrap().minutes(), 45);
        for bad in [0, 4, 31, 725] {
            assert_eq!(
                ServiceDuration::from_minutes(bad),
                Err(ServiceError::Duration(bad))
            );
        }
    }

    #[test]
    fn buffers_are_capped_at_four_hours() {
        assert!(Buffers::new(240, 0).is_ok());
        assert_eq!(Buffers::new(0, 241), Err(ServiceError::Buffer(241)));
    }

    #[test]
    fn capacities_run_from_one_to_a_hundred_places() {
        assert_eq!(Capacity::new(1), Ok(Capacity::ONE));
        assert!(!Capacity::ONE.is_class());
        assert!(Capacity::new(12).unwrap().is_class());
        assert_eq!(Capacity::new(100).unwrap().places(), 100);
        for bad in [0, 101, 300] {
            assert_eq!(Capacity::new(bad), Err(ServiceError::Capacity(bad)));
        }
        assert_eq!(
            ServiceError::Capacity(0).to_string(),
            "a service has 1 to 100 places, not 0"
        );
    }

    #[test]
    fn the_blocked_range_wraps_the_session_in_buffers() {
        let timing = Timing {
            duration: ServiceDuration::from_minutes(30).unwrap(),
            buffers: Buffers::new(10, 15).unwrap(),
        };
        let start: DateTime<Utc> = "2026-06-01T09:00:00Z".parse().unwrap();
        let session = timing.session(start);
        let blocked = timing.blocked(start);
        assert_eq!(session.length(), TimeDelta::minutes(30));
        assert_eq!(blocked.start(), start - TimeDelta::minutes(10));
        assert_eq!(blocked.end(), start + TimeDelta::minutes(45));
    }
}
