//! Personal API tokens.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `api_tokens`.
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

// hash: the SHA-256 of the secret, which is never stored. Revoked tokens stay (revoked_at set)
// so a request with one is told it was revoked; they go with their user.
const POSTGRES_UP: &str = r"
CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL,
    hash         bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at DESC);
";

const SQLITE_UP: &str = r"
CREATE TABLE api_tokens (
    id           blob PRIMARY KEY NOT NULL,
    user_id      blob NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL,
    hash         blob NOT NULL UNIQUE,
    created_at   text NOT NULL,
    last_used_at text,
    revoked_at   text
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at DESC);
";

const DOWN: &str = r"
DROP TABLE api_tokens;
";
