//! Webhook endpoints, the messages queued for them, and the log of attempts to send them.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `webhook_endpoints`, `webhook_messages` and `webhook_attempts`.
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

// event_types: the subscribed names separated by spaces. secret: the signing secret itself
// (it must sign, so it cannot be hashed); previous_secret signs too until previous_secret_until.
// webhook_messages: one per endpoint and event, claimed with a lease like deliveries; `source`
// is the delivery an appointment event fanned out from (NULL for pings), unique per endpoint so
// a repeated fan-out adds nothing. The id is the `webhook-id` receivers deduplicate by.
const POSTGRES_UP: &str = r"
CREATE TABLE webhook_endpoints (
    id                    uuid PRIMARY KEY,
    owner_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope                 text NOT NULL CHECK (scope IN ('own', 'all')),
    url                   text NOT NULL,
    description           text NOT NULL,
    event_types           text NOT NULL,
    enabled               boolean NOT NULL,
    disabled_reason       text,
    secret                text NOT NULL,
    previous_secret       text,
    previous_secret_until timestamptz,
    consecutive_failures  integer NOT NULL CHECK (consecutive_failures >= 0),
    created_at            timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner_id, created_at);

CREATE TABLE webhook_messages (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           text NOT NULL UNIQUE,
    endpoint_id  uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    source       uuid,
    event_type   text NOT NULL,
    body         text NOT NULL,
    state        text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts     integer NOT NULL CHECK (attempts >= 0),
    due_at       timestamptz NOT NULL,
    claim        uuid,
    leased_until timestamptz,
    created_at   timestamptz NOT NULL,
    UNIQUE (source, endpoint_id)
);
CREATE INDEX webhook_messages_pending ON webhook_messages (seq) WHERE state = 'pending';

CREATE TABLE webhook_attempts (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   text NOT NULL,
    endpoint_id  uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type   text NOT NULL,
    attempted_at timestamptz NOT NULL,
    status       integer,
    duration_ms  integer NOT NULL,
    response     text NOT NULL
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, seq);
";

const SQLITE_UP: &str = r"
CREATE TABLE webhook_endpoints (
    id                    blob PRIMARY KEY NOT NULL,
    owner_id              blob NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope                 text NOT NULL CHECK (scope IN ('own', 'all')),
    url                   text NOT NULL,
    description           text NOT NULL,
    event_types           text NOT NULL,
    enabled               integer NOT NULL CHECK (enabled IN (0, 1)),
    disabled_reason       text,
    secret                text NOT NULL,
    previous_secret       text,
    previous_secret_until text,
    consecutive_failures  integer NOT NULL CHECK (consecutive_failures >= 0),
    created_at            text NOT NULL
) STRICT;
CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner_id, created_at);

CREATE TABLE webhook_messages (
    seq          integer PRIMARY KEY AUTOINCREMENT,
    id           text NOT NULL UNIQUE,
    endpoint_id  blob NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    source       blob,
    event_type   text NOT NULL,
    body         text NOT NULL,
    state        text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts     integer NOT NULL CHECK (attempts >= 0),
    due_at       text NOT NULL,
    claim        blob,
    leased_until text,
    created_at   text NOT NULL,
    UNIQUE (source, endpoint_id)
) STRICT;
CREATE INDEX webhook_messages_pending ON webhook_messages (seq) WHERE state = 'pending';

CREATE TABLE webhook_attempts (
    seq          integer PRIMARY KEY AUTOINCREMENT,
    message_id   text NOT NULL,
    endpoint_id  blob NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type   text NOT NULL,
    attempted_at text NOT NULL,
    status       integer,
    duration_ms  integer NOT NULL,
    response     text NOT NULL
) STRICT;
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, seq);
";

const DOWN: &str = r"
DROP TABLE webhook_attempts;
DROP TABLE webhook_messages;
DROP TABLE webhook_endpoints;
";
