//! A provider answers a review of one of their appointments, or changes their answer.

use std::sync::Arc;

use domain::{ReplyText, Review, ReviewId};

use crate::actor::Actor;
use crate::ports::{Clock, RepoError, ReviewStore};

/// Why the reply was not saved.
#[derive(Debug, thiserror::Error)]
pub enum ReplyToReviewError {
    /// Not the provider the review is about.
    #[error("only the provider of the reviewed appointment can reply")]
    Forbidden,
    /// No such review.
    #[error("no such review")]
    NotFound,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Saves providers' replies: one per review, which they may change.
pub struct ReplyToReview {
    reviews: Arc<dyn ReviewStore>,
    clock: Arc<dyn Clock>,
}

impl ReplyToReview {
    /// The use case over its ports.
    pub fn new(reviews: Arc<dyn ReviewStore>, clock: Arc<dyn Clock>) -> Self {
        Self { reviews, clock }
    }

    /// Sets the reply to review `id` to `text`.
    ///
    /// # Errors
    /// See [`ReplyToReviewError`].
    #[tracing::instrument(skip(self, actor, text), fields(actor = %actor.id, review = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: ReviewId,
        text: ReplyText,
    ) -> Result<Review, ReplyToReviewError> {
        let mut review = self
            .reviews
            .by_id(id)
            .await?
            .ok_or(ReplyToReviewError::NotFound)?;
        if !actor.is_provider(review.provider) {
            return Err(ReplyToReviewError::Forbidden);
        }
        review.answer(text, self.clock.now());
        self.reviews.update(&review).await.map_err(|e| match e {
            RepoError::NotFound => ReplyToReviewError::NotFound,
            other => other.into(),
        })?;
        Ok(review)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::reviews::MockReviewStore;
    use crate::test_support::*;

    fn reply(text: &str) -> ReplyText {
        ReplyText::parse(text).unwrap()
    }

    fn store_with(review: Review) -> MockReviewStore {
        let mut reviews = MockReviewStore::new();
        reviews
            .expect_by_id()
            .returning(move |_| Ok(Some(review.clone())));
        reviews
    }

    #[tokio::test]
    async fn the_provider_replies_and_may_change_the_reply() {
        let mut replied = a_review().build();
        replied.answer(reply("Thanks"), utc(NOW));
        let mut reviews = store_with(replied);
        reviews
            .expect_update()
            .withf(|r| {
                r.reply
                    .as_ref()
                    .is_some_and(|x| x.text.as_str() == "Thank you!")
            })
            .times(1)
            .returning(|_| Ok(()));
        let review = ReplyToReview::new(Arc::new(reviews), clock_at(NOW))
            .run(
                &a_provider().actor(),
                a_review().build().id,
                reply("Thank you!"),
            )
            .await
            .unwrap();
        assert_eq!(review.reply.map(|r| r.at), Some(utc(NOW)));
    }

    #[tokio::test]
    async fn nobody_else_replies() {
        for actor in [
            another_provider().actor(),
            a_customer().actor(),
            an_admin().actor(),
        ] {
            let mut reviews = store_with(a_review().build());
            reviews.expect_update().never();
            let result = ReplyToReview::new(Arc::new(reviews), clock_at(NOW))
                .run(&actor, a_review().build().id, reply("Hi"))
                .await;
            assert!(
                matches!(result, Err(ReplyToReviewError::Forbidden)),
                "{actor:?}"
            );
        }
    }

    #[tokio::test]
    async fn an_unknown_review_is_not_found() {
        let mut reviews = MockReviewStore::new();
        reviews.expect_by_id().returning(|_| Ok(None));
        let result = ReplyToReview::new(Arc::new(reviews), clock_at(NOW))
            .run(&a_provider().actor(), a_review().build().id, reply("Hi"))
            .await;
        assert!(matches!(result, Err(ReplyToReviewError::NotFound)));
    }
}
