//! The [`application::ports::PersonalDataStore`] contract: erasure replaces the person by a
//! pseudonym, removes what only served them, and erases the text they wrote, touching nobody
//! else.

use application::ports::{
    AccountToken, ApiSecret, ApiToken, AuditEntry, BusySource, ProviderCalendar, RepoError,
    SourceMode, TokenPurpose,
};
use application::{AppointmentEvent, ChangeKind};
use domain::{
    ApiTokenId, AppointmentStatus, Email, Note, Party, PersonName, ReplyText, Review, ReviewId,
    ReviewText, Stars, TokenName, User, UserId,
};
use uuid::Uuid;

use super::Stores;
use crate::builders::{a_customer, a_provider, a_service, an_appointment, fresh_uuid, utc};

const AT: &str = "2030-07-01T12:00:00Z";
/// Before the appointments of these tests.
const BEFORE: &str = "2030-05-01T12:00:00Z";

fn pseudonym() -> PersonName {
    PersonName::parse("Deleted customer").unwrap()
}

/// Gives `user` an API token, an account token, a feed token, a calendar, a busy source and
/// a webhook endpoint.
async fn equip(stores: &Stores, user: &User) {
    let token = ApiToken {
        id: ApiTokenId::from_uuid(Uuid::now_v7()),
        user: user.id,
        name: TokenName::parse("Laptop").unwrap(),
        created_at: utc(AT),
        last_used_at: None,
        revoked_at: None,
    };
    let secret = ApiSecret::generate().unwrap();
    stores
        .api_tokens
        .insert(&token, &secret.hash())
        .await
        .unwrap();
    stores
        .account_tokens
        .insert(
            &AccountToken::generate().unwrap().hash(),
            TokenPurpose::PasswordReset,
            user.id,
            utc("2030-08-01T00:00:00Z"),
        )
        .await
        .unwrap();
    let feed = application::ports::FeedToken::generate().unwrap();
    stores
        .feed_tokens
        .replace(user.id, &feed.hash())
        .await
        .unwrap();
    stores
        .calendar_links
        .save_calendar(&ProviderCalendar {
            provider: user.id,
            calendar_id: Some(format!("c_{}@group.calendar.google.com", user.id)),
            shared_with: None,
            share_id: None,
            last_synced_at: None,
            last_error: None,
            edits_token: None,
        })
        .await
        .unwrap();
    stores
        .busy_times
        .save_source(&BusySource::new(
            user.id,
            format!("{}@gmail.com", user.id.as_uuid().simple()),
            SourceMode::Events,
        ))
        .await
        .unwrap();
}

async fn equipment_of(stores: &Stores, user: UserId) -> (usize, bool, bool, usize) {
    (
        stores.api_tokens.active_of(user).await.unwrap().len(),
        stores.feed_tokens.issued(user).await.unwrap(),
        stores
            .calendar_links
            .calendar(user)
            .await
            .unwrap()
            .is_some(),
        stores.busy_times.sources(user).await.unwrap().len(),
    )
}

pub async fn personal_data_erase_replaces_the_person_by_a_pseudonym(stores: &Stores) {
    let ann = stores
        .add_user(
            a_customer()
                .with_phone("+33 1 23 45 67 89")
                .with_photo("users/ann/abc")
                .verified_at("2030-01-01T00:00:00Z")
                .build(),
        )
        .await;
    stores
        .personal_data
        .erase(ann.id, &pseudonym(), utc(AT))
        .await
        .unwrap();
    let erased = stores.users.by_id(ann.id).await.unwrap().unwrap();
    assert_eq!(erased.name, pseudonym());
    assert_eq!(erased.email, Email::of_erased(ann.id));
    assert_eq!(
        (erased.phone, erased.calendar_email, erased.photo),
        (None, None, None)
    );
    assert!(!erased.active && !erased.review_requests && erased.email_verified_at.is_none());
    assert_eq!(erased.erased_at, Some(utc(AT)));
    assert_eq!((erased.id, erased.role), (ann.id, ann.role));
    assert!(
        stores
            .users
            .credentials(&ann.email)
            .await
            .unwrap()
            .is_none()
    );
    let (_, hash) = stores
        .users
        .credentials(&erased.email)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(hash, crate::builders::a_password_hash());
    // Again: nothing more changes, the first time stays.
    stores
        .personal_data
        .erase(ann.id, &pseudonym(), utc("2030-07-02T00:00:00Z"))
        .await
        .unwrap();
    let again = stores.users.by_id(ann.id).await.unwrap().unwrap();
    assert_eq!(again.erased_at, Some(utc(AT)));
}

pub async fn personal_data_erase_removes_tokens_and_calendars_of_the_person_only(stores: &Stores) {
    let ann = stores.add_user(a_customer().build()).await;
    let bob = stores.add_user(a_provider().build()).await;
    equip(stores, &ann).await;
    equip(stores, &bob).await;
    stores
        .personal_data
        .erase(ann.id, &pseudonym(), utc(AT))
        .await
        .unwrap();
    assert_eq!(equipment_of(stores, ann.id).await, (0, false, false, 0));
    assert_eq!(equipment_of(stores, bob.id).await, (1, true, true, 1));
    let reset = stores
        .account_tokens
        .latest_expiry(ann.id, TokenPurpose::PasswordReset)
        .await
        .unwrap();
    assert_eq!(reset, None);
    let bobs = stores
        .account_tokens
        .latest_expiry(bob.id, TokenPurpose::PasswordReset)
        .await
        .unwrap();
    assert!(bobs.is_some());
}

/// What Ann wrote: a note on a past appointment she reviewed (the provider replied), the reason
/// of a cancellation, and an admin's audit entry about her account.
struct Written {
    past: domain::AppointmentId,
    cancelled: domain::AppointmentId,
    review: ReviewId,
}

async fn write_everything(stores: &Stores, provider: &User, ann: &User) -> Written {
    let service = stores.add_service(a_service().by(provider).build()).await;
    let mut past = an_appointment(&service, ann)
        .at("2030-06-01T10:00:00Z")
        .with_note("Ring twice, I am Ann")
        .build();
    past.status = AppointmentStatus::Completed;
    stores
        .appointments
        .insert(
            &past,
            None,
            &AppointmentEvent::new(ChangeKind::Booked, &past, utc(AT)),
        )
        .await
        .unwrap();
    let mut cancelled = an_appointment(&service, ann)
        .at("2030-06-02T10:00:00Z")
        .build();
    let booked = AppointmentEvent::new(ChangeKind::Booked, &cancelled, utc(AT));
    stores
        .appointments
        .insert(&cancelled, None, &booked)
        .await
        .unwrap();
    let revision = cancelled.revision;
    let reason = Note::parse("Ann is ill").ok();
    cancelled
        .cancel(
            Party::Customer,
            reason.clone(),
            chrono::TimeDelta::zero(),
            utc(BEFORE),
        )
        .unwrap();
    let event = AppointmentEvent::new(
        ChangeKind::Cancelled {
            by: Party::Customer,
            reason,
        },
        &cancelled,
        utc(BEFORE),
    );
    stores
        .appointments
        .update(&cancelled, revision, &event)
        .await
        .unwrap();
    let mut review = Review::write(
        ReviewId::from_uuid(fresh_uuid()),
        &past,
        ann.id,
        Stars::new(4).unwrap(),
        Some(ReviewText::parse("Ann says: lovely").unwrap()),
        utc("2030-06-01T12:00:00Z"),
    )
    .unwrap();
    stores.reviews.insert(&review).await.unwrap();
    review.answer(
        ReplyText::parse("Thank you").unwrap(),
        utc("2030-06-01T13:00:00Z"),
    );
    stores.reviews.update(&review).await.unwrap();
    let entry = AuditEntry {
        id: Uuid::now_v7(),
        at: utc(AT),
        actor: provider.id,
        action: "user.edit".to_owned(),
        target: format!("user:{}", ann.id),
        before: Some(format!(r#"{{"email":"{}"}}"#, ann.email)),
        after: Some("{}".to_owned()),
    };
    stores.audit.record(&entry).await.unwrap();

    Written {
        past: past.id,
        cancelled: cancelled.id,
        review: review.id,
    }
}

pub async fn personal_data_erase_removes_the_text_the_person_wrote(stores: &Stores) {
    let provider = stores.add_user(a_provider().build()).await;
    let ann = stores.add_user(a_customer().build()).await;
    let written = write_everything(stores, &provider, &ann).await;
    stores
        .personal_data
        .erase(ann.id, &pseudonym(), utc(AT))
        .await
        .unwrap();

    let past = stores
        .appointments
        .by_id(written.past)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (past.note, past.status),
        (None, AppointmentStatus::Completed)
    );
    let cancelled = stores
        .appointments
        .by_id(written.cancelled)
        .await
        .unwrap()
        .unwrap();
    let cancellation = cancelled.cancellation.unwrap();
    assert_eq!(
        (cancellation.by, cancellation.reason),
        (Party::Customer, None)
    );
    let review = stores.reviews.by_id(written.review).await.unwrap().unwrap();
    assert_eq!(review.text, None);
    assert_eq!(review.stars, Stars::new(4).unwrap());
    assert_eq!(
        review.reply.map(|r| r.text),
        ReplyText::parse("Thank you").ok()
    );
    let kept = stores.audit.about(ann.id).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].action.as_str(), &kept[0].before, &kept[0].after),
        ("user.edit", &None, &None)
    );
}

pub async fn personal_data_prune_removes_the_texts_past_retention_and_nothing_else(
    stores: &Stores,
) {
    let provider = stores.add_user(a_provider().build()).await;
    let ann = stores.add_user(a_customer().build()).await;
    let written = write_everything(stores, &provider, &ann).await;
    let service = stores.add_service(a_service().by(&provider).build()).await;
    let upcoming = an_appointment(&service, &ann)
        .at("2030-09-01T10:00:00Z")
        .with_note("Bring the dog")
        .build();
    stores
        .appointments
        .insert(
            &upcoming,
            None,
            &AppointmentEvent::new(ChangeKind::Booked, &upcoming, utc(AT)),
        )
        .await
        .unwrap();
    // The completed one ended on 2030-06-01, the other was cancelled on 2030-05-01.
    let cutoff = utc("2030-06-15T00:00:00Z");

    assert_eq!(stores.personal_data.prune(cutoff).await.unwrap(), 2);
    assert_eq!(stores.personal_data.prune(cutoff).await.unwrap(), 0);

    let by_id = |id| async move { stores.appointments.by_id(id).await.unwrap().unwrap() };
    let past = by_id(written.past).await;
    assert_eq!(
        (past.note, past.status),
        (None, AppointmentStatus::Completed)
    );
    let cancellation = by_id(written.cancelled).await.cancellation.unwrap();
    assert_eq!(
        (cancellation.by, cancellation.reason),
        (Party::Customer, None)
    );
    assert_eq!(by_id(upcoming.id).await.note, upcoming.note);
    let claimed = stores
        .deliveries
        .claim(utc(AT), 100, chrono::TimeDelta::minutes(5))
        .await
        .unwrap();
    let notes: Vec<_> = claimed
        .iter()
        .map(|d| (d.event.appointment.id, d.event.appointment.note.clone()))
        .filter(|(_, note)| note.is_some())
        .collect();
    assert!(
        notes.iter().all(|(id, _)| *id == upcoming.id) && !notes.is_empty(),
        "only the upcoming appointment's events keep a note: {notes:?}"
    );
    let review = stores.reviews.by_id(written.review).await.unwrap().unwrap();
    assert!(review.text.is_some(), "reviews are not appointment texts");
}

pub async fn personal_data_erase_of_an_unknown_user_is_not_found(stores: &Stores) {
    let nobody = UserId::from_uuid(Uuid::now_v7());
    let result = stores
        .personal_data
        .erase(nobody, &pseudonym(), utc(AT))
        .await;
    assert!(matches!(result, Err(RepoError::NotFound)));
}
