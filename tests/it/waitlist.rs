//! The waitlist on SQLite and PostgreSQL, with two connection pools as two app instances
//! running the waitlist worker at once: a freed place is held for exactly one of the customers
//! waiting (the first who joined), and an expired hold passes to the next one exactly once.

use std::sync::Arc;

use adapters::sea_orm::{DatabaseConnection, SeaOrmStores};
use application::booking_checks::BookingChecks;
use application::external_busy::ExternalBusy;
use application::list_free_slots::ListFreeSlots;
use application::offer_freed_places::{OfferFreedPlaces, WaitlistReport};
use application::ports::{
    AppointmentStore, EntryState, ScheduleStore, ServiceStore, UserStore, WaitlistEntry,
    WaitlistStore,
};
use application::{AppointmentEvent, ChangeKind};
use chrono::{NaiveTime, TimeDelta};
use domain::{Appointment, Party, Schedule, User, WaitWindow, WaitlistEntryId, WeeklyHours, Zone};
use sea_orm::{ConnectionTrait, Statement};

use crate::builders::{
    a_customer, a_password_hash, a_provider, a_service, an_appointment, created, date, fresh_uuid,
    hours, utc,
};
use crate::calendar::support::TestClock;
use crate::databases::{fresh_postgres, fresh_sqlite};

/// Customers waiting for the one place.
const WAITING: usize = 20;

/// When the race runs: two days before the place.
const NOW: &str = "2030-06-01T08:00:00Z";

/// The place: the provider's only hour on 2030-06-03, booked, then cancelled.
const PLACE: &str = "2030-06-03T09:00:00Z";

struct World {
    instances: Vec<OfferFreedPlaces>,
    stores: SeaOrmStores,
    clock: Arc<TestClock>,
    waiting: Vec<User>,
    booked: Appointment,
}

/// The worker's step of one instance on `db`.
fn instance(db: &DatabaseConnection, clock: &Arc<TestClock>) -> OfferFreedPlaces {
    let s = SeaOrmStores::new(db);
    let external = ExternalBusy::new(s.busy_times.clone());
    OfferFreedPlaces::new(
        BookingChecks::new(
            s.users.clone(),
            s.services.clone(),
            s.schedules.clone(),
            s.appointments.clone(),
            external.clone(),
            clock.clone(),
        ),
        ListFreeSlots::new(
            s.users.clone(),
            s.services.clone(),
            s.schedules.clone(),
            s.appointments.clone(),
            external,
            clock.clone(),
        ),
        s.users.clone(),
        s.appointments.clone(),
        s.waitlist.clone(),
        clock.clone(),
    )
}

/// A provider open 09:00–10:00 UTC every day, their hour on 2030-06-03 booked, and `WAITING`
/// customers on the waitlist for that morning, joined one second apart.
async fn world(pools: &[DatabaseConnection]) -> World {
    let clock = TestClock::at(NOW);
    let stores = SeaOrmStores::new(&pools[0]);
    let provider = a_provider().build();
    stores
        .users
        .insert(&provider, &a_password_hash())
        .await
        .unwrap();
    let schedule = Schedule {
        weekly: WeeklyHours::new(std::array::from_fn(|_| hours(&[("09:00", "10:00")]))),
        ..Schedule::default()
    };
    stores.schedules.put(provider.id, &schedule).await.unwrap();
    let service = a_service().by(&provider).lasting(60).build();
    stores
        .services
        .insert(&service, &created(&service))
        .await
        .unwrap();
    let first = a_customer().build();
    stores
        .users
        .insert(&first, &a_password_hash())
        .await
        .unwrap();
    let booked = an_appointment(&service, &first).at(PLACE).build();
    let event = AppointmentEvent::new(ChangeKind::Booked, &booked, utc(NOW));
    stores
        .appointments
        .insert(&booked, None, &event)
        .await
        .unwrap();
    let morning = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let window = WaitWindow::new(
        date(2030, 6, 3),
        date(2030, 6, 3),
        morning(8),
        morning(12),
        Zone::UTC,
    )
    .unwrap();
    let mut waiting = Vec::new();
    for n in 0..WAITING {
        let customer = a_customer().build();
        stores
            .users
            .insert(&customer, &a_password_hash())
            .await
            .unwrap();
        let entry = WaitlistEntry {
            id: WaitlistEntryId::from_uuid(fresh_uuid()),
            service: service.id,
            provider: provider.id,
            customer: customer.id,
            window,
            joined_at: utc(NOW) + TimeDelta::seconds(i64::try_from(n).unwrap()),
            state: EntryState::Waiting,
            hold: None,
        };
        stores.waitlist.join(&entry).await.unwrap();
        waiting.push(customer);
    }
    World {
        instances: pools.iter().map(|db| instance(db, &clock)).collect(),
        stores,
        clock,
        waiting,
        booked,
    }
}

/// Both instances run one worker step at once; their reports added up.
async fn run_at_once(world: &World) -> WaitlistReport {
    let [one, two] = &world.instances[..] else {
        unreachable!("two instances")
    };
    let (a, b) = tokio::join!(one.run(), two.run());
    let (a, b) = (a.unwrap(), b.unwrap());
    WaitlistReport {
        released: a.released + b.released,
        offered: a.offered + b.offered,
    }
}

/// The customers of held appointments, and how many released ones there are.
async fn holds(world: &World, db: &DatabaseConnection) -> (Vec<domain::UserId>, i64) {
    let mut held = Vec::new();
    for customer in &world.waiting {
        for entry in world
            .stores
            .waitlist
            .of_customer(customer.id)
            .await
            .unwrap()
        {
            if entry.state == EntryState::Offered {
                held.push(customer.id);
            }
        }
    }
    let count = |sql: &'static str| async move {
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    };
    let held_rows = count("SELECT COUNT(*) AS n FROM appointments WHERE status = 'held'").await;
    assert_eq!(
        usize::try_from(held_rows).unwrap(),
        held.len(),
        "one held appointment per offered entry"
    );
    let released = count("SELECT COUNT(*) AS n FROM appointments WHERE status = 'released'").await;
    (held, released)
}

async fn a_freed_place_is_held_once_and_passes_on_once_when_it_expires(
    pools: &[DatabaseConnection],
) {
    let world = world(pools).await;
    let nothing_free = run_at_once(&world).await;
    assert_eq!(nothing_free, WaitlistReport::default());

    let mut cancelled = world.booked.clone();
    cancelled
        .cancel(Party::Customer, None, TimeDelta::zero(), utc(NOW))
        .unwrap();
    let event = AppointmentEvent::new(
        ChangeKind::Cancelled {
            by: Party::Customer,
            reason: None,
        },
        &cancelled,
        utc(NOW),
    );
    world
        .stores
        .appointments
        .update(&cancelled, world.booked.revision, &event)
        .await
        .unwrap();

    let offered = run_at_once(&world).await;
    let (held, released) = holds(&world, &pools[0]).await;
    eprintln!(
        "{WAITING} waiting, one place freed, two instances: {} hold(s) offered, held for {:?}",
        offered.offered, held
    );
    assert_eq!(offered.offered, 1);
    assert_eq!((held, released), (vec![world.waiting[0].id], 0));

    world
        .clock
        .advance(TimeDelta::hours(2) + TimeDelta::minutes(1));
    let passed_on = run_at_once(&world).await;
    let (held, released) = holds(&world, &pools[0]).await;
    eprintln!(
        "hold expired, two instances: {} released, {} offered, now held for {:?}",
        passed_on.released, passed_on.offered, held
    );
    assert_eq!(
        passed_on,
        WaitlistReport {
            released: 1,
            offered: 1
        }
    );
    assert_eq!((held, released), (vec![world.waiting[1].id], 1));
    let first = world
        .stores
        .waitlist
        .of_customer(world.waiting[0].id)
        .await
        .unwrap();
    assert!(first.is_empty(), "the first customer's entry is settled");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_holds_a_freed_place_for_one_of_twenty_waiting_and_passes_it_on_once_across_two_pools()
 {
    let (db, folder) = fresh_sqlite().await;
    let url = format!("sqlite://{}/bys.db", folder.path().display());
    let second = adapters::sea_orm::connect(&url).await.unwrap();
    a_freed_place_is_held_once_and_passes_on_once_when_it_expires(&[db, second]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_holds_a_freed_place_for_one_of_twenty_waiting_and_passes_it_on_once_across_two_pools()
 {
    let (db, database) = fresh_postgres().await;
    let second = database.connect().await;
    a_freed_place_is_held_once_and_passes_on_once_when_it_expires(&[db, second]).await;
}
