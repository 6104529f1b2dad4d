//! Push channels on providers' own calendars (Google's `events.watch`): which channel watches
//! which calendar, the hash of its token, and when it expires.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `watch_channels`.
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

// No foreign key to busy_sources: a channel outlives its source until the worker has stopped
// it at Google (a removed calendar's channel must still be found to be stopped).
const POSTGRES_UP: &str = r"
CREATE TABLE watch_channels (
    id          text PRIMARY KEY,
    resource_id text NOT NULL,
    provider_id uuid NOT NULL,
    calendar_id text NOT NULL,
    token_hash  bytea NOT NULL CHECK (length(token_hash) = 32),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX watch_channels_source ON watch_channels (provider_id, calendar_id);
";

const SQLITE_UP: &str = r"
CREATE TABLE watch_channels (
    id          text PRIMARY KEY,
    resource_id text NOT NULL,
    provider_id blob NOT NULL,
    calendar_id text NOT NULL,
    token_hash  blob NOT NULL CHECK (length(token_hash) = 32),
    expires_at  text NOT NULL
) STRICT;
CREATE INDEX watch_channels_source ON watch_channels (provider_id, calendar_id);
";

const DOWN: &str = r"
DROP TABLE watch_channels;
";
