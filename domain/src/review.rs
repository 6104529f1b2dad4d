//! Verified reviews: a customer rates an appointment that took place, once, within a window
//! after it ended; the provider may answer; staff may hide a review (with a reason) and
//! restore it. Hidden reviews count in no rating.

use chrono::{DateTime, TimeDelta, Utc};

use crate::appointment::{Appointment, AppointmentStatus};
use crate::id::{AppointmentId, ReviewId, ServiceId, UserId};
use crate::text::{TextError, bounded_text};

bounded_text!(
    /// What a customer writes with their stars.
    ReviewText, "review", 1..=2000, multiline: true
);
bounded_text!(
    /// The provider's public answer to a review.
    ReplyText, "reply", 1..=2000, multiline: true
);
bounded_text!(
    /// Why someone reports a review, or why staff hide or restore it.
    ModerationReason, "reason", 3..=500, multiline: true
);

/// How long after an appointment ends its customer may review it, or edit their review.
pub const REVIEW_WINDOW: TimeDelta = TimeDelta::days(90);

/// A rating of one to five stars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stars(u8);

impl Stars {
    /// `n` stars.
    ///
    /// # Errors
    /// [`ReviewError::Stars`] outside 1–5.
    pub fn new(n: u8) -> Result<Self, ReviewError> {
        if (1..=5).contains(&n) {
            Ok(Self(n))
        } else {
            Err(ReviewError::Stars)
        }
    }

    /// The number of stars.
    pub const fn get(self) -> u8 {
        self.0
    }
}

/// Why a review step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// Only the customer of an appointment reviews it.
    #[error("only the customer of this appointment can review it")]
    NotTheCustomer,
    /// Only completed appointments are reviewed (never cancelled ones or no-shows).
    #[error("only a completed appointment can be reviewed")]
    NotCompleted(AppointmentStatus),
    /// The window after the appointment has closed.
    #[error("reviews can be written or changed until 90 days after the appointment")]
    WindowClosed,
    /// Stars outside 1–5.
    #[error("a rating is 1 to 5 stars")]
    Stars,
    /// Hiding a hidden review, or restoring a visible one.
    #[error("the review is already {}", if *.0 { "hidden" } else { "visible" })]
    AlreadyModerated(bool),
    /// Bad text.
    #[error(transparent)]
    Text(#[from] TextError),
}

/// The provider's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The answer.
    pub text: ReplyText,
    /// When it was last written.
    pub at: DateTime<Utc>,
}

/// Why and by whom a review was hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hiding {
    /// The staff member.
    pub by: UserId,
    /// Why.
    pub reason: ModerationReason,
    /// When.
    pub at: DateTime<Utc>,
}

/// A customer's review of a completed appointment. Construct with [`Review::write`]; fields
/// are public so adapters can restore a stored review as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Identity.
    pub id: ReviewId,
    /// The appointment reviewed (one review each).
    pub appointment: AppointmentId,
    /// Its service.
    pub service: ServiceId,
    /// Its provider.
    pub provider: UserId,
    /// Its customer, the author.
    pub customer: UserId,
    /// The rating.
    pub stars: Stars,
    /// Optional words.
    pub text: Option<ReviewText>,
    /// When it was first written.
    pub created_at: DateTime<Utc>,
    /// When it was last changed by its author.
    pub updated_at: DateTime<Utc>,
    /// The end of the window for edits: [`REVIEW_WINDOW`] after the appointment's end.
    pub editable_until: DateTime<Utc>,
    /// The provider's answer.
    pub reply: Option<Reply>,
    /// Set while staff hide it.
    pub hidden: Option<Hiding>,
}

impl Review {
    /// `author` reviews `appointment` at `now`.
    ///
    /// # Errors
    /// [`ReviewError::NotTheCustomer`], [`ReviewError::NotCompleted`] or
    /// [`ReviewError::WindowClosed`].
    pub fn write(
        id: ReviewId,
        appointment: &Appointment,
        author: UserId,
        stars: Stars,
        text: Option<ReviewText>,
        now: DateTime<Utc>,
    ) -> Result<Self, ReviewError> {
        if author != appointment.customer {
            return Err(ReviewError::NotTheCustomer);
        }
        if appointment.status != AppointmentStatus::Completed {
            return Err(ReviewError::NotCompleted(appointment.status));
        }
        let editable_until = appointment.session.end() + REVIEW_WINDOW;
        if now > editable_until {
            return Err(ReviewError::WindowClosed);
        }
        Ok(Self {
            id,
            appointment: appointment.id,
            service: appointment.service,
            provider: appointment.provider,
            customer: appointment.customer,
            stars,
            text,
            created_at: now,
            updated_at: now,
            editable_until,
            reply: None,
            hidden: None,
        })
    }

    /// Whether `appointment` may be reviewed by `author` at `now` (no review exists yet).
    pub fn may_write(appointment: &Appointment, author: UserId, now: DateTime<Utc>) -> bool {
        author == appointment.customer
            && appointment.status == AppointmentStatus::Completed
            && now <= appointment.session.end() + REVIEW_WINDOW
    }

    /// Whether the author may still change it at `now`.
    pub fn is_editable(&self, now: DateTime<Utc>) -> bool {
        now <= self.editable_until
    }

    /// The author changes their stars and words.
    ///
    /// # Errors
    /// [`ReviewError::NotTheCustomer`] or [`ReviewError::WindowClosed`].
    pub fn edit(
        &mut self,
        author: UserId,
        stars: Stars,
        text: Option<ReviewText>,
        now: DateTime<Utc>,
    ) -> Result<(), ReviewError> {
        if author != self.customer {
            return Err(ReviewError::NotTheCustomer);
        }
        if !self.is_editable(now) {
            return Err(ReviewError::WindowClosed);
        }
        self.stars = stars;
        self.text = text;
        self.updated_at = now;
        Ok(())
    }

    /// The provider answers, or changes their answer: there is one reply per review.
    pub fn answer(&mut self, text: ReplyText, now: DateTime<Utc>) {
        self.reply = Some(Reply { text, at: now });
    }

    /// Staff hide the review from pages and ratings.
    ///
    /// # Errors
    /// [`ReviewError::AlreadyModerated`] when it is hidden already.
    pub fn hide(
        &mut self,
        by: UserId,
        reason: ModerationReason,
        now: DateTime<Utc>,
    ) -> Result<(), ReviewError> {
        if self.hidden.is_some() {
            return Err(ReviewError::AlreadyModerated(true));
        }
        self.hidden = Some(Hiding {
            by,
            reason,
            at: now,
        });
        Ok(())
    }

    /// Staff show a hidden review again.
    ///
    /// # Errors
    /// [`ReviewError::AlreadyModerated`] when it is visible.
    pub fn restore(&mut self) -> Result<(), ReviewError> {
        if self.hidden.take().is_none() {
            return Err(ReviewError::AlreadyModerated(false));
        }
        Ok(())
    }

    /// Whether it is shown and counted.
    pub const fn is_visible(&self) -> bool {
        self.hidden.is_none()
    }
}

/// The ratings of a service or provider: how many visible reviews, and their stars in total.
/// Kept as integers so every store computes the same value exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Rating {
    /// Visible reviews counted.
    pub count: u64,
    /// Their stars added up.
    pub stars: u64,
}

impl Rating {
    /// The rating of the visible `reviews`.
    pub fn of<'a>(reviews: impl IntoIterator<Item = &'a Review>) -> Self {
        reviews
            .into_iter()
            .filter(|r| r.is_visible())
            .fold(Self::default(), |rating, r| Self {
                count: rating.count + 1,
                stars: rating.stars + u64::from(r.stars.get()),
            })
    }

    /// The average stars, `None` without reviews.
    #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| self.stars as f64 / self.count as f64)
    }

    /// Whether the average is at least `min` stars (never without reviews).
    pub fn at_least(&self, min: Stars) -> bool {
        self.count > 0 && self.stars >= u64::from(min.get()) * self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time_range::TimeRange;
    use uuid::Uuid;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn user(n: u128) -> UserId {
        UserId::from_uuid(Uuid::from_u128(n))
    }

    const CUSTOMER: u128 = 4;

    /// A completed appointment that ended 2026-06-03 11:00 UTC.
    fn completed() -> Appointment {
        let session =
            TimeRange::new(utc("2026-06-03T10:00:00Z"), utc("2026-06-03T11:00:00Z")).unwrap();
        Appointment {
            id: AppointmentId::from_uuid(Uuid::from_u128(1)),
            service: ServiceId::from_uuid(Uuid::from_u128(2)),
            provider: user(3),
            customer: user(CUSTOMER),
            session,
            blocked: session,
            status: AppointmentStatus::Completed,
            note: None,
            created_at: utc("2026-06-01T08:00:00Z"),
            revision: 1,
            reschedules: Vec::new(),
            cancellation: None,
            series: None,
        }
    }

    fn stars(n: u8) -> Stars {
        Stars::new(n).unwrap()
    }

    fn written(n: u8) -> Review {
        Review::write(
            ReviewId::from_uuid(Uuid::from_u128(n.into())),
            &completed(),
            user(CUSTOMER),
            stars(n),
            ReviewText::parse("Great cut").ok(),
            utc("2026-06-04T09:00:00Z"),
        )
        .unwrap()
    }

    #[test]
    fn the_customer_reviews_a_completed_appointment() {
        let review = written(5);
        assert_eq!(review.customer, user(CUSTOMER));
        assert_eq!(review.provider, user(3));
        assert_eq!(review.editable_until, utc("2026-09-01T11:00:00Z"));
        assert!(review.is_visible() && review.reply.is_none());
    }

    #[test]
    fn cancelled_no_show_and_upcoming_appointments_cannot_be_reviewed() {
        for status in [
            AppointmentStatus::Cancelled,
            AppointmentStatus::NoShow,
            AppointmentStatus::Confirmed,
            AppointmentStatus::Requested,
        ] {
            let mut a = completed();
            a.status = status;
            let now = utc("2026-06-04T09:00:00Z");
            let result = Review::write(
                ReviewId::from_uuid(Uuid::nil()),
                &a,
                user(CUSTOMER),
                stars(1),
                None,
                now,
            );
            assert_eq!(result, Err(ReviewError::NotCompleted(status)));
            assert!(!Review::may_write(&a, user(CUSTOMER), now));
        }
    }

    #[test]
    fn only_the_appointments_customer_reviews_it() {
        let result = Review::write(
            ReviewId::from_uuid(Uuid::nil()),
            &completed(),
            user(3),
            stars(5),
            None,
            utc("2026-06-04T09:00:00Z"),
        );
        assert_eq!(result, Err(ReviewError::NotTheCustomer));
    }

    #[test]
    fn reviews_are_written_within_ninety_days_of_the_end() {
        let write = |now: &str| {
            Review::write(
                ReviewId::from_uuid(Uuid::nil()),
                &completed(),
                user(CUSTOMER),
                stars(4),
                None,
                utc(now),
            )
        };
        assert!(write("2026-09-01T11:00:00Z").is_ok());
        assert_eq!(
            write("2026-09-01T11:00:01Z"),
            Err(ReviewError::WindowClosed)
        );
        assert!(Review::may_write(
            &completed(),
            user(CUSTOMER),
            utc("2026-09-01T11:00:00Z")
        ));
        assert!(!Review::may_write(
            &completed(),
            user(CUSTOMER),
            utc("2026-09-01T11:00:01Z")
        ));
    }

    #[test]
    fn the_author_edits_within_the_window_only() {
        let mut review = written(2);
        review
            .edit(user(CUSTOMER), stars(4), None, utc("2026-07-01T00:00:00Z"))
            .unwrap();
        assert_eq!((review.stars, review.text.as_ref()), (stars(4), None));
        assert_eq!(review.updated_at, utc("2026-07-01T00:00:00Z"));
        assert_eq!(
            review.edit(user(CUSTOMER), stars(1), None, utc("2026-09-02T00:00:00Z")),
            Err(ReviewError::WindowClosed)
        );
        assert_eq!(
            review.edit(user(3), stars(1), None, utc("2026-07-01T00:00:00Z")),
            Err(ReviewError::NotTheCustomer)
        );
        assert_eq!(review.stars, stars(4));
    }

    #[test]
    fn a_second_reply_replaces_the_first() {
        let mut review = written(3);
        review.answer(
            ReplyText::parse("Thanks").unwrap(),
            utc("2026-06-05T00:00:00Z"),
        );
        review.answer(
            ReplyText::parse("Thank you!").unwrap(),
            utc("2026-06-06T00:00:00Z"),
        );
        let reply = review.reply.unwrap();
        assert_eq!(reply.text.as_str(), "Thank you!");
        assert_eq!(reply.at, utc("2026-06-06T00:00:00Z"));
    }

    #[test]
    fn hiding_and_restoring_alternate() {
        let mut review = written(1);
        let reason = || ModerationReason::parse("Personal data").unwrap();
        review
            .hide(user(40), reason(), utc("2026-06-05T00:00:00Z"))
            .unwrap();
        assert!(!review.is_visible());
        assert_eq!(
            review.hide(user(40), reason(), utc("2026-06-05T00:00:00Z")),
            Err(ReviewError::AlreadyModerated(true))
        );
        review.restore().unwrap();
        assert!(review.is_visible());
        assert_eq!(review.restore(), Err(ReviewError::AlreadyModerated(false)));
    }

    #[test]
    fn hidden_reviews_do_not_count_in_ratings() {
        let mut hidden = written(1);
        hidden
            .hide(
                user(40),
                ModerationReason::parse("Spam link").unwrap(),
                utc("2026-06-05T00:00:00Z"),
            )
            .unwrap();
        let reviews = [written(5), written(4), hidden];
        let rating = Rating::of(&reviews);
        assert_eq!(rating, Rating { count: 2, stars: 9 });
        assert_eq!(rating.average(), Some(4.5));
        assert!(rating.at_least(stars(4)) && !rating.at_least(stars(5)));
        assert_eq!(Rating::default().average(), None);
        assert!(!Rating::default().at_least(stars(1)));
    }

    #[test]
    fn stars_run_from_one_to_five() {
        assert!(Stars::new(0).is_err() && Stars::new(6).is_err());
        assert_eq!(Stars::new(5).unwrap().get(), 5);
    }

    #[test]
    fn review_text_is_bounded() {
        assert!(ReviewText::parse(&"x".repeat(2000)).is_ok());
        assert!(ReviewText::parse(&"x".repeat(2001)).is_err());
        assert!(ModerationReason::parse("no").is_err());
    }
}
