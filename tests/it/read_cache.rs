//! Instances sharing one PostgreSQL database each cache reads; a change committed anywhere
//! (another instance, a `psql` session) reaches every instance's cache through the database's
//! change notifications.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use adapters::read_cache::ReadCache;
use adapters::sea_orm::{DatabaseConnection, SeaOrmStores, listen_for_changes};
use application::ports::{
    AppointmentStore, BusySource, BusyTimeStore, BusyUpdate, ServiceStore, SessionData,
    SessionIdHash, SessionStore, SessionUser, SourceMode, UserStore,
};
use application::{AppointmentEvent, ChangeKind};
use domain::{ServiceName, TimeRange};
use sea_orm::ConnectionTrait;

use crate::builders::{
    a_customer, a_password_hash, a_provider, a_service, an_appointment, created, updated, utc,
};
use crate::databases::fresh_postgres;

/// One instance's cached stores.
struct Instance {
    _cache: Arc<ReadCache>,
    services: Arc<dyn ServiceStore>,
    appointments: Arc<dyn AppointmentStore>,
    busy_times: Arc<dyn BusyTimeStore>,
    sessions: Arc<dyn SessionStore>,
}

fn instance(db: &DatabaseConnection) -> Instance {
    let stores = SeaOrmStores::new(db);
    let cache = ReadCache::new();
    listen_for_changes(db, &cache);
    Instance {
        services: cache.services(stores.services),
        appointments: cache.appointments(stores.appointments),
        busy_times: cache.busy_times(stores.busy_times),
        sessions: cache.sessions(stores.sessions),
        _cache: cache,
    }
}

/// Waits (up to five seconds) until `read` gives `expected`; the last value read otherwise.
async fn eventually<T, F, Fut>(expected: &T, mut read: F) -> T
where
    T: PartialEq,
    F: FnMut() -> Fut,
    Fut: Future<Output = T>,
{
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let value = read().await;
        if value == *expected || Instant::now() > deadline {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_instances_see_changes_made_elsewhere_despite_their_caches() {
    let (db, database) = fresh_postgres().await;
    let other_db = database.connect().await;
    let (one, two) = (instance(&db), instance(&other_db));
    // Let both listeners subscribe (each retires everything when it does).
    tokio::time::sleep(Duration::from_millis(300)).await;

    let raw = SeaOrmStores::new(&db);
    let provider = a_provider().build();
    let customer = a_customer().build();
    for user in [&provider, &customer] {
        raw.users.insert(user, &a_password_hash()).await.unwrap();
    }
    let mut service = a_service().by(&provider).named("Haircut").build();
    one.services
        .insert(&service, &created(&service))
        .await
        .unwrap();
    let name = |s: Option<domain::Service>| s.map(|s| s.name.as_str().to_owned());
    assert_eq!(
        name(two.services.by_id(service.id).await.unwrap()).as_deref(),
        Some("Haircut")
    );

    // Renamed through instance one: instance two's cached copy is retired.
    service.name = ServiceName::parse("Beard trim").unwrap();
    one.services
        .update(&service, &updated(&service))
        .await
        .unwrap();
    let seen = eventually(&Some("Beard trim".to_owned()), || async {
        name(two.services.by_id(service.id).await.unwrap())
    })
    .await;
    assert_eq!(seen.as_deref(), Some("Beard trim"));

    // Renamed by hand in SQL: both instances follow.
    db.execute_unprepared(&format!(
        "UPDATE services SET name = 'Shave' WHERE id = '{}'",
        service.id.as_uuid()
    ))
    .await
    .unwrap();
    for instance in [&one, &two] {
        let seen = eventually(&Some("Shave".to_owned()), || async {
            name(instance.services.by_id(service.id).await.unwrap())
        })
        .await;
        assert_eq!(seen.as_deref(), Some("Shave"));
    }

    // Booked through instance one: the provider's busy times on instance two follow.
    let day = TimeRange::new(utc("2030-06-03T00:00:00Z"), utc("2030-06-04T00:00:00Z")).unwrap();
    assert!(
        two.appointments
            .busy(provider.id, day)
            .await
            .unwrap()
            .is_empty()
    );
    let appointment = an_appointment(&service, &customer).build();
    let event = AppointmentEvent::new(
        ChangeKind::Booked,
        &appointment,
        utc("2030-05-01T12:00:00Z"),
    );
    one.appointments
        .insert(&appointment, None, &event)
        .await
        .unwrap();
    let busy = eventually(&vec![appointment.blocked], || async {
        two.appointments.busy(provider.id, day).await.unwrap()
    })
    .await;
    assert_eq!(busy, vec![appointment.blocked]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_calendar_sync_retires_the_providers_cached_busy_time_on_every_instance() {
    let (db, database) = fresh_postgres().await;
    let other_db = database.connect().await;
    let (one, two) = (instance(&db), instance(&other_db));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let provider = a_provider().build();
    let day = TimeRange::new(utc("2030-06-03T00:00:00Z"), utc("2030-06-04T00:00:00Z")).unwrap();
    let dentist = TimeRange::new(utc("2030-06-03T10:00:00Z"), utc("2030-06-03T11:00:00Z")).unwrap();
    let source = BusySource::new(provider.id, "ann@gmail.com".to_owned(), SourceMode::Events);
    let synced = |busy: Vec<TimeRange>| BusyUpdate {
        full: true,
        busy: busy
            .into_iter()
            .map(|r| ("dentist".to_owned(), r))
            .collect(),
        gone: Vec::new(),
    };
    for instance in [&one, &two] {
        assert!(
            instance
                .busy_times
                .busy(provider.id, day)
                .await
                .unwrap()
                .is_empty()
        );
    }

    one.busy_times
        .record_sync(&source, &synced(vec![dentist]))
        .await
        .unwrap();

    // The syncing instance reads its own write at once; the other one after the announcement.
    assert_eq!(
        one.busy_times.busy(provider.id, day).await.unwrap(),
        vec![dentist]
    );
    let seen = eventually(&vec![dentist], || async {
        two.busy_times.busy(provider.id, day).await.unwrap()
    })
    .await;
    assert_eq!(seen, vec![dentist]);
    one.busy_times
        .record_sync(&source, &synced(vec![]))
        .await
        .unwrap();
    let seen = eventually(&vec![], || async {
        two.busy_times.busy(provider.id, day).await.unwrap()
    })
    .await;
    assert!(seen.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ended_on_one_instance_ends_on_every_instance() {
    let (db, database) = fresh_postgres().await;
    let other_db = database.connect().await;
    let (one, two) = (instance(&db), instance(&other_db));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let customer = a_customer().build();
    SeaOrmStores::new(&db)
        .users
        .insert(&customer, &a_password_hash())
        .await
        .unwrap();
    let now = utc("2030-06-03T09:00:00Z");
    let session = |n: u8| {
        (
            SessionIdHash::from_bytes([n; 32]),
            SessionData {
                user: Some(SessionUser::from(&customer)),
                csrf_token: format!("token-{n}"),
                expires_at: utc("2030-06-03T12:00:00Z"),
            },
        )
    };
    let (phone, laptop) = (session(1), session(2));
    for (id, data) in [&phone, &laptop] {
        one.sessions.save(id, data).await.unwrap();
        // The other instance now serves it from memory.
        assert_eq!(
            two.sessions.load(id, now).await.unwrap().as_ref(),
            Some(data)
        );
    }

    // A logout on one instance: the other refuses the session as soon as it hears of it.
    one.sessions.remove(&phone.0).await.unwrap();
    let seen = eventually(&None, || async {
        two.sessions.load(&phone.0, now).await.unwrap()
    })
    .await;
    assert_eq!(seen, None);

    // Ended from the database alone (an erasure's statement, `psql`): the same.
    other_db
        .execute_unprepared("DELETE FROM sessions")
        .await
        .unwrap();
    let seen = eventually(&None, || async {
        one.sessions.load(&laptop.0, now).await.unwrap()
    })
    .await;
    assert_eq!(seen, None);
}
