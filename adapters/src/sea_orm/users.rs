//! [`UserStore`] on sea-orm: the `users` table.

use ::sea_orm::sea_query::{Expr, ExprTrait, Func};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use application::ports::{Page, PasswordHash, RepoError, UserQuery, UserStore};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{Email, Language, PersonName, Phone, PrivacyConsent, User, UserId, Zone};

use super::error::{CorruptRow, corrupt, read_failed, write_failed};

/// A row of `users`.
pub(super) mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub email: String,
        pub name: String,
        pub role: String,
        pub zone: String,
        pub phone: Option<String>,
        pub calendar_email: Option<String>,
        pub photo: Option<String>,
        pub active: bool,
        pub email_verified_at: Option<DateTimeUtc>,
        pub review_requests: bool,
        pub created_at: DateTimeUtc,
        pub password_hash: String,
        pub erased_at: Option<DateTimeUtc>,
        pub language: Option<String>,
        pub privacy_version: Option<String>,
        pub privacy_accepted_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl row::Model {
    fn try_into_domain(self) -> Result<(User, PasswordHash), CorruptRow> {
        let user = User {
            id: UserId::from_uuid(self.id),
            email: Email::parse(&self.email).map_err(corrupt("users.email"))?,
            name: PersonName::parse(&self.name).map_err(corrupt("users.name"))?,
            role: self.role.parse().map_err(corrupt("users.role"))?,
            zone: Zone::parse(&self.zone).map_err(corrupt("users.zone"))?,
            phone: self
                .phone
                .as_deref()
                .map(Phone::parse)
                .transpose()
                .map_err(corrupt("users.phone"))?,
            calendar_email: self
                .calendar_email
                .as_deref()
                .map(Email::parse)
                .transpose()
                .map_err(corrupt("users.calendar_email"))?,
            photo: self.photo,
            active: self.active,
            email_verified_at: self.email_verified_at,
            review_requests: self.review_requests,
            language: self
                .language
                .as_deref()
                .map(Language::parse)
                .transpose()
                .map_err(corrupt("users.language"))?,
            privacy_consent: self.privacy_version.zip(self.privacy_accepted_at).map(
                |(version, accepted_at)| PrivacyConsent {
                    version,
                    accepted_at,
                },
            ),
            created_at: self.created_at,
            erased_at: self.erased_at,
        };
        Ok((user, PasswordHash::from_phc(self.password_hash)))
    }
}

/// Every column but the password hash, which only [`UserStore::insert`] and
/// [`UserStore::set_password`] write, the verification time, which
/// [`UserStore::update`] derives and [`UserStore::mark_email_verified`] sets, and the erasure
/// time, which only the erasure sets.
fn profile_of(user: &User) -> row::ActiveModel {
    row::ActiveModel {
        id: Set(user.id.as_uuid()),
        email: Set(user.email.as_str().to_owned()),
        name: Set(user.name.as_str().to_owned()),
        role: Set(user.role.as_str().to_owned()),
        zone: Set(user.zone.name().to_owned()),
        phone: Set(user.phone.as_ref().map(|p| p.as_str().to_owned())),
        calendar_email: Set(user.calendar_email.as_ref().map(|e| e.as_str().to_owned())),
        photo: Set(user.photo.clone()),
        active: Set(user.active),
        review_requests: Set(user.review_requests),
        language: Set(user.language.as_ref().map(|l| l.as_str().to_owned())),
        created_at: Set(user.created_at),
        ..row::ActiveModel::default()
    }
}

/// A new user's row: the profile and the password hash.
pub(super) fn new_row(user: &User, password: &PasswordHash) -> row::ActiveModel {
    row::ActiveModel {
        password_hash: Set(password.as_str().to_owned()),
        email_verified_at: Set(user.email_verified_at),
        erased_at: Set(user.erased_at),
        privacy_version: Set(user.privacy_consent.as_ref().map(|c| c.version.clone())),
        privacy_accepted_at: Set(user.privacy_consent.as_ref().map(|c| c.accepted_at)),
        ..profile_of(user)
    }
}

/// [`UserStore`] on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct SeaOrmUsers {
    db: DatabaseConnection,
}

impl SeaOrmUsers {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    async fn find(
        &self,
        filter: impl ::sea_orm::sea_query::IntoCondition,
    ) -> Result<Option<(User, PasswordHash)>, RepoError> {
        let found = row::Entity::find()
            .filter(filter)
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map(row::Model::try_into_domain).transpose()?)
    }
}

#[async_trait]
impl UserStore for SeaOrmUsers {
    #[tracing::instrument(skip_all, fields(user = %user.id))]
    async fn insert(&self, user: &User, password: &PasswordHash) -> Result<(), RepoError> {
        row::Entity::insert(new_row(user, password))
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn by_id(&self, id: UserId) -> Result<Option<User>, RepoError> {
        let found = self.find(row::Column::Id.eq(id.as_uuid())).await?;
        Ok(found.map(|(user, _)| user))
    }

    async fn credentials(&self, email: &Email) -> Result<Option<(User, PasswordHash)>, RepoError> {
        self.find(row::Column::Email.eq(email.as_str())).await
    }

    #[tracing::instrument(skip_all, fields(user = %user.id))]
    async fn update(&self, user: &User) -> Result<(), RepoError> {
        // SET expressions read the row as it was, so the CASE compares with the old email.
        let kept_verification = Expr::case(
            row::Column::Email.eq(user.email.as_str()),
            Expr::col(row::Column::EmailVerifiedAt),
        )
        .finally(Expr::null());
        let updated = row::Entity::update_many()
            .set(profile_of(user))
            .col_expr(row::Column::EmailVerifiedAt, kept_verification.into())
            .filter(row::Column::Id.eq(user.id.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        found_one(updated.rows_affected)
    }

    #[tracing::instrument(skip_all, fields(user = %id))]
    async fn mark_email_verified(
        &self,
        id: UserId,
        email: &Email,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let updated = row::Entity::update_many()
            .col_expr(row::Column::EmailVerifiedAt, Expr::value(at))
            .filter(row::Column::Id.eq(id.as_uuid()))
            .filter(row::Column::Email.eq(email.as_str()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        found_one(updated.rows_affected)
    }

    #[tracing::instrument(skip_all, fields(user = %id))]
    async fn set_password(&self, id: UserId, password: &PasswordHash) -> Result<(), RepoError> {
        let updated = row::Entity::update_many()
            .col_expr(row::Column::PasswordHash, Expr::value(password.as_str()))
            .filter(row::Column::Id.eq(id.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        found_one(updated.rows_affected)
    }

    async fn list(&self, query: &UserQuery) -> Result<Page<User>, RepoError> {
        use row::Column;
        let mut condition = Condition::all();
        if let Some(role) = query.role {
            condition = condition.add(Column::Role.eq(role.as_str()));
        }
        if let Some(active) = query.active {
            condition = condition.add(Column::Active.eq(active));
        }
        if let Some(text) = &query.text {
            condition = condition.add(
                Condition::any()
                    .add(column_contains(Column::Name, text))
                    .add(column_contains(Column::Email, text)),
            );
        }
        let select = row::Entity::find().filter(condition);
        let total = select.clone().count(&self.db).await.map_err(read_failed)?;
        let rows = select
            .order_by_desc(Column::CreatedAt)
            .order_by_desc(Column::Id)
            .offset(query.page.offset())
            .limit(u64::from(query.page.per_page()))
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        let items = rows
            .into_iter()
            .map(|r| r.try_into_domain().map(|(user, _)| user))
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            total,
            request: query.page,
        })
    }
}

/// A `LIKE` pattern matching `text` anywhere, lower-cased; `%`, `_` and `\\` in it match
/// themselves (used with `ESCAPE '\\'`).
pub(super) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Whether lower-cased `column` contains `text` (see [`contains_pattern`]).
pub(super) fn column_contains(
    column: impl ::sea_orm::sea_query::IntoColumnRef,
    text: &str,
) -> Expr {
    Expr::expr(Func::lower(Expr::col(column)))
        .like(::sea_orm::sea_query::LikeExpr::new(contains_pattern(text)).escape('\\'))
}

/// [`RepoError::NotFound`] when an update by primary key changed no row.
pub(super) fn found_one(rows_affected: u64) -> Result<(), RepoError> {
    if rows_affected == 0 {
        Err(RepoError::NotFound)
    } else {
        Ok(())
    }
}
