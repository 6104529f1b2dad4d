//! A customer books a recurring series: every occurrence is checked again, then the chosen
//! ones are stored in one transaction.

use domain::{Appointment, BookingRejection, SeriesId};
use uuid::Uuid;

use crate::actor::Actor;
use crate::book_appointment::BookError;
use crate::booking_checks::BookingChecks;
use crate::events::{AppointmentEvent, ChangeKind};
use crate::ports::SeriesInsertError;
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
    /// The occurrences skipped, with their reasons, in order.
    pub skipped: Vec<OccurrenceCheck>,
}

/// Why nothing was booked.
#[derive(Debug, thiserror::Error)]
pub enum BookSeriesError {
    /// As for a single booking: not a customer, unknown or closed service, storage.
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
    ///
    /// # Errors
    /// See [`BookSeriesError`].
    #[tracing::instrument(skip(self, request), fields(customer = %actor.id, service = %request.service))]
    pub async fn run(
        &self,
        actor: &Actor,
        request: &SeriesRequest,
        choice: SeriesChoice,
    ) -> Result<SeriesBooking, BookSeriesError> {
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
        if choice == SeriesChoice::AllOrNone && !skipped.is_empty() {
            return Err(BookSeriesError::NotAllFree(skipped));
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
            let occurrence = match self.checks.appointments.insert_series(&rows).await {
                Ok(()) => {
                    return Ok(SeriesBooking {
                        series,
                        booked: chosen,
                        skipped,
                    });
                }
                Err(SeriesInsertError::Conflict { occurrence }) if occurrence < chosen.len() => {
                    occurrence
                }
                Err(SeriesInsertError::Conflict { .. }) => {
                    return Err(BookError::Rejected(BookingRejection::SlotTaken).into());
                }
                Err(SeriesInsertError::Store(e)) => return Err(BookError::Store(e).into()),
            };
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book_appointment::tests::{checks, open_for_business};
    use crate::ports::RepoError;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::test_support::*;
    use domain::{Repeat, Role, TimeRange};

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
            .withf(|rows| {
                rows.len() == 4
                    && rows.iter().all(|(a, event)| {
                        event.kind == ChangeKind::Booked
                            && event.appointment == *a
                            && a.series.is_some()
                            && a.series == rows[0].0.series
                    })
            })
            .times(1)
            .returning(|_| Ok(()));
        let booking = BookSeries::new(checks(p))
            .run(&a_customer().actor(), &weekly(4), SeriesChoice::AllOrNone)
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
            .withf(|rows| rows.len() == 3)
            .times(1)
            .returning(|_| Ok(()));
        let booking = BookSeries::new(checks(p))
            .run(&a_customer().actor(), &weekly(4), SeriesChoice::OnlyFree)
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
            .run(&a_customer().actor(), &weekly(4), SeriesChoice::AllOrNone)
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
            .returning(|_| Err(SeriesInsertError::Conflict { occurrence: 1 }));
        let result = BookSeries::new(checks(p))
            .run(&a_customer().actor(), &weekly(3), SeriesChoice::AllOrNone)
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
            .returning(move |rows| {
                calls += 1;
                if calls == 1 {
                    Err(SeriesInsertError::Conflict { occurrence: 0 })
                } else {
                    assert_eq!(rows.len(), 2);
                    Ok(())
                }
            });
        let booking = BookSeries::new(checks(p))
            .run(&a_customer().actor(), &weekly(3), SeriesChoice::OnlyFree)
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
            .run(&a_customer().actor(), &weekly(3), SeriesChoice::OnlyFree)
            .await;
        assert!(matches!(result, Err(BookSeriesError::NothingFree)));
    }

    #[tokio::test]
    async fn only_customers_may_book_a_series() {
        for role in [Role::Provider, Role::Admin, Role::Support] {
            let result = BookSeries::new(checks(open_for_business()))
                .run(&a_user(role).actor(), &weekly(3), SeriesChoice::OnlyFree)
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
            .returning(|_| Err(RepoError::NotFound.into()));
        let result = BookSeries::new(checks(p))
            .run(&a_customer().actor(), &weekly(2), SeriesChoice::OnlyFree)
            .await;
        assert!(matches!(
            result,
            Err(BookSeriesError::Book(BookError::Store(RepoError::NotFound)))
        ));
    }
}
