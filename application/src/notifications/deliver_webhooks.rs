//! The webhook worker's step: sign and post queued webhook messages, log every attempt, retry
//! on the Standard Webhooks schedule, and disable endpoints that keep failing.
//!
//! A 2xx answer delivers a message and clears its endpoint's failure count. A `410 Gone`
//! disables the endpoint at once. Any other answer, a timeout, or an address the SSRF guard
//! refuses counts as a failure: the message is tried again after the schedule's next wait
//! ([`domain::webhook::retry_after`]) or given up once it is exhausted, and the endpoint is
//! disabled after `disable_after_failures` failures in a row. Whenever an endpoint is disabled
//! automatically its owner gets one mail. Messages of a disabled endpoint are given up unsent
//! (its owner resends them from its page once it is enabled again).

use std::sync::Arc;
use std::time::Instant;

use chrono::TimeDelta;
use domain::WebhookEndpoint;
use domain::webhook::retry_after;

use crate::ports::{
    ClaimedMessage, Clock, Links, Mail, MailComposer, Mailer, MessageOutcome, RepoError, SendError,
    UserStore, WebhookAttempt, WebhookRequest, WebhookSender, WebhookStore, excerpt_of,
};

/// How the webhook worker runs.
#[derive(Debug, Clone)]
pub struct WebhookDeliverySettings {
    /// Messages claimed per run.
    pub batch: u32,
    /// How long a claim hides a message from other workers; longer than a send may take.
    pub lease: TimeDelta,
    /// Failed attempts in a row after which an endpoint is disabled.
    pub disable_after_failures: u32,
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WebhookReport {
    /// Messages claimed.
    pub claimed: usize,
    /// Accepted by their receivers.
    pub delivered: usize,
    /// Failed for now, to be retried.
    pub retrying: usize,
    /// Given up on (including messages of disabled endpoints).
    pub failed: usize,
    /// Handed back unsent because the worker was told to stop.
    pub released: usize,
}

/// Where a disabling mail goes and what it says.
pub struct DisablingMail {
    /// Loads the endpoint's owner.
    pub users: Arc<dyn UserStore>,
    /// Words the mail.
    pub composer: Arc<dyn MailComposer>,
    /// Sends it.
    pub mailer: Arc<dyn Mailer>,
    /// Where it links to: the endpoint's page.
    pub links: Arc<dyn Links>,
}

/// Sends queued webhook messages.
pub struct DeliverWebhooks {
    store: Arc<dyn WebhookStore>,
    sender: Arc<dyn WebhookSender>,
    mail: DisablingMail,
    clock: Arc<dyn Clock>,
    settings: WebhookDeliverySettings,
}

impl DeliverWebhooks {
    /// The use case over its ports.
    pub fn new(
        store: Arc<dyn WebhookStore>,
        sender: Arc<dyn WebhookSender>,
        mail: DisablingMail,
        clock: Arc<dyn Clock>,
        settings: WebhookDeliverySettings,
    ) -> Self {
        Self {
            store,
            sender,
            mail,
            clock,
            settings,
        }
    }

    /// Claims one batch and sends it, asking `keep_going` before each message: once it says no,
    /// the rest is handed back unsent.
    ///
    /// # Errors
    /// [`RepoError`] when the queue cannot be read or an outcome recorded; messages not yet
    /// recorded are handed out again when their lease ends.
    #[tracing::instrument(skip_all)]
    pub async fn run_while(
        &self,
        keep_going: &(dyn Fn() -> bool + Sync),
    ) -> Result<WebhookReport, RepoError> {
        let claimed = self
            .store
            .claim(self.clock.now(), self.settings.batch, self.settings.lease)
            .await?;
        let mut report = WebhookReport {
            claimed: claimed.len(),
            ..WebhookReport::default()
        };
        for message in &claimed {
            let outcome = if keep_going() {
                self.send(message).await?
            } else {
                MessageOutcome::Released
            };
            match outcome {
                MessageOutcome::Delivered => report.delivered += 1,
                MessageOutcome::RetryAt(_) => report.retrying += 1,
                MessageOutcome::Failed => report.failed += 1,
                MessageOutcome::Released => report.released += 1,
            }
            match self.store.finish(message, outcome).await {
                Ok(()) => {}
                Err(RepoError::Stale) => {
                    tracing::warn!(message = %message.id, "claim taken over by another worker");
                }
                Err(e) => return Err(e),
            }
        }
        Ok(report)
    }

    /// Posts `message` once, logs the attempt and decides what comes next.
    async fn send(&self, message: &ClaimedMessage) -> Result<MessageOutcome, RepoError> {
        let endpoint = &message.endpoint;
        if !endpoint.enabled {
            return Ok(MessageOutcome::Failed);
        }
        let at = self.clock.now();
        let request = WebhookRequest {
            url: endpoint.url.clone(),
            id: message.id.clone(),
            timestamp: at,
            signature: endpoint.signature(message.id.as_str(), at, &message.body),
            body: message.body.clone(),
        };
        let started = Instant::now();
        let answer = self.sender.send(&request).await;
        let duration_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
        let (status, response) = match &answer {
            Ok(r) => (Some(r.status), r.excerpt.clone()),
            Err(e) => (None, excerpt_of(&e.to_string())),
        };
        self.store
            .record_attempt(&WebhookAttempt {
                message: message.id.clone(),
                endpoint: endpoint.id,
                event: message.event,
                at,
                status,
                duration_ms,
                response,
            })
            .await?;
        let failure = match answer {
            Ok(r) if (200..300).contains(&r.status) => {
                self.store.note_success(endpoint.id).await?;
                return Ok(MessageOutcome::Delivered);
            }
            Ok(r) if r.status == 410 => {
                let reason = "the receiver answered 410 Gone";
                if self.store.disable(endpoint.id, reason).await? {
                    self.tell_owner(endpoint, reason).await;
                }
                return Ok(MessageOutcome::Failed);
            }
            Ok(r) => format!("the receiver answered {}", r.status),
            Err(SendError::Refused(e)) => e.to_string(),
            Err(SendError::Failed(e)) => e,
        };
        tracing::info!(message = %message.id, endpoint = %endpoint.id, attempts = message.attempts, %failure, "webhook attempt failed");
        let n = self.settings.disable_after_failures;
        let reason = format!("{n} attempts in a row failed (the last: {failure})");
        let count = self.store.note_failure(endpoint.id, n, &reason).await?;
        if count.disabled_now {
            self.tell_owner(endpoint, &reason).await;
            return Ok(MessageOutcome::Failed);
        }
        Ok(
            retry_after(message.attempts).map_or(MessageOutcome::Failed, |wait| {
                MessageOutcome::RetryAt(self.clock.now() + wait)
            }),
        )
    }

    /// Mails the owner of `endpoint` that it was disabled. A lost mail is logged, not retried:
    /// the endpoint's page says the same.
    async fn tell_owner(&self, endpoint: &WebhookEndpoint, reason: &str) {
        tracing::warn!(endpoint = %endpoint.id, reason, "webhook endpoint disabled");
        let owner = match self.mail.users.by_id(endpoint.owner).await {
            Ok(Some(owner)) => owner,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!(error = %e, "the owner of a disabled webhook endpoint could not be loaded");
                return;
            }
        };
        let mail = Mail::WebhookDisabled {
            to: owner,
            url: endpoint.url.to_string(),
            reason: reason.to_owned(),
            link: self.mail.links.webhook(endpoint.id),
        };
        let sent = match self.mail.composer.compose(&mail) {
            Ok(message) => self
                .mail
                .mailer
                .send(&message)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(error) = sent {
            tracing::warn!(endpoint = %endpoint.id, %error, "the disabled-webhook mail was not sent");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::mail::{MockMailComposer, MockMailer};
    use crate::ports::users::MockUserStore;
    use crate::ports::webhooks::{MockWebhookSender, MockWebhookStore};
    use crate::ports::{
        ClaimToken, EmailMessage, FailureCount, Mailbox, MessageId, TargetRefused, WebhookResponse,
    };
    use crate::test_support::*;
    use domain::WebhookEndpointId;
    use domain::{
        EventTypes, WebhookDescription, WebhookEvent, WebhookScope, WebhookSecret, WebhookUrl,
    };
    use uuid::Uuid;

    struct Ports {
        store: MockWebhookStore,
        sender: MockWebhookSender,
        users: MockUserStore,
        composer: MockMailComposer,
        mailer: MockMailer,
    }

    fn endpoint() -> WebhookEndpoint {
        WebhookEndpoint {
            id: WebhookEndpointId::from_uuid(Uuid::from_u128(9)),
            owner: a_provider().build().id,
            scope: WebhookScope::Own,
            url: WebhookUrl::parse("https://crm.example.org/in").unwrap(),
            description: WebhookDescription::parse("").unwrap(),
            events: EventTypes::parse(["appointment.booked"]).unwrap(),
            enabled: true,
            disabled_reason: None,
            secret: WebhookSecret::from_key(&[3; 32]).unwrap(),
            previous_secret: None,
            consecutive_failures: 0,
            created_at: utc(NOW),
        }
    }

    fn message(attempts: u32) -> ClaimedMessage {
        ClaimedMessage {
            id: MessageId::parse("msg_0123456789abcdef0123456789abcdef").unwrap(),
            event: WebhookEvent::AppointmentBooked,
            body: r#"{"type":"appointment.booked"}"#.into(),
            attempts,
            endpoint: endpoint(),
            claim: ClaimToken::from_uuid(Uuid::from_u128(2)),
        }
    }

    /// Ports where `claimed` is handed out and attempts are logged.
    fn ports_with(claimed: Vec<ClaimedMessage>) -> Ports {
        let mut p = unlogged_ports_with(claimed);
        p.store.expect_record_attempt().returning(|_| Ok(()));
        p
    }

    /// As [`ports_with`], with no expectation on the attempt log.
    fn unlogged_ports_with(claimed: Vec<ClaimedMessage>) -> Ports {
        let mut store = MockWebhookStore::new();
        store
            .expect_claim()
            .times(1)
            .return_once(move |_, _, _| Ok(claimed));
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().build())));
        Ports {
            store,
            sender: MockWebhookSender::new(),
            users,
            composer: MockMailComposer::new(),
            mailer: MockMailer::new(),
        }
    }

    fn answering(p: &mut Ports, status: u16) {
        p.sender.expect_send().returning(move |_| {
            Ok(WebhookResponse {
                status,
                excerpt: "ok".into(),
            })
        });
    }

    fn use_case(p: Ports) -> DeliverWebhooks {
        DeliverWebhooks::new(
            Arc::new(p.store),
            Arc::new(p.sender),
            DisablingMail {
                users: Arc::new(p.users),
                composer: Arc::new(p.composer),
                mailer: Arc::new(p.mailer),
                links: links_at("https://book.example.org"),
            },
            clock_at(NOW),
            WebhookDeliverySettings {
                batch: 10,
                lease: TimeDelta::minutes(1),
                disable_after_failures: 10,
            },
        )
    }

    fn expecting_a_mail(p: &mut Ports) {
        p.composer
            .expect_compose()
            .withf(|m| matches!(m, Mail::WebhookDisabled { link, .. } if link.ends_with("/account/webhooks/00000000-0000-0000-0000-000000000009")))
            .times(1)
            .returning(|_| {
                let provider = a_provider().build();
                Ok(EmailMessage {
                    to: Mailbox {
                        email: provider.email,
                        name: provider.name,
                    },
                    subject: "disabled".into(),
                    text: String::new(),
                    html: String::new(),
                    invitation: None,
                    delivery: None,
                    unsubscribe: None,
                })
            });
        p.mailer.expect_send().times(1).returning(|_| Ok(()));
    }

    #[tokio::test]
    async fn a_message_is_posted_signed_with_its_id_and_delivered_on_2xx() {
        let mut p = ports_with(vec![message(1)]);
        p.sender
            .expect_send()
            .withf(|r| {
                r.id == message(1).id
                    && r.signature == endpoint().signature(r.id.as_str(), r.timestamp, &r.body)
                    && r.timestamp == utc(NOW)
            })
            .times(1)
            .returning(|_| {
                Ok(WebhookResponse {
                    status: 204,
                    excerpt: String::new(),
                })
            });
        p.store.expect_note_success().times(1).returning(|_| Ok(()));
        p.store
            .expect_finish()
            .withf(|_, o| *o == MessageOutcome::Delivered)
            .times(1)
            .returning(|_, _| Ok(()));
        let report = use_case(p).run_while(&|| true).await.unwrap();
        assert_eq!(report.delivered, 1);
    }

    #[tokio::test]
    async fn every_attempt_is_logged_with_status_and_an_excerpt() {
        let mut p = unlogged_ports_with(vec![message(1)]);
        p.store
            .expect_record_attempt()
            .withf(|a| a.status == Some(500) && a.response == "ok" && a.at == utc(NOW))
            .times(1)
            .returning(|_| Ok(()));
        answering(&mut p, 500);
        p.store.expect_note_failure().returning(|_, _, _| {
            Ok(FailureCount {
                consecutive: 1,
                disabled_now: false,
            })
        });
        p.store.expect_finish().returning(|_, _| Ok(()));
        use_case(p).run_while(&|| true).await.unwrap();
    }

    #[tokio::test]
    async fn a_failure_is_retried_on_the_standard_webhooks_schedule() {
        let mut p = ports_with(vec![message(2)]);
        answering(&mut p, 503);
        p.store
            .expect_note_failure()
            .withf(|_, n, _| *n == 10)
            .times(1)
            .returning(|_, _, _| {
                Ok(FailureCount {
                    consecutive: 2,
                    disabled_now: false,
                })
            });
        p.store
            .expect_finish()
            .withf(|_, o| *o == MessageOutcome::RetryAt(utc(NOW) + TimeDelta::minutes(5)))
            .times(1)
            .returning(|_, _| Ok(()));
        let report = use_case(p).run_while(&|| true).await.unwrap();
        assert_eq!(report.retrying, 1);
    }

    #[tokio::test]
    async fn the_tenth_failed_attempt_of_a_message_gives_it_up() {
        let mut p = ports_with(vec![message(10)]);
        answering(&mut p, 500);
        p.store.expect_note_failure().returning(|_, _, _| {
            Ok(FailureCount {
                consecutive: 3,
                disabled_now: false,
            })
        });
        p.store
            .expect_finish()
            .withf(|_, o| *o == MessageOutcome::Failed)
            .times(1)
            .returning(|_, _| Ok(()));
        use_case(p).run_while(&|| true).await.unwrap();
    }

    #[tokio::test]
    async fn a_410_disables_the_endpoint_and_tells_its_owner() {
        let mut p = ports_with(vec![message(1)]);
        answering(&mut p, 410);
        p.store
            .expect_disable()
            .withf(|id, reason| *id == endpoint().id && reason.contains("410"))
            .times(1)
            .returning(|_, _| Ok(true));
        p.store.expect_note_failure().never();
        expecting_a_mail(&mut p);
        p.store
            .expect_finish()
            .withf(|_, o| *o == MessageOutcome::Failed)
            .times(1)
            .returning(|_, _| Ok(()));
        use_case(p).run_while(&|| true).await.unwrap();
    }

    #[tokio::test]
    async fn the_failure_that_disables_the_endpoint_mails_its_owner_once() {
        let mut p = ports_with(vec![message(3)]);
        p.sender
            .expect_send()
            .returning(|_| Err(SendError::Failed("connection refused".into())));
        p.store.expect_note_failure().times(1).returning(|_, _, _| {
            Ok(FailureCount {
                consecutive: 10,
                disabled_now: true,
            })
        });
        expecting_a_mail(&mut p);
        p.store
            .expect_finish()
            .withf(|_, o| *o == MessageOutcome::Failed)
            .times(1)
            .returning(|_, _| Ok(()));
        use_case(p).run_while(&|| true).await.unwrap();
    }

    #[tokio::test]
    async fn a_refused_address_counts_as_a_failure_and_is_logged() {
        let mut p = unlogged_ports_with(vec![message(1)]);
        p.sender.expect_send().returning(|_| {
            Err(SendError::Refused(TargetRefused(
                "10.0.0.1 is a private address".into(),
            )))
        });
        p.store
            .expect_record_attempt()
            .withf(|a| a.status.is_none() && a.response.contains("private address"))
            .times(1)
            .returning(|_| Ok(()));
        p.store.expect_note_failure().times(1).returning(|_, _, _| {
            Ok(FailureCount {
                consecutive: 1,
                disabled_now: false,
            })
        });
        p.store.expect_finish().returning(|_, _| Ok(()));
        use_case(p).run_while(&|| true).await.unwrap();
    }

    #[tokio::test]
    async fn a_message_of_a_disabled_endpoint_is_given_up_unsent() {
        let mut disabled = message(1);
        disabled.endpoint.enabled = false;
        let mut p = ports_with(vec![disabled]);
        p.sender.expect_send().never();
        p.store
            .expect_finish()
            .withf(|_, o| *o == MessageOutcome::Failed)
            .times(1)
            .returning(|_, _| Ok(()));
        use_case(p).run_while(&|| true).await.unwrap();
    }

    #[tokio::test]
    async fn a_stopping_worker_hands_its_messages_back_unsent() {
        let mut p = ports_with(vec![message(1), message(1)]);
        p.sender.expect_send().never();
        p.store
            .expect_finish()
            .withf(|_, o| *o == MessageOutcome::Released)
            .times(2)
            .returning(|_, _| Ok(()));
        let report = use_case(p).run_while(&|| false).await.unwrap();
        assert_eq!(report.released, 2);
    }
}
