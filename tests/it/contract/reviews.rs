//! The [`application::ports::ReviewStore`] contract: one review per appointment, round trips,
//! visible reviews newest first, ratings over visible reviews only (and in search), one open
//! report per reporter and review, reported reviews longest waiting first.

use application::ports::{PageRequest, RepoError, Report, Reviewed, SearchQuery, SortOrder};
use application::{AppointmentEvent, ChangeKind};
use domain::{
    Appointment, AppointmentStatus, ModerationReason, Rating, ReplyText, ReportId, Review,
    ReviewId, ReviewText, Service, Stars, User,
};
use uuid::Uuid;

use super::{Parties, Stores};
use crate::builders::{a_customer, a_service, an_appointment, fresh_uuid, utc};

/// A completed appointment of `service` for `customer` starting at `start`, stored.
async fn completed(
    stores: &Stores,
    service: &Service,
    customer: &User,
    start: &str,
) -> Appointment {
    let mut appointment = an_appointment(service, customer).at(start).build();
    appointment.status = AppointmentStatus::Completed;
    let booked = AppointmentEvent::new(ChangeKind::Booked, &appointment, utc(start));
    stores
        .appointments
        .insert(&appointment, None, &booked)
        .await
        .unwrap();
    appointment
}

/// `stars` for `appointment`, written at `at` by its customer (not stored).
fn review_of(appointment: &Appointment, stars: u8, at: &str) -> Review {
    Review::write(
        ReviewId::from_uuid(fresh_uuid()),
        appointment,
        appointment.customer,
        Stars::new(stars).unwrap(),
        None,
        utc(at),
    )
    .unwrap()
}

/// A stored review of a new completed appointment of `service` starting at `start`.
async fn reviewed(
    stores: &Stores,
    service: &Service,
    customer: &User,
    start: &str,
    rating: u8,
) -> Review {
    let appointment = completed(stores, service, customer, start).await;
    let review = review_of(&appointment, rating, "2030-06-10T12:00:00Z");
    stores.reviews.insert(&review).await.unwrap();
    review
}

fn reason(text: &str) -> ModerationReason {
    ModerationReason::parse(text).unwrap()
}

fn report_of(review: &Review, reporter: &User, at: &str) -> Report {
    Report {
        id: ReportId::from_uuid(fresh_uuid()),
        review: review.id,
        reporter: reporter.id,
        reason: reason("Rude words"),
        at: utc(at),
    }
}

fn hidden(mut review: Review, parties: &Parties) -> Review {
    review
        .hide(
            parties.provider.id,
            reason("Personal data"),
            utc("2030-06-11T09:00:00Z"),
        )
        .unwrap();
    review
}

pub async fn review_store_round_trips_every_field(stores: &Stores) {
    let p = stores.parties().await;
    let appointment = completed(stores, &p.service, &p.customer, "2030-06-03T10:00:00Z").await;
    let mut review = review_of(&appointment, 4, "2030-06-04T08:00:00Z");
    review.text = Some(ReviewText::parse("Lovely,\nwould come again").unwrap());
    review.answer(
        ReplyText::parse("Thanks!").unwrap(),
        utc("2030-06-05T08:00:00Z"),
    );
    let review = hidden(review, &p);
    stores.reviews.insert(&review).await.unwrap();
    assert_eq!(
        stores.reviews.by_id(review.id).await.unwrap(),
        Some(review.clone())
    );
    assert_eq!(
        stores.reviews.by_appointment(appointment.id).await.unwrap(),
        Some(review)
    );
    let unknown = ReviewId::from_uuid(Uuid::now_v7());
    assert_eq!(stores.reviews.by_id(unknown).await.unwrap(), None);
}

pub async fn review_store_refuses_a_second_review_of_an_appointment(stores: &Stores) {
    let p = stores.parties().await;
    let appointment = completed(stores, &p.service, &p.customer, "2030-06-03T10:00:00Z").await;
    let first = review_of(&appointment, 5, "2030-06-04T08:00:00Z");
    stores.reviews.insert(&first).await.unwrap();
    let second = review_of(&appointment, 1, "2030-06-05T08:00:00Z");
    assert!(matches!(
        stores.reviews.insert(&second).await,
        Err(RepoError::Conflict)
    ));
    assert_eq!(
        stores.reviews.by_appointment(appointment.id).await.unwrap(),
        Some(first)
    );
}

pub async fn review_store_update_replaces_stars_text_reply_and_hiding(stores: &Stores) {
    let p = stores.parties().await;
    let mut review = reviewed(stores, &p.service, &p.customer, "2030-06-03T10:00:00Z", 2).await;
    review
        .edit(
            p.customer.id,
            Stars::new(5).unwrap(),
            ReviewText::parse("Better on reflection").ok(),
            utc("2030-06-12T08:00:00Z"),
        )
        .unwrap();
    review.answer(
        ReplyText::parse("Glad to hear").unwrap(),
        utc("2030-06-13T08:00:00Z"),
    );
    let review = hidden(review, &p);
    stores.reviews.update(&review).await.unwrap();
    assert_eq!(
        stores.reviews.by_id(review.id).await.unwrap(),
        Some(review.clone())
    );

    let mut restored = review;
    restored.restore().unwrap();
    restored.reply = None;
    stores.reviews.update(&restored).await.unwrap();
    assert_eq!(
        stores.reviews.by_id(restored.id).await.unwrap(),
        Some(restored.clone())
    );

    let mut missing = restored;
    missing.id = ReviewId::from_uuid(Uuid::now_v7());
    assert!(matches!(
        stores.reviews.update(&missing).await,
        Err(RepoError::NotFound)
    ));
}

pub async fn review_store_lists_visible_reviews_newest_first_in_pages(stores: &Stores) {
    let p = stores.parties().await;
    let other_service = stores
        .add_service(a_service().by(&p.provider).build())
        .await;
    let mut written = Vec::new();
    for (i, start) in [
        "2030-06-03T10:00:00Z",
        "2030-06-03T12:00:00Z",
        "2030-06-03T14:00:00Z",
    ]
    .into_iter()
    .enumerate()
    {
        let appointment = completed(stores, &p.service, &p.customer, start).await;
        let review = review_of(&appointment, 4, &format!("2030-06-0{}T08:00:00Z", i + 4));
        stores.reviews.insert(&review).await.unwrap();
        written.push(review);
    }
    let hidden_one = hidden(
        reviewed(stores, &p.service, &p.customer, "2030-06-03T16:00:00Z", 1).await,
        &p,
    );
    stores.reviews.update(&hidden_one).await.unwrap();
    let elsewhere = reviewed(
        stores,
        &other_service,
        &p.customer,
        "2030-06-03T18:00:00Z",
        3,
    )
    .await;

    let of_service = Reviewed::Service(p.service.id);
    let first = stores
        .reviews
        .visible(of_service, PageRequest::new(1, 2))
        .await
        .unwrap();
    let second = stores
        .reviews
        .visible(of_service, PageRequest::new(2, 2))
        .await
        .unwrap();
    assert_eq!(first.total, 3);
    assert_eq!(first.items, [written[2].clone(), written[1].clone()]);
    assert_eq!(second.items, [written[0].clone()]);

    let of_provider = stores
        .reviews
        .visible(Reviewed::Provider(p.provider.id), PageRequest::default())
        .await
        .unwrap();
    assert_eq!(of_provider.total, 4);
    // Written last (2030-06-10), so listed first; the hidden one is left out.
    assert_eq!(
        of_provider.items,
        [
            elsewhere,
            written[2].clone(),
            written[1].clone(),
            written[0].clone()
        ]
    );
}

pub async fn review_store_rates_visible_reviews_per_service_and_provider(stores: &Stores) {
    let p = stores.parties().await;
    let other_service = stores
        .add_service(a_service().by(&p.provider).build())
        .await;
    reviewed(stores, &p.service, &p.customer, "2030-06-03T10:00:00Z", 5).await;
    reviewed(stores, &p.service, &p.customer, "2030-06-03T12:00:00Z", 4).await;
    let disliked = reviewed(stores, &p.service, &p.customer, "2030-06-03T14:00:00Z", 1).await;
    stores.reviews.update(&hidden(disliked, &p)).await.unwrap();
    reviewed(
        stores,
        &other_service,
        &p.customer,
        "2030-06-03T16:00:00Z",
        2,
    )
    .await;

    let rating = |of| async move { stores.reviews.rating(of).await.unwrap() };
    assert_eq!(
        rating(Reviewed::Service(p.service.id)).await,
        Rating { count: 2, stars: 9 }
    );
    assert_eq!(
        rating(Reviewed::Provider(p.provider.id)).await,
        Rating {
            count: 3,
            stars: 11
        }
    );
    let unrated = stores
        .add_service(a_service().by(&p.provider).build())
        .await;
    assert_eq!(
        rating(Reviewed::Service(unrated.id)).await,
        Rating::default()
    );
}

pub async fn review_store_takes_one_open_report_per_reporter_and_review(stores: &Stores) {
    let p = stores.parties().await;
    let review = reviewed(stores, &p.service, &p.customer, "2030-06-03T10:00:00Z", 1).await;
    let reporter = stores.add_user(a_customer().build()).await;
    stores
        .reviews
        .report(&report_of(&review, &reporter, "2030-06-11T08:00:00Z"))
        .await
        .unwrap();
    assert!(matches!(
        stores
            .reviews
            .report(&report_of(&review, &reporter, "2030-06-11T09:00:00Z"))
            .await,
        Err(RepoError::Conflict)
    ));
    stores
        .reviews
        .report(&report_of(&review, &p.provider, "2030-06-11T09:00:00Z"))
        .await
        .unwrap();
    stores
        .reviews
        .resolve_reports(review.id, utc("2030-06-12T08:00:00Z"))
        .await
        .unwrap();
    stores
        .reviews
        .report(&report_of(&review, &reporter, "2030-06-13T08:00:00Z"))
        .await
        .unwrap();

    let mut unknown = review;
    unknown.id = ReviewId::from_uuid(Uuid::now_v7());
    assert!(matches!(
        stores
            .reviews
            .report(&report_of(&unknown, &reporter, "2030-06-13T08:00:00Z"))
            .await,
        Err(RepoError::NotFound)
    ));
}

pub async fn review_store_lists_reported_reviews_longest_waiting_first(stores: &Stores) {
    let p = stores.parties().await;
    let later = reviewed(stores, &p.service, &p.customer, "2030-06-03T10:00:00Z", 1).await;
    let earlier = reviewed(stores, &p.service, &p.customer, "2030-06-03T12:00:00Z", 2).await;
    let dealt_with = reviewed(stores, &p.service, &p.customer, "2030-06-03T14:00:00Z", 3).await;
    reviewed(stores, &p.service, &p.customer, "2030-06-03T16:00:00Z", 4).await;
    let someone = stores.add_user(a_customer().build()).await;
    let first = report_of(&earlier, &someone, "2030-06-11T08:00:00Z");
    let second = report_of(&earlier, &p.provider, "2030-06-11T10:00:00Z");
    let third = report_of(&later, &someone, "2030-06-11T09:00:00Z");
    let resolved = report_of(&dealt_with, &someone, "2030-06-11T07:00:00Z");
    for report in [&second, &first, &third, &resolved] {
        stores.reviews.report(report).await.unwrap();
    }
    stores
        .reviews
        .resolve_reports(dealt_with.id, utc("2030-06-11T11:00:00Z"))
        .await
        .unwrap();

    let page = stores
        .reviews
        .reported(PageRequest::new(1, 1))
        .await
        .unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].review, earlier);
    assert_eq!(page.items[0].reports, [first, second]);
    let next = stores
        .reviews
        .reported(PageRequest::new(2, 1))
        .await
        .unwrap();
    assert_eq!(next.items[0].review, later);
    assert_eq!(next.items[0].reports, [third]);
}

pub async fn search_sorts_by_rating_and_filters_by_minimum_rating(stores: &Stores) {
    let p = stores.parties().await;
    let add = |name: &'static str| {
        let service = a_service().by(&p.provider).named(name).build();
        async move { stores.add_service(service).await }
    };
    let best = add("Best").await;
    let good_many = add("Good many").await;
    let good_few = add("Good few").await;
    let unrated = add("Unrated").await;
    let hidden_low = add("Hidden low").await;
    let mut hour = 8;
    let mut review = |service: &Service, rating: u8| {
        hour += 1;
        let at = format!("2030-06-04T{hour:02}:00:00Z");
        let service = service.clone();
        let customer = p.customer.clone();
        async move { reviewed(stores, &service, &customer, &at, rating).await }
    };
    review(&best, 5).await;
    review(&good_many, 4).await;
    review(&good_many, 4).await;
    review(&good_few, 4).await;
    review(&hidden_low, 5).await;
    let low = review(&hidden_low, 1).await;
    // The original service of `parties` stays unrated too.
    let _ = unrated;

    let sorted = stores
        .services
        .search(&SearchQuery {
            sort: SortOrder::Rating,
            ..SearchQuery::default()
        })
        .await
        .unwrap();
    let names: Vec<&str> = sorted
        .items
        .iter()
        .map(|l| l.service.name.as_str())
        .collect();
    assert_eq!(&names[..4], ["Best", "Good many", "Good few", "Hidden low"]);
    assert_eq!(sorted.items[1].rating, Rating { count: 2, stars: 8 });
    assert_eq!(sorted.items[3].rating, Rating { count: 2, stars: 6 });

    // Hiding the one-star review lifts "Hidden low" to five stars.
    stores.reviews.update(&hidden(low, &p)).await.unwrap();
    let four_or_more = stores
        .services
        .search(&SearchQuery {
            min_rating: Some(Stars::new(4).unwrap()),
            sort: SortOrder::Rating,
            ..SearchQuery::default()
        })
        .await
        .unwrap();
    let names: Vec<&str> = four_or_more
        .items
        .iter()
        .map(|l| l.service.name.as_str())
        .collect();
    assert_eq!(four_or_more.total, 4);
    assert_eq!(names, ["Hidden low", "Best", "Good many", "Good few"]);
}
