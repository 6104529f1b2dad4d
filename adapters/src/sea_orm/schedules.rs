//! [`ScheduleStore`] on sea-orm: the `schedules` table, hours as JSON documents.

use std::collections::BTreeMap;

use ::sea_orm::sea_query::OnConflict;
use ::sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};
use application::ports::{RepoError, ScheduleStore};
use async_trait::async_trait;
use chrono::{NaiveDate, Weekday};
use domain::{DayHours, Schedule, UserId, WallInterval, WeeklyHours};
use serde::{Deserialize, Serialize};

use super::error::{CorruptRow, corrupt, read_failed, write_failed};
use super::services::policy_from;

/// A row of `schedules`.
pub(super) mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "schedules")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub provider_id: Uuid,
        pub weekly: Json,
        pub overrides: Json,
        pub min_notice_minutes: i32,
        pub horizon_days: i32,
        pub slot_step_minutes: Option<i32>,
        pub change_cutoff_minutes: i32,
        pub auto_confirm: bool,
        pub hold_minutes: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One day's intervals as `[start, end]` minutes since local midnight.
type DayDoc = Vec<[u16; 2]>;

/// The weekly hours, Monday first.
#[derive(Serialize, Deserialize)]
struct WeeklyDoc([DayDoc; 7]);

/// Date overrides keyed by ISO date (`2026-12-24`).
#[derive(Serialize, Deserialize)]
struct OverridesDoc(BTreeMap<NaiveDate, DayDoc>);

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn day_doc(hours: &DayHours) -> DayDoc {
    hours
        .intervals()
        .iter()
        .map(|i| [i.start_minutes(), i.end_minutes()])
        .collect()
}

fn day_hours(doc: &DayDoc) -> Result<DayHours, CorruptRow> {
    let intervals = doc
        .iter()
        .map(|[start, end]| WallInterval::from_minutes(*start, *end))
        .collect::<Result<_, _>>()
        .map_err(corrupt("schedule hours"))?;
    DayHours::new(intervals).map_err(corrupt("schedule hours"))
}

impl row::Model {
    fn try_into_domain(self) -> Result<Schedule, CorruptRow> {
        let WeeklyDoc(days) =
            serde_json::from_value(self.weekly).map_err(corrupt("schedules.weekly"))?;
        let mut weekly = WeeklyHours::default();
        for (weekday, doc) in WEEK.into_iter().zip(&days) {
            weekly.set(weekday, day_hours(doc)?);
        }
        let OverridesDoc(dates) =
            serde_json::from_value(self.overrides).map_err(corrupt("schedules.overrides"))?;
        let overrides = dates
            .iter()
            .map(|(date, doc)| Ok((*date, day_hours(doc)?)))
            .collect::<Result<_, CorruptRow>>()?;
        Ok(Schedule {
            weekly,
            overrides,
            policy: policy_from(
                self.min_notice_minutes,
                self.horizon_days,
                self.slot_step_minutes,
                self.change_cutoff_minutes,
                (self.auto_confirm, Some(self.hold_minutes)),
            )?,
        })
    }
}

pub(super) fn model_of(
    provider: UserId,
    schedule: &Schedule,
) -> Result<row::ActiveModel, RepoError> {
    let weekly = WeeklyDoc(WEEK.map(|day| day_doc(schedule.weekly.on(day))));
    let overrides = OverridesDoc(
        schedule
            .overrides
            .iter()
            .map(|(date, hours)| (*date, day_doc(hours)))
            .collect(),
    );
    let json = |doc: serde_json::Result<serde_json::Value>| {
        doc.map_err(|e| RepoError::Backend(Box::new(e)))
    };
    let policy = &schedule.policy;
    let minutes = |m: u32| i32::try_from(m).unwrap_or(i32::MAX);
    Ok(row::ActiveModel {
        provider_id: Set(provider.as_uuid()),
        weekly: Set(json(serde_json::to_value(weekly))?),
        overrides: Set(json(serde_json::to_value(overrides))?),
        min_notice_minutes: Set(minutes(policy.min_notice_minutes())),
        horizon_days: Set(policy.horizon_days().into()),
        slot_step_minutes: Set(policy.slot_step().map(|s| s.minutes().into())),
        change_cutoff_minutes: Set(minutes(policy.change_cutoff_minutes())),
        auto_confirm: Set(policy.auto_confirm()),
        hold_minutes: Set(minutes(policy.hold_minutes())),
    })
}

/// [`ScheduleStore`] on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct SeaOrmSchedules {
    db: DatabaseConnection,
}

impl SeaOrmSchedules {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl ScheduleStore for SeaOrmSchedules {
    async fn get(&self, provider: UserId) -> Result<Option<Schedule>, RepoError> {
        let found = row::Entity::find_by_id(provider.as_uuid())
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map(row::Model::try_into_domain).transpose()?)
    }

    /// One upsert statement: the schedule is replaced whole or not at all.
    #[tracing::instrument(skip_all, fields(provider = %provider))]
    async fn put(&self, provider: UserId, schedule: &Schedule) -> Result<(), RepoError> {
        use row::Column;
        let upsert = OnConflict::column(Column::ProviderId)
            .update_columns([
                Column::Weekly,
                Column::Overrides,
                Column::MinNoticeMinutes,
                Column::HorizonDays,
                Column::SlotStepMinutes,
                Column::ChangeCutoffMinutes,
                Column::AutoConfirm,
                Column::HoldMinutes,
            ])
            .to_owned();
        row::Entity::insert(model_of(provider, schedule)?)
            .on_conflict(upsert)
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }
}
