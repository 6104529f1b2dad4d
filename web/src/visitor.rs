//! Who is asking: the request's session (if any), and the session changes at login and logout.

use chrono::Utc;
use poem::http::StatusCode;
use poem::web::cookie::CookieJar;
use poem::{FromRequest, Request, RequestBody};

use application::ports::{RepoError, SessionData, SessionId, SessionUser};
use domain::Language;

use crate::language;
use crate::render::Layout;
use crate::session::CookiePolicy;
use crate::state::{AppState, SharedState};

/// The visitor of a request: their live session, if their cookie names one, and the language
/// their pages are in.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// The session id and data.
    pub session: Option<(SessionId, SessionData)>,
    /// Their account's language, else the switcher's cookie, else their browser's, else the
    /// marketplace's ([`language::of_request`]).
    pub language: Language,
}

impl Default for Visitor {
    fn default() -> Self {
        Self {
            session: None,
            language: adapters::catalogue::default_language(),
        }
    }
}

impl Visitor {
    /// The logged-in user, if any.
    pub fn user(&self) -> Option<&SessionUser> {
        self.session
            .as_ref()
            .and_then(|(_, data)| data.user.as_ref())
    }

    /// The logged-in user as the actor use cases receive.
    pub fn actor(&self) -> Option<application::Actor> {
        self.user().map(SessionUser::actor)
    }

    /// The session data, if any.
    pub fn data(&self) -> Option<&SessionData> {
        self.session.as_ref().map(|(_, data)| data)
    }

    /// The layout around this visitor's pages.
    pub fn layout(&self) -> Layout {
        Layout::of(self.data(), &self.language)
    }
}

/// A session store failure, already logged. It never means "signed out": a session whose
/// lookup failed is answered 503 (store out of reach) or 500, never treated as absent.
#[derive(Debug, thiserror::Error)]
#[error("the session store failed")]
pub struct SessionFailure {
    /// The store was out of reach (503), rather than broken (500).
    pub unavailable: bool,
}

impl SessionFailure {
    /// The status to answer.
    pub fn status(&self) -> StatusCode {
        if self.unavailable {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

impl From<SessionFailure> for poem::Error {
    fn from(e: SessionFailure) -> Self {
        let status = e.status();
        Self::new(e, status)
    }
}

impl<'a> FromRequest<'a> for Visitor {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let Some(state) = req.data::<SharedState>() else {
            return Ok(Self::default());
        };
        let mut visitor = load(state, req.cookie()).await?;
        visitor.language =
            language::of_request(req, visitor.user().and_then(|u| u.language.as_ref()));
        Ok(visitor)
    }
}

/// Loads the session the cookie names, sliding its expiry forward when half of its idle
/// lifetime has passed (so an active user stays logged in without a write per request).
/// The session's user is read from the account store each time: a role change applies on the
/// next request, and a deactivated (or removed) account's sessions end there.
///
/// # Errors
/// [`SessionFailure`] when a store fails (logged here).
pub async fn load(state: &AppState, jar: &CookieJar) -> Result<Visitor, SessionFailure> {
    let Some(id) = CookiePolicy::presented(jar) else {
        return Ok(Visitor::default());
    };
    let now = Utc::now();
    let Some(mut data) = state.sessions.load(&id.hash(), now).await.map_err(logged)? else {
        return Ok(Visitor::default());
    };
    if let Some(user) = &mut data.user {
        let current = state
            .use_cases
            .current_user
            .run(user.id)
            .await
            .map_err(|e| failure(&e, "reading the session's account failed"))?;
        let Some(account) = current else {
            state.sessions.remove(&id.hash()).await.map_err(logged)?;
            state.cookies.clear(jar);
            return Ok(Visitor::default());
        };
        user.role = account.role;
        account.name.as_str().clone_into(&mut user.name);
        user.language = account.language;
    }
    if data.expires_at - now < state.cookies.idle / 2 {
        data.expires_at = now + state.cookies.idle;
        state
            .sessions
            .save(&id.hash(), &data)
            .await
            .map_err(logged)?;
        state.cookies.set(jar, &id);
    }
    Ok(Visitor {
        session: Some((id, data)),
        ..Visitor::default()
    })
}

/// The visitor's session, created (anonymous, with a fresh CSRF token) if they have none, so
/// a form can carry its token.
///
/// # Errors
/// [`SessionFailure`] when the store fails.
pub async fn ensure_session(
    state: &AppState,
    jar: &CookieJar,
    visitor: Visitor,
) -> Result<(SessionId, SessionData), SessionFailure> {
    if let Some(session) = visitor.session {
        return Ok(session);
    }
    let (id, data) = fresh_session(state)?;
    state
        .sessions
        .save(&id.hash(), &data)
        .await
        .map_err(logged)?;
    state.cookies.set(jar, &id);
    Ok((id, data))
}

/// Logs `user` in: the old session (if any) ends and a new one with a new id and a new CSRF
/// token begins, so an id planted before login is worthless after it.
///
/// # Errors
/// [`SessionFailure`] when the store fails.
pub async fn log_in(
    state: &AppState,
    jar: &CookieJar,
    previous: Option<&SessionId>,
    user: SessionUser,
) -> Result<SessionData, SessionFailure> {
    if let Some(old) = previous {
        state.sessions.remove(&old.hash()).await.map_err(logged)?;
    }
    let (id, mut data) = fresh_session(state)?;
    data.user = Some(user);
    state
        .sessions
        .save(&id.hash(), &data)
        .await
        .map_err(logged)?;
    state.cookies.set(jar, &id);
    Ok(data)
}

/// Ends the visitor's session and clears the cookie.
///
/// # Errors
/// [`SessionFailure`] when the store fails.
pub async fn log_out(
    state: &AppState,
    jar: &CookieJar,
    visitor: &Visitor,
) -> Result<(), SessionFailure> {
    if let Some((id, _)) = &visitor.session {
        state.sessions.remove(&id.hash()).await.map_err(logged)?;
    }
    state.cookies.clear(jar);
    Ok(())
}

/// A new anonymous session with a new id, not yet stored.
fn fresh_session(state: &AppState) -> Result<(SessionId, SessionData), SessionFailure> {
    let random_failed =
        |e: application::ports::BackendError| failure(e.as_ref(), "the random source failed");
    let id = SessionId::generate().map_err(random_failed)?;
    let data = SessionData::anonymous(Utc::now() + state.cookies.idle).map_err(random_failed)?;
    Ok((id, data))
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(logged)`
fn logged(e: RepoError) -> SessionFailure {
    failure(&e, "session store failed")
}

/// Logs `error` once (a warning when the store is merely out of reach) as a [`SessionFailure`].
fn failure(error: &(dyn std::error::Error + 'static), context: &str) -> SessionFailure {
    SessionFailure {
        unavailable: crate::failure::log(error, context),
    }
}
