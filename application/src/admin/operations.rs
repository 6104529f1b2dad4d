//! The outside world: deliveries given up on and provider calendars, with retry buttons,
//! providers' own calendars that fail to be read (closing their slots), and calendars at the
//! calendar service that belong to nobody, for deleting.

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::json;

use super::{AdminError, AdminRefusal, Auditor, admins_only, staff_only};
use crate::actor::Actor;
use crate::delete_orphaned_calendar::{DeleteOrphanedCalendar, DeleteOrphanedCalendarError};
use crate::external_busy::ExternalBusy;
use crate::list_calendars::{CalendarOverview, ListCalendars, ListCalendarsError};
use crate::ports::{
    BusySource, BusyTimeStore, CalendarLinks, CalendarSync, Clock, DeliveryError, DeliveryId,
    DeliveryQueue, FailedDelivery, OwnedCalendar, SourceStatus,
};
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
    /// Providers' own calendars whose last read failed or that close their provider's slots
    /// now, by provider.
    pub busy_calendars: Vec<BusySource>,
}

/// Lists failed deliveries and calendars.
pub struct ListOperations {
    deliveries: Arc<dyn DeliveryQueue>,
    calendars: ListCalendars,
    busy: Arc<dyn BusyTimeStore>,
    external: ExternalBusy,
    clock: Arc<dyn Clock>,
}

impl ListOperations {
    /// The use case over its ports; `external` judges which busy calendars close slots.
    pub fn new(
        deliveries: Arc<dyn DeliveryQueue>,
        calendars: ListCalendars,
        busy: Arc<dyn BusyTimeStore>,
        external: ExternalBusy,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            deliveries,
            calendars,
            busy,
            external,
            clock,
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
        let now = self.clock.now();
        let busy_calendars = self
            .busy
            .all_sources()
            .await?
            .into_iter()
            .filter(|s| s.status != SourceStatus::Ok || !self.external.is_current(s, now))
            .collect();
        Ok(Operations {
            failed_deliveries: self.deliveries.failed(FAILED_LISTED).await?,
            calendars,
            busy_calendars,
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

/// A calendar service failure as the panel shows it: try again later.
fn unavailable(e: DeliveryError) -> AdminError {
    AdminError::Unavailable(Box::new(e))
}

/// Deletes the calendar of a provider who left or was deactivated, recorded in the audit log.
pub struct DeleteOrphanAudited {
    delete: DeleteOrphanedCalendar,
    auditor: Auditor,
}

impl DeleteOrphanAudited {
    /// The use case over the deletion.
    pub fn new(delete: DeleteOrphanedCalendar, auditor: Auditor) -> Self {
        Self { delete, auditor }
    }

    /// Deletes `provider`'s calendar at the service and forgets it.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::Conflict`] while the
    /// provider is active, [`AdminError::Unavailable`] when the calendar service fails.
    pub async fn run(&self, actor: &Actor, provider: UserId) -> Result<(), AdminError> {
        self.delete
            .run(actor, provider)
            .await
            .map_err(|e| match e {
                DeleteOrphanedCalendarError::Forbidden => AdminError::Forbidden,
                DeleteOrphanedCalendarError::InUse => {
                    AdminError::Conflict(AdminRefusal::CalendarInUse)
                }
                DeleteOrphanedCalendarError::Calendar(e) => unavailable(e),
                DeleteOrphanedCalendarError::Store(e) => e.into(),
            })?;
        self.auditor
            .record(
                actor,
                "calendar.delete",
                format!("user:{provider}"),
                Some(json!({"calendar": "orphaned"})),
                None,
            )
            .await?;
        Ok(())
    }
}

/// Calendars at the calendar service that no provider is linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlinkedCalendars {
    /// The configured calendar service cannot list its calendars (the feed, no sync).
    Unsupported,
    /// The calendars, in the service's order.
    Listed(Vec<OwnedCalendar>),
}

/// Finds calendars the platform's account owns at the calendar service that belong to no
/// provider in our data: left behind when a `calendars.insert` response was lost, or when the
/// database was restored from an older backup.
pub struct ListUnlinkedCalendars {
    links: Arc<dyn CalendarLinks>,
    sync: Arc<dyn CalendarSync>,
}

impl ListUnlinkedCalendars {
    /// The use case over its ports.
    pub fn new(links: Arc<dyn CalendarLinks>, sync: Arc<dyn CalendarSync>) -> Self {
        Self { links, sync }
    }

    /// The unlinked calendars.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff, [`AdminError::Unavailable`] when the
    /// calendar service fails; storage failures.
    #[tracing::instrument(skip_all, fields(actor = %actor.id))]
    pub async fn run(&self, actor: &Actor) -> Result<UnlinkedCalendars, AdminError> {
        staff_only(actor)?;
        let Some(owned) = self.sync.owned_calendars().await.map_err(unavailable)? else {
            return Ok(UnlinkedCalendars::Unsupported);
        };
        // Read the links after the service's list: a calendar created in between is then
        // linked already, never shown as unlinked.
        let linked: HashSet<String> = self
            .links
            .calendars()
            .await?
            .into_iter()
            .filter_map(|c| c.calendar_id)
            .collect();
        Ok(UnlinkedCalendars::Listed(
            owned
                .into_iter()
                .filter(|c| !linked.contains(&c.id))
                .collect(),
        ))
    }
}

/// Deletes a calendar that belongs to no provider, recorded in the audit log.
pub struct DeleteUnlinkedCalendar {
    list: ListUnlinkedCalendars,
    sync: Arc<dyn CalendarSync>,
    auditor: Auditor,
}

impl DeleteUnlinkedCalendar {
    /// The use case over its ports.
    pub fn new(list: ListUnlinkedCalendars, sync: Arc<dyn CalendarSync>, auditor: Auditor) -> Self {
        Self {
            list,
            sync,
            auditor,
        }
    }

    /// Deletes `calendar_id` at the calendar service, provided it is listed as unlinked now.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins; [`AdminError::NotFound`] when the id is
    /// not an unlinked calendar (unknown, a provider's, or the service cannot list them);
    /// [`AdminError::Unavailable`] when the calendar service fails.
    #[tracing::instrument(skip_all, fields(actor = %actor.id))]
    pub async fn run(&self, actor: &Actor, calendar_id: &str) -> Result<(), AdminError> {
        admins_only(actor)?;
        let UnlinkedCalendars::Listed(unlinked) = self.list.run(actor).await? else {
            return Err(AdminError::NotFound);
        };
        let calendar = unlinked
            .into_iter()
            .find(|c| c.id == calendar_id)
            .ok_or(AdminError::NotFound)?;
        self.sync
            .delete_owned_calendar(&calendar.id)
            .await
            .map_err(unavailable)?;
        self.auditor
            .record(
                actor,
                "calendar.delete_unlinked",
                format!("calendar:{}", calendar.id),
                Some(json!({"summary": calendar.summary})),
                None,
            )
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::audit::MockAuditLog;
    use crate::ports::calendar::{MockCalendarLinks, MockCalendarSync};
    use crate::ports::{DeliveryError, ProviderCalendar};
    use crate::test_support::*;

    fn owned(id: &str) -> OwnedCalendar {
        OwnedCalendar {
            id: id.to_owned(),
            summary: format!("Book Your Services — {id}"),
        }
    }

    /// Links for one provider whose calendar is `linked`.
    fn links_with(linked: &str) -> Arc<MockCalendarLinks> {
        let linked = linked.to_owned();
        let mut links = MockCalendarLinks::new();
        links.expect_calendars().returning(move || {
            let mut calendar = ProviderCalendar::new(user_id(20));
            calendar.calendar_id = Some(linked.clone());
            Ok(vec![calendar, ProviderCalendar::new(user_id(21))])
        });
        Arc::new(links)
    }

    fn sync_owning(ids: &'static [&'static str]) -> MockCalendarSync {
        let mut sync = MockCalendarSync::new();
        sync.expect_owned_calendars()
            .returning(|| Ok(Some(ids.iter().map(|id| owned(id)).collect())));
        sync
    }

    fn auditor(entries: usize) -> Auditor {
        let mut log = MockAuditLog::new();
        log.expect_record().times(entries).returning(|_| Ok(()));
        Auditor::new(Arc::new(log), clock_at("2026-03-20T08:00:00Z"))
    }

    #[tokio::test]
    async fn support_staff_see_the_calendars_no_provider_is_linked_to() {
        let list =
            ListUnlinkedCalendars::new(links_with("ann"), Arc::new(sync_owning(&["ann", "lost"])))
                .run(&a_support_agent().actor())
                .await
                .unwrap();
        assert_eq!(list, UnlinkedCalendars::Listed(vec![owned("lost")]));
    }

    #[tokio::test]
    async fn a_calendar_service_that_cannot_list_its_calendars_says_so() {
        let mut sync = MockCalendarSync::new();
        sync.expect_owned_calendars().returning(|| Ok(None));
        let list = ListUnlinkedCalendars::new(Arc::new(MockCalendarLinks::new()), Arc::new(sync))
            .run(&an_admin().actor())
            .await
            .unwrap();
        assert_eq!(list, UnlinkedCalendars::Unsupported);
    }

    #[tokio::test]
    async fn an_admin_deletes_an_unlinked_calendar_and_it_is_audited() {
        let mut sync = sync_owning(&["ann", "lost"]);
        sync.expect_delete_owned_calendar()
            .withf(|id| id == "lost")
            .times(1)
            .returning(|_| Ok(()));
        let sync = Arc::new(sync);
        DeleteUnlinkedCalendar::new(
            ListUnlinkedCalendars::new(links_with("ann"), sync.clone()),
            sync,
            auditor(1),
        )
        .run(&an_admin().actor(), "lost")
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn a_providers_calendar_or_an_unknown_id_is_not_deleted() {
        let sync = Arc::new(sync_owning(&["ann", "lost"]));
        let delete = DeleteUnlinkedCalendar::new(
            ListUnlinkedCalendars::new(links_with("ann"), sync.clone()),
            sync,
            auditor(0),
        );
        for id in ["ann", "never-existed"] {
            let result = delete.run(&an_admin().actor(), id).await;
            assert!(matches!(result, Err(AdminError::NotFound)), "{id}");
        }
    }

    #[tokio::test]
    async fn support_staff_may_not_delete_unlinked_calendars() {
        let sync = Arc::new(MockCalendarSync::new());
        let result = DeleteUnlinkedCalendar::new(
            ListUnlinkedCalendars::new(Arc::new(MockCalendarLinks::new()), sync.clone()),
            sync,
            auditor(0),
        )
        .run(&a_support_agent().actor(), "lost")
        .await;
        assert!(matches!(result, Err(AdminError::Forbidden)));
    }

    #[tokio::test]
    async fn a_calendar_service_failure_is_reported_as_unavailable() {
        let mut sync = MockCalendarSync::new();
        sync.expect_owned_calendars()
            .returning(|| Err(DeliveryError::Transient("503".into())));
        let result = ListUnlinkedCalendars::new(Arc::new(MockCalendarLinks::new()), Arc::new(sync))
            .run(&an_admin().actor())
            .await;
        assert!(matches!(result, Err(AdminError::Unavailable(_))));
    }
}
