//! [`AuditLog`] on sea-orm: the `audit_log` table.

use ::sea_orm::sea_query::Expr;
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use application::ports::{AuditEntry, AuditLog, Page, PageRequest, RepoError};
use async_trait::async_trait;
use domain::UserId;

use super::error::{read_failed, write_failed};

/// A row of `audit_log`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub at: DateTimeUtc,
        pub actor_id: Uuid,
        pub action: String,
        pub target: String,
        pub before_json: Option<String>,
        pub after_json: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl From<row::Model> for AuditEntry {
    fn from(r: row::Model) -> Self {
        Self {
            id: r.id,
            at: r.at,
            actor: UserId::from_uuid(r.actor_id),
            action: r.action,
            target: r.target,
            before: r.before_json,
            after: r.after_json,
        }
    }
}

/// [`AuditLog`] on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct SeaOrmAuditLog {
    db: DatabaseConnection,
}

impl SeaOrmAuditLog {
    /// The log on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl AuditLog for SeaOrmAuditLog {
    #[tracing::instrument(skip_all, fields(action = %entry.action))]
    async fn record(&self, entry: &AuditEntry) -> Result<(), RepoError> {
        let model = row::ActiveModel {
            id: Set(entry.id),
            at: Set(entry.at),
            actor_id: Set(entry.actor.as_uuid()),
            action: Set(entry.action.clone()),
            target: Set(entry.target.clone()),
            before_json: Set(entry.before.clone()),
            after_json: Set(entry.after.clone()),
        };
        row::Entity::insert(model)
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn list(&self, page: PageRequest) -> Result<Page<AuditEntry>, RepoError> {
        let total = row::Entity::find()
            .count(&self.db)
            .await
            .map_err(read_failed)?;
        let rows = row::Entity::find()
            .order_by_desc(row::Column::At)
            .order_by_desc(row::Column::Id)
            .offset(page.offset())
            .limit(u64::from(page.per_page()))
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(Page {
            items: rows.into_iter().map(AuditEntry::from).collect(),
            total,
            request: page,
        })
    }

    async fn about(&self, user: UserId) -> Result<Vec<AuditEntry>, RepoError> {
        let rows = row::Entity::find()
            .filter(
                Condition::any()
                    .add(row::Column::ActorId.eq(user.as_uuid()))
                    .add(row::Column::Target.eq(format!("user:{user}"))),
            )
            .order_by_asc(row::Column::At)
            .order_by_asc(row::Column::Id)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(rows.into_iter().map(AuditEntry::from).collect())
    }
}

/// Drops the before and after details of the entries about `targets`, through `db` (the
/// erasure's transaction).
///
/// # Errors
/// When the database fails.
pub(super) async fn forget_details(
    db: &impl ConnectionTrait,
    targets: &[String],
) -> Result<(), ::sea_orm::DbErr> {
    for chunk in targets.chunks(500) {
        row::Entity::update_many()
            .col_expr(row::Column::BeforeJson, Expr::value(Option::<String>::None))
            .col_expr(row::Column::AfterJson, Expr::value(Option::<String>::None))
            .filter(row::Column::Target.is_in(chunk.iter().cloned()))
            .exec(db)
            .await?;
    }
    Ok(())
}
