//! A user deletes their own account: what the other party of their appointments still needs
//! stays under a pseudonym, everything else about them goes.

use std::sync::Arc;

use chrono::TimeDelta;
use domain::{Appointment, Party, Role, User, WebhookEvent};

use crate::actor::Actor;
use crate::admin::audit::Auditor;
use crate::cancel_appointment::{CancelAppointmentError, cancel_as};
use crate::ports::{
    AppointmentFilter, AppointmentStore, BackendError, CalendarSync, Clock, Mailer, ObjectStorage,
    PageRequest, PasswordHasher, Period, PersonalDataStore, RepoError, ServiceStore, UserQuery,
    UserStore, error_chain,
};
use crate::upload_image::delete_photo;
use crate::webhook_payload::service_notice;

/// Why the account was not erased.
#[derive(Debug, thiserror::Error)]
pub enum EraseAccountError {
    /// The password given is not the account's.
    #[error("the current password is wrong")]
    WrongPassword,
    /// The only active administrator may not leave: nobody could run the marketplace.
    #[error("the only administrator cannot delete their account")]
    LastAdmin,
    /// The account does not exist (or was erased already).
    #[error("no such account")]
    UnknownUser,
    /// Verifying the password failed.
    #[error("could not check the password")]
    Hash(#[source] BackendError),
    /// Storage failed; trying again continues where this stopped.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// The ports erasure goes through.
pub struct ErasurePorts {
    /// Accounts and their password hashes.
    pub users: Arc<dyn UserStore>,
    /// Checks the password.
    pub hasher: Arc<dyn PasswordHasher>,
    /// A provider's services, deactivated first.
    pub services: Arc<dyn ServiceStore>,
    /// Future appointments, cancelled.
    pub appointments: Arc<dyn AppointmentStore>,
    /// Photos.
    pub storage: Arc<dyn ObjectStorage>,
    /// A provider's dedicated calendar, removed.
    pub calendar: Arc<dyn CalendarSync>,
    /// The rest of what the stores hold.
    pub personal_data: Arc<dyn PersonalDataStore>,
    /// Copies of sent mails.
    pub mailer: Arc<dyn Mailer>,
    /// Records the erasure (not the person).
    pub auditor: Auditor,
    /// The erasure's time.
    pub clock: Arc<dyn Clock>,
}

/// Erases the acting user's own account, proving they know its password. In order: a
/// provider's services are deactivated (nothing new is booked meanwhile); photos and their
/// stored objects, and a provider's dedicated calendar, are removed;
/// [`PersonalDataStore::erase`] replaces the person by a pseudonym ([`User::erased_name`]) in
/// one transaction; then, already under the pseudonym, future appointments are cancelled
/// through the usual path, so the other party is told by mail, calendar and webhooks as for
/// any cancellation (nothing is mailed to the erased party, and nothing names them); kept
/// copies of mails mentioning the person are deleted; the audit log records that the account was erased. Until
/// the erasure itself every step may run again, so a failure there is finished by trying again.
pub struct EraseAccount {
    ports: ErasurePorts,
}

impl EraseAccount {
    /// The use case over its ports.
    pub fn new(ports: ErasurePorts) -> Self {
        Self { ports }
    }

    /// Erases `actor`'s account if `password` is theirs.
    ///
    /// # Errors
    /// See [`EraseAccountError`].
    #[tracing::instrument(skip(self, actor, password), fields(user = %actor.id))]
    pub async fn run(&self, actor: &Actor, password: &str) -> Result<(), EraseAccountError> {
        let p = &self.ports;
        let user = self.check_password(actor, password).await?;
        if user.role == Role::Admin && self.is_last_admin().await? {
            return Err(EraseAccountError::LastAdmin);
        }
        if user.role == Role::Provider {
            self.deactivate_services(&user).await?;
        }
        if let Some(photo) = &user.photo {
            delete_photo(&*p.storage, photo).await;
        }
        if user.role == Role::Provider
            && let Err(e) = p.calendar.remove_calendar(user.id).await
        {
            // The erasure forgets the link anyway; the calendar then shows among the unlinked
            // calendars of the admin panel, where an admin deletes it.
            tracing::warn!(error = %error_chain(&e), "could not remove the provider's calendar");
        }
        let pseudonym = User::erased_name(user.role);
        p.personal_data
            .erase(user.id, &pseudonym, p.clock.now())
            .await
            .map_err(|e| match e {
                RepoError::NotFound => EraseAccountError::UnknownUser,
                other => other.into(),
            })?;
        // From here on the person is gone: what follows is worded with the pseudonym.
        self.cancel_future_appointments(&user).await;
        let needles = [
            user.email.as_str().to_owned(),
            user.name.as_str().to_owned(),
        ];
        match p.mailer.forget_mentions(&needles).await {
            Ok(deleted) => tracing::info!(deleted, "kept mails about the erased account deleted"),
            Err(e) => {
                tracing::warn!(error = %e, "could not delete kept mails about the erased account");
            }
        }
        p.auditor
            .record(
                actor,
                "account.erase",
                format!("user:{}", user.id),
                None,
                None,
            )
            .await?;
        tracing::info!("account erased");
        Ok(())
    }

    async fn check_password(
        &self,
        actor: &Actor,
        password: &str,
    ) -> Result<User, EraseAccountError> {
        let users = &self.ports.users;
        let user = users
            .by_id(actor.id)
            .await?
            .filter(|u| !u.is_erased())
            .ok_or(EraseAccountError::UnknownUser)?;
        let (user, hash) = users
            .credentials(&user.email)
            .await?
            .ok_or(EraseAccountError::UnknownUser)?;
        let matches = self
            .ports
            .hasher
            .verify(password, &hash)
            .await
            .map_err(EraseAccountError::Hash)?;
        if matches {
            Ok(user)
        } else {
            Err(EraseAccountError::WrongPassword)
        }
    }

    /// Whether there is at most one active administrator.
    async fn is_last_admin(&self) -> Result<bool, RepoError> {
        let admins = UserQuery {
            text: None,
            role: Some(Role::Admin),
            active: Some(true),
            page: PageRequest::new(1, 2),
        };
        Ok(self.ports.users.list(&admins).await?.total <= 1)
    }

    /// Deactivates the provider's services and removes their photos.
    async fn deactivate_services(&self, provider: &User) -> Result<(), RepoError> {
        let p = &self.ports;
        for mut service in p.services.by_provider(provider.id).await? {
            if !service.active && service.image.is_none() {
                continue;
            }
            let event = if service.active {
                WebhookEvent::ServiceDeactivated
            } else {
                WebhookEvent::ServiceUpdated
            };
            let image = service.image.take();
            service.active = false;
            let notice = service_notice(&service, event, p.clock.now());
            p.services.update(&service, &notice).await?;
            if let Some(image) = image {
                delete_photo(&*p.storage, &image).await;
            }
        }
        Ok(())
    }

    /// Cancels the user's appointments that have not started, as their customer or provider,
    /// whatever the change cut-off: the person is gone. One that cannot be cancelled (a store
    /// failure) is logged and left to staff, who see it with the pseudonym.
    async fn cancel_future_appointments(&self, user: &User) {
        let p = &self.ports;
        let now = p.clock.now();
        let (customer, provider, party) = match user.role {
            Role::Customer => (Some(user.id), None, Party::Customer),
            Role::Provider => (None, Some(user.id), Party::Provider),
            Role::Support | Role::Admin => return,
        };
        let filter = AppointmentFilter {
            customer,
            provider,
            period: Period::UpcomingAfter(now),
            status: None,
            limit: u32::MAX,
        };
        let upcoming = match p.appointments.list(filter).await {
            Ok(upcoming) => upcoming,
            Err(e) => {
                tracing::error!(error = %error_chain(&e), "upcoming appointments of an erased account not cancelled");
                return;
            }
        };
        for appointment in upcoming {
            if let Err(e) = self.cancel(appointment, party).await {
                tracing::error!(error = %error_chain(&e), "an appointment of an erased account not cancelled");
            }
        }
    }

    /// Cancels `appointment` as `party` if it has not started, reading it again when it
    /// changed meanwhile (a few times).
    async fn cancel(
        &self,
        mut appointment: Appointment,
        party: Party,
    ) -> Result<(), CancelAppointmentError> {
        let p = &self.ports;
        for _ in 0..3 {
            let now = p.clock.now();
            if appointment.session.start() <= now || !appointment.status.is_active() {
                return Ok(());
            }
            let id = appointment.id;
            match cancel_as(
                &*p.appointments,
                &mut appointment,
                party,
                None,
                TimeDelta::zero(),
                now,
            )
            .await
            {
                Err(CancelAppointmentError::ChangedMeanwhile) => {
                    appointment = p
                        .appointments
                        .by_id(id)
                        .await?
                        .ok_or(CancelAppointmentError::NotFound)?;
                }
                done => return done,
            }
        }
        Err(CancelAppointmentError::ChangedMeanwhile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::PasswordHash;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::audit::MockAuditLog;
    use crate::ports::calendar::MockCalendarSync;
    use crate::ports::mail::MockMailer;
    use crate::ports::password::MockPasswordHasher;
    use crate::ports::personal_data::MockPersonalDataStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::storage::MockObjectStorage;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use domain::{Appointment, AppointmentStatus};

    struct Ports {
        users: MockUserStore,
        hasher: MockPasswordHasher,
        services: MockServiceStore,
        appointments: MockAppointmentStore,
        storage: MockObjectStorage,
        calendar: MockCalendarSync,
        personal_data: MockPersonalDataStore,
        mailer: MockMailer,
        audit: MockAuditLog,
    }

    /// `user` stored with the password "right", `appointments` listed as theirs; every other
    /// step succeeds.
    fn stored(user: User, appointments: Vec<Appointment>) -> Ports {
        let mut users = MockUserStore::new();
        let found = user.clone();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(found.clone())));
        users
            .expect_credentials()
            .returning(move |_| Ok(Some((user.clone(), PasswordHash::from_phc("phc".into())))));
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_verify()
            .returning(|password, _| Ok(password == "right"));
        let mut listed = MockAppointmentStore::new();
        listed
            .expect_list()
            .returning(move |_| Ok(appointments.clone()));
        let mut personal_data = MockPersonalDataStore::new();
        personal_data.expect_erase().returning(|_, _, _| Ok(()));
        let mut mailer = MockMailer::new();
        mailer.expect_forget_mentions().returning(|_| Ok(1));
        let mut audit = MockAuditLog::new();
        audit.expect_record().returning(|_| Ok(()));
        Ports {
            users,
            hasher,
            services: MockServiceStore::new(),
            appointments: listed,
            storage: MockObjectStorage::new(),
            calendar: MockCalendarSync::new(),
            personal_data,
            mailer,
            audit,
        }
    }

    fn use_case(p: Ports, now: &str) -> EraseAccount {
        let audit: Arc<dyn crate::ports::AuditLog> = Arc::new(p.audit);
        EraseAccount::new(ErasurePorts {
            users: Arc::new(p.users),
            hasher: Arc::new(p.hasher),
            services: Arc::new(p.services),
            appointments: Arc::new(p.appointments),
            storage: Arc::new(p.storage),
            calendar: Arc::new(p.calendar),
            personal_data: Arc::new(p.personal_data),
            mailer: Arc::new(p.mailer),
            auditor: Auditor::new(audit, clock_at(now)),
            clock: clock_at(now),
        })
    }

    #[tokio::test]
    async fn a_wrong_password_erases_nothing() {
        let mut p = stored(a_customer().build(), vec![an_appointment().build()]);
        p.personal_data.checkpoint();
        p.personal_data.expect_erase().never();
        p.appointments.expect_update().never();
        let result = use_case(p, NOW).run(&a_customer().actor(), "wrong").await;
        assert!(matches!(result, Err(EraseAccountError::WrongPassword)));
    }

    fn with_admins(p: &mut Ports, count: u64) {
        p.users.expect_list().returning(move |query| {
            assert_eq!((query.role, query.active), (Some(Role::Admin), Some(true)));
            Ok(crate::ports::Page {
                items: Vec::new(),
                total: count,
                request: query.page,
            })
        });
    }

    #[tokio::test]
    async fn the_only_administrator_cannot_erase_their_account_and_one_of_two_can() {
        let mut p = stored(an_admin().build(), Vec::new());
        with_admins(&mut p, 1);
        p.personal_data.checkpoint();
        p.personal_data.expect_erase().never();
        let result = use_case(p, NOW).run(&an_admin().actor(), "right").await;
        assert!(
            matches!(result, Err(EraseAccountError::LastAdmin)),
            "{result:?}"
        );
        let mut p = stored(an_admin().build(), Vec::new());
        with_admins(&mut p, 2);
        use_case(p, NOW)
            .run(&an_admin().actor(), "right")
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn an_erased_account_cannot_be_erased_again() {
        let mut erased = a_customer().build();
        erased.erased_at = Some(utc(NOW));
        let mut p = stored(erased, Vec::new());
        p.personal_data.checkpoint();
        p.personal_data.expect_erase().never();
        let result = use_case(p, NOW).run(&a_customer().actor(), "right").await;
        assert!(matches!(result, Err(EraseAccountError::UnknownUser)));
    }

    #[tokio::test]
    async fn a_customers_future_appointment_is_cancelled_by_them_even_inside_the_cutoff() {
        let started = an_appointment().starting("2026-06-03T08:30:00Z").build();
        let mut p = stored(
            a_customer().build(),
            vec![started, an_appointment().build()],
        );
        p.appointments
            .expect_update()
            .withf(|a, expected, event| {
                a.id == an_appointment().build().id
                    && *expected == 3
                    && a.status == AppointmentStatus::Cancelled
                    && event.kind
                        == crate::ChangeKind::Cancelled {
                            by: Party::Customer,
                            reason: None,
                        }
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        // One hour before the 10:00 start, well inside the provider's 24-hour cut-off; the
        // 08:30 appointment has started and stays.
        use_case(p, "2026-06-03T09:00:00Z")
            .run(&a_customer().actor(), "right")
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn the_person_is_replaced_by_a_pseudonym_and_kept_mails_about_them_are_deleted() {
        let customer = a_customer().build();
        let mut p = stored(customer.clone(), Vec::new());
        p.personal_data.checkpoint();
        p.personal_data
            .expect_erase()
            .withf(move |id, pseudonym, at| {
                *id == customer.id && pseudonym.as_str() == "Deleted customer" && *at == utc(NOW)
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        let (email, name) = (
            a_customer().build().email.as_str().to_owned(),
            a_customer().build().name.as_str().to_owned(),
        );
        p.mailer.checkpoint();
        p.mailer
            .expect_forget_mentions()
            .withf(move |needles| needles.to_vec() == vec![email.clone(), name.clone()])
            .times(1)
            .returning(|_| Ok(2));
        p.audit.checkpoint();
        p.audit
            .expect_record()
            .withf(|e| e.action == "account.erase" && e.before.is_none() && e.after.is_none())
            .times(1)
            .returning(|_| Ok(()));
        use_case(p, NOW)
            .run(&a_customer().actor(), "right")
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_providers_services_are_deactivated_and_every_photo_and_the_calendar_removed() {
        let mut provider = a_provider().build();
        provider.photo = Some("users/p/abc".into());
        let mut p = stored(provider, Vec::new());
        p.services.expect_by_provider().returning(|_| {
            let mut service = a_service().build();
            service.image = Some("services/s/def".into());
            Ok(vec![service])
        });
        p.services
            .expect_update()
            .withf(|s, notice| {
                !s.active && s.image.is_none() && notice.event == WebhookEvent::ServiceDeactivated
            })
            .times(1)
            .returning(|_, _| Ok(()));
        p.storage
            .expect_delete()
            .withf(|key| key.starts_with("users/p/abc/") || key.starts_with("services/s/def/"))
            .times(6)
            .returning(|_| Ok(()));
        p.calendar
            .expect_remove_calendar()
            .times(1)
            .returning(|_| Ok(()));
        p.personal_data.checkpoint();
        p.personal_data
            .expect_erase()
            .withf(|_, pseudonym, _| pseudonym.as_str() == "Deleted provider")
            .times(1)
            .returning(|_, _, _| Ok(()));
        use_case(p, NOW)
            .run(&a_provider().actor(), "right")
            .await
            .unwrap();
    }
}
