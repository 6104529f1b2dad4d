//! The absolute URLs that use cases put in mails, calendar entries and webhook notices, built
//! here, next to the routes they point at ([`crate::pages::routes`], [`crate::startup`]).

use application::ports::{AccountToken, Links};
use domain::{AppointmentId, WebhookEndpointId};

/// The site's pages under its public base URL.
#[derive(Debug, Clone)]
pub struct SiteLinks {
    /// The public base URL, without a trailing slash.
    base: String,
}

impl SiteLinks {
    /// The pages under `base_url` (a trailing slash is ignored).
    pub fn new(base_url: &str) -> Self {
        Self {
            base: base_url.trim_end_matches('/').to_owned(),
        }
    }
}

impl Links for SiteLinks {
    fn home(&self) -> String {
        format!("{}/", self.base)
    }

    fn account(&self) -> String {
        format!("{}/account", self.base)
    }

    fn appointment(&self, id: AppointmentId) -> String {
        format!("{}/appointments/{id}", self.base)
    }

    fn review(&self, id: AppointmentId) -> String {
        format!("{}/appointments/{id}/review", self.base)
    }

    fn verify_email(&self, token: &AccountToken) -> String {
        format!("{}/account/verify/{}", self.base, token.expose())
    }

    fn reset_password(&self, token: &AccountToken) -> String {
        format!("{}/reset-password/{}", self.base, token.expose())
    }

    fn stop_review_requests(&self, token: &AccountToken) -> String {
        format!(
            "{}/unsubscribe/review-requests/{}",
            self.base,
            token.expose()
        )
    }

    fn webhook(&self, id: WebhookEndpointId) -> String {
        format!("{}/account/webhooks/{id}", self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_ignore_a_trailing_slash_of_the_base_url() {
        let links = SiteLinks::new("https://book.example.org/");
        let id = AppointmentId::from_uuid(uuid::Uuid::nil());
        assert_eq!(links.home(), "https://book.example.org/");
        assert_eq!(
            links.review(id),
            "https://book.example.org/appointments/00000000-0000-0000-0000-000000000000/review"
        );
    }
}
