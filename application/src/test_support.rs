//! Builders and fixed values shared by the use case tests. Defaults are valid; tests set only
//! what they assert on.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, BookingPolicy, Buffers, Category, CategoryId,
    CategoryName, DayHours, Description, Email, PersonName, Price, Role, Schedule, Service,
    ServiceDuration, ServiceId, ServiceName, TimeRange, Timing, User, UserId, WallInterval,
    WebhookEndpointId, WeeklyHours, Zone,
};
use uuid::Uuid;

use crate::Actor;
use crate::account_mail::VerificationMail;
use crate::create_service::ServiceDetails;
use crate::ports::account_tokens::MockAccountTokens;
use crate::ports::clock::MockClock;
use crate::ports::mail::{MockMailComposer, MockMailer};
use crate::ports::{AccountToken, EmailMessage, Links, Mailbox};

/// "Now" in every use case test: Monday 2026-06-01 08:00 UTC.
pub const NOW: &str = "2026-06-01T08:00:00Z";

pub fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub fn clock_at(now: &str) -> Arc<MockClock> {
    let now = utc(now);
    let mut clock = MockClock::new();
    clock.expect_now().return_const(now);
    Arc::new(clock)
}

/// Verification links of `https://book.example.org` that work for 48 hours.
pub fn verification_mail(
    tokens: MockAccountTokens,
    composer: MockMailComposer,
    mailer: MockMailer,
) -> VerificationMail {
    VerificationMail {
        tokens: Arc::new(tokens),
        clock: clock_at(NOW),
        composer: Arc::new(composer),
        mailer: Arc::new(mailer),
        links: links_at("https://book.example.org/"),
        ttl: TimeDelta::hours(48),
    }
}

/// A worded mail to `user`.
pub fn message_to(user: &User, subject: &str) -> EmailMessage {
    EmailMessage {
        to: Mailbox {
            email: user.email.clone(),
            name: user.name.clone(),
        },
        subject: subject.into(),
        text: String::new(),
        html: String::new(),
        invitation: None,
        delivery: None,
        unsubscribe: None,
    }
}

pub fn user_id(n: u128) -> UserId {
    UserId::from_uuid(Uuid::from_u128(n))
}

pub struct UserBuilder(User);

pub fn a_user(role: Role) -> UserBuilder {
    let id = match role {
        Role::Customer => 10,
        Role::Provider => 20,
        Role::Support => 30,
        Role::Admin => 40,
    };
    UserBuilder(User {
        id: user_id(id),
        email: Email::parse(&format!("{}@example.org", role.as_str())).unwrap(),
        name: PersonName::parse("Sam Example").unwrap(),
        role,
        zone: Zone::UTC,
        phone: None,
        calendar_email: None,
        active: true,
        photo: None,
        email_verified_at: None,
        review_requests: true,
        language: None,
        privacy_consent: None,
        created_at: utc("2026-01-01T00:00:00Z"),
        erased_at: None,
    })
}

pub fn a_customer() -> UserBuilder {
    a_user(Role::Customer)
}

pub fn a_provider() -> UserBuilder {
    a_user(Role::Provider)
}

/// Another customer than `a_customer()`.
pub fn another_customer() -> UserBuilder {
    a_customer().with_id(11)
}

/// Another provider than `a_provider()`.
pub fn another_provider() -> UserBuilder {
    a_provider().with_id(21)
}

pub fn an_admin() -> UserBuilder {
    a_user(Role::Admin)
}

pub fn a_support_agent() -> UserBuilder {
    a_user(Role::Support)
}

impl UserBuilder {
    pub fn inactive(mut self) -> Self {
        self.0.active = false;
        self
    }

    pub fn verified(mut self) -> Self {
        self.0.email_verified_at = Some(utc("2026-02-01T00:00:00Z"));
        self
    }

    pub fn with_id(mut self, n: u128) -> Self {
        self.0.id = user_id(n);
        self
    }

    pub fn in_zone(mut self, zone: &str) -> Self {
        self.0.zone = Zone::parse(zone).unwrap();
        self
    }

    pub fn build(self) -> User {
        self.0
    }

    pub fn actor(&self) -> Actor {
        Actor::new(self.0.id, self.0.role)
    }
}

pub struct ServiceBuilder(Service);

pub fn a_service() -> ServiceBuilder {
    ServiceBuilder(Service {
        id: ServiceId::from_uuid(Uuid::from_u128(100)),
        provider: user_id(20),
        category: None,
        name: ServiceName::parse("Haircut").unwrap(),
        description: Description::parse("").unwrap(),
        timing: Timing {
            duration: ServiceDuration::from_minutes(60).unwrap(),
            buffers: Buffers::default(),
        },
        price: Price::new(2500, "EUR").unwrap(),
        capacity: domain::Capacity::ONE,
        policy: None,
        active: true,
        image: None,
    })
}

impl ServiceBuilder {
    pub fn inactive(mut self) -> Self {
        self.0.active = false;
        self
    }

    pub fn owned_by(mut self, provider: UserId) -> Self {
        self.0.provider = provider;
        self
    }

    pub fn in_category(mut self, category: CategoryId) -> Self {
        self.0.category = Some(category);
        self
    }

    pub fn with_policy(mut self, policy: BookingPolicy) -> Self {
        self.0.policy = Some(policy);
        self
    }

    pub fn with_buffers(mut self, before: u16, after: u16) -> Self {
        self.0.timing.buffers = Buffers::new(before, after).unwrap();
        self
    }

    /// A class of `places` places.
    pub fn with_capacity(mut self, places: u16) -> Self {
        self.0.capacity = domain::Capacity::new(places).unwrap();
        self
    }

    pub fn build(self) -> Service {
        self.0
    }
}

/// Open 09:00–17:00 every day, one hour's notice, 24 hours' change cut-off.
pub fn nine_to_five() -> Schedule {
    let day = DayHours::new(vec![WallInterval::parse("09:00", "17:00").unwrap()]).unwrap();
    Schedule {
        weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
        policy: BookingPolicy::new(60, 60, None, 24 * 60, true).unwrap(),
        ..Schedule::default()
    }
}

/// The details of `a_service()`, as a provider would submit them.
pub fn service_details() -> ServiceDetails {
    let s = a_service().build();
    ServiceDetails {
        name: s.name,
        description: s.description,
        category: None,
        timing: s.timing,
        price: s.price,
        policy: None,
        capacity: s.capacity,
    }
}

pub fn category_id(n: u128) -> CategoryId {
    CategoryId::from_uuid(Uuid::from_u128(n))
}

pub struct CategoryBuilder(Category);

/// An active category "Hair" with id 500.
pub fn a_category() -> CategoryBuilder {
    CategoryBuilder(Category::new(
        category_id(500),
        CategoryName::parse("Hair").unwrap(),
        1,
    ))
}

impl CategoryBuilder {
    pub fn inactive(mut self) -> Self {
        self.0.active = false;
        self
    }

    pub fn build(self) -> Category {
        self.0
    }
}

pub struct AppointmentBuilder(Appointment);

/// A confirmed one-hour appointment of `a_service()` between `a_customer()` and `a_provider()`
/// on Wednesday 2026-06-03 10:00 UTC, booked at `NOW`.
pub fn an_appointment() -> AppointmentBuilder {
    let session = TimeRange::new(utc("2026-06-03T10:00:00Z"), utc("2026-06-03T11:00:00Z")).unwrap();
    AppointmentBuilder(Appointment {
        id: AppointmentId::from_uuid(Uuid::from_u128(900)),
        service: a_service().build().id,
        provider: a_provider().build().id,
        customer: a_customer().build().id,
        session,
        blocked: session,
        status: AppointmentStatus::Confirmed,
        note: None,
        created_at: utc(NOW),
        revision: 3,
        reschedules: Vec::new(),
        cancellation: None,
        series: None,
    })
}

impl AppointmentBuilder {
    /// Moves the one-hour session (and its blocked range, no buffers) to `start`.
    pub fn starting(mut self, start: &str) -> Self {
        let session = TimeRange::starting_at(utc(start), chrono::TimeDelta::hours(1)).unwrap();
        self.0.session = session;
        self.0.blocked = session;
        self
    }

    pub fn with_status(mut self, status: AppointmentStatus) -> Self {
        self.0.status = status;
        self
    }

    pub fn build(self) -> Appointment {
        self.0
    }
}

/// A calendar of the provider's, read a minute before `NOW`.
pub fn fresh_source() -> crate::ports::BusySource {
    let mut source = crate::ports::BusySource::new(
        a_provider().build().id,
        "ann@gmail.com".to_owned(),
        crate::ports::SourceMode::Events,
    );
    source.synced_at = Some(utc(NOW) - TimeDelta::minutes(1));
    source
}

/// Nothing blocked in the provider's own calendars.
pub fn nothing_external() -> crate::ports::busy_time::MockBusyTimeStore {
    let mut external = crate::ports::busy_time::MockBusyTimeStore::new();
    external.expect_sources().returning(|_| Ok(vec![]));
    external
}

pub struct ReviewBuilder(domain::Review);

/// A four-star review by `a_customer()` of `an_appointment()`, completed, written at `NOW`.
pub fn a_review() -> ReviewBuilder {
    let appointment = an_appointment()
        .starting("2026-05-30T10:00:00Z")
        .with_status(AppointmentStatus::Completed)
        .build();
    ReviewBuilder(
        domain::Review::write(
            domain::ReviewId::from_uuid(Uuid::from_u128(700)),
            &appointment,
            appointment.customer,
            domain::Stars::new(4).unwrap(),
            None,
            utc(NOW),
        )
        .unwrap(),
    )
}

impl ReviewBuilder {
    pub fn hidden(mut self) -> Self {
        self.0
            .hide(
                an_admin().build().id,
                domain::ModerationReason::parse("Personal data").unwrap(),
                utc(NOW),
            )
            .unwrap();
        self
    }

    pub fn build(self) -> domain::Review {
        self.0
    }
}

/// The site's pages under `base`, spelled as the web edge spells them.
pub fn links_at(base: &str) -> Arc<dyn Links> {
    Arc::new(TestLinks(base.trim_end_matches('/').to_owned()))
}

struct TestLinks(String);

impl Links for TestLinks {
    fn home(&self) -> String {
        format!("{}/", self.0)
    }
    fn account(&self) -> String {
        format!("{}/account", self.0)
    }
    fn appointment(&self, id: AppointmentId) -> String {
        format!("{}/appointments/{id}", self.0)
    }
    fn review(&self, id: AppointmentId) -> String {
        format!("{}/appointments/{id}/review", self.0)
    }
    fn verify_email(&self, token: &AccountToken) -> String {
        format!("{}/account/verify/{}", self.0, token.expose())
    }
    fn reset_password(&self, token: &AccountToken) -> String {
        format!("{}/reset-password/{}", self.0, token.expose())
    }
    fn stop_review_requests(&self, token: &AccountToken) -> String {
        format!("{}/unsubscribe/review-requests/{}", self.0, token.expose())
    }
    fn webhook(&self, id: WebhookEndpointId) -> String {
        format!("{}/account/webhooks/{id}", self.0)
    }
}
