//! A local stand-in for Google: the OAuth token endpoint of the service-account flow and the
//! subset of the Calendar v3 REST API the adapter calls, over real HTTP on 127.0.0.1. It checks
//! requests the way Google would (Bearer token, JSON bodies, event times with a zone, ids in
//! base32hex, `calendarList.list` paged) and can be told to fail: be down, answer a status, lose a response, stall, or
//! expire every issued token.
//!
//! It also holds providers' own calendars shared with the service account (at `reader` or
//! `freeBusyReader`), read with `calendarList.insert`, `events.list` (paged, with sync tokens
//! that can be made to expire: `410`) and `freeBusy.query`, each of which must name the
//! provider as `quotaUser`, and watched with push channels (`events.watch`, `channels.stop`):
//! [`FakeGoogle::notify`] posts a notification to every open channel of a calendar, as Google
//! does after a change.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// The service account's address, which is also the id of its primary calendar.
pub const SERVICE_ACCOUNT: &str = "bys-calendar@bys-test.iam.gserviceaccount.com";

/// A failure to inject into the next API call (not the token endpoint).
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// Answer with this status without doing anything.
    Status(u16),
    /// Do the work, then answer with this status: the client never learns it succeeded.
    LoseResponse(u16),
    /// Do the work, then hold the response far longer than the client waits.
    Stall,
    /// Invalidate every token issued so far, then handle the call (which gets a 401).
    ExpireTokens,
    /// Answer with this status and error reason (e.g. `403 userRateLimitExceeded`).
    Refuse(u16, &'static str),
}

/// An event in a provider's own calendar.
#[derive(Debug, Clone)]
pub struct OwnEvent {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Shown as free (`transparency: transparent`).
    pub free: bool,
    /// An invitation the calendar's owner declined.
    pub declined: bool,
    pub cancelled: bool,
    /// The change counter when it last changed (what sync tokens compare).
    changed: u64,
}

/// A provider's own calendar, shared with the service account at `role` (`None`: unshared).
#[derive(Debug, Clone, Default)]
pub struct SharedCalendar {
    pub role: Option<String>,
    pub events: BTreeMap<String, OwnEvent>,
}

/// A push channel opened with `events.watch`.
#[derive(Debug, Clone)]
pub struct FakeChannel {
    pub id: String,
    pub calendar_id: String,
    pub resource_id: String,
    pub token: String,
    pub address: String,
    /// Milliseconds since the epoch, as asked.
    pub expiration: i64,
    pub stopped: bool,
}

/// An event as stored.
#[derive(Debug, Clone)]
pub struct FakeEvent {
    pub summary: String,
    pub description: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub time_zone: String,
    /// `confirmed`, `tentative` or `cancelled` (deleted events keep their id, as at Google).
    pub status: String,
    /// The private extended property `bysAppointment`, if set.
    pub appointment: Option<String>,
    /// The change counter when it last changed (what sync tokens compare).
    changed: u64,
}

/// A calendar as stored.
#[derive(Debug, Clone, Default)]
pub struct FakeCalendar {
    pub summary: String,
    pub time_zone: String,
    /// Rule id → (role, email).
    pub acl: BTreeMap<String, (String, String)>,
    pub events: BTreeMap<String, FakeEvent>,
}

impl FakeCalendar {
    /// Events not deleted.
    pub fn live_events(&self) -> Vec<&FakeEvent> {
        self.events
            .values()
            .filter(|e| e.status != "cancelled")
            .collect()
    }
}

#[derive(Debug, Default)]
struct State {
    token_uri: String,
    next_id: u64,
    tokens: HashSet<String>,
    token_requests: usize,
    calendars: BTreeMap<String, FakeCalendar>,
    /// (operation, status answered).
    log: Vec<(String, u16)>,
    down: Option<u16>,
    faults: VecDeque<Fault>,
    violations: Vec<String>,
    /// The most entries of one `calendarList.list` page, whatever the client asks for.
    list_page_size: usize,
    /// Providers' own calendars by id.
    shared: BTreeMap<String, SharedCalendar>,
    /// Counts changes to `shared`; a sync token is the count it was handed out at.
    changes: u64,
    /// Sync tokens below this count answer `410 Gone`.
    oldest_valid_token: u64,
    /// The most events of one `events.list` page.
    events_page_size: usize,
    /// Push channels by id, stopped ones included.
    channels: BTreeMap<String, FakeChannel>,
}

/// The running fake. Dropping it leaves the server task running until the test's runtime ends.
#[derive(Clone)]
pub struct FakeGoogle {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

/// What a handled request turns into.
struct Reply {
    status: u16,
    body: Value,
    stall: bool,
}

impl Reply {
    fn ok(body: Value) -> Self {
        Self {
            status: 200,
            body,
            stall: false,
        }
    }

    fn no_content() -> Self {
        Self {
            status: 204,
            body: Value::Null,
            stall: false,
        }
    }

    fn error(status: u16, reason: &str, message: &str) -> Self {
        Self {
            status,
            body: json!({ "error": {
                "code": status,
                "message": message,
                "errors": [{ "domain": "global", "reason": reason, "message": message }],
            }}),
            stall: false,
        }
    }
}

impl FakeGoogle {
    /// Starts the fake on a free port.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            token_uri: format!("http://{addr}/token"),
            list_page_size: 250,
            events_page_size: 250,
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

    /// The `token_uri` for the service account key.
    pub fn token_uri(&self) -> String {
        format!("http://{}/token", self.addr)
    }

    /// The Calendar API base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}/calendar/v3/", self.addr)
    }

    /// The API root URL.
    pub fn root_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Every call from now on (token endpoint included) answers `status` until [`Self::recover`].
    pub fn go_down(&self, status: u16) {
        self.state().down = Some(status);
    }

    /// Ends an outage.
    pub fn recover(&self) {
        self.state().down = None;
    }

    /// Queues `fault` for the next API call not answered by an outage.
    pub fn inject(&self, fault: Fault) {
        self.state().faults.push_back(fault);
    }

    /// How many times `operation` (e.g. `events.insert`) was called, whatever the answer.
    pub fn calls(&self, operation: &str) -> usize {
        self.state()
            .log
            .iter()
            .filter(|(op, _)| op == operation)
            .count()
    }

    /// How many times `operation` succeeded (answered 2xx).
    pub fn successes(&self, operation: &str) -> usize {
        self.state()
            .log
            .iter()
            .filter(|(op, status)| op == operation && *status < 300)
            .count()
    }

    /// The calendar operations called (token requests excluded), in order, with their status.
    pub fn log(&self) -> Vec<(String, u16)> {
        self.state()
            .log
            .iter()
            .filter(|(op, _)| op != "token")
            .cloned()
            .collect()
    }

    /// How many tokens were handed out.
    pub fn token_requests(&self) -> usize {
        self.state().token_requests
    }

    /// Requests Google would have refused as malformed.
    pub fn violations(&self) -> Vec<String> {
        self.state().violations.clone()
    }

    /// Every calendar, by id.
    pub fn calendars(&self) -> BTreeMap<String, FakeCalendar> {
        self.state().calendars.clone()
    }

    /// Creates a calendar of the service account directly, as one left behind would be;
    /// returns its id.
    pub fn add_calendar(&self, summary: &str) -> String {
        let mut state = self.state();
        let id = format!("c_{:024x}@group.calendar.google.com", state.fresh_id());
        state.calendars.insert(
            id.clone(),
            FakeCalendar {
                summary: summary.to_owned(),
                time_zone: "UTC".to_owned(),
                ..FakeCalendar::default()
            },
        );
        id
    }

    /// Makes `calendarList.list` answer at most `size` entries per page.
    pub fn set_list_page_size(&self, size: usize) {
        self.state().list_page_size = size;
    }

    /// Shares the provider's calendar `id` with the service account at `role` (`reader`,
    /// `freeBusyReader`), creating it empty if needed.
    pub fn share_own_calendar(&self, id: &str, role: &str) {
        self.state().shared.entry(id.to_owned()).or_default().role = Some(role.to_owned());
    }

    /// The provider stops sharing calendar `id`.
    pub fn unshare_own_calendar(&self, id: &str) {
        if let Some(calendar) = self.state().shared.get_mut(id) {
            calendar.role = None;
        }
    }

    /// Adds or replaces event `event_id` in the provider's calendar `calendar`.
    pub fn put_own_event(&self, calendar: &str, event_id: &str, start: &str, end: &str) {
        self.put_own_event_with(calendar, event_id, start, end, |_| {});
    }

    /// [`Self::put_own_event`], then `adjust` (mark it free, declined, ...).
    pub fn put_own_event_with(
        &self,
        calendar: &str,
        event_id: &str,
        start: &str,
        end: &str,
        adjust: impl FnOnce(&mut OwnEvent),
    ) {
        let mut state = self.state();
        state.changes += 1;
        let mut event = OwnEvent {
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
            free: false,
            declined: false,
            cancelled: false,
            changed: state.changes,
        };
        adjust(&mut event);
        state
            .shared
            .entry(calendar.to_owned())
            .or_default()
            .events
            .insert(event_id.to_owned(), event);
    }

    /// Deletes event `event_id` (it stays listed as cancelled for incremental syncs).
    pub fn delete_own_event(&self, calendar: &str, event_id: &str) {
        let mut state = self.state();
        state.changes += 1;
        let changed = state.changes;
        if let Some(event) = state
            .shared
            .get_mut(calendar)
            .and_then(|c| c.events.get_mut(event_id))
        {
            event.cancelled = true;
            event.changed = changed;
        }
    }

    /// The provider moves our event `event_id` in calendar `calendar_id` by hand, keeping its
    /// length.
    pub fn move_event_by_hand(&self, calendar_id: &str, event_id: &str, start: &str) {
        let mut state = self.state();
        let mut event = state.calendars[calendar_id].events[event_id].clone();
        let length = event.end - event.start;
        event.start = start.parse().unwrap();
        event.end = event.start + length;
        state.put_event(calendar_id, event_id, event);
    }

    /// The provider deletes our event `event_id` in calendar `calendar_id` by hand.
    pub fn delete_event_by_hand(&self, calendar_id: &str, event_id: &str) {
        let mut state = self.state();
        let event = state.calendars[calendar_id].events[event_id].clone();
        state.put_event(
            calendar_id,
            event_id,
            FakeEvent {
                status: "cancelled".into(),
                ..event
            },
        );
    }

    /// Invalidates every sync token handed out so far (Google does so now and then).
    pub fn expire_sync_tokens(&self) {
        let mut state = self.state();
        state.oldest_valid_token = state.changes + 1;
        state.changes += 1;
    }

    /// Makes `events.list` answer at most `size` events per page.
    pub fn set_events_page_size(&self, size: usize) {
        self.state().events_page_size = size;
    }

    /// Every push channel opened, stopped ones included, by id.
    pub fn channels(&self) -> Vec<FakeChannel> {
        self.state().channels.values().cloned().collect()
    }

    /// The open (not stopped) channels on calendar `calendar_id`.
    pub fn open_channels(&self, calendar_id: &str) -> Vec<FakeChannel> {
        self.channels()
            .into_iter()
            .filter(|c| c.calendar_id == calendar_id && !c.stopped)
            .collect()
    }

    /// Posts a change notification (`X-Goog-Resource-State: exists`) to every open channel on
    /// `calendar_id`, as Google does after a change; the statuses the addresses answered.
    pub async fn notify(&self, calendar_id: &str) -> Vec<u16> {
        let mut statuses = Vec::new();
        for channel in self.open_channels(calendar_id) {
            statuses.push(post_notification(&channel, &channel.token, "exists").await);
        }
        statuses
    }

    /// Posts a notification for `channel` as someone else would, with `token`.
    pub async fn notify_with_token(&self, channel: &FakeChannel, token: &str) -> u16 {
        post_notification(channel, token, "exists").await
    }

    /// The id of the one calendar there is.
    pub fn only_calendar_id(&self) -> String {
        let calendars = self.calendars();
        assert_eq!(calendars.len(), 1, "expected exactly one calendar");
        calendars.into_keys().next().unwrap()
    }

    /// The one calendar there is.
    pub fn only_calendar(&self) -> FakeCalendar {
        let calendars = self.calendars();
        assert_eq!(calendars.len(), 1, "expected exactly one calendar");
        calendars.into_values().next().unwrap()
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
    let auth = req
        .headers()
        .get(hyper::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = req
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = req
        .into_body()
        .collect()
        .await
        .map(http_body_util::Collected::to_bytes)
        .unwrap_or_default();
    let reply = {
        let mut state = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.respond(
            &method,
            &path,
            &query,
            auth.as_deref(),
            &content_type,
            &body,
        )
    };
    if reply.stall {
        tokio::time::sleep(Duration::from_secs(30)).await;
    }
    let bytes = if reply.body.is_null() {
        Bytes::new()
    } else {
        Bytes::from(reply.body.to_string())
    };
    let mut response = Response::new(Full::new(bytes));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap();
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    Ok(response)
}

impl State {
    fn respond(
        &mut self,
        method: &Method,
        path: &str,
        query: &BTreeMap<String, String>,
        auth: Option<&str>,
        content_type: &str,
        body: &[u8],
    ) -> Reply {
        let operation = operation_name(method, path);
        let request = (method, path, query);
        let reply = self.respond_to(&operation, request, auth, content_type, body);
        self.log.push((operation, reply.status));
        reply
    }

    fn respond_to(
        &mut self,
        operation: &str,
        (method, path, query): (&Method, &str, &BTreeMap<String, String>),
        auth: Option<&str>,
        content_type: &str,
        body: &[u8],
    ) -> Reply {
        if let Some(status) = self.down {
            if operation == "token" {
                // The OAuth endpoint reports errors in the OAuth shape (RFC 6749 §5.2).
                return Reply {
                    status,
                    body: json!({ "error": "temporarily_unavailable",
                                  "error_description": "Service unavailable" }),
                    stall: false,
                };
            }
            return Reply::error(status, "backendError", "Service unavailable");
        }
        if operation == "token" {
            return self.token(body);
        }
        let fault = self.faults.pop_front();
        if let Some(Fault::Status(status)) = fault {
            return Reply::error(status, reason_for(status), "injected failure");
        }
        if let Some(Fault::Refuse(status, reason)) = fault {
            return Reply::error(status, reason, "injected refusal");
        }
        if let Some(Fault::ExpireTokens) = fault {
            self.tokens.clear();
        }
        let token = auth.and_then(|a| a.strip_prefix("Bearer "));
        if !token.is_some_and(|t| self.tokens.contains(t)) {
            return Reply::error(401, "authError", "Invalid Credentials");
        }
        let json: Value = if body.is_empty() {
            Value::Null
        } else {
            if !content_type.starts_with("application/json") {
                return self.violation(format!("{operation}: body sent as {content_type:?}"));
            }
            match serde_json::from_slice(body) {
                Ok(v) => v,
                Err(e) => return self.violation(format!("{operation}: body is not JSON: {e}")),
            }
        };
        let busy_read = matches!(
            operation,
            "events.list" | "freebusy.query" | "events.watch" | "channels.stop"
        );
        if busy_read && !query.contains_key("quotaUser") {
            return self.violation(format!("{operation} without quotaUser"));
        }
        let mut reply = if operation == "calendarList.list" {
            self.calendar_list(query)
        } else if operation == "events.list" {
            let calendar_id = path
                .trim_start_matches("/calendar/v3/calendars/")
                .split('/')
                .next()
                .map(percent_decode)
                .unwrap_or_default();
            if self.calendars.contains_key(&calendar_id) {
                self.list_owned_events(&calendar_id, query)
            } else {
                self.list_own_events(path, query)
            }
        } else if operation == "calendarList.insert" {
            self.subscribe(&json)
        } else if operation == "freebusy.query" {
            self.free_busy(&json)
        } else if operation == "events.watch" {
            self.watch(path, &json)
        } else if operation == "channels.stop" {
            self.stop_channel(&json)
        } else {
            self.api(operation, method, path, &json)
        };
        match fault {
            Some(Fault::LoseResponse(status)) if reply.status < 300 => {
                reply = Reply::error(status, reason_for(status), "response lost");
            }
            Some(Fault::Stall) => reply.stall = true,
            _ => {}
        }
        reply
    }

    fn violation(&mut self, message: String) -> Reply {
        let reply = Reply::error(400, "invalid", &message);
        self.violations.push(message);
        reply
    }

    fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The service-account flow: a form with the JWT-bearer grant and a signed assertion
    /// whose claims name this endpoint as audience and the calendar scope.
    fn token(&mut self, body: &[u8]) -> Reply {
        let form: BTreeMap<String, String> = String::from_utf8_lossy(body)
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (percent_decode(k), percent_decode(v)))
            .collect();
        if form.get("grant_type").map(String::as_str)
            != Some("urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return self.violation(format!("token: wrong grant type in {form:?}"));
        }
        let parts: Vec<&str> = form
            .get("assertion")
            .map(|a| a.split('.').collect())
            .unwrap_or_default();
        let claims: Option<Value> = parts
            .get(1)
            .and_then(|p| base64url_decode(p))
            .and_then(|bytes| serde_json::from_slice(&bytes).ok());
        let well_formed = parts.len() == 3
            && claims.as_ref().is_some_and(|c| {
                c["aud"] == self.token_uri.as_str()
                    && c["scope"]
                        .as_str()
                        .is_some_and(|s| s.contains("auth/calendar"))
                    && c["iss"].as_str().is_some()
            });
        if !well_formed {
            return self.violation(format!("token: malformed assertion, claims {claims:?}"));
        }
        self.token_requests += 1;
        let token = format!("ya29.fake-{}", self.fresh_id());
        self.tokens.insert(token.clone());
        Reply::ok(json!({ "access_token": token, "token_type": "Bearer", "expires_in": 3599 }))
    }

    fn api(&mut self, operation: &str, method: &Method, path: &str, body: &Value) -> Reply {
        let segments: Vec<String> = path
            .trim_start_matches("/calendar/v3/")
            .split('/')
            .map(percent_decode)
            .collect();
        let calendar_id = segments.get(1).cloned().unwrap_or_default();
        let item = segments.get(3).cloned().unwrap_or_default();
        match operation {
            "calendars.insert" => self.insert_calendar(body),
            "calendars.get" => match self.calendars.get(&calendar_id) {
                Some(c) => Reply::ok(json!({
                    "kind": "calendar#calendar", "id": calendar_id,
                    "summary": c.summary, "timeZone": c.time_zone,
                })),
                None => Reply::error(404, "notFound", "Not Found"),
            },
            "calendars.delete" => match self.calendars.remove(&calendar_id) {
                Some(_) => Reply::no_content(),
                None => Reply::error(404, "notFound", "Not Found"),
            },
            _ if !self.calendars.contains_key(&calendar_id) => {
                Reply::error(404, "notFound", "Not Found")
            }
            "acl.insert" => self.insert_rule(&calendar_id, body),
            "acl.list" => {
                let items: Vec<Value> = self.calendars[&calendar_id]
                    .acl
                    .iter()
                    .map(|(id, (role, email))| {
                        json!({ "kind": "calendar#aclRule", "id": id, "role": role,
                                "scope": { "type": "user", "value": email } })
                    })
                    .collect();
                Reply::ok(json!({ "kind": "calendar#acl", "items": items }))
            }
            "acl.delete" => match self.calendar(&calendar_id).acl.remove(&item) {
                Some(_) => Reply::no_content(),
                None => Reply::error(404, "notFound", "Not Found"),
            },
            "events.insert" => self.insert_event(&calendar_id, body),
            "events.patch" => self.patch_event(&calendar_id, &item, body),
            "events.delete" => match self.calendars[&calendar_id].events.get(&item).cloned() {
                Some(e) if e.status == "cancelled" => {
                    Reply::error(410, "deleted", "Resource has been deleted")
                }
                Some(e) => {
                    self.put_event(
                        &calendar_id,
                        &item,
                        FakeEvent {
                            status: "cancelled".into(),
                            ..e
                        },
                    );
                    Reply::no_content()
                }
                None => Reply::error(404, "notFound", "Not Found"),
            },
            other => {
                let message = format!("unexpected call {other} ({method} {path})");
                self.violation(message)
            }
        }
    }

    /// `calendarList.list`: the service account's primary calendar, a calendar someone shared
    /// with it (unless the client asks for `minAccessRole=owner`), and every calendar it
    /// created, in pages with a `nextPageToken`.
    fn calendar_list(&mut self, query: &BTreeMap<String, String>) -> Reply {
        let entry = |id: &str, summary: &str, role: &str| {
            json!({ "kind": "calendar#calendarListEntry", "id": id, "summary": summary,
                    "accessRole": role, "timeZone": "UTC" })
        };
        let mut primary = entry(SERVICE_ACCOUNT, SERVICE_ACCOUNT, "owner");
        primary["primary"] = json!(true);
        let mut entries = vec![primary];
        if query.get("minAccessRole").map(String::as_str) != Some("owner") {
            entries.push(entry("team@example.org", "Team holidays", "reader"));
        }
        entries.extend(
            self.calendars
                .iter()
                .map(|(id, c)| entry(id, &c.summary, "owner")),
        );
        let asked = query
            .get("maxResults")
            .and_then(|m| m.parse::<usize>().ok())
            .unwrap_or(100);
        if asked > 250 {
            return self.violation(format!("calendarList.list with maxResults {asked}"));
        }
        let offset = match query.get("pageToken") {
            None => 0,
            Some(token) => match token.strip_prefix("page-").and_then(|n| n.parse().ok()) {
                Some(offset) => offset,
                None => return self.violation(format!("calendarList.list with token {token}")),
            },
        };
        let size = asked.min(self.list_page_size).max(1);
        let end = (offset + size).min(entries.len());
        let mut page = json!({ "kind": "calendar#calendarList",
                               "items": entries.get(offset..end).unwrap_or_default() });
        if end < entries.len() {
            page["nextPageToken"] = json!(format!("page-{end}"));
        }
        Reply::ok(page)
    }

    /// `calendarList.insert`: the entry of a calendar shared with the service account, with
    /// the access role it was shared at; `404` when it is not shared.
    fn subscribe(&mut self, body: &Value) -> Reply {
        let Some(id) = body["id"].as_str() else {
            return self.violation(format!("calendarList.insert without an id: {body}"));
        };
        match self.shared.get(id).and_then(|c| c.role.clone()) {
            Some(role) => Reply::ok(json!({ "kind": "calendar#calendarListEntry", "id": id,
                                            "summary": format!("Calendar {id}"),
                                            "accessRole": role, "timeZone": "UTC" })),
            None => Reply::error(404, "notFound", "Not Found"),
        }
    }

    /// `events.watch` on a provider's calendar shared with event details: a `web_hook` channel
    /// with the client's id, token, address and expiration.
    fn watch(&mut self, path: &str, body: &Value) -> Reply {
        let calendar_id = path
            .trim_start_matches("/calendar/v3/calendars/")
            .split('/')
            .next()
            .map(percent_decode)
            .unwrap_or_default();
        match self.shared.get(&calendar_id).and_then(|c| c.role.clone()) {
            None => return Reply::error(404, "notFound", "Not Found"),
            Some(role) if role == "freeBusyReader" => {
                return Reply::error(403, "forbidden", "Forbidden");
            }
            Some(_) => {}
        }
        let text = |key: &str| body[key].as_str().map(str::to_owned);
        let (Some(id), Some("web_hook"), Some(address), Some(token)) = (
            text("id"),
            body["type"].as_str(),
            text("address"),
            text("token"),
        ) else {
            return self.violation(format!(
                "events.watch without id, type, address or token: {body}"
            ));
        };
        if self.channels.contains_key(&id) {
            return Reply::error(400, "channelIdNotUnique", "Channel id not unique");
        }
        // Google sends the expiration as a string of milliseconds.
        let Some(expiration) = body["expiration"]
            .as_str()
            .and_then(|e| e.parse::<i64>().ok())
        else {
            return self.violation(format!("events.watch without an expiration: {body}"));
        };
        let resource_id = format!("res-{}", self.fresh_id());
        self.channels.insert(
            id.clone(),
            FakeChannel {
                id: id.clone(),
                calendar_id,
                resource_id: resource_id.clone(),
                token,
                address,
                expiration,
                stopped: false,
            },
        );
        Reply::ok(
            json!({ "kind": "api#channel", "id": id, "resourceId": resource_id,
                          "expiration": expiration.to_string() }),
        )
    }

    /// `channels.stop`: the channel with that id and resource id stops; `404` if unknown.
    fn stop_channel(&mut self, body: &Value) -> Reply {
        let (Some(id), Some(resource)) = (body["id"].as_str(), body["resourceId"].as_str()) else {
            return self.violation(format!("channels.stop without id or resourceId: {body}"));
        };
        match self.channels.get_mut(id) {
            Some(channel) if channel.resource_id == resource && !channel.stopped => {
                channel.stopped = true;
                Reply::no_content()
            }
            _ => Reply::error(404, "notFound", "Channel not found"),
        }
    }

    /// `events.list` of a provider's calendar: with `syncToken`, what changed since (deleted
    /// events as `cancelled`); without, the live events overlapping `timeMin`..`timeMax`. Paged
    /// by `events_page_size`; the last page carries `nextSyncToken`.
    fn list_own_events(&mut self, path: &str, query: &BTreeMap<String, String>) -> Reply {
        let calendar_id = path
            .trim_start_matches("/calendar/v3/calendars/")
            .split('/')
            .next()
            .map(percent_decode)
            .unwrap_or_default();
        let Some(calendar) = self.shared.get(&calendar_id).cloned() else {
            return Reply::error(404, "notFound", "Not Found");
        };
        match calendar.role.as_deref() {
            None => return Reply::error(404, "notFound", "Not Found"),
            Some("freeBusyReader") => return Reply::error(403, "forbidden", "Forbidden"),
            Some(_) => {}
        }
        if query.get("singleEvents").map(String::as_str) != Some("true") {
            return self.violation("events.list without singleEvents=true".to_owned());
        }
        if query.contains_key("syncToken")
            && (query.contains_key("timeMin") || query.contains_key("timeMax"))
        {
            return self.violation("events.list with syncToken and a time range".to_owned());
        }
        let since = match self.changes_since(query) {
            Ok(since) => since,
            Err(refused) => return refused,
        };
        let (from, to) = (
            instant_param(query, "timeMin"),
            instant_param(query, "timeMax"),
        );
        let listed: Vec<(&String, &OwnEvent)> = calendar
            .events
            .iter()
            .filter(|(_, e)| match since {
                Some(n) => e.changed > n,
                None => {
                    !e.cancelled && from.is_none_or(|f| e.end > f) && to.is_none_or(|t| e.start < t)
                }
            })
            .collect();
        let asked = query
            .get("maxResults")
            .and_then(|m| m.parse::<usize>().ok())
            .unwrap_or(250);
        if asked > 2500 {
            return self.violation(format!("events.list with maxResults {asked}"));
        }
        let offset = match query.get("pageToken") {
            None => 0,
            Some(token) => match token.strip_prefix("ev-").and_then(|n| n.parse().ok()) {
                Some(offset) => offset,
                None => return self.violation(format!("events.list with page token {token}")),
            },
        };
        let size = asked.min(self.events_page_size).max(1);
        let end = (offset + size).min(listed.len());
        let items: Vec<Value> = listed
            .get(offset..end)
            .unwrap_or_default()
            .iter()
            .map(|(id, e)| own_event_json(id, e))
            .collect();
        let mut page = json!({ "kind": "calendar#events", "timeZone": "UTC", "items": items });
        if end < listed.len() {
            page["nextPageToken"] = json!(format!("ev-{end}"));
        } else {
            page["nextSyncToken"] = json!(format!("sync-{}", self.changes));
        }
        Reply::ok(page)
    }

    /// The change count an `events.list` `syncToken` (`sync-N`) stands for, `None` without
    /// one; a `410` for a token older than [`Self::oldest_valid_token`], a violation for a
    /// token we never handed out.
    fn changes_since(&mut self, query: &BTreeMap<String, String>) -> Result<Option<u64>, Reply> {
        let Some(token) = query.get("syncToken") else {
            return Ok(None);
        };
        match token
            .strip_prefix("sync-")
            .and_then(|n| n.parse::<u64>().ok())
        {
            Some(n) if n < self.oldest_valid_token => Err(Reply::error(
                410,
                "fullSyncRequired",
                "Sync token is no longer valid",
            )),
            Some(n) => Ok(Some(n)),
            None => Err(self.violation(format!("events.list with token {token}"))),
        }
    }

    /// `freeBusy.query`: the busy blocks of each asked calendar shared at any level, or a
    /// `notFound` error inside the answer for one that is not shared.
    fn free_busy(&mut self, body: &Value) -> Reply {
        let bound = |key: &str| {
            body[key]
                .as_str()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&Utc))
        };
        let (Some(from), Some(to)) = (bound("timeMin"), bound("timeMax")) else {
            return self.violation(format!("freeBusy.query without a time range: {body}"));
        };
        if to - from > chrono::TimeDelta::days(62) {
            return self.violation(format!("freeBusy.query over more than 62 days: {body}"));
        }
        let mut calendars = serde_json::Map::new();
        for item in body["items"].as_array().cloned().unwrap_or_default() {
            let id = item["id"].as_str().unwrap_or_default().to_owned();
            let answer = match self.shared.get(&id).filter(|c| c.role.is_some()) {
                Some(calendar) => {
                    let busy: Vec<Value> = calendar
                        .events
                        .values()
                        .filter(|e| !e.cancelled && !e.free && !e.declined)
                        .filter(|e| e.end > from && e.start < to)
                        .map(
                            |e| json!({ "start": e.start.to_rfc3339(), "end": e.end.to_rfc3339() }),
                        )
                        .collect();
                    json!({ "busy": busy })
                }
                None => {
                    json!({ "busy": [], "errors": [{ "domain": "global", "reason": "notFound" }] })
                }
            };
            calendars.insert(id, answer);
        }
        Reply::ok(json!({ "kind": "calendar#freeBusy", "calendars": calendars }))
    }

    fn calendar(&mut self, id: &str) -> &mut FakeCalendar {
        self.calendars.get_mut(id).unwrap()
    }

    /// Stores `event` as changed now (what sync tokens compare).
    fn put_event(&mut self, calendar_id: &str, id: &str, mut event: FakeEvent) {
        self.changes += 1;
        event.changed = self.changes;
        self.calendar(calendar_id)
            .events
            .insert(id.to_owned(), event);
    }

    /// `events.list` of a calendar the service account owns, as the adapter reads back its
    /// entries: deleted events must be asked for (`showDeleted`); with `syncToken`, what
    /// changed since; without, the events ending after `timeMin`. One page.
    fn list_owned_events(&mut self, calendar_id: &str, query: &BTreeMap<String, String>) -> Reply {
        if query.get("showDeleted").map(String::as_str) != Some("true") {
            return self.violation("events.list of our calendar without showDeleted=true".into());
        }
        let since = match self.changes_since(query) {
            Ok(since) => since,
            Err(refused) => return refused,
        };
        let from = instant_param(query, "timeMin");
        if since.is_none() && from.is_none() {
            return self.violation("events.list of our calendar without a token or timeMin".into());
        }
        let items: Vec<Value> = self.calendars[calendar_id]
            .events
            .iter()
            .filter(|(_, e)| match since {
                Some(n) => e.changed > n,
                None => from.is_none_or(|f| e.end > f),
            })
            .map(|(id, e)| {
                if e.status == "cancelled" {
                    return json!({ "kind": "calendar#event", "id": id, "status": "cancelled" });
                }
                let mut event = json!({
                    "kind": "calendar#event", "id": id, "status": e.status,
                    "start": { "dateTime": e.start.to_rfc3339(), "timeZone": e.time_zone },
                    "end": { "dateTime": e.end.to_rfc3339(), "timeZone": e.time_zone },
                });
                if let Some(appointment) = &e.appointment {
                    event["extendedProperties"] =
                        json!({ "private": { "bysAppointment": appointment } });
                }
                event
            })
            .collect();
        Reply::ok(json!({
            "kind": "calendar#events", "timeZone": self.calendars[calendar_id].time_zone,
            "items": items, "nextSyncToken": format!("sync-{}", self.changes),
        }))
    }

    fn insert_calendar(&mut self, body: &Value) -> Reply {
        let (Some(summary), Some(zone)) = (body["summary"].as_str(), body["timeZone"].as_str())
        else {
            return self.violation(format!("calendars.insert without summary or zone: {body}"));
        };
        if domain::zone::Zone::parse(zone).is_err() {
            return self.violation(format!("calendars.insert with unknown zone {zone}"));
        }
        let id = format!("c_{:024x}@group.calendar.google.com", self.fresh_id());
        self.calendars.insert(
            id.clone(),
            FakeCalendar {
                summary: summary.to_owned(),
                time_zone: zone.to_owned(),
                ..FakeCalendar::default()
            },
        );
        Reply::ok(
            json!({ "kind": "calendar#calendar", "id": id, "summary": summary, "timeZone": zone }),
        )
    }

    /// Like Google, a second rule for the same user replaces the first under the same id.
    fn insert_rule(&mut self, calendar_id: &str, body: &Value) -> Reply {
        let role = body["role"].as_str().unwrap_or_default().to_owned();
        let (Some("user"), Some(email)) = (
            body["scope"]["type"].as_str(),
            body["scope"]["value"].as_str(),
        ) else {
            return self.violation(format!("acl.insert without a user scope: {body}"));
        };
        if !["reader", "writer", "owner", "freeBusyReader"].contains(&role.as_str()) {
            return self.violation(format!("acl.insert with role {role:?}"));
        }
        let id = format!("user:{email}");
        self.calendar(calendar_id)
            .acl
            .insert(id.clone(), (role.clone(), email.to_owned()));
        Reply::ok(json!({ "kind": "calendar#aclRule", "id": id, "role": role,
                          "scope": { "type": "user", "value": email } }))
    }

    fn insert_event(&mut self, calendar_id: &str, body: &Value) -> Reply {
        let id = match body["id"].as_str() {
            Some(id) => id.to_owned(),
            None => format!("{:026}", self.fresh_id()),
        };
        let valid_id = (5..=1024).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'v').contains(&b));
        if !valid_id {
            return self.violation(format!("events.insert with invalid id {id:?}"));
        }
        if self.calendars[calendar_id].events.contains_key(&id) {
            return Reply::error(409, "duplicate", "The requested identifier already exists.");
        }
        let event = match parse_event(body, None) {
            Ok(e) => e,
            Err(message) => return self.violation(format!("events.insert: {message}")),
        };
        self.put_event(calendar_id, &id, event);
        Reply::ok(json!({ "kind": "calendar#event", "id": id }))
    }

    fn patch_event(&mut self, calendar_id: &str, id: &str, body: &Value) -> Reply {
        let Some(existing) = self.calendars[calendar_id].events.get(id).cloned() else {
            return Reply::error(404, "notFound", "Not Found");
        };
        match parse_event(body, Some(existing)) {
            Ok(event) => {
                self.put_event(calendar_id, id, event);
                Reply::ok(json!({ "kind": "calendar#event", "id": id }))
            }
            Err(message) => self.violation(format!("events.patch: {message}")),
        }
    }
}

/// An event from a request body; with `base`, fields missing from the body are kept (patch).
fn parse_event(body: &Value, base: Option<FakeEvent>) -> Result<FakeEvent, String> {
    let time = |key: &str| -> Result<Option<(DateTime<Utc>, String)>, String> {
        let value = &body[key];
        if value.is_null() {
            return Ok(None);
        }
        let instant = value["dateTime"]
            .as_str()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .ok_or(format!("{key}.dateTime is not RFC 3339: {value}"))?;
        let zone = value["timeZone"]
            .as_str()
            .filter(|z| domain::zone::Zone::parse(z).is_ok())
            .ok_or(format!("{key}.timeZone is missing or unknown: {value}"))?;
        Ok(Some((instant.with_timezone(&Utc), zone.to_owned())))
    };
    let start = time("start")?;
    let end = time("end")?;
    let text = |key: &str| body[key].as_str().map(str::to_owned);
    let appointment = body["extendedProperties"]["private"]["bysAppointment"]
        .as_str()
        .map(str::to_owned);
    #[allow(
        clippy::single_match_else,
        reason = "the two cases read better side by side"
    )]
    let event = match base {
        Some(mut e) => {
            if let Some((s, zone)) = start {
                e.start = s;
                e.time_zone = zone;
            }
            if let Some((end, _)) = end {
                e.end = end;
            }
            e.summary = text("summary").unwrap_or(e.summary);
            e.appointment = appointment.or(e.appointment);
            e.description = text("description").unwrap_or(e.description);
            e.status = text("status").unwrap_or(e.status);
            e
        }
        None => {
            let ((start, time_zone), (end, _)) =
                start.zip(end).ok_or("start and end are required")?;
            FakeEvent {
                summary: text("summary").ok_or("summary is required")?,
                description: text("description").unwrap_or_default(),
                start,
                end,
                time_zone,
                status: text("status").unwrap_or_else(|| "confirmed".into()),
                appointment,
                changed: 0,
            }
        }
    };
    if event.end <= event.start {
        return Err("the end is not after the start".into());
    }
    Ok(event)
}

/// An event of a provider's calendar as `events.list` shows it.
fn own_event_json(id: &str, event: &OwnEvent) -> Value {
    if event.cancelled {
        return json!({ "kind": "calendar#event", "id": id, "status": "cancelled" });
    }
    let mut json = json!({
        "kind": "calendar#event", "id": id, "status": "confirmed",
        "start": { "dateTime": event.start.to_rfc3339() },
        "end": { "dateTime": event.end.to_rfc3339() },
    });
    if event.free {
        json["transparency"] = json!("transparent");
    }
    if event.declined {
        json["attendees"] = json!([
            { "email": "owner@example.org", "self": true, "responseStatus": "declined" },
            { "email": "boss@example.org", "organizer": true, "responseStatus": "accepted" },
        ]);
    }
    json
}

fn operation_name(method: &Method, path: &str) -> String {
    if path == "/token" {
        return "token".into();
    }
    let segments: Vec<&str> = path
        .trim_start_matches("/calendar/v3/")
        .split('/')
        .collect();
    let name = match (method.as_str(), segments.as_slice()) {
        ("POST", ["calendars"]) => "calendars.insert",
        ("GET", ["users", "me", "calendarList"]) => "calendarList.list",
        ("POST", ["users", "me", "calendarList"]) => "calendarList.insert",
        ("GET", ["calendars", _, "events"]) => "events.list",
        ("POST", ["freeBusy"]) => "freebusy.query",
        ("POST", ["calendars", _, "events", "watch"]) => "events.watch",
        ("POST", ["channels", "stop"]) => "channels.stop",
        ("GET", ["calendars", _]) => "calendars.get",
        ("DELETE", ["calendars", _]) => "calendars.delete",
        ("POST", ["calendars", _, "acl"]) => "acl.insert",
        ("GET", ["calendars", _, "acl"]) => "acl.list",
        ("DELETE", ["calendars", _, "acl", _]) => "acl.delete",
        ("POST", ["calendars", _, "events"]) => "events.insert",
        ("PATCH", ["calendars", _, "events", _]) => "events.patch",
        ("DELETE", ["calendars", _, "events", _]) => "events.delete",
        _ => return format!("{method} {path}"),
    };
    name.to_owned()
}

/// Posts one notification of `channel` with `token` and resource state `state`, as Google
/// does; the status the address answered.
async fn post_notification(channel: &FakeChannel, token: &str, state: &str) -> u16 {
    reqwest::Client::new()
        .post(&channel.address)
        .header("X-Goog-Channel-ID", &channel.id)
        .header("X-Goog-Channel-Token", token)
        .header("X-Goog-Channel-Expiration", channel.expiration.to_string())
        .header("X-Goog-Resource-ID", &channel.resource_id)
        .header("X-Goog-Resource-State", state)
        .header("X-Goog-Message-Number", "2")
        .send()
        .await
        .map_or(0, |r| r.status().as_u16())
}

fn reason_for(status: u16) -> &'static str {
    match status {
        401 => "authError",
        429 => "rateLimitExceeded",
        _ => "backendError",
    }
}

pub(super) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                if let Ok(b) = u8::from_str_radix(hex, 16) {
                    out.push(b);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut bits = 0_u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).ok()?);
        }
    }
    Some(out)
}

/// The RFC 3339 instant in query parameter `key`, if it is one.
fn instant_param(query: &BTreeMap<String, String>, key: &str) -> Option<DateTime<Utc>> {
    query
        .get(key)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}
