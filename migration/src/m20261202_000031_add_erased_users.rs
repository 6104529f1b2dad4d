//! When an account was erased by its owner (the row stays, holding only a pseudonym, for the
//! appointments and reviews the other party still needs).

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Adds `users.erased_at`.
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

const POSTGRES_UP: &str = r"
ALTER TABLE users ADD COLUMN erased_at timestamptz;
";

// `users` is a STRICT table: instants are RFC 3339 text, as for `created_at`.
const SQLITE_UP: &str = r"
ALTER TABLE users ADD COLUMN erased_at text;
";

const DOWN: &str = r"
ALTER TABLE users DROP COLUMN erased_at;
";
