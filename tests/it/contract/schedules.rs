//! The [`application::ports::ScheduleStore`] contract.

use domain::Schedule;

use super::Stores;
use crate::builders::{a_detailed_schedule, a_provider, date, hours};

pub async fn schedule_store_has_no_schedule_for_a_provider_who_never_set_one(stores: &Stores) {
    let provider = stores.add_user(a_provider().build()).await;
    assert_eq!(stores.schedules.get(provider.id).await.unwrap(), None);
}

pub async fn schedule_store_round_trips_hours_overrides_and_policy(stores: &Stores) {
    let provider = stores.add_user(a_provider().build()).await;
    let schedule = a_detailed_schedule();
    stores.schedules.put(provider.id, &schedule).await.unwrap();
    assert_eq!(
        stores.schedules.get(provider.id).await.unwrap(),
        Some(schedule)
    );
}

pub async fn schedule_store_put_replaces_the_whole_schedule(stores: &Stores) {
    let provider = stores.add_user(a_provider().build()).await;
    stores
        .schedules
        .put(provider.id, &a_detailed_schedule())
        .await
        .unwrap();
    let mut replacement = Schedule::default();
    replacement
        .overrides
        .insert(date(2031, 1, 2), hours(&[("10:00", "11:00")]));
    stores
        .schedules
        .put(provider.id, &replacement)
        .await
        .unwrap();
    assert_eq!(
        stores.schedules.get(provider.id).await.unwrap(),
        Some(replacement)
    );
}

pub async fn schedule_store_keeps_one_schedule_per_provider(stores: &Stores) {
    let ann = stores.add_user(a_provider().build()).await;
    let bob = stores.add_user(a_provider().build()).await;
    let anns = a_detailed_schedule();
    stores.schedules.put(ann.id, &anns).await.unwrap();
    stores
        .schedules
        .put(bob.id, &Schedule::default())
        .await
        .unwrap();
    assert_eq!(stores.schedules.get(ann.id).await.unwrap(), Some(anns));
    assert_eq!(
        stores.schedules.get(bob.id).await.unwrap(),
        Some(Schedule::default())
    );
}
