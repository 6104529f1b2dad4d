//! [`ReviewStore`] on sea-orm: `reviews` (one row per appointment) and `review_reports`.
//! Ratings are SQL aggregates over the visible rows.

use std::collections::HashMap;

use ::sea_orm::sea_query::{Expr, ExprTrait};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Statement,
};
use application::ports::{
    Page, PageRequest, RepoError, Report, ReportedReview, ReviewStore, Reviewed,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{
    AppointmentId, Hiding, ModerationReason, Rating, Reply, ReplyText, ReportId, Review, ReviewId,
    ReviewText, ServiceId, Stars, UserId,
};
use uuid::Uuid;

use super::error::{CorruptRow, corrupt, read_failed, write_failed};
use super::users::found_one;

/// A row of `reviews`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "reviews")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub appointment_id: Uuid,
        pub service_id: Uuid,
        pub provider_id: Uuid,
        pub customer_id: Uuid,
        pub stars: i32,
        pub body: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub editable_until: DateTimeUtc,
        pub reply: Option<String>,
        pub replied_at: Option<DateTimeUtc>,
        pub hidden_by: Option<Uuid>,
        pub hidden_reason: Option<String>,
        pub hidden_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A row of `review_reports`.
/// The ids of the reviews of `user`'s appointments (as customer or provider), through `db`.
///
/// # Errors
/// When the database fails.
pub(super) async fn ids_of(
    db: &impl ConnectionTrait,
    user: UserId,
) -> Result<Vec<Uuid>, ::sea_orm::DbErr> {
    row::Entity::find()
        .select_only()
        .column(row::Column::Id)
        .filter(
            row::Column::CustomerId
                .eq(user.as_uuid())
                .or(row::Column::ProviderId.eq(user.as_uuid())),
        )
        .into_tuple()
        .all(db)
        .await
}

mod report_row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "review_reports")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub review_id: Uuid,
        pub reporter_id: Uuid,
        pub reason: String,
        pub at: DateTimeUtc,
        pub resolved_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl row::Model {
    fn try_into_domain(self) -> Result<Review, CorruptRow> {
        let stars = u8::try_from(self.stars)
            .ok()
            .and_then(|n| Stars::new(n).ok())
            .ok_or_else(|| corrupt("reviews.stars")(self.stars))?;
        let reply = match (self.reply, self.replied_at) {
            (Some(text), Some(at)) => Some(Reply {
                text: ReplyText::parse(&text).map_err(corrupt("reviews.reply"))?,
                at,
            }),
            _ => None,
        };
        let hidden = match (self.hidden_by, self.hidden_reason, self.hidden_at) {
            (Some(by), Some(reason), Some(at)) => Some(Hiding {
                by: UserId::from_uuid(by),
                reason: ModerationReason::parse(&reason)
                    .map_err(corrupt("reviews.hidden_reason"))?,
                at,
            }),
            _ => None,
        };
        Ok(Review {
            id: ReviewId::from_uuid(self.id),
            appointment: AppointmentId::from_uuid(self.appointment_id),
            service: ServiceId::from_uuid(self.service_id),
            provider: UserId::from_uuid(self.provider_id),
            customer: UserId::from_uuid(self.customer_id),
            stars,
            text: self
                .body
                .as_deref()
                .map(ReviewText::parse)
                .transpose()
                .map_err(corrupt("reviews.body"))?,
            created_at: self.created_at,
            updated_at: self.updated_at,
            editable_until: self.editable_until,
            reply,
            hidden,
        })
    }
}

impl report_row::Model {
    fn try_into_domain(self) -> Result<Report, CorruptRow> {
        Ok(Report {
            id: ReportId::from_uuid(self.id),
            review: ReviewId::from_uuid(self.review_id),
            reporter: UserId::from_uuid(self.reporter_id),
            reason: ModerationReason::parse(&self.reason)
                .map_err(corrupt("review_reports.reason"))?,
            at: self.at,
        })
    }
}

/// The columns an update may change.
fn changes(r: &Review) -> row::ActiveModel {
    row::ActiveModel {
        stars: Set(i32::from(r.stars.get())),
        body: Set(r.text.as_ref().map(|t| t.as_str().to_owned())),
        updated_at: Set(r.updated_at),
        reply: Set(r.reply.as_ref().map(|x| x.text.as_str().to_owned())),
        replied_at: Set(r.reply.as_ref().map(|x| x.at)),
        hidden_by: Set(r.hidden.as_ref().map(|h| h.by.as_uuid())),
        hidden_reason: Set(r.hidden.as_ref().map(|h| h.reason.as_str().to_owned())),
        hidden_at: Set(r.hidden.as_ref().map(|h| h.at)),
        ..Default::default()
    }
}

/// Reviews of `of`.
fn about(of: Reviewed) -> Select<row::Entity> {
    match of {
        Reviewed::Service(id) => {
            row::Entity::find().filter(row::Column::ServiceId.eq(id.as_uuid()))
        }
        Reviewed::Provider(id) => {
            row::Entity::find().filter(row::Column::ProviderId.eq(id.as_uuid()))
        }
    }
}

fn to_domain(rows: Vec<row::Model>) -> Result<Vec<Review>, RepoError> {
    Ok(rows
        .into_iter()
        .map(row::Model::try_into_domain)
        .collect::<Result<_, _>>()?)
}

/// Count and stars of the visible reviews.
#[derive(Debug, FromQueryResult)]
struct RatingRow {
    count: i64,
    stars: i64,
}

/// A reviewed review's id.
#[derive(Debug, FromQueryResult)]
struct ReviewIdRow {
    review_id: Uuid,
}

/// Reviews and reports in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmReviews {
    db: DatabaseConnection,
}

impl SeaOrmReviews {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    async fn find_one(&self, select: Select<row::Entity>) -> Result<Option<Review>, RepoError> {
        let found = select.one(&self.db).await.map_err(read_failed)?;
        Ok(found.map(row::Model::try_into_domain).transpose()?)
    }
}

#[async_trait]
impl ReviewStore for SeaOrmReviews {
    #[tracing::instrument(skip_all, fields(review = %review.id))]
    async fn insert(&self, review: &Review) -> Result<(), RepoError> {
        let model = row::ActiveModel {
            id: Set(review.id.as_uuid()),
            appointment_id: Set(review.appointment.as_uuid()),
            service_id: Set(review.service.as_uuid()),
            provider_id: Set(review.provider.as_uuid()),
            customer_id: Set(review.customer.as_uuid()),
            created_at: Set(review.created_at),
            editable_until: Set(review.editable_until),
            ..changes(review)
        };
        row::Entity::insert(model)
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    #[tracing::instrument(skip_all, fields(review = %review.id))]
    async fn update(&self, review: &Review) -> Result<(), RepoError> {
        let updated = row::Entity::update_many()
            .set(changes(review))
            .filter(row::Column::Id.eq(review.id.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        found_one(updated.rows_affected)
    }

    async fn by_id(&self, id: ReviewId) -> Result<Option<Review>, RepoError> {
        self.find_one(row::Entity::find_by_id(id.as_uuid())).await
    }

    async fn by_appointment(&self, id: AppointmentId) -> Result<Option<Review>, RepoError> {
        self.find_one(row::Entity::find().filter(row::Column::AppointmentId.eq(id.as_uuid())))
            .await
    }

    async fn visible(&self, of: Reviewed, page: PageRequest) -> Result<Page<Review>, RepoError> {
        let visible = || about(of).filter(row::Column::HiddenAt.is_null());
        let total = visible().count(&self.db).await.map_err(read_failed)?;
        let rows = visible()
            .order_by_desc(row::Column::CreatedAt)
            .order_by_desc(row::Column::Id)
            .offset(page.offset())
            .limit(u64::from(page.per_page()))
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(Page {
            items: to_domain(rows)?,
            total,
            request: page,
        })
    }

    async fn rating(&self, of: Reviewed) -> Result<Rating, RepoError> {
        let found = about(of)
            .filter(row::Column::HiddenAt.is_null())
            .select_only()
            .column_as(Expr::cust("COUNT(*)"), "count")
            .column_as(Expr::cust("COALESCE(SUM(stars), 0)"), "stars")
            .into_model::<RatingRow>()
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map_or_else(Rating::default, |r| Rating {
            count: u64::try_from(r.count).unwrap_or_default(),
            stars: u64::try_from(r.stars).unwrap_or_default(),
        }))
    }

    #[tracing::instrument(skip_all, fields(review = %report.review))]
    async fn report(&self, report: &Report) -> Result<(), RepoError> {
        let model = report_row::ActiveModel {
            id: Set(report.id.as_uuid()),
            review_id: Set(report.review.as_uuid()),
            reporter_id: Set(report.reporter.as_uuid()),
            reason: Set(report.reason.as_str().to_owned()),
            at: Set(report.at),
            resolved_at: Set(None),
        };
        // A missing review fails the foreign key; tell it from a repeated report first.
        if self.by_id(report.review).await?.is_none() {
            return Err(RepoError::NotFound);
        }
        report_row::Entity::insert(model)
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn reported(&self, page: PageRequest) -> Result<Page<ReportedReview>, RepoError> {
        let open = || report_row::Entity::find().filter(report_row::Column::ResolvedAt.is_null());
        let total = open()
            .select_only()
            .column(report_row::Column::ReviewId)
            .distinct()
            .count(&self.db)
            .await
            .map_err(read_failed)?;
        // Page bounds are numbers, so they are written into the text.
        let sql = format!(
            "SELECT review_id FROM review_reports WHERE resolved_at IS NULL \
             GROUP BY review_id ORDER BY MIN(at), review_id LIMIT {} OFFSET {}",
            page.per_page(),
            page.offset()
        );
        let backend = self.db.get_database_backend();
        let ids: Vec<Uuid> = ReviewIdRow::find_by_statement(Statement::from_string(backend, sql))
            .all(&self.db)
            .await
            .map_err(read_failed)?
            .into_iter()
            .map(|r| r.review_id)
            .collect();
        let reviews = row::Entity::find()
            .filter(row::Column::Id.is_in(ids.clone()))
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        let mut reviews: HashMap<Uuid, Review> = to_domain(reviews)?
            .into_iter()
            .map(|r| (r.id.as_uuid(), r))
            .collect();
        let reports = open()
            .filter(report_row::Column::ReviewId.is_in(ids.clone()))
            .order_by_asc(report_row::Column::At)
            .order_by_asc(report_row::Column::Id)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        let mut by_review: HashMap<Uuid, Vec<Report>> = HashMap::new();
        for report in reports {
            let review = report.review_id;
            by_review
                .entry(review)
                .or_default()
                .push(report.try_into_domain()?);
        }
        let items = ids
            .into_iter()
            .filter_map(|id| {
                Some(ReportedReview {
                    review: reviews.remove(&id)?,
                    reports: by_review.remove(&id).unwrap_or_default(),
                })
            })
            .collect();
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    async fn resolve_reports(&self, review: ReviewId, at: DateTime<Utc>) -> Result<(), RepoError> {
        report_row::Entity::update_many()
            .col_expr(report_row::Column::ResolvedAt, Expr::value(at))
            .filter(report_row::Column::ReviewId.eq(review.as_uuid()))
            .filter(report_row::Column::ResolvedAt.is_null())
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }
}
