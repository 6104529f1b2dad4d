//! Loading what booking rules need about one service: the service, its provider and schedule.

use std::sync::Arc;

use domain::{Offer, Schedule, Service, ServiceId, User};

use crate::ports::{RepoError, ScheduleStore, ServiceStore, UserStore};

/// A service with its provider and the provider's schedule.
pub(crate) struct Bookable {
    pub service: Service,
    pub provider: User,
    pub schedule: Schedule,
}

impl Bookable {
    /// Loads service `id`; `None` if there is no such service (or its provider vanished).
    /// A provider without a schedule is closed every day.
    pub async fn load(
        services: &Arc<dyn ServiceStore>,
        users: &Arc<dyn UserStore>,
        schedules: &Arc<dyn ScheduleStore>,
        id: ServiceId,
    ) -> Result<Option<Self>, RepoError> {
        let Some(service) = services.by_id(id).await? else {
            return Ok(None);
        };
        let Some(provider) = users.by_id(service.provider).await? else {
            return Ok(None);
        };
        let schedule = schedules.get(provider.id).await?.unwrap_or_default();
        Ok(Some(Self {
            service,
            provider,
            schedule,
        }))
    }

    /// Whether the service can be booked at all: active, with an active provider.
    pub fn is_open(&self) -> bool {
        self.service.active && self.provider.is_bookable_provider()
    }

    /// The slot engine's view of this service.
    pub fn offer(&self) -> Offer<'_> {
        Offer::of(&self.service, self.provider.zone, &self.schedule)
    }
}
