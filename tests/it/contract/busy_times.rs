//! The [`application::ports::BusyTimeStore`] contract: busy intervals per provider calendar,
//! replaced whole by a full sync and by event id by an incremental one, read by provider and
//! window across all their sources; each source's sync state round-trips.

use application::ports::{BusySource, BusyUpdate, SourceMode, SourceStatus};
use domain::{TimeRange, UserId};

use super::Stores;
use crate::builders::{fresh_uuid, utc};

fn a_provider_id() -> UserId {
    UserId::from_uuid(fresh_uuid())
}

fn at(from: &str, to: &str) -> TimeRange {
    TimeRange::new(utc(from), utc(to)).unwrap()
}

fn day() -> TimeRange {
    at("2030-05-02T00:00:00Z", "2030-05-03T00:00:00Z")
}

fn a_source(provider: UserId, calendar: &str) -> BusySource {
    BusySource::new(provider, calendar.to_owned(), SourceMode::Events)
}

fn full(busy: &[(&str, TimeRange)]) -> BusyUpdate {
    BusyUpdate {
        full: true,
        busy: busy.iter().map(|(id, r)| ((*id).to_owned(), *r)).collect(),
        gone: Vec::new(),
    }
}

pub async fn busy_times_round_trip_a_source_with_every_field(stores: &Stores) {
    let store = &stores.busy_times;
    let provider = a_provider_id();
    let mut source = a_source(provider, "ann@gmail.com");
    source.mode = SourceMode::FreeBusy;
    source.sync_token = Some("token-1".to_owned());
    source.synced_at = Some(utc("2030-05-01T09:30:00Z"));
    source.status = SourceStatus::AccessGone("403 forbidden".to_owned());
    source.notified_at = Some(utc("2030-05-01T09:31:00Z"));
    source.credentials = Some("v1.sealed-login".to_owned());
    store.save_source(&source).await.unwrap();
    assert_eq!(store.sources(provider).await.unwrap(), vec![source.clone()]);
    source.status = SourceStatus::Failing("503".to_owned());
    source.sync_token = None;
    store.save_source(&source).await.unwrap();
    assert_eq!(store.all_sources().await.unwrap(), vec![source]);
    assert!(store.sources(a_provider_id()).await.unwrap().is_empty());
}

pub async fn busy_times_claim_a_notice_once_until_it_is_cleared(stores: &Stores) {
    let store = &stores.busy_times;
    let provider = a_provider_id();
    let at = utc("2030-05-01T10:00:00Z");
    let notice = |stored: Vec<BusySource>| stored[0].notified_at;
    assert!(
        !store
            .claim_notice(provider, "ann@gmail.com", at)
            .await
            .unwrap(),
        "no such source"
    );
    let mut source = a_source(provider, "ann@gmail.com");
    store.save_source(&source).await.unwrap();
    assert!(
        store
            .claim_notice(provider, "ann@gmail.com", at)
            .await
            .unwrap()
    );
    let later = utc("2030-05-01T10:01:00Z");
    assert!(
        !store
            .claim_notice(provider, "ann@gmail.com", later)
            .await
            .unwrap(),
        "claimed already"
    );
    assert_eq!(notice(store.sources(provider).await.unwrap()), Some(at));
    // Saving the source's state (a sync) keeps the mark.
    source.status = SourceStatus::AccessGone("404".to_owned());
    store.save_source(&source).await.unwrap();
    store.record_sync(&source, &full(&[])).await.unwrap();
    assert_eq!(notice(store.sources(provider).await.unwrap()), Some(at));
    store.clear_notice(provider, "ann@gmail.com").await.unwrap();
    assert_eq!(notice(store.sources(provider).await.unwrap()), None);
    assert!(
        store
            .claim_notice(provider, "ann@gmail.com", later)
            .await
            .unwrap()
    );
    assert_eq!(notice(store.sources(provider).await.unwrap()), Some(later));
}

pub async fn busy_times_read_every_source_of_the_provider_in_the_window_by_start(stores: &Stores) {
    let store = &stores.busy_times;
    let provider = a_provider_id();
    let other = a_provider_id();
    let dentist = at("2030-05-02T10:00:00Z", "2030-05-02T11:00:00Z");
    let gym = at("2030-05-02T07:00:00Z", "2030-05-02T08:00:00Z");
    let trip = at("2030-05-01T12:00:00Z", "2030-05-04T12:00:00Z"); // spans the whole day
    let tomorrow = at("2030-05-03T00:00:00Z", "2030-05-03T01:00:00Z"); // touches the end
    store
        .record_sync(
            &a_source(provider, "ann@gmail.com"),
            &full(&[("a", dentist), ("b", tomorrow)]),
        )
        .await
        .unwrap();
    store
        .record_sync(
            &a_source(provider, "family"),
            &full(&[("a", gym), ("t", trip)]),
        )
        .await
        .unwrap();
    store
        .record_sync(&a_source(other, "ann@gmail.com"), &full(&[("x", dentist)]))
        .await
        .unwrap();
    assert_eq!(
        store.busy(provider, day()).await.unwrap(),
        vec![trip, gym, dentist]
    );
    assert_eq!(store.busy(other, day()).await.unwrap(), vec![dentist]);
}

pub async fn busy_times_apply_an_incremental_update_by_event_id(stores: &Stores) {
    let store = &stores.busy_times;
    let provider = a_provider_id();
    let source = a_source(provider, "ann@gmail.com");
    let nine = at("2030-05-02T09:00:00Z", "2030-05-02T10:00:00Z");
    let ten = at("2030-05-02T10:00:00Z", "2030-05-02T11:00:00Z");
    let noon = at("2030-05-02T12:00:00Z", "2030-05-02T13:00:00Z");
    store
        .record_sync(&source, &full(&[("a", nine), ("b", ten)]))
        .await
        .unwrap();
    let mut synced = source.clone();
    synced.sync_token = Some("t2".to_owned());
    let changes = BusyUpdate {
        full: false,
        busy: vec![("a".to_owned(), noon), ("c".to_owned(), nine)],
        gone: vec!["b".to_owned(), "never-seen".to_owned()],
    };
    store.record_sync(&synced, &changes).await.unwrap();
    assert_eq!(store.busy(provider, day()).await.unwrap(), vec![nine, noon]);
    assert_eq!(store.sources(provider).await.unwrap(), vec![synced]);
}

pub async fn busy_times_full_sync_replaces_only_that_sources_intervals(stores: &Stores) {
    let store = &stores.busy_times;
    let provider = a_provider_id();
    let nine = at("2030-05-02T09:00:00Z", "2030-05-02T10:00:00Z");
    let ten = at("2030-05-02T10:00:00Z", "2030-05-02T11:00:00Z");
    let noon = at("2030-05-02T12:00:00Z", "2030-05-02T13:00:00Z");
    let work = a_source(provider, "work");
    store
        .record_sync(&work, &full(&[("a", nine), ("b", ten)]))
        .await
        .unwrap();
    store
        .record_sync(&a_source(provider, "home"), &full(&[("a", noon)]))
        .await
        .unwrap();
    store
        .record_sync(&work, &full(&[("z", ten)]))
        .await
        .unwrap();
    assert_eq!(store.busy(provider, day()).await.unwrap(), vec![ten, noon]);
    store.record_sync(&work, &full(&[])).await.unwrap();
    assert_eq!(store.busy(provider, day()).await.unwrap(), vec![noon]);
}

pub async fn busy_times_keep_intervals_when_only_the_source_state_is_saved(stores: &Stores) {
    let store = &stores.busy_times;
    let provider = a_provider_id();
    let nine = at("2030-05-02T09:00:00Z", "2030-05-02T10:00:00Z");
    let mut source = a_source(provider, "work");
    store
        .record_sync(&source, &full(&[("a", nine)]))
        .await
        .unwrap();
    source.status = SourceStatus::Failing("429 rateLimitExceeded".to_owned());
    store.save_source(&source).await.unwrap();
    assert_eq!(store.busy(provider, day()).await.unwrap(), vec![nine]);
}

pub async fn busy_times_forget_a_removed_source_with_its_intervals_only(stores: &Stores) {
    let store = &stores.busy_times;
    let provider = a_provider_id();
    let nine = at("2030-05-02T09:00:00Z", "2030-05-02T10:00:00Z");
    let noon = at("2030-05-02T12:00:00Z", "2030-05-02T13:00:00Z");
    store
        .record_sync(&a_source(provider, "work"), &full(&[("a", nine)]))
        .await
        .unwrap();
    let home = a_source(provider, "home");
    store
        .record_sync(&home, &full(&[("a", noon)]))
        .await
        .unwrap();
    store.remove_source(provider, "work").await.unwrap();
    store.remove_source(provider, "never-added").await.unwrap();
    assert_eq!(store.busy(provider, day()).await.unwrap(), vec![noon]);
    assert_eq!(store.sources(provider).await.unwrap(), vec![home]);
}

pub async fn busy_times_read_a_large_full_sync_whole(stores: &Stores) {
    let store = &stores.busy_times;
    let provider = a_provider_id();
    let start = utc("2030-05-02T00:00:00Z");
    let busy: Vec<(String, TimeRange)> = (0..1200)
        .map(|i| {
            let from = start + chrono::TimeDelta::minutes(i);
            (
                format!("e{i}"),
                TimeRange::starting_at(from, chrono::TimeDelta::minutes(1)).unwrap(),
            )
        })
        .collect();
    let update = BusyUpdate {
        full: true,
        busy,
        gone: Vec::new(),
    };
    store
        .record_sync(&a_source(provider, "work"), &update)
        .await
        .unwrap();
    assert_eq!(store.busy(provider, day()).await.unwrap().len(), 1200);
}
