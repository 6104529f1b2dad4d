//! [`ServiceStore`] on sea-orm: the `services` table; search lives in [`super::search`].

use ::sea_orm::sea_query::{Expr, Order};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use application::ports::{
    CatalogQuery, Page, RepoError, SearchQuery, ServiceListing, ServiceStore, WebhookNotice,
};
use async_trait::async_trait;
use domain::{
    BookingPolicy, Buffers, Capacity, CategoryId, Description, Price, Service, ServiceDuration,
    ServiceId, ServiceName, SlotStep, Timing, UserId,
};

use super::error::{CorruptRow, begin_write, corrupt, read_failed, write_failed};
use super::users::{column_contains, found_one};
use super::webhooks::queue_for_receivers;

/// A row of `services`, without the columns the database maintains itself (`seq`, `search`).
pub(super) mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "services")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub provider_id: Uuid,
        pub category_id: Option<Uuid>,
        pub name: String,
        pub description: String,
        pub duration_minutes: i32,
        pub buffer_before_minutes: i32,
        pub buffer_after_minutes: i32,
        pub price_minor: i64,
        pub currency: String,
        pub policy_min_notice_minutes: Option<i32>,
        pub policy_horizon_days: Option<i32>,
        pub policy_slot_step_minutes: Option<i32>,
        pub policy_change_cutoff_minutes: Option<i32>,
        pub policy_auto_confirm: Option<bool>,
        pub policy_hold_minutes: Option<i32>,
        pub active: bool,
        pub image: Option<String>,
        pub capacity: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A stored number that must fit a domain integer type.
pub(super) fn narrow<T: TryFrom<i64>>(field: &'static str, value: i64) -> Result<T, CorruptRow> {
    T::try_from(value).map_err(|_| corrupt(field)(format!("{value} is out of range")))
}

/// A booking policy from its stored parts (an empty hold period: the default one).
pub(super) fn policy_from(
    min_notice_minutes: i32,
    horizon_days: i32,
    slot_step_minutes: Option<i32>,
    change_cutoff_minutes: i32,
    (auto_confirm, hold_minutes): (bool, Option<i32>),
) -> Result<BookingPolicy, CorruptRow> {
    let slot_step = slot_step_minutes
        .map(|m| narrow("slot_step_minutes", m.into()).map(SlotStep::from_minutes))
        .transpose()?
        .transpose()
        .map_err(corrupt("slot_step_minutes"))?;
    let hold_minutes = hold_minutes
        .map(|m| narrow("hold_minutes", m.into()))
        .transpose()?
        .unwrap_or(BookingPolicy::DEFAULT_HOLD_MINUTES);
    BookingPolicy::new(
        narrow("min_notice_minutes", min_notice_minutes.into())?,
        narrow("horizon_days", horizon_days.into())?,
        slot_step,
        narrow("change_cutoff_minutes", change_cutoff_minutes.into())?,
        auto_confirm,
    )
    .and_then(|policy| policy.with_hold_minutes(hold_minutes))
    .map_err(corrupt("booking policy"))
}

impl row::Model {
    pub(super) fn try_into_domain(self) -> Result<Service, CorruptRow> {
        let policy = match (
            self.policy_min_notice_minutes,
            self.policy_horizon_days,
            self.policy_change_cutoff_minutes,
            self.policy_auto_confirm,
        ) {
            (Some(notice), Some(horizon), Some(cutoff), Some(auto_confirm)) => Some(policy_from(
                notice,
                horizon,
                self.policy_slot_step_minutes,
                cutoff,
                (auto_confirm, self.policy_hold_minutes),
            )?),
            _ => None,
        };
        let minutes = |field, value: i32| narrow::<u16>(field, value.into());
        Ok(Service {
            id: ServiceId::from_uuid(self.id),
            provider: UserId::from_uuid(self.provider_id),
            category: self.category_id.map(CategoryId::from_uuid),
            name: ServiceName::parse(&self.name).map_err(corrupt("services.name"))?,
            description: Description::parse(&self.description)
                .map_err(corrupt("services.description"))?,
            timing: Timing {
                duration: ServiceDuration::from_minutes(minutes(
                    "services.duration_minutes",
                    self.duration_minutes,
                )?)
                .map_err(corrupt("services.duration_minutes"))?,
                buffers: Buffers::new(
                    minutes("services.buffer_before_minutes", self.buffer_before_minutes)?,
                    minutes("services.buffer_after_minutes", self.buffer_after_minutes)?,
                )
                .map_err(corrupt("services buffers"))?,
            },
            price: Price::new(self.price_minor, &self.currency)
                .map_err(corrupt("services price"))?,
            policy,
            capacity: Capacity::new(narrow("services.capacity", self.capacity.into())?)
                .map_err(corrupt("services.capacity"))?,
            active: self.active,
            image: self.image,
        })
    }
}

pub(super) fn model_of(service: &Service) -> row::ActiveModel {
    let policy = service.policy.as_ref();
    let minutes = |m: u32| i32::try_from(m).unwrap_or(i32::MAX);
    row::ActiveModel {
        id: Set(service.id.as_uuid()),
        provider_id: Set(service.provider.as_uuid()),
        category_id: Set(service.category.map(|c| c.as_uuid())),
        name: Set(service.name.as_str().to_owned()),
        description: Set(service.description.as_str().to_owned()),
        duration_minutes: Set(service.timing.duration.minutes().into()),
        buffer_before_minutes: Set(service.timing.buffers.before_minutes().into()),
        buffer_after_minutes: Set(service.timing.buffers.after_minutes().into()),
        price_minor: Set(service.price.minor_units()),
        currency: Set(service.price.currency_code().to_owned()),
        policy_min_notice_minutes: Set(policy.map(|p| minutes(p.min_notice_minutes()))),
        policy_horizon_days: Set(policy.map(|p| p.horizon_days().into())),
        policy_slot_step_minutes: Set(policy
            .and_then(BookingPolicy::slot_step)
            .map(|s| s.minutes().into())),
        policy_change_cutoff_minutes: Set(policy.map(|p| minutes(p.change_cutoff_minutes()))),
        policy_auto_confirm: Set(policy.map(BookingPolicy::auto_confirm)),
        policy_hold_minutes: Set(policy.map(|p| minutes(p.hold_minutes()))),
        active: Set(service.active),
        image: Set(service.image.clone()),
        capacity: Set(service.capacity.places().into()),
    }
}

/// [`ServiceStore`] on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct SeaOrmServices {
    db: DatabaseConnection,
}

impl SeaOrmServices {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl ServiceStore for SeaOrmServices {
    #[tracing::instrument(skip_all, fields(service = %service.id))]
    async fn insert(&self, service: &Service, notice: &WebhookNotice) -> Result<(), RepoError> {
        let txn = begin_write(&self.db).await?;
        row::Entity::insert(model_of(service))
            .exec_without_returning(&txn)
            .await
            .map_err(write_failed)?;
        queue_for_receivers(&txn, None, notice).await?;
        txn.commit().await.map_err(write_failed)
    }

    #[tracing::instrument(skip_all, fields(service = %service.id))]
    async fn update(&self, service: &Service, notice: &WebhookNotice) -> Result<(), RepoError> {
        let txn = begin_write(&self.db).await?;
        let updated = row::Entity::update_many()
            .set(model_of(service))
            .filter(row::Column::Id.eq(service.id.as_uuid()))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        found_one(updated.rows_affected)?;
        queue_for_receivers(&txn, None, notice).await?;
        txn.commit().await.map_err(write_failed)
    }

    async fn by_id(&self, id: ServiceId) -> Result<Option<Service>, RepoError> {
        let found = row::Entity::find_by_id(id.as_uuid())
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map(row::Model::try_into_domain).transpose()?)
    }

    async fn by_provider(&self, provider: UserId) -> Result<Vec<Service>, RepoError> {
        let rows = row::Entity::find()
            .filter(row::Column::ProviderId.eq(provider.as_uuid()))
            .order_by_asc(row::Column::Name)
            .order_by_asc(row::Column::Id)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(rows
            .into_iter()
            .map(row::Model::try_into_domain)
            .collect::<Result<_, _>>()?)
    }

    #[tracing::instrument(skip_all)]
    async fn search(&self, query: &SearchQuery) -> Result<Page<ServiceListing>, RepoError> {
        super::search::run(&self.db, query).await
    }

    async fn catalog(&self, query: &CatalogQuery) -> Result<Page<Service>, RepoError> {
        use row::Column;
        let mut condition = Condition::all();
        if let Some(provider) = query.provider {
            condition = condition.add(Column::ProviderId.eq(provider.as_uuid()));
        }
        if let Some(active) = query.active {
            condition = condition.add(Column::Active.eq(active));
        }
        if let Some(text) = &query.text {
            condition = condition.add(column_contains(Column::Name, text));
        }
        let select = row::Entity::find().filter(condition);
        let total = select.clone().count(&self.db).await.map_err(read_failed)?;
        // `seq` numbers services in insertion order; the entity leaves it out.
        let rows = select
            .order_by(Expr::cust("seq"), Order::Desc)
            .offset(query.page.offset())
            .limit(u64::from(query.page.per_page()))
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        let items = rows
            .into_iter()
            .map(row::Model::try_into_domain)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            total,
            request: query.page,
        })
    }
}
