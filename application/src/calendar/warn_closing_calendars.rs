//! Tells a provider, once per failure, that one of their own calendars closes their slots.
//!
//! A calendar closes the slots while it is not current ([`ExternalBusy::is_current`]). The
//! provider is mailed when it has failed in a way they should hear about: its access is gone
//! (unshared or deleted), or it was read before and has not been read since for longer than
//! the staleness threshold. A calendar that was never read and fails is shown as failing on the
//! account page where it was just added, without a mail. The source's `notified_at` mark is
//! claimed atomically before the mail goes out, so that of several app instances one sends it;
//! a mail the mail server refuses clears the mark again and is retried on the next run. Once
//! the calendar is current again the mark is cleared, so that its next failure notifies again.
//! A crash between the claim and the send loses that one mail (the dashboard banner and the
//! account page still show the calendar).

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::external_busy::ExternalBusy;
use crate::ports::{
    BusySource, BusyTimeStore, Clock, ClosingReason, Links, Mail, MailComposer, Mailer, RepoError,
    SourceStatus, UserStore,
};

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WarnReport {
    /// Mails sent.
    pub sent: usize,
    /// Mails that could not be sent (retried on the next run).
    pub failed: usize,
    /// Calendars current again whose mark was cleared.
    pub rearmed: usize,
}

/// Where the mail points and what it tells.
#[derive(Clone)]
pub struct WarnSettings {
    /// Where the mail links to: the account page.
    pub links: Arc<dyn Links>,
    /// The address providers share their calendars with.
    pub share_with: String,
}

/// Mails providers whose calendars close their slots.
pub struct WarnClosingCalendars {
    store: Arc<dyn BusyTimeStore>,
    users: Arc<dyn UserStore>,
    composer: Arc<dyn MailComposer>,
    mailer: Arc<dyn Mailer>,
    external: ExternalBusy,
    clock: Arc<dyn Clock>,
    settings: WarnSettings,
}

impl WarnClosingCalendars {
    /// The use case over its ports; `external` judges which calendars are current, as
    /// availability does.
    pub fn new(
        store: Arc<dyn BusyTimeStore>,
        users: Arc<dyn UserStore>,
        composer: Arc<dyn MailComposer>,
        mailer: Arc<dyn Mailer>,
        external: ExternalBusy,
        clock: Arc<dyn Clock>,
        settings: WarnSettings,
    ) -> Self {
        Self {
            store,
            users,
            composer,
            mailer,
            external,
            clock,
            settings,
        }
    }

    /// Mails the providers of calendars that started closing slots, and re-arms those that
    /// are current again.
    ///
    /// # Errors
    /// When the store fails; a mail that is not sent is counted in [`WarnReport::failed`].
    #[tracing::instrument(skip(self))]
    pub async fn run(&self) -> Result<WarnReport, RepoError> {
        let now = self.clock.now();
        let mut report = WarnReport::default();
        for source in self.store.all_sources().await? {
            if self.external.is_current(&source, now) {
                if source.notified_at.is_some() {
                    self.store
                        .clear_notice(source.provider, &source.calendar_id)
                        .await?;
                    report.rearmed += 1;
                }
                continue;
            }
            let Some(reason) = reason(&source) else {
                continue;
            };
            if source.notified_at.is_none() {
                self.warn(&source, reason, now, &mut report).await?;
            }
        }
        Ok(report)
    }

    async fn warn(
        &self,
        source: &BusySource,
        reason: ClosingReason,
        now: DateTime<Utc>,
        report: &mut WarnReport,
    ) -> Result<(), RepoError> {
        let Some(provider) = self.users.by_id(source.provider).await? else {
            return Ok(());
        };
        if !provider.active {
            return Ok(());
        }
        if !self
            .store
            .claim_notice(source.provider, &source.calendar_id, now)
            .await?
        {
            return Ok(()); // another instance is sending it
        }
        let mail = Mail::CalendarClosing {
            to: provider,
            calendar_id: source.calendar_id.clone(),
            reason,
            share_with: self.settings.share_with.clone(),
            link: self.settings.links.account(),
        };
        let sent = match self.composer.compose(&mail) {
            Ok(message) => self.mailer.send(&message).await.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match sent {
            Ok(()) => {
                tracing::info!(provider = %source.provider, "told the provider their calendar closes their slots");
                report.sent += 1;
            }
            Err(error) => {
                tracing::warn!(provider = %source.provider, %error, "the calendar warning was not sent");
                self.store
                    .clear_notice(source.provider, &source.calendar_id)
                    .await?;
                report.failed += 1;
            }
        }
        Ok(())
    }
}

/// Why a calendar that is not current is worth a mail; `None` while it waits for its first read
/// or has not failed.
fn reason(source: &BusySource) -> Option<ClosingReason> {
    match source.status {
        SourceStatus::AccessGone(_) => Some(ClosingReason::AccessGone),
        SourceStatus::Failing(_) if source.synced_at.is_some() => Some(ClosingReason::Stale),
        SourceStatus::Failing(_) | SourceStatus::Ok => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::busy_time::MockBusyTimeStore;
    use crate::ports::mail::{MockMailComposer, MockMailer};
    use crate::ports::users::MockUserStore;
    use crate::ports::{DeliveryError, SourceMode};
    use crate::test_support::*;

    fn source(status: SourceStatus, synced_at: Option<&str>, notified: bool) -> BusySource {
        BusySource {
            status,
            synced_at: synced_at.map(utc),
            notified_at: notified.then(|| utc(NOW)),
            ..BusySource::new(
                a_provider().build().id,
                "ann@gmail.com".to_owned(),
                SourceMode::Events,
            )
        }
    }

    fn use_case(
        store: MockBusyTimeStore,
        mailer: MockMailer,
        composer: MockMailComposer,
    ) -> WarnClosingCalendars {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().build())));
        let store: Arc<dyn BusyTimeStore> = Arc::new(store);
        WarnClosingCalendars::new(
            store.clone(),
            Arc::new(users),
            Arc::new(composer),
            Arc::new(mailer),
            ExternalBusy::new(store),
            clock_at(NOW),
            WarnSettings {
                links: links_at("https://book.example.org/"),
                share_with: "bys@project.iam.gserviceaccount.com".to_owned(),
            },
        )
    }

    fn composing() -> MockMailComposer {
        let mut composer = MockMailComposer::new();
        composer
            .expect_compose()
            .withf(|mail| {
                matches!(mail, Mail::CalendarClosing { reason: ClosingReason::AccessGone, link, .. }
                    if link == "https://book.example.org/account")
            })
            .returning(|_| Ok(message_to(&a_provider().build(), "closed")));
        composer
    }

    fn listing(source: BusySource) -> MockBusyTimeStore {
        let mut store = MockBusyTimeStore::new();
        store
            .expect_all_sources()
            .returning(move || Ok(vec![source.clone()]));
        store
    }

    #[tokio::test]
    async fn an_unshared_calendar_is_claimed_then_mailed_once() {
        let mut store = listing(source(
            SourceStatus::AccessGone("404".to_owned()),
            Some(NOW),
            false,
        ));
        store
            .expect_claim_notice()
            .times(1)
            .returning(|_, _, _| Ok(true));
        let mut mailer = MockMailer::new();
        mailer.expect_send().times(1).returning(|_| Ok(()));
        let report = use_case(store, mailer, composing()).run().await.unwrap();
        assert_eq!(report.sent, 1);
    }

    #[tokio::test]
    async fn a_calendar_claimed_by_another_instance_is_not_mailed_again() {
        let mut store = listing(source(
            SourceStatus::AccessGone("404".to_owned()),
            Some(NOW),
            false,
        ));
        store
            .expect_claim_notice()
            .times(1)
            .returning(|_, _, _| Ok(false));
        let mut mailer = MockMailer::new();
        mailer.expect_send().never();
        let report = use_case(store, mailer, MockMailComposer::new())
            .run()
            .await
            .unwrap();
        assert_eq!(report.sent, 0);
    }

    #[tokio::test]
    async fn a_refused_mail_clears_the_mark_so_the_next_run_tries_again() {
        let mut store = listing(source(
            SourceStatus::AccessGone("404".to_owned()),
            None,
            false,
        ));
        store.expect_claim_notice().returning(|_, _, _| Ok(true));
        store
            .expect_clear_notice()
            .times(1)
            .returning(|_, _| Ok(()));
        let mut mailer = MockMailer::new();
        mailer
            .expect_send()
            .returning(|_| Err(DeliveryError::Transient("421".into())));
        let report = use_case(store, mailer, composing()).run().await.unwrap();
        assert_eq!((report.sent, report.failed), (0, 1));
    }

    #[tokio::test]
    async fn a_calendar_never_read_that_fails_is_not_mailed_about() {
        let mut store = listing(source(SourceStatus::Failing("503".to_owned()), None, false));
        store.expect_claim_notice().never();
        let report = use_case(store, MockMailer::new(), MockMailComposer::new())
            .run()
            .await
            .unwrap();
        assert_eq!(report, WarnReport::default());
    }

    #[tokio::test]
    async fn a_calendar_current_again_is_rearmed() {
        let mut store = listing(source(SourceStatus::Ok, Some(NOW), true));
        store
            .expect_clear_notice()
            .times(1)
            .returning(|_, _| Ok(()));
        let report = use_case(store, MockMailer::new(), MockMailComposer::new())
            .run()
            .await
            .unwrap();
        assert_eq!(report.rearmed, 1);
    }
}
