//! A local stand-in for Microsoft Graph: the identity platform's client-credentials token
//! endpoint and the subset of Graph v1.0 the Outlook adapter calls, over real HTTP on
//! 127.0.0.1. It checks requests as Graph would (Bearer token, JSON bodies, UTC times), keeps
//! calendar names unique per mailbox (`409 ErrorFolderExists`), answers a repeated
//! `transactionId` with the event already made, and can be told to fail: be down (with a
//! `Retry-After`), answer a status, throttle, or lose a response. It counts the requests in
//! flight per mailbox.
//!
//! Each mailbox also has a default calendar of the provider's own events, read with
//! `calendarView/delta` (paged, with delta links that can be made invalid: `410`) and watched
//! with subscriptions: creating one first posts a `validationToken` to its notification and
//! lifecycle URLs and fails (`400 ValidationError`) unless both echo it as text within 10 s,
//! as Graph does.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;

use super::fake_google::percent_decode;

pub const TENANT: &str = "contoso-tenant";
pub const CLIENT_ID: &str = "11111111-2222-3333-4444-555555555555";
pub const CLIENT_SECRET: &str = "test-only-secret";

/// The certificate (with its key) registered with the app, for certificate credentials.
pub const CERTIFICATE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/it/calendar/graph-test-credential.pem"
);

/// A failure to inject into the next Graph call (not the token endpoint).
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// Answer with this status (and no `Retry-After`) without doing anything.
    Status(u16),
    /// `429 TooManyRequests` with `Retry-After` in seconds.
    Throttle(u64),
    /// Do the work, then answer with this status: the client never learns it succeeded.
    LoseResponse(u16),
}

/// An event in a calendar we write.
#[derive(Debug, Clone)]
pub struct GraphEvent {
    pub subject: String,
    /// The text of its body.
    pub body: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub show_as: String,
}

/// A calendar as stored.
#[derive(Debug, Clone, Default)]
pub struct GraphCalendar {
    pub name: String,
    pub events: BTreeMap<String, GraphEvent>,
}

/// A subscription on a mailbox's default calendar.
#[derive(Debug, Clone)]
pub struct GraphSubscription {
    pub id: String,
    pub mailbox: String,
    pub notification_url: String,
    pub client_state: String,
    pub expires: DateTime<Utc>,
}

/// The token the fake asks hooks to echo (with characters that must be decoded).
const VALIDATION_TOKEN: &str = "Validation: Token+/= 42";

/// The longest life Graph grants a subscription on Outlook events.
const LONGEST_SUBSCRIPTION: chrono::TimeDelta = chrono::TimeDelta::minutes(10_080);

/// An event of the provider's own default calendar.
#[derive(Debug, Clone)]
struct OwnEvent {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    show_as: &'static str,
    removed: bool,
    changed: u64,
}

#[derive(Debug, Default)]
struct Mailbox {
    calendars: BTreeMap<String, GraphCalendar>,
    own: BTreeMap<String, OwnEvent>,
}

#[derive(Debug, Default)]
struct State {
    base: String,
    next_id: u64,
    tokens: Vec<String>,
    token_requests: usize,
    /// Client assertions already used (their `jti`): a replay is refused.
    assertions_seen: std::collections::HashSet<String>,
    mailboxes: BTreeMap<String, Mailbox>,
    /// (mailbox, transactionId) → (calendar id, event id).
    transactions: HashMap<(String, String), (String, String)>,
    log: Vec<(String, u16)>,
    down: Option<(u16, Option<u64>)>,
    faults: VecDeque<Fault>,
    violations: Vec<String>,
    in_flight: HashMap<String, usize>,
    most_in_flight: usize,
    hold: Duration,
    changes: u64,
    oldest_valid_delta: u64,
    delta_page_size: usize,
    subscriptions: BTreeMap<String, GraphSubscription>,
    /// Whether the hooks of the subscription being created echoed the validation token.
    hooks_validated: Option<bool>,
}

/// The running fake.
#[derive(Clone)]
pub struct FakeGraph {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

struct Reply {
    status: u16,
    body: Value,
    retry_after: Option<u64>,
}

impl Reply {
    fn ok(status: u16, body: Value) -> Self {
        Self {
            status,
            body,
            retry_after: None,
        }
    }

    fn error(status: u16, code: &str) -> Self {
        Self::ok(
            status,
            json!({ "error": { "code": code, "message": format!("{status} {code}") } }),
        )
    }
}

/// The request as the fake needs it.
struct Asked {
    segments: Vec<String>,
    query: BTreeMap<String, String>,
    auth: Option<String>,
    prefer: String,
    json: Value,
}

impl FakeGraph {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            base: format!("http://{addr}/v1.0"),
            delta_page_size: 500,
            ..State::default()
        }));
        let shared = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| handle(state.clone(), req));
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self { addr, state }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `calendar.microsoft.graph_url`.
    pub fn graph_url(&self) -> String {
        format!("http://{}/v1.0", self.addr)
    }

    /// `calendar.microsoft.login_url`.
    pub fn login_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every call (token endpoint included) answers `status`, with `Retry-After` if given,
    /// until [`Self::recover`].
    pub fn go_down(&self, status: u16, retry_after: Option<u64>) {
        self.state().down = Some((status, retry_after));
    }

    pub fn recover(&self) {
        self.state().down = None;
    }

    pub fn inject(&self, fault: Fault) {
        self.state().faults.push_back(fault);
    }

    /// Holds every Graph answer this long, so that concurrent calls overlap.
    pub fn hold_answers(&self, hold: Duration) {
        self.state().hold = hold;
    }

    /// The most requests one mailbox had in flight at once.
    pub fn most_in_flight(&self) -> usize {
        self.state().most_in_flight
    }

    /// How many times `operation` was called, whatever the answer.
    pub fn calls(&self, operation: &str) -> usize {
        self.state()
            .log
            .iter()
            .filter(|(op, _)| op == operation)
            .count()
    }

    /// The Graph operations called (token requests excluded), in order, with their status.
    pub fn log(&self) -> Vec<(String, u16)> {
        self.state()
            .log
            .iter()
            .filter(|(op, _)| op != "token")
            .cloned()
            .collect()
    }

    pub fn token_requests(&self) -> usize {
        self.state().token_requests
    }

    pub fn violations(&self) -> Vec<String> {
        self.state().violations.clone()
    }

    /// The calendars in `mailbox`, by id.
    pub fn calendars(&self, mailbox: &str) -> BTreeMap<String, GraphCalendar> {
        self.state()
            .mailboxes
            .get(mailbox)
            .map(|m| m.calendars.clone())
            .unwrap_or_default()
    }

    /// Adds or replaces event `id` of the provider's own default calendar in `mailbox`.
    pub fn put_own_event(&self, mailbox: &str, id: &str, start: &str, end: &str) {
        self.put_own(mailbox, id, start, end, "busy");
    }

    /// [`Self::put_own_event`] shown as free.
    pub fn put_free_own_event(&self, mailbox: &str, id: &str, start: &str, end: &str) {
        self.put_own(mailbox, id, start, end, "free");
    }

    fn put_own(&self, mailbox: &str, id: &str, start: &str, end: &str, show_as: &'static str) {
        let mut state = self.state();
        state.changes += 1;
        let event = OwnEvent {
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
            show_as,
            removed: false,
            changed: state.changes,
        };
        state
            .mailboxes
            .entry(mailbox.to_owned())
            .or_default()
            .own
            .insert(id.to_owned(), event);
    }

    /// Deletes an own event (delta reads then list it as `@removed`).
    pub fn delete_own_event(&self, mailbox: &str, id: &str) {
        let mut state = self.state();
        state.changes += 1;
        let changed = state.changes;
        if let Some(event) = state
            .mailboxes
            .get_mut(mailbox)
            .and_then(|m| m.own.get_mut(id))
        {
            event.removed = true;
            event.changed = changed;
        }
    }

    /// The subscriptions on `mailbox`'s default calendar.
    pub fn subscriptions(&self, mailbox: &str) -> Vec<GraphSubscription> {
        self.state()
            .subscriptions
            .values()
            .filter(|s| s.mailbox == mailbox)
            .cloned()
            .collect()
    }

    /// Posts a notification for `subscription` with `client_state`, as a change
    /// (`lifecycle: None`) or a lifecycle event; the status the hook answered.
    pub async fn notify(
        &self,
        subscription: &GraphSubscription,
        client_state: &str,
        lifecycle: Option<&str>,
    ) -> u16 {
        let mut item = json!({
            "subscriptionId": subscription.id,
            "clientState": client_state,
            "tenantId": TENANT,
        });
        if let Some(event) = lifecycle {
            item["lifecycleEvent"] = json!(event);
        } else {
            item["changeType"] = json!("updated");
            item["resource"] = json!(format!("Users/{}/Events/AAMk1", subscription.mailbox));
        }
        reqwest::Client::new()
            .post(&subscription.notification_url)
            .json(&json!({ "value": [item] }))
            .send()
            .await
            .map_or(0, |r| r.status().as_u16())
    }

    /// Makes every delta link handed out so far invalid.
    pub fn expire_delta_links(&self) {
        let mut state = self.state();
        state.changes += 1;
        state.oldest_valid_delta = state.changes;
    }

    /// At most `size` events per `calendarView/delta` page.
    pub fn set_delta_page_size(&self, size: usize) {
        self.state().delta_page_size = size;
    }
}

async fn handle(
    state: Arc<Mutex<State>>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let query: BTreeMap<String, String> = req
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect();
    let header = |name: &str| {
        req.headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let auth = Some(header("authorization")).filter(|a| !a.is_empty());
    let prefer = header("prefer");
    let content_type = header("content-type");
    let body = req
        .into_body()
        .collect()
        .await
        .map(http_body_util::Collected::to_bytes)
        .unwrap_or_default();
    let segments: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .map(percent_decode)
        .collect();
    let mailbox = match segments.as_slice() {
        [v, users, mailbox, ..] if v == "v1.0" && users == "users" => Some(mailbox.clone()),
        _ => None,
    };
    let hooks_validated = if method == Method::POST && segments == ["v1.0", "subscriptions"] {
        let asked: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        Some(
            echoes_validation(&asked["notificationUrl"]).await
                && echoes_validation(&asked["lifecycleNotificationUrl"]).await,
        )
    } else {
        None
    };
    let hold = {
        let mut state = state.lock().unwrap();
        match &mailbox {
            Some(m) => {
                let count = state.in_flight.entry(m.clone()).or_default();
                *count += 1;
                let count = *count;
                state.most_in_flight = state.most_in_flight.max(count);
                state.hold
            }
            None => Duration::ZERO,
        }
    };
    if !hold.is_zero() {
        tokio::time::sleep(hold).await;
    }
    let reply = {
        let mut state = state.lock().unwrap();
        if let Some(m) = &mailbox {
            *state.in_flight.entry(m.clone()).or_default() -= 1;
        }
        state.hooks_validated = hooks_validated;
        state.respond(
            &method,
            segments,
            query,
            auth,
            &prefer,
            &content_type,
            &body,
        )
    };
    let bytes = if reply.body.is_null() {
        Bytes::new()
    } else {
        Bytes::from(reply.body.to_string())
    };
    let mut response = Response::new(Full::new(bytes));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap();
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    if let Some(seconds) = reply.retry_after {
        response
            .headers_mut()
            .insert(hyper::header::RETRY_AFTER, seconds.into());
    }
    Ok(response)
}

impl State {
    #[allow(clippy::too_many_arguments, reason = "one request, taken apart once")]
    fn respond(
        &mut self,
        method: &Method,
        segments: Vec<String>,
        query: BTreeMap<String, String>,
        auth: Option<String>,
        prefer: &str,
        content_type: &str,
        body: &[u8],
    ) -> Reply {
        let operation = operation_name(method, &segments);
        let reply = if operation == "token" {
            self.token(body)
        } else {
            let json = if body.is_empty() {
                Value::Null
            } else if content_type.starts_with("application/json") {
                serde_json::from_slice(body).unwrap_or(Value::Null)
            } else {
                self.violations
                    .push(format!("{operation}: body sent as {content_type:?}"));
                Value::Null
            };
            let asked = Asked {
                segments,
                query,
                auth,
                prefer: prefer.to_owned(),
                json,
            };
            self.api(&operation, &asked)
        };
        self.log.push((operation, reply.status));
        reply
    }

    fn fresh_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}{:016X}", self.next_id)
    }

    fn violation(&mut self, message: String) -> Reply {
        self.violations.push(message);
        Reply::error(400, "BadRequest")
    }

    /// The client-credentials grant of the app registration.
    fn token(&mut self, body: &[u8]) -> Reply {
        if let Some((status, retry_after)) = self.down {
            return Reply {
                status,
                body: json!({ "error": "temporarily_unavailable" }),
                retry_after,
            };
        }
        let form: BTreeMap<String, String> = String::from_utf8_lossy(body)
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (percent_decode(k), percent_decode(v)))
            .collect();
        let field = |k: &str| form.get(k).map(String::as_str);
        if field("grant_type") != Some("client_credentials")
            || field("scope") != Some("https://graph.microsoft.com/.default")
            || field("client_id") != Some(CLIENT_ID)
        {
            return self.violation(format!("token: malformed request {:?}", form.keys()));
        }
        let proven = match (field("client_secret"), field("client_assertion")) {
            (Some(secret), None) => secret == CLIENT_SECRET,
            (None, Some(assertion)) => {
                if field("client_assertion_type")
                    != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                {
                    return self.violation(format!("token: assertion type {form:?}"));
                }
                let token_url = format!(
                    "{}/{TENANT}/oauth2/v2.0/token",
                    self.base.trim_end_matches("/v1.0")
                );
                match registered_certificate_signed(assertion, &token_url) {
                    Ok(jti) => self.assertions_seen.insert(jti),
                    Err(why) => return self.violation(format!("token: {why}")),
                }
            }
            _ => return self.violation(format!("token: one proof expected {:?}", form.keys())),
        };
        if !proven {
            return Reply::error(401, "invalid_client");
        }
        self.token_requests += 1;
        let token = self.fresh_id("eyJ0.fake-");
        self.tokens.push(token.clone());
        Reply::ok(
            200,
            json!({ "token_type": "Bearer", "expires_in": 3599, "access_token": token }),
        )
    }

    fn api(&mut self, operation: &str, asked: &Asked) -> Reply {
        if let Some((status, retry_after)) = self.down {
            return Reply {
                retry_after,
                ..Reply::error(status, "ServiceUnavailable")
            };
        }
        let fault = self.faults.pop_front();
        if let Some(Fault::Status(status)) = fault {
            return Reply::error(status, "InjectedFailure");
        }
        if let Some(Fault::Throttle(seconds)) = fault {
            return Reply {
                retry_after: Some(seconds),
                ..Reply::error(429, "TooManyRequests")
            };
        }
        let token = asked
            .auth
            .as_deref()
            .and_then(|a| a.strip_prefix("Bearer "));
        if !token.is_some_and(|t| self.tokens.iter().any(|k| k == t)) {
            return Reply::error(401, "InvalidAuthenticationToken");
        }
        let reply = self.route(operation, asked);
        match fault {
            Some(Fault::LoseResponse(status)) if reply.status < 300 => {
                Reply::error(status, "ResponseLost")
            }
            _ => reply,
        }
    }

    fn route(&mut self, operation: &str, asked: &Asked) -> Reply {
        let s = &asked.segments;
        let mailbox = s.get(2).cloned().unwrap_or_default();
        let item = s.get(4).cloned().unwrap_or_default();
        match operation {
            "calendars.create" => self.create_calendar(&mailbox, &asked.json),
            "calendars.list" => {
                let value: Vec<Value> = self
                    .mailboxes
                    .get(&mailbox)
                    .map(|m| {
                        m.calendars
                            .iter()
                            .map(|(id, c)| json!({ "id": id, "name": c.name }))
                            .collect()
                    })
                    .unwrap_or_default();
                Reply::ok(200, json!({ "value": value }))
            }
            "calendars.delete" => {
                let mailbox = self.mailboxes.entry(mailbox).or_default();
                match mailbox.calendars.remove(&item) {
                    Some(_) => Reply::ok(204, Value::Null),
                    None => Reply::error(404, "ErrorItemNotFound"),
                }
            }
            "events.create" => self.create_event(&mailbox, &item, &asked.json),
            "events.update" => self.update_event(&mailbox, &item, &asked.json),
            "events.delete" => {
                let calendars = &mut self.mailboxes.entry(mailbox).or_default().calendars;
                match calendars.values_mut().find_map(|c| c.events.remove(&item)) {
                    Some(_) => Reply::ok(204, Value::Null),
                    None => Reply::error(404, "ErrorItemNotFound"),
                }
            }
            "calendar.get" => {
                if self.mailboxes.contains_key(&mailbox) {
                    Reply::ok(200, json!({ "id": "AAMk-default", "name": "Calendar" }))
                } else {
                    Reply::error(404, "ErrorInvalidUser")
                }
            }
            "calendarView.delta" => self.delta(&mailbox, asked),
            "subscriptions.create" => self.create_subscription(&asked.json),
            // The subscription id stands where a mailbox would.
            "subscriptions.delete" => match self.subscriptions.remove(&mailbox) {
                Some(_) => Reply::ok(204, Value::Null),
                None => Reply::error(404, "ResourceNotFound"),
            },
            _ => self.violation(format!("unexpected call {operation}")),
        }
    }

    fn create_subscription(&mut self, body: &Value) -> Reply {
        let text = |key: &str| body[key].as_str().unwrap_or_default().to_owned();
        let resource = text("resource");
        let Some(mailbox) = resource
            .strip_prefix("users/")
            .and_then(|r| r.strip_suffix("/calendar/events"))
        else {
            return self.violation(format!("subscription on {resource:?}"));
        };
        let mailbox = mailbox.to_owned();
        let client_state = text("clientState");
        if text("changeType") != "created,updated,deleted"
            || client_state.is_empty()
            || client_state.len() > 128
            || text("notificationUrl") != text("lifecycleNotificationUrl")
        {
            return self.violation(format!("malformed subscription: {body}"));
        }
        let Some(expires) = DateTime::parse_from_rfc3339(&text("expirationDateTime"))
            .ok()
            .map(|t| t.with_timezone(&Utc))
        else {
            return self.violation(format!("subscription without an expiry: {body}"));
        };
        if expires > Utc::now() + LONGEST_SUBSCRIPTION {
            return Reply::error(400, "ExtensionError");
        }
        if self.hooks_validated.take() != Some(true) {
            return Reply::error(400, "ValidationError");
        }
        if !self.mailboxes.contains_key(&mailbox) {
            return Reply::error(404, "ErrorInvalidUser");
        }
        let id = self.fresh_id("sub-");
        let subscription = GraphSubscription {
            id: id.clone(),
            mailbox,
            notification_url: text("notificationUrl"),
            client_state,
            expires,
        };
        self.subscriptions.insert(id.clone(), subscription);
        Reply::ok(
            201,
            json!({ "id": id, "resource": resource, "expirationDateTime": text("expirationDateTime") }),
        )
    }

    fn create_calendar(&mut self, mailbox: &str, body: &Value) -> Reply {
        let Some(name) = body["name"].as_str() else {
            return self.violation(format!("calendars.create without a name: {body}"));
        };
        let id = self.fresh_id("AAMkCal");
        let calendars = &mut self
            .mailboxes
            .entry(mailbox.to_owned())
            .or_default()
            .calendars;
        if calendars.values().any(|c| c.name == name) {
            return Reply::error(409, "ErrorFolderExists");
        }
        calendars.insert(
            id.clone(),
            GraphCalendar {
                name: name.to_owned(),
                events: BTreeMap::new(),
            },
        );
        Reply::ok(201, json!({ "id": id, "name": name }))
    }

    fn create_event(&mut self, mailbox: &str, calendar_id: &str, body: &Value) -> Reply {
        let Some(transaction) = body["transactionId"].as_str().map(str::to_owned) else {
            return self.violation("events.create without a transactionId".to_owned());
        };
        let event = match parse_event(body, None) {
            Ok(event) => event,
            Err(message) => return self.violation(format!("events.create: {message}")),
        };
        let key = (mailbox.to_owned(), transaction);
        if let Some((_, id)) = self.transactions.get(&key) {
            return Reply::ok(201, json!({ "id": id }));
        }
        let id = self.fresh_id("AAMkEv");
        let Some(calendar) = self
            .mailboxes
            .get_mut(mailbox)
            .and_then(|m| m.calendars.get_mut(calendar_id))
        else {
            return Reply::error(404, "ErrorItemNotFound");
        };
        calendar.events.insert(id.clone(), event);
        self.transactions
            .insert(key, (calendar_id.to_owned(), id.clone()));
        Reply::ok(201, json!({ "id": id }))
    }

    fn update_event(&mut self, mailbox: &str, id: &str, body: &Value) -> Reply {
        if body.get("transactionId").is_some() {
            return self.violation("events.update changes the transactionId".to_owned());
        }
        let existing = self
            .mailboxes
            .get(mailbox)
            .and_then(|m| m.calendars.values().find_map(|c| c.events.get(id)))
            .cloned();
        let Some(existing) = existing else {
            return Reply::error(404, "ErrorItemNotFound");
        };
        match parse_event(body, Some(existing)) {
            Ok(event) => {
                if let Some(slot) = self
                    .mailboxes
                    .get_mut(mailbox)
                    .and_then(|m| m.calendars.values_mut().find_map(|c| c.events.get_mut(id)))
                {
                    *slot = event;
                }
                Reply::ok(200, json!({ "id": id }))
            }
            Err(message) => self.violation(format!("events.update: {message}")),
        }
    }

    /// `calendarView/delta`: the first read over `startDateTime`..`endDateTime`, then pages
    /// (`$skiptoken`) and delta links (`$deltatoken`) that carry the window.
    fn delta(&mut self, mailbox: &str, asked: &Asked) -> Reply {
        if !asked.prefer.contains("outlook.timezone=\"UTC\"") {
            return self.violation(format!("delta without UTC times: {}", asked.prefer));
        }
        let q = &asked.query;
        let parse = |t: &str| DateTime::parse_from_rfc3339(t).ok().map(|t| t.timestamp());
        // (since, offset, from, to): since = None for a full read. Tokens carry since + 1,
        // 0 for a full read.
        let cursor = if let Some(token) = q.get("$skiptoken").or_else(|| q.get("$deltatoken")) {
            let parts: Vec<i64> = token.split('.').filter_map(|p| p.parse().ok()).collect();
            let [mark, offset, from, to] = parts[..] else {
                return self.violation(format!("delta with token {token}"));
            };
            let since = u64::try_from(mark).ok().and_then(|m| m.checked_sub(1));
            if q.contains_key("$deltatoken") && since.is_some_and(|s| s < self.oldest_valid_delta) {
                return Reply::error(410, "SyncStateNotFound");
            }
            (since, usize::try_from(offset).unwrap_or(0), from, to)
        } else {
            match (
                q.get("startDateTime").and_then(|t| parse(t)),
                q.get("endDateTime").and_then(|t| parse(t)),
            ) {
                (Some(from), Some(to)) => (None, 0, from, to),
                _ => return self.violation(format!("delta without a window: {q:?}")),
            }
        };
        let (since, offset, from, to) = cursor;
        let Some(own) = self.mailboxes.get(mailbox).map(|m| m.own.clone()) else {
            return Reply::error(404, "ErrorInvalidUser");
        };
        let listed: Vec<(String, OwnEvent)> = own
            .into_iter()
            .filter(|(_, e)| {
                let inside = e.end.timestamp() > from && e.start.timestamp() < to;
                match since {
                    Some(s) => e.changed > s && (e.removed || inside),
                    None => !e.removed && inside,
                }
            })
            .collect();
        let asked_size = asked
            .prefer
            .split(", ")
            .find_map(|p| p.strip_prefix("odata.maxpagesize="))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(500);
        let size = asked_size.min(self.delta_page_size).max(1);
        let end = (offset + size).min(listed.len());
        let value: Vec<Value> = listed
            .get(offset..end)
            .unwrap_or_default()
            .iter()
            .map(|(id, e)| own_event_json(id, e))
            .collect();
        let link = |kind: &str, mark: u64, offset: usize| {
            format!(
                "{}/users/{mailbox}/calendarView/delta?{kind}={mark}.{offset}.{from}.{to}",
                self.base
            )
        };
        let mut page = json!({ "value": value });
        if end < listed.len() {
            page["@odata.nextLink"] = json!(link("$skiptoken", since.map_or(0, |s| s + 1), end));
        } else {
            page["@odata.deltaLink"] = json!(link("$deltatoken", self.changes + 1, 0));
        }
        Reply::ok(200, page)
    }
}

/// An event from a request body; with `base`, fields missing from the body are kept.
fn parse_event(body: &Value, base: Option<GraphEvent>) -> Result<GraphEvent, String> {
    let time = |key: &str| -> Result<Option<DateTime<Utc>>, String> {
        let value = &body[key];
        if value.is_null() {
            return Ok(None);
        }
        if value["timeZone"] != "UTC" {
            return Err(format!("{key} is not in UTC: {value}"));
        }
        value["dateTime"]
            .as_str()
            .and_then(|t| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").ok())
            .map(|t| Some(t.and_utc()))
            .ok_or(format!("{key}.dateTime is malformed: {value}"))
    };
    let (start, end) = (time("start")?, time("end")?);
    let text = |key: &str| body[key].as_str().map(str::to_owned);
    let event = match base {
        Some(mut e) => {
            e.start = start.unwrap_or(e.start);
            e.end = end.unwrap_or(e.end);
            e.subject = text("subject").unwrap_or(e.subject);
            e.body = body["body"]["content"]
                .as_str()
                .map_or(e.body, str::to_owned);
            e.show_as = text("showAs").unwrap_or(e.show_as);
            e
        }
        None => GraphEvent {
            subject: text("subject").ok_or("subject is required")?,
            body: body["body"]["content"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            start: start.ok_or("start is required")?,
            end: end.ok_or("end is required")?,
            show_as: text("showAs").unwrap_or_else(|| "busy".to_owned()),
        },
    };
    if event.end <= event.start {
        return Err("the end is not after the start".into());
    }
    Ok(event)
}

fn own_event_json(id: &str, event: &OwnEvent) -> Value {
    if event.removed {
        return json!({ "id": id, "@removed": { "reason": "deleted" } });
    }
    let at = |t: DateTime<Utc>| json!({ "dateTime": t.format("%Y-%m-%dT%H:%M:%S.0000000").to_string(), "timeZone": "UTC" });
    json!({
        "id": id, "isCancelled": false, "showAs": event.show_as,
        "start": at(event.start), "end": at(event.end),
    })
}

/// A stand-in for the app's Graph hook that only answers the validation handshake (echoes
/// `validationToken` as text), for tests of the watch step without the whole app; its base
/// URL.
pub async fn echoing_hook() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let service = service_fn(|req: Request<Incoming>| async move {
                    let asked = reqwest::Url::parse(&format!("http://hook{}", req.uri())).ok();
                    let token = asked
                        .and_then(|url| {
                            url.query_pairs()
                                .find(|(key, _)| key == "validationToken")
                                .map(|(_, token)| token.into_owned())
                        })
                        .unwrap_or_default();
                    let mut response = Response::new(Full::new(Bytes::from(token)));
                    response.headers_mut().insert(
                        hyper::header::CONTENT_TYPE,
                        hyper::header::HeaderValue::from_static("text/plain"),
                    );
                    Ok::<_, Infallible>(response)
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    format!("http://{addr}")
}

/// Checks a client assertion as Entra ID does: PS256, named by the registered certificate's
/// SHA-256 thumbprint, signed by its key, for this token endpoint, from and about the client,
/// current. The assertion's `jti`.
fn registered_certificate_signed(assertion: &str, token_url: &str) -> Result<String, String> {
    use base64::Engine as _;
    use jsonwebtoken::{Algorithm, DecodingKey, Validation};
    use sha2::Digest as _;
    let file = std::fs::read(CERTIFICATE_PATH).map_err(|e| e.to_string())?;
    let certificate = pem::parse_many(&file)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|b| b.tag() == "CERTIFICATE")
        .ok_or("no certificate in the fixture")?;
    let thumbprint = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(certificate.contents()));
    let header = jsonwebtoken::decode_header(assertion).map_err(|e| e.to_string())?;
    if header.alg != Algorithm::PS256 || header.x5t_s256.as_deref() != Some(thumbprint.as_str()) {
        return Err(format!("assertion header {header:?}"));
    }
    let key = DecodingKey::from_rsa_pem(pem::encode(&certificate).as_bytes())
        .map_err(|e| e.to_string())?;
    let mut validation = Validation::new(Algorithm::PS256);
    validation.set_audience(&[token_url]);
    validation.set_issuer(&[CLIENT_ID]);
    validation.sub = Some(CLIENT_ID.to_owned());
    validation.set_required_spec_claims(&["exp", "nbf", "aud", "iss", "sub"]);
    let claims = jsonwebtoken::decode::<Value>(assertion, &key, &validation)
        .map_err(|e| format!("assertion refused: {e}"))?
        .claims;
    let lifetime = claims["exp"].as_i64().unwrap_or(0) - claims["nbf"].as_i64().unwrap_or(0);
    if lifetime > 600 {
        return Err(format!("an assertion valid for {lifetime} s"));
    }
    claims["jti"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "an assertion without a jti".to_owned())
}

/// Whether the hook at `url` echoes a validation token as Graph requires (200, text, the
/// decoded token, within 10 s).
async fn echoes_validation(url: &Value) -> bool {
    let Some(mut url) = url.as_str().and_then(|u| reqwest::Url::parse(u).ok()) else {
        return false;
    };
    url.query_pairs_mut()
        .append_pair("validationToken", VALIDATION_TOKEN);
    let Ok(answer) = reqwest::Client::new()
        .post(url)
        .header("content-type", "text/plain")
        .timeout(Duration::from_secs(10))
        .send()
        .await
    else {
        return false;
    };
    let is_text = answer
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    answer.status() == 200 && is_text && answer.text().await.is_ok_and(|t| t == VALIDATION_TOKEN)
}

fn operation_name(method: &Method, segments: &[String]) -> String {
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let name = match (method.as_str(), s.as_slice()) {
        ("POST", [_, "oauth2", "v2.0", "token"]) => "token",
        ("POST", ["v1.0", "users", _, "calendars"]) => "calendars.create",
        ("GET", ["v1.0", "users", _, "calendars"]) => "calendars.list",
        ("DELETE", ["v1.0", "users", _, "calendars", _]) => "calendars.delete",
        ("POST", ["v1.0", "users", _, "calendars", _, "events"]) => "events.create",
        ("PATCH", ["v1.0", "users", _, "events", _]) => "events.update",
        ("DELETE", ["v1.0", "users", _, "events", _]) => "events.delete",
        ("GET", ["v1.0", "users", _, "calendar"]) => "calendar.get",
        ("GET", ["v1.0", "users", _, "calendarView", "delta"]) => "calendarView.delta",
        ("POST", ["v1.0", "subscriptions"]) => "subscriptions.create",
        ("DELETE", ["v1.0", "subscriptions", _]) => "subscriptions.delete",
        _ => return format!("{method} /{}", s.join("/")),
    };
    name.to_owned()
}
