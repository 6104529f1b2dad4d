//! PostgreSQL announces ended sessions: a logout, an erased account's sessions or a purge of
//! expired ones notifies `bys_changes` with `sessions` on commit, so every instance drops the
//! sessions it keeps in memory (`adapters::read_cache`) before the next request. Sessions are
//! only deleted here, never moved to another account; creating or sliding one announces
//! nothing (a new id is in no cache, a later expiry only extends one). SQLite serves one
//! instance, which drops its own cached sessions; nothing to do there.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates the notifying trigger on PostgreSQL.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_UP, "").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_DOWN, "").await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

// Once per statement: a purge of a thousand expired sessions is one notification.
const POSTGRES_UP: &str = r"
CREATE FUNCTION bys_notify_sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bys_changes', 'sessions');
    RETURN NULL;
END $$;

CREATE TRIGGER sessions_notify AFTER DELETE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION bys_notify_sessions_ended();
";

const POSTGRES_DOWN: &str = r"
DROP TRIGGER sessions_notify ON sessions;
DROP FUNCTION bys_notify_sessions_ended();
";
