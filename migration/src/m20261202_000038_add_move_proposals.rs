//! Following what providers do to our entries in their calendars: where the next read starts,
//! and moves waiting for the customer's answer.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Adds `provider_calendars.edits_token` and `move_proposals`.
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

// One proposal per appointment: a later move replaces an earlier one. `revision` is the
// appointment's when the move was seen; the proposal only holds while it is unchanged.
const POSTGRES_UP: &str = r"
ALTER TABLE provider_calendars ADD COLUMN edits_token text;
CREATE TABLE move_proposals (
    appointment_id uuid PRIMARY KEY REFERENCES appointments (id) ON DELETE CASCADE,
    revision       bigint NOT NULL CHECK (revision >= 0),
    start_at       timestamptz NOT NULL,
    proposed_at    timestamptz NOT NULL,
    mailed_at      timestamptz,
    declined_at    timestamptz
);
";

const SQLITE_UP: &str = r"
ALTER TABLE provider_calendars ADD COLUMN edits_token text;
CREATE TABLE move_proposals (
    appointment_id blob PRIMARY KEY REFERENCES appointments (id) ON DELETE CASCADE,
    revision       integer NOT NULL CHECK (revision >= 0),
    start_at       text NOT NULL,
    proposed_at    text NOT NULL,
    mailed_at      text,
    declined_at    text
) STRICT;
";

const DOWN: &str = r"
DROP TABLE move_proposals;
ALTER TABLE provider_calendars DROP COLUMN edits_token;
";
