//! Anyone holding a feed URL fetches its owner's calendar as an iCalendar document.

use std::sync::Arc;

use chrono::TimeDelta;
use domain::Role;

use crate::appointment_details::DetailsLoader;
use crate::ports::{
    AppointmentFilter, AppointmentStore, BackendError, Clock, Feed, FeedAudience, FeedRenderer,
    FeedToken, FeedTokens, Links, Period, RepoError, ServiceStore, UserStore,
};

/// How far back a feed reaches: appointments that ended within this many days stay listed.
pub const RECENT_DAYS: i64 = 30;

/// The most appointments one feed lists.
pub const MAX_ENTRIES: u32 = 1000;

/// Why no feed was returned.
#[derive(Debug, thiserror::Error)]
pub enum CalendarFeedError {
    /// The token is malformed, revoked, or its owner's account is deactivated. Shown as 404 so
    /// a guessed URL learns nothing.
    #[error("no such calendar")]
    UnknownToken,
    /// Writing the document failed.
    #[error("the calendar could not be written")]
    Render(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Serves `/calendar/<token>.ics`: a provider's appointments, or a customer's bookings, from
/// [`RECENT_DAYS`] ago on, cancelled ones included so subscribed apps drop them.
pub struct CalendarFeed {
    tokens: Arc<dyn FeedTokens>,
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    appointments: Arc<dyn AppointmentStore>,
    renderer: Arc<dyn FeedRenderer>,
    clock: Arc<dyn Clock>,
    links: Arc<dyn Links>,
}

impl CalendarFeed {
    /// The use case over its ports; entries link to appointment pages by `links`.
    pub fn new(
        tokens: Arc<dyn FeedTokens>,
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        appointments: Arc<dyn AppointmentStore>,
        renderer: Arc<dyn FeedRenderer>,
        clock: Arc<dyn Clock>,
        links: Arc<dyn Links>,
    ) -> Self {
        Self {
            tokens,
            users,
            services,
            appointments,
            renderer,
            clock,
            links,
        }
    }

    /// The iCalendar document (`text/calendar`) for the feed whose URL carries `token`.
    ///
    /// # Errors
    /// See [`CalendarFeedError`].
    #[tracing::instrument(skip_all)]
    pub async fn run(&self, token: &str) -> Result<String, CalendarFeedError> {
        let token = FeedToken::parse(token).ok_or(CalendarFeedError::UnknownToken)?;
        let owner = self
            .tokens
            .owner(&token.hash())
            .await?
            .ok_or(CalendarFeedError::UnknownToken)?;
        let user = self
            .users
            .by_id(owner)
            .await?
            .filter(|u| u.active)
            .ok_or(CalendarFeedError::UnknownToken)?;
        let audience = match user.role {
            Role::Provider => FeedAudience::Provider,
            Role::Customer => FeedAudience::Customer,
            Role::Support | Role::Admin => return Err(CalendarFeedError::UnknownToken),
        };
        let now = self.clock.now();
        let mut filter = AppointmentFilter {
            customer: None,
            provider: None,
            period: Period::UpcomingAfter(now - TimeDelta::days(RECENT_DAYS)),
            status: None,
            limit: MAX_ENTRIES,
        };
        match audience {
            FeedAudience::Provider => filter.provider = Some(user.id),
            FeedAudience::Customer => filter.customer = Some(user.id),
        }
        let appointments = self.appointments.list(filter).await?;
        let mut loader = DetailsLoader::new(
            self.users.clone(),
            self.services.clone(),
            self.links.clone(),
        );
        let entries = loader.entries(appointments, now, audience).await?;
        let feed = Feed {
            title: format!("Book Your Services — {}", user.name.as_str()),
            zone: user.zone,
            audience,
            generated_at: now,
            entries,
        };
        self.renderer
            .render(&feed)
            .map_err(CalendarFeedError::Render)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::feeds::{MockFeedRenderer, MockFeedTokens};
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use domain::{AppointmentStatus, User};

    fn users(list: Vec<User>) -> MockUserStore {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |id| Ok(list.iter().find(|u| u.id == id).cloned()));
        users
    }

    fn tokens_owned_by(owner: Option<User>) -> MockFeedTokens {
        let mut tokens = MockFeedTokens::new();
        tokens
            .expect_owner()
            .returning(move |_| Ok(owner.as_ref().map(|u| u.id)));
        tokens
    }

    fn services() -> MockServiceStore {
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        services
    }

    fn feed(
        tokens: MockFeedTokens,
        users: MockUserStore,
        appointments: MockAppointmentStore,
        renderer: MockFeedRenderer,
    ) -> CalendarFeed {
        CalendarFeed::new(
            Arc::new(tokens),
            Arc::new(users),
            Arc::new(services()),
            Arc::new(appointments),
            Arc::new(renderer),
            clock_at(NOW),
            links_at("https://bys.example/"),
        )
    }

    fn token() -> String {
        FeedToken::generate().unwrap().expose().to_owned()
    }

    #[tokio::test]
    async fn a_provider_feed_lists_their_appointments_from_thirty_days_ago_including_cancelled_ones()
     {
        let provider = a_provider().in_zone("Europe/Paris").build();
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_list()
            .withf(move |f| {
                f.provider == Some(user_id(20))
                    && f.customer.is_none()
                    && f.period == Period::UpcomingAfter(utc("2026-05-02T08:00:00Z"))
            })
            .returning(|_| {
                Ok(vec![
                    an_appointment().build(),
                    an_appointment()
                        .with_status(AppointmentStatus::Cancelled)
                        .build(),
                ])
            });
        let mut renderer = MockFeedRenderer::new();
        renderer
            .expect_render()
            .withf(|f| {
                f.audience == FeedAudience::Provider
                    && f.zone.name() == "Europe/Paris"
                    && f.entries.len() == 2
                    && f.entries[0].link
                        == "https://bys.example/appointments/00000000-0000-0000-0000-000000000384"
                    && f.entries[1].event.kind.as_str() == "cancelled"
            })
            .returning(|_| Ok("BEGIN:VCALENDAR".into()));
        let body = feed(
            tokens_owned_by(Some(provider.clone())),
            users(vec![provider, a_customer().build()]),
            appointments,
            renderer,
        )
        .run(&token())
        .await
        .unwrap();
        assert_eq!(body, "BEGIN:VCALENDAR");
    }

    #[tokio::test]
    async fn a_customer_feed_lists_only_their_own_bookings() {
        let customer = a_customer().build();
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_list()
            .withf(|f| f.customer == Some(user_id(10)) && f.provider.is_none())
            .returning(|_| Ok(vec![an_appointment().build()]));
        let mut renderer = MockFeedRenderer::new();
        renderer
            .expect_render()
            .withf(|f| f.audience == FeedAudience::Customer)
            .returning(|_| Ok(String::new()));
        feed(
            tokens_owned_by(Some(customer.clone())),
            users(vec![customer, a_provider().build()]),
            appointments,
            renderer,
        )
        .run(&token())
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn a_revoked_or_malformed_token_finds_no_calendar() {
        let f = feed(
            tokens_owned_by(None),
            users(vec![]),
            MockAppointmentStore::new(),
            MockFeedRenderer::new(),
        );
        assert!(matches!(
            f.run(&token()).await,
            Err(CalendarFeedError::UnknownToken)
        ));
        assert!(matches!(
            f.run("../../etc/passwd").await,
            Err(CalendarFeedError::UnknownToken)
        ));
    }

    #[tokio::test]
    async fn the_feed_of_a_deactivated_account_stops_working() {
        let provider = a_provider().inactive().build();
        let result = feed(
            tokens_owned_by(Some(provider.clone())),
            users(vec![provider]),
            MockAppointmentStore::new(),
            MockFeedRenderer::new(),
        )
        .run(&token())
        .await;
        assert!(matches!(result, Err(CalendarFeedError::UnknownToken)));
    }
}
