//! The language a user reads pages and mails in, and the privacy notice they accepted.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Adds `users.language` (empty: follow the browser, or the marketplace's default for mail),
/// `users.privacy_version` and `users.privacy_accepted_at` (empty for accounts created before
/// registration asked for consent, and for staff).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, UP_POSTGRES, UP_SQLITE).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, DOWN, DOWN).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

const UP_POSTGRES: &str = r"
ALTER TABLE users ADD COLUMN language text CHECK (language ~ '^[a-z]{2,3}$');
ALTER TABLE users ADD COLUMN privacy_version text;
ALTER TABLE users ADD COLUMN privacy_accepted_at timestamptz;
";

const UP_SQLITE: &str = r"
ALTER TABLE users ADD COLUMN language text CHECK (length(language) BETWEEN 2 AND 3);
ALTER TABLE users ADD COLUMN privacy_version text;
ALTER TABLE users ADD COLUMN privacy_accepted_at text;
";

const DOWN: &str = r"
ALTER TABLE users DROP COLUMN privacy_accepted_at;
ALTER TABLE users DROP COLUMN privacy_version;
ALTER TABLE users DROP COLUMN language;
";
