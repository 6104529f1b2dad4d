//! The customer accepts or declines the place held for them from the waitlist.

use std::sync::Arc;

use domain::{Appointment, AppointmentId, LifecycleError};

use crate::actor::Actor;
use crate::events::{AppointmentEvent, ChangeKind};
use crate::ports::{
    AppointmentStore, Clock, EntryState, Hold, RepoError, ScheduleStore, WaitlistEntry,
    WaitlistStore,
};

/// The customer's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldAnswer {
    /// Book the held place.
    Accept,
    /// Let it go to the next person waiting.
    Decline,
}

/// Why the answer was not taken.
#[derive(Debug, thiserror::Error)]
pub enum AnswerHoldError {
    /// No such hold, or not the actor's.
    #[error("no such held place")]
    NotFound,
    /// The hold expired, was answered differently, or the session has started.
    #[error(transparent)]
    Rejected(#[from] LifecycleError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Settles holds: accepting records a `Booked` event (the usual mails and calendar entry),
/// declining a `HoldReleased` one; either way the entry leaves the waitlist.
pub struct AnswerHold {
    schedules: Arc<dyn ScheduleStore>,
    appointments: Arc<dyn AppointmentStore>,
    waitlist: Arc<dyn WaitlistStore>,
    clock: Arc<dyn Clock>,
}

impl AnswerHold {
    /// The use case over its ports.
    pub fn new(
        schedules: Arc<dyn ScheduleStore>,
        appointments: Arc<dyn AppointmentStore>,
        waitlist: Arc<dyn WaitlistStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            schedules,
            appointments,
            waitlist,
            clock,
        }
    }

    /// Answers the hold `id` (a held appointment) for `actor`, its customer. Repeating an
    /// answer already taken succeeds and changes nothing (a second click on the mailed link).
    ///
    /// # Errors
    /// See [`AnswerHoldError`].
    #[tracing::instrument(skip(self, actor), fields(customer = %actor.id, hold = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: AppointmentId,
        answer: HoldAnswer,
    ) -> Result<Appointment, AnswerHoldError> {
        let entry = self
            .waitlist
            .by_hold(id)
            .await?
            .filter(|e| e.customer == actor.id)
            .ok_or(AnswerHoldError::NotFound)?;
        let mut appointment = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(AnswerHoldError::NotFound)?;
        match (entry.state, answer) {
            (EntryState::Booked, HoldAnswer::Accept)
            | (EntryState::Released, HoldAnswer::Decline) => return Ok(appointment),
            _ => {}
        }
        let now = self.clock.now();
        let revision = appointment.revision;
        let kind = match answer {
            HoldAnswer::Accept => {
                let auto_confirm = self
                    .schedules
                    .get(appointment.provider)
                    .await?
                    .unwrap_or_default()
                    .policy
                    .auto_confirm();
                let expires_at = entry.hold.map_or(now, |h| h.expires_at);
                appointment.accept_hold(auto_confirm, expires_at, now)?;
                ChangeKind::Booked
            }
            HoldAnswer::Decline => {
                appointment.release_hold()?;
                ChangeKind::HoldReleased
            }
        };
        let event = AppointmentEvent::new(kind, &appointment, now);
        settle(&*self.waitlist, &entry, &appointment, revision, &event).await?;
        Ok(appointment)
    }
}

impl AnswerHold {
    /// The hold of appointment `id` still waiting for `actor`'s answer, if `actor` is its
    /// customer.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn pending(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<Option<Hold>, RepoError> {
        Ok(self
            .waitlist
            .by_hold(id)
            .await?
            .filter(|e| e.customer == actor.id && e.state == EntryState::Offered)
            .and_then(|e| e.hold))
    }
}

/// Writes the settled hold of `entry`; a hold someone else settled meanwhile (the expiry
/// worker, a second click) is no longer on hold.
pub(crate) async fn settle(
    waitlist: &dyn WaitlistStore,
    entry: &WaitlistEntry,
    appointment: &Appointment,
    revision: u32,
    event: &AppointmentEvent,
) -> Result<(), AnswerHoldError> {
    match waitlist
        .settle(entry.id, appointment, revision, event)
        .await
    {
        Err(RepoError::Stale) => Err(LifecycleError::NotOnHold.into()),
        other => Ok(other?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::waitlist::MockWaitlistStore;
    use crate::test_support::*;
    use chrono::{NaiveDate, NaiveTime};
    use domain::{AppointmentStatus, WaitWindow, WaitlistEntryId, Zone};
    use uuid::Uuid;

    fn entry(state: EntryState, expires_at: &str) -> WaitlistEntry {
        let day = "2026-06-03".parse::<NaiveDate>().unwrap();
        let time = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        WaitlistEntry {
            id: WaitlistEntryId::from_uuid(Uuid::from_u128(70)),
            service: a_service().build().id,
            provider: a_provider().build().id,
            customer: a_customer().build().id,
            window: WaitWindow::new(day, day, time(9), time(12), Zone::UTC).unwrap(),
            joined_at: utc(NOW),
            state,
            hold: Some(Hold {
                appointment: an_appointment().build().id,
                expires_at: utc(expires_at),
            }),
        }
    }

    fn use_case(entry: WaitlistEntry, waitlist: MockWaitlistStore) -> AnswerHold {
        let mut waitlist = waitlist;
        waitlist
            .expect_by_hold()
            .returning(move |_| Ok(Some(entry.clone())));
        let mut appointments = MockAppointmentStore::new();
        appointments.expect_by_id().returning(|_| {
            Ok(Some(
                an_appointment()
                    .with_status(AppointmentStatus::Held)
                    .build(),
            ))
        });
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(|_| Ok(Some(nine_to_five())));
        AnswerHold::new(
            Arc::new(schedules),
            Arc::new(appointments),
            Arc::new(waitlist),
            clock_at(NOW),
        )
    }

    #[tokio::test]
    async fn accepting_a_live_hold_books_it_with_a_booked_event() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_settle()
            .withf(|_, a, rev, e| a.status.is_active() && *rev == 3 && e.kind == ChangeKind::Booked)
            .times(1)
            .returning(|_, _, _, _| Ok(()));
        let booked = use_case(entry(EntryState::Offered, "2026-06-01T10:00:00Z"), waitlist)
            .run(
                &a_customer().actor(),
                an_appointment().build().id,
                HoldAnswer::Accept,
            )
            .await
            .unwrap();
        assert_eq!(booked.revision, 4);
    }

    #[tokio::test]
    async fn declining_releases_the_place_with_a_hold_released_event() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_settle()
            .withf(|_, a, _, e| {
                a.status == AppointmentStatus::Released && e.kind == ChangeKind::HoldReleased
            })
            .times(1)
            .returning(|_, _, _, _| Ok(()));
        use_case(entry(EntryState::Offered, "2026-06-01T10:00:00Z"), waitlist)
            .run(
                &a_customer().actor(),
                an_appointment().build().id,
                HoldAnswer::Decline,
            )
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn an_expired_hold_cannot_be_accepted() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist.expect_settle().never();
        let result = use_case(entry(EntryState::Offered, NOW), waitlist)
            .run(
                &a_customer().actor(),
                an_appointment().build().id,
                HoldAnswer::Accept,
            )
            .await;
        assert!(matches!(
            result,
            Err(AnswerHoldError::Rejected(LifecycleError::NotOnHold))
        ));
    }

    #[tokio::test]
    async fn only_the_customer_answers_and_a_repeated_answer_changes_nothing() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist.expect_settle().never();
        let uc = use_case(entry(EntryState::Booked, "2026-06-01T10:00:00Z"), waitlist);
        let id = an_appointment().build().id;
        for actor in [another_customer().actor(), a_provider().actor()] {
            assert!(matches!(
                uc.run(&actor, id, HoldAnswer::Accept).await,
                Err(AnswerHoldError::NotFound)
            ));
        }
        uc.run(&a_customer().actor(), id, HoldAnswer::Accept)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_hold_settled_meanwhile_is_no_longer_on_hold() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_settle()
            .returning(|_, _, _, _| Err(RepoError::Stale));
        let result = use_case(entry(EntryState::Offered, "2026-06-01T10:00:00Z"), waitlist)
            .run(
                &a_customer().actor(),
                an_appointment().build().id,
                HoldAnswer::Accept,
            )
            .await;
        assert!(matches!(
            result,
            Err(AnswerHoldError::Rejected(LifecycleError::NotOnHold))
        ));
    }
}
