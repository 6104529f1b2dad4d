//! The [`application::ports::SessionStore`] contract: a session loads by the hash of its id
//! until it expires, saving replaces it, and it ends when removed, purged after expiry, or when
//! its user's sessions are ended (an erased or deactivated account).

use application::ports::{SessionData, SessionId, SessionIdHash, SessionUser};
use chrono::{DateTime, Utc};
use domain::{Role, User};

use super::Stores;
use crate::builders::{a_customer, a_provider, utc};

const NOW: &str = "2030-05-02T09:00:00Z";

fn a_session_id() -> SessionIdHash {
    SessionId::generate().unwrap().hash()
}

fn anonymous(expires_at: &str) -> SessionData {
    SessionData::anonymous(utc(expires_at)).unwrap()
}

fn of(user: &User, expires_at: &str) -> SessionData {
    SessionData {
        user: Some(SessionUser::from(user)),
        ..anonymous(expires_at)
    }
}

async fn stored(stores: &Stores, data: &SessionData) -> SessionIdHash {
    let id = a_session_id();
    stores.sessions.save(&id, data).await.unwrap();
    id
}

async fn load(stores: &Stores, id: &SessionIdHash, at: DateTime<Utc>) -> Option<SessionData> {
    stores.sessions.load(id, at).await.unwrap()
}

pub async fn session_store_round_trips_a_visitors_and_a_users_session(stores: &Stores) {
    let provider = stores
        .add_user(a_provider().named("Ada Lovelace").build())
        .await;
    let visitor = anonymous("2030-05-02T10:00:00Z");
    let signed_in = of(&provider, "2030-05-02T11:00:00Z");
    let visitor_id = stored(stores, &visitor).await;
    let signed_in_id = stored(stores, &signed_in).await;
    assert_eq!(load(stores, &visitor_id, utc(NOW)).await, Some(visitor));
    let loaded = load(stores, &signed_in_id, utc(NOW)).await.unwrap();
    assert_eq!(loaded, signed_in);
    let user = loaded.user.unwrap();
    assert_eq!(
        (user.role, user.name.as_str()),
        (Role::Provider, "Ada Lovelace")
    );
}

pub async fn session_store_loads_nothing_for_an_unknown_id(stores: &Stores) {
    stored(stores, &anonymous("2030-05-02T10:00:00Z")).await;
    assert_eq!(load(stores, &a_session_id(), utc(NOW)).await, None);
}

pub async fn session_store_loads_a_session_only_until_it_expires(stores: &Stores) {
    let id = stored(stores, &anonymous("2030-05-02T10:00:00Z")).await;
    assert!(
        load(stores, &id, utc("2030-05-02T09:59:59Z"))
            .await
            .is_some()
    );
    assert_eq!(load(stores, &id, utc("2030-05-02T10:00:00Z")).await, None);
}

pub async fn session_store_save_replaces_the_session(stores: &Stores) {
    let ann = stores.add_user(a_customer().build()).await;
    let id = stored(stores, &anonymous("2030-05-02T10:00:00Z")).await;
    let extended = of(&ann, "2030-05-03T10:00:00Z");
    stores.sessions.save(&id, &extended).await.unwrap();
    assert_eq!(
        load(stores, &id, utc("2030-05-02T12:00:00Z")).await,
        Some(extended)
    );
}

pub async fn session_store_ends_a_removed_session_only(stores: &Stores) {
    let ended = stored(stores, &anonymous("2030-05-02T10:00:00Z")).await;
    let kept = stored(stores, &anonymous("2030-05-02T10:00:00Z")).await;
    stores.sessions.remove(&ended).await.unwrap();
    stores.sessions.remove(&a_session_id()).await.unwrap();
    assert_eq!(load(stores, &ended, utc(NOW)).await, None);
    assert!(load(stores, &kept, utc(NOW)).await.is_some());
}

pub async fn session_store_purges_expired_sessions_only_and_counts_them(stores: &Stores) {
    let ann = stores.add_user(a_customer().build()).await;
    stored(stores, &anonymous("2030-05-02T08:00:00Z")).await;
    stored(stores, &of(&ann, "2030-05-02T09:00:00Z")).await;
    let live = stored(stores, &anonymous("2030-05-02T09:00:01Z")).await;
    assert_eq!(stores.sessions.purge_expired(utc(NOW)).await.unwrap(), 2);
    assert_eq!(stores.sessions.purge_expired(utc(NOW)).await.unwrap(), 0);
    assert!(load(stores, &live, utc(NOW)).await.is_some());
}

pub async fn session_store_ends_every_session_of_a_user_and_only_theirs(stores: &Stores) {
    let ann = stores.add_user(a_customer().build()).await;
    let bob = stores.add_user(a_customer().build()).await;
    let phone = stored(stores, &of(&ann, "2030-05-02T10:00:00Z")).await;
    let laptop = stored(stores, &of(&ann, "2030-05-02T10:00:00Z")).await;
    let bobs = stored(stores, &of(&bob, "2030-05-02T10:00:00Z")).await;
    let visitor = stored(stores, &anonymous("2030-05-02T10:00:00Z")).await;
    stores.sessions.remove_user(ann.id).await.unwrap();
    assert_eq!(load(stores, &phone, utc(NOW)).await, None);
    assert_eq!(load(stores, &laptop, utc(NOW)).await, None);
    assert!(load(stores, &bobs, utc(NOW)).await.is_some());
    assert!(load(stores, &visitor, utc(NOW)).await.is_some());
}
