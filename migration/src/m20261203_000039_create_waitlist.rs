//! The waitlist, and holds: appointments in status `held` (a freed place kept for the first
//! customer waiting) block the provider's time under the same no-overlap guarantee as bookings,
//! and `released` ones (declined or expired holds) do not.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::run_sql;

/// Adds the statuses `held` and `released`, widens the no-overlap guarantee to `held`, and
/// creates `waitlist_entries`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            replace_status_check(manager, STATUSES, STATUSES_WITH_HOLDS).await?;
        }
        run_sql(manager, POSTGRES_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_DOWN, SQLITE_DOWN).await?;
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            replace_status_check(manager, STATUSES_WITH_HOLDS, STATUSES).await?;
        }
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

/// The status list of `appointments` as `m20261125_000004` wrote it, and with the holds.
const STATUSES: &str = "'cancelled', 'completed', 'no_show')";
const STATUSES_WITH_HOLDS: &str = "'cancelled', 'completed', 'no_show', 'held', 'released')";

/// Rewrites the CHECK of `appointments.status` on SQLite, which cannot alter a constraint. The
/// procedure SQLite documents for changes that leave the stored rows valid ("Making Other
/// Kinds Of Table Schema Changes" in `lang_altertable.html`): edit the table's SQL in the schema
/// table and bump `schema_version` so every connection reloads it. Up only widens the list;
/// down runs after every held or released row became cancelled.
async fn replace_status_check(
    manager: &SchemaManager<'_>,
    from: &str,
    to: &str,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let version = db
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            "PRAGMA schema_version",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("no schema version".to_owned()))?
        .try_get_by_index::<i64>(0)?;
    let edit = format!(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = replace(sql, '{}', '{}')
             WHERE type = 'table' AND name = 'appointments';
         PRAGMA schema_version = {};
         PRAGMA writable_schema = OFF;",
        from.replace('\'', "''"),
        to.replace('\'', "''"),
        version + 1
    );
    db.execute_unprepared(&edit).await.map(drop)
}

// One open entry (waiting or offered) per customer and service; a hold belongs to one entry.
// The window is read in `zone` (the customer's): days as ISO dates, times as minutes since
// midnight. `hold_expires_at` is when the offered hold lapses; the expiry worker releases it.
const POSTGRES_UP: &str = r"
ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check CHECK (status IN (
    'requested', 'confirmed', 'cancelled', 'completed', 'no_show', 'held', 'released'));
ALTER TABLE appointments DROP CONSTRAINT appointments_no_overlap;
ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
    provider_id WITH =,
    tstzrange(blocked_start, blocked_end) WITH &&,
    (COALESCE(occurrence, id::text)) WITH <>
) WHERE (status IN ('requested', 'confirmed', 'held'));

CREATE TABLE waitlist_entries (
    id              uuid PRIMARY KEY,
    service_id      uuid NOT NULL REFERENCES services (id) ON DELETE RESTRICT,
    provider_id     uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    customer_id     uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    first_day       text NOT NULL,
    last_day        text NOT NULL,
    from_minute     integer NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
    until_minute    integer NOT NULL CHECK (until_minute BETWEEN 1 AND 1440),
    zone            text NOT NULL,
    joined_at       timestamptz NOT NULL,
    state           text NOT NULL
                    CHECK (state IN ('waiting', 'offered', 'booked', 'released', 'left')),
    hold_id         uuid UNIQUE REFERENCES appointments (id) ON DELETE RESTRICT,
    hold_expires_at timestamptz,
    CONSTRAINT waitlist_entries_hold CHECK ((hold_id IS NULL) = (hold_expires_at IS NULL)),
    CONSTRAINT waitlist_entries_offered CHECK (state NOT IN ('offered', 'booked') OR hold_id IS NOT NULL)
);
CREATE UNIQUE INDEX waitlist_entries_one_open ON waitlist_entries (customer_id, service_id)
    WHERE state IN ('waiting', 'offered');
CREATE INDEX waitlist_entries_waiting ON waitlist_entries (joined_at) WHERE state = 'waiting';
CREATE INDEX waitlist_entries_offered ON waitlist_entries (hold_expires_at)
    WHERE state = 'offered';
CREATE INDEX waitlist_entries_provider ON waitlist_entries (provider_id, joined_at);
";

const POSTGRES_DOWN: &str = r"
DROP TABLE waitlist_entries;
UPDATE appointments SET status = 'cancelled', cancelled_by = 'staff', cancelled_at = now()
    WHERE status IN ('held', 'released');
ALTER TABLE appointments DROP CONSTRAINT appointments_no_overlap;
ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
    provider_id WITH =,
    tstzrange(blocked_start, blocked_end) WITH &&,
    (COALESCE(occurrence, id::text)) WITH <>
) WHERE (status IN ('requested', 'confirmed'));
ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check CHECK (status IN (
    'requested', 'confirmed', 'cancelled', 'completed', 'no_show'));
";

// The triggers of m20261202_000037 with `held` among the statuses that hold time.
const SQLITE_UP: &str = r"
DROP TRIGGER appointments_no_overlap_insert;
CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status IN ('requested', 'confirmed', 'held') BEGIN
    SELECT RAISE(ABORT, 'appointments_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.provider_id = NEW.provider_id
          AND a.status IN ('requested', 'confirmed', 'held')
          AND a.blocked_start < NEW.blocked_end
          AND NEW.blocked_start < a.blocked_end
          AND (NEW.occurrence IS NULL OR a.occurrence IS NOT NEW.occurrence)
    );
END;

DROP TRIGGER appointments_no_overlap_update;
CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF provider_id, blocked_start, blocked_end, status, occurrence ON appointments
WHEN NEW.status IN ('requested', 'confirmed', 'held') BEGIN
    SELECT RAISE(ABORT, 'appointments_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.provider_id = NEW.provider_id
          AND a.id <> NEW.id
          AND a.status IN ('requested', 'confirmed', 'held')
          AND a.blocked_start < NEW.blocked_end
          AND NEW.blocked_start < a.blocked_end
          AND (NEW.occurrence IS NULL OR a.occurrence IS NOT NEW.occurrence)
    );
END;

CREATE TABLE waitlist_entries (
    id              blob PRIMARY KEY NOT NULL,
    service_id      blob NOT NULL REFERENCES services (id) ON DELETE RESTRICT,
    provider_id     blob NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    customer_id     blob NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    first_day       text NOT NULL,
    last_day        text NOT NULL,
    from_minute     integer NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
    until_minute    integer NOT NULL CHECK (until_minute BETWEEN 1 AND 1440),
    zone            text NOT NULL,
    joined_at       text NOT NULL,
    state           text NOT NULL
                    CHECK (state IN ('waiting', 'offered', 'booked', 'released', 'left')),
    hold_id         blob UNIQUE REFERENCES appointments (id) ON DELETE RESTRICT,
    hold_expires_at text,
    CHECK ((hold_id IS NULL) = (hold_expires_at IS NULL)),
    CHECK (state NOT IN ('offered', 'booked') OR hold_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX waitlist_entries_one_open ON waitlist_entries (customer_id, service_id)
    WHERE state IN ('waiting', 'offered');
CREATE INDEX waitlist_entries_waiting ON waitlist_entries (joined_at) WHERE state = 'waiting';
CREATE INDEX waitlist_entries_offered ON waitlist_entries (hold_expires_at)
    WHERE state = 'offered';
CREATE INDEX waitlist_entries_provider ON waitlist_entries (provider_id, joined_at);
";

const SQLITE_DOWN: &str = r"
DROP TABLE waitlist_entries;
UPDATE appointments SET status = 'cancelled', cancelled_by = 'staff', cancelled_at = created_at
    WHERE status IN ('held', 'released');

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
