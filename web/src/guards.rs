//! Who may enter a page, said in the handler's signature. Each extractor loads the visitor and
//! answers the login redirect, the 403 page or the 404 page itself, so a handler starts with
//! the actor and the layout in hand.

use std::ops::Deref;
use std::str::FromStr;

use application::Actor;
use domain::Role;
use poem::http::{Method, StatusCode};
use poem::web::Path;
use poem::{FromRequest, Request, RequestBody, Response};
use serde::Deserialize;

use crate::pages::{language_of, not_found, redirect, say};
use crate::render::Layout;
use crate::state::SharedState;
use crate::visitor::Visitor;

/// A signed-in visitor of any role. Anyone else is sent to log in and come back here.
#[derive(Debug)]
pub struct SignedIn {
    /// Who acts.
    pub actor: Actor,
    /// The layout around the page.
    pub layout: Layout,
    /// The visitor's session, for handlers that change it.
    pub visitor: Visitor,
}

impl SignedIn {
    /// The signed-in visitor, or `None` for anyone else.
    fn of(visitor: Visitor) -> Option<Self> {
        let actor = visitor.actor()?;
        Some(Self {
            actor,
            layout: visitor.layout(),
            visitor,
        })
    }
}

impl<'a> FromRequest<'a> for SignedIn {
    async fn from_request(req: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let visitor = Visitor::from_request(req, body).await?;
        Self::of(visitor).ok_or_else(|| answer(to_login(req, None)))
    }
}

/// A signed-in provider. Anonymous visitors are sent to log in; other roles to their
/// dashboard.
#[derive(Debug)]
pub struct Provider {
    /// The provider.
    pub actor: Actor,
    /// The layout around the page.
    pub layout: Layout,
}

impl<'a> FromRequest<'a> for Provider {
    async fn from_request(req: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let SignedIn { actor, layout, .. } = SignedIn::from_request(req, body).await?;
        if actor.role == Role::Provider {
            Ok(Self { actor, layout })
        } else {
            Err(answer(redirect("/dashboard")))
        }
    }
}

/// A staff member (admin or support) on an admin page, whose layout shows the notice a
/// redirect after a change names with `?done=…`. Anonymous visitors are sent to log in and
/// come back; everyone else gets a 403 page.
#[derive(Debug)]
pub struct Staff {
    /// The staff member.
    pub actor: Actor,
    /// The layout around the page, with the notice.
    pub layout: Layout,
}

impl<'a> FromRequest<'a> for Staff {
    async fn from_request(req: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let visitor = Visitor::from_request(req, body).await?;
        let Some(SignedIn {
            actor, mut layout, ..
        }) = SignedIn::of(visitor)
        else {
            // After logging in, only a page (not a form's target) is worth coming back to.
            return Err(answer(to_login(req, Some("/admin"))));
        };
        if !actor.is_staff() {
            let Some(state) = req.data::<SharedState>() else {
                return Err(poem::Error::from_status(StatusCode::FORBIDDEN));
            };
            return Err(answer(not_allowed(state, &layout)));
        }
        if let Some(notice) = req
            .uri()
            .query()
            .and_then(|q| serde_urlencoded::from_str::<NoticeQuery>(q).ok())
            .and_then(|q| notice_key(&q.done))
        {
            let notice = say(&language_of(&layout), notice);
            layout = layout.with_notice(notice);
        }
        Ok(Self { actor, layout })
    }
}

/// The id in the path, parsed; a path whose id does not parse gets the 404 page.
#[derive(Debug, Clone, Copy)]
pub struct PathId<T>(pub T);

impl<T> Deref for PathId<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<'a, T: FromStr + Send> FromRequest<'a> for PathId<T> {
    async fn from_request(req: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let Path(raw) = Path::<String>::from_request(req, body).await?;
        if let Ok(id) = raw.parse() {
            return Ok(Self(id));
        }
        let Some(state) = req.data::<SharedState>() else {
            return Err(poem::Error::from_status(StatusCode::NOT_FOUND));
        };
        let visitor = Visitor::from_request(req, body).await?;
        Err(answer(not_found(state, &visitor.layout())))
    }
}

/// A page that answers instead of the handler.
fn answer(page: Response) -> poem::Error {
    poem::Error::from_response(page)
}

/// The login page, coming back here afterwards: to this address, or for a request other than
/// a `GET` to `fallback` when there is one. The original address, since nested routes see
/// their path without their prefix.
fn to_login(req: &Request, fallback: Option<&str>) -> Response {
    let here = match fallback {
        Some(fallback) if req.method() != Method::GET => fallback,
        _ => req
            .original_uri()
            .path_and_query()
            .map_or("/", |p| p.as_str()),
    };
    let query = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
    redirect(&format!("/login?{query}"))
}

/// The admin area's 403 page.
pub(crate) fn not_allowed(state: &SharedState, layout: &Layout) -> Response {
    crate::pages::forbidden_said(
        state,
        layout,
        "h-admin-not-allowed-title",
        "h-admin-not-allowed-message",
    )
}

#[derive(Deserialize)]
struct NoticeQuery {
    #[serde(default)]
    done: String,
}

/// The catalogue key of the notice a redirect after an admin change names with `?done=…`;
/// fixed texts, so nothing from the address is echoed.
fn notice_key(done: &str) -> Option<&'static str> {
    Some(match done {
        "saved" => "h-admin-notice-saved",
        "deactivated" => "h-admin-notice-deactivated",
        "reactivated" => "h-admin-notice-reactivated",
        "reset" => "h-admin-notice-reset",
        "staff" => "h-admin-notice-staff",
        "created" => "h-admin-notice-created",
        "cancelled" => "h-admin-notice-cancelled",
        "retried" => "h-admin-notice-retried",
        "resynced" => "h-admin-notice-resynced",
        "deleted" => "h-admin-notice-deleted",
        "hidden" => "h-admin-notice-hidden",
        "restored" => "h-admin-notice-restored",
        _ => return None,
    })
}
