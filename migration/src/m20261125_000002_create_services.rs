//! Services and their full-text search document (SQLite FTS5, PostgreSQL `tsvector` + GIN).

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `services` with the search machinery that keeps itself up to date.
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

// `seq` numbers services in insertion order ("newest first"). The search document covers the
// service's name (weight A, so relevance can tell name matches apart) and its description,
// category name and provider name (weight B); triggers rebuild it whenever any of them changes,
// so no writer can forget to. 'simple' (lower-casing, no stemming) because services are
// described in many languages and queries match word beginnings, not stems.
const POSTGRES_UP: &str = r"
CREATE TABLE services (
    id                           uuid PRIMARY KEY,
    seq                          bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT services_seq_key UNIQUE,
    provider_id                  uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    category_id                  uuid REFERENCES categories (id) ON DELETE RESTRICT,
    name                         text NOT NULL,
    description                  text NOT NULL,
    duration_minutes             integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
    buffer_before_minutes        integer NOT NULL CHECK (buffer_before_minutes BETWEEN 0 AND 240),
    buffer_after_minutes         integer NOT NULL CHECK (buffer_after_minutes BETWEEN 0 AND 240),
    price_minor                  bigint NOT NULL CHECK (price_minor >= 0),
    currency                     text NOT NULL CHECK (length(currency) = 3),
    policy_min_notice_minutes    integer,
    policy_horizon_days          integer,
    policy_slot_step_minutes     integer,
    policy_change_cutoff_minutes integer,
    policy_auto_confirm          boolean,
    active                       boolean NOT NULL,
    image                        text,
    search                       tsvector NOT NULL DEFAULT ''::tsvector,
    CONSTRAINT services_policy_complete CHECK (
        (policy_min_notice_minutes IS NULL) = (policy_horizon_days IS NULL)
        AND (policy_min_notice_minutes IS NULL) = (policy_change_cutoff_minutes IS NULL)
        AND (policy_min_notice_minutes IS NULL) = (policy_auto_confirm IS NULL)
        AND (policy_slot_step_minutes IS NULL OR policy_min_notice_minutes IS NOT NULL)
    )
);
CREATE INDEX services_provider ON services (provider_id);
CREATE INDEX services_category ON services (category_id);
CREATE INDEX services_search ON services USING gin (search);

CREATE FUNCTION services_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search :=
        setweight(to_tsvector('simple', NEW.name), 'A')
        || setweight(to_tsvector('simple', NEW.description), 'B')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT c.name FROM categories c WHERE c.id = NEW.category_id), '')), 'B')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT u.name FROM users u WHERE u.id = NEW.provider_id), '')), 'B');
    RETURN NEW;
END
$$;
CREATE TRIGGER services_search_document BEFORE INSERT OR UPDATE ON services
    FOR EACH ROW EXECUTE FUNCTION services_search_document();

-- Renaming a category or provider touches their services, which rebuilds their documents.
CREATE FUNCTION categories_search_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE services SET name = name WHERE category_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER categories_search_rename AFTER UPDATE OF name ON categories
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION categories_search_rename();

CREATE FUNCTION users_search_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE services SET name = name WHERE provider_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER users_search_rename AFTER UPDATE OF name ON users
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION users_search_rename();
";

// `seq` is the rowid (stable, unlike an implicit rowid) and the FTS5 row of the service. The
// unicode61 tokenizer splits on everything but letters and digits and folds case; diacritics
// are kept, as PostgreSQL's 'simple' configuration keeps them.
const SQLITE_UP: &str = r"
CREATE TABLE services (
    seq                          integer PRIMARY KEY,
    id                           blob NOT NULL UNIQUE,
    provider_id                  blob NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    category_id                  blob REFERENCES categories (id) ON DELETE RESTRICT,
    name                         text NOT NULL,
    description                  text NOT NULL,
    duration_minutes             integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
    buffer_before_minutes        integer NOT NULL CHECK (buffer_before_minutes BETWEEN 0 AND 240),
    buffer_after_minutes         integer NOT NULL CHECK (buffer_after_minutes BETWEEN 0 AND 240),
    price_minor                  integer NOT NULL CHECK (price_minor >= 0),
    currency                     text NOT NULL CHECK (length(currency) = 3),
    policy_min_notice_minutes    integer,
    policy_horizon_days          integer,
    policy_slot_step_minutes     integer,
    policy_change_cutoff_minutes integer,
    policy_auto_confirm          integer CHECK (policy_auto_confirm IN (0, 1)),
    active                       integer NOT NULL CHECK (active IN (0, 1)),
    image                        text,
    CHECK (
        (policy_min_notice_minutes IS NULL) = (policy_horizon_days IS NULL)
        AND (policy_min_notice_minutes IS NULL) = (policy_change_cutoff_minutes IS NULL)
        AND (policy_min_notice_minutes IS NULL) = (policy_auto_confirm IS NULL)
        AND (policy_slot_step_minutes IS NULL OR policy_min_notice_minutes IS NOT NULL)
    )
) STRICT;
CREATE INDEX services_provider ON services (provider_id);
CREATE INDEX services_category ON services (category_id);

CREATE VIRTUAL TABLE service_search USING fts5 (
    name, description, category, provider,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER services_search_insert AFTER INSERT ON services BEGIN
    INSERT INTO service_search (rowid, name, description, category, provider)
    SELECT NEW.seq, NEW.name, NEW.description, coalesce(c.name, ''), u.name
    FROM users u LEFT JOIN categories c ON c.id = NEW.category_id
    WHERE u.id = NEW.provider_id;
END;

CREATE TRIGGER services_search_update AFTER UPDATE ON services BEGIN
    DELETE FROM service_search WHERE rowid = OLD.seq;
    INSERT INTO service_search (rowid, name, description, category, provider)
    SELECT NEW.seq, NEW.name, NEW.description, coalesce(c.name, ''), u.name
    FROM users u LEFT JOIN categories c ON c.id = NEW.category_id
    WHERE u.id = NEW.provider_id;
END;

-- Renaming a category or provider touches their services, which rebuilds their documents.
CREATE TRIGGER categories_search_rename AFTER UPDATE OF name ON categories
WHEN OLD.name IS NOT NEW.name BEGIN
    UPDATE services SET name = name WHERE category_id = NEW.id;
END;

CREATE TRIGGER users_search_rename AFTER UPDATE OF name ON users
WHEN OLD.name IS NOT NEW.name BEGIN
    UPDATE services SET name = name WHERE provider_id = NEW.id;
END;
";

const POSTGRES_DOWN: &str = r"
DROP TRIGGER users_search_rename ON users;
DROP FUNCTION users_search_rename();
DROP TRIGGER categories_search_rename ON categories;
DROP FUNCTION categories_search_rename();
DROP TABLE services;
DROP FUNCTION services_search_document();
";

const SQLITE_DOWN: &str = r"
DROP TRIGGER users_search_rename;
DROP TRIGGER categories_search_rename;
DROP TABLE service_search;
DROP TABLE services;
";
