//! Provider calendars and appointment entry links in memory.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use application::ports::{CalendarLinks, EventLink, ProviderCalendar, RepoError};
use async_trait::async_trait;
use domain::{AppointmentId, UserId};

use super::lock;

#[derive(Debug, Default)]
struct Tables {
    calendars: BTreeMap<UserId, ProviderCalendar>,
    events: HashMap<AppointmentId, EventLink>,
}

/// [`CalendarLinks`] in memory.
#[derive(Debug, Default)]
pub struct MemoryCalendarLinks {
    tables: Mutex<Tables>,
}

#[async_trait]
impl CalendarLinks for MemoryCalendarLinks {
    async fn calendar(&self, provider: UserId) -> Result<Option<ProviderCalendar>, RepoError> {
        Ok(lock(&self.tables).calendars.get(&provider).cloned())
    }

    async fn save_calendar(&self, calendar: &ProviderCalendar) -> Result<(), RepoError> {
        lock(&self.tables)
            .calendars
            .insert(calendar.provider, calendar.clone());
        Ok(())
    }

    async fn save_edits_token(
        &self,
        provider: UserId,
        calendar_id: &str,
        token: Option<String>,
    ) -> Result<(), RepoError> {
        if let Some(calendar) = lock(&self.tables)
            .calendars
            .get_mut(&provider)
            .filter(|c| c.calendar_id.as_deref() == Some(calendar_id))
        {
            calendar.edits_token = token;
        }
        Ok(())
    }

    async fn forget_calendar(&self, provider: UserId) -> Result<(), RepoError> {
        let mut tables = lock(&self.tables);
        tables.calendars.remove(&provider);
        tables.events.retain(|_, link| link.provider != provider);
        Ok(())
    }

    async fn calendars(&self) -> Result<Vec<ProviderCalendar>, RepoError> {
        Ok(lock(&self.tables).calendars.values().cloned().collect())
    }

    async fn event(&self, appointment: AppointmentId) -> Result<Option<EventLink>, RepoError> {
        Ok(lock(&self.tables).events.get(&appointment).cloned())
    }

    async fn save_event(&self, link: &EventLink) -> Result<(), RepoError> {
        lock(&self.tables)
            .events
            .insert(link.appointment, link.clone());
        Ok(())
    }

    async fn forget_event(&self, appointment: AppointmentId) -> Result<(), RepoError> {
        lock(&self.tables).events.remove(&appointment);
        Ok(())
    }
}
