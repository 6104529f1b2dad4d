//! Creates `rate_limits`: one fixed-window counter per door and knocker (a hashed email,
//! client address, token or user id), shared by every instance on the database.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `rate_limits`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, UP, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, DOWN, DOWN).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

// window_start: Unix seconds of the window's start, the same on every instance.
const UP: &str = "
CREATE TABLE rate_limits (
    limit_key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits INTEGER NOT NULL
);
CREATE INDEX rate_limits_by_window ON rate_limits (window_start);
";

const DOWN: &str = "DROP TABLE rate_limits;";
