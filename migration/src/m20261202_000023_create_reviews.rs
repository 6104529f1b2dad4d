//! Verified reviews of completed appointments, the reports people make about them, and the
//! change notifications that keep cached search pages' ratings current.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `reviews` and `review_reports`.
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

// One review per appointment (UNIQUE appointment_id); service, provider and customer are
// copied from the appointment so lists and ratings need no join. hidden_by has no foreign key,
// like the audit log's actor. One open report per reporter and review (a partial unique
// index); resolved reports stay as a record. Reviews notify like the catalog: search pages
// show ratings.
const POSTGRES_UP: &str = r"
CREATE TABLE reviews (
    id              uuid PRIMARY KEY,
    appointment_id  uuid NOT NULL UNIQUE REFERENCES appointments (id) ON DELETE RESTRICT,
    service_id      uuid NOT NULL REFERENCES services (id) ON DELETE RESTRICT,
    provider_id     uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    customer_id     uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    stars           integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
    body            text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    editable_until  timestamptz NOT NULL,
    reply           text,
    replied_at      timestamptz,
    hidden_by       uuid,
    hidden_reason   text,
    hidden_at       timestamptz,
    CONSTRAINT reviews_reply CHECK ((reply IS NULL) = (replied_at IS NULL)),
    CONSTRAINT reviews_hidden CHECK (
        (hidden_at IS NULL) = (hidden_by IS NULL) AND (hidden_at IS NULL) = (hidden_reason IS NULL)
    )
);
CREATE INDEX reviews_service ON reviews (service_id, created_at DESC, id DESC);
CREATE INDEX reviews_provider ON reviews (provider_id, created_at DESC, id DESC);

CREATE TABLE review_reports (
    id           uuid PRIMARY KEY,
    review_id    uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    reporter_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason       text NOT NULL,
    at           timestamptz NOT NULL,
    resolved_at  timestamptz
);
CREATE UNIQUE INDEX review_reports_open ON review_reports (review_id, reporter_id)
    WHERE resolved_at IS NULL;
CREATE INDEX review_reports_pending ON review_reports (at, review_id) WHERE resolved_at IS NULL;

CREATE TRIGGER reviews_notify AFTER INSERT OR UPDATE OR DELETE ON reviews
    FOR EACH STATEMENT EXECUTE FUNCTION bys_notify_catalog_change();
";

const SQLITE_UP: &str = r"
CREATE TABLE reviews (
    id              blob PRIMARY KEY NOT NULL,
    appointment_id  blob NOT NULL UNIQUE REFERENCES appointments (id) ON DELETE RESTRICT,
    service_id      blob NOT NULL REFERENCES services (id) ON DELETE RESTRICT,
    provider_id     blob NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    customer_id     blob NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    stars           integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
    body            text,
    created_at      text NOT NULL,
    updated_at      text NOT NULL,
    editable_until  text NOT NULL,
    reply           text,
    replied_at      text,
    hidden_by       blob,
    hidden_reason   text,
    hidden_at       text,
    CHECK ((reply IS NULL) = (replied_at IS NULL)),
    CHECK ((hidden_at IS NULL) = (hidden_by IS NULL) AND (hidden_at IS NULL) = (hidden_reason IS NULL))
) STRICT;
CREATE INDEX reviews_service ON reviews (service_id, created_at DESC, id DESC);
CREATE INDEX reviews_provider ON reviews (provider_id, created_at DESC, id DESC);

CREATE TABLE review_reports (
    id           blob PRIMARY KEY NOT NULL,
    review_id    blob NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    reporter_id  blob NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason       text NOT NULL,
    at           text NOT NULL,
    resolved_at  text
) STRICT;
CREATE UNIQUE INDEX review_reports_open ON review_reports (review_id, reporter_id)
    WHERE resolved_at IS NULL;
CREATE INDEX review_reports_pending ON review_reports (at, review_id) WHERE resolved_at IS NULL;
";

const POSTGRES_DOWN: &str = r"
DROP TABLE review_reports;
DROP TABLE reviews;
";

const SQLITE_DOWN: &str = POSTGRES_DOWN;
