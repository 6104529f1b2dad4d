//! A CalDAV calendar's events as busy intervals: iCalendar parsed with `icalendar`, recurring
//! events expanded over the window with `rrule` (`RRULE`, `RDATE`, `EXDATE`, and instances
//! moved or cancelled through `RECURRENCE-ID`). Cancelled and transparent ("free") events do
//! not block time. Dates (all-day events) and floating times are read in the calendar's zone.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use domain::TimeRange;
use icalendar::{Component as _, DatePerhapsTime, Event, EventStatus, Property};
use rrule::{RRule, RRuleSet, Unvalidated};

/// The most occurrences of one recurring event read within a window (a daily event over the
/// −7..+180 day window has 188).
const MAX_OCCURRENCES: u16 = 2000;

/// The busy intervals in `data` (one calendar object resource at `href`) within `window`, keyed
/// by `href` and start, with dates and floating times in `zone`.
///
/// # Errors
/// When `data` is not iCalendar.
pub(super) fn busy_in(
    data: &str,
    href: &str,
    window: TimeRange,
    zone: Tz,
) -> Result<Vec<(String, TimeRange)>, String> {
    let calendar: icalendar::Calendar = data.parse()?;
    let events: Vec<&Event> = calendar.events().collect();
    // Instances of a recurring event changed on their own: they replace the instance at
    // their RECURRENCE-ID.
    let moved: HashSet<(String, DateTime<Utc>)> = events
        .iter()
        .filter_map(|e| {
            let uid = e.get_uid()?.to_owned();
            let at = instant(e.properties().get("RECURRENCE-ID")?, zone)?;
            Some((uid, at))
        })
        .collect();
    let mut busy = Vec::new();
    for event in events {
        if !blocks(event) {
            continue;
        }
        let uid = event.get_uid().unwrap_or_default();
        let is_instance = event.properties().contains_key("RECURRENCE-ID");
        for range in occurrences(event, window, zone)? {
            if !is_instance && moved.contains(&(uid.to_owned(), range.start())) {
                continue;
            }
            busy.push((format!("{href}#{}", range.start().timestamp()), range));
        }
    }
    Ok(busy)
}

/// Whether `event` blocks time: not cancelled and not transparent.
fn blocks(event: &Event) -> bool {
    event.get_status() != Some(EventStatus::Cancelled)
        && event.property_value("TRANSP") != Some("TRANSPARENT")
}

/// The intervals of `event`'s occurrences that overlap `window`.
fn occurrences(event: &Event, window: TimeRange, zone: Tz) -> Result<Vec<TimeRange>, String> {
    let Some(start_prop) = event.properties().get("DTSTART") else {
        return Ok(Vec::new());
    };
    let Some(start) = zoned(start_prop, zone) else {
        return Err(format!("unreadable DTSTART {:?}", start_prop.value()));
    };
    let length = length(event, start_prop, start, zone);
    if length <= TimeDelta::zero() {
        return Ok(Vec::new());
    }
    let rule = event.property_value("RRULE");
    let extra = |name: &str| -> Vec<DateTime<rrule::Tz>> {
        event
            .multi_properties()
            .get(name)
            .into_iter()
            .flatten()
            .flat_map(|p| values(p, zone))
            .map(|at| at.with_timezone(&rrule::Tz::Tz(at.timezone())))
            .collect()
    };
    let rdates = extra("RDATE");
    let starts: Vec<DateTime<Utc>> = if rule.is_none() && rdates.is_empty() {
        vec![start.with_timezone(&Utc)]
    } else {
        let first = start.with_timezone(&rrule::Tz::Tz(zone_of(start_prop, zone)));
        let mut set = RRuleSet::new(first)
            .set_rdates(rdates)
            .set_exdates(extra("EXDATE"));
        if rule.is_none() {
            set = set.rdate(first);
        }
        if let Some(rule) = rule {
            let rule: RRule<Unvalidated> = rule.parse().map_err(|e| format!("RRULE: {e}"))?;
            set = set.rrule(rule.validate(first).map_err(|e| format!("RRULE: {e}"))?);
        }
        let from = window.start() - length - TimeDelta::seconds(1);
        set.after(from.with_timezone(&rrule::Tz::UTC))
            .before(window.end().with_timezone(&rrule::Tz::UTC))
            .all(MAX_OCCURRENCES)
            .dates
            .into_iter()
            .map(|at| at.with_timezone(&Utc))
            .collect()
    };
    Ok(starts
        .into_iter()
        .filter_map(|at| TimeRange::new(at, at + length).ok())
        .filter(|r| r.start() < window.end() && r.end() > window.start())
        .collect())
}

/// How long each occurrence lasts: `DTEND − DTSTART`, or `DURATION`, or a day for a date.
fn length(event: &Event, start_prop: &Property, start: DateTime<Tz>, zone: Tz) -> TimeDelta {
    if let Some(end) = event.properties().get("DTEND").and_then(|p| zoned(p, zone)) {
        return end.with_timezone(&Utc) - start.with_timezone(&Utc);
    }
    if let Some(duration) = event.property_value("DURATION").and_then(parse_duration) {
        return duration;
    }
    match DatePerhapsTime::from_property(start_prop) {
        Some(DatePerhapsTime::Date(_)) => TimeDelta::days(1),
        _ => TimeDelta::zero(),
    }
}

/// The zone a date-time property is written in: its `TZID` when that is an IANA name, else
/// the calendar's.
fn zone_of(prop: &Property, zone: Tz) -> Tz {
    prop.params()
        .get("TZID")
        .and_then(|tzid| tzid.value().trim_start_matches('/').parse().ok())
        .unwrap_or(zone)
}

/// A date or date-time property's (first) value as a zoned instant.
fn zoned(prop: &Property, zone: Tz) -> Option<DateTime<Tz>> {
    values(prop, zone).into_iter().next()
}

/// Every value of a (possibly comma-separated) date or date-time property.
fn values(prop: &Property, zone: Tz) -> Vec<DateTime<Tz>> {
    let tz = zone_of(prop, zone);
    prop.value()
        .split(',')
        .filter_map(|value| {
            let value = value.trim();
            if let Some(utc) = value.strip_suffix('Z') {
                let at = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
                return Some(Utc.from_utc_datetime(&at).with_timezone(&tz));
            }
            let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S")
                .ok()
                .or_else(|| {
                    NaiveDate::parse_from_str(value, "%Y%m%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                })?;
            local_in(tz, local)
        })
        .collect()
}

/// A wall-clock time in `tz`: the earlier of a repeated hour, an hour later in a gap.
fn local_in(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Tz>> {
    tz.from_local_datetime(&local).earliest().or_else(|| {
        tz.from_local_datetime(&(local + TimeDelta::hours(1)))
            .earliest()
    })
}

/// A date or date-time property as an instant.
fn instant(prop: &Property, zone: Tz) -> Option<DateTime<Utc>> {
    zoned(prop, zone).map(|at| at.with_timezone(&Utc))
}

/// An iCalendar `DURATION` (`PT1H30M`, `P1D`, `P2W`), positive.
fn parse_duration(text: &str) -> Option<TimeDelta> {
    let text = text.trim().trim_start_matches('+').strip_prefix('P')?;
    let mut total = TimeDelta::zero();
    let mut number = String::new();
    let mut in_time = false;
    for c in text.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = std::mem::take(&mut number).parse().ok()?;
                total += match (unit, in_time) {
                    ('W', false) => TimeDelta::weeks(n),
                    ('D', false) => TimeDelta::days(n),
                    ('H', true) => TimeDelta::hours(n),
                    ('M', true) => TimeDelta::minutes(n),
                    ('S', true) => TimeDelta::seconds(n),
                    _ => return None,
                };
            }
        }
    }
    number.is_empty().then_some(total)
}

/// The calendar's zone from its `calendar-timezone` property (a `VTIMEZONE` whose `TZID` is an
/// IANA name), or UTC.
pub(super) fn calendar_zone(vtimezone: Option<&str>) -> Tz {
    vtimezone
        .into_iter()
        .flat_map(str::lines)
        .find_map(|line| line.trim().strip_prefix("TZID:"))
        .and_then(|tzid| tzid.trim().parse().ok())
        .unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window() -> TimeRange {
        TimeRange::new(
            "2026-03-13T00:00:00Z".parse().unwrap(),
            "2026-09-16T00:00:00Z".parse().unwrap(),
        )
        .unwrap()
    }

    fn read(events: &str, zone: Tz) -> Vec<(String, String)> {
        let data = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n"
        );
        let mut busy: Vec<(String, String)> = busy_in(&data, "/ann/work/a.ics", window(), zone)
            .unwrap()
            .into_iter()
            .map(|(_, r)| (r.start().to_rfc3339(), r.end().to_rfc3339()))
            .collect();
        busy.sort();
        busy
    }

    fn pair(start: &str, end: &str) -> (String, String) {
        (start.to_owned(), end.to_owned())
    }

    #[test]
    fn a_weekly_event_in_berlin_is_expanded_with_an_exception_moved_and_one_excluded() {
        let events = "BEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=Europe/Berlin:20260316T100000\r\n\
DTEND;TZID=Europe/Berlin:20260316T110000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n\
EXDATE;TZID=Europe/Berlin:20260330T100000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:w\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260323T100000\r\n\
DTSTART;TZID=Europe/Berlin:20260323T140000\r\nDTEND;TZID=Europe/Berlin:20260323T150000\r\nEND:VEVENT\r\n";
        assert_eq!(
            read(events, Tz::UTC),
            [
                // Before the switch to summer time (UTC+1), the moved instance, and after it
                // (UTC+2); 30 March is excluded.
                pair("2026-03-16T09:00:00+00:00", "2026-03-16T10:00:00+00:00"),
                pair("2026-03-23T13:00:00+00:00", "2026-03-23T14:00:00+00:00"),
                pair("2026-04-06T08:00:00+00:00", "2026-04-06T09:00:00+00:00"),
            ]
        );
    }

    #[test]
    fn transparent_and_cancelled_events_do_not_block_and_all_day_ones_use_the_calendar_zone() {
        let events = "BEGIN:VEVENT\r\nUID:free\r\nDTSTART:20260317T100000Z\r\nDTEND:20260317T110000Z\r\n\
TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:off\r\nDTSTART:20260318T100000Z\r\nDURATION:PT1H\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:day\r\nDTSTART;VALUE=DATE:20260319\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:late\r\nDTSTART:20260320T100000Z\r\nDURATION:PT1H30M\r\nEND:VEVENT\r\n";
        assert_eq!(
            read(events, "America/New_York".parse().unwrap()),
            [
                pair("2026-03-19T04:00:00+00:00", "2026-03-20T04:00:00+00:00"),
                pair("2026-03-20T10:00:00+00:00", "2026-03-20T11:30:00+00:00"),
            ]
        );
    }

    #[test]
    fn the_zone_comes_from_the_calendar_timezone_property() {
        let vtimezone = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nEND:VTIMEZONE\r\nEND:VCALENDAR";
        assert_eq!(calendar_zone(Some(vtimezone)), chrono_tz::Europe::Paris);
        assert_eq!(calendar_zone(None), Tz::UTC);
        assert_eq!(
            parse_duration("P1W2DT3H"),
            Some(TimeDelta::hours(24 * 9 + 3))
        );
    }
}
