//! Where use cases point people: the absolute URLs of the pages their mails, calendar entries
//! and notices link to. The web edge implements it, where the routes live; the application
//! never spells a route.

use domain::{AppointmentId, WebhookEndpointId};

use super::AccountToken;

/// Absolute URLs of the site's pages.
pub trait Links: Send + Sync {
    /// The home page.
    fn home(&self) -> String;
    /// The signed-in person's account page.
    fn account(&self) -> String;
    /// Appointment `id`'s page.
    fn appointment(&self, id: AppointmentId) -> String;
    /// The review form of appointment `id`.
    fn review(&self, id: AppointmentId) -> String;
    /// The page that verifies an email address with `token`.
    fn verify_email(&self, token: &AccountToken) -> String;
    /// The page that sets a new password with `token`.
    fn reset_password(&self, token: &AccountToken) -> String;
    /// The page that turns review requests off for the holder of `token`.
    fn stop_review_requests(&self, token: &AccountToken) -> String;
    /// Webhook endpoint `id`'s page.
    fn webhook(&self, id: WebhookEndpointId) -> String;
}
