//! [`WebhookSender`] over reqwest, behind the [`AddressGuard`] (the SSRF guard, also the
//! client's resolver, so every connection is checked). Redirects are not followed and proxies
//! from the environment are not used.

use std::time::Duration;

use application::ports::{
    BackendError, SendError, TargetRefused, WebhookRequest, WebhookResponse, WebhookSender,
    error_chain, excerpt_of, webhooks::RESPONSE_EXCERPT_BYTES,
};
use async_trait::async_trait;
use domain::WebhookUrl;
use reqwest::Url;

use crate::address_guard::{AddressGuard, Unreachable};

/// How webhooks are posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookHttpConfig {
    /// The longest a post may take, connecting included.
    pub timeout: Duration,
    /// Whether loopback, private, link-local and CGNAT addresses may be posted to.
    pub allow_private_targets: bool,
}

/// Posts signed webhooks.
#[derive(Debug, Clone)]
pub struct HttpWebhookSender {
    http: reqwest::Client,
    guard: AddressGuard,
    timeout: Duration,
}

impl HttpWebhookSender {
    /// The sender per `config`.
    ///
    /// # Errors
    /// When the HTTP client cannot be built (no TLS roots).
    pub fn new(config: WebhookHttpConfig) -> Result<Self, BackendError> {
        let guard = AddressGuard::new(config.allow_private_targets);
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(config.timeout)
            .user_agent("BookYourServices-Webhooks/1")
            .dns_resolver(guard.resolver())
            .build()
            .map_err(BackendError::from)?;
        Ok(Self {
            http,
            guard,
            timeout: config.timeout,
        })
    }

    /// `url` as the client's URL, unless an address written in it is refused.
    fn target(&self, url: &WebhookUrl) -> Result<Url, SendError> {
        let target = Url::parse(url.as_str()).map_err(|e| SendError::Failed(e.to_string()))?;
        match self.guard.refusal(&target) {
            Some(refusal) => Err(TargetRefused(refusal).into()),
            None => Ok(target),
        }
    }
}

#[async_trait]
impl WebhookSender for HttpWebhookSender {
    async fn check(&self, url: &WebhookUrl) -> Result<(), TargetRefused> {
        let target = Url::parse(url.as_str()).map_err(|e| TargetRefused(e.to_string()))?;
        match self.guard.check(&target).await {
            Err(Unreachable::Refused(refusal)) => Err(TargetRefused(refusal)),
            // A name that does not resolve now may later; the delivery checks again.
            Ok(()) | Err(Unreachable::Unresolved(_)) => Ok(()),
        }
    }

    #[tracing::instrument(skip_all, fields(message = %request.id))]
    async fn send(&self, request: &WebhookRequest) -> Result<WebhookResponse, SendError> {
        let target = self.target(&request.url)?;
        let failed = |e: reqwest::Error| {
            if let Some(refusal) = AddressGuard::refusal_in(&e) {
                TargetRefused(refusal).into()
            } else if e.is_timeout() {
                SendError::Failed(format!("no answer within {} s", self.timeout.as_secs()))
            } else {
                SendError::Failed(error_chain(&e))
            }
        };
        let mut response = self
            .http
            .post(target)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("webhook-id", request.id.as_str())
            .header(
                "webhook-timestamp",
                request.timestamp.timestamp().to_string(),
            )
            .header("webhook-signature", &request.signature)
            .body(request.body.clone())
            .send()
            .await
            .map_err(failed)?;
        let status = response.status().as_u16();
        let mut body = Vec::new();
        while body.len() < RESPONSE_EXCERPT_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                // The status is what counts; a body cut short still leaves its start.
                Ok(None) | Err(_) => break,
            }
        }
        Ok(WebhookResponse {
            status,
            excerpt: excerpt_of(&String::from_utf8_lossy(&body)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sender(allow_private_targets: bool) -> HttpWebhookSender {
        HttpWebhookSender::new(WebhookHttpConfig {
            timeout: Duration::from_secs(15),
            allow_private_targets,
        })
        .unwrap()
    }

    fn request(url: &str) -> WebhookRequest {
        WebhookRequest {
            url: WebhookUrl::parse(url).unwrap(),
            id: application::ports::MessageId::new(),
            timestamp: chrono::Utc::now(),
            signature: "v1,c2lnbmF0dXJl".to_owned(),
            body: "{}".to_owned(),
        }
    }

    #[tokio::test]
    async fn a_host_name_resolving_to_loopback_is_refused_at_registration_and_at_delivery() {
        let url = WebhookUrl::parse("http://localhost:9/hooks").unwrap();
        let refusal = sender(false).check(&url).await.unwrap_err();
        assert!(refusal.0.contains("loopback"), "{refusal}");
        sender(true).check(&url).await.unwrap();
        let sent = sender(false)
            .send(&request("http://localhost:9/hooks"))
            .await;
        assert!(
            matches!(&sent, Err(SendError::Refused(r)) if r.0.contains("loopback")),
            "{sent:?}"
        );
    }

    #[tokio::test]
    async fn an_address_written_in_the_url_is_refused_without_connecting() {
        let sent = sender(true)
            .send(&request("http://169.254.169.254/latest"))
            .await;
        assert!(
            matches!(&sent, Err(SendError::Refused(r)) if r.0.contains("metadata")),
            "{sent:?}"
        );
    }
}
