//! Builders and fixed values shared by the use case tests. Defaults are valid; tests set only
//! what they assert on.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{
    BookingPolicy, Buffers, DayHours, Description, Email, PersonName, Price, Role, Schedule,
    Service, ServiceDuration, ServiceId, ServiceName, Timing, User, UserId, WallInterval,
    WeeklyHours, Zone,
};
use uuid::Uuid;

use crate::Actor;
use crate::ports::clock::MockClock;

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
        created_at: utc("2026-01-01T00:00:00Z"),
    })
}

pub fn a_customer() -> UserBuilder {
    a_user(Role::Customer)
}

pub fn a_provider() -> UserBuilder {
    a_user(Role::Provider)
}

impl UserBuilder {
    pub fn inactive(mut self) -> Self {
        self.0.active = false;
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
