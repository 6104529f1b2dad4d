//! Lets workers claim the oldest pending deliveries without reading all of them: the claim
//! walks pending deliveries in `seq` order and stops at its batch size. With only the
//! `(appointment_id, channel, seq)` index, every claim read and sorted the whole backlog, so a
//! backlog (a mail outage, a burst of bookings) made each claim slower than the last: under the
//! load harness's booking case PostgreSQL spent two thirds of the machine on claims.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `deliveries_pending_in_order`.
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

const UP: &str =
    "CREATE INDEX deliveries_pending_in_order ON deliveries (seq) WHERE state = 'pending';";

const DOWN: &str = "DROP INDEX deliveries_pending_in_order;";
