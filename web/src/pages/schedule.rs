//! The provider's schedule editor: weekly hours with several intervals a day, date overrides
//! (a day off or special hours) and the booking policy.

use std::collections::BTreeMap;

use application::Actor;
use application::get_schedule::{GetScheduleError, ProviderSchedule};
use application::set_booking_policy::SetBookingPolicyError;
use application::set_date_override::{DateOverride, SetDateOverrideError};
use application::set_weekly_hours::SetWeeklyHoursError;
use chrono::NaiveDate;
use domain::{DayHours, Language, ScheduleError, WallInterval, WeeklyHours};
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use poem::{Response, handler};
use serde::{Deserialize, Serialize};

use super::policy_form::{PolicyErrors, PolicyForm};
use super::{PageResult, arg, forbidden_said, internal, language_of, redirect, say, say_with};
use crate::guards::Provider;
use crate::refusals::schedule_error;
use crate::render::Layout;
use crate::state::SharedState;

const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Empty interval rows offered per day beyond the filled ones (at least this many in all).
const MIN_ROWS: usize = 3;

/// One interval row of the weekly form, as typed.
#[derive(Debug, Clone, Default, Serialize)]
struct IntervalRow {
    start: String,
    end: String,
    error: Option<String>,
}

/// One weekday of the weekly form.
#[derive(Debug, Clone, Serialize)]
struct DayRows {
    index: usize,
    name: &'static str,
    rows: Vec<IntervalRow>,
    error: Option<String>,
}

fn rows_of(hours: &DayHours) -> Vec<IntervalRow> {
    hours
        .intervals()
        .iter()
        .map(|i| IntervalRow {
            start: i.start_text(),
            end: i.end_text(),
            error: None,
        })
        .collect()
}

/// Pads each day with blank rows so a day can gain intervals without scripts.
fn padded(mut days: Vec<DayRows>) -> Vec<DayRows> {
    for day in &mut days {
        let wanted = (day.rows.len() + 1).max(MIN_ROWS);
        day.rows.resize_with(wanted, IntervalRow::default);
    }
    days
}

fn weekly_rows(weekly: &WeeklyHours) -> Vec<DayRows> {
    use chrono::Weekday;
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    weekdays
        .iter()
        .enumerate()
        .map(|(index, &day)| DayRows {
            index,
            name: DAY_NAMES[index],
            rows: rows_of(weekly.on(day)),
            error: None,
        })
        .collect()
}

/// Reads the weekly form's `d{day}_s{row}` / `d{day}_e{row}` fields back into rows.
fn typed_rows(fields: &[(String, String)]) -> Vec<DayRows> {
    let mut typed: [BTreeMap<usize, IntervalRow>; 7] = Default::default();
    for (key, value) in fields {
        let Some(rest) = key.strip_prefix('d') else {
            continue;
        };
        let Some((day, rest)) = rest.split_once('_') else {
            continue;
        };
        let (Ok(day), Some(kind), Ok(row)) = (
            day.parse::<usize>(),
            rest.chars().next(),
            rest.get(1..).unwrap_or_default().parse::<usize>(),
        ) else {
            continue;
        };
        let Some(slot) = typed.get_mut(day) else {
            continue;
        };
        let entry = slot.entry(row).or_default();
        match kind {
            's' => value.trim().clone_into(&mut entry.start),
            'e' => value.trim().clone_into(&mut entry.end),
            _ => {}
        }
    }
    typed
        .into_iter()
        .enumerate()
        .map(|(index, rows)| DayRows {
            index,
            name: DAY_NAMES[index],
            rows: rows.into_values().collect(),
            error: None,
        })
        .collect()
}

/// Validates every row and day; on any problem, the rows come back with their messages (in
/// `language`).
fn parse_weekly(mut days: Vec<DayRows>, language: &Language) -> Result<WeeklyHours, Vec<DayRows>> {
    let mut parsed: Vec<DayHours> = Vec::with_capacity(7);
    let mut failed = false;
    for day in &mut days {
        let mut intervals = Vec::new();
        for row in &mut day.rows {
            match (row.start.is_empty(), row.end.is_empty()) {
                (true, true) => {}
                (false, false) => match WallInterval::parse(&row.start, &row.end) {
                    Ok(interval) => intervals.push(interval),
                    Err(e) => {
                        row.error = Some(schedule_error(language, &e));
                        failed = true;
                    }
                },
                _ => {
                    row.error = Some(say(language, "h-acct-schedule-start-and-end"));
                    failed = true;
                }
            }
        }
        match DayHours::new(intervals) {
            Ok(hours) => parsed.push(hours),
            Err(e) => {
                let message = schedule_error(language, &e);
                // The message goes next to the row of the later interval.
                let culprit = match &e {
                    ScheduleError::Overlap { second, .. } => Some(*second),
                    _ => None,
                };
                let target = culprit.and_then(|second| {
                    day.rows
                        .iter_mut()
                        .find(|r| WallInterval::parse(&r.start, &r.end).is_ok_and(|i| i == second))
                });
                match target {
                    Some(row) => row.error = Some(message),
                    None => day.error = Some(message),
                }
                failed = true;
                parsed.push(DayHours::closed());
            }
        }
    }
    if failed {
        return Err(days);
    }
    let days: [DayHours; 7] = parsed.try_into().map_err(|_| Vec::new())?;
    Ok(WeeklyHours::new(days))
}

#[derive(Serialize)]
struct OverrideRow {
    date: String,
    label: String,
    hours: String,
}

/// The add-an-override form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct OverrideForm {
    date: String,
    kind: String,
    s0: String,
    e0: String,
    s1: String,
    e1: String,
    action: String,
}

#[derive(Debug, Default, Serialize)]
struct OverrideErrors {
    date: Option<String>,
    hours: Option<String>,
}

#[derive(Serialize)]
struct SchedulePage<'a> {
    zone: String,
    days: Vec<DayRows>,
    overrides: Vec<OverrideRow>,
    override_form: &'a OverrideForm,
    override_errors: OverrideErrors,
    policy: PolicyForm,
    policy_errors: PolicyErrors,
}

/// What a failed form puts back on the page; the other sections show what is stored.
#[derive(Default)]
struct Retry<'a> {
    days: Option<Vec<DayRows>>,
    override_form: Option<&'a OverrideForm>,
    override_errors: OverrideErrors,
    policy: Option<(PolicyForm, PolicyErrors)>,
}

async fn stored(state: &SharedState, actor: &Actor) -> Result<ProviderSchedule, poem::Error> {
    match state.use_cases.get_schedule.run(actor, actor.id).await {
        Ok(found) => Ok(found),
        Err(e @ (GetScheduleError::Forbidden | GetScheduleError::UnknownProvider)) => {
            Err(internal(&e, "a provider cannot read their own schedule"))
        }
        Err(GetScheduleError::Store(e)) => Err(internal(&e, "reading a schedule failed")),
    }
}

async fn page_response(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    status: StatusCode,
    retry: Retry<'_>,
) -> PageResult {
    let current = stored(state, actor).await?;
    let language = language_of(layout);
    let blank = OverrideForm {
        kind: "closed".to_owned(),
        ..OverrideForm::default()
    };
    let (policy, policy_errors) = retry.policy.unwrap_or_else(|| {
        (
            PolicyForm::of(&current.schedule.policy),
            PolicyErrors::default(),
        )
    });
    let page = SchedulePage {
        zone: current.zone.name().to_owned(),
        days: padded(
            retry
                .days
                .unwrap_or_else(|| weekly_rows(&current.schedule.weekly)),
        ),
        overrides: current
            .schedule
            .overrides
            .iter()
            .map(|(date, hours)| OverrideRow {
                date: date.to_string(),
                label: crate::present::day_in(&language, *date),
                hours: if hours.is_closed() {
                    "Closed".to_owned()
                } else {
                    hours
                        .intervals()
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            })
            .collect(),
        override_form: retry.override_form.unwrap_or(&blank),
        override_errors: retry.override_errors,
        policy,
        policy_errors,
    };
    Ok(state
        .templates
        .respond(status, "schedule.html", layout, &page))
}

/// What was just saved, for the notice.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    done: String,
}

/// `GET /provider/schedule`.
#[handler]
pub async fn show(
    state: Data<&SharedState>,
    Provider { actor, mut layout }: Provider,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let notice = match query.done.as_str() {
        "hours" => Some("h-acct-schedule-done-hours"),
        "override" => Some("h-acct-schedule-done-override"),
        "policy" => Some("h-acct-schedule-done-policy"),
        _ => None,
    };
    if let Some(notice) = notice {
        let notice = say(&language_of(&layout), notice);
        layout = layout.with_notice(notice);
    }
    page_response(&state, &layout, &actor, StatusCode::OK, Retry::default()).await
}

fn refused(state: &SharedState, layout: &Layout) -> Response {
    forbidden_said(
        state,
        layout,
        "h-acct-not-yours-title",
        "h-acct-schedule-not-yours-message",
    )
}

/// `POST /provider/schedule/hours`: replaces the weekly hours.
#[handler]
pub async fn save_hours(
    state: Data<&SharedState>,
    Provider { actor, layout }: Provider,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult {
    let language = language_of(&layout);
    let weekly = match parse_weekly(typed_rows(&fields), &language) {
        Ok(weekly) => weekly,
        Err(days) => {
            let retry = Retry {
                days: Some(days),
                ..Retry::default()
            };
            let layout = layout.with_notice(say(&language, "h-acct-schedule-hours-invalid"));
            return page_response(
                &state,
                &layout,
                &actor,
                StatusCode::UNPROCESSABLE_ENTITY,
                retry,
            )
            .await;
        }
    };
    match state
        .use_cases
        .set_weekly_hours
        .run(&actor, actor.id, weekly)
        .await
    {
        Ok(_) => Ok(redirect("/provider/schedule?done=hours")),
        Err(SetWeeklyHoursError::Forbidden | SetWeeklyHoursError::UnknownProvider) => {
            Ok(refused(&state, &layout))
        }
        Err(SetWeeklyHoursError::Store(e)) => Err(internal(&e, "saving hours failed")),
    }
}

/// The override the form describes, or messages for its fields (in `language`).
fn parse_override(
    form: &OverrideForm,
    language: &Language,
) -> Result<(NaiveDate, DateOverride), OverrideErrors> {
    let mut errors = OverrideErrors::default();
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_err(|_| errors.date = Some(say(language, "h-acct-schedule-choose-date")))
        .ok();
    let change = if form.action == "remove" {
        Some(DateOverride::Remove)
    } else if form.kind == "hours" {
        let mut intervals = Vec::new();
        for (start, end) in [(&form.s0, &form.e0), (&form.s1, &form.e1)] {
            if start.trim().is_empty() && end.trim().is_empty() {
                continue;
            }
            match WallInterval::parse(start, end) {
                Ok(interval) => intervals.push(interval),
                Err(e) => {
                    errors.hours = Some(schedule_error(language, &e));
                }
            }
        }
        if intervals.is_empty() && errors.hours.is_none() {
            errors.hours = Some(say(language, "h-acct-schedule-override-hours-missing"));
        }
        if errors.hours.is_none() {
            DayHours::new(intervals)
                .map_err(|e| errors.hours = Some(schedule_error(language, &e)))
                .ok()
                .map(DateOverride::Hours)
        } else {
            None
        }
    } else {
        Some(DateOverride::Closed)
    };
    match (date, change) {
        (Some(date), Some(change)) => Ok((date, change)),
        _ => Err(errors),
    }
}

/// `POST /provider/schedule/overrides`: adds (or, with `action=remove`, removes) a date's
/// special hours or day off.
#[handler]
pub async fn save_override(
    state: Data<&SharedState>,
    Provider { actor, layout }: Provider,
    Form(form): Form<OverrideForm>,
) -> PageResult {
    let language = language_of(&layout);
    let errors = match parse_override(&form, &language) {
        Ok((date, change)) => match state
            .use_cases
            .set_date_override
            .run(&actor, actor.id, date, change)
            .await
        {
            Ok(_) => return Ok(redirect("/provider/schedule?done=override")),
            Err(SetDateOverrideError::DateInPast(day)) => OverrideErrors {
                date: Some(say_with(
                    &language,
                    "h-acct-schedule-date-past",
                    [("date", arg(&day))],
                )),
                hours: None,
            },
            Err(SetDateOverrideError::DateTooFarAhead { max_days }) => OverrideErrors {
                date: Some(say_with(
                    &language,
                    "h-acct-schedule-date-too-far",
                    [("max_days", arg(&max_days))],
                )),
                hours: None,
            },
            Err(SetDateOverrideError::Forbidden | SetDateOverrideError::UnknownProvider) => {
                return Ok(refused(&state, &layout));
            }
            Err(SetDateOverrideError::Store(e)) => {
                return Err(internal(&e, "saving a date override failed"));
            }
        },
        Err(errors) => errors,
    };
    let retry = Retry {
        override_form: Some(&form),
        override_errors: errors,
        ..Retry::default()
    };
    page_response(
        &state,
        &layout,
        &actor,
        StatusCode::UNPROCESSABLE_ENTITY,
        retry,
    )
    .await
}

/// `POST /provider/schedule/policy`: replaces the booking policy.
#[handler]
pub async fn save_policy(
    state: Data<&SharedState>,
    Provider { actor, layout }: Provider,
    Form(form): Form<PolicyForm>,
) -> PageResult {
    let policy = match form.parse() {
        Ok(policy) => policy,
        Err(errors) => {
            let retry = Retry {
                policy: Some((form, *errors)),
                ..Retry::default()
            };
            return page_response(
                &state,
                &layout,
                &actor,
                StatusCode::UNPROCESSABLE_ENTITY,
                retry,
            )
            .await;
        }
    };
    match state
        .use_cases
        .set_booking_policy
        .run(&actor, actor.id, policy)
        .await
    {
        Ok(_) => Ok(redirect("/provider/schedule?done=policy")),
        Err(SetBookingPolicyError::Forbidden | SetBookingPolicyError::UnknownProvider) => {
            Ok(refused(&state, &layout))
        }
        Err(SetBookingPolicyError::Store(e)) => Err(internal(&e, "saving a policy failed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Language {
        Language::parse("en").unwrap()
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn two_intervals_on_a_day_are_read_in_any_row_order() {
        let typed = typed_rows(&fields(&[
            ("d0_s1", "13:00"),
            ("d0_e1", "17:00"),
            ("d0_s0", "09:00"),
            ("d0_e0", "12:00"),
            ("csrf_token", "x"),
        ]));
        let weekly = parse_weekly(typed, &english()).unwrap();
        assert_eq!(weekly.on(chrono::Weekday::Mon).intervals().len(), 2);
        assert!(weekly.on(chrono::Weekday::Tue).is_closed());
    }

    #[test]
    fn an_overlap_is_reported_on_the_later_row_with_the_values_kept() {
        let typed = typed_rows(&fields(&[
            ("d2_s0", "09:00"),
            ("d2_e0", "12:00"),
            ("d2_s1", "11:00"),
            ("d2_e1", "13:00"),
        ]));
        let days = parse_weekly(typed, &english()).unwrap_err();
        let wednesday = &days[2];
        assert!(wednesday.rows[0].error.is_none());
        assert!(
            wednesday.rows[1]
                .error
                .as_deref()
                .unwrap()
                .contains("overlaps")
        );
        assert_eq!(
            wednesday.rows[1].error.as_deref(),
            Some("09:00–12:00 overlaps 11:00–13:00.")
        );
        assert_eq!(wednesday.rows[1].start, "11:00");
    }

    #[test]
    fn a_half_filled_row_is_refused() {
        let days =
            parse_weekly(typed_rows(&fields(&[("d4_s0", "09:00")])), &english()).unwrap_err();
        assert!(days[4].rows[0].error.is_some());
    }

    mod fuzz {
        //! The hours and override forms fed with arbitrary fields: never a panic, and whatever
        //! is accepted is valid hours. 512 cases unless `PROPTEST_CASES` says otherwise.

        use proptest::prelude::*;

        use super::super::{DateOverride, OverrideForm, parse_override, parse_weekly, typed_rows};

        fn config() -> ProptestConfig {
            let cases = std::env::var("PROPTEST_CASES")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(512);
            ProptestConfig::with_cases(cases)
        }

        /// What lands in a time field: times, near-times and anything at all.
        fn value() -> impl Strategy<Value = String> {
            prop_oneof![
                3 => (0u32..=25, 0u32..=60).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
                1 => Just(String::new()),
                1 => any::<String>(),
            ]
        }

        /// Field names of the weekly form, real ones (`d3_s1`) and mangled ones.
        fn key() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => (0usize..=8, prop::sample::select(vec!['s', 'e', 'x']), 0usize..=15)
                    .prop_map(|(d, k, r)| format!("d{d}_{k}{r}")),
                1 => "d[0-9]{0,20}_[se][0-9]{0,25}",
                1 => any::<String>(),
            ]
        }

        proptest! {
            #![proptest_config(config())]

            #[test]
            fn any_weekly_form_is_read_or_refused_without_panicking(
                fields in prop::collection::vec((key(), value()), 0..60),
            ) {
                if let Ok(weekly) = parse_weekly(typed_rows(&fields), &super::english()) {
                    for day in (0u8..7).map(|n| chrono::Weekday::try_from(n).unwrap()) {
                        let intervals = weekly.on(day).intervals();
                        prop_assert!(intervals.len() <= domain::DayHours::MAX_INTERVALS);
                        prop_assert!(intervals.windows(2).all(|w| w[0].end_minutes() <= w[1].start_minutes()));
                    }
                }
            }

            #[test]
            fn any_override_form_is_read_or_refused_without_panicking(
                date in prop_oneof![
                    "[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}",
                    "[+-]?[0-9]{4,6}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
                    any::<String>(),
                ],
                kind in prop::sample::select(vec!["hours", "closed", "", "other"]),
                action in prop::sample::select(vec!["", "remove", "add"]),
                times in (value(), value(), value(), value()),
            ) {
                let form = OverrideForm {
                    date,
                    kind: kind.to_owned(),
                    s0: times.0,
                    e0: times.1,
                    s1: times.2,
                    e1: times.3,
                    action: action.to_owned(),
                };
                let typed_hours = [&form.s0, &form.e0, &form.s1, &form.e1]
                    .iter()
                    .any(|t| !t.trim().is_empty());
                if let Ok((_, change)) = parse_override(&form, &super::english()) {
                    match change {
                        DateOverride::Hours(hours) => {
                            prop_assert!(typed_hours && !hours.is_closed());
                        }
                        DateOverride::Remove => prop_assert_eq!(action, "remove"),
                        DateOverride::Closed => prop_assert!(kind != "hours"),
                    }
                }
            }
        }
    }
}
