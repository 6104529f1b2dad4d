//! The [`application::ports::WebhookStore`] contract: endpoints round-trip with their secrets;
//! a delivery fans out once per receiving endpoint; messages are claimed by one worker at a
//! time under a lease, retried when due, finished only by their current claim, and resent with
//! their id; attempts are logged; an endpoint is disabled once at the failure limit; a service
//! change is queued with the change itself.

use std::collections::HashSet;
use std::sync::Arc;

use application::ports::{DeliveryId, MessageOutcome, RepoError, WebhookAttempt};
use chrono::{DateTime, TimeDelta, Utc};
use domain::{
    EventTypes, User, WebhookDescription, WebhookEndpoint, WebhookEndpointId, WebhookEvent,
    WebhookScope, WebhookSecret, WebhookUrl,
};
use uuid::Uuid;

use super::Stores;
use crate::builders::{a_provider, a_service, an_admin, created, utc};

const NOW: &str = "2030-05-02T09:00:00Z";

fn now() -> DateTime<Utc> {
    utc(NOW)
}

fn an_endpoint_of(owner: &User, scope: WebhookScope, events: &[&str]) -> WebhookEndpoint {
    WebhookEndpoint {
        id: WebhookEndpointId::from_uuid(Uuid::now_v7()),
        owner: owner.id,
        scope,
        url: WebhookUrl::parse("https://hooks.example.org/in?x=1").unwrap(),
        description: WebhookDescription::parse("CRM").unwrap(),
        events: EventTypes::parse(events.iter().copied()).unwrap(),
        enabled: true,
        disabled_reason: None,
        secret: WebhookSecret::from_key(&[1; 32]).unwrap(),
        previous_secret: None,
        consecutive_failures: 0,
        created_at: now(),
    }
}

async fn stored(stores: &Stores, endpoint: WebhookEndpoint) -> WebhookEndpoint {
    stores.webhooks.insert(&endpoint).await.unwrap();
    endpoint
}

async fn provider(stores: &Stores) -> User {
    stores.add_user(a_provider().build()).await
}

pub async fn webhook_store_round_trips_an_endpoint_with_both_secrets(stores: &Stores) {
    let owner = provider(stores).await;
    let mut endpoint = stored(
        stores,
        an_endpoint_of(
            &owner,
            WebhookScope::Own,
            &["appointment.booked", "service.created"],
        ),
    )
    .await;
    assert_eq!(
        stores.webhooks.by_id(endpoint.id).await.unwrap(),
        Some(endpoint.clone())
    );
    endpoint.rotate(
        WebhookSecret::from_key(&[2; 24]).unwrap(),
        now(),
        TimeDelta::hours(24),
    );
    endpoint.enabled = false;
    endpoint.disabled_reason = Some("410".into());
    endpoint.consecutive_failures = 4;
    endpoint.url = WebhookUrl::parse("https://other.example.org/").unwrap();
    stores.webhooks.update(&endpoint).await.unwrap();
    assert_eq!(
        stores.webhooks.by_id(endpoint.id).await.unwrap(),
        Some(endpoint)
    );
    let unknown = WebhookEndpointId::from_uuid(Uuid::now_v7());
    assert_eq!(stores.webhooks.by_id(unknown).await.unwrap(), None);
}

pub async fn webhook_store_lists_an_owners_endpoints_or_all_and_deletes_with_messages(
    stores: &Stores,
) {
    let (x, y) = (provider(stores).await, provider(stores).await);
    let first = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    let second = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    let other = stored(
        stores,
        an_endpoint_of(&y, WebhookScope::Own, &["service.created"]),
    )
    .await;
    let ids = |list: Vec<WebhookEndpoint>| list.into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(
        ids(stores.webhooks.list(Some(x.id)).await.unwrap()),
        vec![first.id, second.id]
    );
    assert_eq!(stores.webhooks.list(None).await.unwrap().len(), 3);
    stores
        .webhooks
        .enqueue(first.id, WebhookEvent::Ping, "{}", now())
        .await
        .unwrap();
    stores.webhooks.delete(first.id).await.unwrap();
    assert_eq!(
        ids(stores.webhooks.list(Some(x.id)).await.unwrap()),
        vec![second.id]
    );
    assert!(
        stores
            .webhooks
            .claim(now(), 10, TimeDelta::minutes(1))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        stores.webhooks.delete(first.id).await,
        Err(RepoError::NotFound)
    ));
    assert!(stores.webhooks.by_id(other.id).await.unwrap().is_some());
}

pub async fn webhook_store_fans_out_once_per_delivery_to_the_endpoints_that_receive_it(
    stores: &Stores,
) {
    let (x, y) = (provider(stores).await, provider(stores).await);
    let admin = stores.add_user(an_admin().build()).await;
    let own = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["appointment.booked"]),
    )
    .await;
    let all = stored(
        stores,
        an_endpoint_of(&admin, WebhookScope::All, &["appointment.booked"]),
    )
    .await;
    // Not receiving: another provider's, another event's, a disabled one.
    stored(
        stores,
        an_endpoint_of(&y, WebhookScope::Own, &["appointment.booked"]),
    )
    .await;
    stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    let mut off = an_endpoint_of(&x, WebhookScope::Own, &["appointment.booked"]);
    off.enabled = false;
    stored(stores, off).await;
    let source = DeliveryId::from_uuid(Uuid::now_v7());
    let event = WebhookEvent::AppointmentBooked;
    let queued = stores
        .webhooks
        .fan_out(
            source,
            x.id,
            event,
            r#"{"type":"appointment.booked"}"#,
            now(),
        )
        .await
        .unwrap();
    assert_eq!(queued, 2);
    let again = stores
        .webhooks
        .fan_out(
            source,
            x.id,
            event,
            r#"{"type":"appointment.booked"}"#,
            now(),
        )
        .await
        .unwrap();
    assert_eq!(again, 0, "a repeated fan-out adds nothing");
    let claimed = stores
        .webhooks
        .claim(now(), 10, TimeDelta::minutes(1))
        .await
        .unwrap();
    let mut to: Vec<WebhookEndpointId> = claimed.iter().map(|m| m.endpoint.id).collect();
    to.sort();
    let mut expected = vec![own.id, all.id];
    expected.sort();
    assert_eq!(to, expected);
    assert!(claimed.iter().all(|m| m.event == event
        && m.body == r#"{"type":"appointment.booked"}"#
        && m.attempts == 1
        && m.id.as_str().starts_with("msg_")));
    assert_ne!(claimed[0].id, claimed[1].id);
}

pub async fn webhook_store_queues_a_service_change_with_the_change_for_the_receiving_endpoints(
    stores: &Stores,
) {
    let (x, y) = (provider(stores).await, provider(stores).await);
    let receiving = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    stored(
        stores,
        an_endpoint_of(&y, WebhookScope::Own, &["service.created"]),
    )
    .await;
    stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.updated"]),
    )
    .await;
    let service = a_service().by(&x).build();
    let notice = created(&service);
    stores.services.insert(&service, &notice).await.unwrap();
    let refused = stores.services.insert(&service, &notice).await;
    assert!(matches!(refused, Err(RepoError::Conflict)), "{refused:?}");
    let claimed = stores
        .webhooks
        .claim(notice.at, 10, TimeDelta::minutes(1))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1, "one message, none for the refused insert");
    assert_eq!(claimed[0].endpoint.id, receiving.id);
    assert_eq!(claimed[0].event, WebhookEvent::ServiceCreated);
    assert_eq!(claimed[0].body, notice.body);
}

pub async fn webhook_store_hides_a_claimed_message_until_its_lease_ends_and_retries_when_due(
    stores: &Stores,
) {
    let x = provider(stores).await;
    let endpoint = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    let id = stores
        .webhooks
        .enqueue(endpoint.id, WebhookEvent::Ping, "{}", now())
        .await
        .unwrap();
    let lease = TimeDelta::minutes(1);
    let first = stores.webhooks.claim(now(), 10, lease).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].id, id);
    assert_eq!(first[0].endpoint, endpoint);
    assert!(
        stores
            .webhooks
            .claim(now() + TimeDelta::seconds(59), 10, lease)
            .await
            .unwrap()
            .is_empty()
    );
    // The worker crashed: after the lease it is handed out again, one more attempt counted.
    let again = stores
        .webhooks
        .claim(now() + lease, 10, lease)
        .await
        .unwrap();
    assert_eq!(again[0].attempts, 2);
    let retry_at = now() + TimeDelta::minutes(10);
    stores
        .webhooks
        .finish(&again[0], MessageOutcome::RetryAt(retry_at))
        .await
        .unwrap();
    let early = retry_at - TimeDelta::seconds(1);
    assert!(
        stores
            .webhooks
            .claim(early, 10, lease)
            .await
            .unwrap()
            .is_empty()
    );
    let due = stores.webhooks.claim(retry_at, 10, lease).await.unwrap();
    assert_eq!(due[0].attempts, 3);
    stores
        .webhooks
        .finish(&due[0], MessageOutcome::Released)
        .await
        .unwrap();
    let released = stores.webhooks.claim(retry_at, 10, lease).await.unwrap();
    assert_eq!(released[0].attempts, 3, "a released claim does not count");
    stores
        .webhooks
        .finish(&released[0], MessageOutcome::Delivered)
        .await
        .unwrap();
    let later = now() + TimeDelta::days(30);
    assert!(
        stores
            .webhooks
            .claim(later, 10, lease)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn webhook_store_refuses_to_finish_a_claim_that_was_taken_over(stores: &Stores) {
    let x = provider(stores).await;
    let endpoint = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    stores
        .webhooks
        .enqueue(endpoint.id, WebhookEvent::Ping, "{}", now())
        .await
        .unwrap();
    let lease = TimeDelta::minutes(1);
    let old = stores.webhooks.claim(now(), 10, lease).await.unwrap();
    let new = stores
        .webhooks
        .claim(now() + lease, 10, lease)
        .await
        .unwrap();
    assert!(matches!(
        stores
            .webhooks
            .finish(&old[0], MessageOutcome::Failed)
            .await,
        Err(RepoError::Stale)
    ));
    stores
        .webhooks
        .finish(&new[0], MessageOutcome::Failed)
        .await
        .unwrap();
    assert!(matches!(
        stores
            .webhooks
            .finish(&new[0], MessageOutcome::Delivered)
            .await,
        Err(RepoError::Stale)
    ));
}

pub async fn webhook_store_requeues_a_finished_message_with_its_id(stores: &Stores) {
    let x = provider(stores).await;
    let endpoint = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    let other = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    let id = stores
        .webhooks
        .enqueue(endpoint.id, WebhookEvent::Ping, r#"{"n":1}"#, now())
        .await
        .unwrap();
    let lease = TimeDelta::minutes(1);
    let claimed = stores.webhooks.claim(now(), 10, lease).await.unwrap();
    stores
        .webhooks
        .finish(&claimed[0], MessageOutcome::Failed)
        .await
        .unwrap();
    assert!(matches!(
        stores.webhooks.requeue(other.id, &id, now()).await,
        Err(RepoError::NotFound)
    ));
    let later = now() + TimeDelta::hours(1);
    stores
        .webhooks
        .requeue(endpoint.id, &id, later)
        .await
        .unwrap();
    let again = stores.webhooks.claim(later, 10, lease).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!((&again[0].id, again[0].attempts), (&id, 1));
    assert_eq!(again[0].body, r#"{"n":1}"#);
}

pub async fn webhook_store_logs_attempts_newest_first(stores: &Stores) {
    let x = provider(stores).await;
    let endpoint = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    let id = stores
        .webhooks
        .enqueue(endpoint.id, WebhookEvent::Ping, "{}", now())
        .await
        .unwrap();
    let attempt = |n: i64, status: Option<u16>| WebhookAttempt {
        message: id.clone(),
        endpoint: endpoint.id,
        event: WebhookEvent::Ping,
        at: now() + TimeDelta::seconds(n),
        status,
        duration_ms: 12,
        response: format!("answer {n}"),
    };
    for n in 0..3 {
        let status = (n != 1).then_some(500);
        stores
            .webhooks
            .record_attempt(&attempt(n, status))
            .await
            .unwrap();
    }
    let logged = stores.webhooks.attempts(endpoint.id, 2).await.unwrap();
    assert_eq!(logged, vec![attempt(2, Some(500)), attempt(1, None)]);
}

pub async fn webhook_store_disables_an_endpoint_once_at_the_failure_limit(stores: &Stores) {
    let x = provider(stores).await;
    let endpoint = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    let mut disabled = Vec::new();
    for _ in 0..4 {
        let count = stores
            .webhooks
            .note_failure(endpoint.id, 3, "3 attempts failed")
            .await
            .unwrap();
        disabled.push((count.consecutive, count.disabled_now));
    }
    assert_eq!(
        disabled,
        vec![(1, false), (2, false), (3, true), (4, false)]
    );
    let now_stored = stores.webhooks.by_id(endpoint.id).await.unwrap().unwrap();
    assert!(!now_stored.enabled);
    assert_eq!(
        now_stored.disabled_reason.as_deref(),
        Some("3 attempts failed")
    );
    assert!(!stores.webhooks.disable(endpoint.id, "410").await.unwrap());
    stores.webhooks.note_success(endpoint.id).await.unwrap();
    let reset = stores.webhooks.by_id(endpoint.id).await.unwrap().unwrap();
    assert_eq!(reset.consecutive_failures, 0);
    let fresh = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    assert!(stores.webhooks.disable(fresh.id, "410 Gone").await.unwrap());
}

pub async fn webhook_store_hands_each_message_to_one_of_many_concurrent_workers(stores: &Stores) {
    let x = provider(stores).await;
    let endpoint = stored(
        stores,
        an_endpoint_of(&x, WebhookScope::Own, &["service.created"]),
    )
    .await;
    for _ in 0..30 {
        stores
            .webhooks
            .enqueue(endpoint.id, WebhookEvent::Ping, "{}", now())
            .await
            .unwrap();
    }
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let store = Arc::clone(&stores.webhooks);
        workers.spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch = store.claim(now(), 3, TimeDelta::minutes(1)).await.unwrap();
                if batch.is_empty() {
                    return mine;
                }
                for message in batch {
                    store
                        .finish(&message, MessageOutcome::Delivered)
                        .await
                        .unwrap();
                    mine.push(message.id);
                }
            }
        });
    }
    let all: Vec<_> = workers.join_all().await.into_iter().flatten().collect();
    let distinct: HashSet<_> = all.iter().collect();
    assert_eq!((all.len(), distinct.len()), (30, 30));
}
