//! Reviews in the API: the public reviews of a service or provider, writing one's own review
//! of a completed appointment, the provider's reply, reports, and staff moderation.

use application::admin::AdminError;
use application::list_reviews::Reviews;
use application::ports::{PageRequest, ReportedReview, Reviewed};
use application::reply_to_review::ReplyToReviewError;
use application::report_review::ReportReviewError;
use application::write_review::WriteReviewError;
use chrono::{DateTime, Utc};
use domain::{
    AppointmentId, ModerationReason, ReplyText, Review, ReviewId, ReviewText, ServiceId, Stars,
    UserId,
};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use uuid::Uuid;

use super::problem::{Problem, language, say};
use super::{ApiAuth, ApiTags};
use crate::pages::reviews::VERIFIED;
use crate::refusals::{self, Said};
use crate::state::SharedState;

/// The provider's reply to a review.
#[derive(Debug, Object)]
pub struct ReplyView {
    /// The reply.
    pub text: String,
    /// When it was last written.
    pub at: DateTime<Utc>,
}

/// A review of a completed appointment.
#[derive(Debug, Object)]
#[oai(rename = "Review")]
pub struct ReviewView {
    /// Its id.
    pub id: Uuid,
    /// The appointment reviewed.
    pub appointment_id: Uuid,
    /// Its service.
    pub service_id: Uuid,
    /// Its provider.
    pub provider_id: Uuid,
    /// 1 to 5.
    pub stars: u8,
    /// The words, if any.
    #[oai(skip_serializing_if_is_none)]
    pub text: Option<String>,
    /// The author as shown publicly ("Ann S."); absent outside public lists.
    #[oai(skip_serializing_if_is_none)]
    pub author: Option<String>,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When its author last changed it.
    pub updated_at: DateTime<Utc>,
    /// The provider's reply, if any.
    #[oai(skip_serializing_if_is_none)]
    pub reply: Option<ReplyView>,
    /// Whether staff hid it (hidden reviews count in no rating).
    pub hidden: bool,
}

impl ReviewView {
    fn new(r: &Review, author: Option<String>) -> Self {
        Self {
            id: r.id.as_uuid(),
            appointment_id: r.appointment.as_uuid(),
            service_id: r.service.as_uuid(),
            provider_id: r.provider.as_uuid(),
            stars: r.stars.get(),
            text: r.text.as_ref().map(|t| t.as_str().to_owned()),
            author,
            created_at: r.created_at,
            updated_at: r.updated_at,
            reply: r.reply.as_ref().map(|x| ReplyView {
                text: x.text.as_str().to_owned(),
                at: x.at,
            }),
            hidden: !r.is_visible(),
        }
    }
}

/// One page of public reviews with the rating over all of them.
#[derive(Debug, Object)]
pub struct ReviewPage {
    /// Where reviews come from, in the caller's language (`Accept-Language`).
    pub verification: String,
    /// Average stars of the visible reviews (absent without reviews).
    #[oai(skip_serializing_if_is_none)]
    pub rating_average: Option<f64>,
    /// How many visible reviews there are.
    pub rating_count: u64,
    /// This page, newest first.
    pub items: Vec<ReviewView>,
    /// This page (1-based).
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// How many pages there are.
    pub pages: u64,
}

impl From<&Reviews> for ReviewPage {
    fn from(r: &Reviews) -> Self {
        Self {
            verification: say(VERIFIED),
            rating_average: r.rating.average(),
            rating_count: r.rating.count,
            items: r
                .page
                .items
                .iter()
                .map(|p| ReviewView::new(&p.review, Some(p.author.clone())))
                .collect(),
            page: r.page.request.page(),
            per_page: r.page.request.per_page(),
            pages: r.page.page_count(),
        }
    }
}

/// A customer's review as written.
#[derive(Debug, Object)]
pub struct ReviewInput {
    /// 1 to 5 stars.
    #[oai(validator(minimum(value = "1"), maximum(value = "5")))]
    pub stars: u8,
    /// Optional words (at most 2000 characters).
    #[oai(validator(max_length = 2000))]
    pub text: Option<String>,
}

/// A provider's reply.
#[derive(Debug, Object)]
pub struct ReplyInput {
    /// The reply (1 to 2000 characters).
    #[oai(validator(min_length = 1, max_length = 2000))]
    pub text: String,
}

/// Why a review is reported, hidden or restored.
#[derive(Debug, Object)]
pub struct ReasonInput {
    /// The reason (3 to 500 characters).
    #[oai(validator(min_length = 3, max_length = 500))]
    pub reason: String,
}

/// A report taken.
#[derive(Debug, Object)]
pub struct ReportView {
    /// Its id.
    pub id: Uuid,
    /// The review reported.
    pub review_id: Uuid,
    /// The reason given.
    pub reason: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A review with its open reports, for staff.
#[derive(Debug, Object)]
pub struct ReportedReviewView {
    /// The review.
    pub review: ReviewView,
    /// Its open reports, oldest first.
    pub reports: Vec<ReportView>,
}

impl From<&ReportedReview> for ReportedReviewView {
    fn from(r: &ReportedReview) -> Self {
        Self {
            review: ReviewView::new(&r.review, None),
            reports: r
                .reports
                .iter()
                .map(|x| ReportView {
                    id: x.id.as_uuid(),
                    review_id: x.review.as_uuid(),
                    reason: x.reason.as_str().to_owned(),
                    at: x.at,
                })
                .collect(),
        }
    }
}

/// One page of reported reviews.
#[derive(Debug, Object)]
pub struct ReportedPage {
    /// Reviews with open reports, the longest waiting first.
    pub items: Vec<ReportedReviewView>,
    /// Across all pages.
    pub total: u64,
    /// This page (1-based).
    pub page: u32,
    /// How many pages there are.
    pub pages: u64,
}

/// The report was taken.
#[derive(ApiResponse)]
enum Reported {
    /// Staff will look at the review.
    #[oai(status = 201)]
    Created(Json<ReportView>),
}

/// Review endpoints.
pub struct ReviewsApi;

#[OpenApi(tag = "ApiTags::Reviews")]
impl ReviewsApi {
    /// The visible reviews of a service, newest first, with its rating. Reviews come only from
    /// customers who completed a booking.
    #[oai(path = "/services/:id/reviews", method = "get")]
    async fn of_service(
        &self,
        state: Data<&SharedState>,
        id: Path<Uuid>,
        /// Page number, from 1.
        page: Query<Option<u32>>,
        /// Reviews per page (at most 100).
        per_page: Query<Option<u32>>,
    ) -> Result<Json<ReviewPage>, Problem> {
        let of = Reviewed::Service(ServiceId::from_uuid(id.0));
        list(&state, of, page.0, per_page.0).await
    }

    /// The visible reviews of all of a provider's services, newest first, with their rating.
    #[oai(path = "/providers/:id/reviews", method = "get")]
    async fn of_provider(
        &self,
        state: Data<&SharedState>,
        id: Path<Uuid>,
        /// Page number, from 1.
        page: Query<Option<u32>>,
        /// Reviews per page (at most 100).
        per_page: Query<Option<u32>>,
    ) -> Result<Json<ReviewPage>, Problem> {
        let of = Reviewed::Provider(UserId::from_uuid(id.0));
        list(&state, of, page.0, per_page.0).await
    }

    /// Write your review of a completed appointment of yours, or replace your stars and text
    /// (until 90 days after the appointment).
    #[oai(path = "/appointments/:id/review", method = "put")]
    async fn write(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<ReviewInput>,
    ) -> Result<Json<ReviewView>, Problem> {
        let stars = Stars::new(body.stars).map_err(|e| {
            Problem::unprocessable("invalid-review", refusals::review_error(&language(), &e))
        })?;
        let text = body
            .text
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(ReviewText::parse)
            .transpose()
            .map_err(|e| Problem::unprocessable("invalid-review", e.said(&language())))?;
        let review = state
            .use_cases
            .write_review
            .run(&auth.actor(), AppointmentId::from_uuid(id.0), stars, text)
            .await
            .map_err(Problem::from)?;
        Ok(Json(ReviewView::new(&review, None)))
    }

    /// Reply to a review of one of your appointments (providers), or change your reply.
    #[oai(path = "/reviews/:id/reply", method = "put")]
    async fn reply(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<ReplyInput>,
    ) -> Result<Json<ReviewView>, Problem> {
        let text = ReplyText::parse(&body.text)
            .map_err(|e| Problem::unprocessable("invalid-reply", e.said(&language())))?;
        let review = state
            .use_cases
            .reply_to_review
            .run(&auth.actor(), ReviewId::from_uuid(id.0), text)
            .await
            .map_err(Problem::from)?;
        Ok(Json(ReviewView::new(&review, None)))
    }

    /// Report a review to staff, with a reason.
    #[oai(path = "/reviews/:id/reports", method = "post")]
    async fn report(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<ReasonInput>,
    ) -> Result<Reported, Problem> {
        let reason = reason(&body.reason)?;
        let report = state
            .use_cases
            .report_review
            .run(&auth.actor(), ReviewId::from_uuid(id.0), reason)
            .await
            .map_err(Problem::from)?;
        Ok(Reported::Created(Json(ReportView {
            id: report.id.as_uuid(),
            review_id: report.review.as_uuid(),
            reason: report.reason.as_str().to_owned(),
            at: report.at,
        })))
    }

    /// Reviews with open reports, the longest waiting first (staff).
    #[oai(path = "/moderation/reviews", method = "get")]
    async fn reported(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        /// Page number, from 1.
        page: Query<Option<u32>>,
    ) -> Result<Json<ReportedPage>, Problem> {
        let found = state
            .use_cases
            .admin
            .review_reports
            .run(&auth.actor(), PageRequest::new(page.0.unwrap_or(1), 25))
            .await
            .map_err(moderation_problem)?;
        Ok(Json(ReportedPage {
            items: found.items.iter().map(ReportedReviewView::from).collect(),
            total: found.total,
            page: found.request.page(),
            pages: found.page_count(),
        }))
    }

    /// Hide a review from pages and ratings, with a reason (staff; audited). Closes its
    /// open reports.
    #[oai(path = "/moderation/reviews/:id/hide", method = "post")]
    async fn hide(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<ReasonInput>,
    ) -> Result<Json<ReviewView>, Problem> {
        let review = state
            .use_cases
            .admin
            .moderate_review
            .hide(
                &auth.actor(),
                ReviewId::from_uuid(id.0),
                reason(&body.reason)?,
            )
            .await
            .map_err(moderation_problem)?;
        Ok(Json(ReviewView::new(&review, None)))
    }

    /// Show a hidden review again, with a reason (staff; audited). Closes its open reports.
    #[oai(path = "/moderation/reviews/:id/restore", method = "post")]
    async fn restore(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<ReasonInput>,
    ) -> Result<Json<ReviewView>, Problem> {
        let review = state
            .use_cases
            .admin
            .moderate_review
            .restore(
                &auth.actor(),
                ReviewId::from_uuid(id.0),
                reason(&body.reason)?,
            )
            .await
            .map_err(moderation_problem)?;
        Ok(Json(ReviewView::new(&review, None)))
    }
}

async fn list(
    state: &SharedState,
    of: Reviewed,
    page: Option<u32>,
    per_page: Option<u32>,
) -> Result<Json<ReviewPage>, Problem> {
    let request = PageRequest::new(page.unwrap_or(1), per_page.unwrap_or(20));
    let found = state
        .use_cases
        .list_reviews
        .run(of, request)
        .await
        .map_err(|e| Problem::internal(&e, "listing reviews failed"))?;
    Ok(Json(ReviewPage::from(&found)))
}

fn reason(raw: &str) -> Result<ModerationReason, Problem> {
    ModerationReason::parse(raw)
        .map_err(|e| Problem::unprocessable("invalid-reason", e.said(&language())))
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "the signature `map_err` takes"
)]
fn moderation_problem(e: AdminError) -> Problem {
    match e {
        AdminError::Forbidden => Problem::forbidden("problem-forbidden-role"),
        AdminError::NotFound => Problem::not_found("review"),
        AdminError::Invalid(_) => Problem::unprocessable(
            "moderation-refused",
            refusals::admin_message(&language(), &e),
        ),
        AdminError::Conflict(_) => {
            Problem::conflict("conflict", refusals::admin_message(&language(), &e))
        }
        AdminError::Unavailable(ref source) => {
            Problem::internal(source.as_ref(), "moderating failed")
        }
        AdminError::Store(ref source) => Problem::internal(source, "moderating failed"),
    }
}

impl From<WriteReviewError> for Problem {
    fn from(e: WriteReviewError) -> Self {
        match e {
            WriteReviewError::Forbidden => Self::forbidden("problem-forbidden-review"),
            WriteReviewError::NotFound => Self::not_found("appointment"),
            WriteReviewError::Rejected(rule) => {
                Self::unprocessable("review-refused", refusals::review_error(&language(), &rule))
            }
            WriteReviewError::ChangedMeanwhile => {
                Self::conflict("changed", say("h-book-review-changed-meanwhile"))
            }
            WriteReviewError::Store(ref source) => {
                Self::internal(source, "writing a review failed")
            }
        }
    }
}

impl From<ReplyToReviewError> for Problem {
    fn from(e: ReplyToReviewError) -> Self {
        match e {
            ReplyToReviewError::Forbidden => Self::forbidden("problem-forbidden-reply"),
            ReplyToReviewError::NotFound => Self::not_found("review"),
            ReplyToReviewError::Store(ref source) => Self::internal(source, "replying failed"),
        }
    }
}

impl From<ReportReviewError> for Problem {
    fn from(e: ReportReviewError) -> Self {
        match e {
            ReportReviewError::NotFound => Self::not_found("review"),
            ReportReviewError::AlreadyReported => {
                Self::conflict("already-reported", say("h-book-report-already"))
            }
            ReportReviewError::Store(ref source) => Self::internal(source, "reporting failed"),
        }
    }
}
