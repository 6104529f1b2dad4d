//! The marketplace search over the in-memory tables.
//!
//! Semantics every backend shares (the contract suite checks them): the text is split into
//! words (runs of letters and digits); a service matches when each word begins, ignoring case,
//! a word of its name, description, category name or provider name ("hair" finds "Haircut",
//! as full-text prefix queries do). Relevance ranks services by how many query words match in
//! their name, then newest first; by rating: highest average first, then most reviews, unrated
//! last; the other orders also break ties newest first.

use std::cmp::Reverse;

use application::ports::{Page, Reviewed, SearchQuery, ServiceListing, SortOrder};

use super::categories::CategoryTable;
use super::reviews::ReviewTable;
use super::services::{ServiceRow, ServiceTable};
use super::users::UserTable;

/// A listing that matched, with what it is sorted by.
struct Hit {
    listing: ServiceListing,
    added: u64,
    name_matches: usize,
}

/// The page of `query`'s results.
pub(super) fn run(
    services: &ServiceTable,
    users: &UserTable,
    categories: &CategoryTable,
    reviews: &ReviewTable,
    query: &SearchQuery,
) -> Page<ServiceListing> {
    let words = words(query.text.as_deref().unwrap_or_default());
    let mut hits: Vec<Hit> = services
        .rows
        .values()
        .filter(|row| passes_filters(row, query))
        .filter_map(|row| listing(row, users, categories, reviews))
        .filter(|(listing, _)| {
            query
                .min_rating
                .is_none_or(|min| listing.rating.at_least(min))
        })
        .filter_map(|(listing, added)| {
            let texts = searchable_texts(&listing);
            let all_found = words
                .iter()
                .all(|word| texts.iter().any(|text| begins_a_word(text, word)));
            let name_matches = words
                .iter()
                .filter(|word| begins_a_word(&texts[0], word))
                .count();
            all_found.then_some(Hit {
                listing,
                added,
                name_matches,
            })
        })
        .collect();
    sort(&mut hits, query.sort);
    let total = hits.len() as u64;
    let request = query.page;
    let skip = usize::try_from(request.offset()).unwrap_or(usize::MAX);
    let take = request.per_page() as usize;
    Page {
        items: hits
            .into_iter()
            .skip(skip)
            .take(take)
            .map(|hit| hit.listing)
            .collect(),
        total,
        request,
    }
}

/// The lower-cased words of a search text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn passes_filters(row: &ServiceRow, query: &SearchQuery) -> bool {
    let service = &row.service;
    let price = service.price.minor_units();
    service.active
        && query.category.is_none_or(|c| service.category == Some(c))
        && query.provider.is_none_or(|p| service.provider == p)
        && query.min_price.is_none_or(|min| price >= min)
        && query.max_price.is_none_or(|max| price <= max)
        && query
            .max_duration
            .is_none_or(|max| service.timing.duration.minutes() <= max)
}

/// The service as listed, if its provider can take bookings.
fn listing(
    row: &ServiceRow,
    users: &UserTable,
    categories: &CategoryTable,
    reviews: &ReviewTable,
) -> Option<(ServiceListing, u64)> {
    let (provider, _) = users.get(&row.service.provider)?;
    if !provider.is_bookable_provider() {
        return None;
    }
    let category_name = row
        .service
        .category
        .and_then(|id| categories.get(&id))
        .map(|c| c.name.clone());
    let listing = ServiceListing {
        service: row.service.clone(),
        provider_name: provider.name.clone(),
        provider_zone: provider.zone,
        category_name,
        rating: reviews.rating(Reviewed::Service(row.service.id)),
    };
    Some((listing, row.added))
}

/// Whether `query_word` is the beginning of one of the `words`.
fn begins_a_word(words: &[String], query_word: &str) -> bool {
    words.iter().any(|w| w.starts_with(query_word))
}

/// The words of each searchable text; name first, as relevance counts the matches there.
fn searchable_texts(listing: &ServiceListing) -> [Vec<String>; 4] {
    [
        words(listing.service.name.as_str()),
        words(listing.service.description.as_str()),
        listing
            .category_name
            .as_ref()
            .map(|n| words(n.as_str()))
            .unwrap_or_default(),
        words(listing.provider_name.as_str()),
    ]
}

fn sort(hits: &mut [Hit], order: SortOrder) {
    let price = |hit: &Hit| hit.listing.service.price.minor_units();
    match order {
        SortOrder::Relevance => hits.sort_by_key(|h| (Reverse(h.name_matches), Reverse(h.added))),
        SortOrder::PriceAscending => hits.sort_by_key(|h| (price(h), Reverse(h.added))),
        SortOrder::PriceDescending => hits.sort_by_key(|h| (Reverse(price(h)), Reverse(h.added))),
        SortOrder::Newest => hits.sort_by_key(|h| Reverse(h.added)),
        SortOrder::Rating => hits.sort_by(|a, b| {
            let key = |h: &Hit| {
                let rating = h.listing.rating;
                (rating.average().unwrap_or(0.0), rating.count, h.added)
            };
            let (a, b) = (key(a), key(b));
            b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2))
        }),
    }
}
