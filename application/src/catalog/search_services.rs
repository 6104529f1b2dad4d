//! Anyone searches the marketplace.

use std::sync::Arc;

use crate::actor::Actor;
use crate::ports::{Page, RepoError, SearchQuery, ServiceListing, ServiceStore};

/// The longest search text accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// Why the search was not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchServicesError {
    /// The search text is longer than [`MAX_TEXT_CHARS`].
    #[error("search for at most {max} characters")]
    TextTooLong {
        /// The limit in characters.
        max: usize,
    },
    /// A price bound below zero.
    #[error("prices cannot be negative")]
    NegativePrice,
    /// The lowest price is above the highest.
    #[error("the lowest price must not be above the highest")]
    PriceRangeInverted,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Searches active services of active providers; the store does the matching and ranking.
pub struct SearchServices {
    services: Arc<dyn ServiceStore>,
}

impl SearchServices {
    /// The use case over its port.
    pub fn new(services: Arc<dyn ServiceStore>) -> Self {
        Self { services }
    }

    /// One page of services matching `query`, for anyone (`actor` is `None` when anonymous).
    /// The text is trimmed, its control characters and runs of white space collapsed into
    /// single spaces; a blank text means no text.
    ///
    /// # Errors
    /// See [`SearchServicesError`].
    #[tracing::instrument(skip(self, actor, query), fields(actor = ?actor.map(|a| a.id)))]
    pub async fn run(
        &self,
        actor: Option<&Actor>,
        query: SearchQuery,
    ) -> Result<Page<ServiceListing>, SearchServicesError> {
        let query = normalised(query)?;
        Ok(self.services.search(&query).await?)
    }
}

fn normalised(mut query: SearchQuery) -> Result<SearchQuery, SearchServicesError> {
    query.text = match query.text.take() {
        Some(raw) => {
            // Control characters match nothing, and PostgreSQL refuses NUL in text outright.
            let text = raw
                .replace(char::is_control, " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if text.chars().count() > MAX_TEXT_CHARS {
                return Err(SearchServicesError::TextTooLong {
                    max: MAX_TEXT_CHARS,
                });
            }
            Some(text).filter(|t| !t.is_empty())
        }
        None => None,
    };
    if query.min_price.is_some_and(|p| p < 0) || query.max_price.is_some_and(|p| p < 0) {
        return Err(SearchServicesError::NegativePrice);
    }
    if let (Some(min), Some(max)) = (query.min_price, query.max_price)
        && min > max
    {
        return Err(SearchServicesError::PriceRangeInverted);
    }
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::PageRequest;
    use crate::ports::services::MockServiceStore;

    fn empty_page() -> Page<ServiceListing> {
        Page {
            items: vec![],
            total: 0,
            request: PageRequest::default(),
        }
    }

    fn searching_for(expected: Option<&'static str>) -> SearchServices {
        let mut services = MockServiceStore::new();
        services
            .expect_search()
            .withf(move |q| q.text.as_deref() == expected)
            .times(1)
            .returning(|_| Ok(empty_page()));
        SearchServices::new(Arc::new(services))
    }

    fn refusing() -> SearchServices {
        let mut services = MockServiceStore::new();
        services.expect_search().never();
        SearchServices::new(Arc::new(services))
    }

    fn text(t: &str) -> SearchQuery {
        SearchQuery {
            text: Some(t.to_owned()),
            ..SearchQuery::default()
        }
    }

    #[tokio::test]
    async fn the_text_is_trimmed_and_its_spaces_collapsed() {
        searching_for(Some("beard trim"))
            .run(None, text("  beard \t trim \n"))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn control_characters_in_the_text_become_spaces() {
        searching_for(Some("beard trim"))
            .run(None, text("beard\0\u{1b}trim\u{7f}"))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_blank_text_searches_everything() {
        searching_for(None).run(None, text("   ")).await.unwrap();
    }

    #[tokio::test]
    async fn an_overlong_text_is_refused() {
        let result = refusing().run(None, text(&"a".repeat(201))).await;
        assert!(matches!(
            result,
            Err(SearchServicesError::TextTooLong { max: 200 })
        ));
    }

    #[tokio::test]
    async fn an_inverted_price_range_is_refused() {
        let query = SearchQuery {
            min_price: Some(5000),
            max_price: Some(1000),
            ..SearchQuery::default()
        };
        let result = refusing().run(None, query).await;
        assert!(matches!(
            result,
            Err(SearchServicesError::PriceRangeInverted)
        ));
    }

    #[tokio::test]
    async fn a_negative_price_is_refused() {
        let query = SearchQuery {
            max_price: Some(-1),
            ..SearchQuery::default()
        };
        let result = refusing().run(None, query).await;
        assert!(matches!(result, Err(SearchServicesError::NegativePrice)));
    }
}
