//! A user lists their own personal API tokens.

use std::sync::Arc;

use crate::actor::Actor;
use crate::ports::{ApiToken, ApiTokens, RepoError};

/// Lists the acting user's tokens that are not revoked. There is no way to ask for someone
/// else's: the list is always the actor's own.
pub struct ListApiTokens {
    tokens: Arc<dyn ApiTokens>,
}

impl ListApiTokens {
    /// The use case over its port.
    pub fn new(tokens: Arc<dyn ApiTokens>) -> Self {
        Self { tokens }
    }

    /// `actor`'s tokens, newest first.
    ///
    /// # Errors
    /// When the store fails.
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id))]
    pub async fn run(&self, actor: &Actor) -> Result<Vec<ApiToken>, RepoError> {
        self.tokens.active_of(actor.id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::api_tokens::MockApiTokens;
    use crate::test_support::*;
    use mockall::predicate::eq;

    #[tokio::test]
    async fn the_list_is_the_actors_own() {
        let mut tokens = MockApiTokens::new();
        tokens
            .expect_active_of()
            .with(eq(another_customer().build().id))
            .times(1)
            .returning(|_| Ok(vec![]));
        let list = ListApiTokens::new(Arc::new(tokens))
            .run(&another_customer().actor())
            .await
            .unwrap();
        assert!(list.is_empty());
    }
}
