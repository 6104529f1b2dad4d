//! Email-address verification: when a user's address was verified, and account tokens that
//! serve more than password resets.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Adds `users.email_verified_at`; renames `password_reset_tokens` to `account_tokens` and
/// gives each token a `purpose` (existing tokens are password reset tokens).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_DOWN, SQLITE_DOWN).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

// Existing accounts start unverified: nobody has proved they read their mail yet. `purpose`
// holds `TokenPurpose::as_str` names.
const POSTGRES_UP: &str = r"
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
ALTER TABLE password_reset_tokens RENAME TO account_tokens;
ALTER INDEX password_reset_tokens_user RENAME TO account_tokens_user;
ALTER TABLE account_tokens ADD COLUMN purpose text NOT NULL DEFAULT 'password_reset';
";

const SQLITE_UP: &str = r"
ALTER TABLE users ADD COLUMN email_verified_at text;
ALTER TABLE password_reset_tokens RENAME TO account_tokens;
DROP INDEX password_reset_tokens_user;
CREATE INDEX account_tokens_user ON account_tokens (user_id);
ALTER TABLE account_tokens ADD COLUMN purpose text NOT NULL DEFAULT 'password_reset';
";

const POSTGRES_DOWN: &str = r"
DELETE FROM account_tokens WHERE purpose <> 'password_reset';
ALTER TABLE account_tokens DROP COLUMN purpose;
ALTER INDEX account_tokens_user RENAME TO password_reset_tokens_user;
ALTER TABLE account_tokens RENAME TO password_reset_tokens;
ALTER TABLE users DROP COLUMN email_verified_at;
";

const SQLITE_DOWN: &str = r"
DELETE FROM account_tokens WHERE purpose <> 'password_reset';
ALTER TABLE account_tokens DROP COLUMN purpose;
DROP INDEX account_tokens_user;
CREATE INDEX password_reset_tokens_user ON account_tokens (user_id);
ALTER TABLE account_tokens RENAME TO password_reset_tokens;
ALTER TABLE users DROP COLUMN email_verified_at;
";
