//! Busy time read from providers' own external calendars: each calendar that blocks a
//! provider's time (a source, with its sync state) and the busy intervals last read from it.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `busy_sources` and `external_busy`.
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

// No foreign key to users: like the calendar links, this is the sync's copy of someone else's
// data. Intervals are keyed by the service's event id, so an incremental sync replaces or
// removes exactly the events it was told about; no overlap rule, since a provider's own events
// may overlap each other and our appointments (booked before the event was known). Reads are
// by provider and window: (provider_id, starts_at).
const POSTGRES_UP: &str = r"
CREATE TABLE busy_sources (
    provider_id uuid NOT NULL,
    calendar_id text NOT NULL,
    mode        text NOT NULL CHECK (mode IN ('events', 'free_busy')),
    sync_token  text,
    synced_at   timestamptz,
    status      text NOT NULL CHECK (status IN ('ok', 'failing', 'access_gone')),
    last_error  text,
    notified_at timestamptz,
    PRIMARY KEY (provider_id, calendar_id)
);

CREATE TABLE external_busy (
    provider_id uuid NOT NULL,
    calendar_id text NOT NULL,
    event_id    text NOT NULL,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL CHECK (starts_at < ends_at),
    PRIMARY KEY (provider_id, calendar_id, event_id),
    FOREIGN KEY (provider_id, calendar_id)
        REFERENCES busy_sources (provider_id, calendar_id) ON DELETE CASCADE
);
CREATE INDEX external_busy_provider_start ON external_busy (provider_id, starts_at);
";

const SQLITE_UP: &str = r"
CREATE TABLE busy_sources (
    provider_id blob NOT NULL,
    calendar_id text NOT NULL,
    mode        text NOT NULL CHECK (mode IN ('events', 'free_busy')),
    sync_token  text,
    synced_at   text,
    status      text NOT NULL CHECK (status IN ('ok', 'failing', 'access_gone')),
    last_error  text,
    notified_at text,
    PRIMARY KEY (provider_id, calendar_id)
) STRICT;

CREATE TABLE external_busy (
    provider_id blob NOT NULL,
    calendar_id text NOT NULL,
    event_id    text NOT NULL,
    starts_at   text NOT NULL,
    ends_at     text NOT NULL CHECK (starts_at < ends_at),
    PRIMARY KEY (provider_id, calendar_id, event_id),
    FOREIGN KEY (provider_id, calendar_id)
        REFERENCES busy_sources (provider_id, calendar_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX external_busy_provider_start ON external_busy (provider_id, starts_at);
";

const DOWN: &str = r"
DROP TABLE external_busy;
DROP TABLE busy_sources;
";
