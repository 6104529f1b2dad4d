//! Background workers started by `serve`: the delivery worker (mails, calendar updates and the
//! fan-out of webhooks), the webhook worker (signed posts to endpoints), reminders, the
//! waitlist (expired holds released, freed places held), the purge of
//! expired sessions with the retention run, and (with a calendar service) the busy-time worker
//! that reads providers' own calendars, keeps their push channels open, reads the calendars
//! that push notifications cue, and follows what providers do to our entries in their
//! calendars. Each is a Tokio task that runs a step, pauses, and ends after its current step
//! once the app stops; the delivery and webhook workers finish the item in hand and hand the rest of their
//! claimed batch back to the queue. Several app instances may run them at once: deliveries and
//! webhook messages are claimed with leases, reminders are recorded once per appointment start.

use std::sync::Arc;
use std::time::Duration;

use application::deliver_pending::DeliveryReport;
use application::follow_calendar_edits::EditsReport;
use application::ports::error_chain;
use chrono::TimeDelta;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::settings::Settings;
use crate::startup::{Outlets, Stores};
use crate::use_cases::{Background, BusyTimeSteps, WEBHOOK_BATCH};

/// How often the busy-time worker looks for due calendars (each has its own poll interval).
const BUSY_CHECK: Duration = Duration::from_mins(1);

/// Starts every worker over the steps of `background`; they stop when `stop` turns true.
pub fn spawn(
    settings: &Settings,
    stores: &Stores,
    outlets: &Outlets,
    background: &Background,
    stop: &watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    let workers = &settings.workers;
    let deliver = background.deliver.clone();
    let batch = background.delivery_batch;
    let reminders = background.reminders.clone();
    let delivery_pause = Duration::from_millis(workers.delivery_interval_ms);
    let reminder_pause = Duration::from_secs(workers.reminder_interval_seconds);
    let waitlist_pause = Duration::from_secs(workers.waitlist_interval_seconds);
    let waitlist = background.waitlist.clone();
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
        tokio::spawn(repeat("waitlist", stop.clone(), move || {
            let waitlist = waitlist.clone();
            async move {
                match waitlist.run().await {
                    Ok(report) if report.released + report.offered > 0 => {
                        tracing::info!(
                            released = report.released,
                            offered = report.offered,
                            "waitlist holds"
                        );
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %error_chain(&e), "waitlist run failed"),
                }
                waitlist_pause
            }
        })),
        purge_worker(settings, stores, outlets, background, stop),
        webhooks_worker(settings, background, stop),
    ];
    // Only with a calendar service: without one there is nothing to read.
    if let Some(steps) = &background.busy_times {
        workers.push(busy_times_worker(steps.clone(), outlets, stop));
    }
    workers
}

/// Purges expired sessions and old rate-limit counters, and runs retention, every
/// `session_purge_seconds`.
fn purge_worker(
    settings: &Settings,
    stores: &Stores,
    outlets: &Outlets,
    background: &Background,
    stop: &watch::Receiver<bool>,
) -> JoinHandle<()> {
    let purge_pause = Duration::from_secs(settings.workers.session_purge_seconds);
    let sessions = stores.sessions.clone();
    let rate_limits = stores.rate_limits.clone();
    let prune = background.prune.clone();
    let clock = outlets.clock.clone();
    tokio::spawn(repeat("session purge", stop.clone(), move || {
        let sessions = sessions.clone();
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

/// The worker that signs and posts queued webhook messages.
fn webhooks_worker(
    settings: &Settings,
    background: &Background,
    stop: &watch::Receiver<bool>,
) -> JoinHandle<()> {
    let deliver = background.webhooks.clone();
    let pause = Duration::from_millis(settings.webhooks.interval_ms);
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
/// their slots (started only with a calendar service); with push, it also keeps the push
/// channels open, and between its passes it reads the calendars that notifications cue.
fn busy_times_worker(
    steps: Arc<BusyTimeSteps>,
    outlets: &Outlets,
    stop: &watch::Receiver<bool>,
) -> JoinHandle<()> {
    let cues = outlets.sync_cues.clone();
    let mut stop = stop.clone();
    tokio::spawn(async move {
        tracing::debug!(worker = "busy times", "worker started");
        'passes: while !*stop.borrow() {
            match steps.sync.run().await {
                Ok(report) if report.failed > 0 => {
                    tracing::info!(?report, "some calendars could not be read");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %error_chain(&e), "busy-time run failed"),
            }
            match steps.edits.run().await {
                Ok(report) if report != EditsReport::default() => {
                    tracing::info!(?report, "followed providers' edits to their calendars");
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %error_chain(&e), "following calendar edits failed");
                }
            }
            if let Err(e) = steps.warn.run().await {
                tracing::warn!(error = %error_chain(&e), "calendar warnings failed");
            }
            if let Some(channels) = &steps.watch
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
                    if let Err(e) = steps.sync.run_source(provider, &calendar_id).await {
                        tracing::warn!(error = %error_chain(&e), "cued read failed");
                    }
                }
            }
        }
        tracing::debug!(worker = "busy times", "worker stopped");
    })
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
