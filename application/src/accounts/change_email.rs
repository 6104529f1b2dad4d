//! A signed-in user changes their email address, proving they know their password. The new
//! address is unverified until its link is opened.

use std::sync::Arc;

use domain::{Email, User};

use crate::actor::Actor;
use crate::ports::{
    AccountTokens, BackendError, PasswordHasher, RepoError, TokenPurpose, UserStore,
};

/// Why the address was not changed.
#[derive(Debug, thiserror::Error)]
pub enum ChangeEmailError {
    /// The current password given is wrong.
    #[error("the current password is wrong")]
    WrongPassword,
    /// The new address is the current one.
    #[error("this is already your email address")]
    SameAddress,
    /// Another account uses the new address.
    #[error("an account with this email address already exists")]
    EmailTaken,
    /// The account no longer exists.
    #[error("no such account")]
    UnknownUser,
    /// Verifying the password failed.
    #[error("could not check the password")]
    Hash(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Changes the acting user's own login and notification address. The verification of the old
/// address ends, and links mailed to it stop working; the caller then mails a link to the new
/// one ([`crate::send_verification::SendVerification`]).
pub struct ChangeEmail {
    users: Arc<dyn UserStore>,
    tokens: Arc<dyn AccountTokens>,
    hasher: Arc<dyn PasswordHasher>,
}

impl ChangeEmail {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        tokens: Arc<dyn AccountTokens>,
        hasher: Arc<dyn PasswordHasher>,
    ) -> Self {
        Self {
            users,
            tokens,
            hasher,
        }
    }

    /// Sets `actor`'s address to `email` if `password` is theirs; returns the updated user.
    ///
    /// # Errors
    /// See [`ChangeEmailError`].
    #[tracing::instrument(skip(self, actor, password, email), fields(user = %actor.id))]
    pub async fn run(
        &self,
        actor: &Actor,
        password: &str,
        email: Email,
    ) -> Result<User, ChangeEmailError> {
        let (user, hash) = match self.users.by_id(actor.id).await? {
            Some(user) => self
                .users
                .credentials(&user.email)
                .await?
                .ok_or(ChangeEmailError::UnknownUser)?,
            None => return Err(ChangeEmailError::UnknownUser),
        };
        let matches = self
            .hasher
            .verify(password, &hash)
            .await
            .map_err(ChangeEmailError::Hash)?;
        if !matches {
            return Err(ChangeEmailError::WrongPassword);
        }
        if user.email == email {
            return Err(ChangeEmailError::SameAddress);
        }
        let changed = User {
            email,
            email_verified_at: None,
            ..user
        };
        self.users.update(&changed).await.map_err(|e| match e {
            RepoError::Conflict => ChangeEmailError::EmailTaken,
            RepoError::NotFound => ChangeEmailError::UnknownUser,
            other => other.into(),
        })?;
        self.tokens
            .revoke(changed.id, TokenPurpose::EmailVerification)
            .await?;
        tracing::info!(user = %changed.id, to = %changed.email.redacted(), "email address changed");
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::PasswordHash;
    use crate::ports::account_tokens::MockAccountTokens;
    use crate::ports::password::MockPasswordHasher;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use mockall::predicate::eq;

    fn users_holding(user: User) -> MockUserStore {
        let mut users = MockUserStore::new();
        let found = user.clone();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(found.clone())));
        users.expect_credentials().returning(move |_| {
            Ok(Some((
                user.clone(),
                PasswordHash::from_phc("$argon2id$x".into()),
            )))
        });
        users
    }

    fn hasher_accepting(password: &'static str) -> MockPasswordHasher {
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_verify()
            .returning(move |given, _| Ok(given == password));
        hasher
    }

    fn use_case(users: MockUserStore, tokens: MockAccountTokens) -> ChangeEmail {
        ChangeEmail::new(
            Arc::new(users),
            Arc::new(tokens),
            Arc::new(hasher_accepting("right")),
        )
    }

    fn new_address() -> Email {
        Email::parse("new@example.org").unwrap()
    }

    #[tokio::test]
    async fn a_new_address_is_stored_unverified_and_old_links_stop_working() {
        let mut users = users_holding(a_customer().verified().build());
        users
            .expect_update()
            .withf(|u| u.email == new_address() && u.email_verified_at.is_none())
            .times(1)
            .returning(|_| Ok(()));
        let mut tokens = MockAccountTokens::new();
        tokens
            .expect_revoke()
            .with(
                eq(a_customer().build().id),
                eq(TokenPurpose::EmailVerification),
            )
            .times(1)
            .returning(|_, _| Ok(()));
        let changed = use_case(users, tokens)
            .run(&a_customer().actor(), "right", new_address())
            .await
            .unwrap();
        assert!(!changed.is_email_verified());
    }

    #[tokio::test]
    async fn a_wrong_password_changes_nothing() {
        let mut users = users_holding(a_customer().build());
        users.expect_update().never();
        let result = use_case(users, MockAccountTokens::new())
            .run(&a_customer().actor(), "wrong", new_address())
            .await;
        assert!(matches!(result, Err(ChangeEmailError::WrongPassword)));
    }

    #[tokio::test]
    async fn an_address_of_another_account_is_refused() {
        let mut users = users_holding(a_customer().build());
        users
            .expect_update()
            .returning(|_| Err(RepoError::Conflict));
        let mut tokens = MockAccountTokens::new();
        tokens.expect_revoke().never();
        let result = use_case(users, tokens)
            .run(&a_customer().actor(), "right", new_address())
            .await;
        assert!(matches!(result, Err(ChangeEmailError::EmailTaken)));
    }

    #[tokio::test]
    async fn the_same_address_again_is_refused() {
        let mut users = users_holding(a_customer().build());
        users.expect_update().never();
        let result = use_case(users, MockAccountTokens::new())
            .run(&a_customer().actor(), "right", a_customer().build().email)
            .await;
        assert!(matches!(result, Err(ChangeEmailError::SameAddress)));
    }
}
