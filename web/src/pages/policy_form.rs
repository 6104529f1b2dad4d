//! The booking-policy fields, shared by the schedule editor and the service form.

use domain::{BookingPolicy, Language, SlotStep};
use serde::{Deserialize, Serialize};

use crate::present::say;
use crate::refusals::policy_error;

/// The policy as typed: minutes of notice, days ahead, slot step minutes (blank: every
/// service duration), hours of change cut-off, automatic confirmation, minutes a freed place is
/// held (blank: two hours).
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct PolicyForm {
    /// Minimum notice, minutes.
    pub notice_minutes: String,
    /// How far ahead, days.
    pub horizon_days: String,
    /// Slot step, minutes; blank for the service duration.
    pub slot_step: String,
    /// Change cut-off, hours.
    pub cutoff_hours: String,
    /// "on" when bookings are confirmed at once.
    pub auto_confirm: String,
    /// How long a freed place is held, minutes.
    pub hold_minutes: String,
}

/// A message per policy field.
#[derive(Debug, Default, Serialize)]
pub struct PolicyErrors {
    /// About the notice.
    pub notice_minutes: Option<String>,
    /// About the horizon.
    pub horizon_days: Option<String>,
    /// About the slot step.
    pub slot_step: Option<String>,
    /// About the cut-off.
    pub cutoff_hours: Option<String>,
    /// About the hold period.
    pub hold_minutes: Option<String>,
    /// About the combination (e.g. notice past the horizon).
    pub policy: Option<String>,
}

impl PolicyErrors {
    /// Whether any field has a message.
    pub fn any(&self) -> bool {
        self.notice_minutes.is_some()
            || self.horizon_days.is_some()
            || self.slot_step.is_some()
            || self.cutoff_hours.is_some()
            || self.hold_minutes.is_some()
            || self.policy.is_some()
    }
}

fn number<T: std::str::FromStr>(raw: &str, message: &str, error: &mut Option<String>) -> Option<T> {
    raw.trim()
        .parse()
        .map_err(|_| *error = Some(message.to_owned()))
        .ok()
}

impl PolicyForm {
    /// The form showing `policy`.
    pub fn of(policy: &BookingPolicy) -> Self {
        Self {
            notice_minutes: policy.min_notice_minutes().to_string(),
            horizon_days: policy.horizon_days().to_string(),
            slot_step: policy
                .slot_step()
                .map(|s| s.minutes().to_string())
                .unwrap_or_default(),
            cutoff_hours: (policy.change_cutoff_minutes() / 60).to_string(),
            auto_confirm: if policy.auto_confirm() {
                "on".to_owned()
            } else {
                String::new()
            },
            hold_minutes: policy.hold_minutes().to_string(),
        }
    }

    /// The policy, or a message in English next to each wrong field ([`Self::parse_in`] says
    /// them in the page's language).
    ///
    /// # Errors
    /// [`PolicyErrors`] with every problem found.
    pub fn parse(&self) -> Result<BookingPolicy, Box<PolicyErrors>> {
        self.parse_in(&adapters::catalogue::source_language())
    }

    /// The policy, or a message in `language` next to each wrong field.
    ///
    /// # Errors
    /// [`PolicyErrors`] with every problem found.
    pub fn parse_in(&self, language: &Language) -> Result<BookingPolicy, Box<PolicyErrors>> {
        let mut errors = PolicyErrors::default();
        let notice: Option<u32> = number(
            &self.notice_minutes,
            &say(language, "h-book-policy-notice"),
            &mut errors.notice_minutes,
        );
        let horizon: Option<u16> = number(
            &self.horizon_days,
            &say(language, "h-book-policy-horizon"),
            &mut errors.horizon_days,
        );
        let step = match self.slot_step.trim() {
            "" => Some(None),
            raw => number::<u16>(
                raw,
                &say(language, "h-book-policy-step"),
                &mut errors.slot_step,
            )
            .and_then(|m| {
                SlotStep::from_minutes(m)
                    .map_err(|e| errors.slot_step = Some(policy_error(language, &e)))
                    .ok()
            })
            .map(Some),
        };
        let cutoff: Option<u32> = number(
            &self.cutoff_hours,
            &say(language, "h-book-policy-cutoff"),
            &mut errors.cutoff_hours,
        );
        let hold = match self.hold_minutes.trim() {
            "" => Some(BookingPolicy::DEFAULT_HOLD_MINUTES),
            raw => raw
                .parse::<u32>()
                .ok()
                .filter(|m| BookingPolicy::HOLD_MINUTES.contains(m))
                .or_else(|| {
                    errors.hold_minutes = Some(say(language, "h-book-policy-hold"));
                    None
                }),
        };
        let (Some(notice), Some(horizon), Some(step), Some(cutoff), Some(hold)) =
            (notice, horizon, step, cutoff, hold)
        else {
            return Err(Box::new(errors));
        };
        BookingPolicy::new(
            notice,
            horizon,
            step,
            cutoff.saturating_mul(60),
            !self.auto_confirm.is_empty(),
        )
        .and_then(|policy| policy.with_hold_minutes(hold))
        .map_err(|e| {
            errors.policy = Some(policy_error(language, &e));
            Box::new(errors)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_round_trips_through_the_form() {
        let policy = BookingPolicy::default().with_hold_minutes(45).unwrap();
        assert_eq!(PolicyForm::of(&policy).parse().unwrap(), policy);
    }

    #[test]
    fn a_blank_hold_is_two_hours_and_one_out_of_bounds_is_named() {
        let mut form = PolicyForm::of(&BookingPolicy::default());
        form.hold_minutes = " ".into();
        assert_eq!(form.parse().unwrap().hold_minutes(), 120);
        for bad in ["10", "5000", "soon"] {
            form.hold_minutes = bad.into();
            let errors = form.parse().unwrap_err();
            assert!(errors.hold_minutes.is_some(), "{bad}");
        }
    }

    #[test]
    fn each_unreadable_field_gets_its_own_message() {
        let form = PolicyForm {
            notice_minutes: "soon".into(),
            horizon_days: "x".into(),
            slot_step: "7".into(),
            cutoff_hours: "-1".into(),
            auto_confirm: String::new(),
            hold_minutes: "0".into(),
        };
        let errors = form.parse().unwrap_err();
        assert!(errors.notice_minutes.is_some());
        assert!(errors.horizon_days.is_some());
        assert!(errors.slot_step.is_some());
        assert!(errors.cutoff_hours.is_some());
        assert!(errors.hold_minutes.is_some());
    }
}
