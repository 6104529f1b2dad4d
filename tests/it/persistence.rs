//! What the SQL stores guarantee beyond the port contracts, on SQLite and PostgreSQL alike:
//! no double booking under concurrency from several connection pools (as several app
//! instances), the outbox written with each change, history that cannot be deleted, search
//! documents that follow renames, and migrations that are safe to run twice or at once.

use std::sync::Arc;

use adapters::sea_orm::{DatabaseConnection, SeaOrmStores};
use application::ports::{
    AppointmentStore, CategoryStore, Channel, DeliveryQueue, RepoError, SearchQuery,
    SeatInsertError, SeriesInsertError, ServiceStore, UserStore,
};
use application::{AppointmentEvent, ChangeKind};
use chrono::TimeDelta;
use domain::{Appointment, CategoryName, Note, Party, PersonName, SeriesId, TimeRange};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use tokio::sync::Barrier;

use crate::builders::{
    a_category, a_customer, a_password_hash, a_provider, a_service, an_appointment, created, utc,
};
use crate::databases::{PostgresDatabase, fresh_postgres, fresh_sqlite};

/// Groups of mutually overlapping attempts; groups are far enough apart not to overlap.
const SLOTS: usize = 10;
/// Attempts per group, each 7 minutes after the previous one, all 60 minutes long.
const ATTEMPTS_PER_SLOT: usize = 6;

/// How a concurrent booking run ended.
#[derive(Debug, PartialEq, Eq)]
struct Figures {
    attempts: usize,
    winners_per_slot: Vec<usize>,
    conflicts: usize,
    overlapping_pairs_in_table: i64,
}

/// Books `SLOTS * ATTEMPTS_PER_SLOT` overlapping appointments of one provider at once, the
/// tasks alternating between `pools`.
async fn book_concurrently(pools: &[DatabaseConnection]) -> Figures {
    let stores: Vec<SeaOrmStores> = pools.iter().map(SeaOrmStores::new).collect();
    let first = &stores[0];
    let provider = a_provider().build();
    let customer = a_customer().build();
    for user in [&provider, &customer] {
        first.users.insert(user, &a_password_hash()).await.unwrap();
    }
    let service = a_service().by(&provider).lasting(60).build();
    first
        .services
        .insert(&service, &created(&service))
        .await
        .unwrap();

    let attempts = SLOTS * ATTEMPTS_PER_SLOT;
    let barrier = Arc::new(Barrier::new(attempts));
    let mut tasks = tokio::task::JoinSet::new();
    for slot in 0..SLOTS {
        for attempt in 0..ATTEMPTS_PER_SLOT {
            let start = utc("2030-06-03T00:00:00Z")
                + TimeDelta::hours(2 * i64::try_from(slot).unwrap())
                + TimeDelta::minutes(7 * i64::try_from(attempt).unwrap());
            let appointment = an_appointment(&service, &customer)
                .at(&start.to_rfc3339())
                .build();
            let store: Arc<dyn AppointmentStore> = stores
                [(slot * ATTEMPTS_PER_SLOT + attempt) % stores.len()]
            .appointments
            .clone();
            let barrier = Arc::clone(&barrier);
            tasks.spawn(async move {
                let event = AppointmentEvent::new(
                    ChangeKind::Booked,
                    &appointment,
                    utc("2030-05-01T12:00:00Z"),
                );
                barrier.wait().await;
                (slot, store.insert(&appointment, None, &event).await)
            });
        }
    }
    let mut winners_per_slot = vec![0; SLOTS];
    let mut conflicts = 0;
    for (slot, result) in tasks.join_all().await {
        match result {
            Ok(()) => winners_per_slot[slot] += 1,
            Err(RepoError::Conflict) => conflicts += 1,
            Err(other) => panic!("slot {slot}: unexpected {other:?}"),
        }
    }
    Figures {
        attempts,
        winners_per_slot,
        conflicts,
        overlapping_pairs_in_table: overlapping_pairs(&pools[0]).await,
    }
}

/// Pairs of active appointments of one provider whose blocked ranges overlap.
async fn overlapping_pairs(db: &DatabaseConnection) -> i64 {
    let sql = "SELECT COUNT(*) AS pairs FROM appointments a JOIN appointments b \
         ON a.provider_id = b.provider_id AND a.id < b.id \
         AND a.blocked_start < b.blocked_end AND b.blocked_start < a.blocked_end \
         WHERE a.status IN ('requested', 'confirmed') AND b.status IN ('requested', 'confirmed')";
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "pairs").unwrap()
}

fn assert_one_winner_per_slot(backend: &str, figures: &Figures) {
    eprintln!(
        "{backend}: {} concurrent attempts on {SLOTS} slots: {} won, {} got Conflict, \
         {} overlapping pairs in the table",
        figures.attempts,
        figures.winners_per_slot.iter().sum::<usize>(),
        figures.conflicts,
        figures.overlapping_pairs_in_table,
    );
    assert_eq!(
        figures,
        &Figures {
            attempts: SLOTS * ATTEMPTS_PER_SLOT,
            winners_per_slot: vec![1; SLOTS],
            conflicts: SLOTS * (ATTEMPTS_PER_SLOT - 1),
            overlapping_pairs_in_table: 0,
        }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_lets_one_of_many_concurrent_overlapping_bookings_win_per_slot_across_two_pools() {
    let (db, folder) = fresh_sqlite().await;
    let url = format!("sqlite://{}/bys.db", folder.path().display());
    let second = adapters::sea_orm::connect(&url).await.unwrap();
    let figures = book_concurrently(&[db, second]).await;
    assert_one_winner_per_slot("sqlite", &figures);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_lets_one_of_many_concurrent_overlapping_bookings_win_per_slot_across_two_pools() {
    let (db, database) = fresh_postgres().await;
    let second = database.connect().await;
    let figures = book_concurrently(&[db, second]).await;
    assert_one_winner_per_slot("postgres", &figures);
}

/// Rounds of the series race; each round uses its own hours, so rounds never overlap.
const SERIES_ROUNDS: usize = 40;
/// Occurrences of each racing series.
const SERIES_LENGTH: usize = 8;

/// How the series races ended.
#[derive(Debug, PartialEq, Eq)]
struct SeriesFigures {
    series_won: usize,
    single_won: usize,
    both_or_neither: usize,
    partly_stored_series: usize,
    overlapping_pairs_in_table: i64,
}

/// Races, `SERIES_ROUNDS` times, a weekly series of `SERIES_LENGTH` against a single booking
/// overlapping its fifth occurrence, from different pools (alternating which).
async fn race_series_against_a_single_booking(pools: &[DatabaseConnection]) -> SeriesFigures {
    let stores: Vec<SeaOrmStores> = pools.iter().map(SeaOrmStores::new).collect();
    let first = &stores[0];
    let provider = a_provider().build();
    let customer = a_customer().build();
    for user in [&provider, &customer] {
        first.users.insert(user, &a_password_hash()).await.unwrap();
    }
    let service = a_service().by(&provider).lasting(60).build();
    first
        .services
        .insert(&service, &created(&service))
        .await
        .unwrap();
    let mut figures = SeriesFigures {
        series_won: 0,
        single_won: 0,
        both_or_neither: 0,
        partly_stored_series: 0,
        overlapping_pairs_in_table: 0,
    };
    for round in 0..SERIES_ROUNDS {
        let base =
            utc("2030-06-03T00:00:00Z") + TimeDelta::hours(2 * i64::try_from(round).unwrap());
        let series = SeriesId::from_uuid(uuid::Uuid::now_v7());
        let occurrences: Vec<(Appointment, AppointmentEvent)> = (0..SERIES_LENGTH)
            .map(|week| {
                let start = base + TimeDelta::weeks(i64::try_from(week).unwrap());
                let mut a = an_appointment(&service, &customer)
                    .at(&start.to_rfc3339())
                    .build();
                a.series = Some(series);
                let booked = AppointmentEvent::new(ChangeKind::Booked, &a, base);
                (a, booked)
            })
            .collect();
        let single = an_appointment(&service, &customer)
            .at(&(base + TimeDelta::weeks(4) + TimeDelta::minutes(30)).to_rfc3339())
            .build();
        let single_event = AppointmentEvent::new(ChangeKind::Booked, &single, base);
        let series_store = stores[round % stores.len()].appointments.clone();
        let single_store = stores[(round + 1) % stores.len()].appointments.clone();
        let barrier = Arc::new(Barrier::new(2));
        let series_task = {
            let barrier = Arc::clone(&barrier);
            tokio::spawn(async move {
                barrier.wait().await;
                series_store.insert_series(&occurrences, None).await
            })
        };
        let single_task = tokio::spawn(async move {
            barrier.wait().await;
            single_store.insert(&single, None, &single_event).await
        });
        let series_result = series_task.await.unwrap();
        let single_result = single_task.await.unwrap();
        match (&series_result, &single_result) {
            (Ok(()), Err(RepoError::Conflict)) => figures.series_won += 1,
            (Err(SeriesInsertError::Conflict { occurrence: 4 }), Ok(())) => {
                figures.single_won += 1;
            }
            (Ok(()), Ok(()))
            | (Err(SeriesInsertError::Conflict { .. }), Err(RepoError::Conflict)) => {
                figures.both_or_neither += 1;
            }
            other => panic!("round {round}: unexpected {other:?}"),
        }
        let occurrences_stored = first.appointments.series(series).await.unwrap().len();
        if occurrences_stored != 0 && occurrences_stored != SERIES_LENGTH {
            figures.partly_stored_series += 1;
        }
        assert_eq!(
            occurrences_stored == SERIES_LENGTH,
            series_result.is_ok(),
            "round {round}"
        );
    }
    figures.overlapping_pairs_in_table = overlapping_pairs(&pools[0]).await;
    figures
}

fn assert_series_all_or_nothing(backend: &str, figures: &SeriesFigures) {
    eprintln!(
        "{backend}: {SERIES_ROUNDS} races of a series of {SERIES_LENGTH} against a single \
         booking on its fifth occurrence: the series won {}, the single booking won {}",
        figures.series_won, figures.single_won,
    );
    assert_eq!(figures.series_won + figures.single_won, SERIES_ROUNDS);
    assert_eq!(
        (
            figures.both_or_neither,
            figures.partly_stored_series,
            figures.overlapping_pairs_in_table
        ),
        (0, 0, 0),
        "{figures:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_lets_either_a_series_or_a_single_booking_on_its_fifth_occurrence_win_across_two_pools()
 {
    let (db, folder) = fresh_sqlite().await;
    let url = format!("sqlite://{}/bys.db", folder.path().display());
    let second = adapters::sea_orm::connect(&url).await.unwrap();
    let figures = race_series_against_a_single_booking(&[db, second]).await;
    assert_series_all_or_nothing("sqlite", &figures);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_lets_either_a_series_or_a_single_booking_on_its_fifth_occurrence_win_across_two_pools()
 {
    let (db, database) = fresh_postgres().await;
    let second = database.connect().await;
    let figures = race_series_against_a_single_booking(&[db, second]).await;
    assert_series_all_or_nothing("postgres", &figures);
}

/// Places of the class in the seat race.
const CLASS_PLACES: u16 = 12;
/// Seats booked before the race: 3 are left.
const SEATS_BOOKED_BEFORE: usize = 9;
/// Customers racing for the last seats.
const SEAT_RACERS: usize = 50;

/// How the seat race ended.
#[derive(Debug, PartialEq, Eq)]
struct SeatFigures {
    won: usize,
    full: usize,
    active_seats_in_table: i64,
    overlaps_outside_the_occurrence: i64,
}

/// `SEAT_RACERS` customers book a seat of one class occurrence at once, alternating between
/// `pools`, when `SEATS_BOOKED_BEFORE` of its `CLASS_PLACES` are taken.
async fn race_for_the_last_seats(pools: &[DatabaseConnection]) -> SeatFigures {
    let stores: Vec<SeaOrmStores> = pools.iter().map(SeaOrmStores::new).collect();
    let first = &stores[0];
    let provider = a_provider().build();
    first
        .users
        .insert(&provider, &a_password_hash())
        .await
        .unwrap();
    let class = a_service()
        .by(&provider)
        .lasting(60)
        .with_buffers(0, 15)
        .seating(CLASS_PLACES)
        .build();
    first
        .services
        .insert(&class, &created(&class))
        .await
        .unwrap();
    let capacity = domain::Capacity::new(CLASS_PLACES).unwrap();
    let mut seats = Vec::new();
    for _ in 0..SEATS_BOOKED_BEFORE + SEAT_RACERS {
        let customer = a_customer().build();
        first
            .users
            .insert(&customer, &a_password_hash())
            .await
            .unwrap();
        let seat = an_appointment(&class, &customer).build();
        let event = AppointmentEvent::new(ChangeKind::Booked, &seat, utc("2030-05-01T12:00:00Z"));
        seats.push((seat, event));
    }
    let racers = seats.split_off(SEATS_BOOKED_BEFORE);
    for (seat, event) in &seats {
        first
            .appointments
            .insert_seat(seat, capacity, None, event)
            .await
            .unwrap();
    }

    let barrier = Arc::new(Barrier::new(SEAT_RACERS));
    let mut tasks = tokio::task::JoinSet::new();
    for (n, (seat, event)) in racers.into_iter().enumerate() {
        let store = stores[n % stores.len()].appointments.clone();
        let barrier = Arc::clone(&barrier);
        tasks.spawn(async move {
            barrier.wait().await;
            store.insert_seat(&seat, capacity, None, &event).await
        });
    }
    let mut figures = SeatFigures {
        won: 0,
        full: 0,
        active_seats_in_table: 0,
        overlaps_outside_the_occurrence: 0,
    };
    for result in tasks.join_all().await {
        match result {
            Ok(()) => figures.won += 1,
            Err(SeatInsertError::Full) => figures.full += 1,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    let count = |sql: &'static str| async move {
        let db = &pools[0];
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    };
    figures.active_seats_in_table = count(
        "SELECT COUNT(*) AS n FROM appointments \
         WHERE occurrence IS NOT NULL AND status IN ('requested', 'confirmed')",
    )
    .await;
    figures.overlaps_outside_the_occurrence = count(
        "SELECT COUNT(*) AS n FROM appointments a JOIN appointments b \
         ON a.provider_id = b.provider_id AND a.id < b.id \
         AND a.blocked_start < b.blocked_end AND b.blocked_start < a.blocked_end \
         WHERE a.status IN ('requested', 'confirmed') AND b.status IN ('requested', 'confirmed') \
         AND (a.occurrence IS NULL OR b.occurrence IS NULL OR a.occurrence <> b.occurrence)",
    )
    .await;
    figures
}

fn assert_exactly_the_last_seats_booked(backend: &str, figures: &SeatFigures) {
    eprintln!(
        "{backend}: {SEAT_RACERS} customers raced for the last {} of {CLASS_PLACES} seats: \
         {} booked, {} told the class is full, {} active seats in the table",
        usize::from(CLASS_PLACES) - SEATS_BOOKED_BEFORE,
        figures.won,
        figures.full,
        figures.active_seats_in_table,
    );
    let left = usize::from(CLASS_PLACES) - SEATS_BOOKED_BEFORE;
    assert_eq!(
        figures,
        &SeatFigures {
            won: left,
            full: SEAT_RACERS - left,
            active_seats_in_table: i64::from(CLASS_PLACES),
            overlaps_outside_the_occurrence: 0,
        }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_gives_the_last_three_seats_to_exactly_three_of_fifty_concurrent_customers_across_two_pools()
 {
    let (db, folder) = fresh_sqlite().await;
    let url = format!("sqlite://{}/bys.db", folder.path().display());
    let second = adapters::sea_orm::connect(&url).await.unwrap();
    let figures = race_for_the_last_seats(&[db, second]).await;
    assert_exactly_the_last_seats_booked("sqlite", &figures);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_gives_the_last_three_seats_to_exactly_three_of_fifty_concurrent_customers_across_two_pools()
 {
    let (db, database) = fresh_postgres().await;
    let second = database.connect().await;
    let figures = race_for_the_last_seats(&[db, second]).await;
    assert_exactly_the_last_seats_booked("postgres", &figures);
}

/// Runs `$body(db)` as one test per database.
macro_rules! on_both_databases {
    ($($body:ident),* $(,)?) => {
        mod sqlite {$(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $body() {
                let (db, _folder) = crate::databases::fresh_sqlite().await;
                super::$body(&db).await;
            }
        )*}
        mod postgres {$(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $body() {
                let (db, _database) = crate::databases::fresh_postgres().await;
                super::$body(&db).await;
            }
        )*}
    };
}

on_both_databases!(
    every_change_leaves_its_event_in_the_outbox,
    a_refused_change_leaves_no_event,
    appointment_history_cannot_be_deleted_with_its_user_or_service,
    search_follows_renamed_providers_and_categories,
    search_matches_one_and_two_character_word_beginnings,
    migrating_again_changes_nothing,
    the_newest_migration_can_be_undone_and_redone_keeping_the_data,
);

async fn booked(stores: &SeaOrmStores) -> (Appointment, AppointmentEvent) {
    let provider = a_provider().build();
    let customer = a_customer().build();
    for user in [&provider, &customer] {
        stores.users.insert(user, &a_password_hash()).await.unwrap();
    }
    let service = a_service().by(&provider).build();
    stores
        .services
        .insert(&service, &created(&service))
        .await
        .unwrap();
    let appointment = an_appointment(&service, &customer).build();
    let event = AppointmentEvent::new(
        ChangeKind::Booked,
        &appointment,
        utc("2030-05-01T12:00:00Z"),
    );
    stores
        .appointments
        .insert(&appointment, None, &event)
        .await
        .unwrap();
    (appointment, event)
}

async fn every_change_leaves_its_event_in_the_outbox(db: &DatabaseConnection) {
    let stores = SeaOrmStores::new(db);
    let (mut appointment, booked_event) = booked(&stores).await;
    let from = appointment.session;
    appointment.session =
        TimeRange::starting_at(from.start() + TimeDelta::hours(2), from.length()).unwrap();
    appointment.blocked = appointment.session;
    appointment.reschedules.push(domain::Reschedule {
        from,
        to: appointment.session,
        by: Party::Provider,
        at: utc("2030-05-02T09:00:00Z"),
    });
    appointment.revision = 1;
    let moved = AppointmentEvent::new(
        ChangeKind::Rescheduled { from },
        &appointment,
        utc("2030-05-02T09:00:00Z"),
    );
    stores
        .appointments
        .update(&appointment, 0, &moved)
        .await
        .unwrap();
    let mut cancelled_appointment = appointment.clone();
    cancelled_appointment.status = domain::AppointmentStatus::Cancelled;
    cancelled_appointment.cancellation = Some(domain::Cancellation {
        by: Party::Customer,
        reason: Some(Note::parse("Away").unwrap()),
        at: utc("2030-05-03T09:00:00Z"),
    });
    cancelled_appointment.revision = 2;
    let cancelled = AppointmentEvent::new(
        ChangeKind::Cancelled {
            by: Party::Customer,
            reason: Some(Note::parse("Away").unwrap()),
        },
        &cancelled_appointment,
        utc("2030-05-03T09:00:00Z"),
    );
    stores
        .appointments
        .update(&cancelled_appointment, 1, &cancelled)
        .await
        .unwrap();

    let delivered = delivered_events(&stores).await;
    for channel in Channel::ALL {
        let events: Vec<_> = delivered
            .iter()
            .filter(|(c, _)| *c == channel)
            .map(|(_, e)| e.clone())
            .collect();
        assert_eq!(
            events,
            [booked_event.clone(), moved.clone(), cancelled.clone()],
            "{channel:?}"
        );
    }
}

/// The channel and event of every delivery, in the order a worker that completes each one
/// is handed them.
async fn delivered_events(stores: &SeaOrmStores) -> Vec<(Channel, AppointmentEvent)> {
    let now = utc("2030-06-01T00:00:00Z");
    let mut delivered = Vec::new();
    loop {
        let claimed = stores
            .deliveries
            .claim(now, 100, TimeDelta::minutes(5))
            .await
            .unwrap();
        if claimed.is_empty() {
            return delivered;
        }
        for delivery in claimed {
            stores.deliveries.complete(&delivery, now).await.unwrap();
            delivered.push((delivery.channel, delivery.event));
        }
    }
}

async fn a_refused_change_leaves_no_event(db: &DatabaseConnection) {
    let stores = SeaOrmStores::new(db);
    let (appointment, booked_event) = booked(&stores).await;
    let mut clash = appointment.clone();
    clash.id = domain::AppointmentId::from_uuid(uuid::Uuid::now_v7());
    let event = AppointmentEvent::new(ChangeKind::Booked, &clash, utc("2030-05-01T12:00:00Z"));
    assert!(matches!(
        stores.appointments.insert(&clash, None, &event).await,
        Err(RepoError::Conflict)
    ));
    let mut stale = appointment.clone();
    stale.revision = 1;
    let confirmed =
        AppointmentEvent::new(ChangeKind::Confirmed, &stale, utc("2030-05-01T13:00:00Z"));
    assert!(matches!(
        stores.appointments.update(&stale, 7, &confirmed).await,
        Err(RepoError::Stale)
    ));
    let delivered = delivered_events(&stores).await;
    assert_eq!(delivered.len(), Channel::ALL.len());
    assert!(delivered.iter().all(|(_, e)| *e == booked_event));
    assert_eq!(stores.appointments.by_id(clash.id).await.unwrap(), None);
}

async fn appointment_history_cannot_be_deleted_with_its_user_or_service(db: &DatabaseConnection) {
    let stores = SeaOrmStores::new(db);
    let (appointment, _) = booked(&stores).await;
    let backend = db.get_database_backend();
    let delete = |table: &str, id: uuid::Uuid| {
        let placeholder = if backend == DbBackend::Postgres {
            "$1"
        } else {
            "?"
        };
        Statement::from_sql_and_values(
            backend,
            format!("DELETE FROM {table} WHERE id = {placeholder}"),
            [id.into()],
        )
    };
    for (table, id) in [
        ("users", appointment.customer.as_uuid()),
        ("users", appointment.provider.as_uuid()),
        ("services", appointment.service.as_uuid()),
        ("appointments", appointment.id.as_uuid()),
    ] {
        assert!(
            db.execute_raw(delete(table, id)).await.is_err(),
            "deleting from {table} succeeded"
        );
    }
    assert_eq!(
        stores.appointments.by_id(appointment.id).await.unwrap(),
        Some(appointment)
    );
}

async fn search_follows_renamed_providers_and_categories(db: &DatabaseConnection) {
    let stores = SeaOrmStores::new(db);
    let mut provider = a_provider().named("Ana Lima").build();
    stores
        .users
        .insert(&provider, &a_password_hash())
        .await
        .unwrap();
    let mut category = a_category().named("Beauty").build();
    stores.categories.insert(&category).await.unwrap();
    let service = a_service()
        .by(&provider)
        .in_category(&category)
        .named("Facial")
        .build();
    stores
        .services
        .insert(&service, &created(&service))
        .await
        .unwrap();
    let found = |text: &str| {
        let services = Arc::clone(&stores.services);
        let query = SearchQuery {
            text: Some(text.to_owned()),
            ..SearchQuery::default()
        };
        async move { services.search(&query).await.unwrap().total }
    };
    assert_eq!((found("lima").await, found("beauty").await), (1, 1));

    provider.name = PersonName::parse("Bea Sousa").unwrap();
    stores.users.update(&provider).await.unwrap();
    category.name = CategoryName::parse("Skin care").unwrap();
    stores.categories.update(&category).await.unwrap();

    assert_eq!((found("lima").await, found("beauty").await), (0, 0));
    assert_eq!((found("sousa").await, found("skin").await), (1, 1));
}

async fn search_matches_one_and_two_character_word_beginnings(db: &DatabaseConnection) {
    let stores = SeaOrmStores::new(db);
    let provider = a_provider().build();
    stores
        .users
        .insert(&provider, &a_password_hash())
        .await
        .unwrap();
    for name in ["Yoga 4 all", "Pilates"] {
        let service = a_service().by(&provider).named(name).build();
        stores
            .services
            .insert(&service, &created(&service))
            .await
            .unwrap();
    }
    let names = |text: &str| {
        let services = Arc::clone(&stores.services);
        let query = SearchQuery {
            text: Some(text.to_owned()),
            ..SearchQuery::default()
        };
        async move {
            let page = services.search(&query).await.unwrap();
            page.items
                .into_iter()
                .map(|l| l.service.name.as_str().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(names("4").await, ["Yoga 4 all"]);
    assert_eq!(names("AL").await, ["Yoga 4 all"]);
    assert_eq!(names("yo 4").await, ["Yoga 4 all"]);
    assert!(names("4 pi").await.is_empty());
}

async fn migrating_again_changes_nothing(db: &DatabaseConnection) {
    let stores = SeaOrmStores::new(db);
    let (appointment, _) = booked(&stores).await;
    migration::migrate(db).await.unwrap();
    assert_eq!(
        stores.appointments.by_id(appointment.id).await.unwrap(),
        Some(appointment)
    );
}

async fn the_newest_migration_can_be_undone_and_redone_keeping_the_data(db: &DatabaseConnection) {
    let stores = SeaOrmStores::new(db);
    let (appointment, event) = booked(&stores).await;
    <migration::Migrator as migration::MigratorTrait>::down(db, Some(1))
        .await
        .unwrap();
    migration::migrate(db).await.unwrap();
    assert_eq!(
        stores.appointments.by_id(appointment.id).await.unwrap(),
        Some(appointment)
    );
    let delivered = delivered_events(&stores).await;
    assert_eq!(delivered.len(), Channel::ALL.len());
    assert!(delivered.iter().all(|(_, e)| *e == event));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_instances_starting_at_once_migrate_once() {
    let database = PostgresDatabase::create().await;
    let mut instances = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let db = database.connect().await;
        instances.spawn(async move { migration::migrate(&db).await });
    }
    for result in instances.join_all().await {
        result.unwrap();
    }
    let db = database.connect().await;
    let applied = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT COUNT(*) AS applied FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap();
    let applied: i64 = applied.try_get("", "applied").unwrap();
    let migrations = <migration::Migrator as migration::MigratorTrait>::migrations().len();
    assert_eq!(applied, i64::try_from(migrations).unwrap());
}

#[tokio::test]
async fn sqlite_database_is_created_with_its_folder_in_wal_mode_with_foreign_keys() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("data").join("bys.db");
    let db = adapters::sea_orm::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    migration::migrate(&db).await.unwrap();
    assert!(file.exists());
    let pragma = async |name: &str| {
        db.query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("PRAGMA {name}"),
        ))
        .await
        .unwrap()
        .unwrap()
    };
    let journal_mode: String = pragma("journal_mode").await.try_get_by_index(0).unwrap();
    let foreign_keys: i64 = pragma("foreign_keys").await.try_get_by_index(0).unwrap();
    assert_eq!((journal_mode.as_str(), foreign_keys), ("wal", 1));
}

/// Whether the pool's connections to PostgreSQL use TLS.
async fn uses_tls(db: &DatabaseConnection) -> bool {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<bool>("", "ssl").unwrap()
}

#[tokio::test]
async fn postgres_on_loopback_goes_without_tls_unless_the_url_asks_for_it() {
    let database = PostgresDatabase::create().await;
    assert!(!uses_tls(&database.connect().await).await);
    // Debian's PostgreSQL serves TLS (its snakeoil certificate), so asking for it gets it.
    let asked = adapters::sea_orm::connect(&format!("{}?sslmode=require", database.url()))
        .await
        .unwrap();
    assert!(uses_tls(&asked).await);
}
