//! The [`application::ports::ApiTokens`] contract: tokens are found by the hash of their
//! secret, listed per owner without the revoked ones, revoked once, and record their last use.

use application::ports::{ApiSecret, ApiToken, RepoError};
use domain::{ApiTokenId, TokenName, User};
use uuid::Uuid;

use super::Stores;
use crate::builders::{a_customer, utc};

fn a_token_of(user: &User, name: &str, created_at: &str) -> ApiToken {
    ApiToken {
        id: ApiTokenId::from_uuid(Uuid::now_v7()),
        user: user.id,
        name: TokenName::parse(name).unwrap(),
        created_at: utc(created_at),
        last_used_at: None,
        revoked_at: None,
    }
}

/// Stores `token` with a fresh secret, which it returns.
async fn add(stores: &Stores, token: &ApiToken) -> ApiSecret {
    let secret = ApiSecret::generate().unwrap();
    stores
        .api_tokens
        .insert(token, &secret.hash())
        .await
        .unwrap();
    secret
}

pub async fn api_tokens_round_trip_by_id_and_by_the_hash_of_their_secret(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = a_token_of(&user, "Laptop", "2030-01-01T10:00:00Z");
    let secret = add(stores, &token).await;
    let by_hash = stores.api_tokens.by_hash(&secret.hash()).await.unwrap();
    let by_id = stores.api_tokens.by_id(token.id).await.unwrap();
    let unknown = ApiSecret::generate().unwrap().hash();
    assert_eq!(by_hash, Some(token.clone()));
    assert_eq!(by_id, Some(token));
    assert_eq!(stores.api_tokens.by_hash(&unknown).await.unwrap(), None);
}

pub async fn api_tokens_refuse_a_hash_or_an_id_stored_twice(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = a_token_of(&user, "CI", "2030-01-01T10:00:00Z");
    let secret = add(stores, &token).await;
    let same_hash = a_token_of(&user, "Copy", "2030-01-01T11:00:00Z");
    let same_id = ApiSecret::generate().unwrap().hash();
    assert!(matches!(
        stores.api_tokens.insert(&same_hash, &secret.hash()).await,
        Err(RepoError::Conflict)
    ));
    assert!(matches!(
        stores.api_tokens.insert(&token, &same_id).await,
        Err(RepoError::Conflict)
    ));
}

pub async fn api_tokens_list_an_owners_unrevoked_tokens_newest_first(stores: &Stores) {
    let owner = stores.add_user(a_customer().build()).await;
    let someone_else = stores.add_user(a_customer().build()).await;
    let older = a_token_of(&owner, "Older", "2030-01-01T10:00:00Z");
    let newer = a_token_of(&owner, "Newer", "2030-01-02T10:00:00Z");
    let revoked = a_token_of(&owner, "Revoked", "2030-01-03T10:00:00Z");
    let theirs = a_token_of(&someone_else, "Theirs", "2030-01-04T10:00:00Z");
    for token in [&older, &newer, &revoked, &theirs] {
        add(stores, token).await;
    }
    stores
        .api_tokens
        .revoke(revoked.id, utc("2030-01-05T10:00:00Z"))
        .await
        .unwrap();
    let listed = stores.api_tokens.active_of(owner.id).await.unwrap();
    assert_eq!(listed, [newer, older]);
}

pub async fn api_tokens_keep_the_first_revocation_time(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = a_token_of(&user, "CI", "2030-01-01T10:00:00Z");
    let secret = add(stores, &token).await;
    for at in ["2030-01-02T10:00:00Z", "2030-01-03T10:00:00Z"] {
        stores.api_tokens.revoke(token.id, utc(at)).await.unwrap();
    }
    let found = stores.api_tokens.by_hash(&secret.hash()).await.unwrap();
    assert_eq!(found.unwrap().revoked_at, Some(utc("2030-01-02T10:00:00Z")));
}

pub async fn api_tokens_record_their_last_use(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let token = a_token_of(&user, "CI", "2030-01-01T10:00:00Z");
    add(stores, &token).await;
    for at in ["2030-01-02T10:00:00Z", "2030-01-03T10:00:00Z"] {
        stores
            .api_tokens
            .record_use(token.id, utc(at))
            .await
            .unwrap();
    }
    let found = stores.api_tokens.by_id(token.id).await.unwrap().unwrap();
    assert_eq!(found.last_used_at, Some(utc("2030-01-03T10:00:00Z")));
}

pub async fn api_tokens_unknown_to_the_store_cannot_be_revoked_or_used(stores: &Stores) {
    let unknown = ApiTokenId::from_uuid(Uuid::now_v7());
    let at = utc("2030-01-01T10:00:00Z");
    assert!(matches!(
        stores.api_tokens.revoke(unknown, at).await,
        Err(RepoError::NotFound)
    ));
    assert!(matches!(
        stores.api_tokens.record_use(unknown, at).await,
        Err(RepoError::NotFound)
    ));
}
