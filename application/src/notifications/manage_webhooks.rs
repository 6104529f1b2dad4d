//! Providers and admins manage webhook endpoints: register, change, delete, rotate the secret,
//! read the attempts, resend a message, send a test.
//!
//! Authorization: a provider manages their own endpoints, which receive the events about their
//! own services and appointments; an admin manages every endpoint, and an admin's endpoints
//! receive everyone's events. Support staff read endpoints and attempts but change nothing
//! (resending and testing included). Customers have none. An endpoint the actor may not read is
//! "not found", so nobody learns which ids exist.

use std::sync::Arc;

use chrono::TimeDelta;
use domain::{
    EventTypes, Role, WebhookDescription, WebhookEndpoint, WebhookEndpointId, WebhookEvent,
    WebhookScope, WebhookSecret, WebhookUrl,
};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ports::{
    BackendError, Clock, MessageId, RepoError, TargetRefused, WebhookAttempt, WebhookSender,
    WebhookStore,
};
use crate::webhook_payload;

/// Random bytes in a new secret.
const SECRET_BYTES: usize = 32;

/// The most attempts [`ManageWebhooks::attempts`] lists.
pub const ATTEMPTS_LISTED: u32 = 100;

/// Why a webhook request was refused.
#[derive(Debug, thiserror::Error)]
pub enum ManageWebhookError {
    /// The actor may not do this.
    #[error("you may not manage webhooks")]
    Forbidden,
    /// No such endpoint (or message) the actor may read.
    #[error("no such webhook endpoint")]
    NotFound,
    /// The URL's host may not be posted to.
    #[error("this URL may not receive webhooks: {0}")]
    Refused(#[from] TargetRefused),
    /// The random source failed.
    #[error("no secret could be generated")]
    Random(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(RepoError),
}

impl From<RepoError> for ManageWebhookError {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::NotFound => Self::NotFound,
            other => Self::Store(other),
        }
    }
}

/// What an owner sets on an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointSettings {
    /// Where to post.
    pub url: WebhookUrl,
    /// What it is for.
    pub description: WebhookDescription,
    /// The events it receives.
    pub events: EventTypes,
    /// Whether messages are sent; enabling a disabled endpoint clears its failure count.
    pub enabled: bool,
}

/// The webhook endpoint use cases.
pub struct ManageWebhooks {
    store: Arc<dyn WebhookStore>,
    sender: Arc<dyn WebhookSender>,
    clock: Arc<dyn Clock>,
    overlap: TimeDelta,
}

fn new_secret() -> Result<WebhookSecret, ManageWebhookError> {
    let mut key = [0_u8; SECRET_BYTES];
    getrandom::fill(&mut key)
        .map_err(|e| ManageWebhookError::Random(BackendError::from(e.to_string())))?;
    WebhookSecret::from_key(&key).map_err(|e| ManageWebhookError::Random(e.into()))
}

/// Whether `actor` may see `endpoint`.
fn may_read(actor: &Actor, endpoint: &WebhookEndpoint) -> bool {
    actor.is_staff() || actor.is_provider(endpoint.owner)
}

impl ManageWebhooks {
    /// The use cases over their ports; a rotated secret keeps signing for `overlap`.
    pub fn new(
        store: Arc<dyn WebhookStore>,
        sender: Arc<dyn WebhookSender>,
        clock: Arc<dyn Clock>,
        overlap: TimeDelta,
    ) -> Self {
        Self {
            store,
            sender,
            clock,
            overlap,
        }
    }

    /// The endpoint `id` if `actor` may read it.
    async fn readable(
        &self,
        actor: &Actor,
        id: WebhookEndpointId,
    ) -> Result<WebhookEndpoint, ManageWebhookError> {
        match self.store.by_id(id).await? {
            Some(endpoint) if may_read(actor, &endpoint) => Ok(endpoint),
            _ => Err(ManageWebhookError::NotFound),
        }
    }

    /// The endpoint `id` if `actor` may change it.
    async fn manageable(
        &self,
        actor: &Actor,
        id: WebhookEndpointId,
    ) -> Result<WebhookEndpoint, ManageWebhookError> {
        let endpoint = self.readable(actor, id).await?;
        if actor.is_admin() || actor.is_provider(endpoint.owner) {
            Ok(endpoint)
        } else {
            Err(ManageWebhookError::Forbidden)
        }
    }

    /// Whether `actor` may register endpoints: providers and admins.
    pub fn may_register(actor: &Actor) -> bool {
        matches!(actor.role, Role::Provider | Role::Admin)
    }

    /// Registers an endpoint for `actor` (a provider: their own events; an admin: everyone's)
    /// and answers it with its secret, to be shown once.
    ///
    /// # Errors
    /// [`ManageWebhookError::Forbidden`] for customers and support, `Refused` when the URL's
    /// host may not be posted to, `Random`, `Store`.
    #[tracing::instrument(skip_all, fields(actor = %actor.id))]
    pub async fn create(
        &self,
        actor: &Actor,
        settings: EndpointSettings,
    ) -> Result<(WebhookEndpoint, WebhookSecret), ManageWebhookError> {
        if !Self::may_register(actor) {
            return Err(ManageWebhookError::Forbidden);
        }
        let scope = if actor.is_admin() {
            WebhookScope::All
        } else {
            WebhookScope::Own
        };
        self.sender.check(&settings.url).await?;
        let secret = new_secret()?;
        let endpoint = WebhookEndpoint {
            id: WebhookEndpointId::from_uuid(Uuid::now_v7()),
            owner: actor.id,
            scope,
            url: settings.url,
            description: settings.description,
            events: settings.events,
            enabled: settings.enabled,
            disabled_reason: None,
            secret: secret.clone(),
            previous_secret: None,
            consecutive_failures: 0,
            created_at: self.clock.now(),
        };
        self.store.insert(&endpoint).await?;
        tracing::info!(endpoint = %endpoint.id, "webhook endpoint registered");
        Ok((endpoint, secret))
    }

    /// The endpoints `actor` may read: a provider's own, or every one for staff.
    ///
    /// # Errors
    /// [`ManageWebhookError::Forbidden`] for customers, `Store`.
    pub async fn list(&self, actor: &Actor) -> Result<Vec<WebhookEndpoint>, ManageWebhookError> {
        match actor.role {
            Role::Provider => Ok(self.store.list(Some(actor.id)).await?),
            Role::Admin | Role::Support => Ok(self.store.list(None).await?),
            Role::Customer => Err(ManageWebhookError::Forbidden),
        }
    }

    /// Endpoint `id`.
    ///
    /// # Errors
    /// [`ManageWebhookError::NotFound`], `Store`.
    pub async fn get(
        &self,
        actor: &Actor,
        id: WebhookEndpointId,
    ) -> Result<WebhookEndpoint, ManageWebhookError> {
        self.readable(actor, id).await
    }

    /// Changes endpoint `id`.
    ///
    /// # Errors
    /// As [`ManageWebhooks::create`], and `NotFound`.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, endpoint = %id))]
    pub async fn update(
        &self,
        actor: &Actor,
        id: WebhookEndpointId,
        settings: EndpointSettings,
    ) -> Result<WebhookEndpoint, ManageWebhookError> {
        let mut endpoint = self.manageable(actor, id).await?;
        if settings.url != endpoint.url {
            self.sender.check(&settings.url).await?;
        }
        if settings.enabled && !endpoint.enabled {
            endpoint.consecutive_failures = 0;
            endpoint.disabled_reason = None;
        }
        endpoint.url = settings.url;
        endpoint.description = settings.description;
        endpoint.events = settings.events;
        endpoint.enabled = settings.enabled;
        self.store.update(&endpoint).await?;
        Ok(endpoint)
    }

    /// Deletes endpoint `id` with its messages and attempts.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, endpoint = %id))]
    pub async fn delete(
        &self,
        actor: &Actor,
        id: WebhookEndpointId,
    ) -> Result<(), ManageWebhookError> {
        self.manageable(actor, id).await?;
        self.store.delete(id).await?;
        tracing::info!("webhook endpoint deleted");
        Ok(())
    }

    /// Gives endpoint `id` a new secret, answered to be shown once; the old one keeps signing
    /// (next to the new one) for the overlap.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Random`, `Store`.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, endpoint = %id))]
    pub async fn rotate_secret(
        &self,
        actor: &Actor,
        id: WebhookEndpointId,
    ) -> Result<(WebhookEndpoint, WebhookSecret), ManageWebhookError> {
        let mut endpoint = self.manageable(actor, id).await?;
        let secret = new_secret()?;
        endpoint.rotate(secret.clone(), self.clock.now(), self.overlap);
        self.store.update(&endpoint).await?;
        tracing::info!("webhook secret rotated");
        Ok((endpoint, secret))
    }

    /// The latest attempts to endpoint `id`, newest first.
    ///
    /// # Errors
    /// `NotFound`, `Store`.
    pub async fn attempts(
        &self,
        actor: &Actor,
        id: WebhookEndpointId,
    ) -> Result<Vec<WebhookAttempt>, ManageWebhookError> {
        self.readable(actor, id).await?;
        Ok(self.store.attempts(id, ATTEMPTS_LISTED).await?)
    }

    /// Sends message `message` of endpoint `id` again (same `webhook-id` and body).
    ///
    /// # Errors
    /// `Forbidden`, `NotFound` (also for a message of another endpoint), `Store`.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, endpoint = %id))]
    pub async fn resend(
        &self,
        actor: &Actor,
        id: WebhookEndpointId,
        message: &MessageId,
    ) -> Result<(), ManageWebhookError> {
        self.manageable(actor, id).await?;
        self.store.requeue(id, message, self.clock.now()).await?;
        Ok(())
    }

    /// Queues a `ping` message to endpoint `id` and answers its id.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, endpoint = %id))]
    pub async fn ping(
        &self,
        actor: &Actor,
        id: WebhookEndpointId,
    ) -> Result<MessageId, ManageWebhookError> {
        self.manageable(actor, id).await?;
        let now = self.clock.now();
        let body = webhook_payload::ping_body(id, now);
        Ok(self
            .store
            .enqueue(id, WebhookEvent::Ping, &body, now)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::webhooks::{MockWebhookSender, MockWebhookStore};
    use crate::test_support::*;
    use domain::UserId;

    fn settings(url: &str) -> EndpointSettings {
        EndpointSettings {
            url: WebhookUrl::parse(url).unwrap(),
            description: WebhookDescription::parse("CRM").unwrap(),
            events: EventTypes::parse(["appointment.booked"]).unwrap(),
            enabled: true,
        }
    }

    fn actor(role: Role, n: u128) -> Actor {
        Actor::new(UserId::from_uuid(Uuid::from_u128(n)), role)
    }

    fn endpoint_of(owner: &Actor) -> WebhookEndpoint {
        WebhookEndpoint {
            id: WebhookEndpointId::from_uuid(Uuid::from_u128(99)),
            owner: owner.id,
            scope: WebhookScope::Own,
            url: WebhookUrl::parse("https://crm.example.org/in").unwrap(),
            description: WebhookDescription::parse("").unwrap(),
            events: EventTypes::parse(["appointment.booked"]).unwrap(),
            enabled: false,
            disabled_reason: Some("10 failures".into()),
            secret: WebhookSecret::from_key(&[1; 24]).unwrap(),
            previous_secret: None,
            consecutive_failures: 10,
            created_at: utc(NOW),
        }
    }

    fn use_case(store: MockWebhookStore, sender: MockWebhookSender) -> ManageWebhooks {
        ManageWebhooks::new(
            Arc::new(store),
            Arc::new(sender),
            clock_at(NOW),
            TimeDelta::hours(24),
        )
    }

    fn allowing_sender() -> MockWebhookSender {
        let mut sender = MockWebhookSender::new();
        sender.expect_check().returning(|_| Ok(()));
        sender
    }

    fn storing(endpoint: WebhookEndpoint) -> MockWebhookStore {
        let mut store = MockWebhookStore::new();
        store
            .expect_by_id()
            .returning(move |_| Ok(Some(endpoint.clone())));
        store
    }

    #[tokio::test]
    async fn a_provider_registers_an_endpoint_for_their_own_events_with_a_fresh_secret() {
        let provider = actor(Role::Provider, 1);
        let mut store = MockWebhookStore::new();
        store
            .expect_insert()
            .withf(move |e| e.owner == provider.id && e.scope == WebhookScope::Own)
            .times(1)
            .returning(|_| Ok(()));
        let (endpoint, secret) = use_case(store, allowing_sender())
            .create(&provider, settings("https://crm.example.org/in"))
            .await
            .unwrap();
        assert!(secret.expose().starts_with("whsec_"));
        assert_eq!(endpoint.secret, secret);
    }

    #[tokio::test]
    async fn an_admins_endpoint_receives_everyones_events() {
        let admin = actor(Role::Admin, 1);
        let mut store = MockWebhookStore::new();
        store
            .expect_insert()
            .withf(|e| e.scope == WebhookScope::All)
            .times(1)
            .returning(|_| Ok(()));
        use_case(store, allowing_sender())
            .create(&admin, settings("https://ops.example.org/in"))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn customers_and_support_register_nothing() {
        for role in [Role::Customer, Role::Support] {
            let mut store = MockWebhookStore::new();
            store.expect_insert().never();
            let result = use_case(store, MockWebhookSender::new())
                .create(&actor(role, 1), settings("https://x.example.org/"))
                .await;
            assert!(matches!(result, Err(ManageWebhookError::Forbidden)));
        }
    }

    #[tokio::test]
    async fn a_url_the_guard_refuses_is_not_registered() {
        let mut sender = MockWebhookSender::new();
        sender
            .expect_check()
            .returning(|_| Err(TargetRefused("127.0.0.1 is a loopback address".into())));
        let mut store = MockWebhookStore::new();
        store.expect_insert().never();
        let result = use_case(store, sender)
            .create(&actor(Role::Provider, 1), settings("http://localhost/"))
            .await;
        assert!(matches!(result, Err(ManageWebhookError::Refused(_))));
    }

    #[tokio::test]
    async fn another_providers_endpoint_is_not_found() {
        let owner = actor(Role::Provider, 1);
        let mut store = storing(endpoint_of(&owner));
        store.expect_delete().never();
        let result = use_case(store, MockWebhookSender::new())
            .delete(&actor(Role::Provider, 2), endpoint_of(&owner).id)
            .await;
        assert!(matches!(result, Err(ManageWebhookError::NotFound)));
    }

    #[tokio::test]
    async fn support_reads_attempts_but_may_not_resend() {
        let owner = actor(Role::Provider, 1);
        let support = actor(Role::Support, 3);
        let mut store = storing(endpoint_of(&owner));
        store
            .expect_attempts()
            .times(1)
            .returning(|_, _| Ok(Vec::new()));
        store.expect_requeue().never();
        let uc = use_case(store, MockWebhookSender::new());
        uc.attempts(&support, endpoint_of(&owner).id).await.unwrap();
        let result = uc
            .resend(&support, endpoint_of(&owner).id, &MessageId::new())
            .await;
        assert!(matches!(result, Err(ManageWebhookError::Forbidden)));
    }

    #[tokio::test]
    async fn rotating_keeps_the_old_secret_signing_for_the_overlap() {
        let owner = actor(Role::Provider, 1);
        let old = endpoint_of(&owner).secret;
        let mut store = storing(endpoint_of(&owner));
        store
            .expect_update()
            .withf(move |e| {
                e.previous_secret == Some((old.clone(), utc(NOW) + TimeDelta::hours(24)))
            })
            .times(1)
            .returning(|_| Ok(()));
        let (endpoint, secret) = use_case(store, MockWebhookSender::new())
            .rotate_secret(&owner, endpoint_of(&owner).id)
            .await
            .unwrap();
        assert_eq!(endpoint.secret, secret);
        assert_ne!(secret, endpoint_of(&owner).secret);
    }

    #[tokio::test]
    async fn enabling_a_disabled_endpoint_clears_its_failures() {
        let owner = actor(Role::Provider, 1);
        let mut store = storing(endpoint_of(&owner));
        store
            .expect_update()
            .withf(|e| e.enabled && e.consecutive_failures == 0 && e.disabled_reason.is_none())
            .times(1)
            .returning(|_| Ok(()));
        // The URL is unchanged, so it is not checked again.
        use_case(store, MockWebhookSender::new())
            .update(
                &owner,
                endpoint_of(&owner).id,
                settings("https://crm.example.org/in"),
            )
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_ping_is_queued_to_the_endpoint_whatever_it_subscribes_to() {
        let owner = actor(Role::Provider, 1);
        let mut store = storing(endpoint_of(&owner));
        store
            .expect_enqueue()
            .withf(|_, event, body, _| *event == WebhookEvent::Ping && body.contains("\"ping\""))
            .times(1)
            .returning(|_, _, _, _| Ok(MessageId::new()));
        use_case(store, MockWebhookSender::new())
            .ping(&owner, endpoint_of(&owner).id)
            .await
            .unwrap();
    }
}
