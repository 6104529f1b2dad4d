//! Moves a provider made by hand in their calendar, waiting for the customer's answer
//! ([`crate::follow_calendar_edits`], [`crate::answer_move_proposal`]).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::AppointmentId;

use super::RepoError;

/// The provider moved the entry of an appointment to `start`; the customer accepts or declines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveProposal {
    /// The appointment to move.
    pub appointment: AppointmentId,
    /// The appointment's revision when the move was seen: a proposal only holds while the
    /// appointment is unchanged.
    pub revision: u32,
    /// The start the provider chose (the service's duration is kept).
    pub start: DateTime<Utc>,
    /// When the move was seen.
    pub proposed_at: DateTime<Utc>,
    /// When the customer was mailed about it (claimed before sending).
    pub mailed_at: Option<DateTime<Utc>>,
    /// When the customer declined it; the provider's entry is then put back.
    pub declined_at: Option<DateTime<Utc>>,
}

impl MoveProposal {
    /// A proposal seen at `now`, not mailed or answered yet.
    pub const fn new(
        appointment: AppointmentId,
        revision: u32,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            appointment,
            revision,
            start,
            proposed_at: now,
            mailed_at: None,
            declined_at: None,
        }
    }
}

/// Keeps at most one proposal per appointment.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait MoveProposalStore: Send + Sync {
    /// Records `proposal`, replacing the appointment's earlier one, unless the same start was
    /// already proposed at the same revision: `true` if it was recorded. Atomic, so that a move
    /// read twice (by two instances, or twice by one) is proposed once.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn propose(&self, proposal: &MoveProposal) -> Result<bool, RepoError>;

    /// The proposal for `appointment`, if any.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn get(&self, appointment: AppointmentId) -> Result<Option<MoveProposal>, RepoError>;

    /// Proposals that need the worker: not mailed yet, or declined.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn open(&self) -> Result<Vec<MoveProposal>, RepoError>;

    /// Marks the proposal for `appointment` mailed at `at` unless it is marked already:
    /// `true` if this call marked it (its caller sends the one mail).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn claim_mail(
        &self,
        appointment: AppointmentId,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError>;

    /// Clears the mailed mark (the mail could not be sent), so the next run sends it.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn release_mail(&self, appointment: AppointmentId) -> Result<(), RepoError>;

    /// Marks the proposal for `appointment` at `revision` declined at `at` unless it is
    /// answered already: `true` if this call declined it.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn decline(
        &self,
        appointment: AppointmentId,
        revision: u32,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError>;

    /// Forgets the proposal for `appointment`; nothing happens if there is none.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn remove(&self, appointment: AppointmentId) -> Result<(), RepoError>;
}
