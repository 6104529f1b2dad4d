//! The waitlist in memory. Offers and their answers hold the entries' lock while the
//! appointment store writes the hold, so the entry and its appointment change together.

use std::sync::{Arc, Mutex};

use application::AppointmentEvent;
use application::ports::{
    EntryState, Hold, OfferError, RepoError, SeatInsertError, WaitlistEntry, WaitlistStore,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{Appointment, AppointmentId, Capacity, UserId, WaitlistEntryId};

use super::{MemoryAppointments, lock};

/// [`WaitlistStore`] in memory, writing holds into its [`MemoryAppointments`].
#[derive(Debug)]
pub struct MemoryWaitlist {
    /// Every entry, in the order they joined.
    entries: Mutex<Vec<WaitlistEntry>>,
    appointments: Arc<MemoryAppointments>,
}

impl MemoryWaitlist {
    /// An empty waitlist whose holds are appointments of `appointments`.
    pub fn new(appointments: Arc<MemoryAppointments>) -> Self {
        Self {
            entries: Mutex::default(),
            appointments,
        }
    }

    fn matching(&self, keep: impl Fn(&WaitlistEntry) -> bool) -> Vec<WaitlistEntry> {
        lock(&self.entries)
            .iter()
            .filter(|e| keep(e))
            .cloned()
            .collect()
    }
}

#[async_trait]
impl WaitlistStore for MemoryWaitlist {
    async fn join(&self, entry: &WaitlistEntry) -> Result<(), RepoError> {
        let mut entries = lock(&self.entries);
        let taken = entries.iter().any(|e| {
            e.id == entry.id
                || (e.customer == entry.customer
                    && e.service == entry.service
                    && e.state.is_open()
                    && entry.state.is_open())
        });
        if taken {
            return Err(RepoError::Conflict);
        }
        entries.push(entry.clone());
        Ok(())
    }

    async fn leave(&self, id: WaitlistEntryId) -> Result<bool, RepoError> {
        let mut entries = lock(&self.entries);
        let waiting = entries
            .iter_mut()
            .find(|e| e.id == id && e.state == EntryState::Waiting);
        Ok(waiting.map(|e| e.state = EntryState::Left).is_some())
    }

    async fn by_id(&self, id: WaitlistEntryId) -> Result<Option<WaitlistEntry>, RepoError> {
        Ok(self.matching(|e| e.id == id).into_iter().next())
    }

    async fn by_hold(&self, id: AppointmentId) -> Result<Option<WaitlistEntry>, RepoError> {
        Ok(self
            .matching(|e| e.hold.is_some_and(|h| h.appointment == id))
            .into_iter()
            .next())
    }

    async fn of_customer(&self, customer: UserId) -> Result<Vec<WaitlistEntry>, RepoError> {
        Ok(self.matching(|e| e.customer == customer && e.state.is_open()))
    }

    async fn history_of(&self, customer: UserId) -> Result<Vec<WaitlistEntry>, RepoError> {
        Ok(self.matching(|e| e.customer == customer))
    }

    async fn of_provider(&self, provider: UserId) -> Result<Vec<WaitlistEntry>, RepoError> {
        Ok(self.matching(|e| e.provider == provider && e.state.is_open()))
    }

    async fn waiting(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<WaitlistEntry>, RepoError> {
        let mut waiting =
            self.matching(|e| e.state == EntryState::Waiting && !e.window.is_over(now));
        waiting.truncate(limit as usize);
        Ok(waiting)
    }

    async fn offer(
        &self,
        id: WaitlistEntryId,
        hold: &Appointment,
        capacity: Capacity,
        expires_at: DateTime<Utc>,
        event: &AppointmentEvent,
    ) -> Result<(), OfferError> {
        let mut entries = lock(&self.entries);
        let entry = entries
            .iter_mut()
            .find(|e| e.id == id && e.state == EntryState::Waiting)
            .ok_or(OfferError::NotWaiting)?;
        let inserted = if capacity.is_class() {
            self.appointments
                .insert_seat_now(hold, capacity, None, event)
        } else {
            self.appointments
                .insert_now(hold, None, event)
                .map_err(SeatInsertError::Store)
        };
        match inserted {
            Ok(()) => {}
            Err(SeatInsertError::Full | SeatInsertError::Store(RepoError::Conflict)) => {
                return Err(OfferError::Taken);
            }
            Err(SeatInsertError::Store(e)) => return Err(e.into()),
        }
        entry.state = EntryState::Offered;
        entry.hold = Some(Hold {
            appointment: hold.id,
            expires_at,
        });
        Ok(())
    }

    async fn settle(
        &self,
        id: WaitlistEntryId,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        let mut entries = lock(&self.entries);
        let entry = entries
            .iter_mut()
            .find(|e| {
                e.id == id
                    && e.state == EntryState::Offered
                    && e.hold.is_some_and(|h| h.appointment == appointment.id)
            })
            .ok_or(RepoError::Stale)?;
        self.appointments
            .update_now(appointment, expected_revision, event)?;
        entry.state = if appointment.status.is_active() {
            EntryState::Booked
        } else {
            EntryState::Released
        };
        Ok(())
    }

    async fn expired(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<WaitlistEntry>, RepoError> {
        let mut expired = self.matching(|e| {
            e.state == EntryState::Offered && e.hold.is_some_and(|h| h.expires_at <= now)
        });
        expired.sort_by_key(|e| e.hold.map(|h| h.expires_at));
        expired.truncate(limit as usize);
        Ok(expired)
    }
}
