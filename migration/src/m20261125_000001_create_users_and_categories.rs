//! Users (every role, with their password hash) and service categories.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `users` and `categories`.
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

// Emails are stored normalised (lower case) by `domain::Email`, so a plain unique index is
// enough. Instants are UTC; zones are IANA names.
const POSTGRES_UP: &str = r"
CREATE TABLE users (
    id             uuid PRIMARY KEY,
    email          text NOT NULL CONSTRAINT users_email_key UNIQUE,
    name           text NOT NULL,
    role           text NOT NULL CHECK (role IN ('customer', 'provider', 'support', 'admin')),
    zone           text NOT NULL,
    phone          text,
    calendar_email text,
    active         boolean NOT NULL,
    created_at     timestamptz NOT NULL,
    password_hash  text NOT NULL
);

CREATE TABLE categories (
    id       uuid PRIMARY KEY,
    name     text NOT NULL,
    slug     text NOT NULL CONSTRAINT categories_slug_key UNIQUE,
    position integer NOT NULL,
    active   boolean NOT NULL
);
";

// STRICT tables reject values of the wrong type instead of silently storing them. UUIDs are
// 16-byte blobs, booleans 0/1, instants RFC 3339 text in UTC (which sorts chronologically).
const SQLITE_UP: &str = r"
CREATE TABLE users (
    id             blob PRIMARY KEY NOT NULL,
    email          text NOT NULL UNIQUE,
    name           text NOT NULL,
    role           text NOT NULL CHECK (role IN ('customer', 'provider', 'support', 'admin')),
    zone           text NOT NULL,
    phone          text,
    calendar_email text,
    active         integer NOT NULL CHECK (active IN (0, 1)),
    created_at     text NOT NULL,
    password_hash  text NOT NULL
) STRICT;

CREATE TABLE categories (
    id       blob PRIMARY KEY NOT NULL,
    name     text NOT NULL,
    slug     text NOT NULL UNIQUE,
    position integer NOT NULL,
    active   integer NOT NULL CHECK (active IN (0, 1))
) STRICT;
";

const DOWN: &str = r"
DROP TABLE categories;
DROP TABLE users;
";
