//! Booking policy: how soon, how far ahead, on which grid, until when changes are allowed, and
//! how long a freed place is held for the first customer on the waitlist.

use chrono::TimeDelta;

/// The spacing between offered start times, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SlotStep(u16);

impl SlotStep {
    /// A step of `minutes`: 5 to 480, a multiple of 5.
    ///
    /// # Errors
    /// [`PolicyError::SlotStep`] otherwise.
    pub fn from_minutes(minutes: u16) -> Result<Self, PolicyError> {
        if (5..=480).contains(&minutes) && minutes.is_multiple_of(5) {
            Ok(Self(minutes))
        } else {
            Err(PolicyError::SlotStep(minutes))
        }
    }

    /// The step in minutes.
    pub const fn minutes(self) -> u16 {
        self.0
    }
}

/// Why a policy was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// A slot step outside 5–480 minutes or not a multiple of 5.
    #[error("the slot step must be 5 to 480 minutes in steps of 5, not {0}")]
    SlotStep(u16),
    /// A notice longer than the horizon, or values outside their bounds.
    #[error("{0}")]
    Bounds(&'static str),
}

/// The rules a provider (or one of their services) sets for bookings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BookingPolicy {
    min_notice_minutes: u32,
    horizon_days: u16,
    slot_step: Option<SlotStep>,
    change_cutoff_minutes: u32,
    auto_confirm: bool,
    hold_minutes: u32,
}

impl Default for BookingPolicy {
    /// One hour's notice, 90 days ahead, slots every service duration, changes until 12 hours
    /// before, bookings confirmed at once, freed places held for two hours.
    fn default() -> Self {
        Self {
            min_notice_minutes: 60,
            horizon_days: 90,
            slot_step: None,
            change_cutoff_minutes: 12 * 60,
            auto_confirm: true,
            hold_minutes: Self::DEFAULT_HOLD_MINUTES,
        }
    }
}

impl BookingPolicy {
    /// Longest accepted minimum notice: 30 days.
    pub const MAX_NOTICE_MINUTES: u32 = 30 * 24 * 60;
    /// Longest accepted horizon: two years.
    pub const MAX_HORIZON_DAYS: u16 = 730;
    /// How long a freed place is held unless set otherwise: two hours.
    pub const DEFAULT_HOLD_MINUTES: u32 = 120;
    /// The accepted hold periods: 15 minutes to 3 days.
    pub const HOLD_MINUTES: std::ops::RangeInclusive<u32> = 15..=3 * 24 * 60;

    /// A policy from its parts, holding freed places for [`Self::DEFAULT_HOLD_MINUTES`].
    ///
    /// # Errors
    /// [`PolicyError::Bounds`] when the notice or cut-off exceeds 30 days, the horizon is 0 or
    /// over two years, or the notice reaches past the horizon (nothing could ever be booked).
    pub fn new(
        min_notice_minutes: u32,
        horizon_days: u16,
        slot_step: Option<SlotStep>,
        change_cutoff_minutes: u32,
        auto_confirm: bool,
    ) -> Result<Self, PolicyError> {
        if min_notice_minutes > Self::MAX_NOTICE_MINUTES {
            return Err(PolicyError::Bounds(
                "the minimum notice can be at most 30 days",
            ));
        }
        if change_cutoff_minutes > Self::MAX_NOTICE_MINUTES {
            return Err(PolicyError::Bounds(
                "the change cut-off can be at most 30 days",
            ));
        }
        if !(1..=Self::MAX_HORIZON_DAYS).contains(&horizon_days) {
            return Err(PolicyError::Bounds(
                "bookings must be allowed between 1 and 730 days ahead",
            ));
        }
        if i64::from(min_notice_minutes) >= i64::from(horizon_days) * 24 * 60 {
            return Err(PolicyError::Bounds(
                "the minimum notice must be shorter than how far ahead bookings are allowed",
            ));
        }
        Ok(Self {
            min_notice_minutes,
            horizon_days,
            slot_step,
            change_cutoff_minutes,
            auto_confirm,
            hold_minutes: Self::DEFAULT_HOLD_MINUTES,
        })
    }

    /// This policy, holding freed places for `minutes`.
    ///
    /// # Errors
    /// [`PolicyError::Bounds`] outside [`Self::HOLD_MINUTES`].
    pub fn with_hold_minutes(self, minutes: u32) -> Result<Self, PolicyError> {
        if !Self::HOLD_MINUTES.contains(&minutes) {
            return Err(PolicyError::Bounds(
                "a freed place can be held for 15 minutes to 3 days",
            ));
        }
        Ok(Self {
            hold_minutes: minutes,
            ..self
        })
    }

    /// How long before its start a slot stops being bookable.
    pub fn min_notice(&self) -> TimeDelta {
        TimeDelta::minutes(i64::from(self.min_notice_minutes))
    }

    /// How far ahead of now a slot may start.
    pub fn horizon(&self) -> TimeDelta {
        TimeDelta::days(i64::from(self.horizon_days))
    }

    /// The grid step, if set; otherwise slots follow each other by the service duration.
    pub const fn slot_step(&self) -> Option<SlotStep> {
        self.slot_step
    }

    /// How long before its start a customer may still cancel or reschedule.
    pub fn change_cutoff(&self) -> TimeDelta {
        TimeDelta::minutes(i64::from(self.change_cutoff_minutes))
    }

    /// Whether new bookings are confirmed at once (otherwise they wait for the provider).
    pub const fn auto_confirm(&self) -> bool {
        self.auto_confirm
    }

    /// Minimum notice in minutes, for storage and forms.
    pub const fn min_notice_minutes(&self) -> u32 {
        self.min_notice_minutes
    }

    /// Horizon in days, for storage and forms.
    pub const fn horizon_days(&self) -> u16 {
        self.horizon_days
    }

    /// Change cut-off in minutes, for storage and forms.
    pub const fn change_cutoff_minutes(&self) -> u32 {
        self.change_cutoff_minutes
    }

    /// How long a freed place is held for the first customer waiting for it.
    pub fn hold_period(&self) -> TimeDelta {
        TimeDelta::minutes(i64::from(self.hold_minutes))
    }

    /// Hold period in minutes, for storage and forms.
    pub const fn hold_minutes(&self) -> u32 {
        self.hold_minutes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_steps_are_multiples_of_five_within_bounds() {
        assert!(SlotStep::from_minutes(15).is_ok());
        for bad in [0, 3, 7, 485, 1000] {
            assert_eq!(SlotStep::from_minutes(bad), Err(PolicyError::SlotStep(bad)));
        }
    }

    #[test]
    fn a_notice_reaching_past_the_horizon_is_rejected() {
        assert!(BookingPolicy::new(24 * 60, 1, None, 0, true).is_err());
        assert!(BookingPolicy::new(23 * 60, 1, None, 0, true).is_ok());
    }

    #[test]
    fn out_of_bounds_values_are_rejected() {
        assert!(BookingPolicy::new(60, 0, None, 0, true).is_err());
        assert!(BookingPolicy::new(60, 731, None, 0, true).is_err());
        assert!(
            BookingPolicy::new(BookingPolicy::MAX_NOTICE_MINUTES + 1, 90, None, 0, true).is_err()
        );
        assert!(
            BookingPolicy::new(60, 90, None, BookingPolicy::MAX_NOTICE_MINUTES + 1, true).is_err()
        );
    }

    #[test]
    fn a_hold_lasts_two_hours_unless_set_within_fifteen_minutes_to_three_days() {
        let policy = BookingPolicy::new(60, 90, None, 0, true).unwrap();
        assert_eq!(policy.hold_period(), TimeDelta::hours(2));
        let short = policy.with_hold_minutes(15).unwrap();
        assert_eq!(short.hold_period(), TimeDelta::minutes(15));
        assert_eq!(short.min_notice_minutes(), 60);
        assert!(policy.with_hold_minutes(3 * 24 * 60).is_ok());
        for bad in [0, 14, 3 * 24 * 60 + 1] {
            assert!(policy.with_hold_minutes(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_default_policy_is_valid() {
        let d = BookingPolicy::default();
        let rebuilt = BookingPolicy::new(
            d.min_notice_minutes(),
            d.horizon_days(),
            d.slot_step(),
            d.change_cutoff_minutes(),
            d.auto_confirm(),
        )
        .and_then(|p| p.with_hold_minutes(d.hold_minutes()));
        assert_eq!(rebuilt, Ok(d));
    }
}
