//! Anyone signed in reports a review to staff, with a reason.

use std::sync::Arc;

use domain::{ModerationReason, ReportId, ReviewId};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ports::{Clock, RepoError, Report, ReviewStore};

/// Why the report was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ReportReviewError {
    /// No such review, or one hidden already.
    #[error("no such review")]
    NotFound,
    /// The same person reported it already, and staff have not dealt with it yet.
    #[error("you have reported this review already")]
    AlreadyReported,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Takes reports of reviews for staff to look at.
pub struct ReportReview {
    reviews: Arc<dyn ReviewStore>,
    clock: Arc<dyn Clock>,
}

impl ReportReview {
    /// The use case over its ports.
    pub fn new(reviews: Arc<dyn ReviewStore>, clock: Arc<dyn Clock>) -> Self {
        Self { reviews, clock }
    }

    /// Reports review `id` because of `reason`. Any signed-in user may report a visible
    /// review.
    ///
    /// # Errors
    /// See [`ReportReviewError`].
    #[tracing::instrument(skip(self, actor, reason), fields(actor = %actor.id, review = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: ReviewId,
        reason: ModerationReason,
    ) -> Result<Report, ReportReviewError> {
        self.reportable(id).await?;
        let report = Report {
            id: ReportId::from_uuid(Uuid::now_v7()),
            review: id,
            reporter: actor.id,
            reason,
            at: self.clock.now(),
        };
        self.reviews.report(&report).await.map_err(|e| match e {
            RepoError::Conflict => ReportReviewError::AlreadyReported,
            RepoError::NotFound => ReportReviewError::NotFound,
            other => other.into(),
        })?;
        Ok(report)
    }

    /// Whether review `id` can be reported: it exists and is visible.
    ///
    /// # Errors
    /// [`ReportReviewError::NotFound`] when not; storage failures.
    pub async fn reportable(&self, id: ReviewId) -> Result<(), ReportReviewError> {
        let review = self.reviews.by_id(id).await?;
        if review.is_some_and(|r| r.is_visible()) {
            Ok(())
        } else {
            Err(ReportReviewError::NotFound)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::reviews::MockReviewStore;
    use crate::test_support::*;
    use domain::Review;

    fn reason() -> ModerationReason {
        ModerationReason::parse("Insults the provider").unwrap()
    }

    fn store_with(review: Review) -> MockReviewStore {
        let mut reviews = MockReviewStore::new();
        reviews
            .expect_by_id()
            .returning(move |_| Ok(Some(review.clone())));
        reviews
    }

    #[tokio::test]
    async fn anyone_signed_in_reports_a_visible_review() {
        for actor in [another_customer().actor(), a_provider().actor()] {
            let mut reviews = store_with(a_review().build());
            let reporter = actor.id;
            reviews
                .expect_report()
                .withf(move |r| r.reporter == reporter && r.at == utc(NOW))
                .times(1)
                .returning(|_| Ok(()));
            ReportReview::new(Arc::new(reviews), clock_at(NOW))
                .run(&actor, a_review().build().id, reason())
                .await
                .unwrap();
        }
    }

    #[tokio::test]
    async fn a_hidden_review_cannot_be_reported() {
        let mut reviews = store_with(a_review().hidden().build());
        reviews.expect_report().never();
        let result = ReportReview::new(Arc::new(reviews), clock_at(NOW))
            .run(&a_customer().actor(), a_review().build().id, reason())
            .await;
        assert!(matches!(result, Err(ReportReviewError::NotFound)));
    }

    #[tokio::test]
    async fn a_second_open_report_by_the_same_person_is_refused() {
        let mut reviews = store_with(a_review().build());
        reviews
            .expect_report()
            .returning(|_| Err(RepoError::Conflict));
        let result = ReportReview::new(Arc::new(reviews), clock_at(NOW))
            .run(&a_customer().actor(), a_review().build().id, reason())
            .await;
        assert!(matches!(result, Err(ReportReviewError::AlreadyReported)));
    }
}
