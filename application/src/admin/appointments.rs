//! Staff look at every appointment and cancel one on someone's behalf.

use std::collections::HashMap;
use std::sync::Arc;

use domain::{Appointment, AppointmentId, Note, PersonName, ServiceId, ServiceName, UserId};

use super::audit::appointment_json;
use super::{AdminError, AdminRefusal, Auditor, staff_only};
use crate::actor::Actor;
use crate::cancel_appointment::{CancelAppointment, CancelAppointmentError};
use crate::ports::{AppointmentQuery, AppointmentStore, Page, ServiceStore, UserStore};

/// An appointment with the names staff need to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentRow {
    /// The appointment.
    pub appointment: Appointment,
    /// Its service's name.
    pub service_name: Option<ServiceName>,
    /// Its provider's name.
    pub provider_name: Option<PersonName>,
    /// Its customer's name.
    pub customer_name: Option<PersonName>,
}

/// Looks names up once per request.
struct Names<'a> {
    users: &'a dyn UserStore,
    services: &'a dyn ServiceStore,
    people: HashMap<UserId, Option<PersonName>>,
    offers: HashMap<ServiceId, Option<ServiceName>>,
}

impl<'a> Names<'a> {
    fn new(users: &'a dyn UserStore, services: &'a dyn ServiceStore) -> Self {
        Self {
            users,
            services,
            people: HashMap::new(),
            offers: HashMap::new(),
        }
    }

    async fn person(&mut self, id: UserId) -> Result<Option<PersonName>, AdminError> {
        if let Some(name) = self.people.get(&id) {
            return Ok(name.clone());
        }
        let name = self.users.by_id(id).await?.map(|u| u.name);
        self.people.insert(id, name.clone());
        Ok(name)
    }

    async fn row(&mut self, appointment: Appointment) -> Result<AppointmentRow, AdminError> {
        let service_name = if let Some(name) = self.offers.get(&appointment.service) {
            name.clone()
        } else {
            let name = self
                .services
                .by_id(appointment.service)
                .await?
                .map(|s| s.name);
            self.offers.insert(appointment.service, name.clone());
            name
        };
        Ok(AppointmentRow {
            service_name,
            provider_name: self.person(appointment.provider).await?,
            customer_name: self.person(appointment.customer).await?,
            appointment,
        })
    }
}

/// Lists and shows appointments for staff.
pub struct BrowseAppointments {
    appointments: Arc<dyn AppointmentStore>,
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
}

impl BrowseAppointments {
    /// The use case over its ports.
    pub fn new(
        appointments: Arc<dyn AppointmentStore>,
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
    ) -> Self {
        Self {
            appointments,
            users,
            services,
        }
    }

    /// The page of appointments matching `query`.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff; storage failures.
    pub async fn list(
        &self,
        actor: &Actor,
        query: &AppointmentQuery,
    ) -> Result<Page<AppointmentRow>, AdminError> {
        staff_only(actor)?;
        let page = self.appointments.search(query).await?;
        let mut names = Names::new(&*self.users, &*self.services);
        let mut items = Vec::with_capacity(page.items.len());
        for appointment in page.items {
            items.push(names.row(appointment).await?);
        }
        Ok(Page {
            items,
            total: page.total,
            request: page.request,
        })
    }

    /// Appointment `id`.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`], [`AdminError::NotFound`], storage failures.
    pub async fn one(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<AppointmentRow, AdminError> {
        staff_only(actor)?;
        let appointment = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(AdminError::NotFound)?;
        Names::new(&*self.users, &*self.services)
            .row(appointment)
            .await
    }
}

/// Cancels an appointment on someone's behalf, as staff, with a reason. The cancellation's
/// notifications go out as for any other.
pub struct CancelOnBehalf {
    appointments: Arc<dyn AppointmentStore>,
    cancel: CancelAppointment,
    auditor: Auditor,
}

impl CancelOnBehalf {
    /// The use case over the ordinary cancellation.
    pub fn new(
        appointments: Arc<dyn AppointmentStore>,
        cancel: CancelAppointment,
        auditor: Auditor,
    ) -> Self {
        Self {
            appointments,
            cancel,
            auditor,
        }
    }

    /// Cancels appointment `id` because of `reason`.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff, [`AdminError::NotFound`],
    /// [`AdminError::Invalid`] when it can no longer be cancelled, [`AdminError::Conflict`]
    /// when it changed meanwhile.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, appointment = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: AppointmentId,
        reason: Note,
    ) -> Result<Appointment, AdminError> {
        staff_only(actor)?;
        let before = self.appointments.by_id(id).await?;
        let after = self
            .cancel
            .run(actor, id, Some(reason))
            .await
            .map_err(|e| match e {
                CancelAppointmentError::Forbidden => AdminError::Forbidden,
                CancelAppointmentError::NotFound => AdminError::NotFound,
                CancelAppointmentError::Rejected(r) => {
                    AdminError::Invalid(AdminRefusal::Appointment(r))
                }
                CancelAppointmentError::ChangedMeanwhile => {
                    AdminError::Conflict(AdminRefusal::AppointmentChanged)
                }
                CancelAppointmentError::Store(e) => e.into(),
            })?;
        self.auditor
            .record(
                actor,
                "appointment.cancel",
                format!("appointment:{id}"),
                before.as_ref().map(appointment_json),
                Some(appointment_json(&after)),
            )
            .await?;
        Ok(after)
    }
}
