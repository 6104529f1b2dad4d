//! Lets the delivery queue carry the `webhooks` channel: an appointment event's delivery that
//! the worker fans out into webhook messages. SQLite cannot change a CHECK constraint, so there
//! the table is rebuilt with its rows, ids and indexes.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Widens `deliveries.channel` to `webhooks`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, &postgres(WITH_WEBHOOKS), &sqlite(WITH_WEBHOOKS)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let forget = "DELETE FROM deliveries WHERE channel = 'webhooks';";
        run_sql(
            manager,
            &format!("{forget}{}", postgres(WITHOUT_WEBHOOKS)),
            &format!("{forget}{}", sqlite(WITHOUT_WEBHOOKS)),
        )
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

const WITH_WEBHOOKS: &str = "'customer_email', 'provider_email', 'calendar', 'webhooks'";
const WITHOUT_WEBHOOKS: &str = "'customer_email', 'provider_email', 'calendar'";

fn postgres(channels: &str) -> String {
    format!(
        "ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check;
         ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ({channels}));"
    )
}

fn sqlite(channels: &str) -> String {
    format!(
        r"
CREATE TABLE deliveries_new (
    seq            integer PRIMARY KEY AUTOINCREMENT,
    id             blob NOT NULL UNIQUE,
    event_id       integer NOT NULL REFERENCES appointment_events (id) ON DELETE RESTRICT,
    appointment_id blob NOT NULL REFERENCES appointments (id) ON DELETE RESTRICT,
    channel        text NOT NULL CHECK (channel IN ({channels})),
    state          text NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts       integer NOT NULL CHECK (attempts >= 0),
    due_at         text,
    claim          blob,
    leased_until   text,
    last_error     text,
    finished_at    text
) STRICT;
INSERT INTO deliveries_new SELECT * FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_pending ON deliveries (appointment_id, channel, seq) WHERE state = 'pending';
CREATE INDEX deliveries_failed ON deliveries (finished_at) WHERE state = 'failed';
CREATE INDEX deliveries_pending_in_order ON deliveries (seq) WHERE state = 'pending';
"
    )
}
