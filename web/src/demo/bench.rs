//! The benchmark dataset (`bys demo --scale bench`, used by `bench/load.sh`): 12 categories,
//! 200 providers in eight zones, 500 customers, 1,000 services, weekly hours with two intervals a
//! day and some date overrides, a "hot" provider with 5,000 appointments over the next 60 days
//! (one day nearly full) and 5,000 appointments for the others. A factor multiplies everything
//! but the hot provider (`--factor 100`: 20,000 providers, 100,000 services, 505,000
//! appointments), so the hot provider's cases measure what more data around them costs.
//!
//! Deterministic: ids, names and emails are fixed, and the times are the same relative to the
//! day it is loaded. The data is built with the domain types (the slot engine picks every
//! appointment's time, so each lies inside opening hours and none overlap) and written with one
//! bulk transaction, not through the use cases: 8,000 bookings one by one would take minutes.
//! Each loaded appointment comes with its booking event, delivered on every channel (as in a
//! database that sent them), so no mail goes out for them.

use adapters::sea_orm::{BulkLoad, DatabaseConnection, SeaOrmBusyTimes, bulk_load};
use anyhow::Context as _;
use application::ports::{BusySource, BusyTimeStore, BusyUpdate, PasswordHasher, SourceMode};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, BookingPolicy, Buffers, BusyTimes, Category,
    CategoryId, CategoryName, DayHours, Description, Email, NewPassword, Offer, PersonName, Price,
    Role, Schedule, Service, ServiceDuration, ServiceId, ServiceName, TimeRange, Timing, User,
    UserId, WallInterval, WeeklyHours, Zone,
};
use uuid::Uuid;

/// The password of every benchmark account.
pub const BENCH_PASSWORD: &str = "bench-password";

/// Providers at factor 1, the hot one (`provider000@bench.bys`) included.
const PROVIDERS: u32 = 200;
/// Customers (`customer000@bench.bys` …) at factor 1.
const CUSTOMERS: u32 = 500;
/// Services at factor 1, the hot provider's one included.
const SERVICES: u32 = 1_000;
/// The hot provider's appointments, at every factor.
const HOT_APPOINTMENTS: usize = 5_000;
/// The other providers' appointments together, at factor 1.
const OTHER_APPOINTMENTS: usize = 5_000;
/// Providers whose services the booking case books, at every factor (the harness lists their
/// free slots first).
const BOOKING_PROVIDERS: usize = 199;
/// Customer logins handed to the harness, at every factor.
const LOGINS: usize = 100;
/// The largest factor: 1,000 gives 200,000 providers and 5 million appointments.
pub const MAX_FACTOR: u32 = 1_000;
/// Days ahead that appointments are spread over, from tomorrow (in each provider's zone).
const DAYS: u32 = 60;
/// The hot provider's nearly full day, in days from tomorrow.
const BUSIEST_DAY: u32 = 7;
/// Free slots left on that day.
const FREE_ON_BUSIEST_DAY: usize = 2;

const ZONES: [&str; 8] = [
    "Europe/Berlin",
    "Europe/London",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
];

/// Categories with three kinds of service each; service names combine one with an adjective.
const CATEGORIES: [(&str, [&str; 3]); 12] = [
    ("Hair & Beauty", ["haircut", "colour", "manicure"]),
    (
        "Tutoring",
        ["maths tutoring", "physics tutoring", "exam preparation"],
    ),
    (
        "Health & Fitness",
        ["yoga class", "personal training", "pilates"],
    ),
    (
        "Massage",
        ["deep tissue massage", "sports massage", "foot massage"],
    ),
    (
        "Music lessons",
        ["piano lesson", "guitar lesson", "singing lesson"],
    ),
    (
        "Language lessons",
        ["French lesson", "Spanish lesson", "Japanese lesson"],
    ),
    (
        "Photography",
        ["portrait session", "headshots", "photo editing"],
    ),
    (
        "Home repair",
        ["plumbing visit", "electrical check", "furniture assembly"],
    ),
    (
        "Cleaning",
        ["home cleaning", "window cleaning", "carpet cleaning"],
    ),
    ("Pet care", ["dog walking", "dog grooming", "cat sitting"]),
    (
        "Coaching",
        ["career coaching", "life coaching", "interview practice"],
    ),
    (
        "Tech help",
        ["computer repair", "phone setup", "home network setup"],
    ),
];

const ADJECTIVES: [&str; 8] = [
    "Classic", "Express", "Premium", "Beginner", "Advanced", "Weekend", "Evening", "Private",
];

const DURATIONS: [u16; 5] = [30, 45, 60, 90, 120];

/// Kinds of record, the high bits of their fixed ids.
#[derive(Clone, Copy)]
#[repr(u16)]
enum Kind {
    Category = 1,
    Provider = 2,
    Customer = 3,
    Service = 4,
    Appointment = 5,
}

/// The fixed id of the `n`th record of `kind`: `b0000000-000K-…-0000000000NN`-like, the same
/// on every load.
fn id(kind: Kind, n: u32) -> Uuid {
    Uuid::from_u128((0xB0u128 << 120) | (u128::from(kind as u16) << 64) | u128::from(n))
}

/// What the load harness needs to know about a loaded dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchFacts {
    /// The hot provider's only service (10 minutes).
    pub hot_service: ServiceId,
    /// The hot provider's busiest day (its local midnight to the next, in UTC).
    pub busiest_day: TimeRange,
    /// A category to search in, together with [`Self::search_term`].
    pub search_category: CategoryId,
    /// A word found in some of that category's services.
    pub search_term: &'static str,
    /// One service of each of [`BOOKING_PROVIDERS`] other providers: booking them never
    /// competes for one provider's time.
    pub booking_services: Vec<ServiceId>,
    /// The first [`LOGINS`] customers' logins; the password is [`BENCH_PASSWORD`].
    pub customer_emails: Vec<String>,
    /// How many appointments were loaded.
    pub appointments: usize,
}

impl BenchFacts {
    /// The facts as `BENCH_NAME=value` lines a shell script can evaluate.
    pub fn to_shell(&self) -> String {
        let list = |ids: &[ServiceId]| {
            ids.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        let instant = |at: DateTime<Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        format!(
            "BENCH_HOT_SERVICE={}\nBENCH_BUSY_FROM={}\nBENCH_BUSY_TO={}\n\
             BENCH_SEARCH_CATEGORY={}\nBENCH_SEARCH_TERM={}\nBENCH_BOOKING_SERVICES={}\n\
             BENCH_CUSTOMERS={}\nBENCH_PASSWORD={}\nBENCH_APPOINTMENTS={}\n",
            self.hot_service,
            instant(self.busiest_day.start()),
            instant(self.busiest_day.end()),
            self.search_category,
            self.search_term,
            list(&self.booking_services),
            self.customer_emails.join(","),
            BENCH_PASSWORD,
            self.appointments,
        )
    }
}

/// How large a dataset to build, and what to add to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenchSize {
    /// Multiplies providers, customers, services and the other providers' appointments
    /// (1 to [`MAX_FACTOR`]).
    pub factor: u32,
    /// Events a day in the hot provider's own calendar.
    pub external_per_day: usize,
}

impl Default for BenchSize {
    fn default() -> Self {
        Self {
            factor: 1,
            external_per_day: 0,
        }
    }
}

/// Builds the dataset of `size` as of `now` and writes it into `db` (migrated, without bench
/// data yet).
///
/// # Errors
/// When the database refuses it (it already holds the dataset: the emails are taken), the
/// factor is out of range or the password cannot be hashed.
pub async fn load(
    db: &DatabaseConnection,
    hasher: &dyn PasswordHasher,
    now: DateTime<Utc>,
    size: BenchSize,
) -> anyhow::Result<BenchFacts> {
    // One hash for every account: hashing 700 passwords would take minutes on purpose.
    let hash = hasher
        .hash(&NewPassword::parse(BENCH_PASSWORD)?)
        .await
        .map_err(|e| anyhow::anyhow!("cannot hash the benchmark password: {e}"))?;
    let (mut data, facts) = build(now, size.factor)?;
    for (_, password) in &mut data.users {
        *password = hash.clone();
    }
    bulk_load(db, &data).await.context(
        "cannot load the benchmark dataset (it needs a database without it: start from an \
         empty one)",
    )?;
    if size.external_per_day > 0 {
        let hot = &data.users[0].0;
        let mut source = BusySource::new(hot.id, hot.email.as_str().to_owned(), SourceMode::Events);
        source.synced_at = Some(now);
        let update = BusyUpdate {
            full: true,
            busy: external_events(&data.appointments, hot, size.external_per_day),
            gone: Vec::new(),
        };
        SeaOrmBusyTimes::new(db.clone())
            .record_sync(&source, &update)
            .await
            .context("cannot store the hot provider's own calendar")?;
    }
    Ok(facts)
}

/// `per_day` events a day in `hot`'s own calendar, each over one of their appointments spread
/// through the day, so that the free slots stay the same and only the work to find them grows.
fn external_events(
    appointments: &[Appointment],
    hot: &User,
    per_day: usize,
) -> Vec<(String, TimeRange)> {
    let mut by_day: std::collections::BTreeMap<NaiveDate, Vec<TimeRange>> =
        std::collections::BTreeMap::new();
    for a in appointments.iter().filter(|a| a.provider == hot.id) {
        by_day
            .entry(hot.zone.date_of(a.session.start()))
            .or_default()
            .push(a.session);
    }
    by_day
        .into_values()
        .flat_map(|mut sessions| {
            sessions.sort_by_key(TimeRange::start);
            let every = (sessions.len() / per_day).max(1);
            sessions.into_iter().step_by(every).take(per_day)
        })
        .enumerate()
        .map(|(n, session)| (format!("bench-event-{n}"), session))
        .collect()
}

/// The dataset at `factor` as of `now` (with placeholder password hashes) and its facts.
///
/// # Errors
/// When `factor` is not within 1 to [`MAX_FACTOR`], or a fixed value is invalid (a bug).
pub fn build(now: DateTime<Utc>, factor: u32) -> anyhow::Result<(BulkLoad, BenchFacts)> {
    anyhow::ensure!(
        (1..=MAX_FACTOR).contains(&factor),
        "the factor must be 1 to {MAX_FACTOR}"
    );
    let providers_count = PROVIDERS * factor;
    let services_count = SERVICES * factor;
    let mut data = BulkLoad::default();
    for (n, (name, _)) in (0u32..).zip(CATEGORIES) {
        let position = i32::try_from(n)?;
        data.categories.push(Category::new(
            CategoryId::from_uuid(id(Kind::Category, n)),
            CategoryName::parse(name)?,
            position,
        ));
    }
    let placeholder = application::ports::PasswordHash::from_phc(String::new());
    let providers = (0..providers_count)
        .map(|n| {
            let zone = ZONES[n as usize % ZONES.len()];
            person(Kind::Provider, n, Role::Provider, zone)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let customers = (0..CUSTOMERS * factor)
        .map(|n| person(Kind::Customer, n, Role::Customer, "Europe/London"))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let policy = BookingPolicy::new(60, 90, None, 0, true)?;

    let tomorrow = providers[0].zone.date_of(now) + TimeDelta::days(1);
    let hot = hot_provider(&providers[0], &customers, policy, tomorrow, now)?;
    let busiest_day = hot.busiest_day;
    let hot_service = hot.service;
    let mut appointments = hot.appointments;
    data.schedules.push((providers[0].id, hot.schedule));
    data.services.push(hot_service.clone());

    let mut booking_services = Vec::new();
    for (n, provider) in (1u32..).zip(&providers[1..]) {
        data.schedules
            .push((provider.id, other_schedule(n, policy, tomorrow)?));
    }
    for s in 1..services_count {
        let provider = &providers[1 + (s as usize - 1) % (providers_count as usize - 1)];
        let category = s as usize % CATEGORIES.len();
        let kind = CATEGORIES[category].1[(s as usize / CATEGORIES.len()) % 3];
        let adjective = ADJECTIVES[(s as usize / 36) % ADJECTIVES.len()];
        let minutes = DURATIONS[s as usize % DURATIONS.len()];
        let name = format!("{adjective} {kind}");
        data.services
            .push(service(s, provider.id, category, &name, minutes)?);
    }
    // Each provider's first service (the services were dealt round-robin) takes its bookings.
    let others = OTHER_APPOINTMENTS * factor as usize;
    let per_provider = others / (providers_count as usize - 1);
    let extra = others % (providers_count as usize - 1);
    for (i, (provider, (_, schedule))) in
        providers[1..].iter().zip(&data.schedules[1..]).enumerate()
    {
        let first = &data.services[1 + i];
        if i < BOOKING_PROVIDERS {
            booking_services.push(first.id);
        }
        let slots: Vec<_> = days_of_slots(provider, schedule, first, tomorrow, now)
            .into_iter()
            .flatten()
            .collect();
        let take = (per_provider + usize::from(i < extra)).min(slots.len());
        let seed = u32::try_from(i)?;
        book(
            &mut appointments,
            first,
            &customers,
            spread(&slots, take, seed),
        );
    }
    for (n, a) in (0u32..).zip(&mut appointments) {
        a.id = AppointmentId::from_uuid(id(Kind::Appointment, n));
        a.created_at = now;
    }

    let facts = BenchFacts {
        hot_service: hot_service.id,
        busiest_day,
        search_category: data.categories[2].id,
        search_term: "yoga",
        booking_services,
        customer_emails: customers
            .iter()
            .take(LOGINS)
            .map(|c| c.email.as_str().to_owned())
            .collect(),
        appointments: appointments.len(),
    };
    data.appointments = appointments;
    data.users = providers
        .into_iter()
        .chain(customers)
        .map(|u| (u, placeholder.clone()))
        .collect();
    Ok((data, facts))
}

/// The hot provider's schedule, service, busiest day and appointments.
struct Hot {
    schedule: Schedule,
    service: Service,
    busiest_day: TimeRange,
    appointments: Vec<Appointment>,
}

/// The hot provider works every day 06:00–14:00 and 14:30–22:30 and has one 10-minute service,
/// booked [`HOT_APPOINTMENTS`] times over [`DAYS`] days, the [`BUSIEST_DAY`] all but full.
fn hot_provider(
    hot: &User,
    customers: &[User],
    policy: BookingPolicy,
    tomorrow: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<Hot> {
    let hot_schedule = Schedule {
        weekly: every_day(
            &[("06:00", "14:00"), ("14:30", "22:30")],
            &[0, 1, 2, 3, 4, 5, 6],
        )?,
        overrides: std::collections::BTreeMap::new(),
        policy,
    };
    let hot_service = service(0, hot.id, 0, "Express haircut", 10)?;
    let mut appointments = Vec::new();
    let busiest_day = hot
        .zone
        .day(tomorrow + TimeDelta::days(BUSIEST_DAY.into()))
        .context("the busiest day has no midnight")?;
    let hot_days = days_of_slots(hot, &hot_schedule, &hot_service, tomorrow, now);
    let on_busiest = hot_days[BUSIEST_DAY as usize].len();
    let mut others_left = HOT_APPOINTMENTS.saturating_sub(on_busiest - FREE_ON_BUSIEST_DAY);
    for (day, slots) in (0u32..).zip(&hot_days) {
        let take = if day == BUSIEST_DAY {
            slots.len() - FREE_ON_BUSIEST_DAY
        } else {
            // Share what is left evenly over the remaining ordinary days.
            let days_left = DAYS - day - u32::from(day < BUSIEST_DAY);
            others_left.div_ceil(days_left as usize).min(slots.len())
        };
        if day != BUSIEST_DAY {
            others_left -= take;
        }
        book(
            &mut appointments,
            &hot_service,
            customers,
            spread(slots, take, day),
        );
    }
    Ok(Hot {
        schedule: hot_schedule,
        service: hot_service,
        busiest_day,
        appointments,
    })
}

/// The `n`th other provider's hours: weekdays (and Saturdays for every third) 09:00–12:30 and
/// 13:30–18:00, with a closed day and a short day for every fourth.
fn other_schedule(n: u32, policy: BookingPolicy, tomorrow: NaiveDate) -> anyhow::Result<Schedule> {
    let days: &[usize] = if n.is_multiple_of(3) {
        &[0, 1, 2, 3, 4, 5]
    } else {
        &[0, 1, 2, 3, 4]
    };
    let mut schedule = Schedule {
        weekly: every_day(&[("09:00", "12:30"), ("13:30", "18:00")], days)?,
        overrides: std::collections::BTreeMap::new(),
        policy,
    };
    if n.is_multiple_of(4) {
        schedule
            .overrides
            .insert(tomorrow + TimeDelta::days(10), DayHours::closed());
        schedule.overrides.insert(
            tomorrow + TimeDelta::days(20),
            DayHours::new(vec![WallInterval::parse("10:00", "14:00")?])?,
        );
    }
    Ok(schedule)
}

fn person(kind: Kind, n: u32, role: Role, zone: &str) -> anyhow::Result<User> {
    let (word, title) = match kind {
        Kind::Provider => ("provider", "Provider"),
        _ => ("customer", "Customer"),
    };
    Ok(User::new_account(
        UserId::from_uuid(id(kind, n)),
        Email::parse(&format!("{word}{n:03}@bench.bys"))?,
        PersonName::parse(&format!("{title} {n:03}"))?,
        role,
        Zone::parse(zone)?,
        DateTime::UNIX_EPOCH,
    ))
}

fn service(
    n: u32,
    provider: UserId,
    category: usize,
    name: &str,
    minutes: u16,
) -> anyhow::Result<Service> {
    let (category_name, _) = CATEGORIES[category];
    let category_n = u32::try_from(category)?;
    Ok(Service {
        id: ServiceId::from_uuid(id(Kind::Service, n)),
        provider,
        category: Some(CategoryId::from_uuid(id(Kind::Category, category_n))),
        name: ServiceName::parse(name)?,
        description: Description::parse(&format!(
            "{name} ({category_name}), service number {n}, booked online."
        ))?,
        timing: Timing {
            duration: ServiceDuration::from_minutes(minutes)?,
            buffers: Buffers::default(),
        },
        price: Price::new(i64::from(minutes) * 100, "EUR")?,
        capacity: domain::Capacity::ONE,
        policy: None,
        active: true,
        image: None,
    })
}

/// The same intervals on each of `days` (Monday = 0), closed on the others.
fn every_day(intervals: &[(&str, &str)], days: &[usize]) -> anyhow::Result<WeeklyHours> {
    let open = DayHours::new(
        intervals
            .iter()
            .map(|(from, to)| WallInterval::parse(from, to))
            .collect::<Result<_, _>>()?,
    )?;
    Ok(WeeklyHours::new(std::array::from_fn(|i| {
        if days.contains(&i) {
            open.clone()
        } else {
            DayHours::default()
        }
    })))
}

/// The free starts of `service` on each of the [`DAYS`] local days from `first`, nothing booked.
fn days_of_slots(
    provider: &User,
    schedule: &Schedule,
    service: &Service,
    first: NaiveDate,
    now: DateTime<Utc>,
) -> Vec<Vec<DateTime<Utc>>> {
    let offer = Offer::of(service, provider.zone, schedule);
    let busy = BusyTimes::default();
    (0..DAYS)
        .map(|d| {
            provider
                .zone
                .day(first + TimeDelta::days(d.into()))
                .map(|day| offer.free_slots(&busy, &day, now))
                .unwrap_or_default()
        })
        .collect()
}

/// `take` of `slots`, evenly spread, the pattern shifted by `seed`.
fn spread(
    slots: &[DateTime<Utc>],
    take: usize,
    seed: u32,
) -> impl Iterator<Item = DateTime<Utc>> + '_ {
    let len = slots.len();
    let shift = seed as usize * 7;
    (0..take).map(move |k| slots[(k * len / take.max(1) + shift) % len.max(1)])
}

/// Confirmed appointments of `service` at `starts`, dealt to customers in turn.
fn book(
    into: &mut Vec<Appointment>,
    service: &Service,
    customers: &[User],
    starts: impl Iterator<Item = DateTime<Utc>>,
) {
    for start in starts {
        let customer = &customers[into.len() % customers.len()];
        into.push(Appointment {
            id: AppointmentId::from_uuid(Uuid::nil()),
            service: service.id,
            provider: service.provider,
            customer: customer.id,
            session: service.timing.session(start),
            blocked: service.timing.blocked(start),
            status: AppointmentStatus::Confirmed,
            note: None,
            created_at: DateTime::UNIX_EPOCH,
            revision: 0,
            reschedules: Vec::new(),
            cancellation: None,
            series: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn dataset() -> (BulkLoad, BenchFacts) {
        build("2026-03-20T10:00:00Z".parse().unwrap(), 1).unwrap()
    }

    /// Checks the sizes of `data` built at `factor`.
    fn assert_sizes(data: &BulkLoad, factor: u32) {
        let n = factor as usize;
        assert_eq!(data.users.len(), 700 * n);
        assert_eq!(data.schedules.len(), 200 * n);
        assert_eq!(data.services.len(), 1_000 * n);
        let hot = data.services[0].provider;
        let on_hot = data
            .appointments
            .iter()
            .filter(|a| a.provider == hot)
            .count();
        assert_eq!(on_hot, HOT_APPOINTMENTS);
        assert_eq!(
            data.appointments.len(),
            HOT_APPOINTMENTS + n * OTHER_APPOINTMENTS
        );
    }

    #[test]
    fn the_dataset_has_the_sizes_the_benchmark_promises() {
        let (data, facts) = dataset();
        assert_eq!(data.categories.len(), 12);
        assert_sizes(&data, 1);
        assert_eq!(facts.appointments, data.appointments.len());
        assert_eq!(facts.booking_services.len(), 199);
        assert_eq!(facts.customer_emails.len(), LOGINS);
    }

    #[test]
    fn a_factor_multiplies_all_but_the_hot_provider() {
        let (data, facts) = build("2026-03-20T10:00:00Z".parse().unwrap(), 10).unwrap();
        assert_sizes(&data, 10);
        assert_eq!(facts.booking_services.len(), BOOKING_PROVIDERS);
    }

    #[test]
    fn a_factor_out_of_range_is_refused() {
        let now = "2026-03-20T10:00:00Z".parse().unwrap();
        assert!(build(now, 0).is_err());
        assert!(build(now, MAX_FACTOR + 1).is_err());
    }

    #[test]
    fn external_events_lie_over_bookings_twenty_on_the_busiest_day() {
        let (data, facts) = dataset();
        let hot = &data.users[0].0;
        let events = external_events(&data.appointments, hot, 20);
        let on_busiest = events
            .iter()
            .filter(|(_, e)| facts.busiest_day.contains_instant(e.start()))
            .count();
        assert_eq!(on_busiest, 20);
        let booked: HashSet<TimeRange> = data
            .appointments
            .iter()
            .filter(|a| a.provider == hot.id)
            .map(|a| a.session)
            .collect();
        assert!(events.iter().all(|(_, e)| booked.contains(e)));
        assert_eq!(events.len(), 20 * DAYS as usize);
    }

    #[test]
    fn no_provider_is_booked_twice_at_once() {
        let (data, _) = dataset();
        let mut by_provider: std::collections::HashMap<UserId, Vec<TimeRange>> =
            std::collections::HashMap::new();
        for a in &data.appointments {
            by_provider.entry(a.provider).or_default().push(a.blocked);
        }
        for ranges in by_provider.values_mut() {
            ranges.sort_by_key(TimeRange::start);
            for pair in ranges.windows(2) {
                assert!(pair[0].end() <= pair[1].start(), "{pair:?} overlap");
            }
        }
    }

    #[test]
    fn the_busiest_day_keeps_two_free_slots_of_the_hot_service() {
        let (data, facts) = dataset();
        let hot = &data.services[0];
        let on_day = data
            .appointments
            .iter()
            .filter(|a| {
                a.provider == hot.provider && facts.busiest_day.contains_instant(a.session.start())
            })
            .count();
        assert_eq!(on_day, 96 - FREE_ON_BUSIEST_DAY);
    }

    #[test]
    fn ids_are_the_same_on_every_build_and_unique() {
        let (a, fa) = dataset();
        let (b, _) = build("2026-07-01T00:00:00Z".parse().unwrap(), 1).unwrap();
        assert_eq!(fa.hot_service, b.services[0].id);
        let ids: HashSet<_> = a.appointments.iter().map(|x| x.id).collect();
        assert_eq!(ids.len(), a.appointments.len());
        assert_eq!(
            a.users.iter().map(|(u, _)| u.id).collect::<Vec<_>>(),
            b.users.iter().map(|(u, _)| u.id).collect::<Vec<_>>()
        );
    }
}
