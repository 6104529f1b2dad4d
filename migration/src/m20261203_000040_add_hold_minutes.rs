//! How long a freed place is held for the first customer on the waitlist: part of the booking
//! policy, so a provider sets it and a service with its own policy may too.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Adds `schedules.hold_minutes` (two hours for everyone so far) and
/// `services.policy_hold_minutes` (empty: two hours, or the service has no policy of its own).
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

// 15 minutes to 3 days, as `BookingPolicy::HOLD_MINUTES`.
const UP: &str = r"
ALTER TABLE schedules ADD COLUMN hold_minutes integer NOT NULL DEFAULT 120
    CHECK (hold_minutes BETWEEN 15 AND 4320);
ALTER TABLE services ADD COLUMN policy_hold_minutes integer
    CHECK (policy_hold_minutes BETWEEN 15 AND 4320);
";

const DOWN: &str = r"
ALTER TABLE services DROP COLUMN policy_hold_minutes;
ALTER TABLE schedules DROP COLUMN hold_minutes;
";
