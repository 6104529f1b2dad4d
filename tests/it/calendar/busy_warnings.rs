//! A provider whose own calendar starts closing their slots (unshared, or not read for too
//! long) gets one mail, however many worker passes see it; once the calendar works again the
//! slots reopen and a later failure mails again.

use application::actor::Actor;
use application::ports::{EmailMessage, SourceStatus};
use chrono::TimeDelta;
use domain::User;

use super::fake_google::SERVICE_ACCOUNT;
use super::support::Harness;
use crate::builders::a_provider;

const ANN: &str = "ann.provider@gmail.com";

/// A provider with `ANN` shared and chosen, read once.
async fn provider_with_a_calendar(h: &Harness) -> User {
    let provider = a_provider().build();
    h.add_user(&provider).await;
    h.google.share_own_calendar(ANN, "reader");
    let actor = Actor {
        id: provider.id,
        role: provider.role,
    };
    h.choice.add(&actor, ANN, None).await.unwrap();
    h.busy.run().await.unwrap();
    assert_eq!(h.warn.run().await.unwrap().sent, 0, "a working calendar");
    provider
}

/// The busy-time worker's two steps (read, then warn), every minute for `minutes` minutes.
async fn worker_for(h: &Harness, minutes: i64) {
    for _ in 0..minutes {
        h.clock.advance(TimeDelta::minutes(1));
        h.busy.run().await.unwrap();
        h.warn.run().await.unwrap();
    }
}

fn subjects(mails: &[EmailMessage]) -> Vec<&str> {
    mails.iter().map(|m| m.subject.as_str()).collect()
}

async fn status_of(h: &Harness, provider: &User) -> SourceStatus {
    h.stores.busy_times.sources(provider.id).await.unwrap()[0]
        .status
        .clone()
}

#[tokio::test]
async fn an_unshared_calendar_mails_its_provider_once() {
    let h = Harness::start().await;
    let provider = provider_with_a_calendar(&h).await;

    h.google.unshare_own_calendar(ANN);
    worker_for(&h, 15).await;
    assert!(matches!(
        status_of(&h, &provider).await,
        SourceStatus::AccessGone(_)
    ));
    let sent = h.warnings.sent();
    assert_eq!(
        subjects(&sent),
        [format!("Your calendar {ANN} closed your booking slots")]
    );
    assert_eq!(sent[0].to.email, provider.email);
    assert!(
        sent[0]
            .text
            .contains(&format!("no longer shared with {SERVICE_ACCOUNT}"))
    );
    assert!(sent[0].text.contains("https://bys.example/account"));

    // Two more passes (and an hour more of them) see the same failure: no second mail.
    h.warn.run().await.unwrap();
    h.warn.run().await.unwrap();
    worker_for(&h, 60).await;
    assert_eq!(h.warnings.sent().len(), 1);
}

#[tokio::test]
async fn a_stale_calendar_mails_once_and_after_recovering_a_new_failure_mails_again() {
    let h = Harness::start().await;
    let provider = provider_with_a_calendar(&h).await;

    h.google.go_down(503);
    worker_for(&h, 29).await;
    assert!(
        h.warnings.sent().is_empty(),
        "failing for 29 minutes, not stale yet"
    );
    worker_for(&h, 2).await;
    let sent = h.warnings.sent();
    assert_eq!(sent.len(), 1, "stale after 30 minutes");
    assert!(sent[0].text.contains("have not been able to read"));
    h.warn.run().await.unwrap();
    worker_for(&h, 5).await;
    assert_eq!(h.warnings.sent().len(), 1, "one mail per failure");

    // Recovery: the next read (after the backoff, at most an hour) reopens the slots and
    // re-arms the mail.
    h.google.recover();
    worker_for(&h, 90).await;
    assert_eq!(status_of(&h, &provider).await, SourceStatus::Ok);
    let source = &h.stores.busy_times.sources(provider.id).await.unwrap()[0];
    assert_eq!(source.notified_at, None);

    h.google.unshare_own_calendar(ANN);
    worker_for(&h, 15).await;
    let sent = h.warnings.sent();
    assert_eq!(sent.len(), 2, "a new failure after recovery mails again");
    assert!(sent[1].text.contains("no longer shared"));
}

#[tokio::test]
async fn a_calendar_that_fails_before_its_first_read_is_shown_but_not_mailed_about() {
    let h = Harness::start().await;
    let provider = a_provider().build();
    h.add_user(&provider).await;
    h.google.share_own_calendar(ANN, "reader");
    let actor = Actor {
        id: provider.id,
        role: provider.role,
    };
    h.choice.add(&actor, ANN, None).await.unwrap();
    h.google.go_down(503);
    worker_for(&h, 45).await;
    assert!(matches!(
        status_of(&h, &provider).await,
        SourceStatus::Failing(_)
    ));
    assert!(h.warnings.sent().is_empty());
}
