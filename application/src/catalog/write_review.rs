//! A customer reviews their completed appointment, or changes their review.

use std::sync::Arc;

use domain::{AppointmentId, Party, Review, ReviewError, ReviewId, ReviewText, Stars};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ports::{AppointmentStore, Clock, RepoError, ReviewStore};

/// Why the review was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteReviewError {
    /// Not the appointment's customer.
    #[error("only the customer of this appointment can review it")]
    Forbidden,
    /// No such appointment.
    #[error("no such appointment")]
    NotFound,
    /// A review rule refused (not completed, window closed).
    #[error(transparent)]
    Rejected(#[from] ReviewError),
    /// Another request wrote the review meanwhile; reload and try again.
    #[error("the review was changed meanwhile, please try again")]
    ChangedMeanwhile,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// The review of an appointment as one of its parties (or staff) sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentReview {
    /// The review, if written.
    pub review: Option<Review>,
    /// Whether the viewer may write it now, or change the one written.
    pub may_write: bool,
    /// Whether the viewer may reply to it (its provider).
    pub may_reply: bool,
}

/// Writes and changes reviews: one per completed appointment, by its customer, within
/// [`domain::REVIEW_WINDOW`] of its end.
pub struct WriteReview {
    appointments: Arc<dyn AppointmentStore>,
    reviews: Arc<dyn ReviewStore>,
    clock: Arc<dyn Clock>,
}

impl WriteReview {
    /// The use case over its ports.
    pub fn new(
        appointments: Arc<dyn AppointmentStore>,
        reviews: Arc<dyn ReviewStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            appointments,
            reviews,
            clock,
        }
    }

    /// Writes `actor`'s review of appointment `id`, or replaces their stars and text if they
    /// wrote one already.
    ///
    /// # Errors
    /// See [`WriteReviewError`].
    #[tracing::instrument(skip(self, actor, text), fields(actor = %actor.id, appointment = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: AppointmentId,
        stars: Stars,
        text: Option<ReviewText>,
    ) -> Result<Review, WriteReviewError> {
        let appointment = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(WriteReviewError::NotFound)?;
        if actor.party_in(&appointment) != Some(Party::Customer) {
            return Err(WriteReviewError::Forbidden);
        }
        let now = self.clock.now();
        if let Some(mut review) = self.reviews.by_appointment(id).await? {
            review.edit(actor.id, stars, text, now)?;
            self.reviews.update(&review).await.map_err(|e| match e {
                RepoError::NotFound => WriteReviewError::ChangedMeanwhile,
                other => other.into(),
            })?;
            return Ok(review);
        }
        let review_id = ReviewId::from_uuid(Uuid::now_v7());
        let review = Review::write(review_id, &appointment, actor.id, stars, text, now)?;
        self.reviews.insert(&review).await.map_err(|e| match e {
            RepoError::Conflict => WriteReviewError::ChangedMeanwhile,
            other => other.into(),
        })?;
        Ok(review)
    }

    /// The review of appointment `id` and what `actor` may do with it; for its parties and
    /// staff.
    ///
    /// # Errors
    /// [`WriteReviewError::NotFound`], [`WriteReviewError::Forbidden`], storage failures.
    pub async fn current(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<AppointmentReview, WriteReviewError> {
        let appointment = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(WriteReviewError::NotFound)?;
        let party = actor
            .party_in(&appointment)
            .ok_or(WriteReviewError::Forbidden)?;
        let review = self.reviews.by_appointment(id).await?;
        let now = self.clock.now();
        let may_write = party == Party::Customer
            && review.as_ref().map_or_else(
                || Review::may_write(&appointment, actor.id, now),
                |r| r.is_editable(now),
            );
        let may_reply = party == Party::Provider && review.is_some();
        Ok(AppointmentReview {
            review,
            may_write,
            may_reply,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::reviews::MockReviewStore;
    use crate::test_support::*;
    use domain::{Appointment, AppointmentStatus};

    fn stars(n: u8) -> Stars {
        Stars::new(n).unwrap()
    }

    fn appointments_with(appointment: Appointment) -> Arc<MockAppointmentStore> {
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_by_id()
            .returning(move |_| Ok(Some(appointment.clone())));
        Arc::new(appointments)
    }

    fn completed() -> Appointment {
        an_appointment()
            .with_status(AppointmentStatus::Completed)
            .build()
    }

    /// "Now" a week after `completed()` ended.
    const LATER: &str = "2026-06-10T08:00:00Z";

    #[tokio::test]
    async fn the_customer_reviews_a_completed_appointment() {
        let mut reviews = MockReviewStore::new();
        reviews.expect_by_appointment().returning(|_| Ok(None));
        reviews
            .expect_insert()
            .withf(|r| r.stars.get() == 5 && r.customer == a_customer().build().id)
            .times(1)
            .returning(|_| Ok(()));
        let review = WriteReview::new(
            appointments_with(completed()),
            Arc::new(reviews),
            clock_at(LATER),
        )
        .run(&a_customer().actor(), completed().id, stars(5), None)
        .await
        .unwrap();
        assert_eq!(review.appointment, completed().id);
    }

    #[tokio::test]
    async fn a_second_review_of_the_same_appointment_edits_the_first() {
        let existing = Review::write(
            ReviewId::from_uuid(Uuid::from_u128(7)),
            &completed(),
            a_customer().build().id,
            stars(2),
            None,
            utc(LATER),
        )
        .unwrap();
        let mut reviews = MockReviewStore::new();
        reviews
            .expect_by_appointment()
            .returning(move |_| Ok(Some(existing.clone())));
        reviews.expect_insert().never();
        reviews
            .expect_update()
            .withf(|r| r.id == ReviewId::from_uuid(Uuid::from_u128(7)) && r.stars.get() == 4)
            .times(1)
            .returning(|_| Ok(()));
        WriteReview::new(
            appointments_with(completed()),
            Arc::new(reviews),
            clock_at(LATER),
        )
        .run(&a_customer().actor(), completed().id, stars(4), None)
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn a_cancelled_appointment_cannot_be_reviewed() {
        let cancelled = an_appointment()
            .with_status(AppointmentStatus::Cancelled)
            .build();
        let mut reviews = MockReviewStore::new();
        reviews.expect_by_appointment().returning(|_| Ok(None));
        reviews.expect_insert().never();
        let result = WriteReview::new(
            appointments_with(cancelled),
            Arc::new(reviews),
            clock_at(LATER),
        )
        .run(&a_customer().actor(), completed().id, stars(1), None)
        .await;
        assert!(matches!(
            result,
            Err(WriteReviewError::Rejected(ReviewError::NotCompleted(
                AppointmentStatus::Cancelled
            )))
        ));
    }

    #[tokio::test]
    async fn the_window_closes_ninety_days_after_the_appointment() {
        let mut reviews = MockReviewStore::new();
        reviews.expect_by_appointment().returning(|_| Ok(None));
        reviews.expect_insert().never();
        let result = WriteReview::new(
            appointments_with(completed()),
            Arc::new(reviews),
            clock_at("2026-09-02T00:00:00Z"),
        )
        .run(&a_customer().actor(), completed().id, stars(5), None)
        .await;
        assert!(matches!(
            result,
            Err(WriteReviewError::Rejected(ReviewError::WindowClosed))
        ));
    }

    #[tokio::test]
    async fn nobody_but_the_customer_reviews_an_appointment() {
        for actor in [
            another_customer().actor(),
            a_provider().actor(),
            an_admin().actor(),
            a_support_agent().actor(),
        ] {
            let mut reviews = MockReviewStore::new();
            reviews.expect_insert().never();
            reviews.expect_update().never();
            let result = WriteReview::new(
                appointments_with(completed()),
                Arc::new(reviews),
                clock_at(LATER),
            )
            .run(&actor, completed().id, stars(5), None)
            .await;
            assert!(
                matches!(result, Err(WriteReviewError::Forbidden)),
                "{actor:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_review_written_meanwhile_is_a_conflict() {
        let mut reviews = MockReviewStore::new();
        reviews.expect_by_appointment().returning(|_| Ok(None));
        reviews
            .expect_insert()
            .returning(|_| Err(RepoError::Conflict));
        let result = WriteReview::new(
            appointments_with(completed()),
            Arc::new(reviews),
            clock_at(LATER),
        )
        .run(&a_customer().actor(), completed().id, stars(5), None)
        .await;
        assert!(matches!(result, Err(WriteReviewError::ChangedMeanwhile)));
    }

    #[tokio::test]
    async fn the_customer_may_write_and_the_provider_may_reply() {
        let mut reviews = MockReviewStore::new();
        reviews.expect_by_appointment().returning(|_| Ok(None));
        let use_case = WriteReview::new(
            appointments_with(completed()),
            Arc::new(reviews),
            clock_at(LATER),
        );
        let customer = use_case
            .current(&a_customer().actor(), completed().id)
            .await
            .unwrap();
        assert!(customer.may_write && !customer.may_reply);
        let provider = use_case
            .current(&a_provider().actor(), completed().id)
            .await
            .unwrap();
        assert!(!provider.may_write && !provider.may_reply);
        assert!(matches!(
            use_case
                .current(&another_customer().actor(), completed().id)
                .await,
            Err(WriteReviewError::Forbidden)
        ));
    }
}
