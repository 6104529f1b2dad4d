//! Server-side login sessions, shared by every app instance, and calendar feed tokens.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `sessions` and `feed_tokens`.
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

// sessions: keyed by the SHA-256 of the cookie's id, so a copy of the table logs nobody in.
// user_id NULL: a visitor's session that only carries a CSRF token. Expired rows are purged by
// the app's worker. feed_tokens: one token hash per user.
const POSTGRES_UP: &str = r"
CREATE TABLE sessions (
    id_hash    bytea PRIMARY KEY,
    user_id    uuid REFERENCES users (id) ON DELETE CASCADE,
    role       text,
    name       text,
    csrf_token text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE feed_tokens (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    hash    bytea NOT NULL UNIQUE
);
";

const SQLITE_UP: &str = r"
CREATE TABLE sessions (
    id_hash    blob PRIMARY KEY NOT NULL,
    user_id    blob REFERENCES users (id) ON DELETE CASCADE,
    role       text,
    name       text,
    csrf_token text NOT NULL,
    expires_at text NOT NULL
) STRICT;
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE feed_tokens (
    user_id blob PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    hash    blob NOT NULL UNIQUE
) STRICT;
";

const DOWN: &str = r"
DROP TABLE feed_tokens;
DROP TABLE sessions;
";
