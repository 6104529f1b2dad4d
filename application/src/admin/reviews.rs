//! Staff deal with reported reviews: hide one (with a reason) or show it again, audited.
//! A review is never hidden for being negative; the reason says what rule it broke.

use std::sync::Arc;

use domain::{ModerationReason, Review, ReviewId};
use serde_json::{Value, json};

use super::{AdminError, AdminRefusal, Auditor, staff_only};
use crate::actor::Actor;
use crate::ports::{Clock, Page, PageRequest, ReportedReview, ReviewStore};

/// A review as the audit log keeps it.
fn review_json(r: &Review, reason: &ModerationReason) -> Value {
    json!({
        "appointment": r.appointment.to_string(),
        "stars": r.stars.get(),
        "hidden": !r.is_visible(),
        "reason": reason.as_str(),
    })
}

/// Staff list the reviews with open reports, and look at any review.
pub struct ListReports {
    reviews: Arc<dyn ReviewStore>,
}

impl ListReports {
    /// The use case over its port.
    pub fn new(reviews: Arc<dyn ReviewStore>) -> Self {
        Self { reviews }
    }

    /// One page of reported reviews, the longest waiting first.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff; storage failures.
    pub async fn run(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Page<ReportedReview>, AdminError> {
        staff_only(actor)?;
        Ok(self.reviews.reported(page).await?)
    }

    /// Review `id`, hidden or not.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`], [`AdminError::NotFound`], storage failures.
    pub async fn one(&self, actor: &Actor, id: ReviewId) -> Result<Review, AdminError> {
        staff_only(actor)?;
        self.reviews.by_id(id).await?.ok_or(AdminError::NotFound)
    }
}

/// Staff (admins and support) hide or restore a review; either closes its open reports.
pub struct ModerateReview {
    reviews: Arc<dyn ReviewStore>,
    clock: Arc<dyn Clock>,
    auditor: Auditor,
}

impl ModerateReview {
    /// The use case over its ports.
    pub fn new(reviews: Arc<dyn ReviewStore>, clock: Arc<dyn Clock>, auditor: Auditor) -> Self {
        Self {
            reviews,
            clock,
            auditor,
        }
    }

    /// Hides review `id` from pages and ratings because of `reason`.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`], [`AdminError::NotFound`], [`AdminError::Invalid`] when it
    /// is hidden already; storage failures.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, review = %id))]
    pub async fn hide(
        &self,
        actor: &Actor,
        id: ReviewId,
        reason: ModerationReason,
    ) -> Result<Review, AdminError> {
        self.moderate(actor, id, reason, true).await
    }

    /// Shows review `id` again because of `reason`.
    ///
    /// # Errors
    /// As [`ModerateReview::hide`], with [`AdminError::Invalid`] when it is visible.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, review = %id))]
    pub async fn restore(
        &self,
        actor: &Actor,
        id: ReviewId,
        reason: ModerationReason,
    ) -> Result<Review, AdminError> {
        self.moderate(actor, id, reason, false).await
    }

    async fn moderate(
        &self,
        actor: &Actor,
        id: ReviewId,
        reason: ModerationReason,
        hide: bool,
    ) -> Result<Review, AdminError> {
        staff_only(actor)?;
        let mut review = self.reviews.by_id(id).await?.ok_or(AdminError::NotFound)?;
        let before = review_json(&review, &reason);
        let now = self.clock.now();
        let changed = if hide {
            review.hide(actor.id, reason.clone(), now)
        } else {
            review.restore()
        };
        changed.map_err(|e| AdminError::Invalid(AdminRefusal::Review(e)))?;
        self.reviews.update(&review).await?;
        self.reviews.resolve_reports(id, now).await?;
        let action = if hide {
            "review.hide"
        } else {
            "review.restore"
        };
        self.auditor
            .record(
                actor,
                action,
                format!("review:{id}"),
                Some(before),
                Some(review_json(&review, &reason)),
            )
            .await?;
        Ok(review)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::audit::MockAuditLog;
    use crate::ports::reviews::MockReviewStore;
    use crate::test_support::*;

    fn reason() -> ModerationReason {
        ModerationReason::parse("Names the customer's neighbour").unwrap()
    }

    fn auditor(log: MockAuditLog) -> Auditor {
        Auditor::new(Arc::new(log), clock_at(NOW))
    }

    fn store_with(review: Review) -> MockReviewStore {
        let mut reviews = MockReviewStore::new();
        reviews
            .expect_by_id()
            .returning(move |_| Ok(Some(review.clone())));
        reviews
    }

    #[tokio::test]
    async fn staff_hide_a_review_closing_its_reports_and_auditing_it() {
        for actor in [an_admin().actor(), a_support_agent().actor()] {
            let mut reviews = store_with(a_review().build());
            reviews
                .expect_update()
                .withf(|r| !r.is_visible())
                .times(1)
                .returning(|_| Ok(()));
            reviews
                .expect_resolve_reports()
                .times(1)
                .returning(|_, _| Ok(()));
            let mut log = MockAuditLog::new();
            log.expect_record()
                .withf(|e| {
                    e.action == "review.hide"
                        && e.after
                            .as_deref()
                            .is_some_and(|a| a.contains("\"hidden\":true"))
                })
                .times(1)
                .returning(|_| Ok(()));
            let review = ModerateReview::new(Arc::new(reviews), clock_at(NOW), auditor(log))
                .hide(&actor, a_review().build().id, reason())
                .await
                .unwrap();
            assert_eq!(review.hidden.map(|h| h.by), Some(actor.id));
        }
    }

    #[tokio::test]
    async fn staff_restore_a_hidden_review() {
        let mut reviews = store_with(a_review().hidden().build());
        reviews
            .expect_update()
            .withf(Review::is_visible)
            .times(1)
            .returning(|_| Ok(()));
        reviews.expect_resolve_reports().returning(|_, _| Ok(()));
        let mut log = MockAuditLog::new();
        log.expect_record()
            .withf(|e| e.action == "review.restore")
            .times(1)
            .returning(|_| Ok(()));
        ModerateReview::new(Arc::new(reviews), clock_at(NOW), auditor(log))
            .restore(&an_admin().actor(), a_review().build().id, reason())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn hiding_a_hidden_review_is_refused() {
        let mut reviews = store_with(a_review().hidden().build());
        reviews.expect_update().never();
        let mut log = MockAuditLog::new();
        log.expect_record().never();
        let result = ModerateReview::new(Arc::new(reviews), clock_at(NOW), auditor(log))
            .hide(&an_admin().actor(), a_review().build().id, reason())
            .await;
        assert!(matches!(result, Err(AdminError::Invalid(_))));
    }

    #[tokio::test]
    async fn customers_and_providers_cannot_moderate_or_list_reports() {
        for actor in [a_customer().actor(), a_provider().actor()] {
            let mut reviews = MockReviewStore::new();
            reviews.expect_update().never();
            reviews.expect_reported().never();
            let reviews: Arc<dyn ReviewStore> = Arc::new(reviews);
            let result =
                ModerateReview::new(reviews.clone(), clock_at(NOW), auditor(MockAuditLog::new()))
                    .hide(&actor, a_review().build().id, reason())
                    .await;
            assert!(matches!(result, Err(AdminError::Forbidden)), "{actor:?}");
            let listed = ListReports::new(reviews)
                .run(&actor, PageRequest::default())
                .await;
            assert!(matches!(listed, Err(AdminError::Forbidden)), "{actor:?}");
        }
    }
}
