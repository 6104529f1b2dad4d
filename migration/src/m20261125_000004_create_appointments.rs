//! Appointments with the database's no-overlap guarantee, their reschedule history and the
//! outbox of appointment events.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `appointments`, `appointment_reschedules` and `appointment_events`.
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

// The exclusion constraint makes two active appointments of one provider with overlapping
// blocked ranges impossible, whatever the concurrency or number of app instances; its
// violation is SQLSTATE 23P01. tstzrange is half-open, so back-to-back appointments fit.
// History is never deleted with its parents: every foreign key restricts.
const POSTGRES_UP: &str = r"
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE appointments (
    id              uuid PRIMARY KEY,
    service_id      uuid NOT NULL REFERENCES services (id) ON DELETE RESTRICT,
    provider_id     uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    customer_id     uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    session_start   timestamptz NOT NULL,
    session_end     timestamptz NOT NULL,
    blocked_start   timestamptz NOT NULL,
    blocked_end     timestamptz NOT NULL,
    status          text NOT NULL
                    CHECK (status IN ('requested', 'confirmed', 'cancelled', 'completed', 'no_show')),
    note            text,
    created_at      timestamptz NOT NULL,
    revision        bigint NOT NULL CHECK (revision >= 0),
    cancelled_by    text CHECK (cancelled_by IN ('customer', 'provider', 'staff')),
    cancel_reason   text,
    cancelled_at    timestamptz,
    idempotency_key text,
    CONSTRAINT appointments_ranges CHECK (
        session_start < session_end
        AND blocked_start <= session_start AND session_end <= blocked_end
    ),
    CONSTRAINT appointments_cancellation CHECK ((cancelled_by IS NULL) = (cancelled_at IS NULL)),
    CONSTRAINT appointments_idempotency_key UNIQUE (customer_id, idempotency_key),
    CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
        provider_id WITH =,
        tstzrange(blocked_start, blocked_end) WITH &&
    ) WHERE (status IN ('requested', 'confirmed'))
);
CREATE INDEX appointments_provider_blocked ON appointments (provider_id, blocked_start);
CREATE INDEX appointments_customer_session ON appointments (customer_id, session_start);

CREATE TABLE appointment_reschedules (
    appointment_id uuid NOT NULL REFERENCES appointments (id) ON DELETE RESTRICT,
    position       integer NOT NULL CHECK (position >= 0),
    from_start     timestamptz NOT NULL,
    from_end       timestamptz NOT NULL,
    to_start       timestamptz NOT NULL,
    to_end         timestamptz NOT NULL,
    by_party       text NOT NULL CHECK (by_party IN ('customer', 'provider', 'staff')),
    moved_at       timestamptz NOT NULL,
    PRIMARY KEY (appointment_id, position)
);

-- The outbox: written in the transaction of each appointment change, read by the delivery
-- worker, which sets delivered_at (or counts attempts and keeps the last error).
CREATE TABLE appointment_events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appointment_id uuid NOT NULL REFERENCES appointments (id) ON DELETE RESTRICT,
    kind           text NOT NULL,
    payload        jsonb NOT NULL,
    occurred_at    timestamptz NOT NULL,
    attempts       integer NOT NULL DEFAULT 0,
    last_error     text,
    delivered_at   timestamptz
);
CREATE INDEX appointment_events_pending ON appointment_events (id) WHERE delivered_at IS NULL;
CREATE INDEX appointment_events_appointment ON appointment_events (appointment_id);
";

// SQLite has no exclusion constraints. Writers are serialized (one write transaction at a
// time, and the adapter starts booking transactions with BEGIN IMMEDIATE), so a trigger that
// re-checks inside the writing transaction is as strong: it sees every committed appointment
// and no other write can interleave. RAISE(ABORT) rolls the statement back; the adapter maps
// the message to a conflict. Instants are RFC 3339 UTC text, which compares chronologically.
const SQLITE_UP: &str = r"
CREATE TABLE appointments (
    id              blob PRIMARY KEY NOT NULL,
    service_id      blob NOT NULL REFERENCES services (id) ON DELETE RESTRICT,
    provider_id     blob NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    customer_id     blob NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    session_start   text NOT NULL,
    session_end     text NOT NULL,
    blocked_start   text NOT NULL,
    blocked_end     text NOT NULL,
    status          text NOT NULL
                    CHECK (status IN ('requested', 'confirmed', 'cancelled', 'completed', 'no_show')),
    note            text,
    created_at      text NOT NULL,
    revision        integer NOT NULL CHECK (revision >= 0),
    cancelled_by    text CHECK (cancelled_by IN ('customer', 'provider', 'staff')),
    cancel_reason   text,
    cancelled_at    text,
    idempotency_key text,
    CHECK (
        session_start < session_end
        AND blocked_start <= session_start AND session_end <= blocked_end
    ),
    CHECK ((cancelled_by IS NULL) = (cancelled_at IS NULL)),
    UNIQUE (customer_id, idempotency_key)
) STRICT;
CREATE INDEX appointments_provider_blocked ON appointments (provider_id, blocked_start);
CREATE INDEX appointments_customer_session ON appointments (customer_id, session_start);

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

CREATE TABLE appointment_reschedules (
    appointment_id blob NOT NULL REFERENCES appointments (id) ON DELETE RESTRICT,
    position       integer NOT NULL CHECK (position >= 0),
    from_start     text NOT NULL,
    from_end       text NOT NULL,
    to_start       text NOT NULL,
    to_end         text NOT NULL,
    by_party       text NOT NULL CHECK (by_party IN ('customer', 'provider', 'staff')),
    moved_at       text NOT NULL,
    PRIMARY KEY (appointment_id, position)
) STRICT;

CREATE TABLE appointment_events (
    id             integer PRIMARY KEY AUTOINCREMENT,
    appointment_id blob NOT NULL REFERENCES appointments (id) ON DELETE RESTRICT,
    kind           text NOT NULL,
    payload        text NOT NULL CHECK (json_valid(payload)),
    occurred_at    text NOT NULL,
    attempts       integer NOT NULL DEFAULT 0,
    last_error     text,
    delivered_at   text
) STRICT;
CREATE INDEX appointment_events_pending ON appointment_events (id) WHERE delivered_at IS NULL;
CREATE INDEX appointment_events_appointment ON appointment_events (appointment_id);
";

const DOWN: &str = r"
DROP TABLE appointment_events;
DROP TABLE appointment_reschedules;
DROP TABLE appointments;
";
