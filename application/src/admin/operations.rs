//! The outside world: deliveries given up on and provider calendars, with retry buttons.

use std::sync::Arc;

use serde_json::json;

use super::{AdminError, Auditor, admins_only, staff_only};
use crate::actor::Actor;
use crate::list_calendars::{CalendarOverview, ListCalendars, ListCalendarsError};
use crate::ports::{Clock, DeliveryId, DeliveryQueue, FailedDelivery};
use crate::resync_calendar::{ResyncCalendar, ResyncCalendarError, ResyncReport};
use domain::UserId;

/// The most failed deliveries listed.
const FAILED_LISTED: u32 = 200;

/// What needs attention outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operations {
    /// Deliveries given up on, most recent first.
    pub failed_deliveries: Vec<FailedDelivery>,
    /// Provider calendars, failing ones first.
    pub calendars: Vec<CalendarOverview>,
}

/// Lists failed deliveries and calendars.
pub struct ListOperations {
    deliveries: Arc<dyn DeliveryQueue>,
    calendars: ListCalendars,
}

impl ListOperations {
    /// The use case over its ports.
    pub fn new(deliveries: Arc<dyn DeliveryQueue>, calendars: ListCalendars) -> Self {
        Self {
            deliveries,
            calendars,
        }
    }

    /// Both lists.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff; storage failures.
    pub async fn run(&self, actor: &Actor) -> Result<Operations, AdminError> {
        staff_only(actor)?;
        let calendars = self.calendars.run(actor).await.map_err(|e| match e {
            ListCalendarsError::Forbidden => AdminError::Forbidden,
            ListCalendarsError::Store(e) => e.into(),
        })?;
        Ok(Operations {
            failed_deliveries: self.deliveries.failed(FAILED_LISTED).await?,
            calendars,
        })
    }
}

/// Puts a failed delivery back in the queue.
pub struct RetryDelivery {
    deliveries: Arc<dyn DeliveryQueue>,
    clock: Arc<dyn Clock>,
    auditor: Auditor,
}

impl RetryDelivery {
    /// The use case over its ports.
    pub fn new(
        deliveries: Arc<dyn DeliveryQueue>,
        clock: Arc<dyn Clock>,
        auditor: Auditor,
    ) -> Self {
        Self {
            deliveries,
            clock,
            auditor,
        }
    }

    /// Requeues delivery `id`, due now.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::NotFound`] when no
    /// failed delivery has that id.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, delivery = %id))]
    pub async fn run(&self, actor: &Actor, id: DeliveryId) -> Result<(), AdminError> {
        admins_only(actor)?;
        self.deliveries.requeue(id, self.clock.now()).await?;
        self.auditor
            .record(
                actor,
                "delivery.retry",
                format!("delivery:{id}"),
                Some(json!({"state": "failed"})),
                Some(json!({"state": "pending"})),
            )
            .await?;
        Ok(())
    }
}

/// Rebuilds a provider's calendar, recorded in the audit log.
pub struct ResyncAudited {
    resync: ResyncCalendar,
    auditor: Auditor,
}

impl ResyncAudited {
    /// The use case over the re-sync.
    pub fn new(resync: ResyncCalendar, auditor: Auditor) -> Self {
        Self { resync, auditor }
    }

    /// Re-syncs `provider`'s calendar.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::NotFound`],
    /// [`AdminError::Unavailable`] when the calendar service is down.
    pub async fn run(&self, actor: &Actor, provider: UserId) -> Result<ResyncReport, AdminError> {
        let report = self
            .resync
            .run(actor, provider)
            .await
            .map_err(|e| match e {
                ResyncCalendarError::Forbidden => AdminError::Forbidden,
                ResyncCalendarError::UnknownProvider => AdminError::NotFound,
                ResyncCalendarError::Calendar(e) => AdminError::Unavailable(Box::new(e)),
                ResyncCalendarError::Store(e) => e.into(),
            })?;
        self.auditor
            .record(
                actor,
                "calendar.resync",
                format!("user:{provider}"),
                None,
                Some(json!({"applied": report.applied, "refused": report.refused.len()})),
            )
            .await?;
        Ok(report)
    }
}
