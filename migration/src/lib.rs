//! Database schema migrations for SQLite (the embedded default) and PostgreSQL.
//!
//! Each migration carries the SQL of both databases side by side: the parts that matter most
//! (the no-overlap rule on appointments, full-text search) use features only one of them has,
//! and plain SQL states them more plainly than a builder could. Run them with [`migrate`], which
//! also makes concurrent start-ups of several instances safe on PostgreSQL.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{
    DatabaseBackend, DatabaseConnection, Statement, TransactionTrait,
};

mod m20261125_000001_create_users_and_categories;
mod m20261125_000002_create_services;
mod m20261125_000003_create_schedules;
mod m20261125_000004_create_appointments;
mod m20261126_000005_create_deliveries;
mod m20261127_000006_create_sessions_and_feed_tokens;
mod m20261127_000007_create_audit_log;
mod m20261128_000008_create_api_tokens;
mod m20261128_000009_add_email_verification;
mod m20261128_000010_create_calendar_links;
mod m20261129_000011_create_change_notifications;
mod m20261129_000012_index_pending_deliveries_in_order;
mod m20261202_000013_create_rate_limits;
mod m20261202_000014_create_external_busy;
mod m20261202_000023_create_reviews;
mod m20261202_000024_create_watch_channels;
mod m20261202_000026_add_busy_source_credentials;
mod m20261202_000028_create_webhooks;
mod m20261202_000029_add_webhooks_delivery_channel;
mod m20261202_000030_add_review_requests;
mod m20261202_000031_add_erased_users;
mod m20261202_000035_add_appointment_series;
mod m20261202_000036_drop_event_delivery_columns;
mod m20261202_000037_add_class_seats;
mod m20261202_000038_add_move_proposals;
mod m20261203_000039_create_waitlist;
mod m20261203_000040_add_hold_minutes;
mod m20261204_000041_notify_ended_sessions;
mod m20261204_000042_add_language_and_consent;

pub use sea_orm_migration::MigratorTrait;

/// The migrations of Book Your Services, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_users_and_categories::Migration),
            Box::new(m20261125_000002_create_services::Migration),
            Box::new(m20261125_000003_create_schedules::Migration),
            Box::new(m20261125_000004_create_appointments::Migration),
            Box::new(m20261126_000005_create_deliveries::Migration),
            Box::new(m20261127_000006_create_sessions_and_feed_tokens::Migration),
            Box::new(m20261127_000007_create_audit_log::Migration),
            Box::new(m20261128_000008_create_api_tokens::Migration),
            Box::new(m20261128_000009_add_email_verification::Migration),
            Box::new(m20261128_000010_create_calendar_links::Migration),
            Box::new(m20261129_000011_create_change_notifications::Migration),
            Box::new(m20261129_000012_index_pending_deliveries_in_order::Migration),
            Box::new(m20261202_000013_create_rate_limits::Migration),
            Box::new(m20261202_000014_create_external_busy::Migration),
            Box::new(m20261202_000023_create_reviews::Migration),
            Box::new(m20261202_000024_create_watch_channels::Migration),
            Box::new(m20261202_000026_add_busy_source_credentials::Migration),
            Box::new(m20261202_000028_create_webhooks::Migration),
            Box::new(m20261202_000029_add_webhooks_delivery_channel::Migration),
            Box::new(m20261202_000030_add_review_requests::Migration),
            Box::new(m20261202_000031_add_erased_users::Migration),
            Box::new(m20261202_000035_add_appointment_series::Migration),
            Box::new(m20261202_000036_drop_event_delivery_columns::Migration),
            Box::new(m20261202_000037_add_class_seats::Migration),
            Box::new(m20261202_000038_add_move_proposals::Migration),
            Box::new(m20261203_000039_create_waitlist::Migration),
            Box::new(m20261203_000040_add_hold_minutes::Migration),
            Box::new(m20261204_000041_notify_ended_sessions::Migration),
            Box::new(m20261204_000042_add_language_and_consent::Migration),
        ]
    }
}

/// The PostgreSQL advisory lock key held while migrating ("bys-migr" in ASCII).
const MIGRATION_LOCK: i64 = 0x6279_732d_6d69_6772;

/// Applies every pending migration.
///
/// On PostgreSQL the whole run is one transaction holding an advisory lock, so when several
/// instances start at once the first migrates and the others wait, then find nothing to do.
/// SQLite databases are local to one process and migrate directly.
///
/// # Errors
/// When a migration fails; on PostgreSQL nothing of the run is then applied.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let txn = db.begin().await?;
            txn.execute_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_advisory_xact_lock($1)",
                [MIGRATION_LOCK.into()],
            ))
            .await?;
            Migrator::up(&txn, None).await?;
            txn.commit().await
        }
        _ => Migrator::up(db, None).await,
    }
}

/// Runs the SQL of the connection's backend: `postgres` on PostgreSQL, `sqlite` otherwise
/// (an empty text: nothing to do on that backend).
async fn run_sql(manager: &SchemaManager<'_>, postgres: &str, sqlite: &str) -> Result<(), DbErr> {
    let sql = match manager.get_database_backend() {
        DatabaseBackend::Postgres => postgres,
        _ => sqlite,
    };
    if sql.trim().is_empty() {
        return Ok(());
    }
    manager
        .get_connection()
        .execute_unprepared(sql)
        .await
        .map(drop)
}
