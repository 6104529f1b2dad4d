//! Reported reviews: staff read the reports, then hide a review or show it again, with a
//! reason (audited). A review is never hidden for being negative.

use application::admin::AdminError;
use application::ports::ReportedReview;
use domain::{ModerationReason, Review, ReviewId};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use serde::{Deserialize, Serialize};

use super::{
    FieldErrors, PageQuery, Pager, Refusal, Sent, failure, field, render, render_with, utc,
};
use crate::guards::{PathId, Staff};
use crate::pages::{PageResult, language_of, redirect};
use crate::state::SharedState;

/// A review as staff see it.
#[derive(Serialize)]
struct Row {
    id: String,
    appointment_id: String,
    service_id: String,
    stars: u8,
    text: Option<String>,
    reply: Option<String>,
    written: String,
    hidden: bool,
    hidden_reason: Option<String>,
    reports: Vec<ReportRow>,
}

#[derive(Serialize)]
struct ReportRow {
    at: String,
    reason: String,
}

impl Row {
    fn new(review: &Review, reports: &[application::ports::Report]) -> Self {
        Self {
            id: review.id.to_string(),
            appointment_id: review.appointment.to_string(),
            service_id: review.service.to_string(),
            stars: review.stars.get(),
            text: review.text.as_ref().map(|t| t.as_str().to_owned()),
            reply: review.reply.as_ref().map(|r| r.text.as_str().to_owned()),
            written: utc(review.created_at),
            hidden: !review.is_visible(),
            hidden_reason: review.hidden.as_ref().map(|h| h.reason.as_str().to_owned()),
            reports: reports
                .iter()
                .map(|r| ReportRow {
                    at: utc(r.at),
                    reason: r.reason.as_str().to_owned(),
                })
                .collect(),
        }
    }
}

impl From<&ReportedReview> for Row {
    fn from(r: &ReportedReview) -> Self {
        Self::new(&r.review, &r.reports)
    }
}

/// The moderation form.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct ModerationForm {
    reason: String,
}

#[derive(Serialize)]
struct ReviewsPage<'a> {
    reported: Vec<Row>,
    pager: Option<Pager>,
    review: Option<Row>,
    form: Sent<&'a ModerationForm>,
}

/// `GET /admin/reviews`: reviews with open reports, the longest waiting first.
#[handler]
pub(super) async fn list(
    state: Data<&SharedState>,
    staff: Staff,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let found = match state
        .use_cases
        .admin
        .review_reports
        .run(&staff.actor, query.request())
        .await
    {
        Ok(found) => found,
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    let empty = ModerationForm::default();
    let page = ReviewsPage {
        pager: Some(Pager::of("/admin/reviews", &[], &found)),
        reported: found.items.iter().map(Row::from).collect(),
        review: None,
        form: Sent {
            values: &empty,
            errors: FieldErrors::new(),
        },
    };
    Ok(render(&state, &staff, "admin/reviews.html", &page))
}

/// `GET /admin/reviews/{id}`: one review, with the form to hide or restore it.
#[handler]
pub(super) async fn show(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<ReviewId>,
) -> PageResult {
    review_page(&state, &staff, id, &ModerationForm::default(), None).await
}

/// Review `id`; after a `refusal`, the form comes back with the reason as typed.
async fn review_page(
    state: &SharedState,
    staff: &Staff,
    id: ReviewId,
    typed: &ModerationForm,
    refusal: Option<Refusal>,
) -> PageResult {
    let review = match state
        .use_cases
        .admin
        .review_reports
        .one(&staff.actor, id)
        .await
    {
        Ok(review) => review,
        Err(e) => return failure(state, &staff.layout, &e),
    };
    let (status, errors) = refusal.map_or((StatusCode::OK, FieldErrors::new()), |r| {
        (r.status, r.errors)
    });
    let page = ReviewsPage {
        reported: Vec::new(),
        pager: None,
        review: Some(Row::new(&review, &[])),
        form: Sent {
            values: typed,
            errors,
        },
    };
    Ok(render_with(
        state,
        staff,
        status,
        "admin/reviews.html",
        &page,
    ))
}

/// `POST /admin/reviews/{id}/hide`.
#[handler]
pub(super) async fn hide(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<ReviewId>,
    Form(form): Form<ModerationForm>,
) -> PageResult {
    moderate(&state, &staff, id, form, true).await
}

/// `POST /admin/reviews/{id}/restore`.
#[handler]
pub(super) async fn restore(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<ReviewId>,
    Form(form): Form<ModerationForm>,
) -> PageResult {
    moderate(&state, &staff, id, form, false).await
}

async fn moderate(
    state: &SharedState,
    staff: &Staff,
    id: ReviewId,
    form: ModerationForm,
    hiding: bool,
) -> PageResult {
    let language = language_of(&staff.layout);
    let mut errors = FieldErrors::new();
    let parsed = ModerationReason::parse(&form.reason);
    let Some(reason) = field(&language, &mut errors, "reason", parsed) else {
        return review_page(state, staff, id, &form, Some(Refusal::invalid(errors))).await;
    };
    let moderation = &state.use_cases.admin.moderate_review;
    let result = if hiding {
        moderation.hide(&staff.actor, id, reason).await
    } else {
        moderation.restore(&staff.actor, id, reason).await
    };
    let done = if hiding { "hidden" } else { "restored" };
    match result {
        Ok(_) => Ok(redirect(&format!("/admin/reviews/{id}?done={done}"))),
        Err(e @ AdminError::Invalid(_)) => match Refusal::beside("reason", e, &language) {
            Ok(refusal) => review_page(state, staff, id, &form, Some(refusal)).await,
            Err(e) => failure(state, &staff.layout, &e),
        },
        Err(e) => failure(state, &staff.layout, &e),
    }
}
