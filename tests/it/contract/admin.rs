//! The contracts of the store methods behind the administration panel: the user, catalogue and
//! appointment listings, requeuing a failed delivery, and the audit log.

use application::ports::{
    AppointmentQuery, AuditEntry, CatalogQuery, PageRequest, RepoError, UserQuery,
};
use application::{AppointmentEvent, ChangeKind};
use chrono::TimeDelta;
use domain::{AppointmentStatus, Cancellation, Party, Role, TimeRange, UserId};
use uuid::Uuid;

use super::Stores;
use crate::builders::{a_customer, a_provider, a_service, an_appointment, utc};

pub async fn user_list_is_newest_first_and_paged_with_a_total(stores: &Stores) {
    let old = stores
        .add_user(a_customer().created_at("2026-01-01T00:00:00Z").build())
        .await;
    let mid = stores
        .add_user(a_provider().created_at("2026-02-01T00:00:00Z").build())
        .await;
    let new = stores
        .add_user(a_customer().created_at("2026-03-01T00:00:00Z").build())
        .await;
    let first = stores
        .users
        .list(&UserQuery {
            page: PageRequest::new(1, 2),
            ..UserQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(first.total, 3);
    assert_eq!(first.items, vec![new, mid]);
    let second = stores
        .users
        .list(&UserQuery {
            page: PageRequest::new(2, 2),
            ..UserQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(second.items, vec![old]);
}

pub async fn user_list_matches_name_or_email_ignoring_case(stores: &Stores) {
    let ana = stores
        .add_user(
            a_customer()
                .named("Ana Lima")
                .with_email("ana@x.org")
                .build(),
        )
        .await;
    let bo = stores
        .add_user(
            a_customer()
                .named("Bo Berg")
                .with_email("bo.lima@y.org")
                .build(),
        )
        .await;
    stores
        .add_user(a_customer().named("Cy Dale").with_email("cy@z.org").build())
        .await;
    let search = |text: &str| UserQuery {
        text: Some(text.to_owned()),
        ..UserQuery::default()
    };
    let mut found: Vec<UserId> = stores
        .users
        .list(&search("LIMA"))
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|u| u.id)
        .collect();
    found.sort();
    let mut expected = vec![ana.id, bo.id];
    expected.sort();
    assert_eq!(found, expected);
    let literal = stores.users.list(&search("%")).await.unwrap();
    assert_eq!(literal.total, 0, "% matches itself only");
}

pub async fn user_list_filters_by_role_and_activity(stores: &Stores) {
    let provider = stores.add_user(a_provider().build()).await;
    let gone = stores.add_user(a_provider().inactive().build()).await;
    stores.add_user(a_customer().build()).await;
    let providers = stores
        .users
        .list(&UserQuery {
            role: Some(Role::Provider),
            active: Some(true),
            ..UserQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(providers.items, vec![provider]);
    let inactive = stores
        .users
        .list(&UserQuery {
            active: Some(false),
            ..UserQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(inactive.items, vec![gone]);
}

pub async fn catalog_lists_every_service_newest_first_with_filters(stores: &Stores) {
    let provider = stores.add_user(a_provider().build()).await;
    let other = stores.add_user(a_provider().inactive().build()).await;
    let first = stores
        .add_service(a_service().by(&provider).named("Haircut").build())
        .await;
    let hidden = stores
        .add_service(
            a_service()
                .by(&provider)
                .named("Hair dye")
                .inactive()
                .build(),
        )
        .await;
    let theirs = stores
        .add_service(a_service().by(&other).named("Massage").build())
        .await;
    let all = stores
        .services
        .catalog(&CatalogQuery::default())
        .await
        .unwrap();
    assert_eq!(all.total, 3);
    assert_eq!(
        all.items,
        vec![theirs.clone(), hidden.clone(), first.clone()]
    );
    let hair = stores
        .services
        .catalog(&CatalogQuery {
            text: Some("HAIR".into()),
            active: Some(false),
            ..CatalogQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(hair.items, vec![hidden]);
    let by_other = stores
        .services
        .catalog(&CatalogQuery {
            provider: Some(other.id),
            page: PageRequest::new(1, 1),
            ..CatalogQuery::default()
        })
        .await
        .unwrap();
    assert_eq!((by_other.items, by_other.total), (vec![theirs], 1));
}

pub async fn appointment_search_filters_and_pages_latest_first(stores: &Stores) {
    let parties = stores.parties().await;
    let other_customer = stores.add_user(a_customer().build()).await;
    let mut appointments = Vec::new();
    for (start, customer) in [
        ("2030-06-03T10:00:00Z", &parties.customer),
        ("2030-06-04T10:00:00Z", &other_customer),
        ("2030-06-05T10:00:00Z", &parties.customer),
    ] {
        let a = an_appointment(&parties.service, customer).at(start).build();
        let booked = AppointmentEvent::new(ChangeKind::Booked, &a, utc("2030-05-02T09:00:00Z"));
        stores.appointments.insert(&a, None, &booked).await.unwrap();
        appointments.push(a);
    }
    let mut cancelled = appointments[0].clone();
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.cancellation = Some(Cancellation {
        by: Party::Staff,
        reason: None,
        at: utc("2030-05-02T09:00:00Z"),
    });
    cancelled.revision += 1;
    let kind = ChangeKind::Cancelled {
        by: Party::Staff,
        reason: None,
    };
    let event = AppointmentEvent::new(kind, &cancelled, utc("2030-05-02T09:00:00Z"));
    stores
        .appointments
        .update(&cancelled, 0, &event)
        .await
        .unwrap();

    let all = stores
        .appointments
        .search(&AppointmentQuery {
            provider: Some(parties.provider.id),
            page: PageRequest::new(1, 2),
            ..AppointmentQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 3);
    let ids: Vec<_> = all.items.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![appointments[2].id, appointments[1].id]);

    let mine = stores
        .appointments
        .search(&AppointmentQuery {
            customer: Some(parties.customer.id),
            status: Some(AppointmentStatus::Confirmed),
            ..AppointmentQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(mine.items, vec![appointments[2].clone()]);

    let day = TimeRange::new(utc("2030-06-04T00:00:00Z"), utc("2030-06-05T00:00:00Z")).unwrap();
    let on_the_4th = stores
        .appointments
        .search(&AppointmentQuery {
            starting: Some(day),
            ..AppointmentQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(on_the_4th.items, vec![appointments[1].clone()]);
    assert_eq!(on_the_4th.items[0].customer, other_customer.id);
}

pub async fn a_requeued_failed_delivery_is_handed_out_again(stores: &Stores) {
    let parties = stores.parties().await;
    let a = an_appointment(&parties.service, &parties.customer).build();
    let now = utc("2030-05-02T09:00:00Z");
    let booked = AppointmentEvent::new(ChangeKind::Booked, &a, now);
    stores.appointments.insert(&a, None, &booked).await.unwrap();
    let claimed = stores
        .deliveries
        .claim(now, 1, TimeDelta::minutes(5))
        .await
        .unwrap();
    let failed = &claimed[0];
    stores
        .deliveries
        .give_up(failed, now, "550 no such mailbox")
        .await
        .unwrap();
    stores
        .deliveries
        .requeue(failed.id, now + TimeDelta::hours(1))
        .await
        .unwrap();
    assert!(stores.deliveries.failed(10).await.unwrap().is_empty());
    let later = now + TimeDelta::hours(1);
    let again = stores
        .deliveries
        .claim(later, 10, TimeDelta::minutes(5))
        .await
        .unwrap();
    let retried = again
        .iter()
        .find(|d| d.id == failed.id)
        .expect("handed out again");
    assert_eq!(retried.attempts, 1, "attempts count from zero again");
    assert!(matches!(
        stores.deliveries.requeue(failed.id, later).await,
        Err(RepoError::NotFound)
    ));
}

pub async fn requeuing_an_unknown_delivery_is_not_found(stores: &Stores) {
    let unknown = application::ports::DeliveryId::from_uuid(Uuid::now_v7());
    assert!(matches!(
        stores
            .deliveries
            .requeue(unknown, utc("2030-05-02T09:00:00Z"))
            .await,
        Err(RepoError::NotFound)
    ));
}

fn entry(at: &str, action: &str) -> AuditEntry {
    AuditEntry {
        id: Uuid::now_v7(),
        at: utc(at),
        actor: UserId::from_uuid(Uuid::now_v7()),
        action: action.to_owned(),
        target: format!("user:{}", Uuid::now_v7()),
        before: Some(r#"{"active":true}"#.to_owned()),
        after: None,
    }
}

pub async fn audit_log_round_trips_entries_newest_first_in_pages(stores: &Stores) {
    let old = entry("2030-01-01T10:00:00Z", "user.edit");
    let new = entry("2030-01-02T10:00:00Z", "user.deactivate");
    let mid = entry("2030-01-01T12:00:00Z", "category.create");
    for e in [&old, &new, &mid] {
        stores.audit.record(e).await.unwrap();
    }
    let first = stores.audit.list(PageRequest::new(1, 2)).await.unwrap();
    assert_eq!(first.total, 3);
    assert_eq!(first.items, vec![new, mid]);
    let second = stores.audit.list(PageRequest::new(2, 2)).await.unwrap();
    assert_eq!(second.items, vec![old]);
}

pub async fn audit_log_refuses_an_entry_id_twice(stores: &Stores) {
    let e = entry("2030-01-01T10:00:00Z", "user.edit");
    stores.audit.record(&e).await.unwrap();
    assert!(matches!(
        stores.audit.record(&e).await,
        Err(RepoError::Conflict)
    ));
}

pub async fn audit_log_lists_the_entries_about_or_by_a_user_oldest_first(stores: &Stores) {
    let ann = UserId::from_uuid(Uuid::now_v7());
    let about = AuditEntry {
        target: format!("user:{ann}"),
        ..entry("2030-01-02T10:00:00Z", "user.deactivate")
    };
    let by = AuditEntry {
        actor: ann,
        ..entry("2030-01-01T10:00:00Z", "category.create")
    };
    let other = entry("2030-01-01T12:00:00Z", "user.edit");
    for e in [&about, &other, &by] {
        stores.audit.record(e).await.unwrap();
    }
    assert_eq!(stores.audit.about(ann).await.unwrap(), vec![by, about]);
}
