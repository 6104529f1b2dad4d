//! What every calendar adapter keeps about a provider's calendar through [`CalendarLinks`]: its
//! stored link, and how the last sync went (for the admin list).

use std::fmt::Display;

use application::ports::{CalendarLinks, DeliveryError, ProviderCalendar};
use chrono::{DateTime, Utc};
use domain::UserId;

/// The stored link of `provider`'s calendar, or a new one if none is stored.
///
/// # Errors
/// A store failure, as a transient delivery error.
pub(crate) async fn stored_calendar(
    links: &dyn CalendarLinks,
    provider: UserId,
) -> Result<ProviderCalendar, DeliveryError> {
    Ok(links
        .calendar(provider)
        .await
        .map_err(|e| DeliveryError::Transient(e.into()))?
        .unwrap_or_else(|| ProviderCalendar::new(provider)))
}

/// Records how the sync of `calendar` went (`now` as its last success, or the error) and saves
/// it; returns the outcome as a delivery result (`into_delivery` sorts the adapter's error).
///
/// # Errors
/// The sync's own error, else a failure to save, as a transient delivery error.
pub(crate) async fn record_sync<E: Display>(
    links: &dyn CalendarLinks,
    now: DateTime<Utc>,
    calendar: &mut ProviderCalendar,
    outcome: Result<(), E>,
    into_delivery: impl FnOnce(E) -> DeliveryError,
) -> Result<(), DeliveryError> {
    match &outcome {
        Ok(()) => {
            calendar.last_synced_at = Some(now);
            calendar.last_error = None;
        }
        Err(e) => calendar.last_error = Some(e.to_string()),
    }
    let saved = links.save_calendar(calendar).await;
    outcome.map_err(into_delivery)?;
    saved.map_err(|e| DeliveryError::Transient(e.into()))
}
