//! The service page's month calendar: which days it needs free times for, and the grid of a
//! month's days (weeks from Monday), each saying how many free times it has.

use chrono::{Datelike as _, Months, NaiveDate, TimeDelta};
use domain::Language;
use serde::Serialize;

use adapters::local_format::LocalFormat;

use crate::present::{arg, say_with};

/// How many months past the current one the calendar goes.
const MONTHS_AHEAD: u32 = 12;

/// The first day of `date`'s month.
pub fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The last day of the month starting on `first`.
fn end_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(first)
}

/// The days (first and last, inclusive) whose free times the page needs: the month of the
/// asked day, else the asked month, else this one; from today on.
pub fn window(
    today: NaiveDate,
    asked_date: Option<NaiveDate>,
    asked_month: Option<NaiveDate>,
) -> (NaiveDate, NaiveDate) {
    let this_month = month_of(today);
    let latest = this_month
        .checked_add_months(Months::new(MONTHS_AHEAD))
        .unwrap_or(this_month);
    let month = match (asked_date, asked_month) {
        (Some(date), _) => month_of(date),
        (None, Some(month)) => month_of(month).clamp(this_month, latest),
        (None, None) => this_month,
    };
    (month.max(today), end_of_month(month))
}

/// The month after the one `window` ends in: where a visitor who asked for nothing is taken
/// when the rest of this month has no free time.
pub fn following(window_end: NaiveDate) -> (NaiveDate, NaiveDate) {
    let next = window_end.succ_opt().unwrap_or(window_end);
    (next, end_of_month(next))
}

/// One day in the grid.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DayCell {
    /// The day of the month; `None` for the padding before the 1st and after the last day.
    day: Option<u32>,
    /// "Thursday 3 December, 4 free times", for screen readers.
    label: String,
    /// Where choosing the day leads, if it has free times.
    url: Option<String>,
    /// Whether it is the day whose times are shown.
    selected: bool,
    /// Whether it is today in the viewer's zone.
    today: bool,
}

/// A month of days for the page.
#[derive(Debug, Serialize)]
pub struct MonthView {
    /// "December 2026".
    title: String,
    /// The previous month's link, unless it is wholly past.
    previous: Option<String>,
    /// The next month's link, within the months the calendar goes.
    next: Option<String>,
    /// Weeks from Monday to Sunday.
    weeks: Vec<Vec<DayCell>>,
}

impl MonthView {
    /// The month of `selected`, each day with its count of free times (`free`) and, if it has
    /// any, its link (`day_url`); `month_url` links other months. Labels are in `language`.
    pub fn build(
        language: &Language,
        today: NaiveDate,
        selected: NaiveDate,
        free: impl Fn(NaiveDate) -> usize,
        day_url: impl Fn(NaiveDate) -> String,
        month_url: impl Fn(NaiveDate) -> String,
    ) -> Self {
        let format = LocalFormat::of(language);
        let first = month_of(selected);
        let last = end_of_month(first);
        let this_month = month_of(today);
        let previous = first
            .checked_sub_months(Months::new(1))
            .filter(|m| *m >= this_month);
        let latest = this_month.checked_add_months(Months::new(MONTHS_AHEAD));
        let next = first
            .checked_add_months(Months::new(1))
            .filter(|m| latest.is_some_and(|latest| *m <= latest));
        let lead = i64::from(first.weekday().num_days_from_monday());
        let start = first - TimeDelta::days(lead);
        let cells: Vec<DayCell> = start
            .iter_days()
            .take_while(|d| *d <= last || d.weekday().num_days_from_monday() != 0)
            .map(|d| {
                if d < first || d > last {
                    return DayCell {
                        day: None,
                        label: String::new(),
                        url: None,
                        selected: false,
                        today: false,
                    };
                }
                let count = if d < today { 0 } else { free(d) };
                let label = say_with(
                    language,
                    "h-book-picker-day",
                    [
                        ("date", arg(&format.day_of_month(d))),
                        ("count", count.into()),
                    ],
                );
                DayCell {
                    day: Some(d.day()),
                    label,
                    url: (count > 0).then(|| day_url(d)),
                    selected: d == selected,
                    today: d == today,
                }
            })
            .collect();
        Self {
            title: format.month(first),
            previous: previous.map(&month_url),
            next: next.map(&month_url),
            weeks: cells.chunks(7).map(<[DayCell]>::to_vec).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn without_a_choice_the_window_is_the_rest_of_this_month_then_the_next() {
        let (first, last) = window(date("2026-12-30"), None, None);
        assert_eq!((first, last), (date("2026-12-30"), date("2026-12-31")));
        assert_eq!(following(last), (date("2027-01-01"), date("2027-01-31")));
    }

    #[test]
    fn an_asked_day_or_month_gives_that_month_from_today_on() {
        let today = date("2026-12-02");
        assert_eq!(
            window(today, Some(date("2026-12-20")), None),
            (today, date("2026-12-31"))
        );
        assert_eq!(
            window(today, None, Some(date("2027-02-01"))),
            (date("2027-02-01"), date("2027-02-28"))
        );
        // Past months and months too far ahead are brought into range.
        assert_eq!(window(today, None, Some(date("2025-01-01"))).0, today);
        assert_eq!(
            window(today, None, Some(date("2030-05-01"))),
            (date("2027-12-01"), date("2027-12-31"))
        );
    }

    #[test]
    fn the_grid_runs_monday_to_sunday_and_links_only_days_with_free_times() {
        let today = date("2026-12-02");
        let view = MonthView::build(
            &adapters::catalogue::source_language(),
            today,
            date("2026-12-03"),
            |d| if d.day() % 2 == 1 { 3 } else { 0 },
            |d| format!("/d/{d}"),
            |m| format!("/m/{m}"),
        );
        assert_eq!(view.title, "December 2026");
        assert_eq!(view.previous, None, "November is past");
        assert_eq!(view.next.as_deref(), Some("/m/2027-01-01"));
        // 1 December 2026 is a Tuesday: one padding day, five weeks in all.
        assert_eq!(view.weeks.len(), 5);
        assert!(view.weeks.iter().all(|w| w.len() == 7));
        assert_eq!(view.weeks[0][0].day, None);
        let first = &view.weeks[0][1];
        assert_eq!(
            first.label, "Tuesday 1 December, no free times",
            "past days offer nothing"
        );
        assert_eq!(first.url, None);
        let third = &view.weeks[0][3];
        assert_eq!(third.label, "Thursday 3 December, 3 free times");
        assert_eq!(third.url.as_deref(), Some("/d/2026-12-03"));
        assert!(third.selected && !third.today);
        assert!(view.weeks[0][2].today);
        assert_eq!(view.weeks[4][3].day, Some(31));
        assert_eq!(view.weeks[4][4].day, None);
    }

    #[test]
    fn the_grid_speaks_the_reader_s_language() {
        let today = date("2026-12-02");
        let de = Language::parse("de").unwrap();
        let view = MonthView::build(
            &de,
            today,
            date("2026-12-03"),
            |_| 1,
            |d| format!("/d/{d}"),
            |m| format!("/m/{m}"),
        );
        assert_eq!(view.title, "Dezember 2026");
        assert_eq!(
            view.weeks[0][3].label,
            "Donnerstag, 3. Dezember, 1 freier Termin"
        );
    }
}
