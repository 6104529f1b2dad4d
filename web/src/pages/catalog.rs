//! Browsing: the home page, search results, and a service's page with its slot picker.

use application::Actor;
use application::get_service::GetServiceError;
use application::list_free_slots::ListFreeSlotsError;
use application::ports::{Page, PageRequest, Reviewed, SearchQuery, ServiceListing, SortOrder};
use application::search_services::SearchServicesError;
use chrono::{DateTime, NaiveDate, Utc};
use domain::{AppointmentId, Category, CategoryId, Language, ServiceId, Stars, TimeRange, Zone};
use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Response, handler};
use serde::{Deserialize, Serialize};

use super::month_picker::{self, MonthView};
use super::reviews::{self, RatingView, ReviewsBlock};
use super::{PageResult, internal, not_found};
use crate::guards::PathId;
use crate::present::{self, Picture, number_arg, say, say_with};
use crate::refusals;
use crate::refusals::search_error;
use crate::render::Layout;
use crate::state::SharedState;
use crate::visitor::Visitor;

/// A service as a card in lists.
#[derive(Debug, Serialize)]
pub struct ServiceCard {
    id: String,
    name: String,
    summary: String,
    provider_name: String,
    category_name: Option<String>,
    minutes: u16,
    price: String,
    picture: Picture,
    rating: RatingView,
}

impl ServiceCard {
    /// The card of `l`, in `language`.
    pub fn new(l: &ServiceListing, language: &Language) -> Self {
        let description = l.service.description.as_str();
        let summary = if description.chars().count() > 140 {
            let cut: String = description.chars().take(139).collect();
            format!("{}…", cut.trim_end())
        } else {
            description.to_owned()
        };
        Self {
            id: l.service.id.to_string(),
            name: l.service.name.as_str().to_owned(),
            summary,
            provider_name: l.provider_name.as_str().to_owned(),
            category_name: l.category_name.as_ref().map(|c| c.as_str().to_owned()),
            minutes: l.service.timing.duration.minutes(),
            price: present::price_in(language, &l.service.price),
            picture: Picture::of(l.service.image.as_deref(), l.service.name.as_str()),
            rating: RatingView::new(l.rating, language),
        }
    }
}

#[derive(Debug, Serialize)]
struct CategoryLink {
    id: String,
    name: String,
    selected: bool,
}

fn category_links(categories: &[Category], selected: Option<CategoryId>) -> Vec<CategoryLink> {
    categories
        .iter()
        .map(|c| CategoryLink {
            id: c.id.to_string(),
            name: c.name.as_str().to_owned(),
            selected: Some(c.id) == selected,
        })
        .collect()
}

#[derive(Serialize)]
struct HomePage {
    categories: Vec<CategoryLink>,
    services: Vec<ServiceCard>,
}

/// `GET /`.
#[handler]
pub async fn home(state: Data<&SharedState>, visitor: Visitor) -> PageResult {
    let actor = visitor.actor();
    let categories = state
        .use_cases
        .categories
        .run(actor.as_ref())
        .await
        .map_err(|e| internal(&e, "listing categories failed"))?;
    let query = SearchQuery {
        sort: SortOrder::Newest,
        page: PageRequest::new(1, 6),
        ..SearchQuery::default()
    };
    let newest = state
        .use_cases
        .search
        .run(actor.as_ref(), query)
        .await
        .map_err(|e| internal(&e, "listing services failed"))?;
    let language = &visitor.language;
    Ok(state.templates.respond(
        StatusCode::OK,
        "home.html",
        &visitor.layout(),
        &HomePage {
            categories: category_links(&categories, None),
            services: newest
                .items
                .iter()
                .map(|l| ServiceCard::new(l, language))
                .collect(),
        },
    ))
}

/// The search form's fields, as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SearchForm {
    q: String,
    category: String,
    max_duration: String,
    min_rating: String,
    sort: String,
    page: String,
}

#[derive(Serialize)]
struct SearchPage<'a> {
    form: &'a SearchForm,
    categories: Vec<CategoryLink>,
    services: Vec<ServiceCard>,
    total: u64,
    page: u32,
    pages: u64,
    previous_url: Option<String>,
    next_url: Option<String>,
    error: Option<String>,
}

const PER_PAGE: u32 = 12;

/// `GET /search`: results with filters and pagination. Malformed filter values are ignored
/// rather than refused: a search page should always show something.
#[handler]
pub async fn search(
    state: Data<&SharedState>,
    visitor: Visitor,
    Query(form): Query<SearchForm>,
) -> PageResult {
    let actor = visitor.actor();
    let language = &visitor.language;
    let categories = state
        .use_cases
        .categories
        .run(actor.as_ref())
        .await
        .map_err(|e| internal(&e, "listing categories failed"))?;
    let category = form.category.parse().ok().map(CategoryId::from_uuid);
    let page_number = form.page.parse().unwrap_or(1);
    let query = SearchQuery {
        text: Some(form.q.clone()),
        category,
        max_duration: form.max_duration.parse().ok(),
        min_rating: form
            .min_rating
            .parse()
            .ok()
            .and_then(|n| Stars::new(n).ok()),
        sort: match form.sort.as_str() {
            "price_asc" => SortOrder::PriceAscending,
            "price_desc" => SortOrder::PriceDescending,
            "newest" => SortOrder::Newest,
            "rating" => SortOrder::Rating,
            _ => SortOrder::Relevance,
        },
        page: PageRequest::new(page_number, PER_PAGE),
        ..SearchQuery::default()
    };
    let (found, error, status) = match state.use_cases.search.run(actor.as_ref(), query).await {
        Ok(found) => (found, None, StatusCode::OK),
        Err(SearchServicesError::Store(e)) => return Err(internal(&e, "search failed")),
        Err(rule) => (
            Page {
                items: Vec::new(),
                total: 0,
                request: PageRequest::new(1, PER_PAGE),
            },
            Some(search_error(language, &rule)),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    };
    let page = found.request.page();
    let pages = found.page_count();
    let link = |to: u32| page_url(&form, to);
    Ok(state.templates.respond(
        status,
        "search.html",
        &visitor.layout(),
        &SearchPage {
            form: &form,
            categories: category_links(&categories, category),
            services: found
                .items
                .iter()
                .map(|l| ServiceCard::new(l, language))
                .collect(),
            total: found.total,
            page,
            pages,
            previous_url: (page > 1).then(|| link(page - 1)),
            next_url: (u64::from(page) < pages).then(|| link(page + 1)),
            error,
        },
    ))
}

fn page_url(form: &SearchForm, page: u32) -> String {
    let page = page.to_string();
    let query = serde_urlencoded::to_string([
        ("q", form.q.as_str()),
        ("category", form.category.as_str()),
        ("max_duration", form.max_duration.as_str()),
        ("min_rating", form.min_rating.as_str()),
        ("sort", form.sort.as_str()),
        ("page", page.as_str()),
    ])
    .unwrap_or_default();
    format!("/search?{query}")
}

/// The service page's query: which day (or month), in which zone.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PickerQuery {
    date: String,
    /// A month to browse (`2027-01`): its first free day is chosen.
    month: String,
    zone: String,
    /// An appointment being moved: slots then lead to its reschedule form.
    reschedule: String,
}

#[derive(Serialize)]
struct SlotLink {
    label: String,
    url: String,
    /// For a class, e.g. "3 of 12 places left".
    places: Option<String>,
}

#[derive(Serialize)]
struct ServicePage {
    service: ServiceCard,
    description: String,
    provider_zone: String,
    zone: String,
    zone_input: String,
    zone_error: Option<String>,
    date: String,
    day_label: String,
    month: MonthView,
    slots: Vec<SlotLink>,
    unavailable: Option<String>,
    moving: Option<String>,
    /// The waitlist form for the day shown, in the viewer's zone.
    waitlist_url: String,
    reviews: ReviewsBlock,
}

/// `GET /services/{id}`: the service and a month of its free times in the viewer's zone, with
/// the times of one day.
#[handler]
pub async fn service(
    state: Data<&SharedState>,
    visitor: Visitor,
    PathId(id): PathId<ServiceId>,
    Query(query): Query<PickerQuery>,
) -> PageResult {
    let layout = visitor.layout();
    let language = &visitor.language;
    let actor = visitor.actor();
    let listing = match state.use_cases.get_service.run(actor.as_ref(), id).await {
        Ok(listing) => listing,
        Err(GetServiceError::NotFound) => return Ok(not_found(&state, &layout)),
        Err(GetServiceError::Store(e)) => return Err(internal(&e, "reading a service failed")),
    };
    let provider_zone = listing.provider_zone;
    let (zone, zone_error) = match query.zone.trim() {
        "" => (provider_zone, None),
        name => match Zone::parse(name) {
            Ok(zone) => (zone, None),
            Err(e) => (provider_zone, Some(refusals::zone_error(language, &e))),
        },
    };
    let today = zone.date_of(state.clock.now());
    let asked = NaiveDate::parse_from_str(query.date.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d >= today);
    let asked_month =
        NaiveDate::parse_from_str(&format!("{}-01", query.month.trim()), "%Y-%m-%d").ok();
    // One query covers the whole calendar, so each day can say whether it has free times and a
    // visitor who picked no day lands on the first one that has (in the next month when the
    // rest of this one is full).
    let (mut first, last) = month_picker::window(today, asked, asked_month);
    let shown = (zone, language);
    let (mut free, mut unavailable) =
        free_between(&state, actor.as_ref(), id, shown, (first, last)).await?;
    if free.is_empty() && unavailable.is_none() && asked.is_none() && asked_month.is_none() {
        let (next_first, next_last) = month_picker::following(last);
        first = next_first;
        (free, unavailable) =
            free_between(&state, actor.as_ref(), id, shown, (next_first, next_last)).await?;
    }
    // Each free start's local date, worked out once (zone lookups dominate this page).
    let dated: Vec<(NaiveDate, FreeStart)> = free.iter().map(|&s| (zone.date_of(s.0), s)).collect();
    let date = asked
        .or_else(|| dated.first().map(|&(on, _)| on))
        .unwrap_or(first);
    let free_on = |d: NaiveDate| dated.iter().filter(move |(on, _)| *on == d);
    let slots: Vec<_> = free_on(date).map(|&(_, s)| s).collect();
    let capacity = listing.service.capacity.places();
    let zone_name = zone.name();
    let moving = query
        .reschedule
        .parse()
        .ok()
        .map(AppointmentId::from_uuid)
        .map(|a| a.to_string());
    let picker = |key: &str, value: &str| picker_url(id, key, value, zone_name, moving.as_deref());
    let month = MonthView::build(
        language,
        today,
        date,
        |d| free_on(d).count(),
        |d| picker("date", &d.to_string()),
        |m| picker("month", &m.format("%Y-%m").to_string()),
    );
    let page = ServicePage {
        description: listing.service.description.as_str().to_owned(),
        service: ServiceCard::new(&listing, language),
        provider_zone: provider_zone.name().to_owned(),
        zone: zone_name.to_owned(),
        zone_input: if zone_error.is_some() {
            query.zone.clone()
        } else {
            zone_name.to_owned()
        },
        zone_error,
        date: date.to_string(),
        day_label: present::day_in(language, date),
        month,
        slots: slots
            .iter()
            .map(|&(start, seats_left)| SlotLink {
                places: seats_left.map(|left| {
                    say_with(
                        language,
                        "h-book-places-left",
                        [
                            ("left", number_arg(left)),
                            ("capacity", number_arg(capacity)),
                        ],
                    )
                }),
                ..slot_link(id, start, zone, moving.as_deref())
            })
            .collect(),
        unavailable,
        moving,
        waitlist_url: format!(
            "/services/{id}/waitlist?{}",
            serde_urlencoded::to_string([("date", date.to_string().as_str()), ("zone", zone_name)])
                .unwrap_or_default()
        ),
        reviews: reviews::block_in(&state, Reviewed::Service(id), actor.as_ref(), language).await?,
    };
    Ok(service_response(&state, &layout, &page))
}

/// A free start with its seats left, for a class.
type FreeStart = (DateTime<Utc>, Option<u16>);

/// The free starts of service `id` from `first` to `last` (whole days in `zone`), each with
/// its seats left for a class, or why none are offered (in `language`).
async fn free_between(
    state: &SharedState,
    actor: Option<&Actor>,
    id: ServiceId,
    (zone, language): (Zone, &Language),
    (first, last): (NaiveDate, NaiveDate),
) -> Result<(Vec<FreeStart>, Option<String>), poem::Error> {
    let after_last = last.succ_opt().unwrap_or(last);
    let window = TimeRange::new(zone.start_of_day(first), zone.start_of_day(after_last))
        .map_err(|e| internal(&e, "the picker's window is empty"))?;
    match state.use_cases.free_slots.run(actor, id, window).await {
        Ok(free) => {
            let seats = free
                .seats_left
                .iter()
                .copied()
                .map(Some)
                .chain(std::iter::repeat(None));
            Ok((free.slots.into_iter().zip(seats).collect(), None))
        }
        Err(ListFreeSlotsError::Store(e)) => Err(internal(&e, "listing slots failed")),
        Err(ListFreeSlotsError::UnknownService) => Ok((
            Vec::new(),
            Some(say(language, "h-book-err-no-such-service")),
        )),
        Err(ListFreeSlotsError::Unavailable) => {
            Ok((Vec::new(), Some(say(language, "h-book-err-unavailable"))))
        }
        Err(ListFreeSlotsError::WindowTooLong { max_days }) => Ok((
            Vec::new(),
            Some(say_with(
                language,
                "h-book-err-window-too-long",
                [("days", number_arg(max_days))],
            )),
        )),
    }
}

/// A free time on the picker: it leads to the booking form, or to the reschedule form of the
/// appointment being moved.
fn slot_link(
    id: ServiceId,
    start: chrono::DateTime<chrono::Utc>,
    zone: Zone,
    moving: Option<&str>,
) -> SlotLink {
    let query = serde_urlencoded::to_string([
        ("start", start.to_rfc3339().as_str()),
        ("zone", zone.name()),
    ])
    .unwrap_or_default();
    SlotLink {
        label: present::clock(start, zone),
        url: match moving {
            Some(appointment) => format!("/appointments/{appointment}/reschedule?{query}"),
            None => format!("/services/{id}/book?{query}"),
        },
        places: None,
    }
}

fn service_response(state: &SharedState, layout: &Layout, page: &ServicePage) -> Response {
    state
        .templates
        .respond(StatusCode::OK, "service.html", layout, page)
}

/// The service page for another day or month (`key` is `date` or `month`).
fn picker_url(id: ServiceId, key: &str, value: &str, zone: &str, moving: Option<&str>) -> String {
    let mut params = vec![(key, value), ("zone", zone)];
    if let Some(appointment) = moving {
        params.push(("reschedule", appointment));
    }
    format!(
        "/services/{id}?{}",
        serde_urlencoded::to_string(params).unwrap_or_default()
    )
}
