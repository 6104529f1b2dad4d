//! The authorization matrix: every route of the app, requested by seven visitors (anonymous,
//! customers A and B, providers X and Y, support and admin staff), each answer asserted.
//! Resources in the paths belong to A and X, so B and Y exercise someone else's data.
//!
//! The routes are read from the code (`.at(…)`/`.nest(…)` in `web/src/**/*.rs`, and the
//! operations of `/api/openapi.json`), so a new route without a row here fails the test.
//! Adding a row is one line in [`ROWS`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use domain::{Role, Service, User};
use reqwest::{Client, Method, StatusCode};
use serde_json::Value;

use crate::helpers::{
    TestApp, book_first, browser, completed_appointment, form_token, settings_in, spawn_with,
};
use crate::wiring::{multipart, png};

/// Sent to log in: a 303 to `/login…` from a page, a 401 from the API.
const L: u16 = 1;

/// The visitors, in the order of each row's expectations.
const ROLES: [&str; 7] = ["anonymous", "A", "B", "X", "Y", "support", "admin"];

/// One request and what each visitor gets: `(route, path, body, [anonymous, A, B, X, Y,
/// support, admin])`. The route is `METHOD pattern` as in the code; in the path and body,
/// `{a}` `{b}` `{x}` `{y}` are user ids, `{sx}` `{sy}` X's and Y's services, `{appt}` an
/// appointment of A with X, `{fresh}` a new one of A with X for each request, `{done}` a
/// completed one of A with X and `{review}` A's review of it, `{slot}` a free
/// start of `{sx}`, `{feed}` A's calendar feed file, `{victim}` a customer nobody else uses,
/// `{category}` a category, `{delivery}` a failed delivery, `{freshdelivery}` one failed for
/// each request, `{hook}` `{message}` `{freshhook}` webhooks (see their rows), `{n}` a new
/// number. Page bodies are
/// form fields (the CSRF token is added; photo uploads send a small PNG), API
/// bodies JSON. Rows needing a session of their own
/// (it ends it) say so with a route starting with `!`.
#[rustfmt::skip]
const ROWS: &[(&str, &str, &str, [u16; 7])] = &[
    // Public pages.
    ("GET /", "/", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /search", "/search?q=cut", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /services/:id", "/services/{sx}", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /providers/:id", "/providers/{x}", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /register", "/register", "", [200, 200, 200, 200, 200, 200, 200]),
    ("POST /register", "/register", "", [422, 422, 422, 422, 422, 422, 422]),
    ("GET /privacy", "/privacy", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /language", "/language?set=de", "", [303, 303, 303, 303, 303, 303, 303]),
    ("GET /login", "/login", "", [200, 200, 200, 200, 200, 200, 200]),
    ("POST /login", "/login", "email=nobody{n}%40example.org&password=wrong+password", [401, 401, 401, 401, 401, 401, 401]),
    ("!POST /logout", "/logout", "", [303, 303, 303, 303, 303, 303, 303]),
    ("GET /forgot-password", "/forgot-password", "", [200, 200, 200, 200, 200, 200, 200]),
    ("POST /forgot-password", "/forgot-password", "email=nobody%40example.org", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /reset-password/:token", "/reset-password/not-a-token", "", [200, 200, 200, 200, 200, 200, 200]),
    ("POST /reset-password/:token", "/reset-password/not-a-token", "password=a+long+new+password", [404, 404, 404, 404, 404, 404, 404]),
    // Booking.
    ("GET /services/:id/book", "/services/{sx}/book?start={slot}", "", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /services/:id/book", "/services/{sx}/book", "start={slot}", [L, 303, 303, 403, 403, 403, 403]),
    ("GET /services/:id/series", "/services/{sx}/series?start={slot}&every=4&times=2", "", [L, 200, 200, 403, 403, 403, 403]),
    ("POST /services/:id/series", "/services/{sx}/series", "start={slot}&every=4&times=2&choice=only_free", [L, 200, 200, 403, 403, 403, 403]),
    // Dashboards and the customer's appointments.
    ("GET /dashboard", "/dashboard", "", [L, 200, 200, 200, 200, 303, 303]),
    ("GET /appointments/:id", "/appointments/{appt}", "", [L, 200, 403, 200, 403, 200, 200]),
    ("GET /appointments/:id", "/appointments/{appt}.ics", "", [L, 200, 403, 200, 403, 200, 200]),
    ("POST /appointments/:id/cancel", "/appointments/{fresh}/cancel", "", [L, 303, 403, 303, 403, 303, 303]),
    ("POST /appointments/:id/cancel-following", "/appointments/{fresh}/cancel-following", "", [L, 303, 403, 303, 403, 303, 303]),
    // A start far past the horizon: refused beside the field (422) for those who may move it.
    ("POST /appointments/:id/move-following", "/appointments/{fresh}/move-following", "start=2099-01-05T10%3A00", [L, 422, 403, 422, 403, 403, 422]),
    ("POST /appointments/:id/cancel-class", "/appointments/{fresh}/cancel-class", "", [L, 403, 403, 303, 403, 303, 303]),
    ("POST /appointments/:id/status", "/appointments/{fresh}/status", "change=complete", [L, 403, 403, 422, 403, 403, 422]),
    // No move was proposed: the customer hears so (409); only the customer may answer.
    ("POST /appointments/:id/move", "/appointments/{fresh}/move", "change=decline", [L, 409, 403, 403, 403, 403, 403]),
    // The waitlist: only customers join (a window already over is refused), a hold only its customer answers.
    ("GET /services/:id/waitlist", "/services/{sx}/waitlist", "", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /services/:id/waitlist", "/services/{sx}/waitlist", "first_day=2020-01-06&last_day=2020-01-06&from=09%3A00&until=10%3A00&zone=UTC", [L, 422, 422, 403, 403, 403, 403]),
    ("GET /waitlist", "/waitlist", "", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /waitlist/:id/leave", "/waitlist/00000000-0000-0000-0000-000000000000/leave", "", [L, 404, 404, 404, 404, 404, 404]),
    ("POST /appointments/:id/hold", "/appointments/{appt}/hold", "change=accept", [L, 404, 403, 404, 403, 404, 404]),
    ("GET /appointments/:id/reschedule", "/appointments/{appt}/reschedule?start={slot}", "", [L, 200, 403, 200, 403, 200, 200]),
    ("POST /appointments/:id/reschedule", "/appointments/{fresh}/reschedule", "start={slot}", [L, 303, 403, 303, 403, 403, 303]),
    // Reviews: A's completed appointment with X, reviewed by A.
    ("GET /appointments/:id/review", "/appointments/{done}/review", "", [L, 200, 403, 403, 403, 403, 403]),
    ("POST /appointments/:id/review", "/appointments/{done}/review", "stars=4&text=Fine", [L, 303, 403, 403, 403, 403, 403]),
    ("POST /reviews/:id/reply", "/reviews/{review}/reply", "text=Thank+you", [L, 403, 403, 303, 403, 403, 403]),
    ("GET /reviews/:id/report", "/reviews/{review}/report", "", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /reviews/:id/report", "/reviews/{review}/report", "text=Rude+words", [L, 303, 303, 303, 303, 303, 303]),
    // Account.
    ("GET /account", "/account", "", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /account", "/account", "", [L, 422, 422, 422, 422, 422, 422]),
    ("POST /account/password", "/account/password", "current_password=wrong&new_password=x", [L, 422, 422, 422, 422, 422, 422]),
    ("POST /account/email", "/account/email", "email=new{n}%40example.org&password=wrong", [L, 422, 422, 422, 422, 422, 422]),
    ("POST /account/verification", "/account/verification", "", [L, 303, 303, 303, 303, 303, 303]),
    // One's own data; a wrong password deletes nothing (it counts as a failed login).
    ("GET /account/export", "/account/export", "", [L, 200, 200, 200, 200, 200, 200]),
    ("GET /account/delete", "/account/delete", "", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /account/delete", "/account/delete", "password=wrong+password", [L, 422, 422, 422, 422, 422, 422]),
    // Providers only; without a Google key configured (as here) adding answers 422 "not set up".
    ("POST /account/busy-calendars", "/account/busy-calendars", "calendar_id=x%40gmail.com", [L, 403, 403, 422, 422, 403, 403]),
    ("POST /account/busy-calendars/remove", "/account/busy-calendars/remove", "calendar_id=x%40gmail.com", [L, 403, 403, 303, 303, 403, 403]),
    ("GET /account/verify/:token", "/account/verify/not-a-token", "", [404, 404, 404, 404, 404, 404, 404]),
    ("GET /unsubscribe/review-requests/:token", "/unsubscribe/review-requests/not-a-token", "", [404, 404, 404, 404, 404, 404, 404]),
    ("POST /unsubscribe/review-requests/:token", "/unsubscribe/review-requests/0000000000000000000000000000000000000000000000000000000000000000", "", [404, 404, 404, 404, 404, 404, 404]),
    ("POST /account/api-tokens", "/account/api-tokens", "name=Script+{n}", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /account/api-tokens/:id/revoke", "/account/api-tokens/00000000-0000-0000-0000-000000000000/revoke", "", [L, 404, 404, 404, 404, 404, 404]),
    ("GET /calendar/:file", "/calendar/{feed}", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /calendar/:file", "/calendar/0000000000000000.ics", "", [404, 404, 404, 404, 404, 404, 404]),
    // Google's and Graph's push notifications: authenticated by the channel token, never by a
    // session.
    ("POST /hooks/google/calendar", "/hooks/google/calendar", "", [400, 400, 400, 400, 400, 400, 400]),
    ("POST /hooks/microsoft/calendar", "/hooks/microsoft/calendar", "", [400, 400, 400, 400, 400, 400, 400]),
    ("POST /account/calendar-feed", "/account/calendar-feed", "", [L, 200, 200, 200, 200, 404, 404]),
    ("POST /account/calendar-feed/revoke", "/account/calendar-feed/revoke", "", [L, 200, 200, 200, 200, 200, 200]),
    ("GET /account/photo", "/account/photo", "", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /account/photo", "/account/photo", "", [L, 303, 303, 303, 303, 303, 303]),
    // Provider pages.
    ("GET /provider", "/provider", "", [303, 303, 303, 303, 303, 303, 303]),
    ("GET /provider/services", "/provider/services", "", [L, 303, 303, 200, 200, 303, 303]),
    ("POST /provider/services", "/provider/services", "", [L, 303, 303, 422, 422, 303, 303]),
    ("GET /provider/services/new", "/provider/services/new", "", [L, 303, 303, 200, 200, 303, 303]),
    ("POST /provider/services/:id", "/provider/services/{sx}", "name=Haircut&description=Wash+and+cut.&duration=60&buffer_before=0&buffer_after=0&price=25&currency=EUR", [L, 303, 303, 303, 403, 303, 303]),
    ("GET /provider/services/:id/edit", "/provider/services/{sx}/edit", "", [L, 303, 303, 200, 403, 303, 303]),
    ("POST /provider/services/:id/active", "/provider/services/{sx}/active", "active=true", [L, 303, 303, 303, 403, 303, 303]),
    ("GET /services/:id/photo", "/services/{sx}/photo", "", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /services/:id/photo", "/services/{sx}/photo", "", [L, 403, 403, 303, 403, 403, 303]),
    ("GET /provider/schedule", "/provider/schedule", "", [L, 303, 303, 200, 200, 303, 303]),
    ("POST /provider/schedule/hours", "/provider/schedule/hours", "d0_s0=09:00&d0_e0=17:00&d1_s0=09:00&d1_e0=17:00&d2_s0=09:00&d2_e0=17:00&d3_s0=09:00&d3_e0=17:00&d4_s0=09:00&d4_e0=17:00&d5_s0=09:00&d5_e0=17:00&d6_s0=09:00&d6_e0=17:00", [L, 303, 303, 303, 303, 303, 303]),
    ("POST /provider/schedule/overrides", "/provider/schedule/overrides", "", [L, 303, 303, 422, 422, 303, 303]),
    ("POST /provider/schedule/policy", "/provider/schedule/policy", "", [L, 303, 303, 422, 422, 303, 303]),
    // Webhook pages: {hook} is X's endpoint; the forms' empty bodies are refused beside the
    // fields (422) for those who may register or change, which support may not.
    ("GET /account/webhooks", "/account/webhooks", "", [L, 403, 403, 200, 200, 200, 200]),
    ("POST /account/webhooks", "/account/webhooks", "", [L, 403, 403, 422, 422, 403, 422]),
    ("GET /account/webhooks/:id", "/account/webhooks/{hook}", "", [L, 404, 404, 200, 404, 200, 200]),
    ("POST /account/webhooks/:id", "/account/webhooks/{hook}", "url=https%3A%2F%2F93.184.215.14%2Fhooks&event.appointment.booked=on&enabled=on", [L, 404, 404, 303, 404, 403, 303]),
    ("POST /account/webhooks/:id/rotate", "/account/webhooks/{hook}/rotate", "", [L, 404, 404, 200, 404, 403, 200]),
    ("POST /account/webhooks/:id/ping", "/account/webhooks/{hook}/ping", "", [L, 404, 404, 303, 404, 403, 303]),
    ("POST /account/webhooks/:id/resend", "/account/webhooks/{hook}/resend", "message={message}", [L, 404, 404, 303, 404, 403, 303]),
    ("POST /account/webhooks/:id/delete", "/account/webhooks/{freshhook}/delete", "", [L, 404, 404, 303, 404, 403, 303]),
    // Administration.
    ("GET /admin", "/admin", "", [L, 403, 403, 403, 403, 200, 200]),
    ("GET /admin/users", "/admin/users", "", [L, 403, 403, 403, 403, 200, 200]),
    ("GET /admin/users/:id", "/admin/users/{a}", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /admin/users/:id", "/admin/users/{victim}", "name=Vic+Tim&email=vic{n}%40example.org&role=customer", [L, 403, 403, 403, 403, 403, 303]),
    ("POST /admin/users/:id/active", "/admin/users/{victim}/active", "active=true", [L, 403, 403, 403, 403, 403, 303]),
    ("POST /admin/users/:id/reset", "/admin/users/{victim}/reset", "", [L, 403, 403, 403, 403, 403, 303]),
    ("POST /admin/staff", "/admin/staff", "email=staff{n}%40example.org&name=New+Staff&role=support&password=a+long+password", [L, 403, 403, 403, 403, 403, 303]),
    ("GET /admin/categories", "/admin/categories", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /admin/categories", "/admin/categories", "name=Cat+{n}&position=9", [L, 403, 403, 403, 403, 403, 303]),
    ("POST /admin/categories/:id", "/admin/categories/{category}", "name=Renamed+{n}&position=9", [L, 403, 403, 403, 403, 403, 303]),
    ("GET /admin/services", "/admin/services", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /admin/services/:id/deactivate", "/admin/services/{sy}/deactivate", "", [L, 403, 403, 403, 403, 403, 303]),
    ("GET /admin/appointments", "/admin/appointments", "", [L, 403, 403, 403, 403, 200, 200]),
    ("GET /admin/appointments/:id", "/admin/appointments/{appt}", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /admin/appointments/:id/cancel", "/admin/appointments/{fresh}/cancel", "reason=Ill", [L, 403, 403, 403, 403, 303, 303]),
    ("GET /admin/operations", "/admin/operations", "", [L, 403, 403, 403, 403, 200, 200]),
    ("GET /admin/calendars/unlinked", "/admin/calendars/unlinked", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /admin/calendars/unlinked/delete", "/admin/calendars/unlinked/delete", "calendar_id=nope", [L, 403, 403, 403, 403, 403, 404]),
    ("POST /admin/calendars/:id/delete", "/admin/calendars/{x}/delete", "", [L, 403, 403, 403, 403, 403, 409]),
    ("POST /admin/deliveries/:id/retry", "/admin/deliveries/{delivery}/retry", "", [L, 403, 403, 403, 403, 403, 303]),
    ("POST /admin/calendars/:id/resync", "/admin/calendars/{x}/resync", "", [L, 403, 403, 403, 403, 403, 303]),
    ("GET /admin/audit", "/admin/audit", "", [L, 403, 403, 403, 403, 200, 200]),
    ("GET /admin/reviews", "/admin/reviews", "", [L, 403, 403, 403, 403, 200, 200]),
    ("GET /admin/webhooks", "/admin/webhooks", "", [L, 403, 403, 403, 403, 200, 200]),
    ("GET /admin/reviews/:id", "/admin/reviews/{review}", "", [L, 403, 403, 403, 403, 200, 200]),
    // Support hides it first, so the admin's second hide (and restore) is refused as moot.
    ("POST /admin/reviews/:id/hide", "/admin/reviews/{review}/hide", "reason=Spam+link", [L, 403, 403, 403, 403, 303, 422]),
    ("POST /admin/reviews/:id/restore", "/admin/reviews/{review}/restore", "reason=Not+spam", [L, 403, 403, 403, 403, 303, 422]),
    // JSON API.
    ("GET /api/openapi.json", "/api/openapi.json", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /api/docs", "/api/docs", "", [200, 200, 200, 200, 200, 200, 200]),
    ("POST /api/v1/session", "/api/v1/session", "{}", [400, 400, 400, 400, 400, 400, 400]),
    ("GET /api/v1/session", "/api/v1/session", "", [L, 200, 200, 200, 200, 200, 200]),
    ("!DELETE /api/v1/session", "/api/v1/session", "", [L, 204, 204, 204, 204, 204, 204]),
    ("GET /api/v1/me/export", "/api/v1/me/export", "", [L, 200, 200, 200, 200, 200, 200]),
    ("GET /api/v1/services", "/api/v1/services", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /api/v1/languages", "/api/v1/languages", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /api/v1/services/:id", "/api/v1/services/{sx}", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /api/v1/services/:id/slots", "/api/v1/services/{sx}/slots", "", [200, 200, 200, 200, 200, 200, 200]),
    ("POST /api/v1/appointments", "/api/v1/appointments", r#"{"service_id":"{sx}","start":"{slot}"}"#, [L, 201, 201, 403, 403, 403, 403]),
    ("GET /api/v1/appointments", "/api/v1/appointments", "", [L, 200, 200, 200, 200, 200, 200]),
    ("GET /api/v1/appointments/:id", "/api/v1/appointments/{appt}", "", [L, 200, 403, 200, 403, 200, 200]),
    ("POST /api/v1/appointments/:id/cancel", "/api/v1/appointments/{fresh}/cancel", "{}", [L, 200, 403, 200, 403, 200, 200]),
    ("POST /api/v1/appointments/:id/cancel-following", "/api/v1/appointments/{fresh}/cancel-following", "{}", [L, 200, 403, 200, 403, 200, 200]),
    ("POST /api/v1/appointments/:id/cancel-class", "/api/v1/appointments/{fresh}/cancel-class", "{}", [L, 403, 403, 200, 403, 200, 200]),
    ("POST /api/v1/series/preview", "/api/v1/series/preview", r#"{"service_id":"{sx}","start":"{slot}","every_weeks":4,"count":2}"#, [L, 200, 200, 403, 403, 403, 403]),
    ("POST /api/v1/series", "/api/v1/series", r#"{"service_id":"{sx}","start":"{slot}","every_weeks":4,"count":2,"choice":"only_free"}"#, [L, 201, 201, 403, 403, 403, 403]),
    ("POST /api/v1/appointments/:id/move-following", "/api/v1/appointments/{fresh}/move-following", r#"{"start":"{slot}"}"#, [L, 200, 403, 200, 403, 403, 200]),
    ("POST /api/v1/appointments/:id/reschedule", "/api/v1/appointments/{fresh}/reschedule", r#"{"start":"{slot}"}"#, [L, 200, 403, 200, 403, 403, 200]),
    ("GET /api/v1/services/:id/reviews", "/api/v1/services/{sx}/reviews", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /api/v1/providers/:id/reviews", "/api/v1/providers/{x}/reviews", "", [200, 200, 200, 200, 200, 200, 200]),
    ("PUT /api/v1/appointments/:id/review", "/api/v1/appointments/{done}/review", r#"{"stars":3,"text":"Good"}"#, [L, 200, 403, 403, 403, 403, 403]),
    ("PUT /api/v1/reviews/:id/reply", "/api/v1/reviews/{review}/reply", r#"{"text":"Thanks"}"#, [L, 403, 403, 200, 403, 403, 403]),
    // The page rows' reports were closed when support hid the review (admin section).
    ("POST /api/v1/reviews/:id/reports", "/api/v1/reviews/{review}/reports", r#"{"reason":"Rude words"}"#, [L, 201, 201, 201, 201, 201, 201]),
    ("GET /api/v1/moderation/reviews", "/api/v1/moderation/reviews", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /api/v1/moderation/reviews/:id/hide", "/api/v1/moderation/reviews/{review}/hide", r#"{"reason":"Spam link"}"#, [L, 403, 403, 403, 403, 200, 422]),
    ("POST /api/v1/moderation/reviews/:id/restore", "/api/v1/moderation/reviews/{review}/restore", r#"{"reason":"Not spam"}"#, [L, 403, 403, 403, 403, 200, 422]),
    // Webhooks: {hook} is X's endpoint, {message} a message queued to it, {freshhook} a new
    // endpoint of X per request. Endpoints one may not read are not found; support only reads.
    ("GET /api/v1/webhooks", "/api/v1/webhooks", "", [L, 403, 403, 200, 200, 200, 200]),
    ("POST /api/v1/webhooks", "/api/v1/webhooks", r#"{"url":"https://93.184.215.14/hooks","events":["appointment.booked"]}"#, [L, 403, 403, 201, 201, 403, 201]),
    ("GET /api/v1/webhooks/:id", "/api/v1/webhooks/{hook}", "", [L, 404, 404, 200, 404, 200, 200]),
    ("PUT /api/v1/webhooks/:id", "/api/v1/webhooks/{hook}", r#"{"url":"https://93.184.215.14/hooks","events":["appointment.booked"]}"#, [L, 404, 404, 200, 404, 403, 200]),
    ("DELETE /api/v1/webhooks/:id", "/api/v1/webhooks/{freshhook}", "", [L, 404, 404, 204, 404, 403, 204]),
    ("POST /api/v1/webhooks/:id/rotate-secret", "/api/v1/webhooks/{hook}/rotate-secret", "", [L, 404, 404, 200, 404, 403, 200]),
    ("GET /api/v1/webhooks/:id/attempts", "/api/v1/webhooks/{hook}/attempts", "", [L, 404, 404, 200, 404, 200, 200]),
    ("POST /api/v1/webhooks/:id/messages/:message_id/resend", "/api/v1/webhooks/{hook}/messages/{message}/resend", "", [L, 404, 404, 202, 404, 403, 202]),
    ("POST /api/v1/webhooks/:id/ping", "/api/v1/webhooks/{hook}/ping", "", [L, 404, 404, 202, 404, 403, 202]),
    // Accounts: anyone may sign up; the rest acts on one's own account only. The profile
    // and password bodies are refused (an unknown zone, a wrong password), changing nothing.
    ("POST /api/v1/accounts", "/api/v1/accounts", r#"{"name":"New Person","email":"new{n}@example.org","password":"a long password","role":"customer","accept_privacy_notice":true}"#, [201, 201, 201, 201, 201, 201, 201]),
    ("GET /api/v1/me", "/api/v1/me", "", [L, 200, 200, 200, 200, 200, 200]),
    ("PUT /api/v1/me", "/api/v1/me", r#"{"name":"Some Name","zone":"Mars/Olympus"}"#, [L, 422, 422, 422, 422, 422, 422]),
    ("PUT /api/v1/me/password", "/api/v1/me/password", r#"{"current_password":"wrong","new_password":"a long new password"}"#, [L, 422, 422, 422, 422, 422, 422]),
    ("POST /api/v1/password-resets", "/api/v1/password-resets", r#"{"email":"nobody@example.org"}"#, [202, 202, 202, 202, 202, 202, 202]),
    ("GET /api/v1/me/tokens", "/api/v1/me/tokens", "", [L, 200, 200, 200, 200, 200, 200]),
    ("POST /api/v1/me/tokens", "/api/v1/me/tokens", r#"{"name":"Script {n}"}"#, [L, 201, 201, 201, 201, 201, 201]),
    ("POST /api/v1/services/:id/waitlist", "/api/v1/services/{sx}/waitlist", r#"{"first_day":"2020-01-06","last_day":"2020-01-06","from":"09:00","until":"10:00","zone":"UTC"}"#, [L, 422, 422, 403, 403, 403, 403]),
    ("GET /api/v1/waitlist", "/api/v1/waitlist", "", [L, 200, 200, 200, 200, 200, 200]),
    ("DELETE /api/v1/waitlist/:id", "/api/v1/waitlist/00000000-0000-0000-0000-000000000000", "", [L, 404, 404, 404, 404, 404, 404]),
    ("POST /api/v1/appointments/:id/hold", "/api/v1/appointments/{appt}/hold", r#"{"answer":"accept"}"#, [L, 404, 404, 404, 404, 404, 404]),
    ("DELETE /api/v1/me/tokens/:id", "/api/v1/me/tokens/00000000-0000-0000-0000-000000000000", "", [L, 404, 404, 404, 404, 404, 404]),
    // A provider's own things: only providers have them, each their own ({sx} is X's; the
    // bodies repeat what X has, so later rows see the same hours and policy). Admins may
    // only take a service off.
    ("GET /api/v1/provider/services", "/api/v1/provider/services", "", [L, 403, 403, 200, 200, 403, 403]),
    ("POST /api/v1/provider/services", "/api/v1/provider/services", r#"{"name":"Extra {n}","duration_minutes":30,"price":{"amount":"10","currency":"EUR"}}"#, [L, 403, 403, 201, 201, 403, 403]),
    ("GET /api/v1/provider/services/:id", "/api/v1/provider/services/{sx}", "", [L, 403, 403, 200, 404, 403, 403]),
    ("PUT /api/v1/provider/services/:id", "/api/v1/provider/services/{sx}", r#"{"name":"Haircut","description":"Wash and cut.","duration_minutes":60,"price":{"amount":"25","currency":"EUR"}}"#, [L, 403, 403, 200, 404, 403, 403]),
    ("PUT /api/v1/provider/services/:id/active", "/api/v1/provider/services/{sx}/active", r#"{"active":true}"#, [L, 403, 403, 200, 403, 403, 403]),
    ("POST /api/v1/provider/services/:id/photo", "/api/v1/provider/services/{sx}/photo", "", [L, 403, 403, 200, 403, 403, 200]),
    ("GET /api/v1/provider/hours", "/api/v1/provider/hours", "", [L, 403, 403, 200, 200, 403, 403]),
    ("PUT /api/v1/provider/hours", "/api/v1/provider/hours", r#"{"monday":[{"start":"09:00","end":"17:00"}],"tuesday":[{"start":"09:00","end":"17:00"}],"wednesday":[{"start":"09:00","end":"17:00"}],"thursday":[{"start":"09:00","end":"17:00"}],"friday":[{"start":"09:00","end":"17:00"}],"saturday":[{"start":"09:00","end":"17:00"}],"sunday":[{"start":"09:00","end":"17:00"}]}"#, [L, 403, 403, 200, 200, 403, 403]),
    ("GET /api/v1/provider/overrides", "/api/v1/provider/overrides", "", [L, 403, 403, 200, 200, 403, 403]),
    // A date long past: setting its hours is refused by the date rules; giving it back to the
    // weekly hours is harmless (nothing to remove).
    ("PUT /api/v1/provider/overrides/:date", "/api/v1/provider/overrides/2020-01-06", r#"{"intervals":[]}"#, [L, 403, 403, 422, 422, 403, 403]),
    ("DELETE /api/v1/provider/overrides/:date", "/api/v1/provider/overrides/2020-01-06", "", [L, 403, 403, 204, 204, 403, 403]),
    ("GET /api/v1/provider/policy", "/api/v1/provider/policy", "", [L, 403, 403, 200, 200, 403, 403]),
    ("PUT /api/v1/provider/policy", "/api/v1/provider/policy", r#"{"min_notice_minutes":60,"horizon_days":90,"change_cutoff_minutes":720,"auto_confirm":true}"#, [L, 403, 403, 200, 200, 403, 403]),
    ("POST /api/v1/appointments/:id/status", "/api/v1/appointments/{fresh}/status", r#"{"change":"complete"}"#, [L, 403, 403, 422, 403, 403, 422]),
    // The public directory.
    ("GET /api/v1/categories", "/api/v1/categories", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /api/v1/providers/:id", "/api/v1/providers/{x}", "", [200, 200, 200, 200, 200, 200, 200]),
    // Staff API: the admin pages' use cases, so the pages' answers: staff read, support also
    // cancels, everything else is for admins. {freshdelivery} is a delivery failed for the
    // request (the page row retried {delivery}).
    ("GET /api/v1/staff/users", "/api/v1/staff/users?role=customer&active=true&q=example&page=1&per_page=10", "", [L, 403, 403, 403, 403, 200, 200]),
    ("GET /api/v1/staff/users/:id", "/api/v1/staff/users/{a}", "", [L, 403, 403, 403, 403, 200, 200]),
    ("PUT /api/v1/staff/users/:id/role", "/api/v1/staff/users/{victim}/role", r#"{"role":"customer"}"#, [L, 403, 403, 403, 403, 403, 200]),
    ("PUT /api/v1/staff/users/:id/active", "/api/v1/staff/users/{victim}/active", r#"{"active":true}"#, [L, 403, 403, 403, 403, 403, 200]),
    ("GET /api/v1/staff/categories", "/api/v1/staff/categories", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /api/v1/staff/categories", "/api/v1/staff/categories", r#"{"name":"Api Cat {n}","position":9}"#, [L, 403, 403, 403, 403, 403, 201]),
    ("PUT /api/v1/staff/categories/:id", "/api/v1/staff/categories/{category}", r#"{"name":"Api Renamed {n}","position":9,"active":true}"#, [L, 403, 403, 403, 403, 403, 200]),
    ("GET /api/v1/staff/appointments", "/api/v1/staff/appointments?status=confirmed&provider={x}&customer={a}", "", [L, 403, 403, 403, 403, 200, 200]),
    ("GET /api/v1/staff/appointments/:id", "/api/v1/staff/appointments/{appt}", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /api/v1/staff/appointments/:id/cancel", "/api/v1/staff/appointments/{fresh}/cancel", r#"{"reason":"Ill"}"#, [L, 403, 403, 403, 403, 200, 200]),
    ("GET /api/v1/staff/deliveries", "/api/v1/staff/deliveries", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /api/v1/staff/deliveries/:id/retry", "/api/v1/staff/deliveries/{freshdelivery}/retry", "", [L, 403, 403, 403, 403, 403, 202]),
    ("GET /api/v1/staff/calendars", "/api/v1/staff/calendars", "", [L, 403, 403, 403, 403, 200, 200]),
    ("POST /api/v1/staff/calendars/:id/resync", "/api/v1/staff/calendars/{x}/resync", "", [L, 403, 403, 403, 403, 403, 200]),
    ("GET /api/v1/staff/audit", "/api/v1/staff/audit?page=1&per_page=5", "", [L, 403, 403, 403, 403, 200, 200]),
    // Files and health.
    ("GET /images/*path", "/images/services/none.webp", "", [404, 404, 404, 404, 404, 404, 404]),
    ("GET /assets/app.css", "/assets/app.css", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /assets/app.js", "/assets/app.js", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /assets/icon.svg", "/assets/icon.svg", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /assets/zones.json", "/assets/zones.json", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /favicon.ico", "/favicon.ico", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /healthz", "/healthz", "", [200, 200, 200, 200, 200, 200, 200]),
    ("GET /readyz", "/readyz", "", [200, 200, 200, 200, 200, 200, 200]),
    // Off by default; when on, only scrapers with the bearer token (or on its own port).
    ("GET /metrics", "/metrics", "", [404, 404, 404, 404, 404, 404, 404]),
];

/// The source folder of the web crate.
fn sources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The calls `.NAME(…)` in `text`: their argument text, parentheses balanced.
fn calls<'t>(text: &'t str, name: &str) -> Vec<&'t str> {
    let opening = format!(".{name}(");
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(&opening) {
        let args = &rest[at + opening.len()..];
        let mut depth = 1;
        let end = args
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(args.len(), |(i, _)| i);
        found.push(&args[..end]);
        rest = &args[end..];
    }
    found
}

/// The first string literal of `args`.
fn literal(args: &str) -> &str {
    let start = args.find('"').expect("a path literal") + 1;
    let end = start + args[start..].find('"').unwrap();
    &args[start..end]
}

/// The HTTP methods an endpoint expression routes (`get(…).post(…)`); a bare endpoint
/// (a spec or docs service) counts as GET.
fn methods(endpoint: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = ["get", "post", "put", "patch", "delete"]
        .into_iter()
        .filter(|m| {
            endpoint.match_indices(&format!("{m}(")).any(|(i, _)| {
                i == 0 || !endpoint[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        })
        .map(|m| match m {
            "get" => "GET",
            "post" => "POST",
            "put" => "PUT",
            "patch" => "PATCH",
            _ => "DELETE",
        })
        .collect();
    if found.is_empty() {
        found.push("GET");
    }
    found
}

/// The file of module `module` as named from `file`: a child module, else a crate module.
fn module_file(file: &Path, module: &str) -> PathBuf {
    let child = file.with_extension("").join(format!("{module}.rs"));
    if child.is_file() {
        child
    } else {
        sources().join(format!("{module}.rs"))
    }
}

/// Every `METHOD pattern` the router serves, read from the code: `.at(…)` in every source
/// file, under the prefix its file's `routes()` is nested at; the API's operations from its
/// `OpenAPI` document.
fn routes_in_code(openapi: &Value) -> BTreeSet<String> {
    let mut files = Vec::new();
    let mut folders = vec![sources()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let texts: BTreeMap<PathBuf, String> = files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            // Unit tests may build routes of their own.
            let code = text.split("#[cfg(test)]").next().unwrap().to_owned();
            (f, code)
        })
        .collect();
    // Where each file's `routes()` is nested, and the mounts that are not `routes()`.
    let mut nested_in: BTreeMap<PathBuf, (PathBuf, String)> = BTreeMap::new();
    let mut mounts = Vec::new();
    for (file, text) in &texts {
        for args in calls(text, "nest") {
            let prefix = literal(args).to_owned();
            let target = args[args.find(',').unwrap() + 1..].trim();
            match target.split_once("::routes(") {
                Some((module, _)) => {
                    nested_in.insert(module_file(file, module.trim()), (file.clone(), prefix));
                }
                None => mounts.push((file.clone(), prefix)),
            }
        }
    }
    let prefix_of = |file: &Path| {
        let mut prefix = String::new();
        let mut at = file.to_path_buf();
        while let Some((parent, p)) = nested_in.get(&at) {
            prefix.insert_str(0, p);
            at.clone_from(parent);
        }
        prefix
    };
    let mut routes = BTreeSet::new();
    for (file, text) in &texts {
        for args in calls(text, "at") {
            let pattern = literal(args);
            let endpoint = &args[args.find(',').unwrap() + 1..];
            for method in methods(endpoint) {
                let full = format!("{}{pattern}", prefix_of(file));
                let full = if full.len() > 1 {
                    full.trim_end_matches('/').to_owned()
                } else {
                    full
                };
                routes.insert(format!("{method} {full}"));
            }
        }
    }
    let api_prefix = openapi["servers"][0]["url"]
        .as_str()
        .and_then(|u| u.find("/api/").map(|i| u[i..].to_owned()))
        .expect("the API's server URL");
    for (file, prefix) in mounts {
        let mount = format!("{}{prefix}", prefix_of(&file));
        if mount == api_prefix {
            for (path, operations) in openapi["paths"].as_object().unwrap() {
                let pattern = path.replace('{', ":").replace('}', "");
                for method in operations.as_object().unwrap().keys() {
                    routes.insert(format!("{} {mount}{pattern}", method.to_uppercase()));
                }
            }
        } else {
            routes.insert(format!("GET {mount}"));
        }
    }
    routes
}

/// The people and things the rows name.
struct World {
    app: TestApp,
    people: [Option<User>; 7],
    service_x: Service,
    service_y: Service,
    appointment: String,
    feed: String,
    victim: User,
    category: String,
    delivery: String,
    /// A's completed appointment with X, and A's review of it.
    reviewed: (String, String),
    /// X's webhook endpoint and a message queued to it.
    hook: (String, String),
    /// X's free starts over the next weeks, handed out in turn.
    free_slots: Vec<String>,
    slots_used: AtomicUsize,
}

async fn world() -> World {
    // No workers: the booking's deliveries wait in the queue, one of them to be failed here.
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    // Customer A books afresh for every route that needs an appointment of their own.
    settings.limits.bookings_per_customer_per_hour = 0;
    // Every visitor signs up, mistypes passwords and calls the whole API, all from one address.
    settings.limits.registrations_per_client_per_hour = 0;
    settings.limits.api_requests_per_client_per_minute = 0;
    settings.security.login_failures_per_address = 1_000;
    settings.workers.enabled = false;
    let app = spawn_with(settings, dir).await;
    let (x, service_x) = app.provider_with_service("x@example.org").await;
    let (y, service_y) = app.provider_with_service("y@example.org").await;
    let a = app.customer("a@example.org").await;
    let b = app.customer("b@example.org").await;
    let victim = app.customer("victim@example.org").await;
    let support = app.staff(Role::Support, "support@example.org").await;
    let admin = app.staff(Role::Admin, "admin@example.org").await;
    let a_client = app.logged_in("a@example.org").await;
    let appointment = book_first(&app, &a_client, &service_x).await;
    let feed = feed_of(&app, &a_client).await;
    let category = app.seeder.category("Matrix", 9).await.unwrap().to_string();
    let delivery = failed_delivery(&app).await;
    let reviewed = reviewed(&app, &service_x, &a).await;
    let hook = webhook_of(&app, &x).await;
    let message = app
        .stores
        .webhooks
        .enqueue(hook, domain::WebhookEvent::Ping, "{}", chrono::Utc::now())
        .await
        .unwrap();
    let hook = (hook.to_string(), message.to_string());
    let free_slots = free_starts(&app, &service_x).await;
    World {
        people: [
            None,
            Some(a),
            Some(b),
            Some(x),
            Some(y),
            Some(support),
            Some(admin),
        ],
        app,
        service_x,
        service_y,
        appointment,
        feed,
        victim,
        category,
        delivery,
        reviewed,
        hook,
        free_slots,
        slots_used: AtomicUsize::new(0),
    }
}

/// The free starts of `service` over the next 60 days.
async fn free_starts(app: &TestApp, service: &Service) -> Vec<String> {
    let from = chrono::Utc::now();
    let to = from + chrono::TimeDelta::days(60);
    let slots: Value = browser()
        .get(app.url(&format!("/api/v1/services/{}/slots", service.id)))
        .query(&[("from", from.to_rfc3339()), ("to", to.to_rfc3339())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect()
}

/// A's calendar feed file name, issued through the account page's form.
async fn feed_of(app: &TestApp, client: &Client) -> String {
    let token = form_token(client, app, "/forgot-password").await;
    let page = client
        .post(app.url("/account/calendar-feed"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = page.find("/calendar/").expect("the feed address") + "/calendar/".len();
    let end = start + page[start..].find('"').unwrap();
    page[start..end].to_owned()
}

/// The id of a delivery marked failed (so staff may retry it).
async fn failed_delivery(app: &TestApp) -> String {
    use chrono::{TimeDelta, Utc};
    let deliveries = &app.stores.deliveries;
    let claimed = deliveries
        .claim(Utc::now(), 1, TimeDelta::minutes(5))
        .await
        .unwrap();
    let delivery = claimed.first().expect("a queued delivery of the booking");
    deliveries
        .give_up(delivery, Utc::now(), "550 matrix")
        .await
        .unwrap();
    delivery.id.to_string()
}

/// A completed appointment of `customer` with `service` two days ago, and the customer's
/// review of it: `(appointment id, review id)`.
async fn reviewed(app: &TestApp, service: &Service, customer: &User) -> (String, String) {
    use domain::{Review, ReviewId, Stars};
    let appointment = completed_appointment(app, service, customer).await;
    let review = Review::write(
        ReviewId::from_uuid(uuid::Uuid::now_v7()),
        &appointment,
        customer.id,
        Stars::new(2).unwrap(),
        None,
        chrono::Utc::now(),
    )
    .unwrap();
    app.stores.reviews.insert(&review).await.unwrap();
    (appointment.id.to_string(), review.id.to_string())
}

/// A new webhook endpoint of `owner` (stored directly: its address is never posted to).
async fn webhook_of(app: &TestApp, owner: &User) -> domain::WebhookEndpointId {
    use domain::{
        EventTypes, WebhookDescription, WebhookEndpoint, WebhookEndpointId, WebhookScope,
        WebhookSecret, WebhookUrl,
    };
    let endpoint = WebhookEndpoint {
        id: WebhookEndpointId::from_uuid(uuid::Uuid::now_v7()),
        owner: owner.id,
        scope: WebhookScope::Own,
        url: WebhookUrl::parse("https://93.184.215.14/hooks").unwrap(),
        description: WebhookDescription::parse("Matrix").unwrap(),
        events: EventTypes::parse(["appointment.booked"]).unwrap(),
        enabled: true,
        disabled_reason: None,
        secret: WebhookSecret::from_key(&[7; 32]).unwrap(),
        previous_secret: None,
        consecutive_failures: 0,
        created_at: chrono::Utc::now(),
    };
    app.stores.webhooks.insert(&endpoint).await.unwrap();
    endpoint.id
}

impl World {
    /// A client for visitor `role`: logged in through the API, or anonymous; either way with a
    /// session (so forms carry a CSRF token).
    async fn client(&self, role: usize) -> (Client, String) {
        let client = match &self.people[role] {
            Some(user) => self.app.logged_in(user.email.as_str()).await,
            None => browser(),
        };
        let token = form_token(&client, &self.app, "/forgot-password").await;
        (client, token)
    }

    /// A free start of X's service no row used yet.
    fn next_slot(&self) -> String {
        let n = self.slots_used.fetch_add(1, Ordering::SeqCst);
        self.free_slots.get(n).expect("enough free slots").clone()
    }

    /// `text` with its placeholders filled in for one request.
    async fn fill(&self, text: &str, a_client: &Client, n: usize) -> String {
        let id = |role: usize| self.people[role].as_ref().unwrap().id.to_string();
        let mut filled = text
            .replace("{a}", &id(1))
            .replace("{b}", &id(2))
            .replace("{x}", &id(3))
            .replace("{y}", &id(4))
            .replace("{sx}", &self.service_x.id.to_string())
            .replace("{sy}", &self.service_y.id.to_string())
            .replace("{appt}", &self.appointment)
            .replace("{feed}", &self.feed)
            .replace("{victim}", &self.victim.id.to_string())
            .replace("{category}", &self.category)
            .replace("{delivery}", &self.delivery)
            .replace("{done}", &self.reviewed.0)
            .replace("{review}", &self.reviewed.1)
            .replace("{hook}", &self.hook.0)
            .replace("{message}", &self.hook.1)
            .replace("{n}", &n.to_string());
        if filled.contains("{freshhook}") {
            let x = self.people[3].as_ref().unwrap();
            let hook = webhook_of(&self.app, x).await.to_string();
            filled = filled.replace("{freshhook}", &hook);
        }
        if filled.contains("{freshdelivery}") {
            let delivery = failed_delivery(&self.app).await;
            filled = filled.replace("{freshdelivery}", &delivery);
        }
        if filled.contains("{fresh}") {
            let booked: Value = self
                .app
                .book(a_client, &self.service_x, &self.next_slot(), None)
                .await
                .json()
                .await
                .unwrap();
            let id = booked["id"].as_str();
            filled = filled.replace("{fresh}", id.unwrap_or_else(|| panic!("{booked}")));
        }
        if filled.contains("{slot}") {
            let slot = self.next_slot();
            let slot = if text.starts_with("/api/") || text.starts_with('{') {
                slot
            } else {
                form_encoded(&slot)
            };
            filled = filled.replace("{slot}", &slot);
        }
        filled
    }
}

fn form_encoded(value: &str) -> String {
    serde_urlencoded::to_string([("", value)]).unwrap()[1..].to_owned()
}

/// What the visitor got, in the table's terms: [`L`] for a redirect to the login page or an
/// API 401, else the status.
fn outcome(response: &reqwest::Response, api: bool) -> u16 {
    let status = response.status();
    let to_login = status == StatusCode::SEE_OTHER
        && response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.starts_with("/login"));
    if to_login || (api && status == StatusCode::UNAUTHORIZED) {
        L
    } else {
        status.as_u16()
    }
}

#[tokio::test]
async fn every_route_answers_every_visitor_as_the_table_says() {
    let w = Box::pin(world()).await;
    let openapi: Value = browser()
        .get(w.app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let in_code = routes_in_code(&openapi);
    let in_table: BTreeSet<String> = ROWS
        .iter()
        .map(|(route, ..)| route.trim_start_matches('!').to_owned())
        .collect();
    let missing: Vec<&String> = in_code.difference(&in_table).collect();
    let stale: Vec<&String> = in_table.difference(&in_code).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "routes without a row in authorization.rs ROWS: {missing:?}; rows of no route: {stale:?}"
    );

    let mut clients = Vec::new();
    for role in 0..ROLES.len() {
        clients.push(w.client(role).await);
    }
    let a_client = clients[1].0.clone();
    let mut mismatches = String::new();
    let mut n = 0;
    for (route, path, body, expected) in ROWS {
        let (method, _) = route.trim_start_matches('!').split_once(' ').unwrap();
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let api = path.starts_with("/api/");
        for (role, want) in expected.iter().enumerate() {
            n += 1;
            let own;
            let (client, token) = if route.starts_with('!') {
                own = w.client(role).await;
                (&own.0, &own.1)
            } else {
                (&clients[role].0, &clients[role].1)
            };
            let url = w.app.url(&w.fill(path, &a_client, n).await);
            let mut request = client.request(method.clone(), url);
            if method != Method::GET {
                let body = w.fill(body, &a_client, n).await;
                request = if path.ends_with("/photo") {
                    let (content_type, photo) = multipart("photo", &png(64));
                    request
                        .header("content-type", content_type)
                        .header("X-CSRF-Token", token.as_str())
                        .body(photo)
                } else if api {
                    request
                        .header("content-type", "application/json")
                        .body(body)
                } else {
                    request
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("X-CSRF-Token", token.as_str())
                        .body(body)
                };
            }
            let got = outcome(&request.send().await.unwrap(), api);
            if got != *want {
                let _ = writeln!(
                    mismatches,
                    "{route} {path} as {}: expected {want}, got {got}",
                    ROLES[role]
                );
            }
        }
    }
    assert!(mismatches.is_empty(), "\n{mismatches}");
    eprintln!(
        "authorization matrix: {} routes, {} rows x {} visitors = {} requests",
        in_code.len(),
        ROWS.len(),
        ROLES.len(),
        ROWS.len() * ROLES.len()
    );
}

/// The reader of the code finds what the router has: a guard on the parser itself.
#[test]
fn the_route_reader_finds_nested_and_multi_method_routes() {
    let openapi = serde_json::json!({
        "servers": [{"url": "http://x/api/v1"}],
        "paths": {"/things/{id}": {"get": {}, "delete": {}}},
    });
    let routes = routes_in_code(&openapi);
    for route in [
        "GET /",
        "POST /login",
        "GET /login",
        "GET /admin",
        "POST /admin/users/:id/active",
        "GET /assets/app.css",
        "GET /api/openapi.json",
        "GET /api/docs",
        "DELETE /api/v1/things/:id",
        "GET /images/*path",
    ] {
        assert!(routes.contains(route), "{route} not found in {routes:?}");
    }
}
