//! What the calendar sync remembers across restarts: each provider's calendar at the calendar
//! service (with its share and last sync), and which entry there mirrors which appointment.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `provider_calendars` and `calendar_event_links`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, DOWN, DOWN).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

// No foreign keys to users or appointments on purpose: a calendar outlives its provider's
// account until an admin deletes it at the service (an orphan must stay findable), and the
// links are the sync's memory, not part of the booking data. calendar_id is NULL until the
// service has created the calendar; share_id is the service's id of the share (Google: the
// ACL rule id). revision is the appointment revision the entry shows.
const POSTGRES_UP: &str = r"
CREATE TABLE provider_calendars (
    provider_id    uuid PRIMARY KEY,
    calendar_id    text,
    shared_with    text,
    share_id       text,
    last_synced_at timestamptz,
    last_error     text
);

CREATE TABLE calendar_event_links (
    appointment_id uuid PRIMARY KEY,
    provider_id    uuid NOT NULL,
    event_id       text NOT NULL,
    revision       bigint NOT NULL CHECK (revision >= 0)
);
CREATE INDEX calendar_event_links_provider ON calendar_event_links (provider_id);
";

const SQLITE_UP: &str = r"
CREATE TABLE provider_calendars (
    provider_id    blob PRIMARY KEY NOT NULL,
    calendar_id    text,
    shared_with    text,
    share_id       text,
    last_synced_at text,
    last_error     text
) STRICT;

CREATE TABLE calendar_event_links (
    appointment_id blob PRIMARY KEY NOT NULL,
    provider_id    blob NOT NULL,
    event_id       text NOT NULL,
    revision       integer NOT NULL CHECK (revision >= 0)
) STRICT;
CREATE INDEX calendar_event_links_provider ON calendar_event_links (provider_id);
";

const DOWN: &str = r"
DROP TABLE calendar_event_links;
DROP TABLE provider_calendars;
";
