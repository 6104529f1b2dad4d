//! A customer joins (or leaves) the waitlist of a service for a window of days and times.

use std::sync::Arc;

use domain::{Role, ServiceId, WaitWindow, WaitlistEntryId};
use uuid::Uuid;

use crate::actor::Actor;
use crate::bookable::Bookable;
use crate::ports::{
    Clock, EntryState, RepoError, ScheduleStore, ServiceStore, UserStore, WaitlistEntry,
    WaitlistStore,
};

/// Why the customer is not on the waitlist (or not off it).
#[derive(Debug, thiserror::Error)]
pub enum WaitlistError {
    /// Only customers wait (and only for themselves).
    #[error("only customer accounts can join a waitlist: log in with a customer account")]
    Forbidden,
    /// No such service, or no such entry.
    #[error("no such service or waitlist entry")]
    NotFound,
    /// The service is not taking bookings.
    #[error("this service is not available for booking")]
    Unavailable,
    /// The window has already ended.
    #[error("that window is already over")]
    WindowOver,
    /// The customer already waits for this service.
    #[error(
        "you are already on the waitlist for this service: leave it first to change your window"
    )]
    AlreadyWaiting,
    /// A place is held for the entry: it is declined, not left.
    #[error("a place is held for you: decline it instead")]
    HoldOpen,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Puts customers on waitlists and takes them off.
pub struct JoinWaitlist {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    schedules: Arc<dyn ScheduleStore>,
    waitlist: Arc<dyn WaitlistStore>,
    clock: Arc<dyn Clock>,
}

impl JoinWaitlist {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        schedules: Arc<dyn ScheduleStore>,
        waitlist: Arc<dyn WaitlistStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            services,
            schedules,
            waitlist,
            clock,
        }
    }

    /// Puts `actor` (a customer) on the waitlist of `service` for `window`, behind everyone
    /// who joined earlier.
    ///
    /// # Errors
    /// See [`WaitlistError`].
    #[tracing::instrument(skip(self, actor, window), fields(customer = %actor.id, service = %service))]
    pub async fn run(
        &self,
        actor: &Actor,
        service: ServiceId,
        window: WaitWindow,
    ) -> Result<WaitlistEntry, WaitlistError> {
        if actor.role != Role::Customer {
            return Err(WaitlistError::Forbidden);
        }
        let bookable = Bookable::load(&self.services, &self.users, &self.schedules, service)
            .await?
            .ok_or(WaitlistError::NotFound)?;
        if !bookable.is_open() {
            return Err(WaitlistError::Unavailable);
        }
        let now = self.clock.now();
        if window.is_over(now) {
            return Err(WaitlistError::WindowOver);
        }
        let entry = WaitlistEntry {
            id: WaitlistEntryId::from_uuid(Uuid::now_v7()),
            service,
            provider: bookable.provider.id,
            customer: actor.id,
            window,
            joined_at: now,
            state: EntryState::Waiting,
            hold: None,
        };
        match self.waitlist.join(&entry).await {
            Err(RepoError::Conflict) => Err(WaitlistError::AlreadyWaiting),
            other => other.map(|()| entry).map_err(Into::into),
        }
    }

    /// Takes entry `id` of `actor` (its customer, or staff) off the waitlist. Leaving twice
    /// succeeds and changes nothing.
    ///
    /// # Errors
    /// [`WaitlistError::NotFound`], [`WaitlistError::Forbidden`], [`WaitlistError::HoldOpen`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, entry = %id))]
    pub async fn leave(&self, actor: &Actor, id: WaitlistEntryId) -> Result<(), WaitlistError> {
        let entry = self
            .waitlist
            .by_id(id)
            .await?
            .ok_or(WaitlistError::NotFound)?;
        if entry.customer != actor.id && !actor.is_staff() {
            return Err(WaitlistError::NotFound);
        }
        if self.waitlist.leave(id).await? {
            return Ok(());
        }
        // Not waiting any more: already left or settled is fine, a live offer is answered.
        match self.waitlist.by_id(id).await?.map(|e| e.state) {
            Some(EntryState::Offered) => Err(WaitlistError::HoldOpen),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::ports::waitlist::MockWaitlistStore;
    use crate::test_support::*;
    use chrono::{NaiveDate, NaiveTime};
    use domain::Zone;

    fn window(first: &str, last: &str) -> WaitWindow {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let time = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        WaitWindow::new(day(first), day(last), time(9), time(12), Zone::UTC).unwrap()
    }

    fn use_case(service: domain::Service, waitlist: MockWaitlistStore) -> JoinWaitlist {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().build())));
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(move |_| Ok(Some(service.clone())));
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(|_| Ok(Some(nine_to_five())));
        JoinWaitlist::new(
            Arc::new(users),
            Arc::new(services),
            Arc::new(schedules),
            Arc::new(waitlist),
            clock_at(NOW),
        )
    }

    #[tokio::test]
    async fn a_customer_joins_waiting_with_the_time_they_joined() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_join()
            .withf(|e| e.state == EntryState::Waiting && e.joined_at == utc(NOW))
            .times(1)
            .returning(|_| Ok(()));
        let entry = use_case(a_service().build(), waitlist)
            .run(
                &a_customer().actor(),
                a_service().build().id,
                window("2026-06-03", "2026-06-05"),
            )
            .await
            .unwrap();
        assert_eq!(entry.customer, a_customer().build().id);
        assert_eq!(entry.provider, a_provider().build().id);
    }

    #[tokio::test]
    async fn providers_and_staff_do_not_join() {
        for actor in [a_provider().actor(), an_admin().actor()] {
            let result = use_case(a_service().build(), MockWaitlistStore::new())
                .run(
                    &actor,
                    a_service().build().id,
                    window("2026-06-03", "2026-06-05"),
                )
                .await;
            assert!(matches!(result, Err(WaitlistError::Forbidden)));
        }
    }

    #[tokio::test]
    async fn a_second_entry_for_the_same_service_is_refused_by_the_store() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_join()
            .returning(|_| Err(RepoError::Conflict));
        let result = use_case(a_service().build(), waitlist)
            .run(
                &a_customer().actor(),
                a_service().build().id,
                window("2026-06-03", "2026-06-05"),
            )
            .await;
        assert!(matches!(result, Err(WaitlistError::AlreadyWaiting)));
    }

    #[tokio::test]
    async fn a_window_already_over_or_a_closed_service_is_refused() {
        let over = use_case(a_service().build(), MockWaitlistStore::new())
            .run(
                &a_customer().actor(),
                a_service().build().id,
                window("2026-05-01", "2026-05-02"),
            )
            .await;
        assert!(matches!(over, Err(WaitlistError::WindowOver)));
        let closed = use_case(a_service().inactive().build(), MockWaitlistStore::new())
            .run(
                &a_customer().actor(),
                a_service().build().id,
                window("2026-06-03", "2026-06-05"),
            )
            .await;
        assert!(matches!(closed, Err(WaitlistError::Unavailable)));
    }

    fn an_entry(state: EntryState) -> WaitlistEntry {
        WaitlistEntry {
            id: WaitlistEntryId::from_uuid(Uuid::from_u128(70)),
            service: a_service().build().id,
            provider: a_provider().build().id,
            customer: a_customer().build().id,
            window: window("2026-06-03", "2026-06-05"),
            joined_at: utc(NOW),
            state,
            hold: None,
        }
    }

    #[tokio::test]
    async fn only_the_customer_leaves_their_entry_and_an_open_hold_is_declined_instead() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_by_id()
            .returning(|_| Ok(Some(an_entry(EntryState::Offered))));
        waitlist.expect_leave().returning(|_| Ok(false));
        let uc = use_case(a_service().build(), waitlist);
        let id = an_entry(EntryState::Waiting).id;
        assert!(matches!(
            uc.leave(&another_customer().actor(), id).await,
            Err(WaitlistError::NotFound)
        ));
        assert!(matches!(
            uc.leave(&a_customer().actor(), id).await,
            Err(WaitlistError::HoldOpen)
        ));
    }

    #[tokio::test]
    async fn leaving_a_waiting_entry_takes_it_off() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_by_id()
            .returning(|_| Ok(Some(an_entry(EntryState::Waiting))));
        waitlist.expect_leave().times(1).returning(|_| Ok(true));
        use_case(a_service().build(), waitlist)
            .leave(&a_customer().actor(), an_entry(EntryState::Waiting).id)
            .await
            .unwrap();
    }
}
