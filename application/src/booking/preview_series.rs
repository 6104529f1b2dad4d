//! A customer sees, before booking a recurring series, which of its occurrences are free and
//! why the others are not.

use chrono::{DateTime, Utc};
use domain::{Appointment, BookingRejection, Note, Repeat, SeriesId, ServiceId};

use crate::actor::Actor;
use crate::book_appointment::BookError;
use crate::booking_checks::{Booker, BookingChecks};

/// A series the customer asks about: the first start (one of the offered slots), then the same
/// local time every few weeks.
#[derive(Debug, Clone)]
pub struct SeriesRequest {
    /// The service to book.
    pub service: ServiceId,
    /// The first occurrence's start.
    pub first: DateTime<Utc>,
    /// How it repeats.
    pub repeat: Repeat,
    /// A note to the provider, on every occurrence.
    pub note: Option<Note>,
}

/// One occurrence of a series and whether it can be booked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccurrenceCheck {
    /// Its start.
    pub start: DateTime<Utc>,
    /// Why it cannot be booked; `None` when it is free.
    pub refusal: Option<BookingRejection>,
}

/// Checks every occurrence of a series as a single booking would be checked.
pub struct PreviewSeries {
    checks: BookingChecks,
}

impl PreviewSeries {
    /// The use case over the booking checks' ports.
    pub fn new(checks: BookingChecks) -> Self {
        Self { checks }
    }

    /// The occurrences of `request`, in order, each free or with the reason it is not.
    ///
    /// # Errors
    /// [`BookError::Forbidden`] for anyone but a customer, [`BookError::UnknownService`],
    /// [`BookError::Rejected`] with `Unavailable` for a closed service, [`BookError::Store`].
    #[tracing::instrument(skip(self, request), fields(customer = %actor.id, service = %request.service))]
    pub async fn run(
        &self,
        actor: &Actor,
        request: &SeriesRequest,
    ) -> Result<Vec<OccurrenceCheck>, BookError> {
        let checked = occurrences(&self.checks, actor, request, None).await?;
        Ok(checked
            .into_iter()
            .map(|(start, outcome)| OccurrenceCheck {
                start,
                refusal: outcome.err(),
            })
            .collect())
    }
}

/// Each occurrence's start with the appointment it would be (in `series`), or why not.
pub(crate) async fn occurrences(
    checks: &BookingChecks,
    actor: &Actor,
    request: &SeriesRequest,
    series: Option<SeriesId>,
) -> Result<Vec<(DateTime<Utc>, Result<Appointment, BookingRejection>)>, BookError> {
    BookingChecks::authorize(actor)?;
    let bookable = checks.open_service(request.service).await?;
    let starts = request.repeat.starts(bookable.provider.zone, request.first);
    let booker = Booker {
        customer: actor.id,
        note: request.note.as_ref(),
        series,
    };
    let checked = checks.check_all(&bookable, &booker, &starts).await?;
    Ok(starts.into_iter().zip(checked).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book_appointment::tests::{checks, open_for_business};
    use crate::ports::appointments::MockAppointmentStore;
    use crate::test_support::*;
    use domain::{Role, TimeRange};

    fn weekly(first: &str, count: u8) -> SeriesRequest {
        SeriesRequest {
            service: a_service().build().id,
            first: utc(first),
            repeat: Repeat::new(1, count).unwrap(),
            note: None,
        }
    }

    #[tokio::test]
    async fn each_occurrence_is_free_or_says_why_not() {
        let mut p = open_for_business();
        p.appointments = MockAppointmentStore::new();
        // One read of busy time for the whole series; the third week is taken.
        p.appointments.expect_busy().times(1).returning(|_, _| {
            Ok(vec![
                TimeRange::new(utc("2026-06-16T10:30:00Z"), utc("2026-06-16T11:00:00Z")).unwrap(),
            ])
        });
        let preview = PreviewSeries::new(checks(p))
            .run(&a_customer().actor(), &weekly("2026-06-02T10:00:00Z", 10))
            .await
            .unwrap();
        assert_eq!(preview.len(), 10);
        assert_eq!(preview[1].start, utc("2026-06-09T10:00:00Z"));
        assert_eq!(preview[0].refusal, None);
        assert_eq!(preview[2].refusal, Some(BookingRejection::SlotTaken));
        // nine_to_five books at most 60 days ahead: 2026-07-31 08:00.
        assert_eq!(preview[8].refusal, None);
        assert_eq!(
            preview[9].refusal,
            Some(BookingRejection::TooFarAhead { days: 60 })
        );
    }

    #[tokio::test]
    async fn a_class_is_not_booked_as_a_series() {
        let mut p = open_for_business();
        p.services = crate::ports::services::MockServiceStore::new();
        p.services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().with_capacity(8).build())));
        p.appointments = MockAppointmentStore::new();
        p.appointments.expect_busy().never();
        let preview = PreviewSeries::new(checks(p))
            .run(&a_customer().actor(), &weekly("2026-06-02T10:00:00Z", 3))
            .await
            .unwrap();
        assert_eq!(preview.len(), 3);
        assert!(
            preview
                .iter()
                .all(|o| o.refusal == Some(BookingRejection::OneClassAtATime))
        );
    }

    #[tokio::test]
    async fn only_customers_may_preview_a_series() {
        for role in [Role::Provider, Role::Admin, Role::Support] {
            let result = PreviewSeries::new(checks(open_for_business()))
                .run(&a_user(role).actor(), &weekly("2026-06-02T10:00:00Z", 3))
                .await;
            assert!(matches!(result, Err(BookError::Forbidden)), "{role:?}");
        }
    }

    #[tokio::test]
    async fn occurrences_keep_the_providers_local_time() {
        let mut p = open_for_business();
        p.users = crate::ports::users::MockUserStore::new();
        p.users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().in_zone("America/New_York").build())));
        // 2026-10-27 10:00 EDT, then 10:00 EST after the change on 2026-11-01 (both beyond
        // the horizon, which does not change where they fall).
        let preview = PreviewSeries::new(checks(p))
            .run(&a_customer().actor(), &weekly("2026-10-27T14:00:00Z", 2))
            .await
            .unwrap();
        assert_eq!(preview[1].start, utc("2026-11-03T15:00:00Z"));
    }
}
