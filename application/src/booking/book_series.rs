//! A customer books a recurring series: every occurrence is checked again, then the chosen
//! ones are stored in one transaction.

use domain::{Appointment, BookingRejection, SeriesId};
use uuid::Uuid;

use crate::actor::Actor;
use crate::book_appointment::BookError;
use crate::booking_checks::BookingChecks;
use crate::events::{AppointmentEvent, ChangeKind};
use crate::ports::{IdempotencyKey, SeriesInsertError};
use crate::preview_series::{OccurrenceCheck, SeriesRequest, occurrences};

/// What to do when some occurrences cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesChoice {
    /// Book the free occurrences and skip the others.
    OnlyFree,
    /// Book every occurrence, or none.
    AllOrNone,
}

/// A booked series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesBooking {
    /// The series the booked occurrences share.
    pub series: SeriesId,
    /// The booked occurrences, in order.
    pub booked: Vec<Appointment>,
    /// The occurrences skipped, with their reasons, in order (none on a replay).
    pub skipped: Vec<OccurrenceCheck>,
    /// Whether this repeats an earlier request with the same idempotency key, which booked
    /// nothing new: `booked` is that series as it is now.
    pub replayed: bool,
}

/// Why nothing was booked.
#[derive(Debug, thiserror::Error)]
pub enum BookSeriesError {
    /// As for a single booking: not a customer, unknown or closed service, the idempotency key
    /// used for another request, storage.
    #[error(transparent)]
    Book(#[from] BookError),
    /// All or none was chosen and these occurrences cannot be booked.
    #[error("{} of the occurrences cannot be booked", .0.len())]
    NotAllFree(Vec<OccurrenceCheck>),
    /// No occurrence can be booked.
    #[error("none of the occurrences can be booked")]
    NothingFree,
}

/// Books series. The store inserts the chosen occurrences in one transaction under the same
/// no-overlap guarantee as single bookings, so a series is never partly booked by accident.
pub struct BookSeries {
    checks: BookingChecks,
}

impl BookSeries {
    /// The use case over the booking checks' ports.
    pub fn new(checks: BookingChecks) -> Self {
        Self { checks }
    }

    /// Books `request` for `actor` as `choice` says. An occurrence lost to a concurrent
    /// booking while storing is skipped (only free) or cancels the whole series (all or none).
    /// With `key`, a repeat of an earlier identical request (also one racing this one) returns
    /// the series it booked, marked as replayed, instead of booking a second one.
    ///
    /// # Errors
    /// See [`BookSeriesError`]; [`BookError::KeyReused`] when `key` was used for another
    /// request (a single booking, or another series).
    #[tracing::instrument(skip(self, request, key), fields(customer = %actor.id, service = %request.service))]
    pub async fn run(
        &self,
        actor: &Actor,
        request: &SeriesRequest,
        choice: SeriesChoice,
        key: Option<IdempotencyKey>,
    ) -> Result<SeriesBooking, BookSeriesError> {
        BookingChecks::authorize(actor)?;
        if let Some(earlier) = self.earlier_series(actor, request, key.as_ref()).await? {
            return Ok(earlier);
        }
        let series = SeriesId::from_uuid(Uuid::now_v7());
        let mut chosen = Vec::new();
        let mut skipped = Vec::new();
        for (start, outcome) in occurrences(&self.checks, actor, request, Some(series)).await? {
            match outcome {
                Ok(appointment) => chosen.push(appointment),
                Err(refusal) => skipped.push(OccurrenceCheck {
                    start,
                    refusal: Some(refusal),
                }),
            }
        }
        if !skipped.is_empty() {
            // A concurrent request with the same key may have just booked these very times.
            if let Some(earlier) = self.earlier_series(actor, request, key.as_ref()).await? {
                return Ok(earlier);
            }
            if choice == SeriesChoice::AllOrNone {
                return Err(BookSeriesError::NotAllFree(skipped));
            }
        }
        loop {
            if chosen.is_empty() {
                return Err(BookSeriesError::NothingFree);
            }
            let rows: Vec<_> = chosen
                .iter()
                .map(|a| {
                    let event = AppointmentEvent::new(ChangeKind::Booked, a, a.created_at);
                    (a.clone(), event)
                })
                .collect();
            let inserted = self
                .checks
                .appointments
                .insert_series(&rows, key.clone())
                .await;
            let occurrence = match inserted {
                Ok(()) => {
                    return Ok(SeriesBooking {
                        series,
                        booked: chosen,
                        skipped,
                        replayed: false,
                    });
                }
                Err(SeriesInsertError::Conflict { occurrence }) => {
                    // A concurrent retry with the same key may have won the race.
                    if let Some(earlier) = self.earlier_series(actor, request, key.as_ref()).await?
                    {
                        return Ok(earlier);
                    }
                    occurrence
                }
                Err(SeriesInsertError::Store(e)) => return Err(BookError::Store(e).into()),
            };
            if occurrence >= chosen.len() {
                return Err(BookError::Rejected(BookingRejection::SlotTaken).into());
            }
            let taken = OccurrenceCheck {
                start: chosen.remove(occurrence).session.start(),
                refusal: Some(BookingRejection::SlotTaken),
            };
            if choice == SeriesChoice::AllOrNone {
                return Err(BookSeriesError::NotAllFree(vec![taken]));
            }
            skipped.push(taken);
            skipped.sort_by_key(|o| o.start);
        }
    }

    /// The series an earlier request with `key` booked, if it asked for the same service and
    /// note and each of its occurrences was booked for one of `request`'s starts;
    /// [`BookError::KeyReused`] if the key was used for anything else.
    async fn earlier_series(
        &self,
        actor: &Actor,
        request: &SeriesRequest,
        key: Option<&IdempotencyKey>,
    ) -> Result<Option<SeriesBooking>, BookError> {
        let Some(key) = key else {
            return Ok(None);
        };
        let store = &self.checks.appointments;
        let Some(keyed) = store.by_idempotency_key(actor.id, key).await? else {
            return Ok(None);
        };
        let series = keyed
            .series
            .filter(|_| keyed.service == request.service && keyed.note == request.note)
            .ok_or(BookError::KeyReused)?;
        let zone = self.checks.provider_zone(keyed.provider).await?;
        let starts = request.repeat.starts(zone, request.first);
        let booked = store.series(series).await?;
        if !booked.iter().all(|a| starts.contains(&a.booked_start())) {
            return Err(BookError::KeyReused);
        }
        Ok(Some(SeriesBooking {
            series,
            booked,
            skipped: Vec::new(),
            replayed: true,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book_appointment::tests::{checks, open_for_business};
    use crate::ports::RepoError;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::test_support::*;
    use domain::{Repeat, Role, TimeRange};
    use mockall::predicate::eq;

    fn weekly(count: u8) -> SeriesRequest {
        SeriesRequest {
            service: a_service().build().id,
            first: utc("2026-06-02T10:00:00Z"),
            repeat: Repeat::new(1, count).unwrap(),
            note: None,
        }
    }

    /// Ports where the third week is taken.
    fn third_week_taken() -> MockAppointmentStore {
        let mut appointments = MockAppointmentStore::new();
        appointments.expect_busy().returning(|_, _| {
            Ok(vec![
                TimeRange::new(utc("2026-06-16T10:30:00Z"), utc("2026-06-16T11:00:00Z")).unwrap(),
            ])
        });
        appointments
    }

    #[tokio::test]
    async fn all_free_occurrences_are_inserted_together_in_one_series() {
        let mut p = open_for_business();
        p.appointments
            .expect_insert_series()
            .withf(|rows, key| {
                key.is_none()
                    && rows.len() == 4
                    && rows.iter().all(|(a, event)| {
                        event.kind == ChangeKind::Booked
                            && event.appointment == *a
                            && a.series.is_some()
                            && a.series == rows[0].0.series
                    })
            })
            .times(1)
            .returning(|_, _| Ok(()));
        let booking = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(4),
                SeriesChoice::AllOrNone,
                None,
            )
            .await
            .unwrap();
        assert_eq!(booking.booked.len(), 4);
        assert!(booking.skipped.is_empty());
        assert_eq!(
            booking.booked[3].session.start(),
            utc("2026-06-23T10:00:00Z")
        );
        assert!(
            booking
                .booked
                .iter()
                .all(|a| a.series == Some(booking.series))
        );
    }

    #[tokio::test]
    async fn only_free_skips_the_taken_occurrence() {
        let mut p = open_for_business();
        p.appointments = third_week_taken();
        p.appointments
            .expect_insert_series()
            .withf(|rows, _| rows.len() == 3)
            .times(1)
            .returning(|_, _| Ok(()));
        let booking = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(4),
                SeriesChoice::OnlyFree,
                None,
            )
            .await
            .unwrap();
        assert_eq!(
            booking.skipped,
            vec![OccurrenceCheck {
                start: utc("2026-06-16T10:00:00Z"),
                refusal: Some(BookingRejection::SlotTaken)
            }]
        );
    }

    #[tokio::test]
    async fn all_or_none_books_nothing_when_one_occurrence_is_taken() {
        let mut p = open_for_business();
        p.appointments = third_week_taken();
        p.appointments.expect_insert_series().never();
        let result = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(4),
                SeriesChoice::AllOrNone,
                None,
            )
            .await;
        assert!(
            matches!(&result, Err(BookSeriesError::NotAllFree(refused)) if refused.len() == 1),
            "{result:?}"
        );
    }

    #[tokio::test]
    async fn an_occurrence_lost_while_storing_fails_all_or_none() {
        let mut p = open_for_business();
        p.appointments
            .expect_insert_series()
            .times(1)
            .returning(|_, _| Err(SeriesInsertError::Conflict { occurrence: 1 }));
        let result = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(3),
                SeriesChoice::AllOrNone,
                None,
            )
            .await;
        match result {
            Err(BookSeriesError::NotAllFree(refused)) => {
                assert_eq!(refused[0].start, utc("2026-06-09T10:00:00Z"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn an_occurrence_lost_while_storing_is_skipped_when_only_free_ones_are_wanted() {
        let mut p = open_for_business();
        let mut calls = 0;
        p.appointments
            .expect_insert_series()
            .times(2)
            .returning(move |rows, _| {
                calls += 1;
                if calls == 1 {
                    Err(SeriesInsertError::Conflict { occurrence: 0 })
                } else {
                    assert_eq!(rows.len(), 2);
                    Ok(())
                }
            });
        let booking = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(3),
                SeriesChoice::OnlyFree,
                None,
            )
            .await
            .unwrap();
        assert_eq!(booking.booked.len(), 2);
        assert_eq!(booking.skipped[0].start, utc("2026-06-02T10:00:00Z"));
    }

    #[tokio::test]
    async fn nothing_free_books_nothing() {
        let mut p = open_for_business();
        p.appointments = MockAppointmentStore::new();
        p.appointments.expect_busy().returning(|_, _| {
            Ok(vec![
                TimeRange::new(utc("2026-06-01T00:00:00Z"), utc("2026-12-01T00:00:00Z")).unwrap(),
            ])
        });
        p.appointments.expect_insert_series().never();
        let result = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(3),
                SeriesChoice::OnlyFree,
                None,
            )
            .await;
        assert!(matches!(result, Err(BookSeriesError::NothingFree)));
    }

    #[tokio::test]
    async fn only_customers_may_book_a_series() {
        for role in [Role::Provider, Role::Admin, Role::Support] {
            let result = BookSeries::new(checks(open_for_business()))
                .run(
                    &a_user(role).actor(),
                    &weekly(3),
                    SeriesChoice::OnlyFree,
                    None,
                )
                .await;
            assert!(
                matches!(result, Err(BookSeriesError::Book(BookError::Forbidden))),
                "{role:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_store_failure_is_reported() {
        let mut p = open_for_business();
        p.appointments
            .expect_insert_series()
            .returning(|_, _| Err(RepoError::NotFound.into()));
        let result = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(2),
                SeriesChoice::OnlyFree,
                None,
            )
            .await;
        assert!(matches!(
            result,
            Err(BookSeriesError::Book(BookError::Store(RepoError::NotFound)))
        ));
    }

    fn key() -> IdempotencyKey {
        IdempotencyKey::parse("series-1").unwrap()
    }

    /// The series `weekly(count)` booked earlier with `key()`, its first occurrence keyed.
    fn booked_earlier(count: u8) -> Vec<Appointment> {
        let series = Some(SeriesId::from_uuid(Uuid::from_u128(77)));
        (0..count)
            .map(|week| {
                let mut a = an_appointment().starting("2026-06-02T10:00:00Z").build();
                a.id = domain::AppointmentId::from_uuid(Uuid::from_u128(500 + u128::from(week)));
                a.session = TimeRange::starting_at(
                    a.session.start() + chrono::TimeDelta::weeks(week.into()),
                    chrono::TimeDelta::hours(1),
                )
                .unwrap();
                a.blocked = a.session;
                a.series = series;
                a
            })
            .collect()
    }

    /// Ports where `key()` first finds nothing, then (from call `found_from` on) the first
    /// occurrence of `earlier`.
    fn keyed(
        earlier: Vec<Appointment>,
        found_from: usize,
    ) -> crate::book_appointment::tests::Ports {
        let mut p = open_for_business();
        p.appointments = MockAppointmentStore::new();
        p.appointments.expect_busy().returning(|_, _| Ok(vec![]));
        let first = earlier.first().cloned();
        let mut calls = 0;
        p.appointments
            .expect_by_idempotency_key()
            .with(eq(a_customer().build().id), eq(key()))
            .returning(move |_, _| {
                calls += 1;
                Ok(first.clone().filter(|_| calls >= found_from))
            });
        p.appointments
            .expect_series()
            .returning(move |_| Ok(earlier.clone()));
        p
    }

    #[tokio::test]
    async fn the_key_is_stored_with_the_series() {
        let mut p = keyed(vec![], 1);
        p.appointments
            .expect_insert_series()
            .withf(|rows, k| rows.len() == 3 && *k == Some(key()))
            .times(1)
            .returning(|_, _| Ok(()));
        let booking = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(3),
                SeriesChoice::AllOrNone,
                Some(key()),
            )
            .await
            .unwrap();
        assert!(!booking.replayed);
    }

    #[tokio::test]
    async fn a_retry_with_the_same_key_returns_the_series_booked_first() {
        let earlier = booked_earlier(3);
        let mut p = keyed(earlier.clone(), 1);
        p.appointments.expect_insert_series().never();
        let booking = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(3),
                SeriesChoice::OnlyFree,
                Some(key()),
            )
            .await
            .unwrap();
        assert!(booking.replayed);
        assert_eq!(booking.booked, earlier);
        assert_eq!(Some(booking.series), earlier[0].series);
    }

    #[tokio::test]
    async fn a_retry_that_loses_the_race_returns_the_winners_series() {
        let earlier = booked_earlier(3);
        let mut p = keyed(earlier.clone(), 2);
        p.appointments
            .expect_insert_series()
            .times(1)
            .returning(|_, _| Err(SeriesInsertError::Conflict { occurrence: 0 }));
        let booking = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(3),
                SeriesChoice::OnlyFree,
                Some(key()),
            )
            .await
            .unwrap();
        assert!(booking.replayed);
        assert_eq!(booking.booked, earlier);
    }

    #[tokio::test]
    async fn a_retry_that_finds_its_times_taken_by_the_first_returns_the_first_series() {
        let earlier = booked_earlier(3);
        let mut p = open_for_business();
        p.appointments = MockAppointmentStore::new();
        let first = earlier[0].clone();
        let taken: Vec<_> = earlier.iter().map(|a| a.blocked).collect();
        let mut calls = 0;
        p.appointments
            .expect_by_idempotency_key()
            .returning(move |_, _| {
                calls += 1;
                Ok(Some(first.clone()).filter(|_| calls >= 2))
            });
        let listed = earlier.clone();
        p.appointments
            .expect_series()
            .returning(move |_| Ok(listed.clone()));
        p.appointments
            .expect_busy()
            .returning(move |_, _| Ok(taken.clone()));
        p.appointments.expect_insert_series().never();
        let booking = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(3),
                SeriesChoice::AllOrNone,
                Some(key()),
            )
            .await
            .unwrap();
        assert!(booking.replayed);
        assert_eq!(booking.booked, earlier);
    }

    #[tokio::test]
    async fn the_key_of_a_single_booking_is_not_reused_for_a_series() {
        let single = an_appointment().starting("2026-06-02T10:00:00Z").build();
        let mut p = keyed(vec![single], 1);
        p.appointments.expect_insert_series().never();
        let result = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &weekly(3),
                SeriesChoice::OnlyFree,
                Some(key()),
            )
            .await;
        assert!(
            matches!(result, Err(BookSeriesError::Book(BookError::KeyReused))),
            "{result:?}"
        );
    }

    #[tokio::test]
    async fn the_key_of_another_series_is_not_reused() {
        // Booked weekly from 2026-06-02; this request repeats every two weeks.
        let mut p = keyed(booked_earlier(3), 1);
        p.appointments.expect_insert_series().never();
        let mut fortnightly = weekly(3);
        fortnightly.repeat = Repeat::new(2, 3).unwrap();
        let result = BookSeries::new(checks(p))
            .run(
                &a_customer().actor(),
                &fortnightly,
                SeriesChoice::OnlyFree,
                Some(key()),
            )
            .await;
        assert!(
            matches!(result, Err(BookSeriesError::Book(BookError::KeyReused))),
            "{result:?}"
        );
    }
}
