//! The outbox: each appointment change's event, written in the change's transaction as a JSON
//! document that restores the [`AppointmentEvent`] exactly, with its deliveries
//! ([`super::SeaOrmDeliveries`]) for the delivery worker.

use ::sea_orm::{ActiveValue::NotSet, ActiveValue::Set, ConnectionTrait, EntityTrait};
use application::{AppointmentEvent, ChangeKind};
use chrono::{DateTime, Utc};
use domain::{
    Appointment, AppointmentId, Cancellation, Note, Reschedule, SeriesId, ServiceId, TimeRange,
    UserId,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::{CorruptRow, corrupt};

/// A row of `appointment_events`.
pub(super) mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "appointment_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub appointment_id: Uuid,
        pub kind: String,
        pub payload: Json,
        pub occurred_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// An event of the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StoredEvent {
    /// Its place in the outbox: later events have larger ids.
    pub id: i64,
    /// The event.
    pub event: AppointmentEvent,
}

#[derive(Debug, Serialize, Deserialize)]
struct RangeDoc {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize)]
struct RescheduleDoc {
    from: RangeDoc,
    to: RangeDoc,
    by: String,
    at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize)]
struct CancellationDoc {
    by: String,
    reason: Option<String>,
    at: DateTime<Utc>,
}

/// The appointment as it is after the change: everything notifications and calendars show.
#[derive(Debug, Serialize, Deserialize)]
struct AppointmentDoc {
    id: Uuid,
    service: Uuid,
    provider: Uuid,
    customer: Uuid,
    session: RangeDoc,
    blocked: RangeDoc,
    status: String,
    note: Option<String>,
    created_at: DateTime<Utc>,
    revision: u32,
    reschedules: Vec<RescheduleDoc>,
    cancellation: Option<CancellationDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    series: Option<Uuid>,
}

/// The stored form of an [`AppointmentEvent`]: `kind` names the change, `from`, `by`,
/// `reason` and `until` carry its details.
#[derive(Debug, Serialize, Deserialize)]
struct EventDoc {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<RangeDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
    appointment: AppointmentDoc,
}

impl RangeDoc {
    fn of(range: &TimeRange) -> Self {
        Self {
            start: range.start(),
            end: range.end(),
        }
    }

    fn try_into_domain(self) -> Result<TimeRange, CorruptRow> {
        TimeRange::new(self.start, self.end).map_err(corrupt("event range"))
    }
}

fn note(text: Option<&str>) -> Result<Option<Note>, CorruptRow> {
    text.map(Note::parse)
        .transpose()
        .map_err(corrupt("event note"))
}

impl AppointmentDoc {
    fn of(a: &Appointment) -> Self {
        Self {
            id: a.id.as_uuid(),
            service: a.service.as_uuid(),
            provider: a.provider.as_uuid(),
            customer: a.customer.as_uuid(),
            session: RangeDoc::of(&a.session),
            blocked: RangeDoc::of(&a.blocked),
            status: a.status.as_str().to_owned(),
            note: a.note.as_ref().map(|n| n.as_str().to_owned()),
            created_at: a.created_at,
            revision: a.revision,
            reschedules: a
                .reschedules
                .iter()
                .map(|r| RescheduleDoc {
                    from: RangeDoc::of(&r.from),
                    to: RangeDoc::of(&r.to),
                    by: r.by.as_str().to_owned(),
                    at: r.at,
                })
                .collect(),
            cancellation: a.cancellation.as_ref().map(|c| CancellationDoc {
                by: c.by.as_str().to_owned(),
                reason: c.reason.as_ref().map(|n| n.as_str().to_owned()),
                at: c.at,
            }),
            series: a.series.map(|s| s.as_uuid()),
        }
    }

    fn try_into_domain(self) -> Result<Appointment, CorruptRow> {
        Ok(Appointment {
            id: AppointmentId::from_uuid(self.id),
            service: ServiceId::from_uuid(self.service),
            provider: UserId::from_uuid(self.provider),
            customer: UserId::from_uuid(self.customer),
            session: self.session.try_into_domain()?,
            blocked: self.blocked.try_into_domain()?,
            status: self.status.parse().map_err(corrupt("event status"))?,
            note: note(self.note.as_deref())?,
            created_at: self.created_at,
            revision: self.revision,
            reschedules: self
                .reschedules
                .into_iter()
                .map(|r| {
                    Ok(Reschedule {
                        from: r.from.try_into_domain()?,
                        to: r.to.try_into_domain()?,
                        by: r.by.parse().map_err(corrupt("event party"))?,
                        at: r.at,
                    })
                })
                .collect::<Result<_, CorruptRow>>()?,
            cancellation: self
                .cancellation
                .map(|c| {
                    Ok::<_, CorruptRow>(Cancellation {
                        by: c.by.parse().map_err(corrupt("event party"))?,
                        reason: note(c.reason.as_deref())?,
                        at: c.at,
                    })
                })
                .transpose()?,
            series: self.series.map(SeriesId::from_uuid),
        })
    }
}

impl EventDoc {
    fn of(event: &AppointmentEvent) -> Self {
        let until = match &event.kind {
            ChangeKind::HoldOffered { until } => Some(*until),
            _ => None,
        };
        let (from, by, reason) = match &event.kind {
            ChangeKind::Rescheduled { from } => (Some(RangeDoc::of(from)), None, None),
            ChangeKind::Cancelled { by, reason } => (
                None,
                Some(by.as_str().to_owned()),
                reason.as_ref().map(|n| n.as_str().to_owned()),
            ),
            ChangeKind::Booked
            | ChangeKind::Confirmed
            | ChangeKind::Completed
            | ChangeKind::NoShow
            | ChangeKind::Reminder
            | ChangeKind::HoldOffered { .. }
            | ChangeKind::HoldReleased => (None, None, None),
        };
        Self {
            kind: event.kind.as_str().to_owned(),
            from,
            by,
            reason,
            until,
            at: event.at,
            appointment: AppointmentDoc::of(&event.appointment),
        }
    }

    fn try_into_domain(self) -> Result<AppointmentEvent, CorruptRow> {
        let missing = |what: &str| corrupt("event")(format!("{} needs {what}", self.kind));
        let kind = match self.kind.as_str() {
            "booked" => ChangeKind::Booked,
            "confirmed" => ChangeKind::Confirmed,
            "completed" => ChangeKind::Completed,
            "no_show" => ChangeKind::NoShow,
            "reminder" => ChangeKind::Reminder,
            "hold_released" => ChangeKind::HoldReleased,
            "hold_offered" => ChangeKind::HoldOffered {
                until: self.until.ok_or_else(|| missing("until"))?,
            },
            "rescheduled" => ChangeKind::Rescheduled {
                from: self
                    .from
                    .ok_or_else(|| missing("from"))?
                    .try_into_domain()?,
            },
            "cancelled" => ChangeKind::Cancelled {
                by: self
                    .by
                    .as_deref()
                    .ok_or_else(|| missing("by"))?
                    .parse()
                    .map_err(corrupt("event party"))?,
                reason: note(self.reason.as_deref())?,
            },
            other => return Err(corrupt("event kind")(other)),
        };
        Ok(AppointmentEvent {
            kind,
            appointment: self.appointment.try_into_domain()?,
            at: self.at,
        })
    }
}

/// Adds `event` to the outbox through `db`, normally the transaction of the change, with one
/// pending delivery per channel it concerns.
pub(super) async fn record(
    db: &impl ConnectionTrait,
    event: &AppointmentEvent,
) -> Result<(), ::sea_orm::DbErr> {
    let id = row::Entity::insert(new_row(event)?)
        .exec(db)
        .await?
        .last_insert_id;
    super::deliveries::enqueue(db, id, event).await
}

/// The outbox row of `event`, its id left to the database.
///
/// # Errors
/// When the event cannot be serialized.
pub(super) fn new_row(event: &AppointmentEvent) -> Result<row::ActiveModel, ::sea_orm::DbErr> {
    Ok(row::ActiveModel {
        id: NotSet,
        appointment_id: Set(event.appointment.id.as_uuid()),
        kind: Set(event.kind.as_str().to_owned()),
        payload: Set(payload_of(event)?),
        occurred_at: Set(event.at),
    })
}

/// The stored form of `event`.
///
/// # Errors
/// When it cannot be serialized.
pub(super) fn payload_of(event: &AppointmentEvent) -> Result<serde_json::Value, ::sea_orm::DbErr> {
    serde_json::to_value(EventDoc::of(event)).map_err(|e| ::sea_orm::DbErr::Json(e.to_string()))
}

impl row::Model {
    pub(super) fn try_into_domain(self) -> Result<StoredEvent, CorruptRow> {
        let doc: EventDoc =
            serde_json::from_value(self.payload).map_err(corrupt("appointment_events.payload"))?;
        Ok(StoredEvent {
            id: self.id,
            event: doc.try_into_domain()?,
        })
    }
}
