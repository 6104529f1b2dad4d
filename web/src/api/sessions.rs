//! `/api/v1/session`: log in and out from a program.

use poem::Request;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::problem::{Problem, say};
use super::{ApiAuth, ApiTags, SessionAuth, presented_session};
use crate::login_throttle::{LoginOutcome, attempt_login};
use crate::state::SharedState;
use crate::visitor;
use application::ports::SessionUser;

/// Credentials.
#[derive(Debug, Object)]
pub struct Credentials {
    /// The account's email address.
    pub email: String,
    /// Its password.
    #[oai(write_only)]
    pub password: String,
}

/// The logged-in user.
#[derive(Debug, Object)]
pub struct Me {
    /// User id.
    pub id: uuid::Uuid,
    /// Display name.
    pub name: String,
    /// `customer`, `provider`, `support` or `admin`.
    pub role: String,
}

/// Logged in.
#[derive(Debug, ApiResponse)]
pub enum LoggedIn {
    /// The session cookie is set.
    #[oai(status = 200)]
    Ok(Json<Me>),
}

/// Logged out.
#[derive(Debug, ApiResponse)]
pub enum LoggedOut {
    /// The session is over and the cookie cleared.
    #[oai(status = 204)]
    Done,
}

/// Session endpoints.
pub struct SessionsApi;

#[OpenApi(tag = "ApiTags::Sessions")]
impl SessionsApi {
    /// Log in: sets the `bys_session` cookie. Failed attempts are throttled per account and
    /// per client address (429).
    #[oai(path = "/session", method = "post")]
    async fn log_in(
        &self,
        state: Data<&SharedState>,
        req: &Request,
        body: Json<Credentials>,
    ) -> Result<LoggedIn, Problem> {
        let outcome = attempt_login(&state, req, &body.email, &body.password)
            .await
            .map_err(|e| Problem::internal(&e, "login failed"))?;
        match outcome {
            LoginOutcome::LoggedIn(user) => {
                let previous = presented_session(req);
                let who = SessionUser::from(&user);
                visitor::log_in(&state, req.cookie(), previous.as_ref(), who.clone())
                    .await
                    .map_err(Problem::from)?;
                Ok(LoggedIn::Ok(Json(Me {
                    id: who.id.as_uuid(),
                    name: who.name,
                    role: who.role.as_str().to_owned(),
                })))
            }
            LoginOutcome::Refused(key) => Err(Problem::login_refused(say(key))),
            LoginOutcome::Throttled => Err(Problem::too_many_requests(
                say("h-acct-login-throttled"),
                None,
            )),
        }
    }

    /// The calling user (by session cookie or API token).
    #[oai(path = "/session", method = "get")]
    #[allow(clippy::unused_async)] // operations are async by poem-openapi's contract
    async fn me(&self, auth: ApiAuth) -> Result<Json<Me>, Problem> {
        let user = auth.user();
        Ok(Json(Me {
            id: user.id.as_uuid(),
            name: user.name.clone(),
            role: user.role.as_str().to_owned(),
        }))
    }

    /// Log out: ends the session and clears the cookie.
    #[oai(path = "/session", method = "delete")]
    async fn log_out(
        &self,
        state: Data<&SharedState>,
        req: &Request,
        _auth: SessionAuth,
    ) -> Result<LoggedOut, Problem> {
        let visitor = visitor::load(&state, req.cookie())
            .await
            .map_err(Problem::from)?;
        visitor::log_out(&state, req.cookie(), &visitor)
            .await
            .map_err(Problem::from)?;
        Ok(LoggedOut::Done)
    }
}
