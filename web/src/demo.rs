//! The demo marketplace (`bys demo`): providers in several zones with hours and services,
//! customers, and a few bookings, all made through the use cases. [`Seeder`] is also what the
//! HTTP tests use to set up data. [`bench`] is the large dataset of `bys demo --scale bench`.

use std::sync::Arc;

use adapters::SystemClock;
use anyhow::{Context as _, anyhow};
use application::Actor;
use application::book_appointment::BookingInput;
use application::create_category::CreateCategory;
use application::create_service::ServiceDetails;
use application::create_staff_account::StaffAccount;
use application::ports::{AppointmentStore, Clock};
use application::register_user::Registration;
use application::{AppointmentEvent, ChangeKind};
use chrono::{DurationRound as _, TimeDelta};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, Buffers, CategoryId, CategoryName, DayHours,
    Description, Email, NewPassword, PersonName, Price, ReviewText, Role, Service, ServiceDuration,
    ServiceName, Stars, TimeRange, Timing, User, UserId, WallInterval, WeeklyHours, Zone,
};
use uuid::Uuid;

use crate::startup::Stores;
use crate::use_cases::UseCases;

pub mod bench;
pub mod pictures;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-password";

/// The privacy notice version the demo's people accepted.
const DEMO_PRIVACY_NOTICE: &str = "demo";

/// Creates data through the app's use cases, as the people who own it would; dated by the
/// system clock.
pub struct Seeder {
    use_cases: Arc<UseCases>,
    // Categories are made as by an administrator who is not stored, so not through the
    // administration panel's audited use case.
    categories: CreateCategory,
    appointments: Arc<dyn AppointmentStore>,
    clock: SystemClock,
}

impl Seeder {
    /// A seeder over `use_cases`, which run on `stores`.
    pub fn new(use_cases: Arc<UseCases>, stores: &Stores) -> Self {
        Self {
            use_cases,
            categories: CreateCategory::new(stores.categories.clone()),
            appointments: stores.appointments.clone(),
            clock: SystemClock,
        }
    }

    /// A category (created by a stand-in administrator).
    ///
    /// # Errors
    /// When the name is invalid or taken.
    pub async fn category(&self, name: &str, position: i32) -> anyhow::Result<CategoryId> {
        let admin = Actor::new(UserId::from_uuid(Uuid::now_v7()), Role::Admin);
        let category = self
            .categories
            .run(&admin, CategoryName::parse(name)?, position)
            .await?;
        Ok(category.id)
    }

    /// An account with `password`: customers and providers sign up, staff accounts are
    /// created as the operator creates the first admin.
    ///
    /// # Errors
    /// When a value is invalid or the email is taken.
    pub async fn user(
        &self,
        role: Role,
        email: &str,
        name: &str,
        zone: &str,
        password: &str,
    ) -> anyhow::Result<User> {
        let (email, name) = (Email::parse(email)?, PersonName::parse(name)?);
        let (password, zone) = (NewPassword::parse(password)?, Zone::parse(zone)?);
        if role.is_staff() {
            let account = StaffAccount {
                email,
                name,
                role,
                password,
                zone,
            };
            return Ok(self.use_cases.create_staff.run(None, account).await?);
        }
        let registration = Registration {
            email,
            name,
            password,
            zone,
            role,
            language: None,
            privacy_notice: Some(DEMO_PRIVACY_NOTICE.to_owned()),
        };
        Ok(self.use_cases.register.run(None, registration).await?)
    }

    /// Sets `provider`'s hours: the same `from`–`to` ("09:00", "17:00") on each of `days`
    /// (Monday = 0), closed on the others.
    ///
    /// # Errors
    /// When the times are invalid.
    pub async fn hours(
        &self,
        provider: &User,
        days: &[usize],
        from: &str,
        to: &str,
    ) -> anyhow::Result<()> {
        let open = DayHours::new(vec![WallInterval::parse(from, to)?])?;
        let week = std::array::from_fn(|i| {
            if days.contains(&i) {
                open.clone()
            } else {
                DayHours::default()
            }
        });
        self.use_cases
            .set_weekly_hours
            .run(&actor(provider), provider.id, WeeklyHours::new(week))
            .await?;
        Ok(())
    }

    /// A one-to-one service of `provider`.
    ///
    /// # Errors
    /// When a value is invalid.
    #[allow(clippy::too_many_arguments)] // a seeding helper: one argument per field
    pub async fn service(
        &self,
        provider: &User,
        name: &str,
        description: &str,
        minutes: u16,
        price: &str,
        currency: &str,
        category: Option<CategoryId>,
    ) -> anyhow::Result<Service> {
        let details = Self::details(name, description, minutes, (price, currency), category)?;
        self.create(provider, details).await
    }

    /// The details of a one-to-one service, parsed.
    ///
    /// # Errors
    /// When a value is invalid.
    pub fn details(
        name: &str,
        description: &str,
        minutes: u16,
        (price, currency): (&str, &str),
        category: Option<CategoryId>,
    ) -> anyhow::Result<ServiceDetails> {
        Ok(ServiceDetails {
            name: ServiceName::parse(name)?,
            description: Description::parse(description)?,
            category,
            timing: Timing {
                duration: ServiceDuration::from_minutes(minutes)?,
                buffers: Buffers::default(),
            },
            price: Price::parse(price, currency)?,
            policy: None,
            capacity: domain::Capacity::ONE,
        })
    }

    /// `details` as a service of `provider`.
    ///
    /// # Errors
    /// When the service is refused.
    pub async fn create(
        &self,
        provider: &User,
        details: ServiceDetails,
    ) -> anyhow::Result<Service> {
        Ok(self
            .use_cases
            .create_service
            .run(&actor(provider), details)
            .await?)
    }

    /// Books the first free slot of `service` at least `days_ahead` days from now.
    ///
    /// # Errors
    /// When there is no free slot in the following week, or booking fails.
    pub async fn book_first_free(
        &self,
        customer: &User,
        service: &Service,
        days_ahead: i64,
    ) -> anyhow::Result<()> {
        let from = self.clock.now() + TimeDelta::days(days_ahead);
        let window = TimeRange::new(from, from + TimeDelta::days(7))?;
        let free = self
            .use_cases
            .free_slots
            .run(None, service.id, window)
            .await?;
        let start = *free
            .slots
            .first()
            .ok_or_else(|| anyhow!("no free slot for {}", service.name.as_str()))?;
        let input = BookingInput {
            service: service.id,
            start,
            note: None,
            idempotency_key: None,
        };
        self.use_cases.book.run(&actor(customer), input).await?;
        Ok(())
    }
}

impl Seeder {
    /// A visit of `customer` to `service` `days_ago` days ago at 16:00 UTC, stored as history
    /// (booking refuses the past): completed and reviewed with `review`'s stars and words, or
    /// left confirmed for its provider to mark.
    ///
    /// # Errors
    /// When the store or the review's rules refuse it.
    pub async fn past_visit(
        &self,
        customer: &User,
        service: &Service,
        days_ago: i64,
        review: Option<(u8, &str)>,
    ) -> anyhow::Result<()> {
        let day =
            (self.clock.now() - TimeDelta::days(days_ago)).duration_trunc(TimeDelta::days(1))?;
        let start = day + TimeDelta::hours(16);
        let status = if review.is_some() {
            AppointmentStatus::Completed
        } else {
            AppointmentStatus::Confirmed
        };
        let appointment = Appointment {
            id: AppointmentId::from_uuid(Uuid::now_v7()),
            service: service.id,
            provider: service.provider,
            customer: customer.id,
            session: service.timing.session(start),
            blocked: service.timing.blocked(start),
            status,
            note: None,
            created_at: start - TimeDelta::days(7),
            revision: 1,
            reschedules: Vec::new(),
            cancellation: None,
            series: None,
        };
        let booked =
            AppointmentEvent::new(ChangeKind::Booked, &appointment, appointment.created_at);
        self.appointments
            .insert(&appointment, None, &booked)
            .await?;
        if let Some((stars, text)) = review {
            self.use_cases
                .write_review
                .run(
                    &actor(customer),
                    appointment.id,
                    Stars::new(stars)?,
                    Some(ReviewText::parse(text)?),
                )
                .await?;
        }
        Ok(())
    }
}

fn actor(user: &User) -> Actor {
    Actor::new(user.id, user.role)
}

/// Fills the stores behind `seeder` with the demo marketplace.
///
/// # Errors
/// When a use case refuses the demo data (a bug).
pub async fn seed(seeder: &Seeder) -> anyhow::Result<()> {
    let hair = seeder.category("Hair & Beauty", 1).await?;
    let tutoring = seeder.category("Tutoring", 2).await?;
    let health = seeder.category("Health & Fitness", 3).await?;
    let haircut = salon(seeder, hair).await?;
    let maths = tutor(seeder, tutoring).await?;
    coach(seeder, health).await?;

    let ann = seeder
        .user(
            Role::Customer,
            "ann@demo.bys",
            "Ann Customer",
            "Europe/London",
            DEMO_PASSWORD,
        )
        .await?;
    let bo = seeder
        .user(
            Role::Customer,
            "bo@demo.bys",
            "Bo Customer",
            "America/Chicago",
            DEMO_PASSWORD,
        )
        .await?;
    seeder
        .user(
            Role::Admin,
            "admin@demo.bys",
            "Ada Admin",
            "UTC",
            DEMO_PASSWORD,
        )
        .await?;
    seeder
        .book_first_free(&ann, &haircut, 2)
        .await
        .context("demo booking")?;
    seeder
        .book_first_free(&bo, &maths, 3)
        .await
        .context("demo booking")?;
    seeder
        .past_visit(
            &ann,
            &haircut,
            12,
            Some((
                5,
                "Amélie listened, and the cut is exactly what I asked for.",
            )),
        )
        .await
        .context("demo review")?;
    seeder
        .past_visit(
            &bo,
            &haircut,
            26,
            Some((4, "Friendly and quick; I waited ten minutes at the start.")),
        )
        .await
        .context("demo review")?;
    seeder
        .past_visit(
            &ann,
            &maths,
            9,
            Some((5, "Patient, clear, and my exam went well.")),
        )
        .await
        .context("demo review")?;
    // Yesterday's haircut of Bo's, still to be marked completed by the salon.
    seeder
        .past_visit(&bo, &haircut, 1, None)
        .await
        .context("demo history")?;
    Ok(())
}

/// A hair salon in Paris, Tuesday to Saturday; returns its haircut.
async fn salon(seeder: &Seeder, category: CategoryId) -> anyhow::Result<Service> {
    let salon = seeder
        .user(
            Role::Provider,
            "salon@demo.bys",
            "Salon Amélie",
            "Europe/Paris",
            DEMO_PASSWORD,
        )
        .await?;
    seeder
        .hours(&salon, &[1, 2, 3, 4, 5], "09:00", "18:00")
        .await?;
    let haircut = seeder
        .service(
            &salon,
            "Haircut",
            "Wash, cut and blow-dry.",
            45,
            "35",
            "EUR",
            Some(category),
        )
        .await?;
    seeder
        .service(
            &salon,
            "Colour",
            "Full colour with a gloss finish.",
            90,
            "80",
            "EUR",
            Some(category),
        )
        .await?;
    Ok(haircut)
}

/// A maths tutor in New York, weekday afternoons; returns the tutoring service.
async fn tutor(seeder: &Seeder, category: CategoryId) -> anyhow::Result<Service> {
    let tutor = seeder
        .user(
            Role::Provider,
            "maths@demo.bys",
            "Dr. Priya Raman",
            "America/New_York",
            DEMO_PASSWORD,
        )
        .await?;
    seeder
        .hours(&tutor, &[0, 1, 2, 3, 4], "15:00", "20:00")
        .await?;
    let maths = seeder
        .service(
            &tutor,
            "Maths tutoring",
            "One-to-one algebra and calculus, online.",
            60,
            "45",
            "USD",
            Some(category),
        )
        .await?;
    seeder
        .service(
            &tutor,
            "Exam preparation",
            "A focused session before an exam.",
            90,
            "65",
            "USD",
            Some(category),
        )
        .await?;
    Ok(maths)
}

/// A coach in Tokyo, every morning, with a bootcamp class of twelve places.
async fn coach(seeder: &Seeder, category: CategoryId) -> anyhow::Result<()> {
    let coach = seeder
        .user(
            Role::Provider,
            "coach@demo.bys",
            "Kenji Sato",
            "Asia/Tokyo",
            DEMO_PASSWORD,
        )
        .await?;
    seeder
        .hours(&coach, &[0, 1, 2, 3, 4, 5, 6], "07:00", "12:00")
        .await?;
    seeder
        .service(
            &coach,
            "Personal training",
            "Strength and mobility, in the park or online.",
            60,
            "6000",
            "JPY",
            Some(category),
        )
        .await?;
    seeder
        .service(
            &coach,
            "Yoga class",
            "Gentle morning yoga for all levels.",
            45,
            "3000",
            "JPY",
            Some(category),
        )
        .await?;
    let bootcamp = Seeder::details(
        "Park bootcamp",
        "A group workout in Yoyogi Park: twelve places, every morning.",
        60,
        ("2000", "JPY"),
        Some(category),
    )?;
    seeder
        .create(
            &coach,
            ServiceDetails {
                capacity: domain::Capacity::new(12)?,
                ..bootcamp
            },
        )
        .await?;
    Ok(())
}
