//! Providers' own Outlook calendars block their time: the Outlook adapter reads them from the
//! fake Graph with `calendarView/delta` (every page, then incrementally from the delta link,
//! in full again when the link is invalid), and slots read what the worker stored.

use application::ports::{SourceMode, SourceStatus};
use chrono::TimeDelta;
use domain::TimeRange;

use super::busy_sync::{choose, monday_hours, open_provider, status_of};
use super::support::{Backend, Harness};
use crate::builders::utc;

/// The provider's mailbox: its default calendar is the one read.
const ANN: &str = "ann@contoso.example";

async fn outlook() -> Harness {
    Harness::with(Backend::Microsoft).await
}

fn delta_statuses(h: &Harness) -> Vec<u16> {
    h.graph
        .log()
        .into_iter()
        .filter(|(op, _)| op == "calendarView.delta")
        .map(|(_, status)| status)
        .collect()
}

#[tokio::test]
async fn outlook_events_block_slots_and_a_deleted_one_frees_them() {
    let h = outlook().await;
    let (provider, service) = open_provider(&h).await;
    h.graph.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
    );
    h.graph
        .put_free_own_event(ANN, "lunch", "2026-03-23T12:00:00Z", "2026-03-23T13:00:00Z");
    h.graph
        .put_own_event(ANN, "gym", "2026-03-23T15:30:00Z", "2026-03-23T16:00:00Z");
    assert_eq!(choose(&h, &provider, ANN).await, SourceMode::Events);

    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.full, report.failed), (1, 1, 0));
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "13", "14", "16"]
    );

    // The gym is deleted: the next poll reads from the delta link and frees its hour.
    h.graph.delete_own_event(ANN, "gym");
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.full), (1, 0));
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "13", "14", "15", "16"]
    );
    assert_eq!(delta_statuses(&h), [200, 200]);
    assert_eq!(h.graph.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn a_calendar_of_1200_events_is_read_over_three_pages() {
    let h = outlook().await;
    let (provider, _) = open_provider(&h).await;
    h.graph.set_delta_page_size(500);
    let first = utc("2026-03-21T00:00:00Z");
    for i in 0..1200 {
        let start = first + TimeDelta::minutes(30 * i);
        let end = start + TimeDelta::minutes(15);
        h.graph.put_own_event(
            ANN,
            &format!("e{i:04}"),
            &start.to_rfc3339(),
            &end.to_rfc3339(),
        );
    }
    choose(&h, &provider, ANN).await;

    h.busy.run().await.unwrap();

    assert_eq!(delta_statuses(&h), [200, 200, 200]);
    let everything = TimeRange::new(first, first + TimeDelta::days(30)).unwrap();
    let stored = h
        .stores
        .busy_times
        .busy(provider.id, everything)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1200);
    assert_eq!(stored[1199].start(), first + TimeDelta::minutes(30 * 1199));
    assert_eq!(h.graph.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn an_invalid_delta_link_reads_the_window_in_full_once() {
    let h = outlook().await;
    let (provider, service) = open_provider(&h).await;
    h.graph.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
    );
    choose(&h, &provider, ANN).await;
    h.busy.run().await.unwrap();
    h.clock.advance(TimeDelta::minutes(15));
    h.busy.run().await.unwrap(); // incremental: nothing new

    // Graph forgets the sync state; meanwhile the dentist is deleted and a gym hour added.
    h.graph.expire_delta_links();
    h.graph.delete_own_event(ANN, "dentist");
    h.graph
        .put_own_event(ANN, "gym", "2026-03-23T13:00:00Z", "2026-03-23T14:00:00Z");
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();

    assert_eq!((report.synced, report.full, report.failed), (1, 1, 0));
    assert_eq!(delta_statuses(&h), [200, 200, 410, 200]);
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "10", "11", "12", "14", "15", "16"]
    );
    assert_eq!(status_of(&h, &provider).await, SourceStatus::Ok);
    // Back to incremental reads from the new delta link.
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.full), (1, 0));
    assert_eq!(h.graph.violations(), Vec::<String>::new());
}
