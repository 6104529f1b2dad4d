//! A user edits their profile (name, phone, zone, calendar address, review request mails,
//! language), or an admin does it for them.

use std::sync::Arc;

use domain::{Email, Language, PersonName, Phone, Role, User, UserId, Zone};

use crate::actor::Actor;
use crate::ports::{RepoError, UserStore};

/// The editable profile, as a whole: fields left `None` are cleared.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Display name.
    pub name: PersonName,
    /// Contact number.
    pub phone: Option<Phone>,
    /// The zone times are shown in; for providers also the zone their hours are read in.
    pub zone: Zone,
    /// Providers only: the address their dedicated calendar is shared with.
    pub calendar_email: Option<Email>,
    /// Whether to be mailed a review request after each completed appointment.
    pub review_requests: bool,
    /// The language of their pages and mails; `None` follows the browser (pages) and the
    /// marketplace's default (mails).
    pub language: Option<Language>,
}

/// Why the profile was not updated.
#[derive(Debug, thiserror::Error)]
pub enum UpdateProfileError {
    /// Only the user themself or an admin may edit a profile.
    #[error("you may not edit this profile")]
    Forbidden,
    /// No such user.
    #[error("no such user")]
    UnknownUser,
    /// A calendar address was given for someone who is not a provider.
    #[error("only providers have a calendar to share")]
    CalendarForProvidersOnly,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Updates profiles. Email, role and activation are not part of a profile.
pub struct UpdateProfile {
    users: Arc<dyn UserStore>,
}

impl UpdateProfile {
    /// The use case over its port.
    pub fn new(users: Arc<dyn UserStore>) -> Self {
        Self { users }
    }

    /// Replaces the profile of user `user` with `profile`; returns the updated user.
    ///
    /// # Errors
    /// See [`UpdateProfileError`].
    #[tracing::instrument(skip(self, actor, profile), fields(actor = %actor.id, user = %user))]
    pub async fn run(
        &self,
        actor: &Actor,
        user: UserId,
        profile: Profile,
    ) -> Result<User, UpdateProfileError> {
        if actor.id != user && !actor.is_admin() {
            return Err(UpdateProfileError::Forbidden);
        }
        let mut stored = self
            .users
            .by_id(user)
            .await?
            .ok_or(UpdateProfileError::UnknownUser)?;
        if profile.calendar_email.is_some() && stored.role != Role::Provider {
            return Err(UpdateProfileError::CalendarForProvidersOnly);
        }
        stored.name = profile.name;
        stored.phone = profile.phone;
        stored.zone = profile.zone;
        stored.calendar_email = profile.calendar_email;
        stored.review_requests = profile.review_requests;
        stored.language = profile.language;
        self.users.update(&stored).await.map_err(|e| match e {
            RepoError::NotFound => UpdateProfileError::UnknownUser,
            other => other.into(),
        })?;
        Ok(stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn profile() -> Profile {
        Profile {
            name: PersonName::parse("Ann Other").unwrap(),
            phone: Phone::parse("+33 1 23 45 67 89").ok(),
            zone: Zone::parse("Europe/Paris").unwrap(),
            calendar_email: None,
            review_requests: false,
            language: Some(Language::parse("fr").unwrap()),
        }
    }

    fn store_holding(user: User) -> MockUserStore {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(user.clone())));
        users.expect_update().returning(|_| Ok(()));
        users
    }

    #[tokio::test]
    async fn a_user_updates_their_own_profile() {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_customer().build())));
        users
            .expect_update()
            .withf(|u| {
                u.name.as_str() == "Ann Other"
                    && u.zone.name() == "Europe/Paris"
                    && !u.review_requests
                    && u.language.as_ref().map(Language::as_str) == Some("fr")
            })
            .times(1)
            .returning(|_| Ok(()));
        let updated = UpdateProfile::new(Arc::new(users))
            .run(&a_customer().actor(), a_customer().build().id, profile())
            .await
            .unwrap();
        assert_eq!(updated.email, a_customer().build().email);
        assert_eq!(updated.role, Role::Customer);
    }

    #[tokio::test]
    async fn a_customer_cannot_edit_another_users_profile() {
        let mut users = MockUserStore::new();
        users.expect_update().never();
        let result = UpdateProfile::new(Arc::new(users))
            .run(
                &a_customer().actor(),
                another_customer().build().id,
                profile(),
            )
            .await;
        assert!(matches!(result, Err(UpdateProfileError::Forbidden)));
    }

    #[tokio::test]
    async fn support_staff_cannot_edit_profiles() {
        let result = UpdateProfile::new(Arc::new(MockUserStore::new()))
            .run(
                &a_support_agent().actor(),
                a_customer().build().id,
                profile(),
            )
            .await;
        assert!(matches!(result, Err(UpdateProfileError::Forbidden)));
    }

    #[tokio::test]
    async fn an_admin_may_edit_anyones_profile() {
        let result = UpdateProfile::new(Arc::new(store_holding(a_customer().build())))
            .run(&an_admin().actor(), a_customer().build().id, profile())
            .await;
        assert!(result.is_ok());
    }

    fn with_calendar() -> Profile {
        Profile {
            calendar_email: Email::parse("cal@example.org").ok(),
            ..profile()
        }
    }

    #[tokio::test]
    async fn a_provider_may_share_a_calendar() {
        let updated = UpdateProfile::new(Arc::new(store_holding(a_provider().build())))
            .run(
                &a_provider().actor(),
                a_provider().build().id,
                with_calendar(),
            )
            .await
            .unwrap();
        assert_eq!(updated.calendar_email, with_calendar().calendar_email);
    }

    #[tokio::test]
    async fn a_customer_has_no_calendar_to_share() {
        let result = UpdateProfile::new(Arc::new(store_holding(a_customer().build())))
            .run(
                &a_customer().actor(),
                a_customer().build().id,
                with_calendar(),
            )
            .await;
        assert!(matches!(
            result,
            Err(UpdateProfileError::CalendarForProvidersOnly)
        ));
    }
}
