//! A provider's services: the list (active and inactive), the create and edit form, turning a
//! service on and off, and the provider's public page with its shareable booking link.

use application::Actor;
use application::create_service::{CreateServiceError, ServiceDetails};
use application::get_service::GetServiceError;
use application::list_categories::ListCategoriesError;
use application::list_provider_services::ListProviderServicesError;
use application::ports::Reviewed;
use application::update_service::{ServiceChange, UpdateServiceError};
use domain::{
    Buffers, Capacity, Category, CategoryId, Description, Language, Price, PriceError, Service,
    ServiceDuration, ServiceId, ServiceName, Timing, UserId,
};
use poem::http::StatusCode;
use poem::web::{Data, Form};
use poem::{Response, handler};
use serde::{Deserialize, Serialize};

use super::policy_form::{PolicyErrors, PolicyForm};
use super::reviews::{self, ReviewsBlock};
use super::{
    PageResult, forbidden_said, internal, language_of, not_found, redirect, say, text_error,
};
use crate::guards::{PathId, Provider};
use crate::present::Picture;
use crate::refusals::{price_error, service_error};
use crate::render::Layout;
use crate::state::SharedState;
use crate::visitor::Visitor;

#[derive(Serialize)]
struct ServiceRow {
    id: String,
    name: String,
    minutes: u16,
    price: String,
    active: bool,
    picture: Picture,
}

impl From<&Service> for ServiceRow {
    fn from(s: &Service) -> Self {
        Self {
            id: s.id.to_string(),
            name: s.name.as_str().to_owned(),
            minutes: s.timing.duration.minutes(),
            price: s.price.to_string(),
            active: s.active,
            picture: Picture::of(s.image.as_deref(), s.name.as_str()),
        }
    }
}

#[derive(Serialize)]
struct ServicesPage {
    provider_id: String,
    provider_name: String,
    provider_picture: Picture,
    managed: bool,
    services: Vec<ServiceRow>,
    reviews: Option<ReviewsBlock>,
}

/// `GET /provider/services`: the provider's own services, inactive ones included.
#[handler]
pub async fn list(state: Data<&SharedState>, Provider { actor, layout }: Provider) -> PageResult {
    services_page(
        &state,
        &layout,
        Some(&actor),
        actor.id,
        "services.html",
        None,
    )
    .await
}

/// `GET /providers/{id}`: a provider's public page, the link they share for bookings.
#[handler]
pub async fn public(
    state: Data<&SharedState>,
    visitor: Visitor,
    PathId(id): PathId<UserId>,
) -> PageResult {
    let layout = visitor.layout();
    // Everyone sees the page as the public does: only active services.
    let reviews = reviews::block(&state, Reviewed::Provider(id), visitor.actor().as_ref()).await?;
    services_page(&state, &layout, None, id, "provider.html", Some(reviews)).await
}

async fn services_page(
    state: &SharedState,
    layout: &Layout,
    viewer: Option<&Actor>,
    provider: UserId,
    template: &str,
    reviews: Option<ReviewsBlock>,
) -> PageResult {
    let listed = match state
        .use_cases
        .provider_services
        .run(viewer, provider)
        .await
    {
        Ok(listed) => listed,
        Err(ListProviderServicesError::UnknownProvider) => return Ok(not_found(state, layout)),
        Err(ListProviderServicesError::NotBookable) => {
            let language = language_of(layout);
            return Ok(state.templates.respond(
                StatusCode::NOT_FOUND,
                "error.html",
                layout,
                &serde_json::json!({
                    "title": say(&language, "h-acct-provider-not-bookable-title"),
                    "message": say(&language, "h-acct-provider-not-bookable-message"),
                }),
            ));
        }
        Err(ListProviderServicesError::Store(e)) => {
            return Err(internal(&e, "listing services failed"));
        }
    };
    let page = ServicesPage {
        provider_id: provider.to_string(),
        provider_name: listed.provider_name.as_str().to_owned(),
        provider_picture: Picture::of(
            listed.provider_photo.as_deref(),
            listed.provider_name.as_str(),
        ),
        managed: listed.managed,
        services: listed.services.iter().map(ServiceRow::from).collect(),
        reviews,
    };
    Ok(state
        .templates
        .respond(StatusCode::OK, template, layout, &page))
}

/// The service form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ServiceForm {
    name: String,
    description: String,
    category: String,
    duration: String,
    buffer_before: String,
    buffer_after: String,
    price: String,
    currency: String,
    capacity: String,
    own_policy: String,
    #[serde(flatten)]
    policy: PolicyForm,
}

impl ServiceForm {
    fn of(s: &Service, default_policy: &domain::BookingPolicy) -> Self {
        Self {
            name: s.name.as_str().to_owned(),
            description: s.description.as_str().to_owned(),
            category: s.category.map(|c| c.to_string()).unwrap_or_default(),
            duration: s.timing.duration.minutes().to_string(),
            buffer_before: s.timing.buffers.before_minutes().to_string(),
            buffer_after: s.timing.buffers.after_minutes().to_string(),
            price: s.price.amount(),
            currency: s.price.currency_code().to_owned(),
            capacity: s.capacity.places().to_string(),
            own_policy: if s.policy.is_some() {
                "on".to_owned()
            } else {
                String::new()
            },
            policy: PolicyForm::of(s.policy.as_ref().unwrap_or(default_policy)),
        }
    }

    fn blank() -> Self {
        Self {
            duration: "60".to_owned(),
            buffer_before: "0".to_owned(),
            buffer_after: "0".to_owned(),
            currency: "EUR".to_owned(),
            capacity: "1".to_owned(),
            policy: PolicyForm::of(&domain::BookingPolicy::default()),
            ..Self::default()
        }
    }
}

/// A message per service field.
#[derive(Debug, Default, Serialize)]
struct ServiceErrors {
    name: Option<String>,
    description: Option<String>,
    category: Option<String>,
    duration: Option<String>,
    buffers: Option<String>,
    price: Option<String>,
    currency: Option<String>,
    capacity: Option<String>,
    policy: PolicyErrors,
}

fn minutes(raw: &str) -> Option<u16> {
    raw.trim().parse().ok()
}

/// Checks every field, so all messages show at once (in `language`).
fn parse_details(
    form: &ServiceForm,
    language: &Language,
) -> Result<ServiceDetails, Box<ServiceErrors>> {
    let mut errors = ServiceErrors::default();
    let name = ServiceName::parse(&form.name)
        .map_err(|e| errors.name = Some(text_error(language, &e)))
        .ok();
    let description = Description::parse(&form.description)
        .map_err(|e| errors.description = Some(text_error(language, &e)))
        .ok();
    let category = match form.category.trim() {
        "" => Some(None),
        raw => raw
            .parse()
            .map(|id| Some(CategoryId::from_uuid(id)))
            .map_err(|_| errors.category = Some(say(language, "h-acct-service-category-invalid")))
            .ok(),
    };
    let duration = minutes(&form.duration)
        .ok_or_else(|| say(language, "h-acct-service-duration-invalid"))
        .and_then(|m| ServiceDuration::from_minutes(m).map_err(|e| service_error(language, &e)))
        .map_err(|e| errors.duration = Some(e))
        .ok();
    let buffers = if let (Some(before), Some(after)) =
        (minutes(&form.buffer_before), minutes(&form.buffer_after))
    {
        Buffers::new(before, after)
            .map_err(|e| errors.buffers = Some(service_error(language, &e)))
            .ok()
    } else {
        errors.buffers = Some(say(language, "h-acct-service-buffers-invalid"));
        None
    };
    let currency = form.currency.trim().to_uppercase();
    let price = Price::parse(&form.price, &currency)
        .map_err(|e| {
            let said = Some(price_error(language, &e));
            match e {
                PriceError::UnknownCurrency(_) => errors.currency = said,
                PriceError::OutOfRange { .. } => errors.price = said,
            }
        })
        .ok();
    // Left empty (as by forms from before classes), a service is one-to-one.
    let capacity = match form.capacity.trim() {
        "" => Ok(Capacity::ONE),
        raw => raw
            .parse()
            .map_err(|_| say(language, "h-acct-service-capacity-invalid"))
            .and_then(|places| Capacity::new(places).map_err(|e| service_error(language, &e))),
    }
    .map_err(|e| errors.capacity = Some(e))
    .ok();
    let policy = if form.own_policy.is_empty() {
        Some(None)
    } else {
        form.policy
            .parse()
            .map_err(|e| errors.policy = *e)
            .ok()
            .map(Some)
    };
    match (
        name,
        description,
        category,
        duration,
        buffers,
        price,
        capacity,
        policy,
    ) {
        (
            Some(name),
            Some(description),
            Some(category),
            Some(duration),
            Some(buffers),
            Some(price),
            Some(capacity),
            Some(policy),
        ) => Ok(ServiceDetails {
            name,
            description,
            category,
            timing: Timing { duration, buffers },
            price,
            policy,
            capacity,
        }),
        _ => Err(Box::new(errors)),
    }
}

#[derive(Serialize)]
struct CategoryOption {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct ServiceFormPage<'a> {
    /// `None` when creating.
    id: Option<String>,
    active: bool,
    values: &'a ServiceForm,
    errors: ServiceErrors,
    categories: Vec<CategoryOption>,
}

async fn categories(
    state: &SharedState,
    actor: &Actor,
) -> Result<Vec<CategoryOption>, poem::Error> {
    match state.use_cases.categories.run(Some(actor)).await {
        Ok(found) => Ok(found
            .iter()
            .filter(|c: &&Category| c.active)
            .map(|c| CategoryOption {
                id: c.id.to_string(),
                name: c.name.as_str().to_owned(),
            })
            .collect()),
        Err(ListCategoriesError::Store(e)) => Err(internal(&e, "listing categories failed")),
    }
}

async fn form_response(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    status: StatusCode,
    page: ServiceFormPage<'_>,
) -> PageResult {
    let page = ServiceFormPage {
        categories: categories(state, actor).await?,
        ..page
    };
    Ok(state
        .templates
        .respond(status, "service_form.html", layout, &page))
}

/// `GET /provider/services/new`.
#[handler]
pub async fn new_form(
    state: Data<&SharedState>,
    Provider { actor, layout }: Provider,
) -> PageResult {
    let values = ServiceForm::blank();
    let page = ServiceFormPage {
        id: None,
        active: true,
        values: &values,
        errors: ServiceErrors::default(),
        categories: Vec::new(),
    };
    form_response(&state, &layout, &actor, StatusCode::OK, page).await
}

/// `POST /provider/services`: creates the service.
#[handler]
pub async fn create(
    state: Data<&SharedState>,
    Provider { actor, layout }: Provider,
    Form(form): Form<ServiceForm>,
) -> PageResult {
    let language = language_of(&layout);
    let errors = match parse_details(&form, &language) {
        Ok(details) => match state.use_cases.create_service.run(&actor, details).await {
            Ok(_) => return Ok(redirect("/provider/services")),
            Err(CreateServiceError::CategoryUnavailable) => ServiceErrors {
                category: Some(say(&language, "h-acct-service-category-unavailable")),
                ..ServiceErrors::default()
            },
            Err(CreateServiceError::Forbidden) => {
                return Ok(forbidden_said(
                    &state,
                    &layout,
                    "h-acct-service-providers-only-title",
                    "h-acct-service-providers-only-message",
                ));
            }
            Err(CreateServiceError::Store(e)) => {
                return Err(internal(&e, "creating a service failed"));
            }
        },
        Err(errors) => *errors,
    };
    let page = ServiceFormPage {
        id: None,
        active: true,
        values: &form,
        errors,
        categories: Vec::new(),
    };
    form_response(
        &state,
        &layout,
        &actor,
        StatusCode::UNPROCESSABLE_ENTITY,
        page,
    )
    .await
}

/// The service to edit, or the page to show instead.
async fn own_service(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    id: ServiceId,
) -> Result<Result<(Service, domain::BookingPolicy), Response>, poem::Error> {
    let listing = match state.use_cases.get_service.run(Some(actor), id).await {
        Ok(listing) => listing,
        Err(GetServiceError::NotFound) => return Ok(Err(not_found(state, layout))),
        Err(GetServiceError::Store(e)) => return Err(internal(&e, "reading a service failed")),
    };
    if !actor.manages_provider(listing.service.provider) {
        return Ok(Err(not_yours(state, layout)));
    }
    let policy = match state
        .use_cases
        .get_schedule
        .run(actor, listing.service.provider)
        .await
    {
        Ok(schedule) => schedule.schedule.policy,
        Err(_) => domain::BookingPolicy::default(),
    };
    Ok(Ok((listing.service, policy)))
}

fn not_yours(state: &SharedState, layout: &Layout) -> Response {
    forbidden_said(
        state,
        layout,
        "h-acct-not-yours-title",
        "h-acct-service-not-yours-message",
    )
}

/// `GET /provider/services/{id}/edit`.
#[handler]
pub async fn edit_form(
    state: Data<&SharedState>,
    Provider { actor, layout }: Provider,
    PathId(id): PathId<ServiceId>,
) -> PageResult {
    let (service, policy) = match own_service(&state, &layout, &actor, id).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let values = ServiceForm::of(&service, &policy);
    let page = ServiceFormPage {
        id: Some(service.id.to_string()),
        active: service.active,
        values: &values,
        errors: ServiceErrors::default(),
        categories: Vec::new(),
    };
    form_response(&state, &layout, &actor, StatusCode::OK, page).await
}

/// `POST /provider/services/{id}`: saves the edited service.
#[handler]
pub async fn update(
    state: Data<&SharedState>,
    Provider { actor, layout }: Provider,
    PathId(service_id): PathId<ServiceId>,
    Form(form): Form<ServiceForm>,
) -> PageResult {
    let language = language_of(&layout);
    let errors = match parse_details(&form, &language) {
        Ok(details) => match state
            .use_cases
            .update_service
            .run(&actor, service_id, ServiceChange::Edit(details))
            .await
        {
            Ok(_) => return Ok(redirect("/provider/services")),
            Err(UpdateServiceError::CategoryUnavailable) => ServiceErrors {
                category: Some(say(&language, "h-acct-service-category-unavailable")),
                ..ServiceErrors::default()
            },
            Err(UpdateServiceError::Forbidden) => return Ok(not_yours(&state, &layout)),
            Err(UpdateServiceError::UnknownService) => return Ok(not_found(&state, &layout)),
            Err(UpdateServiceError::Store(e)) => {
                return Err(internal(&e, "saving a service failed"));
            }
        },
        Err(errors) => *errors,
    };
    let page = ServiceFormPage {
        id: Some(service_id.to_string()),
        active: true,
        values: &form,
        errors,
        categories: Vec::new(),
    };
    form_response(
        &state,
        &layout,
        &actor,
        StatusCode::UNPROCESSABLE_ENTITY,
        page,
    )
    .await
}

/// Whether to offer or withdraw a service.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActiveForm {
    active: String,
}

/// `POST /provider/services/{id}/active`: activates (`active=true`) or deactivates it.
#[handler]
pub async fn set_active(
    state: Data<&SharedState>,
    Provider { actor, layout }: Provider,
    PathId(service_id): PathId<ServiceId>,
    Form(form): Form<ActiveForm>,
) -> PageResult {
    let change = if form.active == "true" {
        ServiceChange::Activate
    } else {
        ServiceChange::Deactivate
    };
    match state
        .use_cases
        .update_service
        .run(&actor, service_id, change)
        .await
    {
        Ok(_) => Ok(redirect("/provider/services")),
        Err(UpdateServiceError::Forbidden) => Ok(not_yours(&state, &layout)),
        Err(UpdateServiceError::UnknownService | UpdateServiceError::CategoryUnavailable) => {
            Ok(not_found(&state, &layout))
        }
        Err(UpdateServiceError::Store(e)) => Err(internal(&e, "saving a service failed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_form_makes_details_without_their_own_policy() {
        let form = ServiceForm {
            name: "Haircut".into(),
            price: "25.50".into(),
            ..ServiceForm::blank()
        };
        let details = parse_details(&form, &english()).unwrap();
        assert_eq!(details.price.minor_units(), 2550);
        assert_eq!(details.timing.duration.minutes(), 60);
        assert!(details.policy.is_none());
    }

    #[test]
    fn every_invalid_field_gets_its_own_message() {
        let form = ServiceForm {
            name: "x".into(),
            duration: "7".into(),
            buffer_before: "lots".into(),
            price: "cheap".into(),
            currency: "XYZ".into(),
            ..ServiceForm::blank()
        };
        let errors = parse_details(&form, &english()).unwrap_err();
        assert!(errors.name.is_some());
        assert!(errors.duration.is_some());
        assert!(errors.buffers.is_some());
        assert!(errors.currency.is_some());
        assert_eq!(
            errors.duration.as_deref(),
            Some("The duration must be 5 to 720 minutes in steps of 5, not 7.")
        );
        assert_eq!(
            errors.currency.as_deref(),
            Some("Unknown currency \"XYZ\": use an ISO 4217 code such as EUR or USD.")
        );
    }

    fn english() -> Language {
        Language::parse("en").unwrap()
    }
}
