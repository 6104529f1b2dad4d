//! The [`application::ports::WatchChannelStore`] contract: channels round-trip with every field
//! (the token only as its hash), are found by id, replaced by id, listed by provider, calendar
//! and expiry, and forgotten one by one.

use application::ports::{ChannelToken, WatchChannel};
use domain::UserId;

use super::Stores;
use crate::builders::{fresh_uuid, utc};

fn a_channel(provider: UserId, calendar_id: &str, expires_at: &str) -> WatchChannel {
    WatchChannel {
        id: fresh_uuid().to_string(),
        resource_id: format!("res-{}", fresh_uuid().simple()),
        provider,
        calendar_id: calendar_id.to_owned(),
        token: ChannelToken::generate().unwrap().hash(),
        expires_at: utc(expires_at),
    }
}

pub async fn watch_channels_round_trip_and_replace_a_channel_by_id(stores: &Stores) {
    let channels = &stores.watch_channels;
    let provider = UserId::from_uuid(fresh_uuid());
    let mut channel = a_channel(provider, "ann@gmail.com", "2030-05-08T08:00:00Z");
    assert_eq!(channels.find(&channel.id).await.unwrap(), None);
    channels.save(&channel).await.unwrap();
    assert_eq!(
        channels.find(&channel.id).await.unwrap(),
        Some(channel.clone())
    );

    channel.expires_at = utc("2030-05-15T08:00:00Z");
    "res-other".clone_into(&mut channel.resource_id);
    channels.save(&channel).await.unwrap();
    assert_eq!(channels.all().await.unwrap(), [channel.clone()]);
}

pub async fn watch_channels_list_by_provider_calendar_and_expiry_and_forget_one(stores: &Stores) {
    let channels = &stores.watch_channels;
    let provider = UserId::from_uuid(fresh_uuid());
    let later = a_channel(provider, "ann@gmail.com", "2030-05-08T08:00:00Z");
    let sooner = a_channel(provider, "ann@gmail.com", "2030-05-02T08:00:00Z");
    let other = a_channel(provider, "work@example.org", "2030-05-01T08:00:00Z");
    for channel in [&later, &other, &sooner] {
        channels.save(channel).await.unwrap();
    }
    assert_eq!(
        channels.all().await.unwrap(),
        [sooner.clone(), later.clone(), other.clone()]
    );

    channels.remove(&sooner.id).await.unwrap();
    channels.remove("no-such-channel").await.unwrap();
    assert_eq!(channels.all().await.unwrap(), [later, other]);
    assert_eq!(channels.find(&sooner.id).await.unwrap(), None);
}
