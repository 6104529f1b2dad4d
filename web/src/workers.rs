//! Background workers started by `serve`: the delivery worker (mails and calendar updates),
//! reminders, and the purge of expired sessions. Each is a Tokio task that runs a step, pauses,
//! and ends after its current step once the app stops. Several app instances may run them at
//! once: deliveries are claimed with leases, reminders are recorded once per appointment start.

use std::sync::Arc;
use std::time::Duration;

use adapters::SystemClock;
use application::deliver_pending::{DeliverPending, DeliverySettings, Outlets as DeliveryOutlets};
use application::ports::Clock;
use application::send_reminders::SendReminders;
use application::sync_busy_times::{BusySyncSettings, SyncBusyTimes};
use chrono::TimeDelta;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::api::problem::error_chain;
use crate::session::SessionStore;
use crate::settings::Settings;
use crate::startup::{Outlets, Stores};

/// Reminders recorded per run.
const REMINDER_BATCH: u32 = 100;

/// How often the busy-time worker looks for due calendars (each has its own poll interval).
const BUSY_CHECK: Duration = Duration::from_mins(1);

/// Starts every worker; they stop when `stop` turns true.
pub fn spawn(
    settings: &Settings,
    stores: &Stores,
    outlets: &Outlets,
    base_url: &str,
    stop: &watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let workers = &settings.workers;
    let delivery_settings = DeliverySettings::new(base_url);
    let batch = usize::try_from(delivery_settings.batch).unwrap_or(usize::MAX);
    let deliver = Arc::new(DeliverPending::new(
        stores.deliveries.clone(),
        stores.users.clone(),
        stores.services.clone(),
        DeliveryOutlets {
            composer: outlets.composer.clone(),
            mailer: outlets.mailer.clone(),
            calendar: outlets.calendar.clone(),
        },
        clock.clone(),
        delivery_settings,
    ));
    let reminders = Arc::new(SendReminders::new(
        stores.appointments.clone(),
        clock.clone(),
        TimeDelta::hours(i64::from(settings.mail.reminder_lead_hours)),
        REMINDER_BATCH,
    ));
    let delivery_pause = Duration::from_millis(workers.delivery_interval_ms);
    let reminder_pause = Duration::from_secs(workers.reminder_interval_seconds);
    let purge_pause = Duration::from_secs(workers.session_purge_seconds);
    let sessions = stores.sessions.clone();
    let busy = outlets.busy_source.clone().map(|source| {
        Arc::new(SyncBusyTimes::new(
            source,
            stores.busy_times.clone(),
            clock.clone(),
            BusySyncSettings {
                poll_every: TimeDelta::minutes(i64::from(settings.calendar.busy_poll_minutes)),
                ..BusySyncSettings::default()
            },
        ))
    });
    let mut workers = vec![
        tokio::spawn(repeat("deliveries", stop.clone(), move || {
            let deliver = deliver.clone();
            async move {
                match deliver.run().await {
                    // A full batch: more may be waiting, go again at once.
                    Ok(report) if report.claimed >= batch => Duration::ZERO,
                    Ok(_) => delivery_pause,
                    Err(e) => {
                        tracing::warn!(error = %error_chain(&e), "delivery run failed");
                        delivery_pause
                    }
                }
            }
        })),
        tokio::spawn(repeat("reminders", stop.clone(), move || {
            let reminders = reminders.clone();
            async move {
                if let Err(e) = reminders.run().await {
                    tracing::warn!(error = %error_chain(&e), "reminder run failed");
                }
                reminder_pause
            }
        })),
        tokio::spawn(repeat("session purge", stop.clone(), move || {
            let sessions: Arc<dyn SessionStore> = sessions.clone();
            let now = clock.now();
            async move {
                match sessions.purge_expired(now).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(sessions = n, "purged expired sessions"),
                    Err(e) => tracing::warn!(error = %e, "session purge failed"),
                }
                purge_pause
            }
        })),
    ];
    // Only with a calendar service: without one there is nothing to read.
    if let Some(busy) = busy {
        workers.push(tokio::spawn(repeat(
            "busy times",
            stop.clone(),
            move || {
                let busy = busy.clone();
                async move {
                    match busy.run().await {
                        Ok(report) if report.failed > 0 => {
                            tracing::info!(?report, "some calendars could not be read");
                        }
                        Ok(_) => {}
                        Err(e) => tracing::warn!(error = %error_chain(&e), "busy-time run failed"),
                    }
                    BUSY_CHECK
                }
            },
        )));
    }
    workers
}

/// Runs `run_step` until `stop` turns true, pausing as long as each step asks.
async fn repeat<F, Fut>(name: &'static str, mut stop: watch::Receiver<bool>, mut run_step: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Duration>,
{
    tracing::debug!(worker = name, "worker started");
    while !*stop.borrow() {
        let pause = run_step().await;
        tokio::select! {
            _ = stop.wait_for(|stop| *stop) => break,
            () = tokio::time::sleep(pause) => {}
        }
    }
    tracing::debug!(worker = name, "worker stopped");
}
