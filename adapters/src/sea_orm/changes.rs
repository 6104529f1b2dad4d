//! Keeps the [`ReadCache`]s of instances sharing one PostgreSQL database in step through the
//! notification channel `bys_changes`: triggers announce catalog writes (migration 000011) and
//! ended sessions (000041) on commit; each instance announces its own appointment and calendar
//! writes after they committed (a `NOTIFY` inside the booking transaction would serialise
//! bookings' commits); every instance listens and retires what the announcements name.

use std::collections::BTreeSet;
use std::sync::{Arc, Weak};
use std::time::Duration;

use sea_orm::sqlx::postgres::{PgListener, PgPool};
use sea_orm::{DatabaseBackend, DatabaseConnection};
use tokio::sync::mpsc;

use crate::read_cache::{Change, ReadCache};

/// The notification channel the triggers write to.
const CHANNEL: &str = "bys_changes";

/// The most changes one announcement carries.
const ANNOUNCED_AT_ONCE: usize = 256;

/// How long to wait before listening again after the connection was lost.
const RECONNECT_DELAY: Duration = Duration::from_secs(1);

/// Starts feeding `cache` the changes announced on `db`, for as long as the cache lives, and
/// has it announce the appointment writes made through it. Does nothing on SQLite (one
/// instance, whose cached stores see all its writes) or outside a Tokio runtime.
pub fn listen_for_changes(db: &DatabaseConnection, cache: &Arc<ReadCache>) {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return;
    }
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        tracing::warn!("no runtime to listen for database changes on: caching is per instance");
        return;
    };
    let pool = db.get_postgres_connection_pool().clone();
    let task = runtime.spawn(listen(pool.clone(), Arc::downgrade(cache)));
    cache.stop_feed_when_dropped(task.abort_handle());
    let (changes, announced) = mpsc::unbounded_channel();
    // Ends when the cache (holding the sender) is dropped.
    runtime.spawn(announce(pool, announced));
    cache.announce_with(Box::new(move |change| {
        // Catalog writes and ended sessions are announced by the database's triggers.
        if matches!(change, Change::Appointments(_) | Change::Calendars(_)) {
            let _ = changes.send(change);
        }
    }));
}

/// Sends the changes written here to every listening instance, this one included, off the
/// requests' path: one statement for all the changes that came in while the previous one ran,
/// so a busy instance announces a burst of bookings in one round trip. If a statement fails,
/// other instances see those changes when their entries expire.
async fn announce(pool: PgPool, mut announced: mpsc::UnboundedReceiver<Change>) {
    let mut batch = Vec::new();
    while announced.recv_many(&mut batch, ANNOUNCED_AT_ONCE).await > 0 {
        let payloads: BTreeSet<String> = batch.drain(..).map(|c| c.payload()).collect();
        let sent = sea_orm::sqlx::query("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p")
            .bind(CHANNEL)
            .bind(payloads.into_iter().collect::<Vec<_>>())
            .execute(&pool)
            .await;
        if let Err(e) = sent {
            tracing::warn!(error = %e, "cannot announce changes to other instances");
        }
    }
}

async fn listen(pool: PgPool, cache: Weak<ReadCache>) {
    loop {
        match subscribe(&pool).await {
            Ok(mut listener) => {
                // Whatever changed before the subscription went unheard.
                let Some(live) = cache.upgrade() else { return };
                live.invalidate_all();
                drop(live);
                loop {
                    match listener.try_recv().await {
                        Ok(Some(notification)) => {
                            let Some(live) = cache.upgrade() else { return };
                            match Change::parse(notification.payload()) {
                                Some(change) => live.invalidate(change),
                                None => live.invalidate_all(),
                            }
                        }
                        // The connection was lost: subscribe afresh (and retire everything).
                        Ok(None) => break,
                        Err(e) => {
                            tracing::warn!(error = %e, "listening for database changes failed");
                            break;
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot listen for database changes"),
        }
        tokio::time::sleep(RECONNECT_DELAY).await;
    }
}

async fn subscribe(pool: &PgPool) -> Result<PgListener, sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
