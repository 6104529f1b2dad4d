//! The marketplace search in SQL, the same semantics on both databases.
//!
//! The text is split into words (runs of letters and digits); a service matches when each word
//! begins, ignoring case, a word of its name, description, category name or provider name — a
//! full-text prefix query ("hair" finds "Haircut"), answered by SQLite's FTS5 table or
//! PostgreSQL's GIN-indexed `tsvector`, both kept up to date by triggers. Relevance ranks
//! services by how many query words match in their name; by rating: highest average of the
//! visible reviews first, then most reviews, unrated last; every order breaks ties newest
//! first. Only active services of active providers match.

use std::fmt::Write as _;

use ::sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value,
};
use application::ports::{Page, RepoError, SearchQuery, ServiceListing, SortOrder};
use domain::{CategoryName, PersonName, Rating, Zone};
use uuid::Uuid;

use super::error::{CorruptRow, corrupt, read_failed};
use super::services::row as service_row;

/// SQL text with its bound values, numbering placeholders as the backend wants them.
struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    fn push(&mut self, sql: &str) -> &mut Self {
        self.text.push_str(sql);
        self
    }

    fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => {
                let _ = write!(self.text, "${}", self.values.len());
            }
            _ => self.text.push('?'),
        }
        self
    }

    fn is_postgres(&self) -> bool {
        self.backend == DbBackend::Postgres
    }

    fn into_statement(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}

/// The lower-cased words of a search text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The FTS5 query matching every word as a prefix, within `column` if given. Words are letters
/// and digits only, so quoting them is enough.
fn fts5_query(words: &[String], column: Option<&str>) -> String {
    let filter = column.map(|c| format!("{c} : ")).unwrap_or_default();
    words
        .iter()
        .map(|w| format!("{filter}\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The `to_tsquery` text matching every word as a prefix, within `weight` if given.
fn tsquery(words: &[String], weight: &str) -> String {
    words
        .iter()
        .map(|w| format!("{w}:*{weight}"))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// Appends the `FROM ... WHERE ...` shared by the count and the page.
fn from_where(sql: &mut Sql, query: &SearchQuery, words: &[String]) {
    sql.push(
        " FROM services s JOIN users u ON u.id = s.provider_id \
         LEFT JOIN categories c ON c.id = s.category_id \
         LEFT JOIN (SELECT service_id, COUNT(*) AS rating_count, SUM(stars) AS rating_stars \
         FROM reviews WHERE hidden_at IS NULL GROUP BY service_id) r ON r.service_id = s.id",
    );
    let matching = !words.is_empty();
    if matching && !sql.is_postgres() {
        sql.push(" JOIN service_search ON service_search.rowid = s.seq");
    }
    sql.push(" WHERE s.active AND u.active AND u.role = 'provider'");
    if matching {
        if sql.is_postgres() {
            sql.push(" AND s.search @@ to_tsquery('simple', ")
                .bind(tsquery(words, ""))
                .push(")");
        } else {
            sql.push(" AND service_search MATCH ")
                .bind(fts5_query(words, None));
        }
    }
    if let Some(category) = query.category {
        sql.push(" AND s.category_id = ").bind(category.as_uuid());
    }
    if let Some(provider) = query.provider {
        sql.push(" AND s.provider_id = ").bind(provider.as_uuid());
    }
    if let Some(min) = query.min_price {
        sql.push(" AND s.price_minor >= ").bind(min);
    }
    if let Some(max) = query.max_price {
        sql.push(" AND s.price_minor <= ").bind(max);
    }
    if let Some(max) = query.max_duration {
        sql.push(" AND s.duration_minutes <= ").bind(i32::from(max));
    }
    if let Some(min) = query.min_rating {
        // The average is at least `min` exactly when the stars add up to `min` per review.
        sql.push(" AND r.rating_stars >= r.rating_count * ")
            .bind(i64::from(min.get()));
    }
}

/// Appends the `ORDER BY`.
fn order_by(sql: &mut Sql, sort: SortOrder, words: &[String]) {
    sql.push(" ORDER BY ");
    match sort {
        SortOrder::Relevance if !words.is_empty() => {
            // How many query words match in the name: weight A of the tsvector on PostgreSQL,
            // the name column of the FTS5 table on SQLite.
            sql.push("(");
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    sql.push(" + ");
                }
                let word = std::slice::from_ref(word);
                if sql.is_postgres() {
                    sql.push("CASE WHEN s.search @@ to_tsquery('simple', ")
                        .bind(tsquery(word, "A"))
                        .push(") THEN 1 ELSE 0 END");
                } else {
                    sql.push(
                        "(SELECT COUNT(*) FROM service_search \
                         WHERE service_search.rowid = s.seq AND service_search MATCH ",
                    )
                    .bind(fts5_query(word, Some("name")))
                    .push(")");
                }
            }
            sql.push(") DESC, ");
        }
        SortOrder::Relevance | SortOrder::Newest => {}
        SortOrder::PriceAscending => {
            sql.push("s.price_minor ASC, ");
        }
        SortOrder::PriceDescending => {
            sql.push("s.price_minor DESC, ");
        }
        SortOrder::Rating => {
            sql.push(
                "COALESCE(CAST(r.rating_stars AS DOUBLE PRECISION) / r.rating_count, 0) DESC, \
                 COALESCE(r.rating_count, 0) DESC, ",
            );
        }
    }
    sql.push("s.seq DESC");
}

/// One result: the service's columns and the names shown with it.
#[derive(Debug, FromQueryResult)]
struct ListingRow {
    id: Uuid,
    provider_id: Uuid,
    category_id: Option<Uuid>,
    name: String,
    description: String,
    duration_minutes: i32,
    buffer_before_minutes: i32,
    buffer_after_minutes: i32,
    price_minor: i64,
    currency: String,
    policy_min_notice_minutes: Option<i32>,
    policy_horizon_days: Option<i32>,
    policy_slot_step_minutes: Option<i32>,
    policy_change_cutoff_minutes: Option<i32>,
    policy_auto_confirm: Option<bool>,
    policy_hold_minutes: Option<i32>,
    active: bool,
    image: Option<String>,
    capacity: i32,
    provider_name: String,
    provider_zone: String,
    category_name: Option<String>,
    rating_count: i64,
    rating_stars: i64,
}

const LISTING_COLUMNS: &str = "SELECT s.id, s.provider_id, s.category_id, s.name, s.description, \
     s.duration_minutes, s.buffer_before_minutes, s.buffer_after_minutes, s.price_minor, \
     s.currency, s.policy_min_notice_minutes, s.policy_horizon_days, s.policy_slot_step_minutes, \
     s.policy_change_cutoff_minutes, s.policy_auto_confirm, s.policy_hold_minutes, s.active, \
     s.image, s.capacity, \
     u.name AS provider_name, u.zone AS provider_zone, c.name AS category_name, \
     COALESCE(r.rating_count, 0) AS rating_count, COALESCE(r.rating_stars, 0) AS rating_stars";

impl ListingRow {
    fn try_into_domain(self) -> Result<ServiceListing, CorruptRow> {
        let service = service_row::Model {
            id: self.id,
            provider_id: self.provider_id,
            category_id: self.category_id,
            name: self.name,
            description: self.description,
            duration_minutes: self.duration_minutes,
            buffer_before_minutes: self.buffer_before_minutes,
            buffer_after_minutes: self.buffer_after_minutes,
            price_minor: self.price_minor,
            currency: self.currency,
            policy_min_notice_minutes: self.policy_min_notice_minutes,
            policy_horizon_days: self.policy_horizon_days,
            policy_slot_step_minutes: self.policy_slot_step_minutes,
            policy_change_cutoff_minutes: self.policy_change_cutoff_minutes,
            policy_auto_confirm: self.policy_auto_confirm,
            policy_hold_minutes: self.policy_hold_minutes,
            active: self.active,
            image: self.image,
            capacity: self.capacity,
        }
        .try_into_domain()?;
        Ok(ServiceListing {
            service,
            provider_name: PersonName::parse(&self.provider_name).map_err(corrupt("users.name"))?,
            provider_zone: Zone::parse(&self.provider_zone).map_err(corrupt("users.zone"))?,
            category_name: self
                .category_name
                .as_deref()
                .map(CategoryName::parse)
                .transpose()
                .map_err(corrupt("categories.name"))?,
            rating: Rating {
                count: u64::try_from(self.rating_count).map_err(corrupt("reviews"))?,
                stars: u64::try_from(self.rating_stars).map_err(corrupt("reviews"))?,
            },
        })
    }
}

/// The page of `query`'s results and their total.
pub(super) async fn run(
    db: &DatabaseConnection,
    query: &SearchQuery,
) -> Result<Page<ServiceListing>, RepoError> {
    let backend = db.get_database_backend();
    let words = words(query.text.as_deref().unwrap_or_default());

    let mut count = Sql::new(backend);
    count.push("SELECT COUNT(*) AS total");
    from_where(&mut count, query, &words);
    let total: i64 = db
        .query_one_raw(count.into_statement())
        .await
        .map_err(read_failed)?
        .map(|row| row.try_get("", "total"))
        .transpose()
        .map_err(read_failed)?
        .unwrap_or_default();

    let request = query.page;
    let mut page = Sql::new(backend);
    page.push(LISTING_COLUMNS);
    from_where(&mut page, query, &words);
    order_by(&mut page, query.sort, &words);
    page.push(" LIMIT ")
        .bind(i64::from(request.per_page()))
        .push(" OFFSET ")
        .bind(i64::try_from(request.offset()).unwrap_or(i64::MAX));
    let rows = ListingRow::find_by_statement(page.into_statement())
        .all(db)
        .await
        .map_err(read_failed)?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(ListingRow::try_into_domain)
            .collect::<Result<_, _>>()?,
        total: u64::try_from(total).unwrap_or_default(),
        request,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_lower_cased_runs_of_letters_and_digits() {
        assert_eq!(
            words("  FLOW, hot!  50% off_ée"),
            ["flow", "hot", "50", "off", "ée"]
        );
        assert!(words("!!").is_empty());
    }

    #[test]
    fn words_become_prefix_queries() {
        let words = words("Hair cut");
        assert_eq!(fts5_query(&words, None), r#""hair"* AND "cut"*"#);
        assert_eq!(fts5_query(&words[..1], Some("name")), r#"name : "hair"*"#);
        assert_eq!(tsquery(&words, ""), "hair:* & cut:*");
        assert_eq!(tsquery(&words[..1], "A"), "hair:*A");
    }

    #[test]
    fn placeholders_are_numbered_on_postgres_and_anonymous_on_sqlite() {
        let mut pg = Sql::new(DbBackend::Postgres);
        pg.push("a = ").bind(1).push(" AND b = ").bind(2);
        assert_eq!(pg.text, "a = $1 AND b = $2");
        let mut lite = Sql::new(DbBackend::Sqlite);
        lite.push("a = ").bind(1);
        assert_eq!(lite.text, "a = ?");
    }
}
