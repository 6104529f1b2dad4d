//! Appointments in memory, with the event log every change appends to and the deliveries
//! each event fans out into.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use application::ports::personal_data::{
    erase_event_texts, erase_texts, past_retention, prune_event_texts, prune_texts,
};
use application::ports::{
    AppointmentFilter, AppointmentQuery, AppointmentStore, IdempotencyKey, Page, Period, RepoError,
    SeatInsertError, SeriesChange, SeriesInsertError,
};
use application::{AppointmentEvent, ChangeKind};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, Capacity, Occurrence, OccurrenceSeats, SeriesId,
    TimeRange, UserId,
};

use super::{MemoryDeliveries, lock};

/// Everything one lock guards: the no-overlap rule, seat counts, key uniqueness and the event
/// log must change together.
#[derive(Debug, Default)]
struct Book {
    appointments: HashMap<AppointmentId, Appointment>,
    /// The class occurrence each seat belongs to; one-to-one appointments have none.
    seats: HashMap<AppointmentId, Occurrence>,
    keys: HashMap<(UserId, IdempotencyKey), AppointmentId>,
    events: Vec<AppointmentEvent>,
    /// The session start each appointment's last reminder was for.
    reminded: HashMap<AppointmentId, DateTime<Utc>>,
}

impl Book {
    /// Whether `appointment`, if active, would overlap another active appointment of its provider.
    fn clashes(&self, appointment: &Appointment) -> bool {
        self.clashes_as(appointment, self.seats.get(&appointment.id).copied())
    }

    /// Whether `appointment`, if active and a seat of `seat_of`, would overlap another active
    /// appointment of its provider that is not a seat of the same occurrence.
    fn clashes_as(&self, appointment: &Appointment, seat_of: Option<Occurrence>) -> bool {
        appointment.status.blocks_time()
            && self.appointments.values().any(|other| {
                other.id != appointment.id
                    && other.provider == appointment.provider
                    && other.status.blocks_time()
                    && other.blocked.overlaps(&appointment.blocked)
                    && (seat_of.is_none() || self.seats.get(&other.id) != seat_of.as_ref())
            })
    }

    /// The occurrence `appointment` would be a seat of after a change: its own, unless the
    /// change moves it.
    fn seat_after(&self, appointment: &Appointment) -> Option<Occurrence> {
        let stored = self.appointments.get(&appointment.id)?;
        let occurrence = self.seats.get(&appointment.id)?;
        (stored.session.start() == appointment.session.start()).then_some(*occurrence)
    }

    /// Records `appointment` as changed, forgetting its seat when it moved.
    fn replace(&mut self, appointment: &Appointment) {
        if self.seat_after(appointment).is_none() {
            self.seats.remove(&appointment.id);
        }
        self.appointments
            .insert(appointment.id, appointment.clone());
    }

    /// The seats of `occurrence` that are booked or held.
    fn seats_of(&self, occurrence: Occurrence) -> impl Iterator<Item = &Appointment> {
        self.seats
            .iter()
            .filter(move |(_, of)| **of == occurrence)
            .filter_map(|(id, _)| self.appointments.get(id))
            .filter(|a| a.status.blocks_time())
    }
}

/// [`AppointmentStore`] in memory. Every write checks the no-overlap rule, appends its event
/// and enqueues the event's deliveries in the same critical section;
/// [`MemoryAppointments::events`] shows the log.
#[derive(Debug, Default)]
pub struct MemoryAppointments {
    book: Mutex<Book>,
    deliveries: Arc<MemoryDeliveries>,
}

impl MemoryAppointments {
    /// An empty store whose events fan out into `deliveries`.
    pub fn with_deliveries(deliveries: Arc<MemoryDeliveries>) -> Self {
        Self {
            book: Mutex::default(),
            deliveries,
        }
    }

    /// The queue this store's events fan out into.
    pub fn deliveries(&self) -> Arc<MemoryDeliveries> {
        Arc::clone(&self.deliveries)
    }

    /// Erases the free text `user` wrote in their appointments and their events
    /// ([`erase_texts`], [`erase_event_texts`]) and forgets their idempotency keys; returns the
    /// ids of their appointments.
    pub(super) fn erase_texts_of(&self, user: UserId) -> Vec<AppointmentId> {
        let mut book = lock(&self.book);
        let mut theirs = Vec::new();
        for a in book.appointments.values_mut() {
            if a.customer == user || a.provider == user {
                erase_texts(a, user);
                theirs.push(a.id);
            }
        }
        for event in &mut book.events {
            erase_event_texts(event, user);
        }
        book.keys.retain(|(customer, _), _| *customer != user);
        theirs
    }

    /// Removes the free texts of appointments past retention at `before` and of their events;
    /// the appointments past retention, and how many of them had texts.
    pub(super) fn prune_texts(&self, before: DateTime<Utc>) -> (Vec<AppointmentId>, u64) {
        let mut book = lock(&self.book);
        let mut past = Vec::new();
        let mut changed = 0;
        for a in book.appointments.values_mut() {
            if past_retention(a, before) {
                past.push(a.id);
                changed += u64::from(prune_texts(a));
            }
        }
        for event in &mut book.events {
            if past.contains(&event.appointment.id) {
                prune_event_texts(event);
            }
        }
        (past, changed)
    }

    /// Appends `event` and its deliveries; the caller holds the book's lock.
    fn record(&self, book: &mut Book, event: &AppointmentEvent) {
        book.events.push(event.clone());
        self.deliveries.enqueue(event);
    }

    /// [`AppointmentStore::insert`], at once.
    pub(super) fn insert_now(
        &self,
        appointment: &Appointment,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        let mut book = lock(&self.book);
        let key = key.map(|k| (appointment.customer, k));
        if book.appointments.contains_key(&appointment.id)
            || key.as_ref().is_some_and(|k| book.keys.contains_key(k))
            || book.clashes(appointment)
        {
            return Err(RepoError::Conflict);
        }
        book.appointments
            .insert(appointment.id, appointment.clone());
        if let Some(key) = key {
            book.keys.insert(key, appointment.id);
        }
        self.record(&mut book, event);
        Ok(())
    }

    /// [`AppointmentStore::update`], at once.
    pub(super) fn update_now(
        &self,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        let mut book = lock(&self.book);
        let stored = book
            .appointments
            .get(&appointment.id)
            .ok_or(RepoError::NotFound)?;
        if stored.revision != expected_revision {
            return Err(RepoError::Stale);
        }
        if book.clashes_as(appointment, book.seat_after(appointment)) {
            return Err(RepoError::Conflict);
        }
        book.replace(appointment);
        self.record(&mut book, event);
        Ok(())
    }

    /// [`AppointmentStore::insert_seat`], at once.
    pub(super) fn insert_seat_now(
        &self,
        seat: &Appointment,
        capacity: Capacity,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), SeatInsertError> {
        let mut book = lock(&self.book);
        let occurrence = Occurrence::of(seat);
        let key = key.map(|k| (seat.customer, k));
        if book.appointments.contains_key(&seat.id)
            || key.as_ref().is_some_and(|k| book.keys.contains_key(k))
            || book.clashes_as(seat, Some(occurrence))
        {
            return Err(RepoError::Conflict.into());
        }
        if book.seats_of(occurrence).count() >= usize::from(capacity.places()) {
            return Err(SeatInsertError::Full);
        }
        book.appointments.insert(seat.id, seat.clone());
        book.seats.insert(seat.id, occurrence);
        if let Some(key) = key {
            book.keys.insert(key, seat.id);
        }
        self.record(&mut book, event);
        Ok(())
    }

    /// Every event recorded so far, oldest first.
    pub fn events(&self) -> Vec<AppointmentEvent> {
        lock(&self.book).events.clone()
    }
}

#[async_trait]
impl AppointmentStore for MemoryAppointments {
    async fn insert(
        &self,
        appointment: &Appointment,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        self.insert_now(appointment, key, event)
    }

    async fn update(
        &self,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        self.update_now(appointment, expected_revision, event)
    }

    async fn insert_seat(
        &self,
        seat: &Appointment,
        capacity: Capacity,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), SeatInsertError> {
        self.insert_seat_now(seat, capacity, key, event)
    }

    async fn occurrences(
        &self,
        provider: UserId,
        range: TimeRange,
    ) -> Result<Vec<OccurrenceSeats>, RepoError> {
        let book = lock(&self.book);
        let mut found: HashMap<Occurrence, OccurrenceSeats> = HashMap::new();
        for (id, occurrence) in &book.seats {
            let Some(seat) = book.appointments.get(id) else {
                continue;
            };
            if seat.provider != provider
                || !seat.status.blocks_time()
                || !seat.blocked.overlaps(&range)
            {
                continue;
            }
            found
                .entry(*occurrence)
                .and_modify(|seats| {
                    let start = seats.blocked.start().min(seat.blocked.start());
                    let end = seats.blocked.end().max(seat.blocked.end());
                    seats.blocked = TimeRange::new(start, end).unwrap_or(seats.blocked);
                    seats.taken += 1;
                })
                .or_insert(OccurrenceSeats {
                    occurrence: *occurrence,
                    blocked: seat.blocked,
                    taken: 1,
                });
        }
        let mut found: Vec<OccurrenceSeats> = found.into_values().collect();
        found.sort_by_key(|seats| seats.occurrence);
        Ok(found)
    }

    async fn seats(&self, occurrence: Occurrence) -> Result<Vec<Appointment>, RepoError> {
        let book = lock(&self.book);
        let mut found: Vec<Appointment> = book
            .seats_of(occurrence)
            .filter(|a| a.status.is_active())
            .cloned()
            .collect();
        found.sort_by_key(|a| (a.created_at, a.id));
        Ok(found)
    }

    async fn insert_series(
        &self,
        occurrences: &[(Appointment, AppointmentEvent)],
        key: Option<IdempotencyKey>,
    ) -> Result<(), SeriesInsertError> {
        let mut book = lock(&self.book);
        let key = occurrences
            .first()
            .zip(key)
            .map(|((first, _), k)| ((first.customer, k), first.id));
        if key.as_ref().is_some_and(|(k, _)| book.keys.contains_key(k)) {
            return Err(SeriesInsertError::Conflict { occurrence: 0 });
        }
        for (index, (a, _)) in occurrences.iter().enumerate() {
            let clashes_earlier = occurrences[..index].iter().any(|(earlier, _)| {
                earlier.id == a.id
                    || (a.status.blocks_time()
                        && earlier.status.blocks_time()
                        && earlier.provider == a.provider
                        && earlier.blocked.overlaps(&a.blocked))
            });
            if clashes_earlier || book.appointments.contains_key(&a.id) || book.clashes(a) {
                return Err(SeriesInsertError::Conflict { occurrence: index });
            }
        }
        for (a, event) in occurrences {
            book.appointments.insert(a.id, a.clone());
            self.record(&mut book, event);
        }
        if let Some((key, first)) = key {
            book.keys.insert(key, first);
        }
        Ok(())
    }

    async fn update_series(&self, changes: &[SeriesChange]) -> Result<(), RepoError> {
        let mut book = lock(&self.book);
        let mut previous = Vec::with_capacity(changes.len());
        for change in changes {
            let stored = book
                .appointments
                .get(&change.appointment.id)
                .ok_or(RepoError::NotFound)?;
            if stored.revision != change.expected_revision {
                return Err(RepoError::Stale);
            }
            let seat = book.seats.get(&stored.id).copied();
            previous.push((stored.clone(), seat));
        }
        for change in changes {
            book.replace(&change.appointment);
        }
        if changes.iter().any(|c| book.clashes(&c.appointment)) {
            for (stored, seat) in previous {
                if let Some(occurrence) = seat {
                    book.seats.insert(stored.id, occurrence);
                }
                book.appointments.insert(stored.id, stored);
            }
            return Err(RepoError::Conflict);
        }
        for change in changes {
            self.record(&mut book, &change.event);
        }
        Ok(())
    }

    async fn series(&self, id: SeriesId) -> Result<Vec<Appointment>, RepoError> {
        let mut found: Vec<Appointment> = lock(&self.book)
            .appointments
            .values()
            .filter(|a| a.series == Some(id))
            .cloned()
            .collect();
        found.sort_by_key(|a| (a.session.start(), a.id));
        Ok(found)
    }

    async fn by_id(&self, id: AppointmentId) -> Result<Option<Appointment>, RepoError> {
        Ok(lock(&self.book).appointments.get(&id).cloned())
    }

    async fn by_idempotency_key(
        &self,
        customer: UserId,
        key: &IdempotencyKey,
    ) -> Result<Option<Appointment>, RepoError> {
        let book = lock(&self.book);
        Ok(book
            .keys
            .get(&(customer, key.clone()))
            .and_then(|id| book.appointments.get(id))
            .cloned())
    }

    async fn busy(&self, provider: UserId, range: TimeRange) -> Result<Vec<TimeRange>, RepoError> {
        let mut ranges: Vec<TimeRange> = lock(&self.book)
            .appointments
            .values()
            .filter(|a| a.provider == provider && a.status.blocks_time())
            .map(|a| a.blocked)
            .filter(|blocked| blocked.overlaps(&range))
            .collect();
        ranges.sort();
        Ok(ranges)
    }

    async fn list(&self, filter: AppointmentFilter) -> Result<Vec<Appointment>, RepoError> {
        let mut found: Vec<Appointment> = lock(&self.book)
            .appointments
            .values()
            .filter(|a| filter.customer.is_none_or(|c| a.customer == c))
            .filter(|a| filter.provider.is_none_or(|p| a.provider == p))
            .filter(|a| filter.status.is_none_or(|s| a.status == s))
            .filter(|a| match filter.period {
                Period::UpcomingAfter(t) => a.session.end() > t,
                Period::PastBefore(t) => a.session.end() <= t,
                Period::Within(range) => a.session.overlaps(&range),
            })
            .cloned()
            .collect();
        match filter.period {
            Period::UpcomingAfter(_) | Period::Within(_) => {
                found.sort_by_key(|a| (a.session.start(), a.id));
            }
            Period::PastBefore(_) => found.sort_by_key(|a| Reverse((a.session.start(), a.id))),
        }
        found.truncate(filter.limit as usize);
        Ok(found)
    }

    async fn due_reminders(
        &self,
        window: TimeRange,
        limit: u32,
    ) -> Result<Vec<Appointment>, RepoError> {
        let book = lock(&self.book);
        let mut due: Vec<Appointment> = book
            .appointments
            .values()
            .filter(|a| a.status == AppointmentStatus::Confirmed)
            .filter(|a| window.contains_instant(a.session.start()))
            .filter(|a| book.reminded.get(&a.id) != Some(&a.session.start()))
            .cloned()
            .collect();
        due.sort_by_key(|a| (a.session.start(), a.id));
        due.truncate(limit as usize);
        Ok(due)
    }

    async fn record_reminder(&self, event: &AppointmentEvent) -> Result<bool, RepoError> {
        debug_assert_eq!(event.kind, ChangeKind::Reminder);
        let mut book = lock(&self.book);
        let Some(stored) = book.appointments.get(&event.appointment.id) else {
            return Ok(false);
        };
        let start = stored.session.start();
        let due = stored.status == AppointmentStatus::Confirmed
            && stored.revision == event.appointment.revision
            && book.reminded.get(&stored.id) != Some(&start);
        if due {
            book.reminded.insert(event.appointment.id, start);
            self.record(&mut book, event);
        }
        Ok(due)
    }

    async fn search(&self, query: &AppointmentQuery) -> Result<Page<Appointment>, RepoError> {
        let mut found: Vec<Appointment> = lock(&self.book)
            .appointments
            .values()
            .filter(|a| query.customer.is_none_or(|c| a.customer == c))
            .filter(|a| query.provider.is_none_or(|p| a.provider == p))
            .filter(|a| query.status.is_none_or(|s| a.status == s))
            .filter(|a| {
                query.starting.is_none_or(|range| {
                    range.start() <= a.session.start() && a.session.start() < range.end()
                })
            })
            .cloned()
            .collect();
        found.sort_by_key(|a| Reverse((a.session.start(), a.id)));
        Ok(super::page_of(found, query.page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use application::ChangeKind;
    use chrono::{DateTime, TimeDelta, Utc};
    use domain::{AppointmentStatus, Party, ServiceId};
    use uuid::Uuid;

    fn appointment(n: u128, start: &str) -> Appointment {
        let start: DateTime<Utc> = start.parse().unwrap();
        let session = TimeRange::starting_at(start, TimeDelta::hours(1)).unwrap();
        Appointment {
            id: AppointmentId::from_uuid(Uuid::from_u128(n)),
            service: ServiceId::from_uuid(Uuid::from_u128(100)),
            provider: UserId::from_uuid(Uuid::from_u128(20)),
            customer: UserId::from_uuid(Uuid::from_u128(10)),
            session,
            blocked: session,
            status: AppointmentStatus::Confirmed,
            note: None,
            created_at: start - TimeDelta::days(2),
            revision: 0,
            reschedules: Vec::new(),
            cancellation: None,
            series: None,
        }
    }

    fn event(kind: ChangeKind, a: &Appointment) -> AppointmentEvent {
        AppointmentEvent::new(kind, a, a.created_at)
    }

    #[tokio::test]
    async fn every_successful_write_records_its_event_in_order() {
        let store = MemoryAppointments::default();
        let mut a = appointment(1, "2026-06-03T10:00:00Z");
        store
            .insert(&a, None, &event(ChangeKind::Booked, &a))
            .await
            .unwrap();
        a.status = AppointmentStatus::Cancelled;
        a.revision = 1;
        let cancelled = ChangeKind::Cancelled {
            by: Party::Customer,
            reason: None,
        };
        store
            .update(&a, 0, &event(cancelled.clone(), &a))
            .await
            .unwrap();
        let kinds: Vec<ChangeKind> = store.events().into_iter().map(|e| e.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::Booked, cancelled]);
    }

    #[tokio::test]
    async fn a_refused_write_records_no_event() {
        let store = MemoryAppointments::default();
        let first = appointment(1, "2026-06-03T10:00:00Z");
        let clash = appointment(2, "2026-06-03T10:30:00Z");
        store
            .insert(&first, None, &event(ChangeKind::Booked, &first))
            .await
            .unwrap();
        assert!(matches!(
            store
                .insert(&clash, None, &event(ChangeKind::Booked, &clash))
                .await,
            Err(RepoError::Conflict)
        ));
        assert!(matches!(
            store
                .update(&first, 7, &event(ChangeKind::Confirmed, &first))
                .await,
            Err(RepoError::Stale)
        ));
        assert_eq!(store.events().len(), 1);
    }
}
