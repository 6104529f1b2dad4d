//! The [`application::ports::MoveProposalStore`] contract: one proposal per appointment, the
//! same move proposed once, mails claimed once, and answers only on the current proposal.

use application::ports::MoveProposal;
use application::{AppointmentEvent, ChangeKind};
use domain::Appointment;

use super::Stores;
use crate::builders::{an_appointment, utc};

/// A stored appointment (proposals refer to one).
async fn an_appointment_stored(stores: &Stores) -> Appointment {
    let parties = stores.parties().await;
    let appointment = an_appointment(&parties.service, &parties.customer).build();
    let booked = AppointmentEvent::new(
        ChangeKind::Booked,
        &appointment,
        utc("2030-05-01T09:00:00Z"),
    );
    stores
        .appointments
        .insert(&appointment, None, &booked)
        .await
        .unwrap();
    appointment
}

fn a_move(appointment: &Appointment, start: &str) -> MoveProposal {
    MoveProposal::new(
        appointment.id,
        appointment.revision,
        utc(start),
        utc("2030-05-02T08:00:00Z"),
    )
}

pub async fn move_proposals_record_the_same_move_once_and_a_new_one_afresh(stores: &Stores) {
    let store = &stores.move_proposals;
    let appointment = an_appointment_stored(stores).await;
    let first = a_move(&appointment, "2030-06-03T14:00:00Z");
    assert!(store.propose(&first).await.unwrap());
    assert!(
        !store.propose(&first).await.unwrap(),
        "the same move read again"
    );
    assert_eq!(
        store.get(appointment.id).await.unwrap(),
        Some(first.clone())
    );
    assert!(
        store
            .claim_mail(appointment.id, utc("2030-05-02T08:01:00Z"))
            .await
            .unwrap()
    );
    // Moved again: the new proposal replaces the old one and is mailed again.
    let second = a_move(&appointment, "2030-06-03T16:00:00Z");
    assert!(store.propose(&second).await.unwrap());
    assert_eq!(
        store.get(appointment.id).await.unwrap(),
        Some(second.clone())
    );
    assert_eq!(store.open().await.unwrap(), vec![second]);
}

pub async fn move_proposals_claim_a_mail_once_until_released(stores: &Stores) {
    let store = &stores.move_proposals;
    let appointment = an_appointment_stored(stores).await;
    store
        .propose(&a_move(&appointment, "2030-06-03T14:00:00Z"))
        .await
        .unwrap();
    let at = utc("2030-05-02T08:01:00Z");
    assert!(store.claim_mail(appointment.id, at).await.unwrap());
    assert!(!store.claim_mail(appointment.id, at).await.unwrap());
    assert!(
        store.open().await.unwrap().is_empty(),
        "mailed and unanswered"
    );
    store.release_mail(appointment.id).await.unwrap();
    assert_eq!(store.open().await.unwrap().len(), 1);
    assert!(store.claim_mail(appointment.id, at).await.unwrap());
    assert_eq!(
        store.get(appointment.id).await.unwrap().unwrap().mailed_at,
        Some(at)
    );
}

pub async fn move_proposals_decline_only_the_current_proposal_once(stores: &Stores) {
    let store = &stores.move_proposals;
    let appointment = an_appointment_stored(stores).await;
    let proposal = a_move(&appointment, "2030-06-03T14:00:00Z");
    store.propose(&proposal).await.unwrap();
    store
        .claim_mail(appointment.id, utc("2030-05-02T08:01:00Z"))
        .await
        .unwrap();
    let at = utc("2030-05-02T09:00:00Z");
    let stale = appointment.revision + 1;
    assert!(!store.decline(appointment.id, stale, at).await.unwrap());
    assert!(
        store
            .decline(appointment.id, proposal.revision, at)
            .await
            .unwrap()
    );
    assert!(
        !store
            .decline(appointment.id, proposal.revision, at)
            .await
            .unwrap()
    );
    let open = store.open().await.unwrap();
    assert_eq!(open.len(), 1, "declined proposals wait for the worker");
    assert_eq!(open[0].declined_at, Some(at));
}

pub async fn move_proposals_forget_one_and_ignore_a_missing_one(stores: &Stores) {
    let store = &stores.move_proposals;
    let (gone, kept) = (
        an_appointment_stored(stores).await,
        an_appointment_stored(stores).await,
    );
    for appointment in [&gone, &kept] {
        store
            .propose(&a_move(appointment, "2030-06-03T14:00:00Z"))
            .await
            .unwrap();
    }
    store.remove(gone.id).await.unwrap();
    store.remove(gone.id).await.unwrap();
    assert_eq!(store.get(gone.id).await.unwrap(), None);
    assert!(store.get(kept.id).await.unwrap().is_some());
    assert!(
        !store
            .claim_mail(gone.id, utc("2030-05-02T08:01:00Z"))
            .await
            .unwrap()
    );
}
