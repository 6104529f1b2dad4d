//! HTML rendering with tera. Templates are compiled into the binary and autoescaped.

use poem::http::StatusCode;
use poem::web::Html;
use poem::{IntoResponse, Response};
use serde::Serialize;
use tera::{Context, Tera};

use application::ports::{SessionData, SessionUser};

/// Every template, embedded so the binary runs from any directory.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    (
        "partials_actions.html",
        include_str!("../templates/partials_actions.html"),
    ),
    (
        "partials_row.html",
        include_str!("../templates/partials_row.html"),
    ),
    ("home.html", include_str!("../templates/home.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("service.html", include_str!("../templates/service.html")),
    ("book.html", include_str!("../templates/book.html")),
    ("series.html", include_str!("../templates/series.html")),
    ("waitlist.html", include_str!("../templates/waitlist.html")),
    (
        "waitlist_join.html",
        include_str!("../templates/waitlist_join.html"),
    ),
    (
        "series_booked.html",
        include_str!("../templates/series_booked.html"),
    ),
    ("review.html", include_str!("../templates/review.html")),
    (
        "review_action.html",
        include_str!("../templates/review_action.html"),
    ),
    (
        "partials_reviews.html",
        include_str!("../templates/partials_reviews.html"),
    ),
    (
        "admin/reviews.html",
        include_str!("../templates/admin/reviews.html"),
    ),
    (
        "appointment.html",
        include_str!("../templates/appointment.html"),
    ),
    (
        "reschedule.html",
        include_str!("../templates/reschedule.html"),
    ),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
    ("services.html", include_str!("../templates/services.html")),
    (
        "service_form.html",
        include_str!("../templates/service_form.html"),
    ),
    (
        "partials_policy.html",
        include_str!("../templates/partials_policy.html"),
    ),
    ("provider.html", include_str!("../templates/provider.html")),
    (
        "partials_picture.html",
        include_str!("../templates/partials_picture.html"),
    ),
    ("schedule.html", include_str!("../templates/schedule.html")),
    ("profile.html", include_str!("../templates/profile.html")),
    ("webhooks.html", include_str!("../templates/webhooks.html")),
    ("webhook.html", include_str!("../templates/webhook.html")),
    (
        "partials_webhook_form.html",
        include_str!("../templates/partials_webhook_form.html"),
    ),
    (
        "partials_webhook_list.html",
        include_str!("../templates/partials_webhook_list.html"),
    ),
    (
        "admin/webhooks.html",
        include_str!("../templates/admin/webhooks.html"),
    ),
    ("register.html", include_str!("../templates/register.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("error.html", include_str!("../templates/error.html")),
    (
        "forgot_password.html",
        include_str!("../templates/forgot_password.html"),
    ),
    (
        "photo_upload.html",
        include_str!("../templates/photo_upload.html"),
    ),
    (
        "calendar_feed.html",
        include_str!("../templates/calendar_feed.html"),
    ),
    (
        "reset_password.html",
        include_str!("../templates/reset_password.html"),
    ),
    (
        "verify_email.html",
        include_str!("../templates/verify_email.html"),
    ),
    (
        "unsubscribe.html",
        include_str!("../templates/unsubscribe.html"),
    ),
    (
        "delete_account.html",
        include_str!("../templates/delete_account.html"),
    ),
    (
        "admin/nav.html",
        include_str!("../templates/admin/nav.html"),
    ),
    (
        "admin/pager.html",
        include_str!("../templates/admin/pager.html"),
    ),
    (
        "admin/dashboard.html",
        include_str!("../templates/admin/dashboard.html"),
    ),
    (
        "admin/users.html",
        include_str!("../templates/admin/users.html"),
    ),
    (
        "admin/user.html",
        include_str!("../templates/admin/user.html"),
    ),
    (
        "admin/categories.html",
        include_str!("../templates/admin/categories.html"),
    ),
    (
        "admin/services.html",
        include_str!("../templates/admin/services.html"),
    ),
    (
        "admin/appointments.html",
        include_str!("../templates/admin/appointments.html"),
    ),
    (
        "admin/appointment.html",
        include_str!("../templates/admin/appointment.html"),
    ),
    (
        "admin/operations.html",
        include_str!("../templates/admin/operations.html"),
    ),
    (
        "admin/unlinked_calendars.html",
        include_str!("../templates/admin/unlinked_calendars.html"),
    ),
    (
        "admin/audit.html",
        include_str!("../templates/admin/audit.html"),
    ),
];

/// The compiled templates.
pub struct Templates(Tera);

/// A template failed to compile or render: a bug, reported as a 500.
#[derive(Debug, thiserror::Error)]
#[error("template {name}: {message}")]
pub struct TemplateError {
    name: String,
    message: String,
}

impl Templates {
    /// Compiles every embedded template with HTML autoescaping.
    ///
    /// # Errors
    /// [`TemplateError`] when a template does not compile.
    pub fn new() -> Result<Self, TemplateError> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        tera.add_raw_templates(TEMPLATES.iter().copied())
            .map_err(|e| TemplateError {
                name: "(all)".to_owned(),
                message: format!("{e:?}"),
            })?;
        Ok(Self(tera))
    }

    /// Renders `name` with `page` (available as `page`) and the `layout` values.
    ///
    /// # Errors
    /// [`TemplateError`] when rendering fails.
    pub fn render<T: Serialize>(
        &self,
        name: &str,
        layout: &Layout,
        page: &T,
    ) -> Result<String, TemplateError> {
        let mut context = Context::new();
        context.insert("layout", layout);
        context.insert("page", page);
        self.0.render(name, &context).map_err(|e| TemplateError {
            name: name.to_owned(),
            message: format!("{e:?}"),
        })
    }

    /// Renders `name` into a response with `status`; a rendering failure is logged once and
    /// becomes a bare 500.
    pub fn respond<T: Serialize>(
        &self,
        status: StatusCode,
        name: &str,
        layout: &Layout,
        page: &T,
    ) -> Response {
        match self.render(name, layout, page) {
            Ok(html) => Html(html).with_status(status).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "rendering failed");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}

/// What the base layout shows around every page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Layout {
    /// The logged-in user, for the header.
    pub user: Option<LayoutUser>,
    /// The session's CSRF token, for forms (the header's logout form among them).
    pub csrf_token: Option<String>,
    /// A one-line message at the top of the page.
    pub notice: Option<String>,
}

/// The logged-in user as the header shows them.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutUser {
    /// Their id, for links to their own pages.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role name (`customer`, `provider`, ...).
    pub role: &'static str,
}

impl Layout {
    /// The layout for a visitor with `session` (if they have one).
    pub fn of(session: Option<&SessionData>) -> Self {
        Self {
            user: session
                .and_then(|s| s.user.as_ref())
                .map(|u: &SessionUser| LayoutUser {
                    id: u.id.to_string(),
                    name: u.name.clone(),
                    role: u.role.as_str(),
                }),
            csrf_token: session.map(|s| s.csrf_token.clone()),
            notice: None,
        }
    }

    /// The same layout with a notice.
    #[must_use]
    pub fn with_notice(mut self, notice: impl Into<String>) -> Self {
        self.notice = Some(notice.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles() {
        Templates::new().unwrap();
    }

    #[test]
    fn values_are_html_escaped() {
        let templates = Templates::new().unwrap();
        let html = templates
            .render(
                "error.html",
                &Layout::default(),
                &serde_json::json!({"title": "<script>x</script>", "message": "a & b"}),
            )
            .unwrap();
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>x"));
    }
}
