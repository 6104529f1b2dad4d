//! The audit log of staff actions.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `audit_log`.
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

// actor_id has no foreign key on purpose: the log outlives whatever it mentions. before_json
// and after_json hold the target's state as JSON text.
const POSTGRES_UP: &str = r"
CREATE TABLE audit_log (
    id          uuid PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor_id    uuid NOT NULL,
    action      text NOT NULL,
    target      text NOT NULL,
    before_json text,
    after_json  text
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
";

const SQLITE_UP: &str = r"
CREATE TABLE audit_log (
    id          blob PRIMARY KEY NOT NULL,
    at          text NOT NULL,
    actor_id    blob NOT NULL,
    action      text NOT NULL,
    target      text NOT NULL,
    before_json text,
    after_json  text
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
";

const DOWN: &str = r"
DROP TABLE audit_log;
";
