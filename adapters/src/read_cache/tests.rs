use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use application::ChangeKind;
use application::events::AppointmentEvent;
use application::ports::{
    AppointmentStore, BusySource, BusyTimeStore, RepoError, ScheduleStore, SessionData,
    SessionIdHash, SessionStore, SourceMode,
};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, Category, CategoryId, CategoryName, DayHours,
    Schedule, ServiceId, TimeRange, UserId,
};
use uuid::Uuid;

use super::memo::Memo;
use super::{Change, ReadCache};
use crate::memory::InMemory;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn range(start: &str, end: &str) -> TimeRange {
    TimeRange::new(at(start), at(end)).unwrap()
}

fn provider(n: u128) -> UserId {
    UserId::from_uuid(Uuid::from_u128(n))
}

fn closed_on(date: &str) -> Schedule {
    let mut schedule = Schedule::default();
    let date: NaiveDate = date.parse().unwrap();
    schedule.overrides.insert(date, DayHours::closed());
    schedule
}

fn appointment(n: u128, with: UserId, start: &str) -> Appointment {
    let session = TimeRange::starting_at(at(start), TimeDelta::hours(1)).unwrap();
    Appointment {
        id: AppointmentId::from_uuid(Uuid::from_u128(n)),
        service: ServiceId::from_uuid(Uuid::from_u128(100)),
        provider: with,
        customer: provider(10),
        session,
        blocked: session,
        status: AppointmentStatus::Confirmed,
        note: None,
        created_at: session.start() - TimeDelta::days(2),
        revision: 0,
        reschedules: Vec::new(),
        cancellation: None,
        series: None,
    }
}

async fn book(store: &dyn AppointmentStore, appointment: &Appointment) {
    let event = AppointmentEvent::new(ChangeKind::Booked, appointment, appointment.created_at);
    store.insert(appointment, None, &event).await.unwrap();
}

#[tokio::test]
async fn a_read_is_served_from_memory_until_a_write_goes_through_the_cache() {
    let memory = InMemory::new();
    let cache = ReadCache::new();
    let cached = cache.schedules(memory.schedules.clone());
    let who = provider(1);
    memory
        .schedules
        .put(who, &closed_on("2027-01-04"))
        .await
        .unwrap();
    assert_eq!(
        cached.get(who).await.unwrap(),
        Some(closed_on("2027-01-04"))
    );

    // Changed behind the cache's back: the cached copy is still served.
    memory
        .schedules
        .put(who, &closed_on("2027-01-05"))
        .await
        .unwrap();
    assert_eq!(
        cached.get(who).await.unwrap(),
        Some(closed_on("2027-01-04"))
    );

    // Changed through it: read back at once.
    cached.put(who, &closed_on("2027-01-06")).await.unwrap();
    assert_eq!(
        cached.get(who).await.unwrap(),
        Some(closed_on("2027-01-06"))
    );
}

/// Cached schedules and appointments over memory stores (which stand for the database).
struct Fixture {
    memory: InMemory,
    cache: Arc<ReadCache>,
    schedules: Arc<dyn ScheduleStore>,
    appointments: Arc<dyn AppointmentStore>,
}

fn fixture() -> Fixture {
    let memory = InMemory::new();
    let cache = ReadCache::new();
    Fixture {
        schedules: cache.schedules(memory.schedules.clone()),
        appointments: cache.appointments(memory.appointments.clone()),
        memory,
        cache,
    }
}

impl Fixture {
    /// What another instance writes, unseen by this cache: a booking of `who` on 4 January and
    /// their schedule closed on 5 January. Returns the booking.
    async fn written_elsewhere(&self, who: UserId) -> Appointment {
        let booked = appointment(1, who, "2027-01-04T09:00:00Z");
        book(self.memory.appointments.as_ref(), &booked).await;
        let closed = closed_on("2027-01-05");
        self.memory.schedules.put(who, &closed).await.unwrap();
        booked
    }

    /// The busy times of `who` on 4 January, through the cache.
    async fn busy_on_4th(&self, who: UserId) -> Vec<TimeRange> {
        let day = range("2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z");
        self.appointments.busy(who, day).await.unwrap()
    }
}

#[tokio::test]
async fn an_announced_change_retires_what_it_concerns() {
    let f = fixture();
    let who = provider(1);
    let closed = closed_on("2027-01-04");
    f.memory.schedules.put(who, &closed).await.unwrap();
    assert_eq!(f.schedules.get(who).await.unwrap(), Some(closed.clone()));
    assert!(f.busy_on_4th(who).await.is_empty());

    // Another instance books: only the busy times of that provider move.
    let booked = f.written_elsewhere(who).await;
    f.cache.invalidate(Change::Appointments(who));
    assert_eq!(f.busy_on_4th(who).await, vec![booked.blocked]);
    assert_eq!(f.schedules.get(who).await.unwrap(), Some(closed));

    f.cache.invalidate(Change::Catalog);
    let schedule = f.schedules.get(who).await.unwrap();
    assert_eq!(schedule, Some(closed_on("2027-01-05")));
}

#[tokio::test]
async fn invalidating_everything_retires_every_kind() {
    let f = fixture();
    let who = provider(7);
    assert_eq!(f.schedules.get(who).await.unwrap(), None);
    assert!(f.busy_on_4th(who).await.is_empty());

    let booked = f.written_elsewhere(who).await;
    f.cache.invalidate_all();
    assert_eq!(f.busy_on_4th(who).await, vec![booked.blocked]);
    let schedule = f.schedules.get(who).await.unwrap();
    assert_eq!(schedule, Some(closed_on("2027-01-05")));
}

#[tokio::test]
async fn booking_through_the_cache_shows_in_the_busy_times_at_once() {
    let memory = InMemory::new();
    let cache = ReadCache::new();
    let appointments = cache.appointments(memory.appointments.clone());
    let who = provider(1);
    let week = range("2027-01-04T00:00:00Z", "2027-01-11T00:00:00Z");
    assert!(appointments.busy(who, week).await.unwrap().is_empty());

    let booked = appointment(1, who, "2027-01-06T09:00:00Z");
    book(appointments.as_ref(), &booked).await;
    assert_eq!(
        appointments.busy(who, week).await.unwrap(),
        vec![booked.blocked]
    );
}

#[tokio::test]
async fn busy_times_answer_the_asked_range_though_whole_days_are_cached() {
    let memory = InMemory::new();
    let cache = ReadCache::new();
    let appointments = cache.appointments(memory.appointments.clone());
    let who = provider(1);
    let morning = appointment(1, who, "2027-01-04T08:00:00Z");
    let evening = appointment(2, who, "2027-01-04T18:00:00Z");
    book(appointments.as_ref(), &morning).await;
    book(appointments.as_ref(), &evening).await;

    let afternoon = range("2027-01-04T12:30:00Z", "2027-01-04T23:00:00Z");
    assert_eq!(
        appointments.busy(who, afternoon).await.unwrap(),
        vec![evening.blocked]
    );
    // The same cached day, asked from a moment later: still only what overlaps.
    let later = range("2027-01-04T08:59:59Z", "2027-01-04T10:00:00Z");
    assert_eq!(
        appointments.busy(who, later).await.unwrap(),
        vec![morning.blocked]
    );
    let whole = range("2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z");
    let both = vec![morning.blocked, evening.blocked];
    assert_eq!(appointments.busy(who, whole).await.unwrap(), both);
}

#[tokio::test]
async fn a_load_that_overlaps_a_change_is_not_served_afterwards() {
    let memo: Memo<u8, &str> = Memo::new(4);
    let generation = AtomicU64::new(0);
    let loaded = memo
        .get_or_load(1, &generation, async {
            // A write commits and announces itself while this load reads old data.
            generation.fetch_add(1, Ordering::AcqRel);
            Ok("old")
        })
        .await
        .unwrap();
    assert_eq!(loaded, "old");
    let again = memo.get_or_load(1, &generation, async { Ok("new") }).await;
    assert_eq!(again.unwrap(), "new");
    let cached = memo
        .get_or_load(1, &generation, async { Ok("newer") })
        .await;
    assert_eq!(cached.unwrap(), "new");
}

#[tokio::test]
async fn failed_loads_are_not_remembered() {
    let memo: Memo<u8, &str> = Memo::new(4);
    let generation = AtomicU64::new(0);
    let failed = memo
        .get_or_load(1, &generation, async { Err(RepoError::NotFound) })
        .await;
    assert!(failed.is_err());
    let loaded = memo.get_or_load(1, &generation, async { Ok("up") }).await;
    assert_eq!(loaded.unwrap(), "up");
}

#[test]
fn change_notifications_parse() {
    let id = Uuid::from_u128(0x1234);
    assert_eq!(Change::parse("catalog"), Some(Change::Catalog));
    assert_eq!(Change::parse("sessions"), Some(Change::Sessions));
    assert_eq!(
        Change::parse(&format!("appointments:{id}")),
        Some(Change::Appointments(UserId::from_uuid(id)))
    );
    assert_eq!(
        Change::parse(&format!("calendars:{id}")),
        Some(Change::Calendars(UserId::from_uuid(id)))
    );
    assert_eq!(Change::parse(&format!("agendas:{id}")), None);
    assert_eq!(Change::parse("appointments:nope"), None);
    assert_eq!(Change::parse("catalog:x"), None);
    assert_eq!(Change::parse(""), None);
}

#[test]
fn the_cache_stops_its_feed_when_dropped() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let feed = runtime.spawn(std::future::pending::<()>());
    let cache = Arc::new(ReadCache::default());
    cache.stop_feed_when_dropped(feed.abort_handle());
    drop(cache);
    let outcome = runtime.block_on(feed);
    assert!(outcome.unwrap_err().is_cancelled());
}

#[tokio::test]
async fn a_category_is_found_by_id_whether_active_or_not_and_follows_renames() {
    let memory = InMemory::new();
    let cache = ReadCache::new();
    let categories = cache.categories(memory.categories.clone());
    let name = |n: &str| CategoryName::parse(n).unwrap();
    let id = CategoryId::from_uuid(Uuid::from_u128(3));
    let mut category = Category::new(id, name("Hair"), 1);
    category.active = false;
    categories.insert(&category).await.unwrap();
    assert_eq!(categories.by_id(id).await.unwrap(), Some(category.clone()));
    assert_eq!(categories.list(false).await.unwrap(), vec![]);

    category.name = name("Hair & beard");
    categories.update(&category).await.unwrap();
    assert_eq!(categories.by_id(id).await.unwrap(), Some(category));
    let unknown = CategoryId::from_uuid(Uuid::from_u128(4));
    assert_eq!(categories.by_id(unknown).await.unwrap(), None);
}

#[test]
fn change_payloads_read_back() {
    for change in [
        Change::Catalog,
        Change::Sessions,
        Change::Appointments(provider(0xabcd)),
        Change::Calendars(provider(0xabcd)),
    ] {
        assert_eq!(Change::parse(&change.payload()), Some(change));
    }
}

#[tokio::test]
async fn writes_through_the_cache_are_announced_and_reads_are_not() {
    let memory = InMemory::new();
    let cache = ReadCache::new();
    let heard = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = heard.clone();
    cache.announce_with(Box::new(move |change| log.lock().unwrap().push(change)));
    let appointments = cache.appointments(memory.appointments.clone());
    let schedules = cache.schedules(memory.schedules.clone());
    let who = provider(1);
    let day = range("2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z");
    appointments.busy(who, day).await.unwrap();
    schedules.get(who).await.unwrap();
    book(
        appointments.as_ref(),
        &appointment(1, who, "2027-01-04T09:00:00Z"),
    )
    .await;
    schedules.put(who, &Schedule::default()).await.unwrap();
    let refused = appointment(2, who, "2027-01-04T09:30:00Z");
    let event = AppointmentEvent::new(ChangeKind::Booked, &refused, refused.created_at);
    assert!(appointments.insert(&refused, None, &event).await.is_err());
    let heard = heard.lock().unwrap().clone();
    assert_eq!(heard, vec![Change::Appointments(who), Change::Catalog]);
}

#[tokio::test]
async fn reviews_and_ratings_are_cached_with_the_catalog_and_a_review_write_retires_them() {
    use application::ports::{CategoryStore, ReviewStore};
    use domain::{Review, ReviewId, Stars};
    let memory = InMemory::new();
    let cache = ReadCache::new();
    let categories = cache.categories(memory.categories.clone());
    let reviews = cache.reviews(memory.reviews.clone());
    assert_eq!(categories.list(true).await.unwrap(), vec![]);
    // Added behind the cache's back: the cached (empty) list is still served.
    let hair = Category::new(
        CategoryId::from_uuid(Uuid::from_u128(7)),
        CategoryName::parse("Hair").unwrap(),
        1,
    );
    memory.categories.insert(&hair).await.unwrap();
    assert_eq!(categories.list(true).await.unwrap(), vec![]);

    let mut visit = appointment(1, provider(1), "2027-01-04T10:00:00Z");
    visit.status = AppointmentStatus::Completed;
    let review = Review::write(
        ReviewId::from_uuid(Uuid::from_u128(2)),
        &visit,
        visit.customer,
        Stars::new(5).unwrap(),
        None,
        at("2027-01-05T10:00:00Z"),
    )
    .unwrap();
    let of = application::ports::Reviewed::Service(visit.service);
    let first_page = application::ports::PageRequest::new(1, 10);
    assert_eq!(reviews.rating(of).await.unwrap().count, 0);
    assert_eq!(reviews.visible(of, first_page).await.unwrap().total, 0);
    reviews.insert(&review).await.unwrap();
    // A review changes ratings that catalog pages show: every catalog entry is retired.
    assert_eq!(categories.list(true).await.unwrap(), vec![hair]);
    assert_eq!(reviews.rating(of).await.unwrap().count, 1);
    assert_eq!(reviews.visible(of, first_page).await.unwrap().total, 1);
    // Lists and ratings are served from the cache until the next write through it.
    let mut other = appointment(3, provider(1), "2027-01-06T10:00:00Z");
    other.status = AppointmentStatus::Completed;
    other.service = visit.service;
    let behind = Review::write(
        ReviewId::from_uuid(Uuid::from_u128(4)),
        &other,
        other.customer,
        Stars::new(1).unwrap(),
        None,
        at("2027-01-07T10:00:00Z"),
    )
    .unwrap();
    memory.reviews.insert(&behind).await.unwrap();
    assert_eq!(reviews.rating(of).await.unwrap().count, 1);
    assert_eq!(reviews.visible(of, first_page).await.unwrap().total, 1);
}

fn session(expires_at: &str) -> SessionData {
    SessionData {
        user: None,
        csrf_token: "token".to_owned(),
        expires_at: at(expires_at),
    }
}

#[tokio::test]
async fn a_session_is_served_from_memory_until_a_session_ends_anywhere() {
    let memory = InMemory::new();
    let cache = ReadCache::new();
    let heard = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = heard.clone();
    cache.announce_with(Box::new(move |change| log.lock().unwrap().push(change)));
    let sessions = cache.sessions(memory.sessions.clone());
    let (mine, theirs) = (
        SessionIdHash::from_bytes([1; 32]),
        SessionIdHash::from_bytes([2; 32]),
    );
    let now = at("2027-01-04T09:00:00Z");
    for id in [&mine, &theirs] {
        sessions
            .save(id, &session("2027-01-04T10:00:00Z"))
            .await
            .unwrap();
    }
    // Another instance logs `theirs` out: served from memory until its notification arrives.
    memory.sessions.remove(&theirs).await.unwrap();
    assert!(sessions.load(&theirs, now).await.unwrap().is_some());
    cache.invalidate(Change::Sessions);
    assert_eq!(sessions.load(&theirs, now).await.unwrap(), None);
    assert!(sessions.load(&mine, now).await.unwrap().is_some());

    // Ending one here retires it at once and tells the other instances.
    sessions.remove(&mine).await.unwrap();
    assert_eq!(sessions.load(&mine, now).await.unwrap(), None);
    assert_eq!(heard.lock().unwrap().clone(), vec![Change::Sessions]);
}

#[tokio::test]
async fn a_remembered_session_is_not_served_past_its_expiry_and_a_slide_is_seen() {
    let memory = InMemory::new();
    let cache = ReadCache::new();
    let sessions = cache.sessions(memory.sessions.clone());
    let id = SessionIdHash::from_bytes([3; 32]);
    sessions
        .save(&id, &session("2027-01-04T10:00:00Z"))
        .await
        .unwrap();
    let before = at("2027-01-04T09:00:00Z");
    assert!(sessions.load(&id, before).await.unwrap().is_some());
    let after = at("2027-01-04T10:00:01Z");
    assert_eq!(sessions.load(&id, after).await.unwrap(), None);

    let slid = session("2027-01-04T12:00:00Z");
    sessions.save(&id, &slid).await.unwrap();
    assert_eq!(sessions.load(&id, after).await.unwrap(), Some(slid));
}

#[tokio::test]
async fn bookings_leave_calendar_busy_time_cached_and_a_calendar_read_retires_it() {
    let memory = InMemory::new();
    let cache = ReadCache::new();
    let appointments = cache.appointments(memory.appointments.clone());
    let calendars = cache.busy_times(memory.busy_times.clone());
    let who = provider(1);
    let source = |id: &str| BusySource::new(who, id.to_owned(), SourceMode::Events);
    calendars.save_source(&source("work")).await.unwrap();
    assert_eq!(calendars.sources(who).await.unwrap().len(), 1);

    // Connected by another instance, then a booking here: the calendars stay cached.
    memory
        .busy_times
        .save_source(&source("home"))
        .await
        .unwrap();
    book(
        appointments.as_ref(),
        &appointment(1, who, "2027-01-04T09:00:00Z"),
    )
    .await;
    assert_eq!(calendars.sources(who).await.unwrap().len(), 1);

    cache.invalidate(Change::Calendars(who));
    assert_eq!(calendars.sources(who).await.unwrap().len(), 2);
}

#[tokio::test]
async fn readers_missing_the_same_key_at_once_share_one_load_where_asked() {
    let memo: Memo<u8, u32> = Memo::new(4).sharing_loads();
    let generation = AtomicU64::new(0);
    let loads = AtomicU64::new(0);
    let load = || async {
        loads.fetch_add(1, Ordering::AcqRel);
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        Ok(7)
    };
    let (a, b, c) = tokio::join!(
        memo.get_or_load(1, &generation, load()),
        memo.get_or_load(1, &generation, load()),
        memo.get_or_load(1, &generation, load()),
    );
    assert_eq!((a.unwrap(), b.unwrap(), c.unwrap()), (7, 7, 7));
    assert_eq!(loads.load(Ordering::Acquire), 1);

    // A change: the next readers share one new load again.
    generation.fetch_add(1, Ordering::AcqRel);
    let (a, b) = tokio::join!(
        memo.get_or_load(1, &generation, load()),
        memo.get_or_load(1, &generation, load()),
    );
    assert_eq!((a.unwrap(), b.unwrap()), (7, 7));
    assert_eq!(loads.load(Ordering::Acquire), 2);
}
