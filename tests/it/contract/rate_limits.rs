//! The [`application::ports::RateLimits`] contract: hits are counted per key in fixed windows,
//! a newer window starts again, concurrent hits are all counted, and counters can be cleared
//! and purged.

use application::ports::{Hit, LimitKey};
use chrono::TimeDelta;

use super::Stores;
use crate::builders::utc;

fn hit(subject: &str, at: &str) -> Hit {
    Hit::at(
        LimitKey::new("test-door", subject),
        utc(at),
        TimeDelta::hours(1),
    )
}

pub async fn rate_limits_count_hits_per_key_within_a_window(stores: &Stores) {
    let limits = &stores.rate_limits;
    let ann = hit("ann", "2030-01-01T10:05:00Z");
    let bob = hit("bob", "2030-01-01T10:06:00Z");
    assert_eq!(limits.count(&ann).await.unwrap(), 0);
    assert_eq!(limits.hit(std::slice::from_ref(&ann)).await.unwrap(), [1]);
    assert_eq!(
        limits.hit(&[ann.clone(), bob.clone()]).await.unwrap(),
        [2, 1]
    );
    assert_eq!(
        limits.hit(&[bob.clone(), ann.clone()]).await.unwrap(),
        [2, 3]
    );
    assert_eq!(limits.count(&ann).await.unwrap(), 3);
    assert_eq!(limits.count(&bob).await.unwrap(), 2);
}

pub async fn rate_limits_start_again_in_a_newer_window_and_keep_counting_an_older_one(
    stores: &Stores,
) {
    let limits = &stores.rate_limits;
    for _ in 0..3 {
        limits
            .hit(&[hit("ann", "2030-01-01T10:59:00Z")])
            .await
            .unwrap();
    }
    let next_hour = hit("ann", "2030-01-01T11:00:00Z");
    assert_eq!(limits.count(&next_hour).await.unwrap(), 0);
    assert_eq!(
        limits.hit(std::slice::from_ref(&next_hour)).await.unwrap(),
        [1]
    );
    // An instance whose clock is behind counts in the stored, newer window.
    let late = hit("ann", "2030-01-01T10:59:59Z");
    assert_eq!(limits.hit(&[late]).await.unwrap(), [2]);
    assert_eq!(limits.count(&next_hour).await.unwrap(), 2);
}

pub async fn rate_limits_count_every_one_of_many_concurrent_hits(stores: &Stores) {
    let limits = stores.rate_limits.clone();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let limits = limits.clone();
        tasks.spawn(async move {
            limits
                .hit(&[hit("ann", "2030-01-01T10:00:00Z")])
                .await
                .unwrap()[0]
        });
    }
    let mut counts = tasks.join_all().await;
    counts.sort_unstable();
    assert_eq!(counts, (1..=20).collect::<Vec<u32>>());
}

pub async fn rate_limits_forget_a_cleared_key_only(stores: &Stores) {
    let limits = &stores.rate_limits;
    let ann = hit("ann", "2030-01-01T10:00:00Z");
    let bob = hit("bob", "2030-01-01T10:00:00Z");
    limits.hit(&[ann.clone(), bob.clone()]).await.unwrap();
    limits.clear(&ann.key).await.unwrap();
    limits
        .clear(&LimitKey::new("test-door", "nobody"))
        .await
        .unwrap();
    assert_eq!(limits.count(&ann).await.unwrap(), 0);
    assert_eq!(limits.count(&bob).await.unwrap(), 1);
}

pub async fn rate_limits_purge_counters_of_windows_before_a_time(stores: &Stores) {
    let limits = &stores.rate_limits;
    let old = hit("ann", "2030-01-01T08:00:00Z");
    let recent = hit("bob", "2030-01-01T10:00:00Z");
    limits.hit(&[old.clone(), recent.clone()]).await.unwrap();
    let purged = limits.purge(utc("2030-01-01T09:00:00Z")).await.unwrap();
    assert_eq!(purged, 1);
    assert_eq!(limits.count(&old).await.unwrap(), 0);
    assert_eq!(limits.count(&recent).await.unwrap(), 1);
}
