//! Whether a customer wants to be asked for a review after a completed appointment.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Adds `users.review_requests` (on for every existing account, as for new ones).
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
ALTER TABLE users ADD COLUMN review_requests boolean NOT NULL DEFAULT true;
";

// `users` is a STRICT table: booleans are integers, as for `active`.
const SQLITE_UP: &str = r"
ALTER TABLE users ADD COLUMN review_requests integer NOT NULL DEFAULT 1 CHECK (review_requests IN (0, 1));
";

// Opt-out links of review request mails die with the setting.
const DOWN: &str = r"
DELETE FROM account_tokens WHERE purpose = 'review_request_opt_out';
ALTER TABLE users DROP COLUMN review_requests;
";
