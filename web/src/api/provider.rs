//! `/api/v1/provider/…`: a provider's own services (with their photo), weekly hours, date
//! overrides and booking policy. Services, hours and the policy carry an `ETag`; an update
//! sent with `If-Match` is refused with 412 when someone changed the thing since it was read.

use application::Actor;
use application::create_service::{CreateServiceError, ServiceDetails};
use application::get_schedule::{GetScheduleError, ProviderSchedule};
use application::list_provider_services::ListProviderServicesError;
use application::set_booking_policy::SetBookingPolicyError;
use application::set_date_override::{DateOverride, SetDateOverrideError};
use application::set_weekly_hours::SetWeeklyHoursError;
use application::update_service::{ServiceChange, UpdateServiceError};
use application::upload_image::{ImageSize, PhotoOf, UploadError};
use chrono::{NaiveDate, Weekday};
use domain::{
    BookingPolicy, Buffers, Capacity, CategoryId, DayHours, Description, Price, Service,
    ServiceDuration, ServiceError, ServiceId, ServiceName, SlotStep, TextError, Timing,
    WallInterval, WeeklyHours,
};
use poem::web::Data;
use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::types::ToJSON;
use poem_openapi::types::multipart::Upload;
use poem_openapi::{ApiResponse, Multipart, Object, OpenApi};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::problem::{Problem, language, say, say_with};
use super::services::PriceView;
use super::{ApiAuth, ApiTags};
use crate::refusals;
use crate::state::SharedState;

/// A booking policy.
#[derive(Debug, Clone, Object)]
#[oai(rename = "BookingPolicy")]
pub struct PolicyBody {
    /// How long before its start a slot stops being bookable, in minutes (at most 30 days).
    #[oai(validator(maximum(value = "43200")))]
    pub min_notice_minutes: u32,
    /// How many days ahead bookings are taken.
    #[oai(validator(minimum(value = "1"), maximum(value = "730")))]
    pub horizon_days: u16,
    /// Minutes between slot starts, a multiple of 5 from 5 to 480; absent: the service's
    /// duration.
    #[oai(
        skip_serializing_if_is_none,
        validator(minimum(value = "5"), maximum(value = "480"), multiple_of = "5")
    )]
    pub slot_step_minutes: Option<u16>,
    /// How long before its start a customer may still cancel or move, in minutes (at most 30
    /// days).
    #[oai(validator(maximum(value = "43200")))]
    pub change_cutoff_minutes: u32,
    /// Whether bookings are confirmed at once (otherwise the provider confirms each).
    pub auto_confirm: bool,
    /// How long a freed place is held for the first customer on the waitlist, in minutes (15
    /// minutes to 3 days; absent: 120).
    #[oai(
        default = "default_hold_minutes",
        validator(minimum(value = "15"), maximum(value = "4320"))
    )]
    pub hold_minutes: u32,
}

const fn default_hold_minutes() -> u32 {
    BookingPolicy::DEFAULT_HOLD_MINUTES
}

impl From<&BookingPolicy> for PolicyBody {
    fn from(p: &BookingPolicy) -> Self {
        Self {
            min_notice_minutes: p.min_notice_minutes(),
            horizon_days: p.horizon_days(),
            slot_step_minutes: p.slot_step().map(SlotStep::minutes),
            change_cutoff_minutes: p.change_cutoff_minutes(),
            auto_confirm: p.auto_confirm(),
            hold_minutes: p.hold_minutes(),
        }
    }
}

impl PolicyBody {
    fn parse(&self) -> Result<BookingPolicy, Problem> {
        let step = self
            .slot_step_minutes
            .map(SlotStep::from_minutes)
            .transpose()
            .map_err(|e| {
                Problem::unprocessable("invalid-policy", refusals::policy_error(&language(), &e))
            })?;
        BookingPolicy::new(
            self.min_notice_minutes,
            self.horizon_days,
            step,
            self.change_cutoff_minutes,
            self.auto_confirm,
        )
        .and_then(|policy| policy.with_hold_minutes(self.hold_minutes))
        .map_err(|e| {
            Problem::unprocessable("invalid-policy", refusals::policy_error(&language(), &e))
        })
    }
}

/// A price as typed.
#[derive(Debug, Object)]
pub struct PriceInput {
    /// The amount, like `25` or `25.50`.
    #[oai(validator(pattern = r"^[0-9]{1,12}([.][0-9]{1,3})?$"))]
    pub amount: String,
    /// ISO 4217 currency code.
    #[oai(validator(pattern = "^[A-Za-z]{3}$"))]
    pub currency: String,
}

/// A service as its provider writes it.
#[derive(Debug, Object)]
pub struct ServiceInput {
    /// Name shown in search.
    #[oai(validator(min_length = 2, max_length = 120))]
    pub name: String,
    /// Longer text for the service page.
    #[oai(validator(max_length = 5000))]
    pub description: Option<String>,
    /// An active category (`GET /categories`); absent: uncategorised.
    pub category_id: Option<Uuid>,
    /// Length of an appointment: 5 to 720 minutes, a multiple of 5.
    #[oai(validator(minimum(value = "5"), maximum(value = "720"), multiple_of = "5"))]
    pub duration_minutes: u16,
    /// Time kept free before each appointment (at most 240 minutes; default 0).
    #[oai(validator(maximum(value = "240")))]
    pub buffer_before_minutes: Option<u16>,
    /// Time kept free after each appointment (at most 240 minutes; default 0).
    #[oai(validator(maximum(value = "240")))]
    pub buffer_after_minutes: Option<u16>,
    /// Price per appointment (per place in a class).
    pub price: PriceInput,
    /// Places per start: 1 (default) for one customer at a time, up to 100 for a class.
    #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
    pub capacity: Option<u16>,
    /// A booking policy for this service only; absent: the provider's.
    pub policy: Option<PolicyBody>,
}

impl ServiceInput {
    fn details(&self) -> Result<ServiceDetails, Problem> {
        let language = &language();
        let invalid = |field: &str, detail: String| {
            Problem::unprocessable(&format!("invalid-{field}"), detail)
        };
        let timing = |field: &'static str| {
            move |e: ServiceError| invalid(field, refusals::service_error(language, &e))
        };
        let text = |field: &'static str| {
            move |e: TextError| invalid(field, refusals::text_error(language, &e))
        };
        let duration =
            ServiceDuration::from_minutes(self.duration_minutes).map_err(timing("duration"))?;
        let buffers = Buffers::new(
            self.buffer_before_minutes.unwrap_or(0),
            self.buffer_after_minutes.unwrap_or(0),
        )
        .map_err(timing("buffers"))?;
        Ok(ServiceDetails {
            name: ServiceName::parse(&self.name).map_err(text("name"))?,
            description: Description::parse(self.description.as_deref().unwrap_or_default())
                .map_err(text("description"))?,
            category: self.category_id.map(CategoryId::from_uuid),
            timing: Timing { duration, buffers },
            price: Price::parse(&self.price.amount, &self.price.currency.to_uppercase())
                .map_err(|e| invalid("price", refusals::price_error(language, &e)))?,
            policy: self.policy.as_ref().map(PolicyBody::parse).transpose()?,
            capacity: Capacity::new(self.capacity.unwrap_or(1)).map_err(timing("capacity"))?,
        })
    }
}

/// A service as its provider sees it.
#[derive(Debug, Object)]
#[oai(rename = "OwnService")]
pub struct OwnServiceView {
    /// Its id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// The category (absent: uncategorised).
    #[oai(skip_serializing_if_is_none)]
    pub category_id: Option<Uuid>,
    /// Length of an appointment in minutes.
    pub duration_minutes: u16,
    /// Minutes kept free before each appointment.
    pub buffer_before_minutes: u16,
    /// Minutes kept free after each appointment.
    pub buffer_after_minutes: u16,
    /// Price per appointment (per place in a class).
    pub price: PriceView,
    /// Places per start.
    #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
    pub capacity: u16,
    /// Its own booking policy (absent: the provider's applies).
    #[oai(skip_serializing_if_is_none)]
    pub policy: Option<PolicyBody>,
    /// Whether it is offered (search and booking).
    pub active: bool,
    /// The photo's card-size address (absent without a photo).
    #[oai(skip_serializing_if_is_none)]
    pub photo_url: Option<String>,
}

impl From<&Service> for OwnServiceView {
    fn from(s: &Service) -> Self {
        Self {
            id: s.id.as_uuid(),
            name: s.name.as_str().to_owned(),
            description: s.description.as_str().to_owned(),
            category_id: s.category.map(|c| c.as_uuid()),
            duration_minutes: s.timing.duration.minutes(),
            buffer_before_minutes: s.timing.buffers.before_minutes(),
            buffer_after_minutes: s.timing.buffers.after_minutes(),
            price: PriceView::from(&s.price),
            capacity: s.capacity.places(),
            policy: s.policy.as_ref().map(PolicyBody::from),
            active: s.active,
            photo_url: s
                .image
                .as_deref()
                .map(|photo| format!("/images/{}", ImageSize::Card.key(photo))),
        }
    }
}

/// Whether a service is offered.
#[derive(Debug, Object)]
pub struct Activation {
    /// `false` takes it off search and booking (its appointments stay); `true` offers it again.
    pub active: bool,
}

/// A photo upload.
#[derive(Debug, Multipart)]
pub struct PhotoUpload {
    /// A JPEG, PNG or WebP image (checked by its content), at most `images.max_bytes`.
    pub photo: Upload,
}

/// One span of working time, local to the provider's zone.
#[derive(Debug, Clone, Object)]
pub struct Interval {
    /// Start, `HH:MM`.
    #[oai(validator(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub start: String,
    /// End, `HH:MM` (`24:00` for midnight), after the start.
    #[oai(validator(pattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"))]
    pub end: String,
}

/// A week of working hours: each day's intervals (an empty list: closed that day).
#[derive(Debug, Object)]
pub struct Week {
    /// Monday.
    #[oai(validator(max_items = 12))]
    pub monday: Vec<Interval>,
    /// Tuesday.
    #[oai(validator(max_items = 12))]
    pub tuesday: Vec<Interval>,
    /// Wednesday.
    #[oai(validator(max_items = 12))]
    pub wednesday: Vec<Interval>,
    /// Thursday.
    #[oai(validator(max_items = 12))]
    pub thursday: Vec<Interval>,
    /// Friday.
    #[oai(validator(max_items = 12))]
    pub friday: Vec<Interval>,
    /// Saturday.
    #[oai(validator(max_items = 12))]
    pub saturday: Vec<Interval>,
    /// Sunday.
    #[oai(validator(max_items = 12))]
    pub sunday: Vec<Interval>,
}

/// The weekly hours and the zone they are read in.
#[derive(Debug, Object)]
#[oai(rename = "WeeklyHours")]
pub struct HoursView {
    /// The IANA zone the hours are read in: the provider's (changed with `PUT /me`).
    pub zone: String,
    /// The hours.
    #[oai(flatten)]
    pub week: Week,
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

impl HoursView {
    fn of(schedule: &ProviderSchedule) -> Self {
        let day = |d: Weekday| intervals_of(schedule.schedule.weekly.on(d));
        Self {
            zone: schedule.zone.name().to_owned(),
            week: Week {
                monday: day(Weekday::Mon),
                tuesday: day(Weekday::Tue),
                wednesday: day(Weekday::Wed),
                thursday: day(Weekday::Thu),
                friday: day(Weekday::Fri),
                saturday: day(Weekday::Sat),
                sunday: day(Weekday::Sun),
            },
        }
    }
}

impl Week {
    fn parse(&self) -> Result<WeeklyHours, Problem> {
        let days = [
            &self.monday,
            &self.tuesday,
            &self.wednesday,
            &self.thursday,
            &self.friday,
            &self.saturday,
            &self.sunday,
        ];
        let mut parsed = Vec::with_capacity(7);
        for (weekday, intervals) in WEEK.iter().zip(days) {
            parsed.push(day_hours(intervals).map_err(|e| {
                Problem::unprocessable("invalid-hours", format!("{weekday}: {}", e.0))
            })?);
        }
        let days: [DayHours; 7] = parsed
            .try_into()
            .map_err(|_| Problem::unprocessable("invalid-hours", say("problem-seven-days")))?;
        Ok(WeeklyHours::new(days))
    }
}

/// Why a day's hours were refused.
struct DayRefused(String);

fn day_hours(intervals: &[Interval]) -> Result<DayHours, DayRefused> {
    let parsed = intervals
        .iter()
        .map(|i| WallInterval::parse(&i.start, &i.end))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| DayRefused(refusals::schedule_error(&language(), &e)))?;
    DayHours::new(parsed).map_err(|e| DayRefused(refusals::schedule_error(&language(), &e)))
}

fn intervals_of(hours: &DayHours) -> Vec<Interval> {
    hours
        .intervals()
        .iter()
        .map(|i| Interval {
            start: i.start_text(),
            end: i.end_text(),
        })
        .collect()
}

/// A date whose hours differ from the week's.
#[derive(Debug, Object)]
#[oai(rename = "DateOverride")]
pub struct OverrideView {
    /// The date, in the provider's zone.
    pub date: NaiveDate,
    /// The hours that day; empty: closed all day.
    pub intervals: Vec<Interval>,
}

/// The hours of one date.
#[derive(Debug, Object)]
pub struct OverrideInput {
    /// The hours that day; empty: closed all day.
    #[oai(validator(max_items = 12))]
    pub intervals: Vec<Interval>,
}

/// A service, with its version.
#[derive(Debug, ApiResponse)]
pub enum ServiceTagged {
    /// The service.
    #[oai(status = 200)]
    Ok(Json<OwnServiceView>, #[oai(header = "ETag")] String),
    /// The service was created.
    #[oai(status = 201)]
    Created(Json<OwnServiceView>, #[oai(header = "ETag")] String),
}

/// The weekly hours, with their version.
#[derive(Debug, ApiResponse)]
pub enum HoursTagged {
    /// The hours.
    #[oai(status = 200)]
    Ok(Json<HoursView>, #[oai(header = "ETag")] String),
}

/// The booking policy, with its version.
#[derive(Debug, ApiResponse)]
pub enum PolicyTagged {
    /// The policy.
    #[oai(status = 200)]
    Ok(Json<PolicyBody>, #[oai(header = "ETag")] String),
}

/// A strong validator of `view`: a digest of its JSON form.
fn etag_of(view: &impl ToJSON) -> String {
    let json = view.to_json_string();
    let digest = Sha256::digest(json.as_bytes());
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// 412 unless `if_match` (absent, `*`, or a list of tags) matches `current`.
fn precondition(if_match: Option<&str>, current: &str) -> Result<(), Problem> {
    let Some(header) = if_match else {
        return Ok(());
    };
    let matches = header
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag == current);
    if matches {
        Ok(())
    } else {
        Err(Problem::precondition_failed(say(
            "problem-changed-since-read",
        )))
    }
}

fn service_tagged(service: &Service, created: bool) -> ServiceTagged {
    let view = OwnServiceView::from(service);
    let etag = etag_of(&view);
    if created {
        ServiceTagged::Created(Json(view), etag)
    } else {
        ServiceTagged::Ok(Json(view), etag)
    }
}

fn hours_tagged(schedule: &ProviderSchedule) -> HoursTagged {
    let body = HoursView::of(schedule);
    let etag = etag_of(&body);
    HoursTagged::Ok(Json(body), etag)
}

fn policy_tagged(policy: &BookingPolicy) -> PolicyTagged {
    let body = PolicyBody::from(policy);
    let etag = etag_of(&body);
    PolicyTagged::Ok(Json(body), etag)
}

/// The caller's own services, inactive ones included.
async fn own_services(state: &SharedState, actor: &Actor) -> Result<Vec<Service>, Problem> {
    let listed = state
        .use_cases
        .provider_services
        .run(Some(actor), actor.id)
        .await
        .map_err(Problem::from)?;
    Ok(listed.services)
}

async fn own_service(state: &SharedState, actor: &Actor, id: Uuid) -> Result<Service, Problem> {
    own_services(state, actor)
        .await?
        .into_iter()
        .find(|s| s.id.as_uuid() == id)
        .ok_or_else(|| Problem::not_found("own-service"))
}

async fn schedule(state: &SharedState, actor: &Actor) -> Result<ProviderSchedule, Problem> {
    state
        .use_cases
        .get_schedule
        .run(actor, actor.id)
        .await
        .map_err(Problem::from)
}

/// Provider endpoints.
pub struct ProviderApi;

#[OpenApi(tag = "ApiTags::Provider")]
impl ProviderApi {
    /// Your services, inactive ones included, by name.
    #[oai(path = "/provider/services", method = "get")]
    async fn services(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<OwnServiceView>>, Problem> {
        let services = own_services(&state, &auth.actor()).await?;
        Ok(Json(services.iter().map(OwnServiceView::from).collect()))
    }

    /// Offer a new service (active at once). Subscribed webhooks hear `service.created`.
    #[oai(path = "/provider/services", method = "post")]
    async fn create_service(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        body: Json<ServiceInput>,
    ) -> Result<ServiceTagged, Problem> {
        let details = body.details()?;
        let service = state
            .use_cases
            .create_service
            .run(&auth.actor(), details)
            .await
            .map_err(Problem::from)?;
        Ok(service_tagged(&service, true))
    }

    /// One of your services, with its `ETag`.
    #[oai(path = "/provider/services/:id", method = "get")]
    async fn service(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<ServiceTagged, Problem> {
        let service = own_service(&state, &auth.actor(), id.0).await?;
        Ok(service_tagged(&service, false))
    }

    /// Replace a service's details (its photo and whether it is offered stay). Existing
    /// appointments keep their time and price. Send the `ETag` you read as `If-Match`: 412
    /// when the service changed since.
    #[oai(path = "/provider/services/:id", method = "put")]
    async fn update_service(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<ServiceInput>,
    ) -> Result<ServiceTagged, Problem> {
        let actor = auth.actor();
        let details = body.details()?;
        let current = own_service(&state, &actor, id.0).await?;
        precondition(
            if_match.0.as_deref(),
            &etag_of(&OwnServiceView::from(&current)),
        )?;
        let service = state
            .use_cases
            .update_service
            .run(&actor, current.id, ServiceChange::Edit(details))
            .await
            .map_err(Problem::from)?;
        Ok(service_tagged(&service, false))
    }

    /// Offer a service again, or take it off search and booking (its appointments stay).
    /// Repeating it is harmless.
    #[oai(path = "/provider/services/:id/active", method = "put")]
    async fn set_active(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<Activation>,
    ) -> Result<ServiceTagged, Problem> {
        let change = if body.active {
            ServiceChange::Activate
        } else {
            ServiceChange::Deactivate
        };
        let service = state
            .use_cases
            .update_service
            .run(&auth.actor(), ServiceId::from_uuid(id.0), change)
            .await
            .map_err(Problem::from)?;
        Ok(service_tagged(&service, false))
    }

    /// Replace a service's photo (multipart field `photo`). The image is checked by its
    /// content, re-encoded without metadata and stored in three sizes.
    #[oai(path = "/provider/services/:id/photo", method = "post")]
    async fn upload_photo(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        upload: PhotoUpload,
    ) -> Result<ServiceTagged, Problem> {
        let actor = auth.actor();
        let bytes = upload
            .photo
            .into_vec()
            .await
            .map_err(|_| Problem::bad_request(say("problem-photo-unreadable")))?;
        if bytes.is_empty() {
            return Err(Problem::unprocessable(
                "invalid-photo",
                say("h-acct-photo-missing"),
            ));
        }
        let id = ServiceId::from_uuid(id.0);
        state
            .use_cases
            .upload_image
            .run(&actor, PhotoOf::Service(id), bytes)
            .await
            .map_err(Problem::from)?;
        // Read as the uploader may see it (admins may change any service's photo).
        let listing = state
            .use_cases
            .get_service
            .run(Some(&actor), id)
            .await
            .map_err(Problem::from)?;
        Ok(service_tagged(&listing.service, false))
    }

    /// Your weekly hours in your zone, with their `ETag`.
    #[oai(path = "/provider/hours", method = "get")]
    async fn hours(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<HoursTagged, Problem> {
        Ok(hours_tagged(&schedule(&state, &auth.actor()).await?))
    }

    /// Replace your weekly hours. Send the `ETag` you read as `If-Match`: 412 when they
    /// changed since.
    #[oai(path = "/provider/hours", method = "put")]
    async fn set_hours(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<Week>,
    ) -> Result<HoursTagged, Problem> {
        let actor = auth.actor();
        let weekly = body.parse()?;
        let current = schedule(&state, &actor).await?;
        precondition(if_match.0.as_deref(), &etag_of(&HoursView::of(&current)))?;
        let saved = state
            .use_cases
            .set_weekly_hours
            .run(&actor, actor.id, weekly)
            .await
            .map_err(Problem::from)?;
        Ok(hours_tagged(&ProviderSchedule {
            schedule: saved,
            ..current
        }))
    }

    /// Your date overrides (days off and special hours), by date.
    #[oai(path = "/provider/overrides", method = "get")]
    async fn overrides(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<OverrideView>>, Problem> {
        let current = schedule(&state, &auth.actor()).await?;
        Ok(Json(
            current
                .schedule
                .overrides
                .iter()
                .map(|(date, hours)| OverrideView {
                    date: *date,
                    intervals: intervals_of(hours),
                })
                .collect(),
        ))
    }

    /// Set the hours of one date (an empty list: closed all day) instead of the week's.
    #[oai(path = "/provider/overrides/:date", method = "put")]
    async fn set_override(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        date: Path<NaiveDate>,
        body: Json<OverrideInput>,
    ) -> Result<Json<OverrideView>, Problem> {
        let change = if body.intervals.is_empty() {
            DateOverride::Closed
        } else {
            DateOverride::Hours(
                day_hours(&body.intervals)
                    .map_err(|e| Problem::unprocessable("invalid-hours", e.0))?,
            )
        };
        let actor = auth.actor();
        let saved = state
            .use_cases
            .set_date_override
            .run(&actor, actor.id, date.0, change)
            .await
            .map_err(Problem::from)?;
        let hours = saved
            .overrides
            .get(&date.0)
            .cloned()
            .unwrap_or_else(DayHours::closed);
        Ok(Json(OverrideView {
            date: date.0,
            intervals: intervals_of(&hours),
        }))
    }

    /// Give a date back to the weekly hours. Repeating it is harmless.
    #[oai(path = "/provider/overrides/:date", method = "delete")]
    async fn remove_override(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        date: Path<NaiveDate>,
    ) -> Result<super::accounts::Done, Problem> {
        let actor = auth.actor();
        state
            .use_cases
            .set_date_override
            .run(&actor, actor.id, date.0, DateOverride::Remove)
            .await
            .map_err(Problem::from)?;
        Ok(super::accounts::Done::NoContent)
    }

    /// Your booking policy (services without their own follow it), with its `ETag`.
    #[oai(path = "/provider/policy", method = "get")]
    async fn policy(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<PolicyTagged, Problem> {
        Ok(policy_tagged(
            &schedule(&state, &auth.actor()).await?.schedule.policy,
        ))
    }

    /// Replace your booking policy. Send the `ETag` you read as `If-Match`: 412 when it
    /// changed since.
    #[oai(path = "/provider/policy", method = "put")]
    async fn set_policy(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<PolicyBody>,
    ) -> Result<PolicyTagged, Problem> {
        let actor = auth.actor();
        let policy = body.parse()?;
        let current = schedule(&state, &actor).await?;
        precondition(
            if_match.0.as_deref(),
            &etag_of(&PolicyBody::from(&current.schedule.policy)),
        )?;
        let saved = state
            .use_cases
            .set_booking_policy
            .run(&actor, actor.id, policy)
            .await
            .map_err(Problem::from)?;
        Ok(policy_tagged(&saved.policy))
    }
}

impl From<ListProviderServicesError> for Problem {
    fn from(e: ListProviderServicesError) -> Self {
        match e {
            ListProviderServicesError::UnknownProvider => {
                Self::forbidden("problem-forbidden-own-services")
            }
            ListProviderServicesError::NotBookable => Self::not_found("provider"),
            ListProviderServicesError::Store(ref source) => {
                Self::internal(source, "listing services failed")
            }
        }
    }
}

impl From<CreateServiceError> for Problem {
    fn from(e: CreateServiceError) -> Self {
        match e {
            CreateServiceError::Forbidden => Self::forbidden("problem-forbidden-offer-services"),
            CreateServiceError::CategoryUnavailable => Self::unprocessable(
                "invalid-category",
                say("h-acct-service-category-unavailable"),
            ),
            CreateServiceError::Store(ref source) => {
                Self::internal(source, "creating a service failed")
            }
        }
    }
}

impl From<UpdateServiceError> for Problem {
    fn from(e: UpdateServiceError) -> Self {
        match e {
            UpdateServiceError::Forbidden => Self::forbidden("problem-forbidden-change-service"),
            UpdateServiceError::UnknownService => Self::not_found("service"),
            UpdateServiceError::CategoryUnavailable => Self::unprocessable(
                "invalid-category",
                say("h-acct-service-category-unavailable"),
            ),
            UpdateServiceError::Store(ref source) => {
                Self::internal(source, "changing a service failed")
            }
        }
    }
}

impl From<UploadError> for Problem {
    fn from(e: UploadError) -> Self {
        match e {
            UploadError::Forbidden => Self::forbidden("problem-forbidden-change-photo"),
            UploadError::NotFound => Self::not_found("service"),
            UploadError::Rejected(why) => Self::unprocessable(
                "invalid-photo",
                refusals::image_rejection(&language(), &why),
            ),
            other => Self::internal(&other, "photo upload failed"),
        }
    }
}

impl From<GetScheduleError> for Problem {
    fn from(e: GetScheduleError) -> Self {
        match e {
            GetScheduleError::Forbidden | GetScheduleError::UnknownProvider => {
                Self::forbidden("problem-forbidden-schedule")
            }
            GetScheduleError::Store(ref source) => Self::internal(source, "reading hours failed"),
        }
    }
}

impl From<SetWeeklyHoursError> for Problem {
    fn from(e: SetWeeklyHoursError) -> Self {
        match e {
            SetWeeklyHoursError::Forbidden | SetWeeklyHoursError::UnknownProvider => {
                Self::forbidden("problem-forbidden-hours")
            }
            SetWeeklyHoursError::Store(ref source) => Self::internal(source, "saving hours failed"),
        }
    }
}

impl From<SetDateOverrideError> for Problem {
    fn from(e: SetDateOverrideError) -> Self {
        match e {
            SetDateOverrideError::Forbidden | SetDateOverrideError::UnknownProvider => {
                Self::forbidden("problem-forbidden-hours")
            }
            SetDateOverrideError::DateInPast(day) => Self::unprocessable(
                "invalid-date",
                say_with(
                    "h-acct-schedule-date-past",
                    [("date", day.to_string().into())],
                ),
            ),
            SetDateOverrideError::DateTooFarAhead { max_days } => Self::unprocessable(
                "invalid-date",
                say_with(
                    "h-acct-schedule-date-too-far",
                    [("max_days", max_days.to_string().into())],
                ),
            ),
            SetDateOverrideError::Store(ref source) => {
                Self::internal(source, "saving a date override failed")
            }
        }
    }
}

impl From<SetBookingPolicyError> for Problem {
    fn from(e: SetBookingPolicyError) -> Self {
        match e {
            SetBookingPolicyError::Store(ref source) => {
                Self::internal(source, "saving a booking policy failed")
            }
            SetBookingPolicyError::Forbidden | SetBookingPolicyError::UnknownProvider => {
                Self::forbidden("problem-forbidden-policy")
            }
        }
    }
}
