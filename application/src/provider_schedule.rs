//! Loading a provider's schedule for the schedule use cases (read-modify-write through
//! `ScheduleStore`).

use std::sync::Arc;

use domain::{Role, Schedule, User, UserId};

use crate::ports::{RepoError, ScheduleStore, UserStore};

/// The provider `provider` and their schedule (the empty default if they never saved one);
/// `None` when there is no such user or they are not a provider.
pub(crate) async fn load(
    users: &Arc<dyn UserStore>,
    schedules: &Arc<dyn ScheduleStore>,
    provider: UserId,
) -> Result<Option<(User, Schedule)>, RepoError> {
    let Some(user) = users
        .by_id(provider)
        .await?
        .filter(|u| u.role == Role::Provider)
    else {
        return Ok(None);
    };
    let schedule = schedules.get(provider).await?.unwrap_or_default();
    Ok(Some((user, schedule)))
}
