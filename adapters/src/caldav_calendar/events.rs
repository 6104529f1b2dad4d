//! A CalDAV calendar's events as busy intervals: iCalendar parsed with `icalendar`, recurring
//! events expanded over the window with `rrule` (`RRULE`, `RDATE`, `EXDATE`, and instances
//! moved or cancelled through `RECURRENCE-ID`). Cancelled and transparent ("free") events do
//! not block time. Dates (all-day events) and floating times are read in the calendar's zone.
//!
//! Every wall-clock time becomes an instant through [`Zone`] (the project's tzdb, newer than
//! chrono-tz's), with the slot engine's rule: a start is the first instant its wall clock reads
//! (the jump, in a gap), an end the last. `rrule` works with chrono-tz zones, so recurrences are
//! expanded in *floating* local time (the wall clock of `DTSTART`'s zone, handed to `rrule` as
//! if it were UTC) and only the resulting wall-clock occurrences are mapped to instants;
//! `UNTIL`, `RDATE`, `EXDATE` and `RECURRENCE-ID` are compared in the same wall-clock terms.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use domain::{TimeRange, Zone};
use icalendar::{Component as _, DatePerhapsTime, Event, EventStatus, Property};
use rrule::{RRule, RRuleSet, Unvalidated};

/// The most occurrences of one recurring event read within a window (a daily event over the
/// −7..+180 day window, widened by a day on each side, has 190).
const MAX_OCCURRENCES: u16 = 2000;

/// iCalendar's `DATE-TIME` form (without the `Z` of a UTC time).
const DATE_TIME: &str = "%Y%m%dT%H%M%S";

/// A date or date-time value as written: a wall-clock reading in a zone (UTC for a `Z` value,
/// the calendar's for a floating time or a date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    zone: Zone,
    local: NaiveDateTime,
}

impl Stamp {
    /// The first instant the value's wall clock reads it.
    fn instant(self) -> DateTime<Utc> {
        self.zone.earliest_instant(self.local)
    }

    /// The value as a wall-clock reading in `zone`: as written when it is written in `zone`.
    fn local_in(self, zone: Zone) -> NaiveDateTime {
        if self.zone == zone {
            self.local
        } else {
            zone.wall_clock(self.instant())
        }
    }
}

/// How long each occurrence lasts.
#[derive(Debug, Clone, Copy)]
enum Length {
    /// On the wall clock of the start's zone (`DTEND − DTSTART`, a date's day, a `DURATION` of
    /// whole days or weeks): 09:00–10:00 stays 09:00–10:00 on a change day.
    Wall(TimeDelta),
    /// Elapsed time (a `DURATION` with hours, minutes or seconds).
    Exact(TimeDelta),
}

impl Length {
    fn span(self) -> TimeDelta {
        match self {
            Self::Wall(d) | Self::Exact(d) => d,
        }
    }

    /// The interval of an occurrence starting at `local` in `zone`.
    fn at(self, zone: Zone, local: NaiveDateTime) -> Option<TimeRange> {
        let start = zone.earliest_instant(local);
        let end = match self {
            Self::Wall(d) => zone.latest_instant(local + d),
            Self::Exact(d) => start + d,
        };
        TimeRange::new(start, end).ok()
    }
}

/// The busy intervals in `data` (one calendar object resource at `href`) within `window`, keyed
/// by `href` and start, with dates and floating times in `zone`.
///
/// # Errors
/// When `data` is not iCalendar.
pub(super) fn busy_in(
    data: &str,
    href: &str,
    window: TimeRange,
    zone: Zone,
) -> Result<Vec<(String, TimeRange)>, String> {
    let calendar: icalendar::Calendar = data.parse()?;
    let events: Vec<&Event> = calendar.events().collect();
    // Instances of a recurring event changed on their own (or cancelled): they replace the
    // instance at their RECURRENCE-ID.
    let mut moved: HashMap<&str, Vec<Stamp>> = HashMap::new();
    for event in &events {
        let recurrence_id = event
            .properties()
            .get("RECURRENCE-ID")
            .and_then(|p| first(p, zone));
        if let (Some(uid), Some(at)) = (event.get_uid(), recurrence_id) {
            moved.entry(uid).or_default().push(at);
        }
    }
    let mut busy = Vec::new();
    for event in events {
        if !blocks(event) {
            continue;
        }
        let replaced = if event.properties().contains_key("RECURRENCE-ID") {
            &[][..]
        } else {
            event
                .get_uid()
                .and_then(|uid| moved.get(uid))
                .map_or(&[][..], Vec::as_slice)
        };
        for range in occurrences(event, window, zone, replaced)? {
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

/// A wall-clock reading handed to `rrule` as if it were UTC (floating local time).
fn floating(local: NaiveDateTime) -> DateTime<rrule::Tz> {
    local.and_utc().with_timezone(&rrule::Tz::UTC)
}

/// The intervals of `event`'s occurrences that overlap `window`, without those `replaced` by
/// instances of their own.
fn occurrences(
    event: &Event,
    window: TimeRange,
    zone: Zone,
    replaced: &[Stamp],
) -> Result<Vec<TimeRange>, String> {
    let Some(start_prop) = event.properties().get("DTSTART") else {
        return Ok(Vec::new());
    };
    let Some(start) = first(start_prop, zone) else {
        return Err(format!("unreadable DTSTART {:?}", start_prop.value()));
    };
    // The zone the series repeats in, and every other time as its wall clock.
    let here = start.zone;
    let length = length(event, start_prop, start, zone);
    if length.span() <= TimeDelta::zero() {
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
            .map(|at| floating(at.local_in(here)))
            .collect()
    };
    let rdates = extra("RDATE");
    let mut starts: Vec<NaiveDateTime> = if rule.is_none() && rdates.is_empty() {
        vec![start.local]
    } else {
        let first = floating(start.local);
        let mut set = RRuleSet::new(first)
            .set_rdates(rdates)
            .set_exdates(extra("EXDATE"));
        if rule.is_none() {
            set = set.rdate(first);
        }
        if let Some(rule) = rule {
            let rule: RRule<Unvalidated> = floating_until(rule, here)
                .parse()
                .map_err(|e| format!("RRULE: {e}"))?;
            set = set.rrule(rule.validate(first).map_err(|e| format!("RRULE: {e}"))?);
        }
        // The window in wall-clock terms, a day wider on each side than any offset.
        let from = here.wall_clock(window.start()) - length.span() - TimeDelta::days(1);
        let to = here.wall_clock(window.end()) + TimeDelta::days(1);
        set.after(floating(from))
            .before(floating(to))
            .all(MAX_OCCURRENCES)
            .dates
            .into_iter()
            .map(|at| at.naive_utc())
            .collect()
    };
    starts.retain(|local| !replaced.iter().any(|r| r.local_in(here) == *local));
    Ok(starts
        .into_iter()
        .filter_map(|local| length.at(here, local))
        .filter(|r| r.start() < window.end() && r.end() > window.start())
        .collect())
}

/// `rule` with its `UNTIL` as a wall-clock reading in `here` written as floating UTC, the terms
/// the series is expanded in: a UTC `UNTIL` (RFC 5545 when `DTSTART` has a `TZID`) is converted
/// through `here`'s rules, a local one kept, a date taken to its last second.
fn floating_until(rule: &str, here: Zone) -> String {
    let until = |value: &str| -> Option<NaiveDateTime> {
        let value = value.trim();
        if let Some(utc) = value.strip_suffix('Z') {
            let at = NaiveDateTime::parse_from_str(utc, DATE_TIME).ok()?;
            return Some(here.wall_clock(at.and_utc()));
        }
        NaiveDateTime::parse_from_str(value, DATE_TIME)
            .ok()
            .or_else(|| {
                NaiveDate::parse_from_str(value, "%Y%m%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(23, 59, 59))
            })
    };
    rule.split(';')
        .map(|part| match part.split_once('=') {
            Some((key, value)) if key.trim().eq_ignore_ascii_case("UNTIL") => until(value)
                .map_or_else(
                    || part.to_owned(),
                    |local| format!("UNTIL={}Z", local.format(DATE_TIME)),
                ),
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// How long each occurrence lasts: `DTEND − DTSTART`, or `DURATION`, or a day for a date.
fn length(event: &Event, start_prop: &Property, start: Stamp, zone: Zone) -> Length {
    if let Some(end) = event.properties().get("DTEND").and_then(|p| first(p, zone)) {
        return Length::Wall(end.local_in(start.zone) - start.local);
    }
    if let Some(duration) = event.property_value("DURATION").and_then(parse_duration) {
        return if duration.num_seconds() % 86_400 == 0 {
            Length::Wall(duration)
        } else {
            Length::Exact(duration)
        };
    }
    match DatePerhapsTime::from_property(start_prop) {
        Some(DatePerhapsTime::Date(_)) => Length::Wall(TimeDelta::days(1)),
        _ => Length::Exact(TimeDelta::zero()),
    }
}

/// The zone a date-time property is written in: its `TZID` when that is an IANA name, else
/// the calendar's.
fn zone_of(prop: &Property, zone: Zone) -> Zone {
    prop.params()
        .get("TZID")
        .and_then(|tzid| Zone::parse(tzid.value().trim_matches('"').trim_start_matches('/')).ok())
        .unwrap_or(zone)
}

/// A date or date-time property's (first) value.
fn first(prop: &Property, zone: Zone) -> Option<Stamp> {
    values(prop, zone).into_iter().next()
}

/// Every value of a (possibly comma-separated) date or date-time property.
fn values(prop: &Property, zone: Zone) -> Vec<Stamp> {
    let written = zone_of(prop, zone);
    prop.value()
        .split(',')
        .filter_map(|value| {
            let value = value.trim();
            if let Some(utc) = value.strip_suffix('Z') {
                let local = NaiveDateTime::parse_from_str(utc, DATE_TIME).ok()?;
                return Some(Stamp {
                    zone: Zone::UTC,
                    local,
                });
            }
            let local = NaiveDateTime::parse_from_str(value, DATE_TIME)
                .ok()
                .or_else(|| {
                    NaiveDate::parse_from_str(value, "%Y%m%d")
                        .ok()
                        .map(|d| d.and_time(NaiveTime::MIN))
                })?;
            Some(Stamp {
                zone: written,
                local,
            })
        })
        .collect()
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
pub(super) fn calendar_zone(vtimezone: Option<&str>) -> Zone {
    vtimezone
        .into_iter()
        .flat_map(str::lines)
        .find_map(|line| line.trim().strip_prefix("TZID:"))
        .and_then(|tzid| Zone::parse(tzid).ok())
        .unwrap_or(Zone::UTC)
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

    fn read(events: &str, zone: Zone) -> Vec<(String, String)> {
        read_in(events, zone, window())
    }

    fn read_in(events: &str, zone: Zone, window: TimeRange) -> Vec<(String, String)> {
        let data = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n"
        );
        let mut busy: Vec<(String, String)> = busy_in(&data, "/ann/work/a.ics", window, zone)
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
            read(events, Zone::UTC),
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
            read(events, Zone::parse("America/New_York").unwrap()),
            [
                pair("2026-03-19T04:00:00+00:00", "2026-03-20T04:00:00+00:00"),
                pair("2026-03-20T10:00:00+00:00", "2026-03-20T11:30:00+00:00"),
            ]
        );
    }

    #[test]
    fn the_zone_comes_from_the_calendar_timezone_property() {
        let vtimezone = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nEND:VTIMEZONE\r\nEND:VCALENDAR";
        assert_eq!(
            calendar_zone(Some(vtimezone)),
            Zone::parse("Europe/Paris").unwrap()
        );
        assert_eq!(calendar_zone(None), Zone::UTC);
        assert_eq!(
            parse_duration("P1W2DT3H"),
            Some(TimeDelta::hours(24 * 9 + 3))
        );
    }

    fn autumn() -> TimeRange {
        TimeRange::new(
            "2026-10-01T00:00:00Z".parse().unwrap(),
            "2027-01-01T00:00:00Z".parse().unwrap(),
        )
        .unwrap()
    }

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, DATE_TIME).unwrap()
    }

    fn starts(busy: &[(String, String)]) -> Vec<&str> {
        busy.iter().map(|(start, _)| start.as_str()).collect()
    }

    #[test]
    fn vancouver_in_december_2026_is_read_at_utc_minus_seven() {
        // tzdb 2026f: British Columbia stays at UTC−7 from 2026-11-01 (chrono-tz's 2025b says
        // UTC−8, which would put this meeting at 18:00 UTC).
        let vancouver = Zone::parse("America/Vancouver").unwrap();
        assert_eq!(
            vancouver.earliest_instant(local("20261207T100000")),
            "2026-12-07T17:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        let events = "BEGIN:VEVENT\r\nUID:v\r\nDTSTART;TZID=America/Vancouver:20261207T100000\r\n\
DTEND;TZID=America/Vancouver:20261207T110000\r\nEND:VEVENT\r\n";
        assert_eq!(
            read_in(events, Zone::UTC, autumn()),
            [pair(
                "2026-12-07T17:00:00+00:00",
                "2026-12-07T18:00:00+00:00"
            )]
        );
    }

    #[test]
    fn a_weekly_vancouver_series_keeps_nine_local_through_december() {
        let events = "BEGIN:VEVENT\r\nUID:wv\r\nDTSTART;TZID=America/Vancouver:20261019T090000\r\n\
DTEND;TZID=America/Vancouver:20261019T100000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n";
        let busy = read_in(events, Zone::UTC, autumn());
        let days = [
            "10-19", "10-26", "11-02", "11-09", "11-16", "11-23", "11-30", "12-07", "12-14",
            "12-21", "12-28",
        ];
        let expected: Vec<(String, String)> = days
            .iter()
            .map(|d| {
                pair(
                    &format!("2026-{d}T16:00:00+00:00"),
                    &format!("2026-{d}T17:00:00+00:00"),
                )
            })
            .collect();
        assert_eq!(busy, expected);
    }

    #[test]
    fn a_weekly_paris_series_keeps_nine_local_across_the_october_change() {
        let events = "BEGIN:VEVENT\r\nUID:wp\r\nDTSTART;TZID=Europe/Paris:20261012T090000\r\n\
DTEND;TZID=Europe/Paris:20261012T100000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEND:VEVENT\r\n";
        assert_eq!(
            read_in(events, Zone::UTC, autumn()),
            [
                pair("2026-10-12T07:00:00+00:00", "2026-10-12T08:00:00+00:00"),
                pair("2026-10-19T07:00:00+00:00", "2026-10-19T08:00:00+00:00"),
                pair("2026-10-26T08:00:00+00:00", "2026-10-26T09:00:00+00:00"),
                pair("2026-11-02T08:00:00+00:00", "2026-11-02T09:00:00+00:00"),
            ]
        );
    }

    #[test]
    fn an_exdate_removes_exactly_its_occurrence_whether_local_or_utc() {
        let series = |exdate: &str| {
            format!(
                "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=America/Vancouver:20261102T090000\r\n\
DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n{exdate}\r\nEND:VEVENT\r\n"
            )
        };
        let expected = [
            "2026-11-02T16:00:00+00:00",
            "2026-11-16T16:00:00+00:00",
            "2026-11-23T16:00:00+00:00",
        ];
        for exdate in [
            "EXDATE;TZID=America/Vancouver:20261109T090000",
            // The same instant in UTC under 2026f (UTC−7).
            "EXDATE:20261109T160000Z",
        ] {
            let busy = read_in(&series(exdate), Zone::UTC, autumn());
            assert_eq!(starts(&busy), expected, "{exdate}");
        }
        // Under the old UTC−8 the UTC form would name 08:00 local: no occurrence, none removed.
        let busy = read_in(&series("EXDATE:20261109T170000Z"), Zone::UTC, autumn());
        assert_eq!(busy.len(), 4);
    }

    #[test]
    fn a_utc_until_is_honoured_in_the_series_zone() {
        // UNTIL is the instant of the 16 November occurrence (09:00 at UTC−7), inclusive.
        let events = "BEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=America/Vancouver:20261019T090000\r\n\
DTEND;TZID=America/Vancouver:20261019T100000\r\nRRULE:FREQ=WEEKLY;UNTIL=20261116T160000Z\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:p\r\nDTSTART;TZID=Europe/Paris:20261012T090000\r\n\
DTEND;TZID=Europe/Paris:20261012T100000\r\nRRULE:FREQ=WEEKLY;UNTIL=20261102T075959Z\r\n\
END:VEVENT\r\n";
        assert_eq!(
            starts(&read_in(events, Zone::UTC, autumn())),
            [
                "2026-10-12T07:00:00+00:00",
                "2026-10-19T07:00:00+00:00",
                "2026-10-19T16:00:00+00:00",
                "2026-10-26T08:00:00+00:00",
                "2026-10-26T16:00:00+00:00",
                "2026-11-02T16:00:00+00:00",
                "2026-11-09T16:00:00+00:00",
                "2026-11-16T16:00:00+00:00",
            ]
        );
    }

    #[test]
    fn a_moved_instance_in_another_zone_replaces_its_occurrence() {
        // The 9 November occurrence (16:00 UTC) is moved; its RECURRENCE-ID is written in UTC.
        let events = "BEGIN:VEVENT\r\nUID:m\r\nDTSTART;TZID=America/Vancouver:20261102T090000\r\n\
DTEND;TZID=America/Vancouver:20261102T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:m\r\nRECURRENCE-ID:20261109T160000Z\r\n\
DTSTART;TZID=America/Vancouver:20261109T130000\r\nDTEND;TZID=America/Vancouver:20261109T140000\r\n\
END:VEVENT\r\n";
        assert_eq!(
            starts(&read_in(events, Zone::UTC, autumn())),
            [
                "2026-11-02T16:00:00+00:00",
                "2026-11-09T20:00:00+00:00",
                "2026-11-16T16:00:00+00:00",
            ]
        );
    }

    #[test]
    fn an_all_day_event_is_a_local_day_of_the_calendar_zone() {
        let events = "BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20261207\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:e\r\nDTSTART;VALUE=DATE:20261101\r\nRRULE:FREQ=DAILY;UNTIL=20261101\r\nEND:VEVENT\r\n";
        assert_eq!(
            read_in(events, Zone::parse("America/Vancouver").unwrap(), autumn()),
            [
                pair("2026-11-01T07:00:00+00:00", "2026-11-02T07:00:00+00:00"),
                pair("2026-12-07T07:00:00+00:00", "2026-12-08T07:00:00+00:00"),
            ]
        );
    }
}
