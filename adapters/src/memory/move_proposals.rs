//! Move proposals in memory.

use std::collections::BTreeMap;
use std::sync::Mutex;

use application::ports::{MoveProposal, MoveProposalStore, RepoError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::AppointmentId;

use super::lock;

/// [`MoveProposalStore`] in memory.
#[derive(Debug, Default)]
pub struct MemoryMoveProposals {
    proposals: Mutex<BTreeMap<AppointmentId, MoveProposal>>,
}

#[async_trait]
impl MoveProposalStore for MemoryMoveProposals {
    async fn propose(&self, proposal: &MoveProposal) -> Result<bool, RepoError> {
        let mut proposals = lock(&self.proposals);
        let same = proposals
            .get(&proposal.appointment)
            .is_some_and(|p| p.revision == proposal.revision && p.start == proposal.start);
        if !same {
            proposals.insert(proposal.appointment, proposal.clone());
        }
        Ok(!same)
    }

    async fn get(&self, appointment: AppointmentId) -> Result<Option<MoveProposal>, RepoError> {
        Ok(lock(&self.proposals).get(&appointment).cloned())
    }

    async fn open(&self) -> Result<Vec<MoveProposal>, RepoError> {
        Ok(lock(&self.proposals)
            .values()
            .filter(|p| p.mailed_at.is_none() || p.declined_at.is_some())
            .cloned()
            .collect())
    }

    async fn claim_mail(
        &self,
        appointment: AppointmentId,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        Ok(lock(&self.proposals)
            .get_mut(&appointment)
            .filter(|p| p.mailed_at.is_none())
            .map(|p| p.mailed_at = Some(at))
            .is_some())
    }

    async fn release_mail(&self, appointment: AppointmentId) -> Result<(), RepoError> {
        if let Some(p) = lock(&self.proposals).get_mut(&appointment) {
            p.mailed_at = None;
        }
        Ok(())
    }

    async fn decline(
        &self,
        appointment: AppointmentId,
        revision: u32,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        Ok(lock(&self.proposals)
            .get_mut(&appointment)
            .filter(|p| p.revision == revision && p.declined_at.is_none())
            .map(|p| p.declined_at = Some(at))
            .is_some())
    }

    async fn remove(&self, appointment: AppointmentId) -> Result<(), RepoError> {
        lock(&self.proposals).remove(&appointment);
        Ok(())
    }
}
