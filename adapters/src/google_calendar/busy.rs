//! Reading providers' own calendars ([`BusyTimeSource`]) with the same service account, hub
//! and token as the sync of our calendars. The provider shares a calendar with the service
//! account's address; the access they grant decides the mode:
//! - "See all event details" (`reader`) or more: incremental `events.list` with a sync token,
//!   every page, recurring events expanded (`singleEvents`); a `410 Gone` means the token
//!   expired and the caller reads the whole window again;
//! - "See only free/busy" (`freeBusyReader`): `freeBusy.query` over the window, polled whole.
//!
//! Free (transparent), cancelled and declined events do not block time. Every read call waits
//! for the provider's quota ([`super::quota`]) and names the provider as `quotaUser`.

use application::ports::{
    BusySource, BusyTimeSource, BusyUpdate, CalendarLogin, ExternalCalendar, SourceError,
    SourceMode, SourceRead,
};
use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{TimeRange, UserId, Zone};
use google_calendar3::api::{
    CalendarListEntry, Event, EventDateTime, FreeBusyRequest, FreeBusyRequestItem, Scope,
};

use super::GoogleCalendarSync;
use super::errors::CallError;

/// The most `events.list` pages one read follows (2,500 events a page at most), so that a
/// server handing out page tokens forever cannot hold the worker.
const MAX_EVENT_PAGES: usize = 400;

/// Events asked for per page (Google's maximum; it may answer fewer).
const EVENTS_PER_PAGE: i32 = 2500;

/// The longest window one `freeBusy.query` covers; longer windows are asked in parts.
const FREE_BUSY_SPAN_DAYS: i64 = 60;

impl CallError {
    /// The port's error for a failed read.
    pub(super) fn into_source(self) -> SourceError {
        match (self.status, self.reason.as_str()) {
            (Some(410), _) => SourceError::TokenExpired,
            (Some(429), _) => SourceError::RateLimited(self.to_string()),
            (Some(403), reason) if is_rate_limit(reason) => {
                SourceError::RateLimited(self.to_string())
            }
            // Not shared (any more), shared below the needed level, or deleted.
            (Some(403 | 404), _) => SourceError::AccessGone(self.to_string()),
            _ => SourceError::Transient(Box::new(self)),
        }
    }
}

/// Google's `usageLimits` reasons on a `403`.
pub(super) fn is_rate_limit(reason: &str) -> bool {
    matches!(
        reason,
        "rateLimitExceeded" | "userRateLimitExceeded" | "quotaExceeded" | "dailyLimitExceeded"
    )
}

/// How much an access role lets the platform see; `None` for no access.
fn mode_of(role: &str) -> Option<SourceMode> {
    match role {
        "freeBusyReader" => Some(SourceMode::FreeBusy),
        "reader" | "writer" | "owner" => Some(SourceMode::Events),
        _ => None,
    }
}

/// An instant of an event: its date-time, or the start of its date (all-day events) in the
/// calendar's zone.
pub(super) fn instant(at: Option<&EventDateTime>, zone: Zone) -> Option<DateTime<Utc>> {
    let at = at?;
    at.date_time
        .or_else(|| at.date.map(|date| zone.start_of_day(date)))
}

/// Whether the calendar's owner declined the event (an invitation they said no to).
fn declined(event: &Event) -> bool {
    event.attendees.as_ref().is_some_and(|attendees| {
        attendees
            .iter()
            .any(|a| a.self_ == Some(true) && a.response_status.as_deref() == Some("declined"))
    })
}

/// Sorts one listed event into the update: busy with its interval, or no longer blocking.
fn classify(event: &Event, zone: Zone, update: &mut BusyUpdate) {
    let Some(id) = event.id.clone() else {
        return;
    };
    let blocks = event.status.as_deref() != Some("cancelled")
        && event.transparency.as_deref() != Some("transparent")
        && !declined(event);
    let range = instant(event.start.as_ref(), zone)
        .zip(instant(event.end.as_ref(), zone))
        .and_then(|(start, end)| TimeRange::new(start, end).ok());
    match range {
        Some(range) if blocks => update.busy.push((id, range)),
        _ => update.gone.push(id),
    }
}

/// Where an `events.list` read starts.
#[derive(Debug, Clone, Copy)]
pub(super) enum ListFrom<'a> {
    /// Changes since this sync token.
    Token(&'a str),
    /// Events ending after the first instant (and starting before the second, if any).
    Span(DateTime<Utc>, Option<DateTime<Utc>>),
}

/// What a read of every page found.
pub(super) struct ListedEvents {
    /// The events, each with the zone of its page (for all-day events).
    pub(super) events: Vec<(Event, Zone)>,
    /// The token the next incremental read starts from.
    pub(super) sync_token: Option<String>,
}

impl GoogleCalendarSync {
    /// `events.list` from the source's sync token, or over `window` without one.
    async fn read_events(
        &self,
        source: &BusySource,
        window: TimeRange,
    ) -> Result<SourceRead, CallError> {
        let mut update = BusyUpdate {
            full: source.sync_token.is_none(),
            ..BusyUpdate::default()
        };
        let from = match &source.sync_token {
            Some(token) => ListFrom::Token(token),
            None => ListFrom::Span(window.start(), Some(window.end())),
        };
        let listed = self
            .list_events(&source.calendar_id, source.provider, from, false)
            .await?;
        for (event, zone) in &listed.events {
            classify(event, *zone, &mut update);
        }
        Ok(SourceRead {
            update,
            sync_token: listed.sync_token,
        })
    }

    /// Every page of `events.list` of `calendar_id` (recurring events expanded, deleted ones
    /// too with `show_deleted`) under `provider`'s quota (`quotaUser`), each event with the
    /// zone its page names.
    pub(super) async fn list_events(
        &self,
        calendar_id: &str,
        provider: UserId,
        from: ListFrom<'_>,
        show_deleted: bool,
    ) -> Result<ListedEvents, CallError> {
        let mut events = Vec::new();
        let mut page_token: Option<String> = None;
        let quota_user = provider.to_string();
        for _ in 0..MAX_EVENT_PAGES {
            self.busy_quota.until_key_ready(&provider).await;
            let mut request = self
                .hub
                .events()
                .list(calendar_id)
                .single_events(true)
                .max_results(EVENTS_PER_PAGE)
                .param("quotaUser", quota_user.as_str())
                .add_scope(Scope::Full);
            if show_deleted {
                request = request.show_deleted(true);
            }
            // Google refuses timeMin/timeMax together with a sync token.
            request = match from {
                ListFrom::Token(token) => request.sync_token(token),
                ListFrom::Span(min, None) => request.time_min(min),
                ListFrom::Span(min, Some(max)) => request.time_min(min).time_max(max),
            };
            if let Some(token) = &page_token {
                request = request.page_token(token);
            }
            let (_, page) = self.call("events.list", request.doit()).await?;
            let zone = page
                .time_zone
                .as_deref()
                .and_then(|z| Zone::parse(z).ok())
                .unwrap_or(Zone::UTC);
            events.extend(
                page.items
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| (e, zone)),
            );
            match page.next_page_token {
                Some(next) => page_token = Some(next),
                None => {
                    return Ok(ListedEvents {
                        events,
                        sync_token: page.next_sync_token,
                    });
                }
            }
        }
        Err(CallError::transient("events.list kept handing out pages"))
    }

    /// `freeBusy.query` over `window`, in parts of at most [`FREE_BUSY_SPAN_DAYS`].
    async fn read_free_busy(
        &self,
        source: &BusySource,
        window: TimeRange,
    ) -> Result<SourceRead, CallError> {
        let mut update = BusyUpdate {
            full: true,
            ..BusyUpdate::default()
        };
        let quota_user = source.provider.to_string();
        let mut from = window.start();
        while from < window.end() {
            let to = (from + TimeDelta::days(FREE_BUSY_SPAN_DAYS)).min(window.end());
            let request = FreeBusyRequest {
                time_min: Some(from),
                time_max: Some(to),
                items: Some(vec![FreeBusyRequestItem {
                    id: Some(source.calendar_id.clone()),
                }]),
                ..FreeBusyRequest::default()
            };
            self.busy_quota.until_key_ready(&source.provider).await;
            let (_, answer) = self
                .call(
                    "freebusy.query",
                    self.hub
                        .freebusy()
                        .query(request)
                        .param("quotaUser", quota_user.as_str())
                        .add_scope(Scope::Full)
                        .doit(),
                )
                .await?;
            let calendar = answer
                .calendars
                .and_then(|mut c| c.remove(&source.calendar_id))
                .unwrap_or_default();
            // Per-calendar errors come inside a 200: notFound when it is not shared.
            if let Some(error) = calendar.errors.unwrap_or_default().into_iter().next() {
                let reason = error.reason.unwrap_or_default();
                return Err(CallError::answered("freebusy.query", 404, &reason));
            }
            for period in calendar.busy.unwrap_or_default() {
                let (Some(start), Some(end)) = (period.start, period.end) else {
                    continue;
                };
                if let Ok(range) = TimeRange::new(start, end) {
                    // Blocks have no ids: the start and end name them.
                    let id = format!("fb:{}/{}", start.timestamp(), end.timestamp());
                    update.busy.push((id, range));
                }
            }
            from = to;
        }
        Ok(SourceRead {
            update,
            sync_token: None,
        })
    }
}

#[async_trait]
impl BusyTimeSource for GoogleCalendarSync {
    fn share_with(&self) -> String {
        self.account_email.clone()
    }

    #[tracing::instrument(skip(self))]
    async fn calendar(
        &self,
        calendar_id: &str,
        _login: Option<CalendarLogin>,
    ) -> Result<ExternalCalendar, SourceError> {
        // Adding a calendar shared with the service account to its list tells its access
        // role; adding one already there answers the same.
        let entry = CalendarListEntry {
            id: Some(calendar_id.to_owned()),
            ..CalendarListEntry::default()
        };
        let (_, entry) = self
            .call(
                "calendarList.insert",
                self.hub
                    .calendar_list()
                    .insert(entry)
                    .add_scope(Scope::Full)
                    .doit(),
            )
            .await
            .map_err(CallError::into_source)?;
        let mode = entry
            .access_role
            .as_deref()
            .and_then(mode_of)
            .ok_or_else(|| SourceError::AccessGone("the calendar is not shared".to_owned()))?;
        Ok(ExternalCalendar {
            id: entry.id.unwrap_or_else(|| calendar_id.to_owned()),
            summary: entry.summary.unwrap_or_default(),
            mode,
            credentials: None,
        })
    }

    #[tracing::instrument(skip_all, fields(provider = %source.provider))]
    async fn read(
        &self,
        source: &BusySource,
        window: TimeRange,
    ) -> Result<SourceRead, SourceError> {
        let read = match source.mode {
            SourceMode::Events => self.read_events(source, window).await,
            SourceMode::FreeBusy => self.read_free_busy(source, window).await,
        };
        read.map_err(CallError::into_source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use google_calendar3::api::EventAttendee;

    fn at(s: &str) -> EventDateTime {
        EventDateTime {
            date_time: Some(s.parse().unwrap()),
            ..EventDateTime::default()
        }
    }

    fn an_event(id: &str) -> Event {
        Event {
            id: Some(id.to_owned()),
            status: Some("confirmed".to_owned()),
            start: Some(at("2030-05-02T10:00:00Z")),
            end: Some(at("2030-05-02T11:00:00Z")),
            ..Event::default()
        }
    }

    fn sorted(events: Vec<Event>) -> BusyUpdate {
        let mut update = BusyUpdate::default();
        for event in events {
            classify(&event, Zone::UTC, &mut update);
        }
        update
    }

    #[test]
    fn busy_events_block_and_free_cancelled_or_declined_ones_do_not() {
        let free = Event {
            transparency: Some("transparent".to_owned()),
            ..an_event("free")
        };
        let cancelled = Event {
            status: Some("cancelled".to_owned()),
            start: None,
            end: None,
            ..an_event("cancelled")
        };
        let declined = Event {
            attendees: Some(vec![EventAttendee {
                self_: Some(true),
                response_status: Some("declined".to_owned()),
                ..EventAttendee::default()
            }]),
            ..an_event("declined")
        };
        let accepted = Event {
            attendees: Some(vec![EventAttendee {
                self_: Some(true),
                response_status: Some("accepted".to_owned()),
                ..EventAttendee::default()
            }]),
            ..an_event("accepted")
        };
        let update = sorted(vec![an_event("busy"), free, cancelled, declined, accepted]);
        let ids: Vec<&str> = update.busy.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["busy", "accepted"]);
        assert_eq!(update.gone, ["free", "cancelled", "declined"]);
    }

    #[test]
    fn an_all_day_event_blocks_the_whole_day_in_the_calendars_zone() {
        let day = |d: &str| EventDateTime {
            date: Some(d.parse().unwrap()),
            ..EventDateTime::default()
        };
        let event = Event {
            start: Some(day("2030-05-02")),
            end: Some(day("2030-05-03")),
            ..an_event("holiday")
        };
        let mut update = BusyUpdate::default();
        classify(&event, Zone::parse("Europe/Paris").unwrap(), &mut update);
        let (_, range) = &update.busy[0];
        assert_eq!(
            range.start(),
            "2030-05-01T22:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(
            range.end(),
            "2030-05-02T22:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }

    #[test]
    fn rate_limits_gone_tokens_and_lost_access_are_told_apart() {
        let error = |status, reason: &str| CallError::answered("t", status, reason).into_source();
        assert!(matches!(
            error(410, "fullSyncRequired"),
            SourceError::TokenExpired
        ));
        assert!(matches!(
            error(429, "rateLimitExceeded"),
            SourceError::RateLimited(_)
        ));
        assert!(matches!(
            error(403, "userRateLimitExceeded"),
            SourceError::RateLimited(_)
        ));
        assert!(matches!(
            error(403, "forbidden"),
            SourceError::AccessGone(_)
        ));
        assert!(matches!(error(404, "notFound"), SourceError::AccessGone(_)));
        assert!(matches!(
            error(503, "backendError"),
            SourceError::Transient(_)
        ));
    }
}
