//! Loading what a calendar entry shows about an appointment: its service and both parties; for
//! the provider, a class occurrence as one entry with its attendees.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{Appointment, Occurrence, Party, Service, ServiceId, User, UserId};

use crate::events::{AppointmentDetails, AppointmentEvent, ChangeKind, ClassRoster};
use crate::ports::{FeedAudience, Links, RepoError, ServiceStore, UserStore};

/// Completes appointments with their service, parties and link, reading each user and service
/// once per loader.
pub(crate) struct DetailsLoader {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    links: Arc<dyn Links>,
    user_cache: HashMap<UserId, User>,
    service_cache: HashMap<ServiceId, Service>,
}

impl DetailsLoader {
    /// A loader linking to appointment pages by `links`.
    pub(crate) fn new(
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        links: Arc<dyn Links>,
    ) -> Self {
        Self {
            users,
            services,
            links,
            user_cache: HashMap::new(),
            service_cache: HashMap::new(),
        }
    }

    /// `event` with its details; `None` when its service or a party no longer exists.
    pub(crate) async fn load(
        &mut self,
        event: AppointmentEvent,
    ) -> Result<Option<AppointmentDetails>, RepoError> {
        let a = &event.appointment;
        let (Some(service), Some(customer), Some(provider)) = (
            self.service(a.service).await?,
            self.user(a.customer).await?,
            self.user(a.provider).await?,
        ) else {
            return Ok(None);
        };
        let link = self.links.appointment(a.id);
        Ok(Some(AppointmentDetails {
            event,
            service,
            customer,
            provider,
            link,
            roster: None,
        }))
    }

    /// The calendar entries of `audience` for `appointments` (theirs) in their current state at
    /// `now`: one per appointment, except that the provider sees one per class occurrence,
    /// listing the customers of its booked seats (an occurrence none is booked in any more is
    /// one cancelled entry).
    pub(crate) async fn entries(
        &mut self,
        appointments: Vec<Appointment>,
        now: DateTime<Utc>,
        audience: FeedAudience,
    ) -> Result<Vec<AppointmentDetails>, RepoError> {
        let mut entries: Vec<AppointmentDetails> = Vec::with_capacity(appointments.len());
        let mut classes: HashMap<Occurrence, usize> = HashMap::new();
        for appointment in appointments {
            let event = AppointmentEvent::new(current_state(&appointment), &appointment, now);
            let Some(details) = self.load(event).await? else {
                continue;
            };
            if audience == FeedAudience::Customer || !details.service.capacity.is_class() {
                entries.push(details);
                continue;
            }
            let occurrence = Occurrence::of(&appointment);
            let index = *classes.entry(occurrence).or_insert_with(|| {
                entries.push(AppointmentDetails {
                    roster: Some(ClassRoster {
                        occurrence,
                        attendees: Vec::new(),
                    }),
                    ..details.clone()
                });
                entries.len() - 1
            });
            if appointment.status.is_booked()
                && let Some(roster) = &mut entries[index].roster
            {
                roster.attendees.push(details.customer);
            }
        }
        Ok(entries)
    }

    async fn user(&mut self, id: UserId) -> Result<Option<User>, RepoError> {
        if let Some(user) = self.user_cache.get(&id) {
            return Ok(Some(user.clone()));
        }
        let user = self.users.by_id(id).await?;
        if let Some(user) = &user {
            self.user_cache.insert(id, user.clone());
        }
        Ok(user)
    }

    async fn service(&mut self, id: ServiceId) -> Result<Option<Service>, RepoError> {
        if let Some(service) = self.service_cache.get(&id) {
            return Ok(Some(service.clone()));
        }
        let service = self.services.by_id(id).await?;
        if let Some(service) = &service {
            self.service_cache.insert(id, service.clone());
        }
        Ok(service)
    }
}

/// The change that brings an appointment from nothing to its current state: a cancellation for
/// a cancelled appointment, otherwise its booking.
pub(crate) fn current_state(appointment: &Appointment) -> ChangeKind {
    match &appointment.cancellation {
        Some(c) => ChangeKind::Cancelled {
            by: c.by,
            reason: c.reason.clone(),
        },
        None if appointment.status == domain::AppointmentStatus::Cancelled => {
            ChangeKind::Cancelled {
                by: Party::Staff,
                reason: None,
            }
        }
        None => ChangeKind::Booked,
    }
}
