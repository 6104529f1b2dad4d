//! Test data builders. Defaults are valid and unique (fresh ids and emails), so tests set only
//! what they assert on: `a_provider().in_zone("Europe/Paris").build()`.

use std::sync::atomic::{AtomicU64, Ordering};

use application::ports::{PasswordHash, WebhookNotice};
use application::webhook_payload::service_notice;
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, BookingPolicy, Buffers, Category, CategoryId,
    CategoryName, DayHours, Description, Email, Note, PersonName, Phone, Price, Role, Schedule,
    Service, ServiceDuration, ServiceId, ServiceName, SlotStep, Timing, User, UserId, WallInterval,
    WebhookEvent, WeeklyHours, Zone,
};
use uuid::Uuid;

/// An instant from RFC 3339 text.
pub fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// A number no other call in this process returns.
fn unique() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A time-ordered id, later than every id made before it.
pub fn fresh_uuid() -> Uuid {
    Uuid::now_v7()
}

/// A syntactically valid stored hash; stores never look inside it.
pub fn a_password_hash() -> PasswordHash {
    PasswordHash::from_phc(format!(
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ{}$aGFzaGhhc2g",
        unique()
    ))
}

pub struct UserBuilder(User);

fn a_user(role: Role) -> UserBuilder {
    let n = unique();
    UserBuilder(User {
        id: UserId::from_uuid(fresh_uuid()),
        email: Email::parse(&format!("{}{n}@example.org", role.as_str())).unwrap(),
        name: PersonName::parse(&format!("Person {n}")).unwrap(),
        role,
        zone: Zone::UTC,
        phone: None,
        calendar_email: None,
        photo: None,
        email_verified_at: None,
        review_requests: true,
        language: None,
        privacy_consent: None,
        active: true,
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

pub fn an_admin() -> UserBuilder {
    a_user(Role::Admin)
}

impl UserBuilder {
    pub fn in_zone(mut self, zone: &str) -> Self {
        self.0.zone = Zone::parse(zone).unwrap();
        self
    }

    pub fn named(mut self, name: &str) -> Self {
        self.0.name = PersonName::parse(name).unwrap();
        self
    }

    pub fn with_email(mut self, email: &str) -> Self {
        self.0.email = Email::parse(email).unwrap();
        self
    }

    pub fn with_phone(mut self, phone: &str) -> Self {
        self.0.phone = Some(Phone::parse(phone).unwrap());
        self
    }

    pub fn with_calendar_email(mut self, email: &str) -> Self {
        self.0.calendar_email = Some(Email::parse(email).unwrap());
        self
    }

    pub fn with_photo(mut self, key: &str) -> Self {
        self.0.photo = Some(key.to_owned());
        self
    }

    pub fn created_at(mut self, at: &str) -> Self {
        self.0.created_at = utc(at);
        self
    }

    pub fn inactive(mut self) -> Self {
        self.0.active = false;
        self
    }

    pub fn verified_at(mut self, at: &str) -> Self {
        self.0.email_verified_at = Some(utc(at));
        self
    }

    pub fn build(self) -> User {
        self.0
    }
}

/// The webhook notice that `service` was created, as the use case makes it.
pub fn created(service: &Service) -> WebhookNotice {
    service_notice(
        service,
        WebhookEvent::ServiceCreated,
        utc("2030-01-01T00:00:00Z"),
    )
}

/// The webhook notice that `service` was updated, as the use case makes it.
pub fn updated(service: &Service) -> WebhookNotice {
    service_notice(
        service,
        WebhookEvent::ServiceUpdated,
        utc("2030-01-01T00:00:00Z"),
    )
}

pub struct ServiceBuilder(Service);

/// A 60-minute service without buffers for €25, with a random provider id: set the provider
/// with [`ServiceBuilder::by`] when the store checks references.
pub fn a_service() -> ServiceBuilder {
    ServiceBuilder(Service {
        id: ServiceId::from_uuid(fresh_uuid()),
        provider: UserId::from_uuid(fresh_uuid()),
        category: None,
        name: ServiceName::parse(&format!("Service {}", unique())).unwrap(),
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
    pub fn by(mut self, provider: &User) -> Self {
        self.0.provider = provider.id;
        self
    }

    pub fn named(mut self, name: &str) -> Self {
        self.0.name = ServiceName::parse(name).unwrap();
        self
    }

    pub fn described(mut self, text: &str) -> Self {
        self.0.description = Description::parse(text).unwrap();
        self
    }

    pub fn in_category(mut self, category: &Category) -> Self {
        self.0.category = Some(category.id);
        self
    }

    pub fn lasting(mut self, minutes: u16) -> Self {
        self.0.timing.duration = ServiceDuration::from_minutes(minutes).unwrap();
        self
    }

    pub fn with_buffers(mut self, before: u16, after: u16) -> Self {
        self.0.timing.buffers = Buffers::new(before, after).unwrap();
        self
    }

    pub fn priced(mut self, minor_units: i64, currency: &str) -> Self {
        self.0.price = Price::new(minor_units, currency).unwrap();
        self
    }

    pub fn with_policy(mut self, policy: BookingPolicy) -> Self {
        self.0.policy = Some(policy);
        self
    }

    /// A class of `places` places.
    pub fn seating(mut self, places: u16) -> Self {
        self.0.capacity = domain::Capacity::new(places).unwrap();
        self
    }

    pub fn with_image(mut self, key: &str) -> Self {
        self.0.image = Some(key.to_owned());
        self
    }

    pub fn inactive(mut self) -> Self {
        self.0.active = false;
        self
    }

    pub fn build(self) -> Service {
        self.0
    }
}

pub struct CategoryBuilder(Category);

pub fn a_category() -> CategoryBuilder {
    let name = CategoryName::parse(&format!("Category {}", unique())).unwrap();
    CategoryBuilder(Category::new(CategoryId::from_uuid(fresh_uuid()), name, 0))
}

impl CategoryBuilder {
    /// Renames it; the slug follows the new name.
    pub fn named(self, name: &str) -> Self {
        let category = Category::new(
            self.0.id,
            CategoryName::parse(name).unwrap(),
            self.0.position,
        );
        Self(Category {
            active: self.0.active,
            ..category
        })
    }

    pub fn at_position(mut self, position: i32) -> Self {
        self.0.position = position;
        self
    }

    pub fn inactive(mut self) -> Self {
        self.0.active = false;
        self
    }

    pub fn build(self) -> Category {
        self.0
    }
}

pub struct AppointmentBuilder {
    appointment: Appointment,
    timing: Timing,
}

/// A confirmed appointment of `service` for `customer`, on Monday 2030-06-03 at 10:00 UTC.
pub fn an_appointment(service: &Service, customer: &User) -> AppointmentBuilder {
    let start = utc("2030-06-03T10:00:00Z");
    AppointmentBuilder {
        appointment: Appointment {
            id: AppointmentId::from_uuid(fresh_uuid()),
            service: service.id,
            provider: service.provider,
            customer: customer.id,
            session: service.timing.session(start),
            blocked: service.timing.blocked(start),
            status: AppointmentStatus::Confirmed,
            note: None,
            created_at: utc("2030-05-01T12:00:00Z"),
            revision: 0,
            reschedules: Vec::new(),
            cancellation: None,
            series: None,
        },
        timing: service.timing,
    }
}

impl AppointmentBuilder {
    /// Starting at `start` (RFC 3339), blocking the service's buffers around it.
    pub fn at(mut self, start: &str) -> Self {
        let start = utc(start);
        self.appointment.session = self.timing.session(start);
        self.appointment.blocked = self.timing.blocked(start);
        self
    }

    pub fn requested(mut self) -> Self {
        self.appointment.status = AppointmentStatus::Requested;
        self
    }

    /// Booked by `customer`.
    pub fn for_customer(mut self, customer: &User) -> Self {
        self.appointment.customer = customer.id;
        self
    }

    pub fn with_note(mut self, note: &str) -> Self {
        self.appointment.note = Some(Note::parse(note).unwrap());
        self
    }

    pub fn build(self) -> Appointment {
        self.appointment
    }
}

/// Hours from `(start, end)` pairs like `("09:00", "12:00")`.
pub fn hours(intervals: &[(&str, &str)]) -> DayHours {
    DayHours::new(
        intervals
            .iter()
            .map(|(start, end)| WallInterval::parse(start, end).unwrap())
            .collect(),
    )
    .unwrap()
}

/// A schedule using every part of the type: split days, a closed day, overrides of both kinds
/// and a policy unlike the default.
pub fn a_detailed_schedule() -> Schedule {
    let weekday = hours(&[("09:00", "12:00"), ("13:00", "17:30")]);
    let mut weekly = WeeklyHours::new(std::array::from_fn(|_| weekday.clone()));
    weekly.set(chrono::Weekday::Sat, hours(&[("10:00", "24:00")]));
    weekly.set(chrono::Weekday::Sun, DayHours::closed());
    let mut schedule = Schedule {
        weekly,
        policy: BookingPolicy::new(
            120,
            30,
            Some(SlotStep::from_minutes(15).unwrap()),
            6 * 60,
            false,
        )
        .and_then(|p| p.with_hold_minutes(90))
        .unwrap(),
        ..Schedule::default()
    };
    schedule
        .overrides
        .insert(date(2030, 12, 25), DayHours::closed());
    schedule
        .overrides
        .insert(date(2030, 12, 24), hours(&[("08:00", "11:00")]));
    schedule
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
