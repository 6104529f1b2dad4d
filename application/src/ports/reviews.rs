//! Reviews, the reports people make about them, and the ratings they add up to.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{
    AppointmentId, ModerationReason, Rating, ReportId, Review, ReviewId, ServiceId, UserId,
};

use super::{Page, PageRequest, RepoError};

/// What a list of reviews or a rating is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reviewed {
    /// One service.
    Service(ServiceId),
    /// Every service of one provider.
    Provider(UserId),
}

/// Someone's report of a review to staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Identity.
    pub id: ReportId,
    /// The review reported.
    pub review: ReviewId,
    /// Who reported it.
    pub reporter: UserId,
    /// Why.
    pub reason: ModerationReason,
    /// When.
    pub at: DateTime<Utc>,
}

/// A review with the reports on it that staff have not dealt with yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedReview {
    /// The review.
    pub review: Review,
    /// Its open reports, oldest first.
    pub reports: Vec<Report>,
}

/// Stores reviews and reports. One review per appointment; one open report per reporter and
/// review. Ratings are computed by the store over visible reviews only.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait ReviewStore: Send + Sync {
    /// Adds a review.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when its appointment already has a review (or its id is taken).
    async fn insert(&self, review: &Review) -> Result<(), RepoError>;

    /// Replaces a review's stars, text, reply and hiding.
    ///
    /// # Errors
    /// [`RepoError::NotFound`].
    async fn update(&self, review: &Review) -> Result<(), RepoError>;

    /// The review with `id`, hidden or not.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_id(&self, id: ReviewId) -> Result<Option<Review>, RepoError>;

    /// The review of appointment `id`, hidden or not.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_appointment(&self, id: AppointmentId) -> Result<Option<Review>, RepoError>;

    /// A page of the visible reviews of `of`, newest first (by creation, then id).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn visible(&self, of: Reviewed, page: PageRequest) -> Result<Page<Review>, RepoError>;

    /// The rating of `of` over its visible reviews.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn rating(&self, of: Reviewed) -> Result<Rating, RepoError>;

    /// Adds a report.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when the reporter has an open report on the review already;
    /// [`RepoError::NotFound`] when the review does not exist.
    async fn report(&self, report: &Report) -> Result<(), RepoError>;

    /// A page of the reviews with open reports, the longest waiting first (by their oldest
    /// open report).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn reported(&self, page: PageRequest) -> Result<Page<ReportedReview>, RepoError>;

    /// Closes every open report on `review` (staff dealt with it).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn resolve_reports(&self, review: ReviewId, at: DateTime<Utc>) -> Result<(), RepoError>;
}
