//! The [`application::ports::FeedTokens`] contract: a user has at most one feed token, found by
//! its hash; replacing or revoking it makes the old one stop working at once.

use application::ports::{FeedToken, RepoError};

use super::Stores;
use crate::builders::a_customer;

pub async fn feed_tokens_name_the_owner_of_an_issued_token_only(stores: &Stores) {
    let ann = stores.add_user(a_customer().build()).await;
    let token = FeedToken::generate().unwrap();
    stores
        .feed_tokens
        .replace(ann.id, &token.hash())
        .await
        .unwrap();
    let owner = stores.feed_tokens.owner(&token.hash()).await.unwrap();
    assert_eq!(owner, Some(ann.id));
    let never_issued = FeedToken::generate().unwrap().hash();
    assert_eq!(stores.feed_tokens.owner(&never_issued).await.unwrap(), None);
}

pub async fn feed_tokens_stop_working_when_replaced(stores: &Stores) {
    let ann = stores.add_user(a_customer().build()).await;
    let old = FeedToken::generate().unwrap();
    let new = FeedToken::generate().unwrap();
    stores
        .feed_tokens
        .replace(ann.id, &old.hash())
        .await
        .unwrap();
    stores
        .feed_tokens
        .replace(ann.id, &new.hash())
        .await
        .unwrap();
    assert_eq!(stores.feed_tokens.owner(&old.hash()).await.unwrap(), None);
    assert_eq!(
        stores.feed_tokens.owner(&new.hash()).await.unwrap(),
        Some(ann.id)
    );
}

pub async fn feed_tokens_stop_working_when_revoked_and_tell_whether_a_user_has_one(
    stores: &Stores,
) {
    let ann = stores.add_user(a_customer().build()).await;
    let bob = stores.add_user(a_customer().build()).await;
    let (anns, bobs) = (
        FeedToken::generate().unwrap(),
        FeedToken::generate().unwrap(),
    );
    assert!(!stores.feed_tokens.issued(ann.id).await.unwrap());
    stores
        .feed_tokens
        .replace(ann.id, &anns.hash())
        .await
        .unwrap();
    stores
        .feed_tokens
        .replace(bob.id, &bobs.hash())
        .await
        .unwrap();
    assert!(stores.feed_tokens.issued(ann.id).await.unwrap());
    stores.feed_tokens.revoke(ann.id).await.unwrap();
    stores.feed_tokens.revoke(ann.id).await.unwrap();
    assert!(!stores.feed_tokens.issued(ann.id).await.unwrap());
    assert_eq!(stores.feed_tokens.owner(&anns.hash()).await.unwrap(), None);
    assert_eq!(
        stores.feed_tokens.owner(&bobs.hash()).await.unwrap(),
        Some(bob.id)
    );
}

pub async fn feed_tokens_refuse_a_hash_issued_to_someone_else(stores: &Stores) {
    let ann = stores.add_user(a_customer().build()).await;
    let bob = stores.add_user(a_customer().build()).await;
    let token = FeedToken::generate().unwrap();
    stores
        .feed_tokens
        .replace(ann.id, &token.hash())
        .await
        .unwrap();
    let second_owner = stores.feed_tokens.replace(bob.id, &token.hash()).await;
    assert!(matches!(second_owner, Err(RepoError::Conflict)));
    assert_eq!(
        stores.feed_tokens.owner(&token.hash()).await.unwrap(),
        Some(ann.id)
    );
}
