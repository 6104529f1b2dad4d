//! Someone signs in with their email address and password.

use std::sync::Arc;

use domain::{Email, User};

use crate::ports::{BackendError, PasswordHasher, RepoError, UserStore};

/// Why signing in failed.
#[derive(Debug, thiserror::Error)]
pub enum AuthenticateError {
    /// Unknown address, malformed address or wrong password: deliberately one case, so the
    /// answer does not reveal which addresses have accounts.
    #[error("wrong email address or password")]
    InvalidCredentials,
    /// The password was right but the account is deactivated.
    #[error("this account is deactivated")]
    Deactivated,
    /// Verifying the password failed.
    #[error("could not check the password")]
    Hash(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Checks credentials and returns the user to start a session for. Anonymous by nature: there is
/// no acting user yet. Rate limiting is the web layer's job.
pub struct Authenticate {
    users: Arc<dyn UserStore>,
    hasher: Arc<dyn PasswordHasher>,
}

impl Authenticate {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, hasher: Arc<dyn PasswordHasher>) -> Self {
        Self { users, hasher }
    }

    /// The user with `email` if `password` is theirs.
    ///
    /// # Errors
    /// See [`AuthenticateError`].
    #[tracing::instrument(skip_all)]
    pub async fn run(&self, email: &str, password: &str) -> Result<User, AuthenticateError> {
        let email = Email::parse(email).map_err(|_| AuthenticateError::InvalidCredentials)?;
        let Some((user, hash)) = self.users.credentials(&email).await? else {
            // As slow as a wrong password, so the answer does not tell who has an account.
            let _ = self.hasher.verify(password, &self.hasher.decoy()).await;
            return Err(AuthenticateError::InvalidCredentials);
        };
        let matches = self
            .hasher
            .verify(password, &hash)
            .await
            .map_err(AuthenticateError::Hash)?;
        if !matches {
            return Err(AuthenticateError::InvalidCredentials);
        }
        // Checked after the password, so only the account holder learns it is deactivated.
        if !user.active {
            return Err(AuthenticateError::Deactivated);
        }
        tracing::debug!(user = %user.id, "signed in");
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::PasswordHash;
    use crate::ports::password::MockPasswordHasher;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use mockall::predicate::eq;

    fn users_with(user: Option<User>) -> MockUserStore {
        let mut users = MockUserStore::new();
        users.expect_credentials().returning(move |_| {
            Ok(user
                .clone()
                .map(|u| (u, PasswordHash::from_phc("h".into()))))
        });
        users
    }

    fn hasher_accepting(password: &'static str) -> MockPasswordHasher {
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_verify()
            .returning(move |given, _| Ok(given == password));
        hasher
            .expect_decoy()
            .return_const(PasswordHash::from_phc("decoy".into()));
        hasher
    }

    fn use_case(users: MockUserStore, hasher: MockPasswordHasher) -> Authenticate {
        Authenticate::new(Arc::new(users), Arc::new(hasher))
    }

    #[tokio::test]
    async fn the_right_password_returns_the_user() {
        let mut users = MockUserStore::new();
        users
            .expect_credentials()
            .with(eq(Email::parse("customer@example.org").unwrap()))
            .returning(|_| {
                Ok(Some((
                    a_customer().build(),
                    PasswordHash::from_phc("h".into()),
                )))
            });
        let user = use_case(users, hasher_accepting("secret pw"))
            .run(" Customer@Example.org ", "secret pw")
            .await
            .unwrap();
        assert_eq!(user, a_customer().build());
    }

    #[tokio::test]
    async fn a_wrong_password_is_invalid_credentials() {
        let result = use_case(
            users_with(Some(a_customer().build())),
            hasher_accepting("secret pw"),
        )
        .run("customer@example.org", "guess")
        .await;
        assert!(matches!(result, Err(AuthenticateError::InvalidCredentials)));
    }

    #[tokio::test]
    async fn an_unknown_email_is_the_same_invalid_credentials() {
        let result = use_case(users_with(None), hasher_accepting("secret pw"))
            .run("nobody@example.org", "secret pw")
            .await;
        assert!(matches!(result, Err(AuthenticateError::InvalidCredentials)));
    }

    #[tokio::test]
    async fn an_unknown_email_still_verifies_a_password_against_the_decoy() {
        let decoy = PasswordHash::from_phc("decoy".into());
        let mut hasher = MockPasswordHasher::new();
        hasher.expect_decoy().return_const(decoy.clone());
        hasher
            .expect_verify()
            .withf(move |given, hash| given == "secret pw" && *hash == decoy)
            .times(1)
            .returning(|_, _| Ok(false));
        let result = use_case(users_with(None), hasher)
            .run("nobody@example.org", "secret pw")
            .await;
        assert!(matches!(result, Err(AuthenticateError::InvalidCredentials)));
    }

    #[tokio::test]
    async fn a_malformed_email_is_the_same_invalid_credentials() {
        let mut users = MockUserStore::new();
        users.expect_credentials().never();
        let result = use_case(users, hasher_accepting("secret pw"))
            .run("not an address", "secret pw")
            .await;
        assert!(matches!(result, Err(AuthenticateError::InvalidCredentials)));
    }

    #[tokio::test]
    async fn a_deactivated_account_is_refused_with_its_own_error() {
        let result = use_case(
            users_with(Some(a_customer().inactive().build())),
            hasher_accepting("secret pw"),
        )
        .run("customer@example.org", "secret pw")
        .await;
        assert!(matches!(result, Err(AuthenticateError::Deactivated)));
    }

    #[tokio::test]
    async fn a_deactivated_account_with_a_wrong_password_reveals_nothing() {
        let result = use_case(
            users_with(Some(a_customer().inactive().build())),
            hasher_accepting("secret pw"),
        )
        .run("customer@example.org", "guess")
        .await;
        assert!(matches!(result, Err(AuthenticateError::InvalidCredentials)));
    }
}
