//! The delivery worker's step: hand pending deliveries to the mail server and calendars.
//!
//! Each run claims a batch from the [`DeliveryQueue`] (see its module docs for the outbox
//! design), loads what each delivery refers to (service, customer, provider), and dispatches by
//! channel: customer and provider mails are worded by the [`MailComposer`] for that recipient
//! (times in the recipient's zone, a link to the appointment) and sent through the [`Mailer`];
//! calendar deliveries go to [`CalendarSync`], a seat in a class with its occurrence's current
//! attendees (the provider's calendar shows the occurrence once). A completion's customer mail
//! is a review request: sent only while the customer may still review and has not turned these
//! mails off, with a single-use opt-out link. Success completes the delivery; a transient error
//! schedules a retry by the [`RetryPolicy`] (or gives up once it is exhausted); a permanent
//! error gives up at once. Whoever runs the worker calls [`DeliverPending::run`] in a loop.

use std::sync::Arc;

use chrono::TimeDelta;

use domain::{Occurrence, Review};

use crate::events::{AppointmentDetails, AppointmentEvent, ChangeKind, ClassRoster};
use crate::ports::{
    AccountToken, AccountTokens, AppointmentStore, CalendarSync, Channel, Clock, Delivery,
    DeliveryError, DeliveryQueue, Links, Mail, MailComposer, Mailer, Recipient, RepoError,
    RetryPolicy, ServiceStore, TokenPurpose, UserStore, WebhookStore, error_chain,
};
use crate::webhook_payload;

/// How long the opt-out link of a review request works.
const OPT_OUT_LINK_LIFETIME: TimeDelta = TimeDelta::days(365);

/// How the worker runs.
#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// Deliveries claimed per run.
    pub batch: u32,
    /// How long a claim hides a delivery from other workers; longer than one delivery can take.
    pub lease: TimeDelta,
    /// Backoff and give-up rule.
    pub retry: RetryPolicy,
}

impl Default for DeliverySettings {
    /// Batches of 20, 5-minute leases, the default retry policy.
    fn default() -> Self {
        Self {
            batch: 20,
            lease: TimeDelta::minutes(5),
            retry: RetryPolicy::default(),
        }
    }
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Deliveries claimed.
    pub claimed: usize,
    /// Delivered and completed.
    pub delivered: usize,
    /// Failed for now, to be retried.
    pub retrying: usize,
    /// Given up on.
    pub failed: usize,
    /// Handed back undone because the worker was told to stop.
    pub released: usize,
}

/// Delivers pending deliveries.
pub struct DeliverPending {
    queue: Arc<dyn DeliveryQueue>,
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    appointments: Arc<dyn AppointmentStore>,
    tokens: Arc<dyn AccountTokens>,
    composer: Arc<dyn MailComposer>,
    mailer: Arc<dyn Mailer>,
    calendar: Arc<dyn CalendarSync>,
    webhooks: Arc<dyn WebhookStore>,
    links: Arc<dyn Links>,
    clock: Arc<dyn Clock>,
    settings: DeliverySettings,
}

/// The stores a delivery is read from and recorded in.
pub struct Records {
    /// The deliveries.
    pub queue: Arc<dyn DeliveryQueue>,
    /// Customers and providers.
    pub users: Arc<dyn UserStore>,
    /// Services.
    pub services: Arc<dyn ServiceStore>,
    /// Appointments, for the other seats of a class.
    pub appointments: Arc<dyn AppointmentStore>,
    /// The opt-out links of review requests.
    pub tokens: Arc<dyn AccountTokens>,
}

/// The outside-world ports a delivery goes through.
pub struct Outlets {
    /// Words mails.
    pub composer: Arc<dyn MailComposer>,
    /// Sends mails.
    pub mailer: Arc<dyn Mailer>,
    /// Mirrors appointments into calendars.
    pub calendar: Arc<dyn CalendarSync>,
    /// Queues webhook messages.
    pub webhooks: Arc<dyn WebhookStore>,
    /// Where mails link to.
    pub links: Arc<dyn Links>,
}

impl DeliverPending {
    /// The use case over its ports.
    pub fn new(
        records: Records,
        outlets: Outlets,
        clock: Arc<dyn Clock>,
        settings: DeliverySettings,
    ) -> Self {
        Self {
            queue: records.queue,
            users: records.users,
            services: records.services,
            appointments: records.appointments,
            tokens: records.tokens,
            composer: outlets.composer,
            mailer: outlets.mailer,
            calendar: outlets.calendar,
            webhooks: outlets.webhooks,
            links: outlets.links,
            clock,
            settings,
        }
    }

    /// Claims one batch and delivers it. A delivery whose claim was taken over meanwhile (its
    /// lease ran out) is skipped with a warning: the new owner decides its outcome.
    ///
    /// # Errors
    /// [`RepoError`] when the queue cannot be read or an outcome cannot be recorded; deliveries
    /// not yet recorded are handed out again when their lease ends.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self) -> Result<DeliveryReport, RepoError> {
        self.run_while(&|| true).await
    }

    /// As [`DeliverPending::run`], asking `keep_going` before each delivery: once it says no
    /// (the app is stopping), the rest of the batch is handed back undone
    /// ([`DeliveryQueue::release`]) for another worker or the next start, instead of staying
    /// hidden until its lease ends.
    ///
    /// # Errors
    /// As [`DeliverPending::run`].
    #[tracing::instrument(skip_all)]
    pub async fn run_while(
        &self,
        keep_going: &(dyn Fn() -> bool + Sync),
    ) -> Result<DeliveryReport, RepoError> {
        let claimed = self
            .queue
            .claim(self.clock.now(), self.settings.batch, self.settings.lease)
            .await?;
        let mut report = DeliveryReport {
            claimed: claimed.len(),
            ..DeliveryReport::default()
        };
        for (done, delivery) in claimed.iter().enumerate() {
            if !keep_going() {
                for rest in &claimed[done..] {
                    match self.queue.release(rest).await {
                        Ok(()) => report.released += 1,
                        Err(RepoError::Stale) => {}
                        Err(e) => return Err(e),
                    }
                }
                break;
            }
            let outcome = self.dispatch(delivery).await;
            let now = self.clock.now();
            let recorded = match outcome {
                Ok(()) => {
                    report.delivered += 1;
                    self.queue.complete(delivery, now).await
                }
                Err(DeliveryError::Transient(e)) => {
                    let error = error_chain(e.as_ref());
                    if let Some(at) = self.settings.retry.next_attempt(delivery.attempts, now) {
                        report.retrying += 1;
                        tracing::info!(delivery = %delivery.id, attempts = delivery.attempts, %error, "delivery failed, will retry");
                        self.queue.retry(delivery, at, &error).await
                    } else {
                        report.failed += 1;
                        tracing::warn!(delivery = %delivery.id, attempts = delivery.attempts, %error, "delivery failed too often, giving up");
                        self.queue.give_up(delivery, now, &error).await
                    }
                }
                Err(DeliveryError::Permanent(e)) => {
                    let error = error_chain(e.as_ref());
                    report.failed += 1;
                    tracing::warn!(delivery = %delivery.id, %error, "delivery refused, giving up");
                    self.queue.give_up(delivery, now, &error).await
                }
            };
            match recorded {
                Ok(()) => {}
                Err(RepoError::Stale) => {
                    tracing::warn!(delivery = %delivery.id, "claim taken over by another worker");
                }
                Err(e) => return Err(e),
            }
        }
        Ok(report)
    }

    async fn dispatch(&self, delivery: &Delivery) -> Result<(), DeliveryError> {
        let details = self.details(&delivery.event).await?;
        match delivery.channel {
            Channel::CustomerEmail if delivery.event.kind == ChangeKind::Completed => {
                self.review_request(delivery, details).await
            }
            Channel::CustomerEmail => self.mail(delivery, details, Recipient::Customer).await,
            Channel::ProviderEmail => self.mail(delivery, details, Recipient::Provider).await,
            Channel::Calendar => {
                let roster = self.roster(&details).await?;
                self.calendar
                    .apply(&AppointmentDetails { roster, ..details })
                    .await
            }
            Channel::Webhooks => self.publish(delivery, &details).await,
        }
    }

    /// Queues the webhook messages of the change in `details`.
    async fn publish(
        &self,
        delivery: &Delivery,
        details: &AppointmentDetails,
    ) -> Result<(), DeliveryError> {
        let Some((event, body)) = webhook_payload::appointment_body(details) else {
            return Ok(());
        };
        let provider = details.event.appointment.provider;
        let queued = self
            .webhooks
            .fan_out(delivery.id, provider, event, &body, self.clock.now())
            .await
            .map_err(transient)?;
        tracing::debug!(delivery = %delivery.id, queued, "webhook messages queued");
        Ok(())
    }

    async fn mail(
        &self,
        delivery: &Delivery,
        details: AppointmentDetails,
        recipient: Recipient,
    ) -> Result<(), DeliveryError> {
        let reader = match recipient {
            Recipient::Customer => &details.customer,
            Recipient::Provider => &details.provider,
        };
        if reader.is_erased() {
            // Nobody reads the placeholder address of an erased account: nothing to send.
            return Ok(());
        }
        let mut message = self
            .composer
            .compose(&Mail::Appointment {
                details: Box::new(details),
                recipient,
            })
            .map_err(DeliveryError::Permanent)?;
        message.delivery = Some(delivery.id);
        self.mailer.send(&message).await
    }

    /// Asks the customer of a completed appointment for a review, unless they turned these mails
    /// off or may no longer review it (then there is nothing to send: the delivery is done).
    async fn review_request(
        &self,
        delivery: &Delivery,
        details: AppointmentDetails,
    ) -> Result<(), DeliveryError> {
        let now = self.clock.now();
        let customer = &details.customer;
        let appointment = &details.event.appointment;
        if !customer.review_requests
            || !customer.active
            || !Review::may_write(appointment, customer.id, now)
        {
            return Ok(());
        }
        let token = AccountToken::generate().map_err(DeliveryError::Transient)?;
        self.tokens
            .insert(
                &token.hash(),
                TokenPurpose::ReviewRequestOptOut,
                customer.id,
                now + OPT_OUT_LINK_LIFETIME,
            )
            .await
            .map_err(transient)?;
        let mail = Mail::ReviewRequest {
            review_link: self.links.review(details.event.appointment.id),
            opt_out_link: self.links.stop_review_requests(&token),
            details: Box::new(details),
        };
        let mut message = self
            .composer
            .compose(&mail)
            .map_err(DeliveryError::Permanent)?;
        message.delivery = Some(delivery.id);
        self.mailer.send(&message).await
    }

    /// For a seat in a class, its occurrence with the customers of its booked seats as they
    /// are now; `None` for any other appointment.
    async fn roster(
        &self,
        details: &AppointmentDetails,
    ) -> Result<Option<ClassRoster>, DeliveryError> {
        if !details.service.capacity.is_class() {
            return Ok(None);
        }
        let occurrence = Occurrence::of(&details.event.appointment);
        let seats = self
            .appointments
            .seats(occurrence)
            .await
            .map_err(transient)?;
        let mut attendees = Vec::with_capacity(seats.len());
        for seat in seats.iter().filter(|s| s.status.is_booked()) {
            if let Some(customer) = self.users.by_id(seat.customer).await.map_err(transient)? {
                attendees.push(customer);
            }
        }
        Ok(Some(ClassRoster {
            occurrence,
            attendees,
        }))
    }

    /// Loads what the event refers to. Storage failures are transient; a missing record will
    /// not come back, so that is permanent.
    async fn details(&self, event: &AppointmentEvent) -> Result<AppointmentDetails, DeliveryError> {
        let a = &event.appointment;
        let service = self.services.by_id(a.service).await.map_err(transient)?;
        let customer = self.users.by_id(a.customer).await.map_err(transient)?;
        let provider = self.users.by_id(a.provider).await.map_err(transient)?;
        let (Some(service), Some(customer), Some(provider)) = (service, customer, provider) else {
            return Err(DeliveryError::Permanent(
                format!("appointment {} refers to a missing service or user", a.id).into(),
            ));
        };
        Ok(AppointmentDetails {
            link: self.links.appointment(event.appointment.id),
            event: event.clone(),
            service,
            customer,
            provider,
            roster: None,
        })
    }
}

fn transient(e: RepoError) -> DeliveryError {
    DeliveryError::Transient(Box::new(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::ChangeKind;
    use crate::ports::account_tokens::MockAccountTokens;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::calendar::MockCalendarSync;
    use crate::ports::deliveries::MockDeliveryQueue;
    use crate::ports::mail::{MockMailComposer, MockMailer};
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::ports::webhooks::MockWebhookStore;
    use crate::ports::{ClaimToken, DeliveryId, EmailMessage, Mailbox};
    use crate::test_support::*;
    use domain::{Appointment, AppointmentId, AppointmentStatus, TimeRange, User, Zone};
    use uuid::Uuid;

    struct Ports {
        queue: MockDeliveryQueue,
        users: MockUserStore,
        services: MockServiceStore,
        appointments: MockAppointmentStore,
        tokens: MockAccountTokens,
        composer: MockMailComposer,
        mailer: MockMailer,
        calendar: MockCalendarSync,
        webhooks: MockWebhookStore,
    }

    fn customer() -> User {
        let mut c = a_customer().build();
        c.zone = Zone::parse("America/New_York").unwrap();
        c
    }

    fn provider() -> User {
        let mut p = a_provider().build();
        p.zone = Zone::parse("Europe/Paris").unwrap();
        p
    }

    fn appointment() -> Appointment {
        let session =
            TimeRange::new(utc("2026-06-02T10:00:00Z"), utc("2026-06-02T11:00:00Z")).unwrap();
        Appointment {
            id: AppointmentId::from_uuid(Uuid::from_u128(7)),
            service: a_service().build().id,
            provider: provider().id,
            customer: customer().id,
            session,
            blocked: session,
            status: AppointmentStatus::Confirmed,
            note: None,
            created_at: utc(NOW),
            revision: 0,
            reschedules: Vec::new(),
            cancellation: None,
            series: None,
        }
    }

    fn delivery(channel: Channel, attempts: u32) -> Delivery {
        Delivery {
            id: DeliveryId::from_uuid(Uuid::from_u128(1)),
            channel,
            event: AppointmentEvent::new(ChangeKind::Booked, &appointment(), utc(NOW)),
            attempts,
            claim: ClaimToken::from_uuid(Uuid::from_u128(2)),
        }
    }

    fn message() -> EmailMessage {
        let c = customer();
        EmailMessage {
            to: Mailbox {
                email: c.email,
                name: c.name,
            },
            subject: "Booked".into(),
            text: "text".into(),
            html: "<p>html</p>".into(),
            invitation: None,
            delivery: None,
            unsubscribe: None,
        }
    }

    /// Ports where `claimed` is handed out, every record exists, and nothing else is expected.
    fn ports_with(claimed: Vec<Delivery>) -> Ports {
        let mut queue = MockDeliveryQueue::new();
        queue
            .expect_claim()
            .times(1)
            .return_once(move |_, _, _| Ok(claimed));
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|id| Ok([customer(), provider()].into_iter().find(|u| u.id == id)));
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        Ports {
            queue,
            users,
            services,
            appointments: MockAppointmentStore::new(),
            tokens: MockAccountTokens::new(),
            composer: MockMailComposer::new(),
            mailer: MockMailer::new(),
            calendar: MockCalendarSync::new(),
            webhooks: MockWebhookStore::new(),
        }
    }

    fn settings() -> DeliverySettings {
        DeliverySettings {
            batch: 10,
            lease: TimeDelta::minutes(5),
            retry: RetryPolicy {
                first_delay: TimeDelta::seconds(30),
                max_delay: TimeDelta::hours(1),
                max_attempts: 3,
            },
        }
    }

    fn use_case(p: Ports) -> DeliverPending {
        use_case_at(p, NOW)
    }

    fn use_case_at(p: Ports, now: &str) -> DeliverPending {
        DeliverPending::new(
            Records {
                queue: Arc::new(p.queue),
                users: Arc::new(p.users),
                services: Arc::new(p.services),
                appointments: Arc::new(p.appointments),
                tokens: Arc::new(p.tokens),
            },
            Outlets {
                composer: Arc::new(p.composer),
                mailer: Arc::new(p.mailer),
                calendar: Arc::new(p.calendar),
                webhooks: Arc::new(p.webhooks),
                links: links_at("https://book.example.org/"),
            },
            clock_at(now),
            settings(),
        )
    }

    fn sending_fails_with(p: &mut Ports, error: fn() -> DeliveryError) {
        p.composer.expect_compose().returning(|_| Ok(message()));
        p.mailer.expect_send().returning(move |_| Err(error()));
    }

    #[tokio::test]
    async fn a_customer_mail_is_worded_for_the_customer_with_a_link_then_sent_and_completed() {
        let mut p = ports_with(vec![delivery(Channel::CustomerEmail, 1)]);
        p.composer
            .expect_compose()
            .withf(|mail| match mail {
                Mail::Appointment { details, recipient } => {
                    *recipient == Recipient::Customer
                        && details.customer == customer()
                        && details.provider == provider()
                        && details.service == a_service().build()
                        && details.link
                            == "https://book.example.org/appointments/00000000-0000-0000-0000-000000000007"
                }
                _ => false,
            })
            .times(1)
            .returning(|_| Ok(message()));
        p.mailer
            .expect_send()
            // Marked with its delivery, from which the mailer derives a stable Message-ID.
            .withf(|m| {
                *m == EmailMessage {
                    delivery: Some(delivery(Channel::CustomerEmail, 1).id),
                    ..message()
                }
            })
            .times(1)
            .returning(|_| Ok(()));
        p.queue
            .expect_complete()
            .withf(|d, now| d.id == delivery(Channel::CustomerEmail, 1).id && *now == utc(NOW))
            .times(1)
            .returning(|_, _| Ok(()));
        let report = use_case(p).run().await.unwrap();
        assert_eq!(
            report,
            DeliveryReport {
                claimed: 1,
                delivered: 1,
                ..DeliveryReport::default()
            }
        );
    }

    #[tokio::test]
    async fn a_worker_told_to_stop_hands_its_claimed_deliveries_back_undone() {
        let mut p = ports_with(vec![
            delivery(Channel::CustomerEmail, 1),
            delivery(Channel::ProviderEmail, 1),
        ]);
        p.mailer.expect_send().never();
        p.queue.expect_release().times(2).returning(|_| Ok(()));
        let report = use_case(p).run_while(&|| false).await.unwrap();
        assert_eq!(
            report,
            DeliveryReport {
                claimed: 2,
                released: 2,
                ..DeliveryReport::default()
            }
        );
    }

    #[tokio::test]
    async fn nothing_is_mailed_to_an_erased_account_and_the_delivery_is_done() {
        let mut p = ports_with(vec![delivery(Channel::CustomerEmail, 1)]);
        p.users.checkpoint();
        p.users.expect_by_id().returning(|id| {
            let mut erased = customer();
            erased.erased_at = Some(utc(NOW));
            Ok([erased, provider()].into_iter().find(|u| u.id == id))
        });
        p.composer.expect_compose().never();
        p.mailer.expect_send().never();
        p.queue.expect_complete().times(1).returning(|_, _| Ok(()));
        let report = use_case(p).run().await.unwrap();
        assert_eq!(report.delivered, 1);
    }

    #[tokio::test]
    async fn a_provider_mail_is_worded_for_the_provider() {
        let mut p = ports_with(vec![delivery(Channel::ProviderEmail, 1)]);
        p.composer
            .expect_compose()
            .withf(|mail| {
                matches!(mail, Mail::Appointment { recipient, .. } if *recipient == Recipient::Provider)
            })
            .times(1)
            .returning(|_| Ok(message()));
        p.mailer.expect_send().times(1).returning(|_| Ok(()));
        p.queue.expect_complete().times(1).returning(|_, _| Ok(()));
        use_case(p).run().await.unwrap();
    }

    #[tokio::test]
    async fn a_calendar_delivery_goes_to_the_calendar_and_sends_no_mail() {
        let mut p = ports_with(vec![delivery(Channel::Calendar, 1)]);
        p.calendar
            .expect_apply()
            .withf(|d| {
                d.event.appointment == appointment()
                    && d.provider == provider()
                    && d.roster.is_none()
            })
            .times(1)
            .returning(|_| Ok(()));
        p.mailer.expect_send().never();
        p.queue.expect_complete().times(1).returning(|_, _| Ok(()));
        use_case(p).run().await.unwrap();
    }

    #[tokio::test]
    async fn a_seat_in_a_class_reaches_the_calendar_with_the_booked_attendees_of_its_occurrence() {
        let mut p = ports_with(vec![delivery(Channel::Calendar, 1)]);
        p.services = MockServiceStore::new();
        p.services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().with_capacity(12).build())));
        let held = Appointment {
            id: AppointmentId::from_uuid(Uuid::from_u128(8)),
            customer: user_id(99),
            status: AppointmentStatus::Held,
            ..appointment()
        };
        p.appointments
            .expect_seats()
            .withf(|o| *o == Occurrence::of(&appointment()))
            .times(1)
            .returning(move |_| Ok(vec![appointment(), held.clone()]));
        p.calendar
            .expect_apply()
            .withf(|d| {
                d.roster.as_ref().is_some_and(|r| {
                    r.occurrence == Occurrence::of(&appointment()) && r.attendees == [customer()]
                })
            })
            .times(1)
            .returning(|_| Ok(()));
        p.queue.expect_complete().times(1).returning(|_, _| Ok(()));
        use_case(p).run().await.unwrap();
    }

    #[tokio::test]
    async fn a_webhooks_delivery_queues_the_signed_body_for_the_providers_endpoints() {
        let mut p = ports_with(vec![delivery(Channel::Webhooks, 1)]);
        p.webhooks
            .expect_fan_out()
            .withf(|source, provider, event, body, _| {
                *source == delivery(Channel::Webhooks, 1).id
                    && *provider == appointment().provider
                    && *event == domain::WebhookEvent::AppointmentBooked
                    && body.contains(r#""type":"appointment.booked""#)
            })
            .times(1)
            .returning(|_, _, _, _, _| Ok(2));
        p.mailer.expect_send().never();
        p.queue.expect_complete().times(1).returning(|_, _| Ok(()));
        use_case(p).run().await.unwrap();
    }

    #[tokio::test]
    async fn a_transient_failure_is_retried_after_the_backoff_with_its_error_kept() {
        let mut p = ports_with(vec![delivery(Channel::CustomerEmail, 2)]);
        sending_fails_with(&mut p, || {
            DeliveryError::Transient("connection refused".into())
        });
        p.queue.expect_complete().never();
        p.queue
            .expect_retry()
            .withf(|_, at, error| {
                *at == utc(NOW) + TimeDelta::seconds(60) && error.contains("connection refused")
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        let report = use_case(p).run().await.unwrap();
        assert_eq!(report.retrying, 1);
    }

    #[tokio::test]
    async fn a_transient_failure_of_the_last_allowed_attempt_gives_up() {
        let mut p = ports_with(vec![delivery(Channel::CustomerEmail, 3)]);
        sending_fails_with(&mut p, || DeliveryError::Transient("timeout".into()));
        p.queue.expect_retry().never();
        p.queue
            .expect_give_up()
            .withf(|_, _, error| error.contains("timeout"))
            .times(1)
            .returning(|_, _, _| Ok(()));
        let report = use_case(p).run().await.unwrap();
        assert_eq!(report.failed, 1);
    }

    #[tokio::test]
    async fn a_permanent_failure_gives_up_at_once() {
        let mut p = ports_with(vec![delivery(Channel::CustomerEmail, 1)]);
        sending_fails_with(&mut p, || {
            DeliveryError::Permanent("550 no such user".into())
        });
        p.queue.expect_retry().never();
        p.queue
            .expect_give_up()
            .withf(|_, _, error| error.contains("550 no such user"))
            .times(1)
            .returning(|_, _, _| Ok(()));
        use_case(p).run().await.unwrap();
    }

    #[tokio::test]
    async fn a_delivery_about_a_vanished_user_gives_up_without_sending() {
        let mut p = ports_with(vec![delivery(Channel::CustomerEmail, 1)]);
        p.users = MockUserStore::new();
        p.users
            .expect_by_id()
            .returning(|id| Ok((id == provider().id).then(provider)));
        p.mailer.expect_send().never();
        p.queue
            .expect_give_up()
            .times(1)
            .returning(|_, _, _| Ok(()));
        use_case(p).run().await.unwrap();
    }

    #[tokio::test]
    async fn a_storage_failure_while_loading_is_retried() {
        let mut p = ports_with(vec![delivery(Channel::Calendar, 1)]);
        p.services = MockServiceStore::new();
        p.services
            .expect_by_id()
            .returning(|_| Err(RepoError::Backend("db down".into())));
        p.calendar.expect_apply().never();
        p.queue
            .expect_retry()
            .withf(|_, _, error| error.contains("db down"))
            .times(1)
            .returning(|_, _, _| Ok(()));
        use_case(p).run().await.unwrap();
    }

    #[tokio::test]
    async fn a_claim_taken_over_by_another_worker_does_not_stop_the_batch() {
        let mut second = delivery(Channel::Calendar, 1);
        second.id = DeliveryId::from_uuid(Uuid::from_u128(99));
        let second_id = second.id;
        let mut p = ports_with(vec![delivery(Channel::Calendar, 1), second]);
        p.calendar.expect_apply().times(2).returning(|_| Ok(()));
        p.queue.expect_complete().times(2).returning(move |d, _| {
            if d.id == second_id {
                Ok(())
            } else {
                Err(RepoError::Stale)
            }
        });
        let report = use_case(p).run().await.unwrap();
        assert_eq!(report.delivered, 2);
    }

    /// The customer mail of the appointment's completion.
    fn completion() -> Delivery {
        let mut completed = appointment();
        completed.status = AppointmentStatus::Completed;
        Delivery {
            event: AppointmentEvent::new(ChangeKind::Completed, &completed, utc(NOW)),
            ..delivery(Channel::CustomerEmail, 1)
        }
    }

    /// After the appointment (which ends 2026-06-02 11:00 UTC).
    const LATER: &str = "2026-06-03T08:00:00Z";

    #[tokio::test]
    async fn a_completion_asks_the_customer_for_a_review_with_a_single_use_opt_out_link() {
        let mut p = ports_with(vec![completion()]);
        p.tokens
            .expect_insert()
            .withf(|_, purpose, user, expires| {
                *purpose == TokenPurpose::ReviewRequestOptOut
                    && *user == customer().id
                    && *expires == utc(LATER) + TimeDelta::days(365)
            })
            .times(1)
            .returning(|_, _, _, _| Ok(()));
        p.composer
            .expect_compose()
            .withf(|mail| match mail {
                Mail::ReviewRequest {
                    details,
                    review_link,
                    opt_out_link,
                } => {
                    details.customer == customer()
                        && review_link
                            == "https://book.example.org/appointments/00000000-0000-0000-0000-000000000007/review"
                        && opt_out_link
                            .strip_prefix("https://book.example.org/unsubscribe/review-requests/")
                            .and_then(AccountToken::parse)
                            .is_some()
                }
                _ => false,
            })
            .times(1)
            .returning(|_| Ok(message()));
        p.mailer
            .expect_send()
            .withf(|m| m.delivery == Some(completion().id))
            .times(1)
            .returning(|_| Ok(()));
        p.queue.expect_complete().times(1).returning(|_, _| Ok(()));
        let report = use_case_at(p, LATER).run().await.unwrap();
        assert_eq!(report.delivered, 1);
    }

    #[tokio::test]
    async fn no_review_request_goes_to_a_customer_who_opted_out_or_after_the_window() {
        for (opted_in, now) in [(false, LATER), (true, "2026-08-31T11:00:01Z")] {
            let mut p = ports_with(vec![completion()]);
            p.users.checkpoint();
            p.users.expect_by_id().returning(move |id| {
                let mut c = customer();
                c.review_requests = opted_in;
                Ok([c, provider()].into_iter().find(|u| u.id == id))
            });
            p.tokens.expect_insert().never();
            p.composer.expect_compose().never();
            p.mailer.expect_send().never();
            // Nothing to send is done, not failed.
            p.queue.expect_complete().times(1).returning(|_, _| Ok(()));
            let report = use_case_at(p, now).run().await.unwrap();
            assert_eq!(report.delivered, 1, "opted in: {opted_in}, at {now}");
        }
    }
}
