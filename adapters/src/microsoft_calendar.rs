//! Microsoft 365 (Outlook) calendars through Microsoft Graph, app-only: the platform's app
//! registration (client credentials, application permission `Calendars.ReadWrite`) keeps one
//! dedicated calendar ("Book Your Services — <name>") in each provider's own mailbox, the
//! address they gave as their calendar address, and one event per appointment (per occurrence
//! for a class, listing its attendees). It also reads
//! providers' own calendars ([`BusyTimeSource`], in `busy`) and watches them with change
//! notifications ([`application::ports::CalendarWatch`], in `subscriptions`).
//!
//! A small hand-written client (`graph`) rather than an SDK: the adapter calls eight
//! endpoints, and the Rust Graph SDK (`graph-rs-sdk`) is unmaintained and brings a second HTTP
//! stack; `reqwest` with the app's rustls (ring) is enough.
//!
//! Idempotency, because the delivery worker calls at least once:
//! - an event is created with its entry key (the appointment id, or a class occurrence's key)
//!   as `transactionId`, so a create repeated after a lost response gets the event Graph
//!   already made, not a second one;
//! - calendar names are unique per mailbox: a create repeated after a lost response answers
//!   `409 ErrorFolderExists`, and the calendar is then found by its name;
//! - calendar and event ids are recorded in [`CalendarLinks`] as soon as Graph returns them;
//!   an existing link means update, not create; deleting what is already gone succeeds.
//!
//! Errors: connection failures, timeouts, `401` (the token is then dropped), `408`, `429` and
//! `5xx` are [`DeliveryError::Transient`]; other `4xx` are permanent. A `429`/`503` with
//! `Retry-After` keeps every call to that mailbox from being sent until then.

mod busy;
mod credential;
mod errors;
mod event;
mod graph;
mod subscriptions;

use std::sync::Arc;
use std::time::Duration;

use application::AppointmentDetails;
use application::ports::{
    CalendarLinks, CalendarSync, Clock, DeliveryError, EventLink, ProviderCalendar,
};
use async_trait::async_trait;
use domain::{User, UserId};
use reqwest::Method;
use serde_json::{Value, json};

use crate::calendar_record::{record_sync, stored_calendar};
pub use credential::GraphCredential;
use errors::GraphError;
use graph::{Call, Graph};

/// The most pages of one listing followed, so that a server handing out links forever cannot
/// hold the worker.
const MAX_PAGES: usize = 400;

/// How the adapter reaches Microsoft Graph.
#[derive(Debug, Clone)]
pub struct MicrosoftCalendarConfig {
    /// The directory (tenant) id of the app registration.
    pub tenant_id: String,
    /// The application (client) id.
    pub client_id: String,
    /// How the app proves it is the app registration.
    pub credential: GraphCredential,
    /// Graph's base URL with its version, e.g. `https://graph.microsoft.com/v1.0`.
    pub graph_url: String,
    /// The identity platform, e.g. `https://login.microsoftonline.com`.
    pub login_url: String,
    /// How long one call may take before it counts as a transient failure.
    pub request_timeout: Duration,
    /// Requests in flight at once per mailbox (Graph allows 4).
    pub max_concurrent_per_mailbox: usize,
}

/// Why the adapter could not be set up (a startup failure).
#[derive(Debug, thiserror::Error)]
#[error("cannot set up the Microsoft Graph client: {0}")]
pub struct MicrosoftSetupError(String);

/// [`CalendarSync`] (and [`application::ports::BusyTimeSource`]) through Microsoft Graph.
pub struct MicrosoftCalendarSync {
    graph: Graph,
    links: Arc<dyn CalendarLinks>,
    clock: Arc<dyn Clock>,
    client_id: String,
}

impl MicrosoftCalendarSync {
    /// Builds the client; nothing is sent until the first call.
    ///
    /// # Errors
    /// [`MicrosoftSetupError`] for a missing tenant or client id or an unusable URL.
    pub fn new(
        config: MicrosoftCalendarConfig,
        links: Arc<dyn CalendarLinks>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, MicrosoftSetupError> {
        if config.tenant_id.is_empty() || config.client_id.is_empty() {
            return Err(MicrosoftSetupError(
                "calendar.microsoft.tenant_id and client_id are required".to_owned(),
            ));
        }
        let graph =
            Graph::new(&config, clock.clone()).map_err(|e| MicrosoftSetupError(e.to_string()))?;
        Ok(Self {
            graph,
            links,
            clock,
            client_id: config.client_id,
        })
    }

    async fn saved(&self, calendar: &ProviderCalendar) -> Result<(), GraphError> {
        self.links
            .save_calendar(calendar)
            .await
            .map_err(|e| GraphError::store(&e))
    }

    /// The provider's mailbox and calendar id there, creating the calendar first if there is
    /// none. A calendar in a mailbox the provider no longer names is deleted and forgotten
    /// first. `None` while the provider names no mailbox.
    async fn ensure_calendar(
        &self,
        provider: &User,
        calendar: &mut ProviderCalendar,
    ) -> Result<Option<(String, String)>, GraphError> {
        let wanted = provider
            .calendar_email
            .as_ref()
            .map(|e| e.as_str().to_owned());
        let current = calendar.shared_with.as_ref().map(|e| e.as_str().to_owned());
        if let (Some(id), Some(mailbox)) = (&calendar.calendar_id, &current) {
            if wanted.as_ref() == Some(mailbox) {
                return Ok(Some((mailbox.clone(), id.clone())));
            }
            self.delete_calendar(mailbox, id).await?;
            self.links
                .forget_calendar(provider.id)
                .await
                .map_err(|e| GraphError::store(&e))?;
            *calendar = ProviderCalendar::new(provider.id);
        }
        let (Some(mailbox), Some(email)) = (wanted, provider.calendar_email.clone()) else {
            return Ok(None);
        };
        let name = format!("Book Your Services — {}", provider.name);
        let created = self
            .graph
            .send(Call {
                what: "calendars.create",
                mailbox: &mailbox,
                method: Method::POST,
                url: self.graph.url(&["users", &mailbox, "calendars"]),
                body: Some(&json!({ "name": name })),
                prefer: &[],
            })
            .await;
        let id = match created {
            Ok(answer) => id_of(&answer, "calendars.create")?,
            // Made by an earlier attempt whose answer was lost: names are unique per mailbox.
            Err(e) if e.code == "ErrorFolderExists" => self.find_calendar(&mailbox, &name).await?,
            Err(e) => return Err(e),
        };
        calendar.calendar_id = Some(id.clone());
        calendar.shared_with = Some(email);
        calendar.share_id = None;
        self.saved(calendar).await?;
        tracing::info!(provider = %provider.id, "created the provider's Outlook calendar");
        Ok(Some((mailbox, id)))
    }

    /// The id of the calendar called `name` in `mailbox`.
    async fn find_calendar(&self, mailbox: &str, name: &str) -> Result<String, GraphError> {
        let mut url = self.graph.url(&["users", mailbox, "calendars"]);
        for _ in 0..MAX_PAGES {
            let page = self
                .graph
                .send(Call {
                    what: "calendars.list",
                    mailbox,
                    method: Method::GET,
                    url,
                    body: None,
                    prefer: &[],
                })
                .await?;
            let found = page["value"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|c| c["name"].as_str() == Some(name));
            if let Some(calendar) = found {
                return id_of(calendar, "calendars.list");
            }
            match page["@odata.nextLink"].as_str() {
                Some(next) => url = self.graph.link(next)?,
                None => break,
            }
        }
        Err(GraphError::transient(
            "calendars.list",
            "the calendar Graph said exists was not listed",
        ))
    }

    async fn upsert_event(
        &self,
        change: &AppointmentDetails,
        calendar: &mut ProviderCalendar,
        (mailbox, calendar_id): (&str, &str),
    ) -> Result<(), GraphError> {
        let entry = change.provider_entry();
        let link = self
            .links
            .event(entry.key)
            .await
            .map_err(|e| GraphError::store(&e))?;
        if link.as_ref().is_some_and(|l| l.shows_newer_than(entry)) {
            return Ok(()); // a newer state is already there
        }
        let updated = match &link {
            Some(link) => self.update_event(change, mailbox, &link.event_id).await?,
            None => false,
        };
        let event_id = match (updated, link) {
            (true, Some(link)) => link.event_id,
            _ => {
                self.create_event(change, calendar, mailbox, calendar_id)
                    .await?
            }
        };
        self.links
            .save_event(&EventLink::showing(entry, change.provider.id, event_id))
            .await
            .map_err(|e| GraphError::store(&e))
    }

    /// Updates an event we created; `false` if it has vanished (deleted by hand).
    async fn update_event(
        &self,
        change: &AppointmentDetails,
        mailbox: &str,
        event_id: &str,
    ) -> Result<bool, GraphError> {
        let patched = self
            .graph
            .send(Call {
                what: "events.update",
                mailbox,
                method: Method::PATCH,
                url: self.graph.url(&["users", mailbox, "events", event_id]),
                body: Some(&event::body(change)),
                prefer: &[],
            })
            .await;
        match patched {
            Ok(_) => Ok(true),
            Err(e) if e.is_gone() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Creates the event (idempotent through its `transactionId`); returns its id.
    async fn create_event(
        &self,
        change: &AppointmentDetails,
        calendar: &mut ProviderCalendar,
        mailbox: &str,
        calendar_id: &str,
    ) -> Result<String, GraphError> {
        let created = self
            .graph
            .send(Call {
                what: "events.create",
                mailbox,
                method: Method::POST,
                url: self
                    .graph
                    .url(&["users", mailbox, "calendars", calendar_id, "events"]),
                body: Some(&event::new_body(change)),
                prefer: &[],
            })
            .await;
        match created {
            Ok(answer) => id_of(&answer, "events.create"),
            // The calendar itself is gone (deleted by hand): forget it, recreate on retry.
            Err(e) if e.status == Some(404) => {
                *calendar = ProviderCalendar::new(calendar.provider);
                self.saved(calendar).await?;
                Err(GraphError::transient(
                    "events.create",
                    "the provider's calendar has vanished",
                ))
            }
            Err(e) => Err(e),
        }
    }

    /// Deletes the change's event, if one was recorded.
    async fn delete_event(
        &self,
        change: &AppointmentDetails,
        mailbox: &str,
    ) -> Result<(), GraphError> {
        let key = change.provider_entry().key;
        let link = self
            .links
            .event(key)
            .await
            .map_err(|e| GraphError::store(&e))?;
        if let Some(link) = link {
            let deleted = self
                .graph
                .send(Call {
                    what: "events.delete",
                    mailbox,
                    method: Method::DELETE,
                    url: self
                        .graph
                        .url(&["users", mailbox, "events", &link.event_id]),
                    body: None,
                    prefer: &[],
                })
                .await;
            match deleted {
                Ok(_) => {}
                Err(e) if e.is_gone() => {}
                Err(e) => return Err(e),
            }
        }
        self.links
            .forget_event(key)
            .await
            .map_err(|e| GraphError::store(&e))
    }

    /// Deletes a calendar with its events; one already gone counts as deleted.
    async fn delete_calendar(&self, mailbox: &str, calendar_id: &str) -> Result<(), GraphError> {
        let deleted = self
            .graph
            .send(Call {
                what: "calendars.delete",
                mailbox,
                method: Method::DELETE,
                url: self
                    .graph
                    .url(&["users", mailbox, "calendars", calendar_id]),
                body: None,
                prefer: &[],
            })
            .await;
        match deleted {
            Err(e) if !e.is_gone() => Err(e),
            _ => Ok(()),
        }
    }

    async fn apply_to(
        &self,
        change: &AppointmentDetails,
        calendar: &mut ProviderCalendar,
    ) -> Result<(), GraphError> {
        let gone = change.provider_entry().gone;
        if gone && calendar.calendar_id.is_none() {
            return Ok(()); // nothing was ever put in a calendar
        }
        let Some((mailbox, calendar_id)) = self.ensure_calendar(&change.provider, calendar).await?
        else {
            return Ok(()); // no mailbox to write to: the feed only
        };
        if gone {
            self.delete_event(change, &mailbox).await
        } else {
            self.upsert_event(change, calendar, (&mailbox, &calendar_id))
                .await
        }
    }

    /// Records how the sync of `calendar` went, for the admin list, and returns the outcome.
    async fn record(
        &self,
        calendar: &mut ProviderCalendar,
        outcome: Result<(), GraphError>,
    ) -> Result<(), DeliveryError> {
        let now = self.clock.now();
        record_sync(
            self.links.as_ref(),
            now,
            calendar,
            outcome,
            GraphError::into_delivery,
        )
        .await
    }

    async fn stored_calendar(&self, provider: UserId) -> Result<ProviderCalendar, DeliveryError> {
        stored_calendar(self.links.as_ref(), provider).await
    }
}

/// The `id` of a Graph object.
fn id_of(answer: &Value, what: &'static str) -> Result<String, GraphError> {
    answer["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| GraphError::permanent(what, "the answer has no id"))
}

#[async_trait]
impl CalendarSync for MicrosoftCalendarSync {
    #[tracing::instrument(skip_all, fields(appointment = %change.event.appointment.id))]
    async fn apply(&self, change: &AppointmentDetails) -> Result<(), DeliveryError> {
        let mut calendar = self.stored_calendar(change.provider.id).await?;
        let outcome = self.apply_to(change, &mut calendar).await;
        self.record(&mut calendar, outcome).await
    }

    #[tracing::instrument(skip_all, fields(provider = %provider.id))]
    async fn provider_changed(&self, provider: &User) -> Result<(), DeliveryError> {
        let mut calendar = self.stored_calendar(provider.id).await?;
        if calendar.calendar_id.is_none() && provider.calendar_email.is_none() {
            return Ok(());
        }
        let outcome = self
            .ensure_calendar(provider, &mut calendar)
            .await
            .map(drop);
        self.record(&mut calendar, outcome).await
    }

    #[tracing::instrument(skip(self))]
    async fn remove_calendar(&self, provider: UserId) -> Result<(), DeliveryError> {
        let calendar = self.stored_calendar(provider).await?;
        if let (Some(id), Some(mailbox)) = (&calendar.calendar_id, &calendar.shared_with) {
            self.delete_calendar(mailbox.as_str(), id)
                .await
                .map_err(GraphError::into_delivery)?;
        }
        self.links
            .forget_calendar(provider)
            .await
            .map_err(|e| DeliveryError::Transient(e.into()))
    }
}
