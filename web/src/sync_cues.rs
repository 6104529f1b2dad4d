//! Cues to read a provider's calendar soon (from push notifications), handed from the hook to
//! the busy-time worker of the same process. Repeated cues for one calendar before the worker
//! gets to it count once.

use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

use application::ports::SyncCue;
use domain::UserId;
use tokio::sync::Notify;

/// The calendars cued and not read yet, and the worker's wake-up call.
#[derive(Debug, Default)]
pub struct SyncCues {
    pending: Mutex<BTreeSet<(UserId, String)>>,
    wake: Notify,
}

impl SyncCues {
    /// Takes every pending cue.
    pub fn take(&self) -> Vec<(UserId, String)> {
        std::mem::take(&mut *self.pending.lock().unwrap_or_else(PoisonError::into_inner))
            .into_iter()
            .collect()
    }

    /// Waits for the next cue (returns at once if one came since the last wait).
    pub async fn cued(&self) {
        self.wake.notified().await;
    }
}

impl SyncCue for SyncCues {
    fn cue(&self, provider: UserId, calendar_id: &str) {
        self.pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((provider, calendar_id.to_owned()));
        self.wake.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[tokio::test]
    async fn repeated_cues_for_one_calendar_count_once_and_wake_the_worker() {
        let cues = SyncCues::default();
        let ann = UserId::from_uuid(Uuid::from_u128(1));
        cues.cue(ann, "ann@gmail.com");
        cues.cue(ann, "ann@gmail.com");
        cues.cue(ann, "work@example.org");
        cues.cued().await; // a cue came since the last wait: returns at once
        assert_eq!(
            cues.take(),
            [
                (ann, "ann@gmail.com".to_owned()),
                (ann, "work@example.org".to_owned())
            ]
        );
        assert!(cues.take().is_empty());
    }
}
