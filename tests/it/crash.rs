//! The release binary as a process: killed with SIGKILL while clients book and its delivery
//! workers send (nothing acknowledged is lost, nothing half-written, every notification
//! delivered once as the receiver can tell, by `Message-ID`, after the restart), and two
//! instances on one PostgreSQL database (one winner per slot, deliveries once although both run
//! workers, sessions valid on both).
//!
//! They run the release binary, which `scripts/test` builds before the test run; without it
//! they fail (never skip).

pub(crate) mod app_process;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use adapters::sea_orm::DatabaseConnection;
use reqwest::StatusCode;
use tokio::sync::{Barrier, Mutex, Notify};
use uuid::Uuid;

use self::app_process::{
    AppProcess, Outside, assert_delivered_once, book, free_starts, logged_in, seed,
    stored_appointments,
};
use crate::databases::{PostgresDatabase, fresh_sqlite};

/// Bookings attempted in the crash test, by this many concurrent clients.
const BOOKINGS: usize = 300;
const CLIENTS: usize = 8;
/// The app is killed once this many bookings were acknowledged.
const KILL_AFTER: usize = BOOKINGS / 2;

/// How a crash run ended.
#[derive(Debug)]
struct CrashFigures {
    acknowledged: usize,
    in_flight_at_kill: usize,
    stored: usize,
    mails: usize,
    /// Mails the SMTP server received again with a `Message-ID` it had already seen.
    resent: usize,
    calendar_events: usize,
}

/// Books from [`CLIENTS`] clients on an app whose delivery workers run, kills it with SIGKILL
/// after [`KILL_AFTER`] acknowledgements, restarts it, and checks what survived.
async fn crash_while_booking(url: &str, db: &DatabaseConnection) -> CrashFigures {
    let outside = Outside::start().await;
    let (provider, service, customers) = seed(db, CLIENTS).await;
    // Workers on: the kill may fall between the SMTP server's acceptance of a mail and its
    // recording, and then the mail is sent again after the restart (at-least-once). It carries
    // the same Message-ID, so the receiver can drop it; the figure is reported.
    let mut app = AppProcess::start(url, &outside, true).await;
    let starts = free_starts(&app, &service, BOOKINGS).await;
    let acknowledged = Arc::new(Mutex::new(Vec::<Uuid>::new()));
    let acked_count = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let enough = Arc::new(Notify::new());
    let mut clients = tokio::task::JoinSet::new();
    for (n, customer) in customers.iter().enumerate() {
        let client = logged_in(&app, customer).await;
        let mine: Vec<String> = starts.iter().skip(n).step_by(CLIENTS).cloned().collect();
        let (acknowledged, acked_count, in_flight, enough) = (
            acknowledged.clone(),
            acked_count.clone(),
            in_flight.clone(),
            enough.clone(),
        );
        let (address, service) = (app.address.clone(), service.clone());
        clients.spawn(async move {
            for start in mine {
                match book(&client, &address, &service, &start).await {
                    Ok(Some(id)) => {
                        acknowledged.lock().await.push(id);
                        if acked_count.fetch_add(1, Ordering::SeqCst) + 1 >= KILL_AFTER {
                            enough.notify_one();
                        }
                    }
                    Ok(None) => panic!("booking {start} refused"),
                    Err(e) if e.is_connect() => return,
                    // Sent, and cut off by the kill: it may or may not have committed.
                    Err(_) => {
                        in_flight.fetch_add(1, Ordering::SeqCst);
                        return;
                    }
                }
            }
        });
    }
    enough.notified().await;
    app.kill();
    clients.join_all().await;

    let acknowledged = acknowledged.lock().await.clone();
    let in_flight_at_kill = in_flight.load(Ordering::SeqCst);
    let stored = stored_appointments(db).await;
    let stored_ids: BTreeSet<Uuid> = stored.iter().map(|(id, _)| *id).collect();
    for id in &acknowledged {
        assert!(stored_ids.contains(id), "acknowledged booking {id} lost");
    }
    assert!(
        stored.len() <= acknowledged.len() + in_flight_at_kill,
        "{} stored, but only {} acknowledged and {in_flight_at_kill} in flight",
        stored.len(),
        acknowledged.len()
    );

    let restarted = AppProcess::start(url, &outside, true).await;
    let delivered = assert_delivered_once(db, &outside, &provider, &stored).await;
    drop(restarted);
    CrashFigures {
        acknowledged: acknowledged.len(),
        in_flight_at_kill,
        stored: stored.len(),
        mails: delivered.mails,
        resent: delivered.resent,
        calendar_events: delivered.calendar_events,
    }
}

fn report(backend: &str, f: &CrashFigures) {
    eprintln!(
        "crash safety on {backend} (delivery workers on): {} bookings acknowledged before \
         SIGKILL, {} in flight at the kill, {} stored (acknowledged + in-flight that committed), \
         all recovered: {} distinct mails and {} calendar events, each once; 0 distinct \
         duplicates, {} mails resent with a Message-ID already received",
        f.acknowledged, f.in_flight_at_kill, f.stored, f.mails, f.calendar_events, f.resent
    );
    assert!(f.acknowledged >= KILL_AFTER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_while_booking_on_postgres_loses_nothing_acknowledged() {
    let database = PostgresDatabase::create().await;
    let db = database.connect().await;
    migration::migrate(&db).await.unwrap();
    let figures = crash_while_booking(&database.url(), &db).await;
    report("PostgreSQL", &figures);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_while_booking_on_sqlite_loses_nothing_acknowledged() {
    let (db, folder) = fresh_sqlite().await;
    let url = format!("sqlite://{}/bys.db?mode=rwc", folder.path().display());
    let figures = crash_while_booking(&url, &db).await;
    report("SQLite", &figures);
}

/// Slots contended in the two-instance test, and contenders per slot (alternating instances).
const CONTESTED_SLOTS: usize = 40;
const CONTENDERS: usize = 4;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_postgres_book_each_slot_once_and_deliver_once() {
    let database = PostgresDatabase::create().await;
    let db = database.connect().await;
    migration::migrate(&db).await.unwrap();
    let outside = Outside::start().await;
    let (provider, service, customers) = seed(&db, CONTENDERS).await;
    let instances = [
        AppProcess::start(&database.url(), &outside, true).await,
        AppProcess::start(&database.url(), &outside, true).await,
    ];

    // A session made on one instance is valid on the other (both ports share the cookie).
    let client = logged_in(&instances[0], &customers[0]).await;
    let me = client
        .get(instances[1].url("/api/v1/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK, "session from instance 1 on 2");
    let stranger = reqwest::Client::new()
        .get(instances[1].url("/api/v1/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status(), StatusCode::UNAUTHORIZED);

    let starts = free_starts(&instances[0], &service, CONTESTED_SLOTS).await;
    let mut contenders = Vec::new();
    for (n, customer) in customers.iter().enumerate() {
        contenders.push((n % 2, logged_in(&instances[n % 2], customer).await));
    }
    let barrier = Arc::new(Barrier::new(CONTESTED_SLOTS * CONTENDERS));
    let mut attempts = tokio::task::JoinSet::new();
    for (slot, start) in starts.iter().enumerate() {
        for (instance, client) in &contenders {
            let (client, start, barrier, service) = (
                client.clone(),
                start.clone(),
                barrier.clone(),
                service.clone(),
            );
            let address = instances[*instance].address.clone();
            attempts.spawn(async move {
                barrier.wait().await;
                (
                    slot,
                    book(&client, &address, &service, &start).await.unwrap(),
                )
            });
        }
    }
    let mut winners = vec![0; CONTESTED_SLOTS];
    for (slot, outcome) in attempts.join_all().await {
        if outcome.is_some() {
            winners[slot] += 1;
        }
    }
    assert_eq!(winners, vec![1; CONTESTED_SLOTS], "winners per slot");

    let stored = stored_appointments(&db).await;
    assert_eq!(stored.len(), CONTESTED_SLOTS);
    let delivered = assert_delivered_once(&db, &outside, &provider, &stored).await;
    eprintln!(
        "two instances: {} attempts on {CONTESTED_SLOTS} slots, one winner each; {} mails \
         and {} calendar events delivered once with both instances' workers running ({} resent \
         with a Message-ID already received)",
        CONTESTED_SLOTS * CONTENDERS,
        delivered.mails,
        delivered.calendar_events,
        delivered.resent
    );
}
