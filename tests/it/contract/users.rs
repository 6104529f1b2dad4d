//! The [`application::ports::UserStore`] contract.

use application::ports::RepoError;
use domain::{Email, PersonName, UserId};
use uuid::Uuid;

use super::Stores;
use crate::builders::{a_customer, a_password_hash, a_provider, utc};

pub async fn user_store_round_trips_every_field(stores: &Stores) {
    let user = a_provider()
        .named("Ana Lima")
        .in_zone("Europe/Paris")
        .with_phone("+33 1 23 45 67 89")
        .with_calendar_email("ana.calendar@gmail.com")
        .with_photo("users/ana/0123abcd")
        .created_at("2026-03-04T05:06:07Z")
        .verified_at("2026-03-05T06:07:08Z")
        .inactive()
        .build();
    let hash = a_password_hash();
    stores.users.insert(&user, &hash).await.unwrap();

    assert_eq!(
        stores.users.by_id(user.id).await.unwrap(),
        Some(user.clone())
    );
    assert_eq!(
        stores.users.credentials(&user.email).await.unwrap(),
        Some((user, hash))
    );
}

pub async fn user_store_finds_nothing_for_an_unknown_id_or_email(stores: &Stores) {
    stores.add_user(a_customer().build()).await;
    let unknown = UserId::from_uuid(Uuid::now_v7());
    assert_eq!(stores.users.by_id(unknown).await.unwrap(), None);
    let nobody = Email::parse("nobody@example.org").unwrap();
    assert_eq!(stores.users.credentials(&nobody).await.unwrap(), None);
}

pub async fn user_store_rejects_a_taken_email(stores: &Stores) {
    let first = stores
        .add_user(a_customer().with_email("sam@example.org").build())
        .await;
    let second = a_provider().with_email("sam@example.org").build();
    let result = stores.users.insert(&second, &a_password_hash()).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
    assert_eq!(stores.users.by_id(second.id).await.unwrap(), None);
    assert_eq!(stores.users.by_id(first.id).await.unwrap(), Some(first));
}

pub async fn user_store_rejects_a_taken_id(stores: &Stores) {
    let first = stores.add_user(a_customer().build()).await;
    let mut second = a_customer().build();
    second.id = first.id;
    let result = stores.users.insert(&second, &a_password_hash()).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
}

pub async fn user_store_update_replaces_every_field(stores: &Stores) {
    let old = stores.add_user(a_customer().build()).await;
    let mut new = a_provider()
        .named("Renamed")
        .in_zone("America/New_York")
        .with_phone("555-0100")
        .with_calendar_email("cal@gmail.com")
        .with_photo("users/renamed/4567cdef")
        .created_at("2026-02-02T02:02:02Z")
        .inactive()
        .build();
    new.id = old.id;
    stores.users.update(&new).await.unwrap();

    assert_eq!(stores.users.by_id(old.id).await.unwrap(), Some(new.clone()));
    assert_eq!(stores.users.credentials(&old.email).await.unwrap(), None);
    let (found, _) = stores.users.credentials(&new.email).await.unwrap().unwrap();
    assert_eq!(found, new);
}

pub async fn user_store_update_to_a_taken_email_conflicts(stores: &Stores) {
    let ann = stores.add_user(a_customer().build()).await;
    let bob = stores.add_user(a_customer().build()).await;
    let mut changed = bob.clone();
    changed.email = ann.email.clone();
    changed.name = PersonName::parse("Bob Changed").unwrap();
    let result = stores.users.update(&changed).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
    assert_eq!(stores.users.by_id(bob.id).await.unwrap(), Some(bob));
}

pub async fn user_store_update_of_a_missing_user_is_not_found(stores: &Stores) {
    let never_stored = a_customer().build();
    let result = stores.users.update(&never_stored).await;
    assert!(matches!(result, Err(RepoError::NotFound)), "{result:?}");
}

pub async fn user_store_set_password_replaces_the_hash(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let other = stores.add_user(a_customer().build()).await;
    let (_, other_hash) = stores
        .users
        .credentials(&other.email)
        .await
        .unwrap()
        .unwrap();
    let new_hash = a_password_hash();
    stores.users.set_password(user.id, &new_hash).await.unwrap();

    let (found, hash) = stores
        .users
        .credentials(&user.email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found, hash), (user, new_hash));
    let (_, untouched) = stores
        .users
        .credentials(&other.email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(untouched, other_hash);
}

pub async fn user_store_set_password_of_a_missing_user_is_not_found(stores: &Stores) {
    let unknown = UserId::from_uuid(Uuid::now_v7());
    let result = stores.users.set_password(unknown, &a_password_hash()).await;
    assert!(matches!(result, Err(RepoError::NotFound)), "{result:?}");
}

pub async fn user_store_marks_an_email_verified_only_while_the_user_has_it(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let at = utc("2026-04-01T10:00:00Z");
    let old_address = Email::parse("old.address@example.org").unwrap();
    let stale = stores
        .users
        .mark_email_verified(user.id, &old_address, at)
        .await;
    assert!(matches!(stale, Err(RepoError::NotFound)), "{stale:?}");
    assert_eq!(
        stores.users.by_id(user.id).await.unwrap(),
        Some(user.clone())
    );

    stores
        .users
        .mark_email_verified(user.id, &user.email, at)
        .await
        .unwrap();
    let found = stores.users.by_id(user.id).await.unwrap().unwrap();
    assert_eq!(found.email_verified_at, Some(at));

    let unknown = UserId::from_uuid(Uuid::now_v7());
    let missing = stores
        .users
        .mark_email_verified(unknown, &user.email, at)
        .await;
    assert!(matches!(missing, Err(RepoError::NotFound)), "{missing:?}");
}

pub async fn user_store_update_keeps_the_verification_of_an_unchanged_email_only(stores: &Stores) {
    let user = stores.add_user(a_customer().build()).await;
    let at = utc("2026-04-01T10:00:00Z");
    stores
        .users
        .mark_email_verified(user.id, &user.email, at)
        .await
        .unwrap();

    // A profile saved from a read taken before the verification does not undo it.
    let mut renamed = user.clone();
    renamed.name = PersonName::parse("Renamed").unwrap();
    stores.users.update(&renamed).await.unwrap();
    let found = stores.users.by_id(user.id).await.unwrap().unwrap();
    assert_eq!(
        (found.name.as_str(), found.email_verified_at),
        ("Renamed", Some(at))
    );

    // A new address is not verified, even when the caller claims it is.
    let mut moved = found;
    moved.email = Email::parse("moved@example.org").unwrap();
    stores.users.update(&moved).await.unwrap();
    let found = stores.users.by_id(user.id).await.unwrap().unwrap();
    assert_eq!((found.email, found.email_verified_at), (moved.email, None));
}
