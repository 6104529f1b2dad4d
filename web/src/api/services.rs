//! `/api/v1/services`: search, one service, and its free slots.

use application::get_service::GetServiceError;
use application::list_free_slots::ListFreeSlotsError;
use application::list_provider_services::ListProviderServicesError;
use application::ports::{Page, PageRequest, SearchQuery, ServiceListing, SortOrder};
use application::search_services::SearchServicesError;
use application::upload_image::ImageSize;
use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use domain::{Category, CategoryId, Price, ServiceId, Stars, TimeRange, UserId, Zone};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};
use uuid::Uuid;

use super::ApiTags;
use super::problem::{Problem, language, say, say_with};
use crate::present;
use crate::refusals;
use crate::state::SharedState;
use crate::visitor::Visitor;

/// A price in minor units of a currency.
#[derive(Debug, Object)]
pub struct PriceView {
    /// The amount in minor units (cents for EUR).
    pub minor_units: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// The amount as a decimal string, e.g. `25.00`.
    pub amount: String,
}

impl From<&Price> for PriceView {
    fn from(p: &Price) -> Self {
        Self {
            minor_units: p.minor_units(),
            currency: p.currency_code().to_owned(),
            amount: p.amount(),
        }
    }
}

/// A service as listed.
#[derive(Debug, Object)]
#[oai(rename = "Service")]
pub struct ServiceView {
    /// Its id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// The provider's id.
    pub provider_id: Uuid,
    /// The provider's name.
    pub provider_name: String,
    /// The zone the provider works in (IANA name).
    pub provider_zone: String,
    /// The category's id (absent for an uncategorised service).
    #[oai(skip_serializing_if_is_none)]
    pub category_id: Option<Uuid>,
    /// The category's name (absent for an uncategorised service).
    #[oai(skip_serializing_if_is_none)]
    pub category_name: Option<String>,
    /// Length of an appointment in minutes.
    pub duration_minutes: u16,
    /// Price per appointment (per place in a class).
    pub price: PriceView,
    /// Places per start: 1 for a one-to-one service, more for a class whose starts customers
    /// book a place in.
    #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
    pub capacity: u16,
    /// Whether it can be booked.
    pub active: bool,
    /// Average stars of its visible reviews (absent without reviews).
    #[oai(skip_serializing_if_is_none)]
    pub rating_average: Option<f64>,
    /// How many visible reviews it has.
    pub rating_count: u64,
}

impl From<&ServiceListing> for ServiceView {
    fn from(l: &ServiceListing) -> Self {
        let s = &l.service;
        Self {
            id: s.id.as_uuid(),
            name: s.name.as_str().to_owned(),
            description: s.description.as_str().to_owned(),
            provider_id: s.provider.as_uuid(),
            provider_name: l.provider_name.as_str().to_owned(),
            provider_zone: l.provider_zone.name().to_owned(),
            category_id: s.category.map(|c| c.as_uuid()),
            category_name: l.category_name.as_ref().map(|c| c.as_str().to_owned()),
            duration_minutes: s.timing.duration.minutes(),
            price: PriceView::from(&s.price),
            capacity: s.capacity.places(),
            active: s.active,
            rating_average: l.rating.average(),
            rating_count: l.rating.count,
        }
    }
}

/// One page of search results.
#[derive(Debug, Object)]
pub struct ServicePage {
    /// The services on this page.
    pub items: Vec<ServiceView>,
    /// Matches across all pages.
    pub total: u64,
    /// This page (1-based).
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// How many pages there are.
    pub pages: u64,
}

impl From<&Page<ServiceListing>> for ServicePage {
    fn from(p: &Page<ServiceListing>) -> Self {
        Self {
            items: p.items.iter().map(ServiceView::from).collect(),
            total: p.total,
            page: p.request.page(),
            per_page: p.request.per_page(),
            pages: p.page_count(),
        }
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Cheapest first.
    PriceAsc,
    /// Most expensive first.
    PriceDesc,
    /// Newest first.
    Newest,
    /// Best rated first (average, then number of reviews); unrated last.
    Rating,
}

impl From<Sort> for SortOrder {
    fn from(s: Sort) -> Self {
        match s {
            Sort::Relevance => Self::Relevance,
            Sort::PriceAsc => Self::PriceAscending,
            Sort::PriceDesc => Self::PriceDescending,
            Sort::Newest => Self::Newest,
            Sort::Rating => Self::Rating,
        }
    }
}

/// One free start time.
#[derive(Debug, Object)]
pub struct SlotView {
    /// The start in UTC; send this when booking.
    pub start: DateTime<Utc>,
    /// The same instant on the wall clock of the requested zone, with its offset.
    pub local_start: DateTime<FixedOffset>,
    /// The zone's abbreviation at that instant, e.g. `CEST`.
    pub zone_abbreviation: String,
    /// For a class: how many places can still be booked at this start (absent for a
    /// one-to-one service).
    #[oai(
        skip_serializing_if_is_none,
        validator(minimum(value = "1"), maximum(value = "100"))
    )]
    pub seats_left: Option<u16>,
}

/// The free start times of a service.
#[derive(Debug, Object)]
pub struct Slots {
    /// The service.
    pub service_id: Uuid,
    /// The zone `local_start` is given in (IANA name): the requested one, or the provider's.
    pub zone: String,
    /// The zone the provider works in.
    pub provider_zone: String,
    /// The window searched (UTC).
    pub from: DateTime<Utc>,
    /// End of the window (exclusive, UTC).
    pub to: DateTime<Utc>,
    /// Free starts, ascending.
    pub slots: Vec<SlotView>,
}

/// A category services are filed under.
#[derive(Debug, Object)]
#[oai(rename = "Category")]
pub struct CategoryView {
    /// Its id (the `category` filter of the search).
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// URL-safe name.
    pub slug: String,
    /// Order in lists (ascending).
    pub position: i32,
    /// Offered for new services and in filters (only staff see inactive ones).
    pub active: bool,
}

impl From<&Category> for CategoryView {
    fn from(c: &Category) -> Self {
        Self {
            id: c.id.as_uuid(),
            name: c.name.as_str().to_owned(),
            slug: c.slug.clone(),
            position: c.position,
            active: c.active,
        }
    }
}

/// A provider's public profile.
#[derive(Debug, Object)]
#[oai(rename = "Provider")]
pub struct ProviderView {
    /// User id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// The IANA zone they work in.
    pub zone: String,
    /// The profile photo's card-size address (absent without a photo).
    #[oai(skip_serializing_if_is_none)]
    pub photo_url: Option<String>,
    /// Their active services, newest first (the first 100; page through more with
    /// `GET /services?provider=…`).
    pub services: Vec<ServiceView>,
    /// How many active services they offer.
    pub service_count: u64,
}

/// Service endpoints.
pub struct ServicesApi;

#[OpenApi(tag = "ApiTags::Services")]
impl ServicesApi {
    /// Search active services. Prices are in minor units.
    #[oai(path = "/services", method = "get")]
    #[allow(clippy::too_many_arguments)] // one per query parameter
    async fn search(
        &self,
        state: Data<&SharedState>,
        visitor: Visitor,
        /// Words to match in names, descriptions, categories and provider names.
        q: Query<Option<String>>,
        /// Only this category.
        category: Query<Option<Uuid>>,
        /// Only this provider.
        provider: Query<Option<Uuid>>,
        /// Lowest price in minor units.
        min_price: Query<Option<i64>>,
        /// Highest price in minor units.
        max_price: Query<Option<i64>>,
        /// Longest duration in minutes.
        max_duration: Query<Option<u16>>,
        /// Lowest average rating in stars (1–5); unrated services are left out.
        #[oai(validator(minimum(value = "1"), maximum(value = "5")))]
        min_rating: Query<Option<u8>>,
        /// Order of results.
        sort: Query<Option<Sort>>,
        /// Page number, from 1.
        page: Query<Option<u32>>,
        /// Results per page (at most 100).
        per_page: Query<Option<u32>>,
    ) -> Result<Json<ServicePage>, Problem> {
        let query = SearchQuery {
            text: q.0,
            category: category.0.map(CategoryId::from_uuid),
            provider: provider.0.map(domain::UserId::from_uuid),
            min_price: min_price.0,
            max_price: max_price.0,
            max_duration: max_duration.0,
            min_rating: min_rating.0.and_then(|n| Stars::new(n).ok()),
            sort: sort.0.map(SortOrder::from).unwrap_or_default(),
            page: PageRequest::new(page.0.unwrap_or(1), per_page.0.unwrap_or(20)),
        };
        let found = state
            .use_cases
            .search
            .run(visitor.actor().as_ref(), query)
            .await
            .map_err(Problem::from)?;
        Ok(Json(ServicePage::from(&found)))
    }

    /// The categories, by position then name.
    #[oai(path = "/categories", method = "get")]
    async fn categories(
        &self,
        state: Data<&SharedState>,
        visitor: Visitor,
    ) -> Result<Json<Vec<CategoryView>>, Problem> {
        let categories = state
            .use_cases
            .categories
            .run(visitor.actor().as_ref())
            .await
            .map_err(|e| Problem::internal(&e, "listing categories failed"))?;
        Ok(Json(categories.iter().map(CategoryView::from).collect()))
    }

    /// A provider's public profile with their active services (404 for a provider not taking
    /// bookings).
    #[oai(path = "/providers/:id", method = "get")]
    async fn provider(
        &self,
        state: Data<&SharedState>,
        visitor: Visitor,
        id: Path<Uuid>,
    ) -> Result<Json<ProviderView>, Problem> {
        let provider = UserId::from_uuid(id.0);
        // As the public sees them, like the provider's page.
        let profile = state
            .use_cases
            .provider_services
            .run(None, provider)
            .await
            .map_err(|e| match e {
                ListProviderServicesError::Store(ref source) => {
                    Problem::internal(source, "reading a provider failed")
                }
                _ => Problem::not_found("provider"),
            })?;
        let query = SearchQuery {
            provider: Some(provider),
            page: PageRequest::new(1, 100),
            ..SearchQuery::default()
        };
        let found = state
            .use_cases
            .search
            .run(visitor.actor().as_ref(), query)
            .await
            .map_err(Problem::from)?;
        Ok(Json(ProviderView {
            id: id.0,
            name: profile.provider_name.as_str().to_owned(),
            zone: profile.zone.name().to_owned(),
            photo_url: profile
                .provider_photo
                .as_deref()
                .map(|photo| format!("/images/{}", ImageSize::Card.key(photo))),
            services: found.items.iter().map(ServiceView::from).collect(),
            service_count: found.total,
        }))
    }

    /// One service.
    #[oai(path = "/services/:id", method = "get")]
    async fn get(
        &self,
        state: Data<&SharedState>,
        visitor: Visitor,
        id: Path<Uuid>,
    ) -> Result<Json<ServiceView>, Problem> {
        let listing = state
            .use_cases
            .get_service
            .run(visitor.actor().as_ref(), ServiceId::from_uuid(id.0))
            .await
            .map_err(Problem::from)?;
        Ok(Json(ServiceView::from(&listing)))
    }

    /// Free start times of a service in `[from, to)`, shown in `zone`. Defaults: from now, a
    /// week long, in the provider's zone. At most 62 days per request.
    #[oai(path = "/services/:id/slots", method = "get")]
    async fn slots(
        &self,
        state: Data<&SharedState>,
        visitor: Visitor,
        id: Path<Uuid>,
        /// Start of the window (RFC 3339).
        from: Query<Option<DateTime<Utc>>>,
        /// End of the window, exclusive (RFC 3339).
        to: Query<Option<DateTime<Utc>>>,
        /// IANA zone to show local times in, e.g. `Europe/Paris`.
        zone: Query<Option<String>>,
    ) -> Result<Json<Slots>, Problem> {
        let viewer_zone = zone
            .0
            .as_deref()
            .map(Zone::parse)
            .transpose()
            .map_err(|e| {
                Problem::unprocessable("unknown-zone", refusals::zone_error(&language(), &e))
            })?;
        let from = from.0.unwrap_or_else(|| state.clock.now());
        // A week, but never past the last instant RFC 3339 can write (the end of year 9999).
        let latest = TimeRange::last_writable();
        let to =
            to.0.unwrap_or_else(|| (from + TimeDelta::days(7)).min(latest.max(from)));
        let window = TimeRange::new(from, to)
            .map_err(|_| Problem::unprocessable("empty-window", say("problem-empty-window")))?;
        let free = state
            .use_cases
            .free_slots
            .run(visitor.actor().as_ref(), ServiceId::from_uuid(id.0), window)
            .await
            .map_err(Problem::from)?;
        let shown_in = viewer_zone.unwrap_or(free.zone);
        Ok(Json(Slots {
            service_id: id.0,
            zone: shown_in.name().to_owned(),
            provider_zone: free.zone.name().to_owned(),
            from,
            to,
            slots: free
                .slots
                .iter()
                .enumerate()
                .map(|(n, &start)| SlotView {
                    start,
                    local_start: present::local_time(start, shown_in),
                    zone_abbreviation: shown_in.abbreviation(start),
                    seats_left: free.seats_left.get(n).copied(),
                })
                .collect(),
        }))
    }
}

impl From<SearchServicesError> for Problem {
    fn from(e: SearchServicesError) -> Self {
        match e {
            SearchServicesError::Store(ref source) => Self::internal(source, "search failed"),
            rule => {
                Self::unprocessable("invalid-search", refusals::search_error(&language(), &rule))
            }
        }
    }
}

impl From<GetServiceError> for Problem {
    fn from(e: GetServiceError) -> Self {
        match e {
            GetServiceError::NotFound => Self::not_found("service"),
            GetServiceError::Store(ref source) => {
                Self::internal(source, "reading a service failed")
            }
        }
    }
}

impl From<ListFreeSlotsError> for Problem {
    fn from(e: ListFreeSlotsError) -> Self {
        match e {
            ListFreeSlotsError::UnknownService => Self::not_found("service"),
            ListFreeSlotsError::Unavailable => {
                Self::unprocessable("service-unavailable", say("h-book-err-unavailable"))
            }
            ListFreeSlotsError::WindowTooLong { max_days } => Self::unprocessable(
                "window-too-long",
                say_with("h-book-err-window-too-long", [("days", max_days.into())]),
            ),
            ListFreeSlotsError::Store(ref source) => Self::internal(source, "listing slots failed"),
        }
    }
}
