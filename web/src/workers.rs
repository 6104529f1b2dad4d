//! Background workers started by `serve`: the delivery worker (mails, calendar updates and the
//! fan-out of webhooks), the webhook worker (signed posts to endpoints), reminders, the purge of
//! expired sessions with the retention run, and (with a calendar service) the busy-time worker that reads providers' own
//! calendars, keeps their push channels open, reads the calendars that push notifications
//! cue, and follows what providers do to our entries in their calendars. Each is a Tokio task that runs a step, pauses, and ends after its current step once the
//! app stops; the delivery and webhook workers finish the item in hand and hand the rest of their
//! claimed batch back to the queue. Several app instances may run them at once: deliveries and
//! webhook messages are claimed with leases, reminders are recorded once per appointment start.

use std::sync::Arc;
use std::time::Duration;

use adapters::SystemClock;
use application::cancel_appointment::CancelAppointment;
use application::deliver_pending::{
    DeliverPending, DeliveryReport, DeliverySettings, Outlets as DeliveryOutlets,
};
use application::deliver_webhooks::{DeliverWebhooks, DisablingMail, WebhookDeliverySettings};
use application::follow_calendar_edits::{
    EditsMail, EditsReport, EditsSettings, FollowCalendarEdits,
};
use application::ports::Clock;
use application::prune_expired_data::PruneExpiredData;
use application::send_reminders::SendReminders;
use application::sync_busy_times::{BusySyncSettings, SyncBusyTimes};
use application::warn_closing_calendars::{WarnClosingCalendars, WarnSettings};
use application::watch_calendars::{WatchCalendars, WatchSettings};
use chrono::TimeDelta;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::settings::Settings;
use crate::startup::{Outlets, Stores};
use application::ports::SessionStore;
use application::ports::error_chain;

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
    let mut delivery_settings = DeliverySettings::new(base_url);
    delivery_settings.lease = TimeDelta::seconds(i64::from(workers.delivery_lease_seconds.max(1)));
    let batch = usize::try_from(delivery_settings.batch).unwrap_or(usize::MAX);
    let deliver = Arc::new(DeliverPending::new(
        stores.deliveries.clone(),
        stores.users.clone(),
        stores.services.clone(),
        stores.account_tokens.clone(),
        DeliveryOutlets {
            composer: outlets.composer.clone(),
            mailer: outlets.mailer.clone(),
            calendar: outlets.calendar.clone(),
            webhooks: stores.webhooks.clone(),
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
    // Only with a calendar service: without one there is nothing to read.
    let busy_times = busy_times_worker(settings, stores, outlets, (&clock, base_url), stop);
    let webhooks = webhooks_worker(settings, stores, outlets, (&clock, base_url), stop);
    let mut workers = vec![
        tokio::spawn(repeat("deliveries", stop.clone(), {
            let stop = stop.clone();
            move || {
                let deliver = deliver.clone();
                let stop = stop.clone();
                async move {
                    // Between deliveries, a stop hands the rest of the batch back to the queue.
                    let keep_going = move || !*stop.borrow();
                    match deliver.run_while(&keep_going).await {
                        Ok(report) => {
                            count_deliveries(&report);
                            if report.released > 0 {
                                tracing::info!(
                                    released = report.released,
                                    "handed claimed deliveries back on stop"
                                );
                            }
                            // A full batch: more may be waiting, go again at once.
                            if report.claimed >= batch {
                                Duration::ZERO
                            } else {
                                delivery_pause
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %error_chain(&e), "delivery run failed");
                            delivery_pause
                        }
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
        purge_worker(settings, stores, &clock, stop),
    ];
    workers.extend(busy_times);
    workers.push(webhooks);
    workers
}

/// Purges expired sessions and old rate-limit counters, and runs retention, every
/// `session_purge_seconds`.
fn purge_worker(
    settings: &Settings,
    stores: &Stores,
    clock: &Arc<dyn Clock>,
    stop: &watch::Receiver<bool>,
) -> JoinHandle<()> {
    let workers = &settings.workers;
    let purge_pause = Duration::from_secs(workers.session_purge_seconds);
    let sessions = stores.sessions.clone();
    let rate_limits = stores.rate_limits.clone();
    let prune = (workers.retention_days > 0).then(|| {
        Arc::new(PruneExpiredData::new(
            stores.personal_data.clone(),
            clock.clone(),
            TimeDelta::days(i64::from(workers.retention_days)),
        ))
    });
    let clock = clock.clone();
    tokio::spawn(repeat("session purge", stop.clone(), move || {
        let sessions: Arc<dyn SessionStore> = sessions.clone();
        let rate_limits = rate_limits.clone();
        let prune = prune.clone();
        let now = clock.now();
        async move {
            match sessions.purge_expired(now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "purged expired sessions"),
                Err(e) => tracing::warn!(error = %e, "session purge failed"),
            }
            // Every window is at most a day long; older counters count nothing.
            if let Err(e) = rate_limits.purge(now - TimeDelta::days(1)).await {
                tracing::warn!(error = %e, "rate limit purge failed");
            }
            if let Some(prune) = prune {
                match prune.run().await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(appointments = n, "pruned texts past retention"),
                    Err(e) => tracing::warn!(error = %error_chain(&e), "retention run failed"),
                }
            }
            purge_pause
        }
    }))
}

/// Messages claimed per run of the webhook worker.
const WEBHOOK_BATCH: u32 = 20;

/// The worker that signs and posts queued webhook messages.
fn webhooks_worker(
    settings: &Settings,
    stores: &Stores,
    outlets: &Outlets,
    (clock, base_url): (&Arc<dyn Clock>, &str),
    stop: &watch::Receiver<bool>,
) -> JoinHandle<()> {
    let s = &settings.webhooks;
    let deliver = Arc::new(DeliverWebhooks::new(
        stores.webhooks.clone(),
        outlets.webhooks.clone(),
        DisablingMail {
            users: stores.users.clone(),
            composer: outlets.composer.clone(),
            mailer: outlets.mailer.clone(),
        },
        clock.clone(),
        WebhookDeliverySettings {
            base_url: base_url.to_owned(),
            batch: WEBHOOK_BATCH,
            // Past the post's timeout, so a slow receiver's message is not claimed twice.
            lease: TimeDelta::seconds(i64::try_from(s.timeout_seconds).unwrap_or(60) * 2 + 30),
            disable_after_failures: s.disable_after_failures.max(1),
        },
    ));
    let pause = Duration::from_millis(s.interval_ms);
    tokio::spawn(repeat("webhooks", stop.clone(), {
        let stop = stop.clone();
        move || {
            let deliver = deliver.clone();
            let stop = stop.clone();
            async move {
                let keep_going = move || !*stop.borrow();
                match deliver.run_while(&keep_going).await {
                    Ok(report) if report.claimed >= WEBHOOK_BATCH as usize => Duration::ZERO,
                    Ok(_) => pause,
                    Err(e) => {
                        tracing::warn!(error = %error_chain(&e), "webhook run failed");
                        pause
                    }
                }
            }
        }
    }))
}

/// The worker that reads providers' own calendars and mails providers whose calendars close
/// their slots, when a calendar service is configured; with Google push, it also keeps the
/// push channels open, and between its passes it reads the calendars that notifications cue.
fn busy_times_worker(
    settings: &Settings,
    stores: &Stores,
    outlets: &Outlets,
    (clock, base_url): (&Arc<dyn Clock>, &str),
    stop: &watch::Receiver<bool>,
) -> Option<JoinHandle<()>> {
    let source = outlets.busy_source.clone()?;
    let warn = WarnClosingCalendars::new(
        stores.busy_times.clone(),
        stores.users.clone(),
        outlets.composer.clone(),
        outlets.mailer.clone(),
        crate::startup::external_busy(settings, stores),
        clock.clone(),
        WarnSettings {
            base_url: base_url.to_owned(),
            share_with: source.share_with(),
        },
    );
    let busy = SyncBusyTimes::new(
        source,
        stores.busy_times.clone(),
        clock.clone(),
        BusySyncSettings {
            poll_every: TimeDelta::minutes(i64::from(settings.calendar.busy_poll_minutes)),
            ..BusySyncSettings::default()
        },
    );
    let channels = outlets.calendar_watch.clone().map(|watching| {
        let lifetime = watching.target.lifetime;
        WatchCalendars::new(
            stores.busy_times.clone(),
            stores.watch_channels.clone(),
            watching.watch,
            clock.clone(),
            WatchSettings {
                address: watching.target.address,
                lifetime,
                renew_before: (lifetime / 2).min(TimeDelta::days(1)),
            },
        )
    });
    let edits = follow_edits(settings, stores, outlets, (clock, base_url));
    let cues = outlets.sync_cues.clone();
    let mut stop = stop.clone();
    Some(tokio::spawn(async move {
        tracing::debug!(worker = "busy times", "worker started");
        'passes: while !*stop.borrow() {
            match busy.run().await {
                Ok(report) if report.failed > 0 => {
                    tracing::info!(?report, "some calendars could not be read");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %error_chain(&e), "busy-time run failed"),
            }
            match edits.run().await {
                Ok(report) if report != EditsReport::default() => {
                    tracing::info!(?report, "followed providers' edits to their calendars");
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %error_chain(&e), "following calendar edits failed");
                }
            }
            if let Err(e) = warn.run().await {
                tracing::warn!(error = %error_chain(&e), "calendar warnings failed");
            }
            if let Some(channels) = &channels
                && let Err(e) = channels.run().await
            {
                tracing::warn!(error = %error_chain(&e), "push channel upkeep failed");
            }
            // Until the next pass, read the calendars that notifications cue as they come.
            let next = tokio::time::Instant::now() + BUSY_CHECK;
            loop {
                tokio::select! {
                    _ = stop.wait_for(|stop| *stop) => break 'passes,
                    () = tokio::time::sleep_until(next) => break,
                    () = cues.cued() => {}
                }
                for (provider, calendar_id) in cues.take() {
                    if let Err(e) = busy.run_source(provider, &calendar_id).await {
                        tracing::warn!(error = %error_chain(&e), "cued read failed");
                    }
                }
            }
        }
        tracing::debug!(worker = "busy times", "worker stopped");
    }))
}

/// The step that follows what providers do to our entries in their calendars, reading them
/// as often as their own calendars.
fn follow_edits(
    settings: &Settings,
    stores: &Stores,
    outlets: &Outlets,
    (clock, base_url): (&Arc<dyn Clock>, &str),
) -> FollowCalendarEdits {
    FollowCalendarEdits::new(
        outlets.calendar.clone(),
        stores.calendar_links.clone(),
        stores.appointments.clone(),
        stores.move_proposals.clone(),
        Arc::new(CancelAppointment::new(
            stores.services.clone(),
            stores.schedules.clone(),
            stores.appointments.clone(),
            clock.clone(),
        )),
        (stores.users.clone(), stores.services.clone()),
        EditsMail {
            composer: outlets.composer.clone(),
            mailer: outlets.mailer.clone(),
        },
        clock.clone(),
        base_url,
        EditsSettings {
            every: TimeDelta::minutes(i64::from(settings.calendar.busy_poll_minutes)),
            past: TimeDelta::days(1),
        },
    )
}

/// Counts a delivery run's outcomes in `bys_deliveries_total{outcome}`.
fn count_deliveries(report: &DeliveryReport) {
    for (outcome, n) in [
        ("delivered", report.delivered),
        ("retrying", report.retrying),
        ("failed", report.failed),
        ("released", report.released),
    ] {
        if n > 0 {
            metrics::counter!("bys_deliveries_total", "outcome" => outcome)
                .increment(u64::try_from(n).unwrap_or(u64::MAX));
        }
    }
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
