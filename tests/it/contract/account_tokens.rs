//! The [`application::ports::AccountTokens`] contract: a token works once, before it expires,
//! only for its purpose, and using one retires the user's other tokens of that purpose.

use application::ports::{AccountToken, RepoError, TokenPurpose};
use chrono::{DateTime, Utc};

use super::Stores;
use crate::builders::{a_customer, utc};

const RESET: TokenPurpose = TokenPurpose::PasswordReset;
const VERIFY: TokenPurpose = TokenPurpose::EmailVerification;

fn expiry() -> DateTime<Utc> {
    utc("2030-05-02T10:00:00Z")
}

pub async fn account_tokens_work_once(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = AccountToken::generate().unwrap();
    stores
        .account_tokens
        .insert(&token.hash(), RESET, user.id, expiry())
        .await
        .unwrap();
    let now = utc("2030-05-02T09:59:59Z");
    let first = stores
        .account_tokens
        .consume(&token.hash(), RESET, now)
        .await
        .unwrap();
    let second = stores
        .account_tokens
        .consume(&token.hash(), RESET, now)
        .await
        .unwrap();
    assert_eq!((first, second), (Some(user.id), None));
}

pub async fn account_tokens_stop_working_when_they_expire(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = AccountToken::generate().unwrap();
    stores
        .account_tokens
        .insert(&token.hash(), RESET, user.id, expiry())
        .await
        .unwrap();
    let at_expiry = stores
        .account_tokens
        .consume(&token.hash(), RESET, expiry())
        .await;
    assert_eq!(at_expiry.unwrap(), None);
}

pub async fn account_tokens_unknown_to_the_store_do_not_work(stores: &Stores) {
    let never_stored = AccountToken::generate().unwrap();
    let found = stores
        .account_tokens
        .consume(&never_stored.hash(), RESET, utc("2030-05-01T00:00:00Z"))
        .await;
    assert_eq!(found.unwrap(), None);
}

pub async fn account_tokens_using_one_retires_the_users_other_tokens_only(stores: &Stores) {
    let owner = stores.add_user(a_customer().build()).await;
    let someone_else = stores.add_user(a_customer().build()).await;
    let [first, sibling, others] = [(); 3].map(|()| AccountToken::generate().unwrap());
    for (token, holder) in [
        (&first, owner.id),
        (&sibling, owner.id),
        (&others, someone_else.id),
    ] {
        stores
            .account_tokens
            .insert(&token.hash(), RESET, holder, expiry())
            .await
            .unwrap();
    }
    let now = utc("2030-05-02T09:00:00Z");
    let mut results = Vec::new();
    for token in [&first, &sibling, &others] {
        results.push(
            stores
                .account_tokens
                .consume(&token.hash(), RESET, now)
                .await
                .unwrap(),
        );
    }
    assert_eq!(results, [Some(owner.id), None, Some(someone_else.id)]);
}

pub async fn account_tokens_refuse_a_hash_stored_twice(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = AccountToken::generate().unwrap();
    let hash = token.hash();
    let insert = || {
        stores
            .account_tokens
            .insert(&hash, RESET, user.id, expiry())
    };
    insert().await.unwrap();
    assert!(matches!(insert().await, Err(RepoError::Conflict)));
}

pub async fn account_tokens_work_only_for_their_purpose(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = AccountToken::generate().unwrap();
    let tokens = &stores.account_tokens;
    tokens
        .insert(&token.hash(), VERIFY, user.id, expiry())
        .await
        .unwrap();
    let now = utc("2030-05-02T09:00:00Z");
    let as_reset = tokens.consume(&token.hash(), RESET, now).await.unwrap();
    let as_verification = tokens.consume(&token.hash(), VERIFY, now).await.unwrap();
    assert_eq!((as_reset, as_verification), (None, Some(user.id)));
}

pub async fn account_tokens_using_one_leaves_the_users_tokens_of_other_purposes(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let [reset, verify] = [(); 2].map(|()| AccountToken::generate().unwrap());
    let tokens = &stores.account_tokens;
    tokens
        .insert(&reset.hash(), RESET, user.id, expiry())
        .await
        .unwrap();
    tokens
        .insert(&verify.hash(), VERIFY, user.id, expiry())
        .await
        .unwrap();
    let now = utc("2030-05-02T09:00:00Z");
    tokens.consume(&verify.hash(), VERIFY, now).await.unwrap();
    let reset_still_works = tokens.consume(&reset.hash(), RESET, now).await.unwrap();
    assert_eq!(reset_still_works, Some(user.id));
}

pub async fn account_tokens_revoke_only_the_users_tokens_of_that_purpose(stores: &Stores) {
    let owner = stores.add_user(a_customer().build()).await;
    let someone_else = stores.add_user(a_customer().build()).await;
    let [verify, reset, others] = [(); 3].map(|()| AccountToken::generate().unwrap());
    let tokens = &stores.account_tokens;
    for (token, purpose, holder) in [
        (&verify, VERIFY, owner.id),
        (&reset, RESET, owner.id),
        (&others, VERIFY, someone_else.id),
    ] {
        tokens
            .insert(&token.hash(), purpose, holder, expiry())
            .await
            .unwrap();
    }
    tokens.revoke(owner.id, VERIFY).await.unwrap();
    let now = utc("2030-05-02T09:00:00Z");
    let results = [
        tokens.consume(&verify.hash(), VERIFY, now).await.unwrap(),
        tokens.consume(&reset.hash(), RESET, now).await.unwrap(),
        tokens.consume(&others.hash(), VERIFY, now).await.unwrap(),
    ];
    assert_eq!(results, [None, Some(owner.id), Some(someone_else.id)]);
}

pub async fn account_tokens_report_the_latest_expiry_per_user_and_purpose(stores: &Stores) {
    let owner = stores.add_user(a_customer().build()).await;
    let someone_else = stores.add_user(a_customer().build()).await;
    let tokens = &stores.account_tokens;
    assert_eq!(tokens.latest_expiry(owner.id, VERIFY).await.unwrap(), None);
    for (purpose, holder, expires) in [
        (VERIFY, owner.id, "2030-05-02T10:00:00Z"),
        (VERIFY, owner.id, "2030-05-03T10:00:00Z"),
        (VERIFY, owner.id, "2030-05-01T10:00:00Z"),
        (RESET, owner.id, "2030-06-01T10:00:00Z"),
        (VERIFY, someone_else.id, "2030-07-01T10:00:00Z"),
    ] {
        let token = AccountToken::generate().unwrap();
        tokens
            .insert(&token.hash(), purpose, holder, utc(expires))
            .await
            .unwrap();
    }
    assert_eq!(
        tokens.latest_expiry(owner.id, VERIFY).await.unwrap(),
        Some(utc("2030-05-03T10:00:00Z"))
    );
}
