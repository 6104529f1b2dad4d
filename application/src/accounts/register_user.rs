//! Someone signs up as a customer or a provider.

use std::sync::Arc;

use domain::{
    Email, Language, NewPassword, PersonName, PrivacyConsent, Role, Schedule, User, UserId, Zone,
};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ports::{BackendError, Clock, PasswordHasher, RepoError, ScheduleStore, UserStore};

/// What a new user gives when signing up.
#[derive(Debug)]
pub struct Registration {
    /// Login and notification address.
    pub email: Email,
    /// Display name.
    pub name: PersonName,
    /// The chosen password.
    pub password: NewPassword,
    /// The zone they see (and, as a provider, set their hours in).
    pub zone: Zone,
    /// [`Role::Customer`] or [`Role::Provider`]; staff accounts are not self-service.
    pub role: Role,
    /// The language they signed up in (their pages and mails from then on).
    pub language: Option<Language>,
    /// The version of the privacy notice they accepted; required when they sign themselves
    /// up, not when an admin opens the account for them.
    pub privacy_notice: Option<String>,
}

/// Why a sign-up failed.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// Staff roles cannot be chosen, and signed-in users other than admins cannot sign others up.
    #[error("this kind of account cannot be created here")]
    Forbidden,
    /// Another account uses the address.
    #[error("an account with this email address already exists")]
    EmailTaken,
    /// Someone signing themselves up did not accept the privacy notice.
    #[error("the privacy notice must be accepted")]
    PrivacyNoticeNotAccepted,
    /// Hashing the password failed.
    #[error("could not secure the password")]
    Hash(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Creates customer and provider accounts. Providers start with an empty schedule (closed every
/// day) and the default booking policy, which they then edit.
pub struct RegisterUser {
    users: Arc<dyn UserStore>,
    schedules: Arc<dyn ScheduleStore>,
    hasher: Arc<dyn PasswordHasher>,
    clock: Arc<dyn Clock>,
}

impl RegisterUser {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        schedules: Arc<dyn ScheduleStore>,
        hasher: Arc<dyn PasswordHasher>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            schedules,
            hasher,
            clock,
        }
    }

    /// Signs `input` up. `actor` is `None` for an anonymous visitor; an admin may also create
    /// customer and provider accounts for others.
    ///
    /// # Errors
    /// See [`RegisterError`].
    #[tracing::instrument(
        skip(self, actor, input),
        fields(role = input.role.as_str(), user = tracing::field::Empty)
    )]
    pub async fn run(
        &self,
        actor: Option<&Actor>,
        input: Registration,
    ) -> Result<User, RegisterError> {
        if actor.is_some_and(|a| !a.is_admin())
            || !matches!(input.role, Role::Customer | Role::Provider)
        {
            return Err(RegisterError::Forbidden);
        }
        let now = self.clock.now();
        let privacy_consent = input.privacy_notice.map(|version| PrivacyConsent {
            version,
            accepted_at: now,
        });
        if actor.is_none() && privacy_consent.is_none() {
            return Err(RegisterError::PrivacyNoticeNotAccepted);
        }
        let hash = self
            .hasher
            .hash(&input.password)
            .await
            .map_err(RegisterError::Hash)?;
        let user = User {
            language: input.language,
            privacy_consent,
            ..User::new_account(
                UserId::from_uuid(Uuid::now_v7()),
                input.email,
                input.name,
                input.role,
                input.zone,
                now,
            )
        };
        self.users.insert(&user, &hash).await.map_err(|e| match e {
            RepoError::Conflict => RegisterError::EmailTaken,
            other => other.into(),
        })?;
        if user.role == Role::Provider {
            // Not atomic with the insert: a provider left without a schedule is simply closed
            // (see `Bookable::load`), and saving hours later creates it.
            self.schedules.put(user.id, &Schedule::default()).await?;
        }
        tracing::Span::current().record("user", tracing::field::display(user.id));
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::PasswordHash;
    use crate::ports::password::MockPasswordHasher;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    struct Ports {
        users: MockUserStore,
        schedules: MockScheduleStore,
        hasher: MockPasswordHasher,
    }

    fn accepting() -> Ports {
        let mut users = MockUserStore::new();
        users.expect_insert().returning(|_, _| Ok(()));
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_hash()
            .returning(|_| Ok(PasswordHash::from_phc("$argon2id$stub".into())));
        Ports {
            users,
            schedules: MockScheduleStore::new(),
            hasher,
        }
    }

    fn use_case(p: Ports) -> RegisterUser {
        RegisterUser::new(
            Arc::new(p.users),
            Arc::new(p.schedules),
            Arc::new(p.hasher),
            clock_at(NOW),
        )
    }

    fn sign_up(role: Role) -> Registration {
        Registration {
            email: Email::parse("Ann@Example.org").unwrap(),
            name: PersonName::parse("Ann").unwrap(),
            password: NewPassword::parse("correct horse").unwrap(),
            zone: Zone::parse("Europe/Paris").unwrap(),
            role,
            language: Some(Language::parse("de").unwrap()),
            privacy_notice: Some("2026-12-04".into()),
        }
    }

    #[tokio::test]
    async fn a_visitor_signs_up_as_a_customer_with_a_hashed_password() {
        let mut p = accepting();
        p.users = MockUserStore::new();
        p.users
            .expect_insert()
            .withf(|u, hash| {
                u.role == Role::Customer
                    && u.active
                    && u.email.as_str() == "ann@example.org"
                    && hash.as_str() == "$argon2id$stub"
            })
            .times(1)
            .returning(|_, _| Ok(()));
        p.schedules.expect_put().never();
        let user = use_case(p)
            .run(None, sign_up(Role::Customer))
            .await
            .unwrap();
        assert_eq!(user.created_at, utc(NOW));
        assert_eq!(user.zone.name(), "Europe/Paris");
        assert_eq!(user.language, Some(Language::parse("de").unwrap()));
        assert_eq!(
            user.privacy_consent,
            Some(PrivacyConsent {
                version: "2026-12-04".into(),
                accepted_at: utc(NOW),
            })
        );
    }

    #[tokio::test]
    async fn a_visitor_must_accept_the_privacy_notice() {
        let mut p = accepting();
        p.users = MockUserStore::new();
        p.users.expect_insert().never();
        let input = Registration {
            privacy_notice: None,
            ..sign_up(Role::Customer)
        };
        let result = use_case(p).run(None, input).await;
        assert!(matches!(
            result,
            Err(RegisterError::PrivacyNoticeNotAccepted)
        ));
    }

    #[tokio::test]
    async fn an_admin_opens_an_account_without_the_owner_s_consent_on_record() {
        let input = Registration {
            privacy_notice: None,
            ..sign_up(Role::Customer)
        };
        let user = use_case(accepting())
            .run(Some(&an_admin().actor()), input)
            .await
            .unwrap();
        assert_eq!(user.privacy_consent, None);
    }

    #[tokio::test]
    async fn a_new_provider_gets_an_empty_schedule_with_the_default_policy() {
        let mut p = accepting();
        p.schedules
            .expect_put()
            .withf(|_, s| *s == Schedule::default())
            .times(1)
            .returning(|_, _| Ok(()));
        let user = use_case(p)
            .run(None, sign_up(Role::Provider))
            .await
            .unwrap();
        assert_eq!(user.role, Role::Provider);
    }

    #[tokio::test]
    async fn staff_accounts_cannot_be_signed_up_for() {
        for role in [Role::Admin, Role::Support] {
            let mut p = accepting();
            p.users = MockUserStore::new();
            p.users.expect_insert().never();
            let result = use_case(p).run(None, sign_up(role)).await;
            assert!(matches!(result, Err(RegisterError::Forbidden)), "{role:?}");
        }
    }

    #[tokio::test]
    async fn a_signed_in_customer_cannot_sign_someone_else_up() {
        let result = use_case(accepting())
            .run(Some(&a_customer().actor()), sign_up(Role::Customer))
            .await;
        assert!(matches!(result, Err(RegisterError::Forbidden)));
    }

    #[tokio::test]
    async fn an_admin_may_create_a_customer_account() {
        let result = use_case(accepting())
            .run(Some(&an_admin().actor()), sign_up(Role::Customer))
            .await;
        assert!(result.is_ok());
    }

    #[tokio::test]
    async fn a_taken_email_is_reported_as_such() {
        let mut p = accepting();
        p.users = MockUserStore::new();
        p.users
            .expect_insert()
            .returning(|_, _| Err(RepoError::Conflict));
        let result = use_case(p).run(None, sign_up(Role::Customer)).await;
        assert!(matches!(result, Err(RegisterError::EmailTaken)));
    }
}
