//! The [`application::ports::CalendarLinks`] contract: one calendar record per provider and one
//! entry link per appointment, each replaced by the next save, and forgetting a calendar
//! forgets its entries with it. This memory is what keeps a restarted app from creating a
//! provider's calendar or an appointment's entry a second time.

use application::ports::{EventLink, ProviderCalendar};
use domain::{AppointmentId, Email, UserId};

use super::Stores;
use crate::builders::{fresh_uuid, utc};

fn a_provider_id() -> UserId {
    UserId::from_uuid(fresh_uuid())
}

fn an_appointment_id() -> AppointmentId {
    AppointmentId::from_uuid(fresh_uuid())
}

/// A calendar with every field set.
fn a_synced_calendar(provider: UserId) -> ProviderCalendar {
    ProviderCalendar {
        provider,
        calendar_id: Some(format!("c_{provider}@group.calendar.google.com")),
        shared_with: Some(Email::parse("ann.provider@gmail.com").unwrap()),
        share_id: Some("user:ann.provider@gmail.com".to_owned()),
        last_synced_at: Some(utc("2030-05-01T09:30:00Z")),
        last_error: Some("503 backendError".to_owned()),
        edits_token: Some("sync-42".to_owned()),
    }
}

fn a_link(appointment: AppointmentId, provider: UserId, revision: u32) -> EventLink {
    EventLink {
        appointment,
        provider,
        event_id: format!("ev{revision}{}", appointment.as_uuid().simple()),
        revision,
    }
}

pub async fn calendar_links_round_trip_a_calendar_with_every_field(stores: &Stores) {
    let links = &stores.calendar_links;
    let calendar = a_synced_calendar(a_provider_id());
    links.save_calendar(&calendar).await.unwrap();
    assert_eq!(
        links.calendar(calendar.provider).await.unwrap(),
        Some(calendar)
    );
}

pub async fn calendar_links_find_nothing_for_an_unknown_provider_or_appointment(stores: &Stores) {
    let links = &stores.calendar_links;
    assert_eq!(links.calendar(a_provider_id()).await.unwrap(), None);
    assert_eq!(links.event(an_appointment_id()).await.unwrap(), None);
    assert!(links.calendars().await.unwrap().is_empty());
}

pub async fn calendar_links_save_calendar_replaces_every_field(stores: &Stores) {
    let links = &stores.calendar_links;
    let provider = a_provider_id();
    links
        .save_calendar(&a_synced_calendar(provider))
        .await
        .unwrap();
    // The calendar vanished at the service: the adapter starts over with an empty record.
    let fresh = ProviderCalendar::new(provider);
    links.save_calendar(&fresh).await.unwrap();
    assert_eq!(links.calendar(provider).await.unwrap(), Some(fresh));
    let mut recreated = a_synced_calendar(provider);
    recreated.calendar_id = Some("c_recreated@group.calendar.google.com".to_owned());
    recreated.last_error = None;
    links.save_calendar(&recreated).await.unwrap();
    assert_eq!(links.calendars().await.unwrap(), vec![recreated]);
}

pub async fn calendar_links_list_every_calendar_by_provider_id(stores: &Stores) {
    let links = &stores.calendar_links;
    let mut providers: Vec<UserId> = (0..4).map(|_| a_provider_id()).collect();
    for provider in providers.iter().rev() {
        links
            .save_calendar(&ProviderCalendar::new(*provider))
            .await
            .unwrap();
    }
    providers.sort();
    let listed: Vec<UserId> = links
        .calendars()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.provider)
        .collect();
    assert_eq!(listed, providers);
}

pub async fn calendar_links_round_trip_and_replace_entry_links(stores: &Stores) {
    let links = &stores.calendar_links;
    let provider = a_provider_id();
    let appointment = an_appointment_id();
    links
        .save_event(&a_link(appointment, provider, 0))
        .await
        .unwrap();
    let newer = a_link(appointment, provider, 3);
    links.save_event(&newer).await.unwrap();
    assert_eq!(links.event(appointment).await.unwrap(), Some(newer));
}

pub async fn calendar_links_forget_one_entry_link_and_ignore_a_missing_one(stores: &Stores) {
    let links = &stores.calendar_links;
    let provider = a_provider_id();
    let (gone, kept) = (an_appointment_id(), an_appointment_id());
    for appointment in [gone, kept] {
        links
            .save_event(&a_link(appointment, provider, 1))
            .await
            .unwrap();
    }
    links.forget_event(gone).await.unwrap();
    links.forget_event(gone).await.unwrap();
    links.forget_event(an_appointment_id()).await.unwrap();
    assert_eq!(links.event(gone).await.unwrap(), None);
    assert_eq!(
        links.event(kept).await.unwrap(),
        Some(a_link(kept, provider, 1))
    );
}

pub async fn calendar_links_forget_a_calendar_with_its_entries_only(stores: &Stores) {
    let links = &stores.calendar_links;
    let (leaving, staying) = (a_provider_id(), a_provider_id());
    let (theirs, other) = (an_appointment_id(), an_appointment_id());
    for provider in [leaving, staying] {
        links
            .save_calendar(&a_synced_calendar(provider))
            .await
            .unwrap();
    }
    links.save_event(&a_link(theirs, leaving, 0)).await.unwrap();
    links.save_event(&a_link(other, staying, 0)).await.unwrap();

    links.forget_calendar(leaving).await.unwrap();
    links.forget_calendar(a_provider_id()).await.unwrap();

    assert_eq!(links.calendar(leaving).await.unwrap(), None);
    assert_eq!(links.event(theirs).await.unwrap(), None);
    assert_eq!(
        links.calendars().await.unwrap(),
        vec![a_synced_calendar(staying)]
    );
    assert_eq!(
        links.event(other).await.unwrap(),
        Some(a_link(other, staying, 0))
    );
}

pub async fn calendar_links_save_the_edits_token_of_the_current_calendar_only(stores: &Stores) {
    let links = &stores.calendar_links;
    let calendar = a_synced_calendar(a_provider_id());
    links.save_calendar(&calendar).await.unwrap();
    let id = calendar.calendar_id.clone().unwrap();
    links
        .save_edits_token(calendar.provider, &id, Some("sync-43".to_owned()))
        .await
        .unwrap();
    // A read of a calendar since replaced leaves the new one's token alone.
    links
        .save_edits_token(calendar.provider, "c_old@group.calendar.google.com", None)
        .await
        .unwrap();
    let kept = links.calendar(calendar.provider).await.unwrap().unwrap();
    assert_eq!(kept.edits_token.as_deref(), Some("sync-43"));
    assert_eq!(kept.last_error, calendar.last_error, "other fields stay");
    links
        .save_edits_token(calendar.provider, &id, None)
        .await
        .unwrap();
    let cleared = links.calendar(calendar.provider).await.unwrap().unwrap();
    assert_eq!(cleared.edits_token, None);
}
