//! Login throttling: failed attempts are counted per account and per client address in the
//! shared rate-limit counters (every instance on the database counts together); past the
//! limit, logins are refused without checking the password. [`attempt_login`] checks credentials
//! under it for the login page and the API alike.

use std::net::IpAddr;

use application::authenticate::AuthenticateError;
use application::ports::RepoError;
use domain::User;
use poem::Request;

use crate::limits::{Limits, address_subject};
use crate::state::SharedState;

/// Whether a login for `account` (the normalised email) from `address` may be tried now.
///
/// # Errors
/// [`RepoError`] when the counters cannot be read.
pub async fn allows(
    limits: &Limits,
    account: &str,
    address: Option<IpAddr>,
) -> Result<bool, RepoError> {
    let doors = limits.doors;
    Ok(limits.admits(doors.login_account, account).await?
        && limits
            .admits(doors.login_client, &address_subject(address))
            .await?)
}

/// Records a failed login (and counts it in `bys_login_failures_total`).
///
/// # Errors
/// [`RepoError`] when the counters cannot be updated.
pub async fn failed(
    limits: &Limits,
    account: &str,
    address: Option<IpAddr>,
) -> Result<(), RepoError> {
    metrics::counter!("bys_login_failures_total", "reason" => "wrong_credentials").increment(1);
    let doors = limits.doors;
    let address = address_subject(address);
    limits
        .record(&[
            (doors.login_account, account),
            (doors.login_client, &address),
        ])
        .await
}

/// Forgets the account's failures after a successful login (the address keeps its count,
/// so one valid account cannot be used to reset guessing at others).
///
/// # Errors
/// [`RepoError`] when the counter cannot be removed.
pub async fn succeeded(limits: &Limits, account: &str) -> Result<(), RepoError> {
    limits.clear(limits.doors.login_account, account).await
}

/// How a login attempt ended.
#[allow(clippy::large_enum_variant)] // one per login, moved once: boxing buys nothing
pub enum LoginOutcome {
    /// The credentials are right.
    LoggedIn(User),
    /// Wrong credentials or a deactivated account, with the catalogue key of the message.
    Refused(&'static str),
    /// Too many recent failures.
    Throttled,
}

/// A login attempt failed on our side.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Checking the credentials failed.
    #[error(transparent)]
    Authenticate(#[from] AuthenticateError),
    /// The failed-login counters could not be read or updated.
    #[error("login throttle unavailable")]
    Throttle(#[from] RepoError),
}

/// How a password check under the throttle came out.
pub enum Checked<T, E> {
    /// Too many recent failures: the password was not checked.
    Throttled,
    /// The check ran; its outcome.
    Ran(Result<T, E>),
}

/// Runs `check`, which verifies a password its user typed (a login, or the confirmation of a
/// password or address change or of an erasure), under the login throttle of `account` (the normalised
/// email) and `address`: past the limit it is not run; a wrong password (`is_wrong`) counts as
/// a failed login and a success clears the account's count.
///
/// # Errors
/// [`RepoError`] when the counters cannot be read or updated.
pub async fn check_password<T, E>(
    limits: &Limits,
    account: &str,
    address: Option<IpAddr>,
    check: impl Future<Output = Result<T, E>>,
    is_wrong: impl Fn(&E) -> bool,
) -> Result<Checked<T, E>, RepoError> {
    if !allows(limits, account, address).await? {
        metrics::counter!("bys_login_failures_total", "reason" => "throttled").increment(1);
        return Ok(Checked::Throttled);
    }
    let outcome = check.await;
    match &outcome {
        Ok(_) => succeeded(limits, account).await?,
        Err(e) if is_wrong(e) => failed(limits, account, address).await?,
        Err(_) => {}
    }
    Ok(Checked::Ran(outcome))
}

/// Checks credentials under the throttle: per account and per client address.
///
/// # Errors
/// Backend failures, logged by the caller.
pub async fn attempt_login(
    state: &SharedState,
    req: &Request,
    email: &str,
    password: &str,
) -> Result<LoginOutcome, LoginError> {
    let account = email.trim().to_lowercase();
    let address = state.limits.client_address(req);
    let checked = check_password(
        &state.limits,
        &account,
        address,
        state.use_cases.authenticate.run(email, password),
        |e| matches!(e, AuthenticateError::InvalidCredentials),
    )
    .await?;
    match checked {
        Checked::Throttled => {
            tracing::warn!("login throttled");
            Ok(LoginOutcome::Throttled)
        }
        Checked::Ran(Ok(user)) => Ok(LoginOutcome::LoggedIn(user)),
        Checked::Ran(Err(AuthenticateError::InvalidCredentials)) => {
            Ok(LoginOutcome::Refused("h-acct-login-wrong-credentials"))
        }
        Checked::Ran(Err(AuthenticateError::Deactivated)) => {
            metrics::counter!("bys_login_failures_total", "reason" => "deactivated").increment(1);
            Ok(LoginOutcome::Refused("h-acct-login-deactivated"))
        }
        Checked::Ran(Err(e)) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use adapters::{MemoryRateLimits, SystemClock};
    use application::limit_attempts::LimitAttempts;

    use super::*;
    use crate::limits::Doors;

    fn limits() -> Limits {
        let mut settings = crate::settings::Settings::defaults().unwrap();
        settings.security.login_failures_per_account = 3;
        settings.security.login_failures_per_address = 5;
        let doors = Doors::from_settings(&settings.limits, &settings.security);
        let store = Arc::new(MemoryRateLimits::default());
        Limits::new(
            doors,
            LimitAttempts::new(store, Arc::new(SystemClock), true),
            None,
        )
    }

    #[allow(clippy::unnecessary_wraps)] // the throttle takes an optional address
    fn ip(last: u8) -> Option<IpAddr> {
        Some(IpAddr::from([10, 0, 0, last]))
    }

    #[tokio::test]
    async fn an_account_is_locked_after_its_failures() {
        let t = limits();
        for i in 0..3 {
            assert!(allows(&t, "ann@x.org", ip(i)).await.unwrap());
            failed(&t, "ann@x.org", ip(i)).await.unwrap();
        }
        assert!(!allows(&t, "ann@x.org", ip(9)).await.unwrap());
        assert!(allows(&t, "bob@x.org", ip(9)).await.unwrap());
    }

    #[tokio::test]
    async fn an_address_is_locked_after_failures_across_accounts() {
        let t = limits();
        for n in 0..5 {
            failed(&t, &format!("user{n}@x.org"), ip(1)).await.unwrap();
        }
        assert!(!allows(&t, "fresh@x.org", ip(1)).await.unwrap());
        assert!(allows(&t, "fresh@x.org", ip(2)).await.unwrap());
    }

    #[tokio::test]
    async fn a_successful_login_clears_the_account_but_not_the_address() {
        let t = limits();
        for _ in 0..3 {
            failed(&t, "ann@x.org", ip(1)).await.unwrap();
        }
        succeeded(&t, "ann@x.org").await.unwrap();
        assert!(allows(&t, "ann@x.org", ip(2)).await.unwrap());
        failed(&t, "a@x.org", ip(1)).await.unwrap();
        failed(&t, "b@x.org", ip(1)).await.unwrap();
        assert!(!allows(&t, "c@x.org", ip(1)).await.unwrap());
    }
}
