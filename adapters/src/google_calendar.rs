//! Google Calendar in platform mode: the platform's service account owns one dedicated calendar
//! per provider ("Book Your Services — <name>", in the provider's zone), shares it with the
//! provider's Gmail address through an ACL rule, and keeps one event per appointment; a class
//! occurrence is one event listing its attendees, rewritten with each seat booked or cancelled
//! and deleted with the last one.
//!
//! Idempotency, because the delivery worker calls at least once:
//! - an event's id is derived from its entry key ([`event_id`]: the appointment's id, or the
//!   class occurrence's key), so inserting it again
//!   after a lost response gets `409 Conflict`, which is read as "already there" and followed
//!   by a patch; deleting an event that is already gone (`404`/`410`) succeeds;
//! - the calendar id and the share are recorded in [`CalendarLinks`] as soon as Google returns
//!   them, and the share is only changed when the recorded address differs from the wanted one.
//!
//! Errors: connection failures, timeouts, `401` (the token is then refreshed), `403` rate limits,
//! `408`, `429` and `5xx` are [`DeliveryError::Transient`]; other `4xx` are permanent.

mod busy;
mod edits;
mod errors;
mod event;
mod quota;
mod watch;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use application::AppointmentDetails;
use application::ports::{
    CalendarLinks, CalendarSync, Clock, DeliveryError, EntryEdits, EventLink, OwnedCalendar,
    ProviderCalendar, SourceError,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{Email, User, UserId};
use google_calendar3::CalendarHub;
use google_calendar3::api::{AclRule, AclRuleScope, Calendar, Event, Scope};
use google_calendar3::hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use google_calendar3::hyper_util::client::legacy::Client;
use google_calendar3::hyper_util::client::legacy::connect::HttpConnector;
use google_calendar3::hyper_util::rt::TokioExecutor;
use google_calendar3::yup_oauth2::authenticator::Authenticator;
use google_calendar3::yup_oauth2::{self, CustomHyperClientBuilder, ServiceAccountAuthenticator};

pub use event::event_id;

use crate::calendar_record::{record_sync, stored_calendar};
use errors::CallError;

type Connector = HttpsConnector<HttpConnector>;

/// The OAuth scope of every call (one scope, so one cached token).
const SCOPE: &str = "https://www.googleapis.com/auth/calendar";

/// The most `calendarList.list` pages read (250 calendars each), so that a server handing out
/// page tokens forever cannot keep the admin page waiting.
const MAX_LIST_PAGES: usize = 100;

/// How the adapter reaches Google. Secrets stay in the key file.
#[derive(Debug, Clone)]
pub struct GoogleCalendarConfig {
    /// The service account's key JSON, as downloaded from the Google Cloud console.
    pub key_path: PathBuf,
    /// The ACL role providers get on their calendar: `reader` (default), `writer`,
    /// `freeBusyReader` or `owner`.
    pub share_role: String,
    /// The Calendar API's base URL; `None` for Google's. Tests point it at a local server.
    pub base_url: Option<String>,
    /// The API root URL (batch and upload paths); `None` for Google's.
    pub root_url: Option<String>,
    /// How long one API call may take before it counts as a transient failure.
    pub request_timeout: Duration,
}

impl GoogleCalendarConfig {
    /// Google's endpoints, `reader` shares and a 20-second timeout for the key at `key_path`.
    pub fn new(key_path: impl Into<PathBuf>) -> Self {
        Self {
            key_path: key_path.into(),
            share_role: "reader".to_owned(),
            base_url: None,
            root_url: None,
            request_timeout: Duration::from_secs(20),
        }
    }
}

/// Why the adapter could not be set up (a startup failure).
#[derive(Debug, thiserror::Error)]
pub enum GoogleSetupError {
    /// The key file is missing or is not a service account key.
    #[error("cannot read the Google service account key {path}")]
    Key {
        /// The configured path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The TLS or authenticator setup failed.
    #[error("cannot set up the Google client")]
    Client(#[source] std::io::Error),
}

/// [`CalendarSync`] through the Google Calendar API v3 with a service account.
pub struct GoogleCalendarSync {
    hub: CalendarHub<Connector>,
    auth: Authenticator<Connector>,
    links: Arc<dyn CalendarLinks>,
    clock: Arc<dyn Clock>,
    share_role: String,
    timeout: Duration,
    /// The service account's address: providers share their own calendars with it.
    account_email: String,
    /// Limits the reads of providers' own calendars per provider.
    busy_quota: quota::ProviderQuota,
}

impl GoogleCalendarSync {
    /// Reads the key and builds the authenticated client; nothing is sent until the first call.
    ///
    /// # Errors
    /// [`GoogleSetupError`].
    pub async fn connect(
        config: GoogleCalendarConfig,
        links: Arc<dyn CalendarLinks>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, GoogleSetupError> {
        let key = yup_oauth2::read_service_account_key(&config.key_path)
            .await
            .map_err(|source| GoogleSetupError::Key {
                path: config.key_path.clone(),
                source,
            })?;
        let account_email = key.client_email.clone();
        // Name the provider explicitly: several rustls providers are compiled into the app.
        let connector = HttpsConnectorBuilder::new()
            .with_provider_and_native_roots(rustls::crypto::ring::default_provider())
            .map_err(GoogleSetupError::Client)?
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .build();
        let executor = TokioExecutor::new();
        let auth_client = Client::builder(executor.clone()).build(connector.clone());
        let auth = ServiceAccountAuthenticator::with_client(
            key,
            CustomHyperClientBuilder::from(auth_client),
        )
        .with_timeout(config.request_timeout)
        .build()
        .await
        .map_err(GoogleSetupError::Client)?;
        let mut hub = CalendarHub::new(Client::builder(executor).build(connector), auth.clone());
        if let Some(base) = &config.base_url {
            hub.base_url(base.clone());
        }
        if let Some(root) = &config.root_url {
            hub.root_url(root.clone());
        }
        Ok(Self {
            hub,
            auth,
            links,
            clock,
            share_role: config.share_role,
            timeout: config.request_timeout,
            account_email,
            busy_quota: quota::provider_quota(),
        })
    }

    /// Runs one API call with the timeout, classifying its failure; a `401` refreshes the token
    /// so that the retry carries a new one.
    async fn call<T>(
        &self,
        what: &'static str,
        request: impl Future<Output = google_calendar3::Result<T>>,
    ) -> Result<T, CallError> {
        let error = match tokio::time::timeout(self.timeout, request).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(e)) => CallError::from_google(what, &e),
            Err(_) => CallError::timed_out(what),
        };
        if error.status == Some(401) {
            // A failed refresh shows up again on the retry; the 401 is what to report now.
            let _ =
                tokio::time::timeout(self.timeout, self.auth.force_refreshed_token(&[SCOPE])).await;
        }
        tracing::debug!(what, status = ?error.status, "Google Calendar call failed");
        Err(error)
    }

    async fn saved(&self, calendar: &ProviderCalendar) -> Result<(), CallError> {
        self.links
            .save_calendar(calendar)
            .await
            .map_err(|e| CallError::store(&e))
    }

    /// The provider's calendar id, creating the calendar first if there is none.
    async fn ensure_calendar(
        &self,
        provider: &User,
        calendar: &mut ProviderCalendar,
    ) -> Result<String, CallError> {
        if let Some(id) = &calendar.calendar_id {
            return Ok(id.clone());
        }
        let request = Calendar {
            summary: Some(format!("Book Your Services — {}", provider.name)),
            description: Some(
                "Appointments booked with Book Your Services, kept up to date automatically."
                    .to_owned(),
            ),
            time_zone: Some(provider.zone.name().to_owned()),
            ..Calendar::default()
        };
        let (_, created) = self
            .call(
                "calendars.insert",
                self.hub
                    .calendars()
                    .insert(request)
                    .add_scope(Scope::Full)
                    .doit(),
            )
            .await?;
        let id = created
            .id
            .ok_or_else(|| CallError::permanent("calendars.insert returned no id"))?;
        calendar.calendar_id = Some(id.clone());
        calendar.shared_with = None;
        calendar.share_id = None;
        self.saved(calendar).await?;
        tracing::info!(provider = %provider.id, "created the provider's Google calendar");
        Ok(id)
    }

    /// Moves the share to the address the provider should have it under (none once they are
    /// deactivated or have cleared it).
    async fn ensure_share(
        &self,
        provider: &User,
        calendar: &mut ProviderCalendar,
        calendar_id: &str,
    ) -> Result<(), CallError> {
        let wanted = wanted_share(provider);
        if calendar.shared_with == wanted {
            return Ok(());
        }
        if let Some(rule) = calendar.share_id.clone() {
            match self
                .call(
                    "acl.delete",
                    self.hub
                        .acl()
                        .delete(calendar_id, &rule)
                        .add_scope(Scope::Full)
                        .doit(),
                )
                .await
            {
                Ok(_) => {}
                Err(e) if e.is_gone() => {}
                Err(e) => return Err(e),
            }
            calendar.share_id = None;
            calendar.shared_with = None;
            self.saved(calendar).await?;
        }
        if let Some(email) = wanted {
            let rule = AclRule {
                role: Some(self.share_role.clone()),
                scope: Some(AclRuleScope {
                    type_: Some("user".to_owned()),
                    value: Some(email.as_str().to_owned()),
                }),
                ..AclRule::default()
            };
            // Inserting a rule for the same user again updates it: no duplicate shares.
            let (_, created) = self
                .call(
                    "acl.insert",
                    self.hub
                        .acl()
                        .insert(rule, calendar_id)
                        .add_scope(Scope::Full)
                        .doit(),
                )
                .await?;
            calendar.share_id = Some(created.id.unwrap_or_else(|| format!("user:{email}")));
            calendar.shared_with = Some(email);
            self.saved(calendar).await?;
        }
        Ok(())
    }

    async fn upsert_event(
        &self,
        change: &AppointmentDetails,
        calendar: &mut ProviderCalendar,
        calendar_id: &str,
    ) -> Result<(), CallError> {
        let entry = change.provider_entry();
        let link = self
            .links
            .event(entry.key)
            .await
            .map_err(|e| CallError::store(&e))?;
        if link.as_ref().is_some_and(|l| l.shows_newer_than(entry)) {
            return Ok(()); // a newer state is already there
        }
        let body = event::body(change, &event_id(entry.key));
        match link {
            Some(link) => self.patch_event(body, calendar_id, &link.event_id).await?,
            None => self.insert_event(body, calendar, calendar_id).await?,
        }
        self.links
            .save_event(&EventLink::showing(
                entry,
                change.provider.id,
                event_id(entry.key),
            ))
            .await
            .map_err(|e| CallError::store(&e))
    }

    /// Updates an event we created; if it has vanished (deleted by hand), creates it again.
    async fn patch_event(&self, body: Event, calendar_id: &str, id: &str) -> Result<(), CallError> {
        let patched = self
            .call(
                "events.patch",
                self.hub
                    .events()
                    .patch(body.clone(), calendar_id, id)
                    .add_scope(Scope::Full)
                    .doit(),
            )
            .await;
        match patched {
            Err(e) if e.status == Some(404) => self
                .call(
                    "events.insert",
                    self.hub
                        .events()
                        .insert(body, calendar_id)
                        .add_scope(Scope::Full)
                        .doit(),
                )
                .await
                .map(drop),
            other => other.map(drop),
        }
    }

    /// Creates an event under its deterministic id. `409 Conflict` means it exists already
    /// (an earlier attempt's response was lost): it is patched instead.
    async fn insert_event(
        &self,
        body: Event,
        calendar: &mut ProviderCalendar,
        calendar_id: &str,
    ) -> Result<(), CallError> {
        let id = body.id.clone().unwrap_or_default();
        let inserted = self
            .call(
                "events.insert",
                self.hub
                    .events()
                    .insert(body.clone(), calendar_id)
                    .add_scope(Scope::Full)
                    .doit(),
            )
            .await;
        match inserted {
            Ok(_) => Ok(()),
            Err(e) if e.status == Some(409) => self
                .call(
                    "events.patch",
                    self.hub
                        .events()
                        .patch(body, calendar_id, &id)
                        .add_scope(Scope::Full)
                        .doit(),
                )
                .await
                .map(drop),
            // The calendar itself is gone (deleted by hand): forget it, recreate on retry.
            Err(e) if e.status == Some(404) => {
                *calendar = ProviderCalendar::new(calendar.provider);
                self.saved(calendar).await?;
                Err(CallError::transient("the provider's calendar has vanished"))
            }
            Err(e) => Err(e),
        }
    }

    async fn delete_event(
        &self,
        change: &AppointmentDetails,
        calendar_id: &str,
    ) -> Result<(), CallError> {
        let key = change.provider_entry().key;
        let link = self
            .links
            .event(key)
            .await
            .map_err(|e| CallError::store(&e))?;
        let id = link.map_or_else(|| event_id(key), |l| l.event_id);
        match self
            .call(
                "events.delete",
                self.hub
                    .events()
                    .delete(calendar_id, &id)
                    .add_scope(Scope::Full)
                    .doit(),
            )
            .await
        {
            Ok(_) => {}
            Err(e) if e.is_gone() => {}
            Err(e) => return Err(e),
        }
        self.links
            .forget_event(key)
            .await
            .map_err(|e| CallError::store(&e))
    }

    async fn apply_to(
        &self,
        change: &AppointmentDetails,
        calendar: &mut ProviderCalendar,
    ) -> Result<(), CallError> {
        let gone = change.provider_entry().gone;
        if gone && calendar.calendar_id.is_none() {
            return Ok(()); // nothing was ever put in a calendar
        }
        let calendar_id = self.ensure_calendar(&change.provider, calendar).await?;
        self.ensure_share(&change.provider, calendar, &calendar_id)
            .await?;
        if gone {
            self.delete_event(change, &calendar_id).await
        } else {
            self.upsert_event(change, calendar, &calendar_id).await
        }
    }

    async fn share_for(
        &self,
        provider: &User,
        calendar: &mut ProviderCalendar,
    ) -> Result<(), CallError> {
        if calendar.calendar_id.is_none() && wanted_share(provider).is_none() {
            return Ok(()); // no calendar and nobody to share one with
        }
        let calendar_id = self.ensure_calendar(provider, calendar).await?;
        self.ensure_share(provider, calendar, &calendar_id).await
    }

    /// Deletes a calendar with its events; one already gone counts as deleted.
    async fn delete_calendar(&self, calendar_id: &str) -> Result<(), CallError> {
        match self
            .call(
                "calendars.delete",
                self.hub
                    .calendars()
                    .delete(calendar_id)
                    .add_scope(Scope::Full)
                    .doit(),
            )
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if e.is_gone() => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Records how the sync of `calendar` went, for the admin list, and returns the outcome.
    async fn record(
        &self,
        calendar: &mut ProviderCalendar,
        outcome: Result<(), CallError>,
    ) -> Result<(), DeliveryError> {
        let now = self.clock.now();
        record_sync(
            self.links.as_ref(),
            now,
            calendar,
            outcome,
            CallError::into_delivery,
        )
        .await
    }

    async fn stored_calendar(&self, provider: UserId) -> Result<ProviderCalendar, DeliveryError> {
        stored_calendar(self.links.as_ref(), provider).await
    }
}

/// The address the provider's calendar should be shared with now.
fn wanted_share(provider: &User) -> Option<Email> {
    provider
        .is_bookable_provider()
        .then(|| provider.calendar_email.clone())
        .flatten()
}

#[async_trait]
impl CalendarSync for GoogleCalendarSync {
    #[tracing::instrument(skip_all, fields(appointment = %change.event.appointment.id))]
    async fn apply(&self, change: &AppointmentDetails) -> Result<(), DeliveryError> {
        let mut calendar = self.stored_calendar(change.provider.id).await?;
        let outcome = self.apply_to(change, &mut calendar).await;
        self.record(&mut calendar, outcome).await
    }

    #[tracing::instrument(skip_all, fields(provider = %provider.id))]
    async fn provider_changed(&self, provider: &User) -> Result<(), DeliveryError> {
        let mut calendar = self.stored_calendar(provider.id).await?;
        if calendar.calendar_id.is_none() && wanted_share(provider).is_none() {
            return Ok(());
        }
        let outcome = self.share_for(provider, &mut calendar).await;
        self.record(&mut calendar, outcome).await
    }

    #[tracing::instrument(skip(self))]
    async fn remove_calendar(&self, provider: UserId) -> Result<(), DeliveryError> {
        let calendar = self.stored_calendar(provider).await?;
        if let Some(id) = &calendar.calendar_id {
            self.delete_calendar(id)
                .await
                .map_err(CallError::into_delivery)?;
        }
        self.links
            .forget_calendar(provider)
            .await
            .map_err(|e| DeliveryError::Transient(e.into()))
    }

    #[tracing::instrument(skip(self))]
    async fn owned_calendars(&self) -> Result<Option<Vec<OwnedCalendar>>, DeliveryError> {
        let mut owned = Vec::new();
        let mut page_token: Option<String> = None;
        for _ in 0..MAX_LIST_PAGES {
            let mut request = self
                .hub
                .calendar_list()
                .list()
                .min_access_role("owner")
                .show_hidden(true)
                .max_results(250)
                .add_scope(Scope::Full);
            if let Some(token) = &page_token {
                request = request.page_token(token);
            }
            let (_, page) = self
                .call("calendarList.list", request.doit())
                .await
                .map_err(CallError::into_delivery)?;
            owned.extend(
                page.items
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|entry| entry.primary != Some(true))
                    .filter_map(|entry| {
                        Some(OwnedCalendar {
                            id: entry.id?,
                            summary: entry.summary.unwrap_or_default(),
                        })
                    }),
            );
            page_token = page.next_page_token;
            if page_token.is_none() {
                return Ok(Some(owned));
            }
        }
        Err(DeliveryError::Transient(
            "calendarList.list kept handing out pages".into(),
        ))
    }

    #[tracing::instrument(skip(self))]
    async fn delete_owned_calendar(&self, calendar_id: &str) -> Result<(), DeliveryError> {
        self.delete_calendar(calendar_id)
            .await
            .map_err(CallError::into_delivery)
    }

    #[tracing::instrument(skip_all, fields(provider = %calendar.provider))]
    async fn entry_edits(
        &self,
        calendar: &ProviderCalendar,
        since: DateTime<Utc>,
    ) -> Result<Option<EntryEdits>, SourceError> {
        let Some(calendar_id) = &calendar.calendar_id else {
            return Ok(Some(EntryEdits::default()));
        };
        self.read_entries(calendar, calendar_id, since)
            .await
            .map(Some)
            .map_err(CallError::into_source)
    }
}
