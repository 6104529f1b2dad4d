//! One appointment as an iCalendar document, for a party's "add to calendar" download.

use std::sync::Arc;

use domain::{AppointmentId, Party};

use crate::actor::Actor;
use crate::appointment_details::{DetailsLoader, current_state};
use crate::events::AppointmentEvent;
use crate::ports::{
    AppointmentStore, BackendError, Clock, Feed, FeedAudience, FeedRenderer, Links, RepoError,
    ServiceStore, UserStore,
};

/// Why no document was returned.
#[derive(Debug, thiserror::Error)]
pub enum AppointmentCalendarError {
    /// The actor is not a party to the appointment.
    #[error("you may not see this appointment")]
    Forbidden,
    /// No such appointment (or its service or parties are gone).
    #[error("no such appointment")]
    NotFound,
    /// Writing the document failed.
    #[error("the calendar could not be written")]
    Render(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Writes one appointment as a calendar with one event, titled for the downloading party.
pub struct AppointmentCalendar {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    appointments: Arc<dyn AppointmentStore>,
    renderer: Arc<dyn FeedRenderer>,
    clock: Arc<dyn Clock>,
    links: Arc<dyn Links>,
}

impl AppointmentCalendar {
    /// The use case over its ports; the event links to the appointment page by `links`.
    pub fn new(
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        appointments: Arc<dyn AppointmentStore>,
        renderer: Arc<dyn FeedRenderer>,
        clock: Arc<dyn Clock>,
        links: Arc<dyn Links>,
    ) -> Self {
        Self {
            users,
            services,
            appointments,
            renderer,
            clock,
            links,
        }
    }

    /// The iCalendar document (`text/calendar`) for appointment `id`.
    ///
    /// # Errors
    /// See [`AppointmentCalendarError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, appointment = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<String, AppointmentCalendarError> {
        let appointment = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(AppointmentCalendarError::NotFound)?;
        let audience = match actor.party_in(&appointment) {
            Some(Party::Customer) => FeedAudience::Customer,
            Some(Party::Provider | Party::Staff) => FeedAudience::Provider,
            None => return Err(AppointmentCalendarError::Forbidden),
        };
        let now = self.clock.now();
        let event = AppointmentEvent::new(current_state(&appointment), &appointment, now);
        let mut loader = DetailsLoader::new(
            self.users.clone(),
            self.services.clone(),
            self.links.clone(),
        );
        let details = loader
            .load(event)
            .await?
            .ok_or(AppointmentCalendarError::NotFound)?;
        let zone = match audience {
            FeedAudience::Customer => details.customer.zone,
            FeedAudience::Provider => details.provider.zone,
        };
        let feed = Feed {
            title: details.service.name.as_str().to_owned(),
            zone,
            audience,
            generated_at: now,
            entries: vec![details],
        };
        self.renderer
            .render(&feed)
            .map_err(AppointmentCalendarError::Render)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::feeds::MockFeedRenderer;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn use_case(renderer: MockFeedRenderer) -> AppointmentCalendar {
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_by_id()
            .returning(|_| Ok(Some(an_appointment().build())));
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(|id| {
            Ok(Some(if id == a_customer().build().id {
                a_customer().build()
            } else {
                a_provider().build()
            }))
        });
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        AppointmentCalendar::new(
            Arc::new(users),
            Arc::new(services),
            Arc::new(appointments),
            Arc::new(renderer),
            clock_at("2026-06-01T08:00:00Z"),
            links_at("https://example.org"),
        )
    }

    #[tokio::test]
    async fn the_customer_gets_the_event_titled_for_customers() {
        let mut renderer = MockFeedRenderer::new();
        renderer
            .expect_render()
            .withf(|feed| feed.audience == FeedAudience::Customer && feed.entries.len() == 1)
            .returning(|_| Ok("BEGIN:VCALENDAR".to_owned()));
        let document = use_case(renderer)
            .run(&a_customer().actor(), an_appointment().build().id)
            .await
            .unwrap();
        assert_eq!(document, "BEGIN:VCALENDAR");
    }

    #[tokio::test]
    async fn someone_else_cannot_download_it() {
        let refused = use_case(MockFeedRenderer::new())
            .run(&another_customer().actor(), an_appointment().build().id)
            .await;
        assert!(matches!(refused, Err(AppointmentCalendarError::Forbidden)));
    }
}
