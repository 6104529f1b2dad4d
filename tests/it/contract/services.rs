//! The [`application::ports::ServiceStore`] contract, search included.
//!
//! Search semantics every backend shares: the text is split into words (runs of letters and
//! digits); a service matches when each word begins, ignoring case, a word of its name,
//! description, category name or provider name (a full-text prefix query). Relevance ranks name
//! matches first; every order breaks ties newest first (latest inserted).

use application::ports::{Page, PageRequest, RepoError, SearchQuery, ServiceListing, SortOrder};
use domain::{BookingPolicy, ServiceId, User};
use uuid::Uuid;

use super::Stores;
use crate::builders::{a_category, a_provider, a_service, created, updated};

async fn search(stores: &Stores, query: SearchQuery) -> Page<ServiceListing> {
    stores.services.search(&query).await.unwrap()
}

fn text(words: &str) -> SearchQuery {
    SearchQuery {
        text: Some(words.to_owned()),
        ..SearchQuery::default()
    }
}

fn names(page: &Page<ServiceListing>) -> Vec<&str> {
    page.items.iter().map(|l| l.service.name.as_str()).collect()
}

async fn a_stored_provider(stores: &Stores) -> User {
    stores.add_user(a_provider().build()).await
}

pub async fn service_store_round_trips_every_field(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    let category = stores.add_category(a_category().build()).await;
    let policy = BookingPolicy::new(30, 14, None, 120, false)
        .and_then(|p| p.with_hold_minutes(30))
        .unwrap();
    let service = a_service()
        .by(&provider)
        .named("Deep tissue massage")
        .described("Ninety minutes.\nBring comfortable clothes.")
        .in_category(&category)
        .lasting(90)
        .with_buffers(10, 15)
        .priced(12_345, "USD")
        .with_policy(policy)
        .with_image("services/massage.webp")
        .seating(12)
        .inactive()
        .build();
    stores
        .services
        .insert(&service, &created(&service))
        .await
        .unwrap();
    assert_eq!(
        stores.services.by_id(service.id).await.unwrap(),
        Some(service)
    );
}

pub async fn service_store_round_trips_a_service_without_optional_fields(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    let service = a_service().by(&provider).priced(0, "JPY").build();
    stores
        .services
        .insert(&service, &created(&service))
        .await
        .unwrap();
    assert_eq!(
        stores.services.by_id(service.id).await.unwrap(),
        Some(service)
    );
}

pub async fn service_store_rejects_a_taken_id(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    let first = stores.add_service(a_service().by(&provider).build()).await;
    let mut second = a_service().by(&provider).build();
    second.id = first.id;
    let result = stores.services.insert(&second, &created(&second)).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
    assert_eq!(stores.services.by_id(first.id).await.unwrap(), Some(first));
}

pub async fn service_store_update_replaces_every_field(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    let category = stores.add_category(a_category().build()).await;
    let old = stores.add_service(a_service().by(&provider).build()).await;
    let mut new = a_service()
        .by(&provider)
        .named("Renamed")
        .described("New text")
        .in_category(&category)
        .lasting(45)
        .with_buffers(5, 0)
        .priced(999, "GBP")
        .with_policy(BookingPolicy::default())
        .with_image("services/new.webp")
        .inactive()
        .build();
    new.id = old.id;
    stores.services.update(&new, &updated(&new)).await.unwrap();
    assert_eq!(stores.services.by_id(old.id).await.unwrap(), Some(new));
}

pub async fn service_store_update_of_a_missing_service_is_not_found(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    let missing = a_service().by(&provider).build();
    let result = stores.services.update(&missing, &updated(&missing)).await;
    assert!(matches!(result, Err(RepoError::NotFound)), "{result:?}");
    let unknown = ServiceId::from_uuid(Uuid::now_v7());
    assert_eq!(stores.services.by_id(unknown).await.unwrap(), None);
}

pub async fn service_store_lists_a_providers_services_by_name_active_or_not(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    let other = a_stored_provider(stores).await;
    for name in ["Pedicure", "Manicure"] {
        stores
            .add_service(a_service().by(&provider).named(name).build())
            .await;
    }
    stores
        .add_service(a_service().by(&provider).named("Nails").inactive().build())
        .await;
    stores
        .add_service(a_service().by(&other).named("Elsewhere").build())
        .await;
    let listed = stores.services.by_provider(provider.id).await.unwrap();
    let listed: Vec<&str> = listed.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(listed, ["Manicure", "Nails", "Pedicure"]);
}

pub async fn search_matches_text_in_the_service_name(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    stores
        .add_service(a_service().by(&provider).named("Yoga class").build())
        .await;
    stores
        .add_service(a_service().by(&provider).named("Pilates").build())
        .await;
    assert_eq!(names(&search(stores, text("yoga")).await), ["Yoga class"]);
}

pub async fn search_matches_text_in_the_description(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    stores
        .add_service(
            a_service()
                .by(&provider)
                .named("Morning session")
                .described("Gentle stretching and breathing.")
                .build(),
        )
        .await;
    stores
        .add_service(a_service().by(&provider).named("Evening session").build())
        .await;
    assert_eq!(
        names(&search(stores, text("breathing")).await),
        ["Morning session"]
    );
}

pub async fn search_matches_text_in_the_category_name(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    let wellness = stores
        .add_category(a_category().named("Wellness").build())
        .await;
    stores
        .add_service(
            a_service()
                .by(&provider)
                .named("Sauna")
                .in_category(&wellness)
                .build(),
        )
        .await;
    stores
        .add_service(a_service().by(&provider).named("Tax advice").build())
        .await;
    assert_eq!(names(&search(stores, text("wellness")).await), ["Sauna"]);
}

pub async fn search_matches_text_in_the_provider_name(stores: &Stores) {
    let studio = stores
        .add_user(a_provider().named("Lotus Studio").build())
        .await;
    let other = a_stored_provider(stores).await;
    stores
        .add_service(a_service().by(&studio).named("Session").build())
        .await;
    stores
        .add_service(a_service().by(&other).named("Class").build())
        .await;
    assert_eq!(names(&search(stores, text("lotus")).await), ["Session"]);
}

pub async fn search_ignores_case_and_needs_every_word(stores: &Stores) {
    let provider = stores
        .add_user(a_provider().named("Hot Spot").build())
        .await;
    stores
        .add_service(a_service().by(&provider).named("Yoga Flow").build())
        .await;
    stores
        .add_service(a_service().by(&provider).named("Yoga Basics").build())
        .await;
    // One word in the name, one in the provider's name; punctuation separates words.
    assert_eq!(
        names(&search(stores, text("  FLOW, hot!  ")).await),
        ["Yoga Flow"]
    );
    assert!(search(stores, text("yoga pilates")).await.items.is_empty());
}

pub async fn search_matches_the_beginnings_of_words(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    stores
        .add_service(a_service().by(&provider).named("Haircut").build())
        .await;
    assert_eq!(names(&search(stores, text("hair")).await), ["Haircut"]);
    assert_eq!(names(&search(stores, text("HAIRC")).await), ["Haircut"]);
    assert!(search(stores, text("haircuts")).await.items.is_empty());
}

pub async fn search_lists_provider_and_category_details(stores: &Stores) {
    let provider = stores
        .add_user(a_provider().named("Ana Lima").in_zone("Asia/Tokyo").build())
        .await;
    let category = stores
        .add_category(a_category().named("Beauty").inactive().build())
        .await;
    let with_category = stores
        .add_service(a_service().by(&provider).in_category(&category).build())
        .await;
    let without = stores.add_service(a_service().by(&provider).build()).await;

    let page = search(stores, SearchQuery::default()).await;
    let listing_of = |service: &domain::Service| {
        page.items
            .iter()
            .find(|l| l.service == *service)
            .cloned()
            .unwrap()
    };
    let listed = listing_of(&with_category);
    assert_eq!(listed.provider_name.as_str(), "Ana Lima");
    assert_eq!(listed.provider_zone.name(), "Asia/Tokyo");
    // An inactive category is hidden from filters, but its services keep it.
    assert_eq!(listed.category_name, Some(category.name));
    assert_eq!(listing_of(&without).category_name, None);
}

pub async fn search_filters_by_category(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    let hair = stores.add_category(a_category().build()).await;
    let nails = stores.add_category(a_category().build()).await;
    stores
        .add_service(
            a_service()
                .by(&provider)
                .named("Cut")
                .in_category(&hair)
                .build(),
        )
        .await;
    stores
        .add_service(
            a_service()
                .by(&provider)
                .named("Polish")
                .in_category(&nails)
                .build(),
        )
        .await;
    stores
        .add_service(a_service().by(&provider).named("Uncategorised").build())
        .await;
    let query = SearchQuery {
        category: Some(hair.id),
        ..SearchQuery::default()
    };
    assert_eq!(names(&search(stores, query).await), ["Cut"]);
}

pub async fn search_filters_by_provider(stores: &Stores) {
    let ann = a_stored_provider(stores).await;
    let bob = a_stored_provider(stores).await;
    stores
        .add_service(a_service().by(&ann).named("Ann's").build())
        .await;
    stores
        .add_service(a_service().by(&bob).named("Bob's").build())
        .await;
    let query = SearchQuery {
        provider: Some(bob.id),
        ..SearchQuery::default()
    };
    assert_eq!(names(&search(stores, query).await), ["Bob's"]);
}

pub async fn search_filters_by_price_range_inclusively(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    for (name, price) in [
        ("Cheap", 999),
        ("Low", 1000),
        ("High", 2000),
        ("Dear", 2001),
    ] {
        stores
            .add_service(
                a_service()
                    .by(&provider)
                    .named(name)
                    .priced(price, "EUR")
                    .build(),
            )
            .await;
    }
    let query = SearchQuery {
        min_price: Some(1000),
        max_price: Some(2000),
        sort: SortOrder::PriceAscending,
        ..SearchQuery::default()
    };
    assert_eq!(names(&search(stores, query).await), ["Low", "High"]);
}

pub async fn search_filters_by_longest_duration(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    for (name, minutes) in [("Short", 30), ("Exact", 45), ("Long", 50)] {
        stores
            .add_service(
                a_service()
                    .by(&provider)
                    .named(name)
                    .lasting(minutes)
                    .build(),
            )
            .await;
    }
    let query = SearchQuery {
        max_duration: Some(45),
        sort: SortOrder::Newest,
        ..SearchQuery::default()
    };
    assert_eq!(names(&search(stores, query).await), ["Exact", "Short"]);
}

pub async fn search_excludes_inactive_services(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    stores
        .add_service(a_service().by(&provider).named("Yoga open").build())
        .await;
    stores
        .add_service(
            a_service()
                .by(&provider)
                .named("Yoga closed")
                .inactive()
                .build(),
        )
        .await;
    let page = search(stores, text("yoga")).await;
    assert_eq!(names(&page), ["Yoga open"]);
    assert_eq!(page.total, 1);
}

pub async fn search_excludes_services_of_inactive_providers(stores: &Stores) {
    let active = a_stored_provider(stores).await;
    let gone = stores.add_user(a_provider().inactive().build()).await;
    stores
        .add_service(a_service().by(&active).named("Yoga here").build())
        .await;
    stores
        .add_service(a_service().by(&gone).named("Yoga gone").build())
        .await;
    let page = search(stores, text("yoga")).await;
    assert_eq!(names(&page), ["Yoga here"]);
    assert_eq!(page.total, 1);
}

pub async fn search_sorts_by_price_both_ways(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    for (name, price) in [
        ("Mid", 2000),
        ("Top", 3000),
        ("Low", 1000),
        ("Mid later", 2000),
    ] {
        stores
            .add_service(
                a_service()
                    .by(&provider)
                    .named(name)
                    .priced(price, "EUR")
                    .build(),
            )
            .await;
    }
    let ascending = SearchQuery {
        sort: SortOrder::PriceAscending,
        ..SearchQuery::default()
    };
    let descending = SearchQuery {
        sort: SortOrder::PriceDescending,
        ..SearchQuery::default()
    };
    // Equal prices: newest first in both orders.
    assert_eq!(
        names(&search(stores, ascending).await),
        ["Low", "Mid later", "Mid", "Top"]
    );
    assert_eq!(
        names(&search(stores, descending).await),
        ["Top", "Mid later", "Mid", "Low"]
    );
}

pub async fn search_sorts_newest_first(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    for name in ["First", "Second", "Third"] {
        stores
            .add_service(a_service().by(&provider).named(name).build())
            .await;
    }
    let query = SearchQuery {
        sort: SortOrder::Newest,
        ..SearchQuery::default()
    };
    assert_eq!(
        names(&search(stores, query).await),
        ["Third", "Second", "First"]
    );
}

pub async fn search_ranks_name_matches_first_by_relevance(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    let described = |name: &str, description: &str| {
        a_service()
            .by(&provider)
            .named(name)
            .described(description)
            .build()
    };
    // Inserted oldest first: newest-first order would be the reverse of the expected one.
    stores.add_service(described("Yoga for runners", "")).await;
    stores
        .add_service(described("Yoga basics", "For runners too"))
        .await;
    stores
        .add_service(described("Stretching", "Yoga-inspired, for runners"))
        .await;
    let page = search(stores, text("yoga runners")).await;
    assert_eq!(
        names(&page),
        ["Yoga for runners", "Yoga basics", "Stretching"]
    );
}

pub async fn search_without_text_ranks_newest_first(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    for name in ["Older", "Newer"] {
        stores
            .add_service(a_service().by(&provider).named(name).build())
            .await;
    }
    assert_eq!(
        names(&search(stores, SearchQuery::default()).await),
        ["Newer", "Older"]
    );
}

pub async fn search_pages_results_and_counts_them_all(stores: &Stores) {
    let provider = a_stored_provider(stores).await;
    for name in ["One", "Two", "Three", "Four", "Five"] {
        stores
            .add_service(a_service().by(&provider).named(name).build())
            .await;
    }
    let page = |n| SearchQuery {
        sort: SortOrder::Newest,
        page: PageRequest::new(n, 2),
        ..SearchQuery::default()
    };
    let second = search(stores, page(2)).await;
    assert_eq!(names(&second), ["Three", "Two"]);
    assert_eq!((second.total, second.page_count()), (5, 3));
    assert_eq!(second.request, PageRequest::new(2, 2));
    let last = search(stores, page(3)).await;
    assert_eq!(names(&last), ["One"]);
    let beyond = search(stores, page(4)).await;
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 5);
}
