//! The provider's week as a time grid (hours down, days across): where each appointment sits.
//! The grid is made of five-minute rows from the first hour shown; on phones the same markup is
//! a plain list.

use chrono::{NaiveTime, Timelike as _};
use serde::Serialize;

/// Minutes per grid row.
const ROW_MINUTES: u32 = 5;
/// The hours always shown, widened to fit every appointment of the week.
const USUAL_HOURS: (u32, u32) = (8, 18);

/// The hours a week's grid spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The first hour shown.
    first_hour: u32,
    /// Grid rows in all.
    rows: u32,
}

/// Where one appointment sits in its day's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The first row (1-based, as CSS grid lines count).
    row: u32,
    /// How many rows it covers (at least one).
    span: u32,
}

impl Span {
    /// The hours covering every `(start, end)` of the week (wall-clock times of their day; an
    /// end at or before its start means the appointment runs past midnight).
    pub fn covering(times: impl IntoIterator<Item = (NaiveTime, NaiveTime)>) -> Self {
        let (mut first, mut last) = USUAL_HOURS;
        for (start, end) in times {
            first = first.min(start.hour());
            let end_minutes = minutes_until(start, end);
            last = last.max(end_minutes.div_ceil(60));
        }
        Self {
            first_hour: first,
            rows: (last - first) * 60 / ROW_MINUTES,
        }
    }

    /// Where an appointment from `start` to `end` sits.
    pub fn place(self, start: NaiveTime, end: NaiveTime) -> Place {
        let offset = minutes_of(start).saturating_sub(self.first_hour * 60);
        let length = minutes_until(start, end) - minutes_of(start);
        Place {
            row: offset / ROW_MINUTES + 1,
            span: length.div_ceil(ROW_MINUTES).max(1),
        }
    }

    /// The hour labels down the side ("08:00", …).
    pub fn hour_labels(self) -> Vec<String> {
        let hours = self.rows * ROW_MINUTES / 60;
        (self.first_hour..self.first_hour + hours)
            .map(|h| format!("{h:02}:00"))
            .collect()
    }
}

fn minutes_of(time: NaiveTime) -> u32 {
    time.hour() * 60 + time.minute()
}

/// Minutes from the day's midnight to `end`, which is on the next day (24:00 at most) when it
/// is not after `start`.
fn minutes_until(start: NaiveTime, end: NaiveTime) -> u32 {
    if end > start {
        minutes_of(end)
    } else {
        24 * 60
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    #[test]
    fn an_empty_week_shows_the_usual_hours() {
        let span = Span::covering([]);
        assert_eq!(
            span.hour_labels().first().map(String::as_str),
            Some("08:00")
        );
        assert_eq!(span.hour_labels().len(), 10);
        assert_eq!(span.rows, 120);
    }

    #[test]
    fn early_and_late_appointments_widen_the_grid_and_sit_on_their_minutes() {
        let span = Span::covering([(t("07:30"), t("08:15")), (t("18:00"), t("19:10"))]);
        assert_eq!((span.first_hour, span.rows), (7, 13 * 12));
        assert_eq!(
            span.place(t("07:30"), t("08:15")),
            Place { row: 7, span: 9 }
        );
        assert_eq!(
            span.place(t("18:00"), t("19:10")),
            Place { row: 133, span: 14 }
        );
    }

    #[test]
    fn an_appointment_past_midnight_ends_the_grid_at_midnight() {
        let span = Span::covering([(t("23:00"), t("00:30"))]);
        assert_eq!(span.rows, 16 * 12);
        assert_eq!(
            span.place(t("23:00"), t("00:30")),
            Place { row: 181, span: 12 }
        );
    }
}
