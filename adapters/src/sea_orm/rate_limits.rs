//! [`RateLimits`] on sea-orm: `rate_limits`, one row per counter, updated by a single upsert
//! per request so that concurrent hits from any instance are all counted.

use std::collections::HashMap;
use std::fmt::Write as _;

use ::sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};
use application::ports::{Hit, LimitKey, RateLimits, RepoError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::error::{read_failed, write_failed};

/// Counters in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmRateLimits {
    db: DatabaseConnection,
}

impl SeaOrmRateLimits {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    fn placeholder(&self, n: usize) -> String {
        match self.db.get_database_backend() {
            DbBackend::Postgres => format!("${n}"),
            _ => "?".to_owned(),
        }
    }

    fn statement(&self, sql: String, values: Vec<Value>) -> Statement {
        Statement::from_sql_and_values(self.db.get_database_backend(), sql, values)
    }

    /// One upsert for `hits`, whose keys are distinct (a statement may not update a row twice).
    async fn hit_distinct(&self, hits: &[Hit]) -> Result<Vec<u32>, RepoError> {
        let mut sql = "INSERT INTO rate_limits (limit_key, window_start, hits) VALUES ".to_owned();
        let mut values = Vec::with_capacity(hits.len() * 2);
        for (i, hit) in hits.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            let _ = write!(
                sql,
                "{separator}({}, {}, 1)",
                self.placeholder(2 * i + 1),
                self.placeholder(2 * i + 2)
            );
            values.push(Value::from(hit.key.as_str().to_owned()));
            values.push(Value::from(hit.window_start.timestamp()));
        }
        // Both SET expressions read the row as it was: a newer window restarts the count, an
        // older one (a hit from an instance whose clock is behind) counts in the stored one.
        sql.push_str(
            " ON CONFLICT (limit_key) DO UPDATE SET \
             hits = CASE WHEN rate_limits.window_start >= excluded.window_start \
                    THEN rate_limits.hits + 1 ELSE 1 END, \
             window_start = CASE WHEN rate_limits.window_start >= excluded.window_start \
                    THEN rate_limits.window_start ELSE excluded.window_start END \
             RETURNING limit_key, hits",
        );
        let rows = self
            .db
            .query_all_raw(self.statement(sql, values))
            .await
            .map_err(write_failed)?;
        let mut counts = HashMap::with_capacity(rows.len());
        for row in rows {
            let key: String = row.try_get("", "limit_key").map_err(read_failed)?;
            let hits: i32 = row.try_get("", "hits").map_err(read_failed)?;
            counts.insert(key, u32::try_from(hits).unwrap_or(0));
        }
        hits.iter()
            .map(|hit| {
                counts.get(hit.key.as_str()).copied().ok_or_else(|| {
                    RepoError::Backend(format!("no count returned for {}", hit.key.as_str()).into())
                })
            })
            .collect()
    }
}

#[async_trait]
impl RateLimits for SeaOrmRateLimits {
    async fn hit(&self, hits: &[Hit]) -> Result<Vec<u32>, RepoError> {
        if hits.is_empty() {
            return Ok(Vec::new());
        }
        let mut distinct: Vec<&LimitKey> = hits.iter().map(|h| &h.key).collect();
        distinct.sort_by_key(|k| k.as_str());
        distinct.dedup();
        if distinct.len() == hits.len() {
            return self.hit_distinct(hits).await;
        }
        let mut counts = Vec::with_capacity(hits.len());
        for hit in hits {
            counts.extend(self.hit_distinct(std::slice::from_ref(hit)).await?);
        }
        Ok(counts)
    }

    async fn count(&self, hit: &Hit) -> Result<u32, RepoError> {
        let sql = format!(
            "SELECT hits FROM rate_limits WHERE limit_key = {} AND window_start >= {}",
            self.placeholder(1),
            self.placeholder(2)
        );
        let values = vec![
            Value::from(hit.key.as_str().to_owned()),
            Value::from(hit.window_start.timestamp()),
        ];
        let row = self
            .db
            .query_one_raw(self.statement(sql, values))
            .await
            .map_err(read_failed)?;
        let Some(row) = row else { return Ok(0) };
        let hits: i32 = row.try_get("", "hits").map_err(read_failed)?;
        Ok(u32::try_from(hits).unwrap_or(0))
    }

    async fn clear(&self, key: &LimitKey) -> Result<(), RepoError> {
        let sql = format!(
            "DELETE FROM rate_limits WHERE limit_key = {}",
            self.placeholder(1)
        );
        self.db
            .execute_raw(self.statement(sql, vec![Value::from(key.as_str().to_owned())]))
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn purge(&self, before: DateTime<Utc>) -> Result<u64, RepoError> {
        let sql = format!(
            "DELETE FROM rate_limits WHERE window_start < {}",
            self.placeholder(1)
        );
        self.db
            .execute_raw(self.statement(sql, vec![Value::from(before.timestamp())]))
            .await
            .map(|done| done.rows_affected())
            .map_err(write_failed)
    }
}
