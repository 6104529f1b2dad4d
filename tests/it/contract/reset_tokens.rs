//! The [`application::ports::PasswordResetTokens`] contract: a token works once, before it
//! expires, and using one retires the user's other tokens.

use application::ports::{RepoError, ResetToken};
use chrono::{DateTime, Utc};

use super::Stores;
use crate::builders::{a_customer, utc};

fn expiry() -> DateTime<Utc> {
    utc("2030-05-02T10:00:00Z")
}

pub async fn reset_tokens_work_once(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = ResetToken::generate().unwrap();
    stores
        .reset_tokens
        .insert(&token.hash(), user.id, expiry())
        .await
        .unwrap();
    let now = utc("2030-05-02T09:59:59Z");
    let first = stores
        .reset_tokens
        .consume(&token.hash(), now)
        .await
        .unwrap();
    let second = stores
        .reset_tokens
        .consume(&token.hash(), now)
        .await
        .unwrap();
    assert_eq!((first, second), (Some(user.id), None));
}

pub async fn reset_tokens_stop_working_when_they_expire(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = ResetToken::generate().unwrap();
    stores
        .reset_tokens
        .insert(&token.hash(), user.id, expiry())
        .await
        .unwrap();
    let at_expiry = stores.reset_tokens.consume(&token.hash(), expiry()).await;
    assert_eq!(at_expiry.unwrap(), None);
}

pub async fn reset_tokens_unknown_to_the_store_do_not_work(stores: &Stores) {
    let never_stored = ResetToken::generate().unwrap();
    let found = stores
        .reset_tokens
        .consume(&never_stored.hash(), utc("2030-05-01T00:00:00Z"))
        .await;
    assert_eq!(found.unwrap(), None);
}

pub async fn reset_tokens_using_one_retires_the_users_other_tokens_only(stores: &Stores) {
    let owner = stores.add_user(a_customer().build()).await;
    let someone_else = stores.add_user(a_customer().build()).await;
    let [first, sibling, others] = [(); 3].map(|()| ResetToken::generate().unwrap());
    for (token, holder) in [
        (&first, owner.id),
        (&sibling, owner.id),
        (&others, someone_else.id),
    ] {
        stores
            .reset_tokens
            .insert(&token.hash(), holder, expiry())
            .await
            .unwrap();
    }
    let now = utc("2030-05-02T09:00:00Z");
    let mut results = Vec::new();
    for token in [&first, &sibling, &others] {
        results.push(
            stores
                .reset_tokens
                .consume(&token.hash(), now)
                .await
                .unwrap(),
        );
    }
    assert_eq!(results, [Some(owner.id), None, Some(someone_else.id)]);
}

pub async fn reset_tokens_refuse_a_hash_stored_twice(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = ResetToken::generate().unwrap();
    let hash = token.hash();
    let insert = || stores.reset_tokens.insert(&hash, user.id, expiry());
    insert().await.unwrap();
    assert!(matches!(insert().await, Err(RepoError::Conflict)));
}
