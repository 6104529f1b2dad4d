//! HTML rendering with tera. Templates are compiled into the binary and autoescaped.

use adapters::catalogue::{self, NamedLanguage};
use domain::Language;
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
    ("privacy.html", include_str!("../templates/privacy.html")),
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
        catalogue::register(&mut tera);
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
        context.insert("lang", &layout.lang);
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
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    /// The logged-in user, for the header.
    pub user: Option<LayoutUser>,
    /// The session's CSRF token, for forms (the header's logout form among them).
    pub csrf_token: Option<String>,
    /// A one-line message at the top of the page.
    pub notice: Option<String>,
    /// The page's language (`de`): `<html lang>` and every `t()` of the page.
    pub lang: String,
    /// The languages of the footer's switcher.
    pub languages: &'static [NamedLanguage],
}

impl Default for Layout {
    /// A visitor's layout in the marketplace's language.
    fn default() -> Self {
        Self::of(None, &catalogue::default_language())
    }
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
    /// The layout for a visitor with `session` (if they have one) reading `language`.
    pub fn of(session: Option<&SessionData>, language: &Language) -> Self {
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
            lang: language.as_str().to_owned(),
            languages: catalogue::named_languages(),
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
    use std::path::Path;

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

    /// Text a reader sees that may stay as it is in every language.
    const UNTRANSLATED: [&str; 2] = ["Book Your Services", "API"];

    /// Attributes whose values people read (or hear).
    const READ_ATTRIBUTES: [&str; 5] = ["placeholder", "title", "alt", "aria-label", "label"];

    /// `source` without the spans between each `open` and the following `close`.
    fn without(source: &str, open: &str, close: &str) -> String {
        let mut kept = String::new();
        let mut rest = source;
        while let Some(start) = rest.find(open) {
            kept.push_str(&rest[..start]);
            kept.push(' ');
            rest = rest[start..]
                .find(close)
                .map_or("", |end| &rest[start + end + close.len()..]);
        }
        kept.push_str(rest);
        kept
    }

    /// What a template shows that does not come from `t()`, a value or markup.
    fn untranslated(source: &str) -> Vec<String> {
        let mut plain = without(source, "{#", "#}");
        for (open, close) in [
            ("{%", "%}"),
            ("{{", "}}"),
            ("<script", "</script>"),
            ("<style", "</style>"),
        ] {
            plain = without(&plain, open, close);
        }
        let mut found = Vec::new();
        let mut text = String::new();
        let mut rest = plain.as_str();
        while let Some(start) = rest.find('<') {
            text.push_str(&rest[..start]);
            text.push(' ');
            let end = rest[start..]
                .find('>')
                .map_or(rest.len(), |e| start + e + 1);
            let tag = &rest[start..end];
            for attribute in READ_ATTRIBUTES {
                for value in tag.split(&format!(" {attribute}=\"")).skip(1) {
                    let value = value.split('"').next().unwrap_or_default();
                    if value.chars().any(char::is_alphabetic) {
                        found.push(format!("{attribute}=\"{value}\""));
                    }
                }
            }
            rest = &rest[end..];
        }
        text.push_str(rest);
        let text = without(&text, "&", ";");
        let text = UNTRANSLATED
            .iter()
            .fold(text, |t, allowed| t.replace(allowed, " "));
        found.extend(
            text.split_whitespace()
                .filter(|word| word.chars().any(char::is_alphabetic))
                // Paths and links shown as text.
                .filter(|word| !word.starts_with('/') && !word.contains("://"))
                .map(str::to_owned),
        );
        found
    }

    /// The literal keys of `t(key="...")` in `source` (not the prefixes of built keys,
    /// `t(key="status-" ~ a.status)`).
    fn keys(source: &str) -> Vec<&str> {
        source
            .split("t(key=\"")
            .skip(1)
            .filter_map(|rest| rest.split_once('"'))
            .filter(|(_, after)| !after.trim_start().starts_with('~'))
            .map(|(key, _)| key)
            .collect()
    }

    /// Every file under `folder`, recursively, as (path, text).
    fn files_under(folder: &Path) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                found.extend(files_under(&path));
            } else {
                found.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
        found
    }

    #[test]
    fn every_text_of_pages_and_mails_comes_from_the_catalogue() {
        let mut templates: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, source)| ((*name).to_owned(), (*source).to_owned()))
            .collect();
        templates.extend(files_under(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../adapters/templates/mail"),
        ));
        assert!(templates.len() > 70);
        for (name, source) in &templates {
            let bypass = untranslated(source);
            assert!(
                bypass.is_empty(),
                "{name} shows text outside the catalogue: {bypass:?}"
            );
            for key in keys(source) {
                assert!(
                    catalogue::has_message(key),
                    "{name} asks for {key:?}, which the catalogue lacks"
                );
            }
        }
    }

    #[test]
    fn the_bypass_check_finds_text_and_read_attributes() {
        let source = r#"{% if x %}<p title="Hello">{{ t(key="a") }} Book Your Services &middot; Hi</p>{% endif %}<input placeholder="{{ t(key="b") }}">{{ t(key="c-" ~ x) }}"#;
        assert_eq!(untranslated(source), ["title=\"Hello\"", "Hi"]);
        assert_eq!(keys(source), ["a", "b"]);
    }

    /// Files whose sentences are for operators, not for the people using the marketplace: the
    /// command line, the demo's made-up content and the metrics' help.
    const FOR_OPERATORS: [&str; 5] = ["commands.rs", "cli.rs", "demo.rs", "demo/", "prometheus.rs"];

    /// Lines whose sentences nobody using the marketplace reads: logs, failure contexts, lint
    /// reasons and the API document's description.
    const UNREAD: [&str; 7] = [
        "tracing::",
        "internal(",
        "expect(",
        "panic!",
        ".context(",
        "reason =",
        "const DESCRIPTION",
    ];

    /// The string literals of the Rust `source` (before its tests, outside comments and
    /// attributes) that read as a sentence: a capitalised word followed by a lower-case one.
    fn sentences(source: &str) -> Vec<String> {
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        let mut found = Vec::new();
        for line in code.lines().map(str::trim_start) {
            if line.starts_with("//")
                || line.starts_with("#[")
                || UNREAD.iter().any(|m| line.contains(m))
            {
                continue;
            }
            let mut rest = line;
            while let Some(start) = rest.find('"') {
                let after = &rest[start + 1..];
                let Some(end) = closing_quote(after) else {
                    break;
                };
                if reads_as_sentence(&after[..end]) {
                    found.push(after[..end].to_owned());
                }
                rest = &after[end + 1..];
            }
        }
        found
    }

    /// Where the literal that `text` continues ends (its unescaped `"`).
    fn closing_quote(text: &str) -> Option<usize> {
        let mut escaped = false;
        for (i, c) in text.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => return Some(i),
                _ => {}
            }
        }
        None
    }

    fn reads_as_sentence(literal: &str) -> bool {
        let mut words = literal.split(' ');
        let (Some(first), Some(second)) = (words.next(), words.next()) else {
            return false;
        };
        let mut letters = first.chars();
        letters.next().is_some_and(|c| c.is_ascii_uppercase())
            && first.len() >= 2
            && letters.all(|c| c.is_ascii_lowercase())
            && second.starts_with(|c: char| c.is_ascii_lowercase())
    }

    #[test]
    fn every_sentence_of_the_handlers_comes_from_the_catalogue() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let sources: Vec<(String, String)> = files_under(&root)
            .into_iter()
            .filter(|(name, _)| Path::new(name).extension().is_some_and(|e| e == "rs"))
            .collect();
        assert!(sources.len() > 50);
        for (name, source) in &sources {
            let relative = name
                .trim_start_matches(&*root.display().to_string())
                .trim_start_matches('/');
            if FOR_OPERATORS.iter().any(|f| relative.starts_with(f)) {
                continue;
            }
            let typed = sentences(source);
            assert!(
                typed.is_empty(),
                "{relative} shows text outside the catalogue: {typed:?}"
            );
        }
    }

    #[test]
    fn the_handler_check_finds_sentences_outside_logs_and_tests() {
        let source = r#"
            let title = "This form has expired";
            say(&language, "h-acct-saved"); // "A comment here"
            tracing::info!("Refused a form here");
            let quoted = "He said \"Hi there\"";
            let brand = "Book Your Services";
            #[cfg(test)]
            let later = "Only in tests";
        "#;
        assert_eq!(
            sentences(source),
            ["This form has expired", "He said \\\"Hi there\\\""]
        );
    }

    #[test]
    fn a_page_renders_in_the_visitor_s_language() {
        let templates = Templates::new().unwrap();
        let german = Layout::of(None, &Language::parse("de").unwrap());
        let html = templates
            .render(
                "login.html",
                &german,
                &serde_json::json!({"values": {"email": "", "next": ""}, "error": null}),
            )
            .unwrap();
        assert!(html.contains("<html lang=\"de\">"), "{html}");
        assert!(html.contains("Anmelden"), "{html}");
        assert!(html.contains(">Français</a>"), "{html}");
    }
}
