//! Anyone reads the visible reviews of a service or provider, with their rating.

use std::collections::HashMap;
use std::sync::Arc;

use domain::{Rating, Review, UserId};

use crate::ports::{Page, PageRequest, RepoError, ReviewStore, Reviewed, UserStore};

/// A review as the public sees it: the author named by first name and initial only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicReview {
    /// The review.
    pub review: Review,
    /// "Ann S." for Ann Smith.
    pub author: String,
}

/// One page of reviews and the rating over all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviews {
    /// The rating over every visible review.
    pub rating: Rating,
    /// This page, newest first.
    pub page: Page<PublicReview>,
}

/// Reads public reviews.
pub struct ListReviews {
    reviews: Arc<dyn ReviewStore>,
    users: Arc<dyn UserStore>,
}

impl ListReviews {
    /// The use case over its ports.
    pub fn new(reviews: Arc<dyn ReviewStore>, users: Arc<dyn UserStore>) -> Self {
        Self { reviews, users }
    }

    /// Page `page` of the visible reviews of `of`, and their rating. Public: no actor.
    ///
    /// # Errors
    /// Storage failures.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self, of: Reviewed, page: PageRequest) -> Result<Reviews, RepoError> {
        let rating = self.reviews.rating(of).await?;
        let found = self.reviews.visible(of, page).await?;
        let mut names: HashMap<UserId, String> = HashMap::new();
        let mut items = Vec::with_capacity(found.items.len());
        for review in found.items {
            let author = if let Some(name) = names.get(&review.customer) {
                name.clone()
            } else {
                let name = self
                    .users
                    .by_id(review.customer)
                    .await?
                    .map_or_else(|| "A customer".to_owned(), |u| short_name(u.name.as_str()));
                names.insert(review.customer, name.clone());
                name
            };
            items.push(PublicReview { review, author });
        }
        Ok(Reviews {
            rating,
            page: Page {
                items,
                total: found.total,
                request: found.request,
            },
        })
    }
}

/// The first word of `name` and the initial of its last word: "Ann S." for "Ann Smith".
fn short_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("A customer");
    match words.last().and_then(|w| w.chars().next()) {
        Some(initial) => format!("{first} {initial}."),
        None => first.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::reviews::MockReviewStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    #[test]
    fn authors_are_shown_by_first_name_and_initial() {
        assert_eq!(short_name("Ann Marie Smith"), "Ann S.");
        assert_eq!(short_name("Prince"), "Prince");
    }

    #[tokio::test]
    async fn a_page_of_reviews_comes_with_the_rating_and_short_author_names() {
        let mut reviews = MockReviewStore::new();
        reviews
            .expect_rating()
            .withf(|of| *of == Reviewed::Service(a_service().build().id))
            .returning(|_| Ok(Rating { count: 1, stars: 4 }));
        reviews.expect_visible().returning(|_, request| {
            Ok(Page {
                items: vec![a_review().build()],
                total: 1,
                request,
            })
        });
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .times(1)
            .returning(|_| Ok(Some(a_customer().build())));
        let listed = ListReviews::new(Arc::new(reviews), Arc::new(users))
            .run(
                Reviewed::Service(a_service().build().id),
                PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(listed.rating.count, 1);
        assert_eq!(listed.page.items[0].author, "Sam E.");
    }
}
