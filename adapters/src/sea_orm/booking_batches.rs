//! New appointments on PostgreSQL, written in batches: the bookings that arrive while others
//! are being written go to the database together, in one statement ([`BOOK_MANY_SQL`]) with
//! one transaction and one commit, instead of a round trip and a commit each ([`BOOK_SQL`]).
//! A booking that arrives alone is written alone, at once.
//!
//! The database decides each booking of a batch as it would alone: one that overlaps another
//! appointment (stored, or earlier in the same batch) or reuses a key is left out and answered
//! [`RepoError::Conflict`]; the others are written with their events and deliveries. When a
//! batch fails as a whole (a service deleted meanwhile, a lost connection), nothing of it was
//! written and each of its bookings is written on its own, so each gets its own answer.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use ::sea_orm::sqlx::postgres::PgPool;
use ::sea_orm::{DbErr, RuntimeErr};
use application::AppointmentEvent;
use application::ports::{Channel, IdempotencyKey, RepoError};
use chrono::{DateTime, Utc};
use domain::Appointment;
use tokio::sync::{Semaphore, mpsc, oneshot};
use uuid::Uuid;

use super::error::{retrying, write_failed};
use super::outbox;

/// One booking in one statement: one round trip, one implicit transaction.
const BOOK_SQL: &str = include_str!("book.sql");

/// Several bookings in one statement.
const BOOK_MANY_SQL: &str = include_str!("book_many.sql");

/// The most bookings one statement writes.
const MOST_PER_BATCH: usize = 64;

/// The most batches written at the same time, each on a connection of its own.
const BATCHES_AT_ONCE: usize = 2;

/// What one booking writes: the appointment's columns, its event and its deliveries.
#[derive(Debug)]
pub(super) struct Booking {
    id: Uuid,
    service: Uuid,
    provider: Uuid,
    customer: Uuid,
    session: (DateTime<Utc>, DateTime<Utc>),
    blocked: (DateTime<Utc>, DateTime<Utc>),
    status: &'static str,
    note: Option<String>,
    created_at: DateTime<Utc>,
    revision: i64,
    key: Option<String>,
    series: Option<Uuid>,
    kind: &'static str,
    payload: serde_json::Value,
    occurred_at: DateTime<Utc>,
    deliveries: Vec<Uuid>,
    channels: Vec<&'static str>,
}

impl Booking {
    /// The new appointment `a` (without moves) booked with `key`, and its `event`.
    pub(super) fn new(
        a: &Appointment,
        key: Option<&IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<Self, RepoError> {
        let channels = Channel::for_change(&event.kind);
        Ok(Self {
            id: a.id.as_uuid(),
            service: a.service.as_uuid(),
            provider: a.provider.as_uuid(),
            customer: a.customer.as_uuid(),
            session: (a.session.start(), a.session.end()),
            blocked: (a.blocked.start(), a.blocked.end()),
            status: a.status.as_str(),
            note: a.note.as_ref().map(|n| n.as_str().to_owned()),
            created_at: a.created_at,
            revision: i64::from(a.revision),
            key: key.map(|k| k.as_str().to_owned()),
            series: a.series.map(|s| s.as_uuid()),
            kind: event.kind.as_str(),
            payload: outbox::payload_of(event).map_err(write_failed)?,
            occurred_at: event.at,
            deliveries: channels.iter().map(|_| Uuid::now_v7()).collect(),
            channels: channels.iter().map(|c| c.as_str()).collect(),
        })
    }
}

/// A booking waiting in the queue, and where its answer goes.
struct Waiting {
    booking: Booking,
    answer: oneshot::Sender<Result<(), RepoError>>,
}

/// The queue of bookings to write, and the task that writes them.
#[derive(Debug)]
pub(super) struct BookingBatches {
    pool: PgPool,
    /// Started by the first booking, on its runtime.
    queue: OnceLock<mpsc::UnboundedSender<Waiting>>,
}

impl BookingBatches {
    /// Batches written on `pool`.
    pub(super) fn new(pool: PgPool) -> Arc<Self> {
        Arc::new(Self {
            pool,
            queue: OnceLock::new(),
        })
    }

    /// Writes `booking`, with the others waiting at the time.
    pub(super) async fn book(&self, booking: Booking) -> Result<(), RepoError> {
        let queue = self.queue.get_or_init(|| start_writer(self.pool.clone()));
        let (answer, answered) = oneshot::channel();
        if let Err(mpsc::error::SendError(refused)) = queue.send(Waiting { booking, answer }) {
            // The writer ended with the runtime that started it; this booking writes itself.
            return retrying(|| book_one(&self.pool, &refused.booking)).await;
        }
        answered
            .await
            .unwrap_or_else(|_| Err(RepoError::Backend("the booking writer stopped".into())))
    }
}

/// Starts the task that takes bookings off the queue in batches and writes them.
fn start_writer(pool: PgPool) -> mpsc::UnboundedSender<Waiting> {
    let (queue, mut waiting) = mpsc::unbounded_channel::<Waiting>();
    tokio::spawn(async move {
        let writers = Arc::new(Semaphore::new(BATCHES_AT_ONCE));
        while let Some(first) = waiting.recv().await {
            // While every writer is busy, the next batch gathers in the queue.
            let Ok(writer) = Arc::clone(&writers).acquire_owned().await else {
                break;
            };
            let mut batch = vec![first];
            while batch.len() < MOST_PER_BATCH
                && let Ok(next) = waiting.try_recv()
            {
                batch.push(next);
            }
            let pool = pool.clone();
            tokio::spawn(async move {
                write(&pool, batch).await;
                drop(writer);
            });
        }
    });
    queue
}

/// Writes `batch` and answers each of its bookings: together if there are several, else (or
/// if writing them together failed) each alone.
async fn write(pool: &PgPool, batch: Vec<Waiting>) {
    if batch.len() > 1 {
        match book_many(pool, &batch).await {
            Ok(written) => {
                for waiting in batch {
                    let result = if written.contains(&waiting.booking.id) {
                        Ok(())
                    } else {
                        Err(RepoError::Conflict)
                    };
                    // A caller that stopped waiting has nobody to tell.
                    let _ = waiting.answer.send(result);
                }
                return;
            }
            Err(e) => {
                tracing::debug!(error = %e, bookings = batch.len(), "a batch of bookings failed; writing each alone");
            }
        }
    }
    for waiting in batch {
        let result = retrying(|| book_one(pool, &waiting.booking)).await;
        let _ = waiting.answer.send(result);
    }
}

/// Writes one booking with [`BOOK_SQL`].
async fn book_one(pool: &PgPool, b: &Booking) -> Result<(), RepoError> {
    ::sea_orm::sqlx::query(BOOK_SQL)
        .bind(b.id)
        .bind(b.service)
        .bind(b.provider)
        .bind(b.customer)
        .bind(b.session.0)
        .bind(b.session.1)
        .bind(b.blocked.0)
        .bind(b.blocked.1)
        .bind(b.status)
        .bind(b.note.as_deref())
        .bind(b.created_at)
        .bind(b.revision)
        .bind(b.key.as_deref())
        .bind(b.series)
        .bind(b.kind)
        .bind(&b.payload)
        .bind(b.occurred_at)
        .bind(&b.deliveries)
        .bind(&b.channels)
        .execute(pool)
        .await
        .map(drop)
        .map_err(failed)
}

/// Writes the bookings of `batch` with [`BOOK_MANY_SQL`]; the ids of the appointments written.
async fn book_many(pool: &PgPool, batch: &[Waiting]) -> Result<HashSet<Uuid>, RepoError> {
    let bookings: Vec<&Booking> = batch.iter().map(|w| &w.booking).collect();
    let (appointments, (ids, channels)): (Vec<Uuid>, (Vec<Uuid>, Vec<&str>)) = bookings
        .iter()
        .flat_map(|b| {
            let own = b.deliveries.iter().copied().zip(b.channels.iter().copied());
            own.map(|delivery| (b.id, delivery))
        })
        .unzip();
    let written: Vec<(Uuid,)> = ::sea_orm::sqlx::query_as(BOOK_MANY_SQL)
        .bind(column(&bookings, |b| b.id))
        .bind(column(&bookings, |b| b.service))
        .bind(column(&bookings, |b| b.provider))
        .bind(column(&bookings, |b| b.customer))
        .bind(column(&bookings, |b| b.session.0))
        .bind(column(&bookings, |b| b.session.1))
        .bind(column(&bookings, |b| b.blocked.0))
        .bind(column(&bookings, |b| b.blocked.1))
        .bind(column(&bookings, |b| b.status))
        .bind(column(&bookings, |b| b.note.clone()))
        .bind(column(&bookings, |b| b.created_at))
        .bind(column(&bookings, |b| b.revision))
        .bind(column(&bookings, |b| b.key.clone()))
        .bind(column(&bookings, |b| b.series))
        .bind(column(&bookings, |b| b.kind))
        .bind(column(&bookings, |b| b.payload.clone()))
        .bind(column(&bookings, |b| b.occurred_at))
        .bind(appointments)
        .bind(ids)
        .bind(channels)
        .fetch_all(pool)
        .await
        .map_err(failed)?;
    Ok(written.into_iter().map(|(id,)| id).collect())
}

/// One value of each of `bookings`: a column of the batch.
fn column<T>(bookings: &[&Booking], value: impl Fn(&Booking) -> T) -> Vec<T> {
    bookings.iter().map(|b| value(b)).collect()
}

/// A failed statement as the ports see it (an overlap or a reused key is a conflict).
fn failed(e: ::sea_orm::sqlx::Error) -> RepoError {
    write_failed(DbErr::Exec(RuntimeErr::SqlxError(Arc::new(e))))
}
