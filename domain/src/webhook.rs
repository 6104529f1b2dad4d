//! Webhooks: the events programs subscribe to, their endpoints and secrets, the Standard Webhooks
//! signature (standardwebhooks.com) and its retry schedule.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::id::{UserId, WebhookEndpointId};
use crate::text::{TextError, bounded_text};

/// Why a webhook setting was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    /// The URL is not an absolute `http`/`https` URL without credentials.
    #[error("the URL {0}")]
    Url(&'static str),
    /// An event type nobody publishes.
    #[error("unknown event type {0:?}")]
    UnknownEvent(String),
    /// No event type chosen.
    #[error("choose at least one event type")]
    NoEvents,
    /// A secret that is not `whsec_` and the base64 of at least 24 bytes.
    #[error("the secret is not a whsec_ secret of at least 24 bytes")]
    Secret,
    /// The description.
    #[error(transparent)]
    Text(#[from] TextError),
}

/// What happened, as named in a webhook's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WebhookEvent {
    /// A new booking.
    AppointmentBooked,
    /// The provider accepted a requested booking.
    AppointmentConfirmed,
    /// The appointment moved to another time.
    AppointmentMoved,
    /// The appointment was called off.
    AppointmentCancelled,
    /// The appointment took place.
    AppointmentCompleted,
    /// The customer did not come.
    AppointmentNoShow,
    /// A service was created.
    ServiceCreated,
    /// A service was changed.
    ServiceUpdated,
    /// A service was deactivated.
    ServiceDeactivated,
    /// A test message sent on request ("send test"); not subscribed to.
    Ping,
}

impl WebhookEvent {
    /// The events an endpoint may subscribe to.
    pub const SUBSCRIBABLE: [Self; 9] = [
        Self::AppointmentBooked,
        Self::AppointmentConfirmed,
        Self::AppointmentMoved,
        Self::AppointmentCancelled,
        Self::AppointmentCompleted,
        Self::AppointmentNoShow,
        Self::ServiceCreated,
        Self::ServiceUpdated,
        Self::ServiceDeactivated,
    ];

    /// The stable name (`appointment.booked`, …, `ping`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AppointmentBooked => "appointment.booked",
            Self::AppointmentConfirmed => "appointment.confirmed",
            Self::AppointmentMoved => "appointment.moved",
            Self::AppointmentCancelled => "appointment.cancelled",
            Self::AppointmentCompleted => "appointment.completed",
            Self::AppointmentNoShow => "appointment.no_show",
            Self::ServiceCreated => "service.created",
            Self::ServiceUpdated => "service.updated",
            Self::ServiceDeactivated => "service.deactivated",
            Self::Ping => "ping",
        }
    }

    /// The event named `name` by [`WebhookEvent::as_str`].
    ///
    /// # Errors
    /// [`WebhookError::UnknownEvent`].
    pub fn parse(name: &str) -> Result<Self, WebhookError> {
        Self::SUBSCRIBABLE
            .into_iter()
            .chain([Self::Ping])
            .find(|e| e.as_str() == name.trim())
            .ok_or_else(|| WebhookError::UnknownEvent(name.to_owned()))
    }
}

impl fmt::Display for WebhookEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The events an endpoint subscribes to: at least one, no duplicates, never `ping` (which is
/// sent on request whatever the subscription).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventTypes(Vec<WebhookEvent>);

impl EventTypes {
    /// The set of `names`.
    ///
    /// # Errors
    /// [`WebhookError::UnknownEvent`] (also for `ping`), [`WebhookError::NoEvents`].
    pub fn parse<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, WebhookError> {
        let mut events = names
            .into_iter()
            .map(|name| match WebhookEvent::parse(name)? {
                WebhookEvent::Ping => Err(WebhookError::UnknownEvent(name.to_owned())),
                event => Ok(event),
            })
            .collect::<Result<Vec<_>, _>>()?;
        events.sort_unstable();
        events.dedup();
        if events.is_empty() {
            return Err(WebhookError::NoEvents);
        }
        Ok(Self(events))
    }

    /// Whether `event` is among them.
    pub fn contains(&self, event: WebhookEvent) -> bool {
        self.0.contains(&event)
    }

    /// The events, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = WebhookEvent> + '_ {
        self.0.iter().copied()
    }
}

/// Where webhooks are posted: an absolute `http` or `https` URL with a host and no
/// credentials. Whether its host may be reached is checked where it is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl(url::Url);

impl WebhookUrl {
    /// Parses `raw`.
    ///
    /// # Errors
    /// [`WebhookError::Url`].
    pub fn parse(raw: &str) -> Result<Self, WebhookError> {
        let raw = raw.trim();
        if raw.len() > 2000 {
            return Err(WebhookError::Url("is longer than 2000 characters"));
        }
        let url = url::Url::parse(raw).map_err(|_| WebhookError::Url("is not a valid URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(WebhookError::Url("must start with https:// or http://"));
        }
        if url.host().is_none() {
            return Err(WebhookError::Url("has no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(WebhookError::Url("must not carry a user name or password"));
        }
        Ok(Self(url))
    }

    /// The URL.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The host as written (a name, or an IP address; IPv6 without brackets).
    pub fn host(&self) -> String {
        match self.0.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(host) => host.to_string(),
            None => String::new(),
        }
    }

    /// The port, explicit or the scheme's.
    pub fn port(&self) -> u16 {
        self.0.port_or_known_default().unwrap_or(443)
    }
}

impl fmt::Display for WebhookUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

bounded_text!(
    /// What an endpoint is for, as its owner describes it; may be empty.
    WebhookDescription, "description", 0..=200, multiline: false
);

/// The prefix of a secret's text.
const SECRET_PREFIX: &str = "whsec_";

/// The fewest random bytes a secret carries.
pub const SECRET_MIN_BYTES: usize = 24;

/// A signing secret: `whsec_` and the base64 of its key. Its `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// The secret of `key`.
    ///
    /// # Errors
    /// [`WebhookError::Secret`] for a key shorter than [`SECRET_MIN_BYTES`].
    pub fn from_key(key: &[u8]) -> Result<Self, WebhookError> {
        if key.len() < SECRET_MIN_BYTES {
            return Err(WebhookError::Secret);
        }
        Ok(Self(format!("{SECRET_PREFIX}{}", BASE64.encode(key))))
    }

    /// Parses a stored secret.
    ///
    /// # Errors
    /// [`WebhookError::Secret`].
    pub fn parse(text: &str) -> Result<Self, WebhookError> {
        let key = text
            .strip_prefix(SECRET_PREFIX)
            .and_then(|b64| BASE64.decode(b64).ok())
            .ok_or(WebhookError::Secret)?;
        Self::from_key(&key)
    }

    /// The text to show its owner once and to store.
    pub fn expose(&self) -> &str {
        &self.0
    }

    fn key(&self) -> Vec<u8> {
        // The text was built or checked by `from_key`/`parse`, so it decodes.
        BASE64
            .decode(&self.0[SECRET_PREFIX.len()..])
            .unwrap_or_default()
    }

    /// `v1,` and the base64 of HMAC-SHA256 over `{id}.{timestamp}.{body}` with this key.
    fn sign(&self, id: &str, timestamp: i64, body: &str) -> String {
        // HMAC takes keys of any length.
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key())
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
        format!("v1,{}", BASE64.encode(mac.finalize().into_bytes()))
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(..)")
    }
}

/// Which events an endpoint receives besides its subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookScope {
    /// Only events about its owner's own services and appointments (a provider's endpoint).
    Own,
    /// Events about everyone (an admin's endpoint).
    All,
}

impl WebhookScope {
    /// The stable name used in storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Own => "own",
            Self::All => "all",
        }
    }

    /// The scope named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Own, Self::All]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// A receiver of webhooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEndpoint {
    /// Identity.
    pub id: WebhookEndpointId,
    /// Who registered it (and is mailed when it is disabled).
    pub owner: UserId,
    /// Whose events it receives.
    pub scope: WebhookScope,
    /// Where to post.
    pub url: WebhookUrl,
    /// What it is for.
    pub description: WebhookDescription,
    /// What it subscribes to.
    pub events: EventTypes,
    /// Whether messages are sent to it.
    pub enabled: bool,
    /// Why it was disabled automatically, if it was.
    pub disabled_reason: Option<String>,
    /// The signing secret.
    pub secret: WebhookSecret,
    /// The secret before the last rotation and until when it still signs.
    pub previous_secret: Option<(WebhookSecret, DateTime<Utc>)>,
    /// Failed attempts since the last success.
    pub consecutive_failures: u32,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
}

impl WebhookEndpoint {
    /// Whether it receives `event` about provider `provider`'s services or appointments.
    pub fn receives(&self, event: WebhookEvent, provider: UserId) -> bool {
        self.enabled
            && self.events.contains(event)
            && (self.scope == WebhookScope::All || self.owner == provider)
    }

    /// Replaces the secret with `new`; the old one keeps signing until `now + overlap`, so
    /// receivers can switch over without losing messages.
    pub fn rotate(&mut self, new: WebhookSecret, now: DateTime<Utc>, overlap: TimeDelta) {
        let old = std::mem::replace(&mut self.secret, new);
        self.previous_secret = Some((old, now + overlap));
    }

    /// The `webhook-signature` header of message `id` sent at `timestamp` (Unix seconds) with
    /// `body`: one `v1,` signature per secret valid at `now` (the current one first), separated
    /// by spaces.
    pub fn signature(&self, id: &str, timestamp: DateTime<Utc>, body: &str) -> String {
        let seconds = timestamp.timestamp();
        let mut signatures = vec![self.secret.sign(id, seconds, body)];
        if let Some((old, until)) = &self.previous_secret
            && timestamp < *until
        {
            signatures.push(old.sign(id, seconds, body));
        }
        signatures.join(" ")
    }
}

/// The waits between attempts of the Standard Webhooks schedule, in seconds: 5 s, 5 min,
/// 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (ten attempts over about three and a half days).
const RETRY_SECONDS: [i64; 9] = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400];

/// The wait after the `attempts`-th failed attempt (1-based); `None`: give up.
pub fn retry_after(attempts: u32) -> Option<TimeDelta> {
    let index = usize::try_from(attempts.checked_sub(1)?).ok()?;
    RETRY_SECONDS.get(index).map(|s| TimeDelta::seconds(*s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn endpoint() -> WebhookEndpoint {
        WebhookEndpoint {
            id: WebhookEndpointId::from_uuid(Uuid::from_u128(1)),
            owner: UserId::from_uuid(Uuid::from_u128(2)),
            scope: WebhookScope::Own,
            url: WebhookUrl::parse("https://example.org/hooks").unwrap(),
            description: WebhookDescription::parse("").unwrap(),
            events: EventTypes::parse(["appointment.booked"]).unwrap(),
            enabled: true,
            disabled_reason: None,
            // The secret of the Standard Webhooks reference test vector.
            secret: WebhookSecret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap(),
            previous_secret: None,
            consecutive_failures: 0,
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
        }
    }

    #[test]
    fn the_signature_matches_the_standard_webhooks_reference_vector() {
        let e = endpoint();
        let at = DateTime::from_timestamp(1_614_265_330, 0).unwrap();
        assert_eq!(
            e.signature(
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                at,
                r#"{"test": 2432232314}"#
            ),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn after_a_rotation_both_secrets_sign_until_the_overlap_ends() {
        let mut e = endpoint();
        let before = e.signature("msg_1", DateTime::from_timestamp(10, 0).unwrap(), "{}");
        let now = DateTime::from_timestamp(10, 0).unwrap();
        e.rotate(
            WebhookSecret::from_key(&[7; 32]).unwrap(),
            now,
            TimeDelta::hours(24),
        );
        let during = e.signature("msg_1", now, "{}");
        let parts: Vec<&str> = during.split(' ').collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1], before);
        let after = e.signature("msg_1", now + TimeDelta::hours(24), "{}");
        assert!(
            !after.contains(' '),
            "only the new secret signs after the overlap"
        );
    }

    #[test]
    fn secrets_are_whsec_and_at_least_24_random_bytes() {
        let s = WebhookSecret::from_key(&[1; 24]).unwrap();
        assert!(s.expose().starts_with("whsec_"));
        assert_eq!(WebhookSecret::parse(s.expose()).unwrap(), s);
        assert_eq!(WebhookSecret::from_key(&[1; 23]), Err(WebhookError::Secret));
        assert!(WebhookSecret::parse("sk_abc").is_err());
        assert_eq!(format!("{s:?}"), "WebhookSecret(..)");
    }

    #[test]
    fn urls_must_be_http_with_a_host_and_no_credentials() {
        assert!(WebhookUrl::parse("https://hooks.example.org/x?y=1").is_ok());
        assert!(WebhookUrl::parse("ftp://example.org").is_err());
        assert!(WebhookUrl::parse("https://user:pw@example.org").is_err());
        assert!(WebhookUrl::parse("not a url").is_err());
        assert_eq!(
            WebhookUrl::parse("http://[::1]:8080/").unwrap().host(),
            "::1"
        );
        assert_eq!(WebhookUrl::parse("http://10.0.0.1/").unwrap().port(), 80);
    }

    #[test]
    fn event_types_are_deduplicated_and_never_ping_or_empty() {
        let types = EventTypes::parse(["service.created", "appointment.booked", "service.created"])
            .unwrap();
        assert_eq!(types.iter().count(), 2);
        assert!(EventTypes::parse(["ping"]).is_err());
        assert_eq!(EventTypes::parse([]), Err(WebhookError::NoEvents));
        assert!(EventTypes::parse(["appointment.eaten"]).is_err());
    }

    #[test]
    fn a_provider_endpoint_receives_only_its_owners_subscribed_events_while_enabled() {
        let mut e = endpoint();
        let other = UserId::from_uuid(Uuid::from_u128(3));
        assert!(e.receives(WebhookEvent::AppointmentBooked, e.owner));
        assert!(!e.receives(WebhookEvent::AppointmentBooked, other));
        assert!(!e.receives(WebhookEvent::ServiceCreated, e.owner));
        e.scope = WebhookScope::All;
        assert!(e.receives(WebhookEvent::AppointmentBooked, other));
        e.enabled = false;
        assert!(!e.receives(WebhookEvent::AppointmentBooked, e.owner));
    }

    #[test]
    fn retries_follow_the_standard_webhooks_schedule_then_give_up() {
        assert_eq!(retry_after(1), Some(TimeDelta::seconds(5)));
        assert_eq!(retry_after(2), Some(TimeDelta::minutes(5)));
        assert_eq!(retry_after(9), Some(TimeDelta::hours(24)));
        assert_eq!(retry_after(10), None);
        assert_eq!(retry_after(0), None);
    }
}
