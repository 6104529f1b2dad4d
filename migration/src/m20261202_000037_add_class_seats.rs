//! Classes with seats: a service's capacity, and the seats of one class occurrence sharing the
//! provider's time under the no-overlap guarantee.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Adds `services.capacity` and `appointments.occurrence`; the no-overlap constraint (PostgreSQL)
/// and triggers (SQLite) let the seats of one occurrence overlap each other, nothing else.
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

// `occurrence` names the class occurrence a seat belongs to (service id and start, written by
// the adapter); NULL for a one-to-one appointment, which then stands for itself (its id), so
// a row written without it keeps today's guarantee. Two active rows of a provider with
// overlapping blocked ranges may coexist only when both are seats of the same occurrence.
// How many seats an occurrence has is counted by the adapter in the write transaction that
// holds the provider's advisory lock, not by a constraint.
const POSTGRES_UP: &str = r"
ALTER TABLE services ADD COLUMN capacity integer NOT NULL DEFAULT 1
    CONSTRAINT services_capacity CHECK (capacity BETWEEN 1 AND 100);

ALTER TABLE appointments ADD COLUMN occurrence text;
ALTER TABLE appointments DROP CONSTRAINT appointments_no_overlap;
ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
    provider_id WITH =,
    tstzrange(blocked_start, blocked_end) WITH &&,
    (COALESCE(occurrence, id::text)) WITH <>
) WHERE (status IN ('requested', 'confirmed'));
CREATE INDEX appointments_occurrence ON appointments (occurrence)
    WHERE occurrence IS NOT NULL;
";

const POSTGRES_DOWN: &str = r"
DROP INDEX appointments_occurrence;
ALTER TABLE appointments DROP CONSTRAINT appointments_no_overlap;
ALTER TABLE appointments DROP COLUMN occurrence;
ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
    provider_id WITH =,
    tstzrange(blocked_start, blocked_end) WITH &&
) WHERE (status IN ('requested', 'confirmed'));
ALTER TABLE services DROP COLUMN capacity;
";

// The triggers of m20261125_000004 with the same exception: `IS NOT` is SQLite's null-safe
// inequality, so a one-to-one row (NULL) differs from everything, itself included.
const SQLITE_UP: &str = r"
ALTER TABLE services ADD COLUMN capacity integer NOT NULL DEFAULT 1
    CHECK (capacity BETWEEN 1 AND 100);

ALTER TABLE appointments ADD COLUMN occurrence text;
CREATE INDEX appointments_occurrence ON appointments (occurrence)
    WHERE occurrence IS NOT NULL;

DROP TRIGGER appointments_no_overlap_insert;
CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status IN ('requested', 'confirmed') BEGIN
    SELECT RAISE(ABORT, 'appointments_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.provider_id = NEW.provider_id
          AND a.status IN ('requested', 'confirmed')
          AND a.blocked_start < NEW.blocked_end
          AND NEW.blocked_start < a.blocked_end
          AND (NEW.occurrence IS NULL OR a.occurrence IS NOT NEW.occurrence)
    );
END;

DROP TRIGGER appointments_no_overlap_update;
CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF provider_id, blocked_start, blocked_end, status, occurrence ON appointments
WHEN NEW.status IN ('requested', 'confirmed') BEGIN
    SELECT RAISE(ABORT, 'appointments_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.provider_id = NEW.provider_id
          AND a.id <> NEW.id
          AND a.status IN ('requested', 'confirmed')
          AND a.blocked_start < NEW.blocked_end
          AND NEW.blocked_start < a.blocked_end
          AND (NEW.occurrence IS NULL OR a.occurrence IS NOT NEW.occurrence)
    );
END;
";

const SQLITE_DOWN: &str = r"
DROP TRIGGER appointments_no_overlap_insert;
CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status IN ('requested', 'confirmed') BEGIN
    SELECT RAISE(ABORT, 'appointments_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.provider_id = NEW.provider_id
          AND a.status IN ('requested', 'confirmed')
          AND a.blocked_start < NEW.blocked_end
          AND NEW.blocked_start < a.blocked_end
    );
END;

DROP TRIGGER appointments_no_overlap_update;
CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF provider_id, blocked_start, blocked_end, status ON appointments
WHEN NEW.status IN ('requested', 'confirmed') BEGIN
    SELECT RAISE(ABORT, 'appointments_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.provider_id = NEW.provider_id
          AND a.id <> NEW.id
          AND a.status IN ('requested', 'confirmed')
          AND a.blocked_start < NEW.blocked_end
          AND NEW.blocked_start < a.blocked_end
    );
END;

DROP INDEX appointments_occurrence;
ALTER TABLE appointments DROP COLUMN occurrence;
ALTER TABLE services DROP COLUMN capacity;
";
