//! Reviews on pages: the list and rating on service and provider pages, the review form of a
//! completed appointment, the provider's reply, and reports to staff.

use application::Actor;
use application::list_reviews::PublicReview;
use application::ports::{PageRequest, Reviewed};
use application::reply_to_review::ReplyToReviewError;
use application::report_review::ReportReviewError;
use application::write_review::{AppointmentReview, WriteReviewError};
use domain::{
    AppointmentId, Language, ModerationReason, Rating, ReplyText, Review, ReviewId, ReviewText,
    Stars,
};
use fluent_templates::fluent_bundle::FluentValue;
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use poem::{Response, handler};
use serde::{Deserialize, Serialize};

use super::{PageResult, forbidden, internal, not_found, redirect};
use crate::guards::{PathId, SignedIn};
use crate::present::{self, arg, language_of, say, say_with};
use crate::refusals;
use crate::refusals::review_error;
use crate::render::Layout;
use crate::state::SharedState;

/// How many reviews a service or provider page lists.
const LISTED: u32 = 10;

/// The catalogue key of the statement pages and the API make about where reviews come from
/// (EU Omnibus Directive 2019/2161).
pub const VERIFIED: &str = "h-book-reviews-verified";

/// [`VERIFIED`] in `language`.
fn verified(language: &Language) -> String {
    say(language, VERIFIED)
}

/// A rating as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct RatingView {
    /// Visible reviews counted.
    count: u64,
    /// The average with one decimal, e.g. `4.5`; absent without reviews.
    average: Option<String>,
    /// The whole sentence for screen readers and titles.
    label: String,
}

impl RatingView {
    /// The view of `r`, in `language`.
    pub fn new(r: Rating, language: &Language) -> Self {
        let average = r.average().map(|a| format!("{a:.1}"));
        let label = average.as_ref().map_or_else(
            || say(language, "h-book-rating-none"),
            |a| {
                say_with(
                    language,
                    "h-book-rating",
                    [
                        ("average", arg(&a.as_str())),
                        ("count", FluentValue::from(r.count)),
                    ],
                )
            },
        );
        Self {
            count: r.count,
            average,
            label,
        }
    }
}

/// One review as pages show it.
#[derive(Debug, Serialize)]
struct ReviewView {
    id: String,
    stars: u8,
    author: String,
    text: Option<String>,
    date: String,
    reply: Option<String>,
    hidden: bool,
}

impl ReviewView {
    fn new(review: &Review, author: String, language: &Language) -> Self {
        Self {
            id: review.id.to_string(),
            stars: review.stars.get(),
            author,
            text: review.text.as_ref().map(|t| t.as_str().to_owned()),
            date: present::date_in(language, review.created_at.date_naive()),
            reply: review.reply.as_ref().map(|r| r.text.as_str().to_owned()),
            hidden: !review.is_visible(),
        }
    }
}

impl ReviewView {
    fn public(r: &PublicReview, language: &Language) -> Self {
        Self::new(&r.review, r.author.clone(), language)
    }
}

/// The reviews block of a service or provider page.
#[derive(Debug, Serialize)]
pub struct ReviewsBlock {
    rating: RatingView,
    reviews: Vec<ReviewView>,
    verified: String,
    /// Signed-in visitors may report a review.
    can_report: bool,
}

/// The newest reviews of `of` and its rating, for `viewer`, in English ([`block_in`] says them
/// in the page's language).
///
/// # Errors
/// A 500 (or 503) when the store fails (logged).
pub async fn block(
    state: &SharedState,
    of: Reviewed,
    viewer: Option<&Actor>,
) -> Result<ReviewsBlock, poem::Error> {
    block_in(state, of, viewer, &adapters::catalogue::source_language()).await
}

/// The newest reviews of `of` and its rating, for `viewer`, in `language`.
///
/// # Errors
/// A 500 (or 503) when the store fails (logged).
pub async fn block_in(
    state: &SharedState,
    of: Reviewed,
    viewer: Option<&Actor>,
    language: &Language,
) -> Result<ReviewsBlock, poem::Error> {
    let found = state
        .use_cases
        .list_reviews
        .run(of, PageRequest::new(1, LISTED))
        .await
        .map_err(|e| internal(&e, "listing reviews failed"))?;
    Ok(ReviewsBlock {
        rating: RatingView::new(found.rating, language),
        reviews: found
            .page
            .items
            .iter()
            .map(|r| ReviewView::public(r, language))
            .collect(),
        verified: verified(language),
        can_report: viewer.is_some(),
    })
}

/// The review part of an appointment's page.
#[derive(Debug, Serialize)]
pub struct AppointmentReviewView {
    review: Option<ReviewView>,
    may_write: bool,
    may_reply: bool,
}

impl AppointmentReviewView {
    fn new(r: &AppointmentReview, language: &Language) -> Self {
        Self {
            review: r
                .review
                .as_ref()
                .map(|review| ReviewView::new(review, String::new(), language)),
            may_write: r.may_write,
            may_reply: r.may_reply,
        }
    }
}

/// The review of appointment `id` as `actor` sees it on the appointment's page, in `language`.
///
/// # Errors
/// A 500 (or 503) when the store fails (logged).
pub async fn of_appointment(
    state: &SharedState,
    actor: &Actor,
    id: AppointmentId,
    language: &Language,
) -> Result<Option<AppointmentReviewView>, poem::Error> {
    match state.use_cases.write_review.current(actor, id).await {
        Ok(current) => Ok(Some(AppointmentReviewView::new(&current, language))),
        Err(WriteReviewError::Store(e)) => Err(internal(&e, "reading a review failed")),
        Err(_) => Ok(None),
    }
}

/// The review form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReviewForm {
    stars: String,
    text: String,
}

/// What a form page shows: the values as typed and a message beside each field.
#[derive(Debug, Default, Serialize)]
struct FieldErrors {
    stars: Option<String>,
    text: Option<String>,
    general: Option<String>,
}

#[derive(Serialize)]
struct ReviewPage<'a> {
    appointment_id: String,
    form: &'a ReviewForm,
    errors: FieldErrors,
    editing: bool,
    verified: String,
}

fn review_page(
    state: &SharedState,
    layout: &Layout,
    status: StatusCode,
    id: AppointmentId,
    form: &ReviewForm,
    errors: FieldErrors,
    editing: bool,
) -> Response {
    let page = ReviewPage {
        appointment_id: id.to_string(),
        form,
        errors,
        editing,
        verified: verified(&language_of(layout)),
    };
    state
        .templates
        .respond(status, "review.html", layout, &page)
}

fn cannot_review(state: &SharedState, layout: &Layout) -> Response {
    let language = language_of(layout);
    forbidden(
        state,
        layout,
        &say(&language, "h-book-review-forbidden-title"),
        &say(&language, "h-book-review-forbidden"),
    )
}

/// `GET /appointments/{id}/review`: the review form, filled in when changing one's review.
#[handler]
pub async fn write_form(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
) -> PageResult {
    let current = match state.use_cases.write_review.current(&actor, id).await {
        Ok(current) => current,
        Err(WriteReviewError::NotFound) => return Ok(not_found(&state, &layout)),
        Err(WriteReviewError::Store(e)) => return Err(internal(&e, "reading a review failed")),
        Err(_) => return Ok(cannot_review(&state, &layout)),
    };
    if !current.may_write {
        return Ok(cannot_review(&state, &layout));
    }
    let form = current
        .review
        .as_ref()
        .map_or_else(ReviewForm::default, |r| ReviewForm {
            stars: r.stars.get().to_string(),
            text: r
                .text
                .as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
        });
    let editing = current.review.is_some();
    Ok(review_page(
        &state,
        &layout,
        StatusCode::OK,
        id,
        &form,
        FieldErrors::default(),
        editing,
    ))
}

/// `POST /appointments/{id}/review`: writes or changes the customer's review.
#[handler]
pub async fn write(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<ReviewForm>,
) -> PageResult {
    let language = language_of(&layout);
    let mut errors = FieldErrors::default();
    let stars = form
        .stars
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(|n| Stars::new(n).ok());
    if stars.is_none() {
        errors.stars = Some(say(&language, "h-book-review-stars-invalid"));
    }
    let text = match form.text.trim() {
        "" => Ok(None),
        typed => ReviewText::parse(typed).map(Some),
    };
    let text = text
        .map_err(|e| errors.text = Some(refusals::text_error(&language, &e)))
        .ok();
    let (Some(stars), Some(text)) = (stars, text) else {
        return Ok(review_page(
            &state,
            &layout,
            StatusCode::UNPROCESSABLE_ENTITY,
            id,
            &form,
            errors,
            false,
        ));
    };
    let (status, message) = match state
        .use_cases
        .write_review
        .run(&actor, id, stars, text)
        .await
    {
        Ok(_) => return Ok(redirect(&format!("/appointments/{id}?done=reviewed"))),
        Err(WriteReviewError::NotFound) => return Ok(not_found(&state, &layout)),
        Err(WriteReviewError::Forbidden) => return Ok(cannot_review(&state, &layout)),
        Err(WriteReviewError::Rejected(e)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            review_error(&language, &e),
        ),
        Err(WriteReviewError::ChangedMeanwhile) => (
            StatusCode::CONFLICT,
            say(&language, "h-book-review-changed-meanwhile"),
        ),
        Err(WriteReviewError::Store(e)) => return Err(internal(&e, "writing a review failed")),
    };
    errors.general = Some(message);
    Ok(review_page(
        &state, &layout, status, id, &form, errors, false,
    ))
}

/// A one-field form about a review: the reply or the report.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct TextForm {
    text: String,
}

#[derive(Serialize)]
struct ActionPage<'a> {
    title: String,
    action: String,
    label: String,
    button: String,
    value: &'a str,
    error: Option<String>,
}

/// The one-field form page for `kind` (`reply` or `report`) on review `id`.
fn action_page(
    state: &SharedState,
    layout: &Layout,
    status: StatusCode,
    kind: &str,
    id: ReviewId,
    value: &str,
    error: Option<String>,
) -> Response {
    let language = language_of(layout);
    let (title, label, button) = if kind == "reply" {
        (
            "h-book-reply-title",
            "h-book-reply-label",
            "h-book-reply-button",
        )
    } else {
        (
            "h-book-report-title",
            "h-book-report-label",
            "h-book-report-button",
        )
    };
    let page = ActionPage {
        title: say(&language, title),
        action: format!("/reviews/{id}/{kind}"),
        label: say(&language, label),
        button: say(&language, button),
        value,
        error,
    };
    state
        .templates
        .respond(status, "review_action.html", layout, &page)
}

/// `POST /reviews/{id}/reply`: the provider answers a review, or changes their answer.
#[handler]
pub async fn reply(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<ReviewId>,
    Form(form): Form<TextForm>,
) -> PageResult {
    let refuse = |status, message: String| {
        action_page(
            &state,
            &layout,
            status,
            "reply",
            id,
            &form.text,
            Some(message),
        )
    };
    let language = language_of(&layout);
    let text = match ReplyText::parse(&form.text) {
        Ok(text) => text,
        Err(e) => {
            return Ok(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                refusals::text_error(&language, &e),
            ));
        }
    };
    match state.use_cases.reply_to_review.run(&actor, id, text).await {
        Ok(review) => Ok(redirect(&format!(
            "/appointments/{}?done=replied",
            review.appointment
        ))),
        Err(ReplyToReviewError::NotFound) => Ok(not_found(&state, &layout)),
        Err(ReplyToReviewError::Forbidden) => Ok(forbidden(
            &state,
            &layout,
            &say(&language, "h-book-reply-forbidden-title"),
            &say(&language, "h-book-reply-forbidden"),
        )),
        Err(ReplyToReviewError::Store(e)) => Err(internal(&e, "replying failed")),
    }
}

/// After a report was sent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportQuery {
    done: String,
}

/// `GET /reviews/{id}/report`: the report form, for anyone signed in.
#[handler]
pub async fn report_form(
    state: Data<&SharedState>,
    SignedIn { mut layout, .. }: SignedIn,
    PathId(id): PathId<ReviewId>,
    Query(query): Query<ReportQuery>,
) -> PageResult {
    match state.use_cases.report_review.reportable(id).await {
        Ok(()) => {}
        Err(ReportReviewError::Store(e)) => return Err(internal(&e, "reading a review failed")),
        Err(_) => return Ok(not_found(&state, &layout)),
    }
    if query.done == "1" {
        let thanks = say(&language_of(&layout), "h-book-report-thanks");
        layout = layout.with_notice(thanks);
    }
    Ok(action_page(
        &state,
        &layout,
        StatusCode::OK,
        "report",
        id,
        "",
        None,
    ))
}

/// `POST /reviews/{id}/report`: reports a review to staff with a reason.
#[handler]
pub async fn report(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<ReviewId>,
    Form(form): Form<TextForm>,
) -> PageResult {
    let refuse = |status, message: String| {
        action_page(
            &state,
            &layout,
            status,
            "report",
            id,
            &form.text,
            Some(message),
        )
    };
    let language = language_of(&layout);
    let reason = match ModerationReason::parse(&form.text) {
        Ok(reason) => reason,
        Err(e) => {
            return Ok(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                refusals::text_error(&language, &e),
            ));
        }
    };
    match state.use_cases.report_review.run(&actor, id, reason).await {
        Ok(_) => Ok(redirect(&format!("/reviews/{id}/report?done=1"))),
        Err(ReportReviewError::NotFound) => Ok(not_found(&state, &layout)),
        Err(ReportReviewError::AlreadyReported) => Ok(refuse(
            StatusCode::CONFLICT,
            say(&language, "h-book-report-already"),
        )),
        Err(ReportReviewError::Store(e)) => Err(internal(&e, "reporting failed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_read_as_sentences() {
        let en = adapters::catalogue::source_language();
        let rated = RatingView::new(Rating { count: 2, stars: 9 }, &en);
        assert_eq!(rated.average.as_deref(), Some("4.5"));
        assert_eq!(rated.label, "Rated 4.5 out of 5 from 2 reviews");
        let one = RatingView::new(Rating { count: 1, stars: 4 }, &en);
        assert_eq!(one.label, "Rated 4.0 out of 5 from 1 review");
        assert_eq!(
            RatingView::new(Rating::default(), &en).label,
            "No reviews yet"
        );
        let de = Language::parse("de").unwrap();
        assert_ne!(
            RatingView::new(Rating::default(), &de).label,
            "No reviews yet"
        );
    }
}
