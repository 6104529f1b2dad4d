//! Reviews and their reports in memory.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use application::ports::{
    Page, PageRequest, RepoError, Report, ReportedReview, ReviewStore, Reviewed,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{AppointmentId, Rating, Review, ReviewId, UserId};

use super::{lock, page_of};

/// Reviews by id, and every report with when it was resolved.
#[derive(Debug, Default)]
pub(super) struct ReviewTable {
    reviews: HashMap<ReviewId, Review>,
    reports: Vec<(Report, Option<DateTime<Utc>>)>,
}

impl ReviewTable {
    /// The rating of `of` over its visible reviews.
    pub(super) fn rating(&self, of: Reviewed) -> Rating {
        Rating::of(self.reviews.values().filter(|r| is_about(r, of)))
    }
}

fn is_about(review: &Review, of: Reviewed) -> bool {
    match of {
        Reviewed::Service(id) => review.service == id,
        Reviewed::Provider(id) => review.provider == id,
    }
}

/// [`ReviewStore`] in memory. One review per appointment and one open report per reporter
/// and review, as the port requires.
#[derive(Debug, Default)]
pub struct MemoryReviews {
    table: Arc<Mutex<ReviewTable>>,
}

impl MemoryReviews {
    /// Erases what `user` wrote: their reviews' text, their replies, their reports; returns
    /// the ids of the reviews of their appointments.
    pub(super) fn erase_texts_of(&self, user: UserId) -> Vec<ReviewId> {
        let mut table = lock(&self.table);
        let mut theirs = Vec::new();
        for review in table.reviews.values_mut() {
            if review.customer == user {
                review.text = None;
            }
            if review.provider == user {
                review.reply = None;
            }
            if review.customer == user || review.provider == user {
                theirs.push(review.id);
            }
        }
        table.reports.retain(|(report, _)| report.reporter != user);
        theirs
    }

    /// The table, shared with the service search (ratings).
    pub(super) fn table(&self) -> Arc<Mutex<ReviewTable>> {
        Arc::clone(&self.table)
    }
}

#[async_trait]
impl ReviewStore for MemoryReviews {
    async fn insert(&self, review: &Review) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        let taken = table.reviews.contains_key(&review.id)
            || table
                .reviews
                .values()
                .any(|r| r.appointment == review.appointment);
        if taken {
            return Err(RepoError::Conflict);
        }
        table.reviews.insert(review.id, review.clone());
        Ok(())
    }

    async fn update(&self, review: &Review) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        let stored = table
            .reviews
            .get_mut(&review.id)
            .ok_or(RepoError::NotFound)?;
        stored.stars = review.stars;
        stored.text.clone_from(&review.text);
        stored.updated_at = review.updated_at;
        stored.reply.clone_from(&review.reply);
        stored.hidden.clone_from(&review.hidden);
        Ok(())
    }

    async fn by_id(&self, id: ReviewId) -> Result<Option<Review>, RepoError> {
        Ok(lock(&self.table).reviews.get(&id).cloned())
    }

    async fn by_appointment(&self, id: AppointmentId) -> Result<Option<Review>, RepoError> {
        Ok(lock(&self.table)
            .reviews
            .values()
            .find(|r| r.appointment == id)
            .cloned())
    }

    async fn visible(&self, of: Reviewed, page: PageRequest) -> Result<Page<Review>, RepoError> {
        let mut found: Vec<Review> = lock(&self.table)
            .reviews
            .values()
            .filter(|r| r.is_visible() && is_about(r, of))
            .cloned()
            .collect();
        found.sort_by_key(|r| Reverse((r.created_at, r.id)));
        Ok(page_of(found, page))
    }

    async fn rating(&self, of: Reviewed) -> Result<Rating, RepoError> {
        Ok(lock(&self.table).rating(of))
    }

    async fn report(&self, report: &Report) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        if !table.reviews.contains_key(&report.review) {
            return Err(RepoError::NotFound);
        }
        let open_already = table.reports.iter().any(|(r, resolved)| {
            resolved.is_none() && r.review == report.review && r.reporter == report.reporter
        });
        if open_already || table.reports.iter().any(|(r, _)| r.id == report.id) {
            return Err(RepoError::Conflict);
        }
        table.reports.push((report.clone(), None));
        Ok(())
    }

    async fn reported(&self, page: PageRequest) -> Result<Page<ReportedReview>, RepoError> {
        let table = lock(&self.table);
        let mut open: HashMap<ReviewId, Vec<Report>> = HashMap::new();
        for (report, _) in table
            .reports
            .iter()
            .filter(|(_, resolved)| resolved.is_none())
        {
            open.entry(report.review).or_default().push(report.clone());
        }
        let mut found: Vec<ReportedReview> = open
            .into_iter()
            .filter_map(|(id, mut reports)| {
                reports.sort_by_key(|r| (r.at, r.id));
                let review = table.reviews.get(&id)?.clone();
                Some(ReportedReview { review, reports })
            })
            .collect();
        found.sort_by_key(|r| (r.reports.first().map(|x| x.at), r.review.id));
        Ok(page_of(found, page))
    }

    async fn resolve_reports(&self, review: ReviewId, at: DateTime<Utc>) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        for (report, resolved) in &mut table.reports {
            if report.review == review && resolved.is_none() {
                *resolved = Some(at);
            }
        }
        Ok(())
    }
}
