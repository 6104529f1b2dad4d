//! The customer answers a move their provider made in their own calendar
//! ([`crate::follow_calendar_edits`]): accepting moves the appointment under the provider's
//! booking rules (both sides are mailed as for any move); declining keeps the time, and the
//! worker puts the provider's entry back and tells them.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{Appointment, AppointmentId, LifecycleError, Party, Role};

use crate::actor::Actor;
use crate::ports::{AppointmentStore, Clock, MoveProposal, MoveProposalStore, RepoError};
use crate::reschedule_appointment::{RescheduleAppointment, RescheduleAppointmentError};

/// Why the answer was not taken.
#[derive(Debug, thiserror::Error)]
pub enum AnswerMoveError {
    /// Only the appointment's customer answers (its parties and staff may look).
    #[error("only the customer answers a proposed move")]
    Forbidden,
    /// No such appointment.
    #[error("no such appointment")]
    NotFound,
    /// Nothing to answer: no move was proposed, it was answered, or the appointment changed.
    #[error("there is no proposed move to answer")]
    NoProposal,
    /// The proposed time cannot be booked (taken meanwhile, outside the provider's hours, too
    /// soon); the appointment keeps its time.
    #[error(transparent)]
    Rejected(#[from] LifecycleError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Reads and answers move proposals.
pub struct AnswerMoveProposal {
    appointments: Arc<dyn AppointmentStore>,
    proposals: Arc<dyn MoveProposalStore>,
    reschedule: Arc<RescheduleAppointment>,
    clock: Arc<dyn Clock>,
}

impl AnswerMoveProposal {
    /// The use case over its ports; an accepted move goes through `reschedule`.
    pub fn new(
        appointments: Arc<dyn AppointmentStore>,
        proposals: Arc<dyn MoveProposalStore>,
        reschedule: Arc<RescheduleAppointment>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            appointments,
            proposals,
            reschedule,
            clock,
        }
    }

    /// The move waiting for an answer on appointment `id`, for either party or staff: one
    /// proposed at the appointment's current revision, not declined, still ahead.
    ///
    /// # Errors
    /// [`AnswerMoveError::Forbidden`] for anyone else, [`AnswerMoveError::NotFound`],
    /// [`AnswerMoveError::Store`].
    pub async fn pending(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<Option<MoveProposal>, AnswerMoveError> {
        let appointment = self.appointment(id).await?;
        actor
            .party_in(&appointment)
            .ok_or(AnswerMoveError::Forbidden)?;
        self.open_for(&appointment, self.clock.now()).await
    }

    /// The customer takes the proposed time: the appointment moves there.
    ///
    /// # Errors
    /// See [`AnswerMoveError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, appointment = %id))]
    pub async fn accept(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<Appointment, AnswerMoveError> {
        let (appointment, proposal) = self.answerable(actor, id).await?;
        let provider = Actor::new(appointment.provider, Role::Provider);
        let moved = self
            .reschedule
            .run(&provider, id, proposal.start)
            .await
            .map_err(|e| match e {
                RescheduleAppointmentError::Rejected(rule) => AnswerMoveError::Rejected(rule),
                RescheduleAppointmentError::Store(e) => AnswerMoveError::Store(e),
                RescheduleAppointmentError::NotFound => AnswerMoveError::NotFound,
                RescheduleAppointmentError::Forbidden
                | RescheduleAppointmentError::ChangedMeanwhile => AnswerMoveError::NoProposal,
            })?;
        self.proposals.remove(id).await?;
        Ok(moved)
    }

    /// The customer keeps the time; the worker puts the provider's entry back.
    ///
    /// # Errors
    /// See [`AnswerMoveError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, appointment = %id))]
    pub async fn decline(&self, actor: &Actor, id: AppointmentId) -> Result<(), AnswerMoveError> {
        let (_, proposal) = self.answerable(actor, id).await?;
        if self
            .proposals
            .decline(id, proposal.revision, self.clock.now())
            .await?
        {
            Ok(())
        } else {
            Err(AnswerMoveError::NoProposal)
        }
    }

    async fn appointment(&self, id: AppointmentId) -> Result<Appointment, AnswerMoveError> {
        self.appointments
            .by_id(id)
            .await?
            .ok_or(AnswerMoveError::NotFound)
    }

    /// The appointment and its open proposal, if `actor` is its customer.
    async fn answerable(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<(Appointment, MoveProposal), AnswerMoveError> {
        let appointment = self.appointment(id).await?;
        if actor.party_in(&appointment) != Some(Party::Customer) {
            return Err(AnswerMoveError::Forbidden);
        }
        let proposal = self
            .open_for(&appointment, self.clock.now())
            .await?
            .ok_or(AnswerMoveError::NoProposal)?;
        Ok((appointment, proposal))
    }

    async fn open_for(
        &self,
        appointment: &Appointment,
        now: DateTime<Utc>,
    ) -> Result<Option<MoveProposal>, AnswerMoveError> {
        let open = appointment.status.is_active() && appointment.session.start() > now;
        Ok(self.proposals.get(appointment.id).await?.filter(|p| {
            open && p.revision == appointment.revision && p.declined_at.is_none() && p.start > now
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChangeKind;
    use crate::external_busy::ExternalBusy;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::move_proposals::MockMoveProposalStore;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    /// Thursday 14:00, inside the provider's hours and free.
    const PROPOSED: &str = "2026-06-04T14:00:00Z";

    fn a_proposal() -> MoveProposal {
        MoveProposal::new(an_appointment().build().id, 3, utc(PROPOSED), utc(NOW))
    }

    fn use_case(
        mut appointments: MockAppointmentStore,
        proposals: MockMoveProposalStore,
    ) -> AnswerMoveProposal {
        appointments
            .expect_by_id()
            .returning(|_| Ok(Some(an_appointment().build())));
        let appointments: Arc<dyn AppointmentStore> = Arc::new(appointments);
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().build())));
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(|_| Ok(Some(nine_to_five())));
        let reschedule = RescheduleAppointment::new(
            Arc::new(users),
            Arc::new(services),
            Arc::new(schedules),
            appointments.clone(),
            ExternalBusy::new(Arc::new(nothing_external())),
            clock_at(NOW),
        );
        AnswerMoveProposal::new(
            appointments,
            Arc::new(proposals),
            Arc::new(reschedule),
            clock_at(NOW),
        )
    }

    fn holding(proposal: Option<MoveProposal>) -> MockMoveProposalStore {
        let mut proposals = MockMoveProposalStore::new();
        proposals
            .expect_get()
            .returning(move |_| Ok(proposal.clone()));
        proposals
    }

    fn id() -> AppointmentId {
        an_appointment().build().id
    }

    #[tokio::test]
    async fn both_parties_see_only_a_current_undeclined_proposal_ahead() {
        let current = Some(a_proposal());
        let stale = Some(MoveProposal {
            revision: 2,
            ..a_proposal()
        });
        let declined = Some(MoveProposal {
            declined_at: Some(utc(NOW)),
            ..a_proposal()
        });
        let passed = Some(MoveProposal {
            start: utc("2026-05-31T10:00:00Z"),
            ..a_proposal()
        });
        for (stored, seen) in [
            (current, true),
            (stale, false),
            (declined, false),
            (passed, false),
        ] {
            let answer = use_case(MockAppointmentStore::new(), holding(stored));
            for actor in [a_customer().actor(), a_provider().actor()] {
                let pending = answer.pending(&actor, id()).await.unwrap();
                assert_eq!(pending.is_some(), seen);
            }
        }
        let answer = use_case(MockAppointmentStore::new(), holding(Some(a_proposal())));
        assert!(matches!(
            answer.pending(&another_customer().actor(), id()).await,
            Err(AnswerMoveError::Forbidden)
        ));
    }

    #[tokio::test]
    async fn accepting_moves_the_appointment_by_the_provider_and_clears_the_proposal() {
        let mut appointments = MockAppointmentStore::new();
        appointments.expect_busy().returning(|_, _| Ok(Vec::new()));
        appointments
            .expect_update()
            .withf(|a, _, event| {
                a.session.start() == utc(PROPOSED)
                    && matches!(event.kind, ChangeKind::Rescheduled { .. })
                    && a.reschedules
                        .last()
                        .is_some_and(|r| r.by == Party::Provider)
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        let mut proposals = holding(Some(a_proposal()));
        proposals.expect_remove().times(1).returning(|_| Ok(()));
        let moved = use_case(appointments, proposals)
            .accept(&a_customer().actor(), id())
            .await
            .unwrap();
        assert_eq!(moved.session.start(), utc(PROPOSED));
    }

    #[tokio::test]
    async fn a_proposed_time_taken_meanwhile_is_refused_and_the_proposal_stays() {
        let mut appointments = MockAppointmentStore::new();
        appointments.expect_busy().returning(|_, _| {
            Ok(vec![
                domain::TimeRange::new(utc(PROPOSED), utc("2026-06-04T15:00:00Z")).unwrap(),
            ])
        });
        appointments.expect_update().never();
        let mut proposals = holding(Some(a_proposal()));
        proposals.expect_remove().never();
        let refused = use_case(appointments, proposals)
            .accept(&a_customer().actor(), id())
            .await;
        assert!(matches!(refused, Err(AnswerMoveError::Rejected(_))));
    }

    #[tokio::test]
    async fn only_the_customer_answers_and_only_an_open_proposal() {
        for actor in [a_provider().actor(), an_admin().actor()] {
            let mut proposals = holding(Some(a_proposal()));
            proposals.expect_decline().never();
            let answer = use_case(MockAppointmentStore::new(), proposals);
            assert!(matches!(
                answer.decline(&actor, id()).await,
                Err(AnswerMoveError::Forbidden)
            ));
        }
        let answer = use_case(MockAppointmentStore::new(), holding(None));
        assert!(matches!(
            answer.accept(&a_customer().actor(), id()).await,
            Err(AnswerMoveError::NoProposal)
        ));
    }

    #[tokio::test]
    async fn declining_marks_the_current_proposal_once() {
        let mut proposals = holding(Some(a_proposal()));
        proposals
            .expect_decline()
            .withf(|_, revision, at| *revision == 3 && *at == utc(NOW))
            .times(1)
            .returning(|_, _, _| Ok(true));
        let answer = use_case(MockAppointmentStore::new(), proposals);
        answer.decline(&a_customer().actor(), id()).await.unwrap();

        let mut proposals = holding(Some(a_proposal()));
        proposals.expect_decline().returning(|_, _, _| Ok(false));
        let answer = use_case(MockAppointmentStore::new(), proposals);
        assert!(matches!(
            answer.decline(&a_customer().actor(), id()).await,
            Err(AnswerMoveError::NoProposal)
        ));
    }
}
