//! The delivery queue (one row per event and channel), reminder bookkeeping on appointments,
//! and password reset tokens.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `deliveries` and `password_reset_tokens`, adds `appointments.reminded_start`.
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

// deliveries: written with their event (appointment_events) in the change's transaction, one
// per channel. `seq` orders them; a worker claims only the oldest pending row of each
// (appointment, channel) stream, sets `claim` and `leased_until`, and finishes it as done or
// failed. `due_at` NULL means due at once. reminded_start: the session start the last reminder
// was recorded for, so a reminder goes out once per start.
const POSTGRES_UP: &str = r"
ALTER TABLE appointments ADD COLUMN reminded_start timestamptz;

CREATE TABLE deliveries (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             uuid NOT NULL UNIQUE,
    event_id       bigint NOT NULL REFERENCES appointment_events (id) ON DELETE RESTRICT,
    appointment_id uuid NOT NULL REFERENCES appointments (id) ON DELETE RESTRICT,
    channel        text NOT NULL CHECK (channel IN ('customer_email', 'provider_email', 'calendar')),
    state          text NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts       integer NOT NULL CHECK (attempts >= 0),
    due_at         timestamptz,
    claim          uuid,
    leased_until   timestamptz,
    last_error     text,
    finished_at    timestamptz
);
CREATE INDEX deliveries_pending ON deliveries (appointment_id, channel, seq) WHERE state = 'pending';
CREATE INDEX deliveries_failed ON deliveries (finished_at) WHERE state = 'failed';

CREATE TABLE password_reset_tokens (
    hash       bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);
CREATE INDEX password_reset_tokens_user ON password_reset_tokens (user_id);
";

const SQLITE_UP: &str = r"
ALTER TABLE appointments ADD COLUMN reminded_start text;

CREATE TABLE deliveries (
    seq            integer PRIMARY KEY AUTOINCREMENT,
    id             blob NOT NULL UNIQUE,
    event_id       integer NOT NULL REFERENCES appointment_events (id) ON DELETE RESTRICT,
    appointment_id blob NOT NULL REFERENCES appointments (id) ON DELETE RESTRICT,
    channel        text NOT NULL CHECK (channel IN ('customer_email', 'provider_email', 'calendar')),
    state          text NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts       integer NOT NULL CHECK (attempts >= 0),
    due_at         text,
    claim          blob,
    leased_until   text,
    last_error     text,
    finished_at    text
) STRICT;
CREATE INDEX deliveries_pending ON deliveries (appointment_id, channel, seq) WHERE state = 'pending';
CREATE INDEX deliveries_failed ON deliveries (finished_at) WHERE state = 'failed';

CREATE TABLE password_reset_tokens (
    hash       blob PRIMARY KEY NOT NULL,
    user_id    blob NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at text NOT NULL
) STRICT;
CREATE INDEX password_reset_tokens_user ON password_reset_tokens (user_id);
";

const DOWN: &str = r"
DROP TABLE password_reset_tokens;
DROP TABLE deliveries;
ALTER TABLE appointments DROP COLUMN reminded_start;
";
