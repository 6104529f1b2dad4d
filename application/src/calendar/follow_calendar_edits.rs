//! The calendar worker's step that follows what providers do by hand to the entries we keep in
//! their calendar ([`CalendarSync::entry_edits`]), so that a change made there is never silent:
//! - an entry **deleted** cancels its appointment on the provider's behalf, with the usual
//!   notices to both sides;
//! - an entry **moved** to another start becomes a [`MoveProposal`]: the customer is mailed and
//!   accepts or declines it on the appointment page ([`crate::answer_move_proposal`]); a
//!   declined move puts the entry back and tells the provider; an entry moved back to its
//!   appointment's start withdraws the proposal;
//! - left alone: entries of appointments that are over, cancelled or completed; entries whose
//!   appointment changed after we last wrote them (our own change is on its way and overwrites
//!   the entry); a changed end only (the service's duration holds); and events the provider
//!   added themselves (they block time only in the calendars chosen to do so).
//!
//! Each calendar is read every [`EditsSettings::every`], from the token of its last read. The
//! same change read twice (a repeated read, two app instances) acts once: a cancelled
//! appointment stays cancelled, and the same move at the same revision is proposed once (the
//! store decides atomically). Mails are claimed before they go out, as in
//! [`crate::warn_closing_calendars`].

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, TimeDelta, Utc};
use domain::{Appointment, Note, Role, UserId};

use crate::actor::Actor;
use crate::appointment_details::{DetailsLoader, current_state};
use crate::cancel_appointment::{CancelAppointment, CancelAppointmentError};
use crate::events::AppointmentEvent;
use crate::ports::{
    AppointmentStore, CalendarLinks, CalendarSync, Clock, EntryEdit, EntryEdits, Links, Mail,
    MailComposer, Mailer, MoveProposal, MoveProposalStore, ProviderCalendar, RepoError,
    ServiceStore, SourceError, UserStore,
};

/// The reason recorded on an appointment whose entry the provider deleted.
const DELETED_REASON: &str = "Removed from the provider's calendar.";

/// How often calendars are read and how far back a read without a token looks.
#[derive(Debug, Clone, Copy)]
pub struct EditsSettings {
    /// Time between two reads of a calendar.
    pub every: TimeDelta,
    /// A read without a token lists entries ending after this long ago.
    pub past: TimeDelta,
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EditsReport {
    /// Calendars read.
    pub read: usize,
    /// Appointments cancelled because their entry was deleted.
    pub cancelled: usize,
    /// Moves proposed to customers.
    pub proposed: usize,
    /// Proposals withdrawn (the entry moved back) or void (the appointment changed).
    pub withdrawn: usize,
    /// Customers mailed about a proposal.
    pub mailed: usize,
    /// Entries put back after the customer declined.
    pub restored: usize,
    /// Reads, mails or restorations that failed (tried again on the next run).
    pub failed: usize,
}

/// The mails this step sends, and how.
pub struct EditsMail {
    /// Words the mails.
    pub composer: Arc<dyn MailComposer>,
    /// Sends them.
    pub mailer: Arc<dyn Mailer>,
}

/// Follows providers' edits to our entries.
pub struct FollowCalendarEdits {
    sync: Arc<dyn CalendarSync>,
    links: Arc<dyn CalendarLinks>,
    appointments: Arc<dyn AppointmentStore>,
    proposals: Arc<dyn MoveProposalStore>,
    cancel: Arc<CancelAppointment>,
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    mail: EditsMail,
    clock: Arc<dyn Clock>,
    pages: Arc<dyn Links>,
    settings: EditsSettings,
    /// When calendars were last read (this process's memory).
    last_read: Mutex<Option<DateTime<Utc>>>,
}

impl FollowCalendarEdits {
    /// The step over its ports; mails link to the pages `pages` names.
    #[allow(
        clippy::too_many_arguments,
        reason = "a worker step over its ports, built in one place"
    )]
    pub fn new(
        sync: Arc<dyn CalendarSync>,
        links: Arc<dyn CalendarLinks>,
        appointments: Arc<dyn AppointmentStore>,
        proposals: Arc<dyn MoveProposalStore>,
        cancel: Arc<CancelAppointment>,
        (users, services): (Arc<dyn UserStore>, Arc<dyn ServiceStore>),
        mail: EditsMail,
        clock: Arc<dyn Clock>,
        pages: Arc<dyn Links>,
        settings: EditsSettings,
    ) -> Self {
        Self {
            sync,
            links,
            appointments,
            proposals,
            cancel,
            users,
            services,
            mail,
            clock,
            pages,
            settings,
            last_read: Mutex::new(None),
        }
    }

    /// Reads the calendars if they are due, then mails new proposals and puts declined ones
    /// back.
    ///
    /// # Errors
    /// When a store fails.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self) -> Result<EditsReport, RepoError> {
        let now = self.clock.now();
        let mut report = EditsReport::default();
        if self.due(now) {
            for calendar in self.links.calendars().await? {
                if !self.read(&calendar, now, &mut report).await? {
                    break; // the calendar service does not read entries back
                }
            }
        }
        for proposal in self.proposals.open().await? {
            self.settle(&proposal, now, &mut report).await?;
        }
        Ok(report)
    }

    fn due(&self, now: DateTime<Utc>) -> bool {
        let mut last = self
            .last_read
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if last.is_some_and(|at| now - at < self.settings.every) {
            return false;
        }
        *last = Some(now);
        true
    }

    /// Reads one calendar and follows its edits; `false` when the service cannot.
    async fn read(
        &self,
        calendar: &ProviderCalendar,
        now: DateTime<Utc>,
        report: &mut EditsReport,
    ) -> Result<bool, RepoError> {
        let Some(calendar_id) = calendar.calendar_id.as_deref() else {
            return Ok(true);
        };
        let since = now - self.settings.past;
        let read = match self.sync.entry_edits(calendar, since).await {
            Err(SourceError::TokenExpired) => {
                let afresh = ProviderCalendar {
                    edits_token: None,
                    ..calendar.clone()
                };
                self.sync.entry_edits(&afresh, since).await
            }
            other => other,
        };
        let edits: EntryEdits = match read {
            Ok(Some(edits)) => edits,
            Ok(None) => return Ok(false),
            Err(error) => {
                tracing::info!(provider = %calendar.provider, %error, "reading the provider's edits failed");
                report.failed += 1;
                return Ok(true);
            }
        };
        report.read += 1;
        for entry in &edits.entries {
            self.follow(calendar.provider, *entry, now, report).await?;
        }
        self.links
            .save_edits_token(calendar.provider, calendar_id, edits.next_token)
            .await?;
        Ok(true)
    }

    /// Acts on one entry of `provider`'s calendar as the module's rules say.
    async fn follow(
        &self,
        provider: UserId,
        entry: EntryEdit,
        now: DateTime<Utc>,
        report: &mut EditsReport,
    ) -> Result<(), RepoError> {
        let Some(appointment) = self.appointments.by_id(entry.appointment).await? else {
            return Ok(());
        };
        if appointment.provider != provider
            || !appointment.status.is_active()
            || appointment.session.end() <= now
        {
            return Ok(());
        }
        let shown = self.links.event(appointment.id).await?;
        if shown.is_none_or(|link| link.revision != appointment.revision) {
            return Ok(()); // our own change to the entry is on its way
        }
        match entry.start {
            None => self.cancel_deleted(&appointment, report).await,
            Some(start) if start == appointment.session.start() => {
                if let Some(pending) = self.proposals.get(appointment.id).await?
                    && pending.declined_at.is_none()
                {
                    self.proposals.remove(appointment.id).await?;
                    report.withdrawn += 1;
                }
                Ok(())
            }
            Some(start) => {
                let proposal = MoveProposal::new(appointment.id, appointment.revision, start, now);
                if self.proposals.propose(&proposal).await? {
                    tracing::info!(appointment = %appointment.id, "the provider moved the entry: proposed to the customer");
                    report.proposed += 1;
                }
                Ok(())
            }
        }
    }

    /// Cancels `appointment` on its provider's behalf.
    async fn cancel_deleted(
        &self,
        appointment: &Appointment,
        report: &mut EditsReport,
    ) -> Result<(), RepoError> {
        let provider = Actor::new(appointment.provider, Role::Provider);
        match self
            .cancel
            .run(&provider, appointment.id, Note::parse(DELETED_REASON).ok())
            .await
        {
            Ok(_) => {
                tracing::info!(appointment = %appointment.id, "the provider deleted the entry: cancelled");
                report.cancelled += 1;
                Ok(())
            }
            Err(CancelAppointmentError::Store(e)) => Err(e),
            // Started already, or changed meanwhile (that change rewrites the entry).
            Err(error) => {
                tracing::info!(appointment = %appointment.id, %error, "a deleted entry was not turned into a cancellation");
                Ok(())
            }
        }
    }

    /// Mails a new proposal, or puts a declined one's entry back and tells the provider; a
    /// proposal whose appointment changed or is over is dropped.
    async fn settle(
        &self,
        proposal: &MoveProposal,
        now: DateTime<Utc>,
        report: &mut EditsReport,
    ) -> Result<(), RepoError> {
        let appointment = self.appointments.by_id(proposal.appointment).await?;
        let Some(appointment) = appointment.filter(|a| {
            a.status.is_active() && a.revision == proposal.revision && a.session.start() > now
        }) else {
            self.proposals.remove(proposal.appointment).await?;
            report.withdrawn += 1;
            return Ok(());
        };
        let mut loader = DetailsLoader::new(
            self.users.clone(),
            self.services.clone(),
            self.pages.clone(),
        );
        let event = AppointmentEvent::new(current_state(&appointment), &appointment, now);
        let Some(details) = loader.load(event).await? else {
            return Ok(());
        };
        let details = Box::new(details);
        if proposal.declined_at.is_some() {
            if let Err(error) = self.sync.apply(&details).await {
                tracing::info!(appointment = %appointment.id, %error, "putting the entry back failed");
                report.failed += 1;
                return Ok(());
            }
            self.proposals.remove(appointment.id).await?;
            report.restored += 1;
            let mail = Mail::MoveDeclined {
                details,
                start: proposal.start,
            };
            // The entry is back either way; a lost notice is only logged.
            if let Err(error) = self.send(&mail).await {
                tracing::warn!(appointment = %appointment.id, %error, "the provider was not told of the declined move");
            }
            return Ok(());
        }
        if !self.proposals.claim_mail(appointment.id, now).await? {
            return Ok(()); // another instance is mailing it
        }
        let mail = Mail::MoveProposed {
            details,
            start: proposal.start,
        };
        match self.send(&mail).await {
            Ok(()) => report.mailed += 1,
            Err(error) => {
                tracing::warn!(appointment = %appointment.id, %error, "the move proposal was not mailed");
                self.proposals.release_mail(appointment.id).await?;
                report.failed += 1;
            }
        }
        Ok(())
    }

    async fn send(&self, mail: &Mail) -> Result<(), String> {
        let message = self
            .mail
            .composer
            .compose(mail)
            .map_err(|e| e.to_string())?;
        self.mail
            .mailer
            .send(&message)
            .await
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChangeKind;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::calendar::{MockCalendarLinks, MockCalendarSync};
    use crate::ports::mail::{MockMailComposer, MockMailer};
    use crate::ports::move_proposals::MockMoveProposalStore;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::ports::{DeliveryError, EventLink};
    use crate::test_support::*;
    use domain::AppointmentStatus;

    struct Ports {
        sync: MockCalendarSync,
        links: MockCalendarLinks,
        appointments: MockAppointmentStore,
        proposals: MockMoveProposalStore,
        mailer: MockMailer,
    }

    /// The provider's calendar, with `an_appointment()` (revision 3) shown at revision `shown`.
    fn ports(stored: Appointment, shown: u32) -> Ports {
        let mut links = MockCalendarLinks::new();
        links.expect_calendars().returning(|| {
            Ok(vec![ProviderCalendar {
                calendar_id: Some("c_ann@group.calendar.google.com".to_owned()),
                edits_token: Some("sync-1".to_owned()),
                ..ProviderCalendar::new(a_provider().build().id)
            }])
        });
        links.expect_event().returning(move |appointment| {
            Ok(Some(EventLink {
                appointment,
                provider: a_provider().build().id,
                event_id: "ev".to_owned(),
                revision: shown,
            }))
        });
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_by_id()
            .returning(move |_| Ok(Some(stored.clone())));
        let mut proposals = MockMoveProposalStore::new();
        proposals.expect_open().returning(|| Ok(Vec::new()));
        Ports {
            sync: MockCalendarSync::new(),
            links,
            appointments,
            proposals,
            mailer: MockMailer::new(),
        }
    }

    /// The calendar reads `entries` with the token, and the next token is saved.
    fn reading(mut p: Ports, entries: Vec<EntryEdit>) -> Ports {
        p.sync
            .expect_entry_edits()
            .withf(|calendar, _| calendar.edits_token.as_deref() == Some("sync-1"))
            .times(1)
            .returning(move |_, _| {
                Ok(Some(EntryEdits {
                    entries: entries.clone(),
                    next_token: Some("sync-2".to_owned()),
                }))
            });
        p.links
            .expect_save_edits_token()
            .withf(|_, id, token| {
                id == "c_ann@group.calendar.google.com" && token.as_deref() == Some("sync-2")
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        p
    }

    fn use_case(p: Ports) -> FollowCalendarEdits {
        let appointments: Arc<dyn AppointmentStore> = Arc::new(p.appointments);
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(|id| {
            Ok(Some(if id == a_provider().build().id {
                a_provider().build()
            } else {
                a_customer().build()
            }))
        });
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        let services: Arc<dyn ServiceStore> = Arc::new(services);
        let mut composer = MockMailComposer::new();
        composer
            .expect_compose()
            .returning(|_| Ok(message_to(&a_customer().build(), "move")));
        let cancel = CancelAppointment::new(
            services.clone(),
            Arc::new(MockScheduleStore::new()),
            appointments.clone(),
            clock_at(NOW),
        );
        FollowCalendarEdits::new(
            Arc::new(p.sync),
            Arc::new(p.links),
            appointments,
            Arc::new(p.proposals),
            Arc::new(cancel),
            (Arc::new(users), services),
            EditsMail {
                composer: Arc::new(composer),
                mailer: Arc::new(p.mailer),
            },
            clock_at(NOW),
            links_at("https://book.example.org"),
            EditsSettings {
                every: TimeDelta::minutes(15),
                past: TimeDelta::days(1),
            },
        )
    }

    fn deleted() -> EntryEdit {
        EntryEdit {
            appointment: an_appointment().build().id,
            start: None,
        }
    }

    fn moved_to(start: &str) -> EntryEdit {
        EntryEdit {
            appointment: an_appointment().build().id,
            start: Some(utc(start)),
        }
    }

    #[tokio::test]
    async fn a_deleted_entry_cancels_its_appointment_on_the_providers_behalf() {
        let mut p = reading(ports(an_appointment().build(), 3), vec![deleted()]);
        p.appointments
            .expect_update()
            .withf(|a, expected, event| {
                *expected == 3
                    && a.status == AppointmentStatus::Cancelled
                    && matches!(&event.kind, ChangeKind::Cancelled { by: domain::Party::Provider, reason: Some(r) } if r.as_str() == DELETED_REASON)
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        let report = use_case(p).run().await.unwrap();
        assert_eq!((report.read, report.cancelled), (1, 1));
    }

    #[tokio::test]
    async fn a_deletion_read_again_once_cancelled_changes_nothing() {
        let cancelled = an_appointment()
            .with_status(AppointmentStatus::Cancelled)
            .build();
        let mut p = reading(ports(cancelled, 3), vec![deleted()]);
        p.appointments.expect_update().never();
        let report = use_case(p).run().await.unwrap();
        assert_eq!(report.cancelled, 0);
    }

    #[tokio::test]
    async fn entries_of_past_appointments_or_with_our_change_on_its_way_are_left_alone() {
        let past = an_appointment().starting("2026-05-30T10:00:00Z").build();
        for (stored, shown) in [(past, 3), (an_appointment().build(), 2)] {
            let mut p = reading(
                ports(stored, shown),
                vec![deleted(), moved_to("2026-06-03T14:00:00Z")],
            );
            p.appointments.expect_update().never();
            p.proposals.expect_propose().never();
            let report = use_case(p).run().await.unwrap();
            assert_eq!(
                report,
                EditsReport {
                    read: 1,
                    ..EditsReport::default()
                }
            );
        }
    }

    #[tokio::test]
    async fn a_moved_entry_is_proposed_once_and_moving_it_back_withdraws_the_proposal() {
        let mut p = reading(
            ports(an_appointment().build(), 3),
            vec![
                moved_to("2026-06-03T14:00:00Z"),
                moved_to("2026-06-03T14:00:00Z"),
            ],
        );
        let mut first = true;
        p.proposals
            .expect_propose()
            .withf(|proposal| {
                proposal.start == utc("2026-06-03T14:00:00Z")
                    && proposal.revision == 3
                    && proposal.proposed_at == utc(NOW)
            })
            .times(2)
            .returning(move |_| Ok(std::mem::replace(&mut first, false)));
        let report = use_case(p).run().await.unwrap();
        assert_eq!(report.proposed, 1);

        let mut p = reading(
            ports(an_appointment().build(), 3),
            vec![moved_to("2026-06-03T10:00:00Z")],
        );
        p.proposals.expect_get().returning(|id| {
            Ok(Some(MoveProposal::new(
                id,
                3,
                utc("2026-06-03T14:00:00Z"),
                utc(NOW),
            )))
        });
        p.proposals.expect_remove().times(1).returning(|_| Ok(()));
        let report = use_case(p).run().await.unwrap();
        assert_eq!(report.withdrawn, 1);
    }

    #[tokio::test]
    async fn an_expired_token_reads_everything_from_a_day_back() {
        let mut p = ports(an_appointment().build(), 3);
        p.sync
            .expect_entry_edits()
            .withf(|calendar, _| calendar.edits_token.is_some())
            .times(1)
            .returning(|_, _| Err(SourceError::TokenExpired));
        p.sync
            .expect_entry_edits()
            .withf(|calendar, since| {
                calendar.edits_token.is_none() && *since == utc("2026-05-31T08:00:00Z")
            })
            .times(1)
            .returning(|_, _| Ok(Some(EntryEdits::default())));
        p.links
            .expect_save_edits_token()
            .withf(|_, _, token| token.is_none())
            .times(1)
            .returning(|_, _, _| Ok(()));
        let report = use_case(p).run().await.unwrap();
        assert_eq!(report.read, 1);
    }

    #[tokio::test]
    async fn a_service_that_cannot_read_entries_back_is_asked_once_and_calendars_wait_their_turn() {
        let mut p = ports(an_appointment().build(), 3);
        p.sync
            .expect_entry_edits()
            .times(1)
            .returning(|_, _| Ok(None));
        let step = use_case(p);
        assert_eq!(step.run().await.unwrap(), EditsReport::default());
        // Within `every`, the calendars are not read again (the mock would refuse a call).
        assert_eq!(step.run().await.unwrap(), EditsReport::default());
    }

    fn settling(proposal: MoveProposal) -> Ports {
        let mut p = ports(an_appointment().build(), 3);
        p.sync.expect_entry_edits().returning(|_, _| Ok(None));
        p.proposals.checkpoint();
        p.proposals
            .expect_open()
            .returning(move || Ok(vec![proposal.clone()]));
        p
    }

    fn a_proposal() -> MoveProposal {
        MoveProposal::new(
            an_appointment().build().id,
            3,
            utc("2026-06-03T14:00:00Z"),
            utc(NOW),
        )
    }

    #[tokio::test]
    async fn a_new_proposal_is_claimed_then_mailed_to_the_customer_once() {
        let mut p = settling(a_proposal());
        p.proposals
            .expect_claim_mail()
            .times(1)
            .returning(|_, _| Ok(true));
        p.mailer.expect_send().times(1).returning(|_| Ok(()));
        assert_eq!(use_case(p).run().await.unwrap().mailed, 1);

        let mut p = settling(a_proposal());
        p.proposals.expect_claim_mail().returning(|_, _| Ok(false));
        p.mailer.expect_send().never();
        assert_eq!(use_case(p).run().await.unwrap().mailed, 0);
    }

    #[tokio::test]
    async fn a_proposal_mail_the_server_refuses_is_released_for_the_next_run() {
        let mut p = settling(a_proposal());
        p.proposals.expect_claim_mail().returning(|_, _| Ok(true));
        p.mailer
            .expect_send()
            .returning(|_| Err(DeliveryError::Transient("421".into())));
        p.proposals
            .expect_release_mail()
            .times(1)
            .returning(|_| Ok(()));
        assert_eq!(use_case(p).run().await.unwrap().failed, 1);
    }

    #[tokio::test]
    async fn a_declined_move_puts_the_entry_back_and_tells_the_provider() {
        let mut p = settling(MoveProposal {
            declined_at: Some(utc(NOW)),
            mailed_at: Some(utc(NOW)),
            ..a_proposal()
        });
        p.sync
            .expect_apply()
            .withf(|details| {
                details.event.appointment.session.start() == utc("2026-06-03T10:00:00Z")
            })
            .times(1)
            .returning(|_| Ok(()));
        p.proposals.expect_remove().times(1).returning(|_| Ok(()));
        p.mailer.expect_send().times(1).returning(|_| Ok(()));
        assert_eq!(use_case(p).run().await.unwrap().restored, 1);
    }

    #[tokio::test]
    async fn a_proposal_whose_appointment_changed_is_dropped_unmailed() {
        let mut p = settling(MoveProposal {
            revision: 2,
            ..a_proposal()
        });
        p.proposals.expect_remove().times(1).returning(|_| Ok(()));
        p.mailer.expect_send().never();
        assert_eq!(use_case(p).run().await.unwrap().withdrawn, 1);
    }
}
