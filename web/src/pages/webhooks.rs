//! Webhook endpoint pages. `/account/webhooks`: a provider's endpoints (every endpoint for
//! staff) and the form to register one, whose secret is shown once. `/account/webhooks/:id`:
//! an endpoint's settings, its recent attempts with a "resend" button each, "send test",
//! "rotate secret" and "delete". `/admin/webhooks`: the list in the admin panel. Who may do
//! what is decided by [`application::manage_webhooks`]; refused settings come back with the
//! message next to the field.

use std::collections::BTreeMap;

use application::Actor;
use application::manage_webhooks::{EndpointSettings, ManageWebhookError, ManageWebhooks};
use application::ports::{MessageId, WebhookAttempt};
use domain::{
    EventTypes, Language, WebhookDescription, WebhookEndpoint, WebhookEndpointId, WebhookError,
    WebhookEvent, WebhookScope, WebhookSecret, WebhookUrl, Zone,
};
use poem::http::{StatusCode, header};
use poem::web::{Data, Form};
use poem::{Response, handler};
use serde::Serialize;

use super::{PageResult, forbidden_said, internal, language_of, not_found, redirect};
use crate::guards::{PathId, SignedIn, Staff};
use crate::present::moment_in;
use crate::refusals::{target_refused, webhook_error};
use crate::render::Layout;
use crate::state::SharedState;

/// A submitted endpoint form: `url`, `description`, `enabled`, and one `event.<type>` field
/// per ticked event type.
type Fields = BTreeMap<String, String>;

/// One event type's checkbox.
#[derive(Debug, Serialize)]
struct Choice {
    name: &'static str,
    checked: bool,
}

/// The endpoint form as shown: stored or typed values, and the messages beside the fields.
#[derive(Debug, Serialize)]
struct FormView {
    url: String,
    description: String,
    enabled: bool,
    events: Vec<Choice>,
    errors: BTreeMap<&'static str, String>,
}

impl FormView {
    fn empty() -> Self {
        Self::of_fields(&Fields::new())
    }

    fn of(e: &WebhookEndpoint) -> Self {
        Self {
            url: e.url.to_string(),
            description: e.description.as_str().to_owned(),
            enabled: e.enabled,
            events: WebhookEvent::SUBSCRIBABLE
                .into_iter()
                .map(|event| Choice {
                    name: event.as_str(),
                    checked: e.events.contains(event),
                })
                .collect(),
            errors: BTreeMap::new(),
        }
    }

    fn of_fields(fields: &Fields) -> Self {
        Self {
            url: fields.get("url").cloned().unwrap_or_default(),
            description: fields.get("description").cloned().unwrap_or_default(),
            enabled: fields.is_empty() || fields.contains_key("enabled"),
            events: WebhookEvent::SUBSCRIBABLE
                .into_iter()
                .map(|event| Choice {
                    name: event.as_str(),
                    checked: fields.contains_key(&format!("event.{}", event.as_str())),
                })
                .collect(),
            errors: BTreeMap::new(),
        }
    }
}

/// The settings in `fields`, or the form with the messages (in `language`) beside the refused
/// fields.
fn settings_of(fields: &Fields, language: &Language) -> Result<EndpointSettings, FormView> {
    let mut form = FormView::of_fields(fields);
    let url = WebhookUrl::parse(&form.url);
    let description = WebhookDescription::parse(&form.description);
    let events = EventTypes::parse(form.events.iter().filter(|c| c.checked).map(|c| c.name));
    match (url, description, events) {
        (Ok(url), Ok(description), Ok(events)) => Ok(EndpointSettings {
            url,
            description,
            events,
            enabled: form.enabled,
        }),
        (url, description, events) => {
            let message = |e: WebhookError| webhook_error(language, &e);
            if let Err(e) = url {
                form.errors.insert("url", message(e));
            }
            if let Err(e) = description {
                form.errors.insert("description", message(e.into()));
            }
            if let Err(e) = events {
                form.errors.insert("events", message(e));
            }
            Err(form)
        }
    }
}

/// An endpoint as listed.
#[derive(Serialize)]
struct Row {
    id: String,
    url: String,
    description: String,
    events: String,
    enabled: bool,
    disabled_reason: Option<String>,
    everyone: bool,
    failures: u32,
    rotating_until: Option<String>,
}

impl Row {
    fn of(e: &WebhookEndpoint, zone: Zone, language: &Language) -> Self {
        Self {
            id: e.id.to_string(),
            url: e.url.to_string(),
            description: e.description.as_str().to_owned(),
            events: e
                .events
                .iter()
                .map(WebhookEvent::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            enabled: e.enabled,
            disabled_reason: e.disabled_reason.clone(),
            everyone: e.scope == WebhookScope::All,
            failures: e.consecutive_failures,
            rotating_until: e
                .previous_secret
                .as_ref()
                .map(|(_, at)| moment_in(language, *at, zone)),
        }
    }
}

#[derive(Serialize)]
struct AttemptRow {
    message_id: String,
    event: &'static str,
    at: String,
    status: Option<u16>,
    duration_ms: u32,
    response: String,
}

impl AttemptRow {
    fn of(a: &WebhookAttempt, zone: Zone, language: &Language) -> Self {
        Self {
            message_id: a.message.to_string(),
            event: a.event.as_str(),
            at: moment_in(language, a.at, zone),
            status: a.status,
            duration_ms: a.duration_ms,
            response: a.response.clone(),
        }
    }
}

#[derive(Serialize)]
struct ListPage {
    admin: bool,
    may_register: bool,
    endpoints: Vec<Row>,
    form: FormView,
    /// The endpoint just registered and its secret, shown this once.
    created: Option<Created>,
}

#[derive(Serialize)]
struct Created {
    id: String,
    secret: String,
}

#[derive(Serialize)]
struct EndpointPage {
    endpoint: Row,
    may_change: bool,
    form: FormView,
    attempts: Vec<AttemptRow>,
    /// A secret just made (registration or rotation), shown this once.
    secret: Option<String>,
}

/// A use-case refusal as a page. A refused URL belongs beside its field: the forms handle it
/// before they get here.
fn refused(state: &SharedState, layout: &Layout, e: &ManageWebhookError) -> PageResult {
    match e {
        ManageWebhookError::Forbidden => Ok(forbidden_said(
            state,
            layout,
            "h-acct-not-allowed-title",
            "h-acct-webhook-forbidden-message",
        )),
        ManageWebhookError::NotFound | ManageWebhookError::Refused(_) => {
            Ok(not_found(state, layout))
        }
        ManageWebhookError::Random(_) | ManageWebhookError::Store(_) => {
            Err(internal(e, "managing webhooks failed"))
        }
    }
}

/// Keeps a page that shows a secret out of every cache.
fn no_store(mut page: Response) -> Response {
    page.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    page
}

async fn list_page(
    state: &SharedState,
    actor: &Actor,
    layout: &Layout,
    admin: bool,
    status: StatusCode,
    form: FormView,
    created: Option<(&WebhookEndpoint, &WebhookSecret)>,
) -> PageResult {
    let endpoints = match state.use_cases.webhooks.list(actor).await {
        Ok(endpoints) => endpoints,
        Err(e) => return refused(state, layout, &e),
    };
    // Times in UTC, as labelled: staff and providers read the log across zones.
    let zone = Zone::UTC;
    let language = language_of(layout);
    let page = ListPage {
        admin,
        may_register: ManageWebhooks::may_register(actor),
        endpoints: endpoints
            .iter()
            .map(|e| Row::of(e, zone, &language))
            .collect(),
        form,
        created: created.map(|(e, s)| Created {
            id: e.id.to_string(),
            secret: s.expose().to_owned(),
        }),
    };
    let template = if admin {
        "admin/webhooks.html"
    } else {
        "webhooks.html"
    };
    Ok(state.templates.respond(status, template, layout, &page))
}

/// `GET /account/webhooks`: the visitor's endpoints and the form to register one.
#[handler]
pub async fn list(state: Data<&SharedState>, visit: SignedIn) -> PageResult {
    list_page(
        &state,
        &visit.actor,
        &visit.layout,
        false,
        StatusCode::OK,
        FormView::empty(),
        None,
    )
    .await
}

/// `GET /admin/webhooks`: every endpoint, in the admin panel.
#[handler]
pub async fn admin_list(state: Data<&SharedState>, staff: Staff) -> PageResult {
    list_page(
        &state,
        &staff.actor,
        &staff.layout,
        true,
        StatusCode::OK,
        FormView::empty(),
        None,
    )
    .await
}

/// `POST /account/webhooks`: registers an endpoint and shows its secret once.
#[handler]
pub async fn create(
    state: Data<&SharedState>,
    visit: SignedIn,
    Form(fields): Form<Fields>,
) -> PageResult {
    let (actor, layout) = (&visit.actor, &visit.layout);
    if !ManageWebhooks::may_register(actor) {
        return refused(&state, layout, &ManageWebhookError::Forbidden);
    }
    let language = language_of(layout);
    let settings = match settings_of(&fields, &language) {
        Ok(settings) => settings,
        Err(form) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return list_page(&state, actor, layout, false, status, form, None).await;
        }
    };
    match state.use_cases.webhooks.create(actor, settings).await {
        Ok((endpoint, secret)) => {
            let page = list_page(
                &state,
                actor,
                layout,
                false,
                StatusCode::OK,
                FormView::empty(),
                Some((&endpoint, &secret)),
            )
            .await?;
            Ok(no_store(page))
        }
        Err(e @ ManageWebhookError::Refused(_)) => {
            let mut form = FormView::of_fields(&fields);
            form.errors.insert("url", target_refused(&language, &e));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            list_page(&state, actor, layout, false, status, form, None).await
        }
        Err(e) => refused(&state, layout, &e),
    }
}

async fn endpoint_page(
    state: &SharedState,
    visit: &SignedIn,
    id: WebhookEndpointId,
    status: StatusCode,
    typed: Option<FormView>,
    secret: Option<&WebhookSecret>,
) -> PageResult {
    let (actor, layout) = (&visit.actor, &visit.layout);
    let webhooks = &state.use_cases.webhooks;
    let found = match webhooks.get(actor, id).await {
        Ok(endpoint) => webhooks.attempts(actor, id).await.map(|a| (endpoint, a)),
        Err(e) => Err(e),
    };
    let (endpoint, attempts) = match found {
        Ok(found) => found,
        Err(e) => return refused(state, layout, &e),
    };
    // Times in UTC, as labelled: staff and providers read the log across zones.
    let zone = Zone::UTC;
    let language = language_of(layout);
    let page = EndpointPage {
        endpoint: Row::of(&endpoint, zone, &language),
        may_change: actor.is_admin() || actor.is_provider(endpoint.owner),
        form: typed.unwrap_or_else(|| FormView::of(&endpoint)),
        attempts: attempts
            .iter()
            .map(|a| AttemptRow::of(a, zone, &language))
            .collect(),
        secret: secret.map(|s| s.expose().to_owned()),
    };
    let page = state
        .templates
        .respond(status, "webhook.html", layout, &page);
    Ok(if secret.is_some() {
        no_store(page)
    } else {
        page
    })
}

/// `GET /account/webhooks/:id`: one endpoint with its recent attempts.
#[handler]
pub async fn show(
    state: Data<&SharedState>,
    visit: SignedIn,
    PathId(id): PathId<WebhookEndpointId>,
) -> PageResult {
    endpoint_page(&state, &visit, id, StatusCode::OK, None, None).await
}

/// `POST /account/webhooks/:id`: changes an endpoint's settings.
#[handler]
pub async fn update(
    state: Data<&SharedState>,
    visit: SignedIn,
    PathId(id): PathId<WebhookEndpointId>,
    Form(fields): Form<Fields>,
) -> PageResult {
    let language = language_of(&visit.layout);
    let settings = match settings_of(&fields, &language) {
        Ok(settings) => settings,
        Err(form) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return endpoint_page(&state, &visit, id, status, Some(form), None).await;
        }
    };
    match state
        .use_cases
        .webhooks
        .update(&visit.actor, id, settings)
        .await
    {
        Ok(_) => Ok(redirect(&format!("/account/webhooks/{id}"))),
        Err(e @ ManageWebhookError::Refused(_)) => {
            let mut form = FormView::of_fields(&fields);
            form.errors.insert("url", target_refused(&language, &e));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            endpoint_page(&state, &visit, id, status, Some(form), None).await
        }
        Err(e) => refused(&state, &visit.layout, &e),
    }
}

/// `POST /account/webhooks/:id/rotate`: a new secret, shown once; the old one keeps signing
/// for the overlap.
#[handler]
pub async fn rotate(
    state: Data<&SharedState>,
    visit: SignedIn,
    PathId(id): PathId<WebhookEndpointId>,
) -> PageResult {
    match state
        .use_cases
        .webhooks
        .rotate_secret(&visit.actor, id)
        .await
    {
        Ok((_, secret)) => {
            endpoint_page(&state, &visit, id, StatusCode::OK, None, Some(&secret)).await
        }
        Err(e) => refused(&state, &visit.layout, &e),
    }
}

/// `POST /account/webhooks/:id/ping`: queues a test message.
#[handler]
pub async fn ping(
    state: Data<&SharedState>,
    visit: SignedIn,
    PathId(id): PathId<WebhookEndpointId>,
) -> PageResult {
    match state.use_cases.webhooks.ping(&visit.actor, id).await {
        Ok(_) => Ok(redirect(&format!("/account/webhooks/{id}"))),
        Err(e) => refused(&state, &visit.layout, &e),
    }
}

/// `POST /account/webhooks/:id/resend`: sends the message named by the `message` field again.
#[handler]
pub async fn resend(
    state: Data<&SharedState>,
    visit: SignedIn,
    PathId(id): PathId<WebhookEndpointId>,
    Form(fields): Form<Fields>,
) -> PageResult {
    let Some(message) = fields.get("message").and_then(|m| MessageId::parse(m)) else {
        return Ok(not_found(&state, &visit.layout));
    };
    match state
        .use_cases
        .webhooks
        .resend(&visit.actor, id, &message)
        .await
    {
        Ok(()) => Ok(redirect(&format!("/account/webhooks/{id}"))),
        Err(e) => refused(&state, &visit.layout, &e),
    }
}

/// `POST /account/webhooks/:id/delete`: deletes an endpoint.
#[handler]
pub async fn delete(
    state: Data<&SharedState>,
    visit: SignedIn,
    PathId(id): PathId<WebhookEndpointId>,
) -> PageResult {
    match state.use_cases.webhooks.delete(&visit.actor, id).await {
        Ok(()) => Ok(redirect("/account/webhooks")),
        Err(e) => refused(&state, &visit.layout, &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Language {
        Language::parse("en").unwrap()
    }

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn ticked_event_boxes_become_the_subscription() {
        let settings = settings_of(
            &fields(&[
                ("url", "https://crm.example.org/in"),
                ("event.appointment.booked", "on"),
                ("event.service.created", "on"),
                ("enabled", "on"),
            ]),
            &english(),
        )
        .unwrap();
        assert_eq!(settings.events.iter().count(), 2);
        assert!(settings.enabled);
    }

    #[test]
    fn refused_fields_come_back_with_their_messages_and_what_was_typed() {
        let form = settings_of(
            &fields(&[("url", "ftp://x"), ("description", "CRM")]),
            &english(),
        )
        .unwrap_err();
        assert!(form.errors.contains_key("url") && form.errors.contains_key("events"));
        assert_eq!(
            form.errors.get("url").map(String::as_str),
            Some("The URL must start with https:// or http://.")
        );
        assert_eq!(
            form.errors.get("events").map(String::as_str),
            Some("Choose at least one event type.")
        );
        assert_eq!(
            (form.url.as_str(), form.description.as_str()),
            ("ftp://x", "CRM")
        );
        assert!(!form.enabled, "an unticked box stays unticked");
    }
}
