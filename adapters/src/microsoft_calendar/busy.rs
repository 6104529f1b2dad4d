//! Reading providers' own Outlook calendars ([`BusyTimeSource`]) with the same app and token.
//! The app's application permission reaches every mailbox of the tenant, so there is nothing
//! to share: a provider names their mailbox address and its default calendar is read.
//!
//! Reads go through `calendarView/delta` over the window (recurring events come expanded):
//! every `@odata.nextLink` is followed, and the final `@odata.deltaLink` is the sync token of
//! the next, incremental read. An invalid delta link (`410`, `SyncStateNotFound`) makes the
//! caller read the window in full again. Free, working-elsewhere, cancelled, declined and
//! removed events do not block time.
//!
//! All-day events are the one exception to "every time in UTC": Graph writes them as the
//! midnights of their dates whatever zone is asked for, and they are days of the zone they
//! were created in (`originalStartTimeZone`, an IANA or a Windows name).

use application::ports::{
    BusySource, BusyTimeSource, BusyUpdate, CalendarAccess, CalendarLogin, ExternalCalendar,
    SourceError, SourceMode, SourceRead,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use domain::{TimeRange, Zone};
use reqwest::Method;
use serde_json::Value;

use super::errors::GraphError;
use super::graph::Call;
use super::{MAX_PAGES, MicrosoftCalendarSync};

/// Asks for big pages, and for every time in UTC.
const PREFER: &[&str] = &["odata.maxpagesize=500", "outlook.timezone=\"UTC\""];

/// An instant as Graph writes it with `outlook.timezone="UTC"` (`2026-03-23T10:00:00.0000000`).
fn instant(at: &Value) -> Option<DateTime<Utc>> {
    let text = at["dateTime"].as_str()?;
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|t| t.and_utc())
}

/// The first instant of an all-day event's date (`2026-03-23T00:00:00.0000000`) in `zone`.
fn day_start(at: &Value, zone: Zone) -> Option<DateTime<Utc>> {
    let text = at["dateTime"].as_str()?;
    let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    Some(zone.start_of_day(date))
}

/// The zone an all-day event's dates belong to: the IANA or Windows (CLDR's table) zone it
/// was created in; UTC for a zone Graph names neither way (a custom one), with a warning.
fn zone_of_all_day(event: &Value) -> Zone {
    let named = event["originalStartTimeZone"].as_str().unwrap_or_default();
    let zone = Zone::parse(named).ok().or_else(|| {
        localzone::win_zone_to_iana(named, None).and_then(|iana| Zone::parse(iana).ok())
    });
    zone.unwrap_or_else(|| {
        tracing::warn!(
            zone = named,
            "an all-day Outlook event in an unknown zone is read as UTC days"
        );
        Zone::UTC
    })
}

/// The event's interval: its UTC times, or the whole days of an all-day event.
fn interval(event: &Value) -> Option<TimeRange> {
    let (start, end) = if event["isAllDay"].as_bool() == Some(true) {
        let zone = zone_of_all_day(event);
        (
            day_start(&event["start"], zone)?,
            day_start(&event["end"], zone)?,
        )
    } else {
        (instant(&event["start"])?, instant(&event["end"])?)
    };
    TimeRange::new(start, end).ok()
}

/// Sorts one listed event into the update: busy with its interval, or no longer blocking.
fn classify(event: &Value, update: &mut BusyUpdate) {
    let Some(id) = event["id"].as_str().map(str::to_owned) else {
        return;
    };
    let blocks = event["@removed"].is_null()
        && event["isCancelled"].as_bool() != Some(true)
        && !matches!(event["showAs"].as_str(), Some("free" | "workingElsewhere"))
        && event["responseStatus"]["response"].as_str() != Some("declined");
    match interval(event) {
        Some(range) if blocks => update.busy.push((id, range)),
        _ => update.gone.push(id),
    }
}

impl MicrosoftCalendarSync {
    /// The first delta read of `mailbox`'s default calendar over `window`.
    fn window_delta(&self, mailbox: &str, window: TimeRange) -> reqwest::Url {
        let mut url = self.graph.url(&["users", mailbox, "calendarView", "delta"]);
        let at = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
        url.query_pairs_mut()
            .append_pair("startDateTime", &at(window.start()))
            .append_pair("endDateTime", &at(window.end()));
        url
    }

    async fn read_delta(
        &self,
        source: &BusySource,
        window: TimeRange,
    ) -> Result<SourceRead, GraphError> {
        let mailbox = source.calendar_id.as_str();
        let mut url = match &source.sync_token {
            Some(link) => self.graph.link(link)?,
            None => self.window_delta(mailbox, window),
        };
        let mut update = BusyUpdate {
            full: source.sync_token.is_none(),
            ..BusyUpdate::default()
        };
        for _ in 0..MAX_PAGES {
            let page = self
                .graph
                .send(Call {
                    what: "calendarView.delta",
                    mailbox,
                    method: Method::GET,
                    url,
                    body: None,
                    prefer: PREFER,
                })
                .await?;
            for event in page["value"].as_array().into_iter().flatten() {
                classify(event, &mut update);
            }
            if let Some(next) = page["@odata.nextLink"].as_str() {
                url = self.graph.link(next)?;
            } else {
                let delta = page["@odata.deltaLink"].as_str().map(str::to_owned);
                return Ok(SourceRead {
                    update,
                    sync_token: delta,
                });
            }
        }
        Err(GraphError::transient(
            "calendarView.delta",
            "Graph kept handing out pages",
        ))
    }
}

#[async_trait]
impl BusyTimeSource for MicrosoftCalendarSync {
    fn share_with(&self) -> String {
        format!("the Book Your Services app ({})", self.client_id)
    }

    fn access(&self) -> CalendarAccess {
        CalendarAccess::Mailbox
    }

    #[tracing::instrument(skip(self))]
    async fn calendar(
        &self,
        calendar_id: &str,
        _login: Option<CalendarLogin>,
    ) -> Result<ExternalCalendar, SourceError> {
        let mailbox = calendar_id.trim();
        let calendar = self
            .graph
            .send(Call {
                what: "calendar.get",
                mailbox,
                method: Method::GET,
                url: self.graph.url(&["users", mailbox, "calendar"]),
                body: None,
                prefer: &[],
            })
            .await
            .map_err(GraphError::into_source)?;
        Ok(ExternalCalendar {
            id: mailbox.to_owned(),
            summary: calendar["name"].as_str().unwrap_or_default().to_owned(),
            mode: SourceMode::Events,
            credentials: None,
        })
    }

    #[tracing::instrument(skip_all, fields(provider = %source.provider))]
    async fn read(
        &self,
        source: &BusySource,
        window: TimeRange,
    ) -> Result<SourceRead, SourceError> {
        self.read_delta(source, window)
            .await
            .map_err(GraphError::into_source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn an_event(id: &str) -> Value {
        json!({
            "id": id, "showAs": "busy", "isCancelled": false,
            "start": { "dateTime": "2030-05-02T10:00:00.0000000", "timeZone": "UTC" },
            "end": { "dateTime": "2030-05-02T11:00:00.0000000", "timeZone": "UTC" },
        })
    }

    #[test]
    fn busy_events_block_and_free_cancelled_declined_or_removed_ones_do_not() {
        let mut free = an_event("free");
        free["showAs"] = json!("free");
        let mut cancelled = an_event("cancelled");
        cancelled["isCancelled"] = json!(true);
        let mut declined = an_event("declined");
        declined["responseStatus"] = json!({ "response": "declined" });
        let removed = json!({ "id": "removed", "@removed": { "reason": "deleted" } });
        let mut tentative = an_event("tentative");
        tentative["showAs"] = json!("tentative");
        let mut update = BusyUpdate::default();
        for event in [
            an_event("busy"),
            free,
            cancelled,
            declined,
            removed,
            tentative,
        ] {
            classify(&event, &mut update);
        }
        let busy: Vec<&str> = update.busy.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(busy, ["busy", "tentative"]);
        assert_eq!(update.gone, ["free", "cancelled", "declined", "removed"]);
        assert_eq!(
            update.busy[0].1.start(),
            "2030-05-02T10:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }

    fn an_all_day_event(original_zone: &str) -> Value {
        json!({
            "id": "holiday", "showAs": "busy", "isAllDay": true,
            "originalStartTimeZone": original_zone,
            "start": { "dateTime": "2030-05-02T00:00:00.0000000", "timeZone": "UTC" },
            "end": { "dateTime": "2030-05-04T00:00:00.0000000", "timeZone": "UTC" },
        })
    }

    fn busy_days(event: &Value) -> (String, String) {
        let mut update = BusyUpdate::default();
        classify(event, &mut update);
        let range = update.busy[0].1;
        (range.start().to_rfc3339(), range.end().to_rfc3339())
    }

    #[test]
    fn an_all_day_event_blocks_its_days_in_the_zone_it_was_created_in() {
        let paris = (
            "2030-05-01T22:00:00+00:00".to_owned(),
            "2030-05-03T22:00:00+00:00".to_owned(),
        );
        assert_eq!(busy_days(&an_all_day_event("Europe/Paris")), paris);
        // Outlook's own names come through CLDR's table.
        assert_eq!(busy_days(&an_all_day_event("Romance Standard Time")), paris);
        assert_eq!(
            busy_days(&an_all_day_event("Pacific Standard Time")),
            (
                "2030-05-02T07:00:00+00:00".to_owned(),
                "2030-05-04T07:00:00+00:00".to_owned()
            )
        );
    }

    #[test]
    fn an_all_day_event_in_a_zone_named_neither_way_is_read_as_utc_days() {
        assert_eq!(
            busy_days(&an_all_day_event("tzone://Microsoft/Custom")),
            (
                "2030-05-02T00:00:00+00:00".to_owned(),
                "2030-05-04T00:00:00+00:00".to_owned()
            )
        );
    }
}
