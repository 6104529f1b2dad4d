//! A provider chooses which of their own calendars block their time: add one (after sharing it
//! with the platform's calendar account), list them with how their sync goes, remove one.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::Role;

use crate::actor::Actor;
use crate::external_busy::ExternalBusy;
use crate::ports::{
    BusySource, BusyTimeSource, BusyTimeStore, CalendarAccess, CalendarLinks, CalendarLogin,
    RepoError, SourceError,
};

/// The longest calendar id accepted (Google's are email addresses or
/// `…@group.calendar.google.com`, Graph's mailbox addresses, CalDAV's collection URLs).
const MAX_CALENDAR_ID: usize = 1000;

/// Why a calendar was not added or removed.
#[derive(Debug, thiserror::Error)]
pub enum BusyCalendarError {
    /// Only providers have calendars that block bookable time.
    #[error("only providers can choose calendars that block their time")]
    Forbidden,
    /// No calendar service is configured (the feed only).
    #[error("reading calendars is not set up on this site")]
    NotConfigured,
    /// Not a calendar id.
    #[error("enter the calendar's id (for your main Google calendar, your Gmail address)")]
    InvalidId,
    /// The calendar the platform writes the provider's appointments into would block them all.
    #[error("this is the calendar your appointments are copied into; choose one of your own")]
    OwnAppointmentsCalendar,
    /// The calendar is not shared with the platform's account.
    #[error("this calendar is not shared with {share_with} yet")]
    NotShared {
        /// The address to share it with.
        share_with: String,
    },
    /// The service needs a login for the calendar (CalDAV) and none was given.
    #[error("enter the username and app password for this calendar")]
    LoginRequired,
    /// The calendar could not be opened with the address and login given (CalDAV).
    #[error("this calendar could not be opened with this address and login: {0}")]
    LoginRefused(String),
    /// The calendar service could not be asked now.
    #[error("the calendar service could not be reached; try again in a few minutes")]
    Unreachable(#[source] SourceError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// What the provider's profile shows about their busy calendars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyCalendars {
    /// The address to share calendars with; `None` when no calendar service is configured.
    pub share_with: Option<String>,
    /// How calendars are added (shared, a mailbox, a login); `Shared` without a service.
    pub access: CalendarAccess,
    /// The calendars that block time, with their sync state.
    pub sources: Vec<BusySource>,
    /// The ids of those that close all the provider's slots now (unread, stale or unshared).
    pub closing: Vec<String>,
}

/// Adds, lists and removes the calendars that block a provider's time.
pub struct BusyCalendarChoice {
    source: Option<Arc<dyn BusyTimeSource>>,
    store: Arc<dyn BusyTimeStore>,
    links: Arc<dyn CalendarLinks>,
    external: ExternalBusy,
}

impl BusyCalendarChoice {
    /// The use case over its ports; `source` is `None` without a calendar service; `external`
    /// judges which calendars close the provider's slots, as availability does.
    pub fn new(
        source: Option<Arc<dyn BusyTimeSource>>,
        store: Arc<dyn BusyTimeStore>,
        links: Arc<dyn CalendarLinks>,
        external: ExternalBusy,
    ) -> Self {
        Self {
            source,
            store,
            links,
            external,
        }
    }

    /// The actor's busy calendars at `now`.
    ///
    /// # Errors
    /// [`BusyCalendarError::Forbidden`] for anyone but a provider; store failures.
    #[tracing::instrument(skip_all, fields(actor = %actor.id))]
    pub async fn list(
        &self,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<BusyCalendars, BusyCalendarError> {
        if actor.role != Role::Provider {
            return Err(BusyCalendarError::Forbidden);
        }
        let sources = self.store.sources(actor.id).await?;
        let closing = sources
            .iter()
            .filter(|s| !self.external.is_current(s, now))
            .map(|s| s.calendar_id.clone())
            .collect();
        Ok(BusyCalendars {
            share_with: self.source.as_ref().map(|s| s.share_with()),
            access: self
                .source
                .as_ref()
                .map_or(CalendarAccess::Shared, |s| s.access()),
            sources,
            closing,
        })
    }

    /// Adds `calendar_id` (trimmed) to the actor's busy calendars, in the mode its sharing
    /// allows, reached with `login` when the service needs one (it is kept, sealed by the
    /// adapter); adding one again refreshes its mode and login. It is read by the next sync.
    ///
    /// # Errors
    /// See [`BusyCalendarError`].
    #[tracing::instrument(skip_all, fields(actor = %actor.id))]
    pub async fn add(
        &self,
        actor: &Actor,
        calendar_id: &str,
        login: Option<CalendarLogin>,
    ) -> Result<BusySource, BusyCalendarError> {
        if actor.role != Role::Provider {
            return Err(BusyCalendarError::Forbidden);
        }
        let source = self
            .source
            .as_ref()
            .ok_or(BusyCalendarError::NotConfigured)?;
        let id = calendar_id.trim();
        if id.is_empty() || id.len() > MAX_CALENDAR_ID || id.chars().any(char::is_whitespace) {
            return Err(BusyCalendarError::InvalidId);
        }
        let ours = self.links.calendar(actor.id).await?;
        if ours.and_then(|c| c.calendar_id).as_deref() == Some(id) {
            return Err(BusyCalendarError::OwnAppointmentsCalendar);
        }
        let login = if source.access() == CalendarAccess::Login {
            let login = login
                .map(|l| CalendarLogin {
                    username: l.username.trim().to_owned(),
                    password: l.password,
                })
                .filter(|l| !l.username.is_empty() && !l.password.is_empty())
                .ok_or(BusyCalendarError::LoginRequired)?;
            Some(login)
        } else {
            None
        };
        let calendar = source
            .calendar(id, login.clone())
            .await
            .map_err(|e| match e {
                SourceError::AccessGone(reason) if login.is_some() => {
                    BusyCalendarError::LoginRefused(reason)
                }
                SourceError::AccessGone(_) => BusyCalendarError::NotShared {
                    share_with: source.share_with(),
                },
                other => BusyCalendarError::Unreachable(other),
            })?;
        let existing = self
            .store
            .sources(actor.id)
            .await?
            .into_iter()
            .find(|s| s.calendar_id == calendar.id);
        let mut chosen = match existing {
            Some(mut known) if known.mode == calendar.mode => {
                known.status = crate::ports::SourceStatus::Ok;
                known
            }
            _ => BusySource::new(actor.id, calendar.id, calendar.mode),
        };
        chosen.credentials = calendar.credentials;
        self.store.save_source(&chosen).await?;
        Ok(chosen)
    }

    /// Removes `calendar_id` from the actor's busy calendars, with what was read from it.
    ///
    /// # Errors
    /// [`BusyCalendarError::Forbidden`] for anyone but a provider; store failures.
    #[tracing::instrument(skip_all, fields(actor = %actor.id))]
    pub async fn remove(&self, actor: &Actor, calendar_id: &str) -> Result<(), BusyCalendarError> {
        if actor.role != Role::Provider {
            return Err(BusyCalendarError::Forbidden);
        }
        Ok(self.store.remove_source(actor.id, calendar_id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::busy_time::{MockBusyTimeSource, MockBusyTimeStore};
    use crate::ports::calendar::MockCalendarLinks;
    use crate::ports::{ExternalCalendar, ProviderCalendar, SourceMode};
    use crate::test_support::*;

    fn choice(source: MockBusyTimeSource, store: MockBusyTimeStore) -> BusyCalendarChoice {
        let mut links = MockCalendarLinks::new();
        links.expect_calendar().returning(|p| {
            Ok(Some(ProviderCalendar {
                calendar_id: Some("ours@group.calendar.google.com".to_owned()),
                ..ProviderCalendar::new(p)
            }))
        });
        let store: Arc<dyn BusyTimeStore> = Arc::new(store);
        BusyCalendarChoice::new(
            Some(Arc::new(source)),
            store.clone(),
            Arc::new(links),
            ExternalBusy::new(store),
        )
    }

    fn sharing(role: SourceMode) -> MockBusyTimeSource {
        let mut source = MockBusyTimeSource::new();
        source
            .expect_share_with()
            .returning(|| "bys@project.iam.gserviceaccount.com".to_owned());
        source.expect_access().return_const(CalendarAccess::Shared);
        source.expect_calendar().returning(move |id, _| {
            Ok(ExternalCalendar {
                id: id.to_owned(),
                summary: "Ann".to_owned(),
                mode: role,
                credentials: None,
            })
        });
        source
    }

    #[tokio::test]
    async fn a_provider_adds_a_calendar_shared_with_free_busy_only_in_that_mode() {
        let mut store = MockBusyTimeStore::new();
        store.expect_sources().returning(|_| Ok(vec![]));
        store
            .expect_save_source()
            .withf(|s| s.mode == SourceMode::FreeBusy && s.calendar_id == "ann@gmail.com")
            .times(1)
            .returning(|_| Ok(()));
        let provider = a_provider().actor();
        let added = choice(sharing(SourceMode::FreeBusy), store)
            .add(&provider, " ann@gmail.com ", None)
            .await
            .unwrap();
        assert_eq!(added.provider, provider.id);
    }

    #[tokio::test]
    async fn a_customer_cannot_choose_busy_calendars() {
        let result = choice(MockBusyTimeSource::new(), MockBusyTimeStore::new())
            .add(&a_customer().actor(), "ann@gmail.com", None)
            .await;
        assert!(matches!(result, Err(BusyCalendarError::Forbidden)));
    }

    #[tokio::test]
    async fn the_calendar_of_the_providers_appointments_cannot_block_them() {
        let result = choice(MockBusyTimeSource::new(), MockBusyTimeStore::new())
            .add(
                &a_provider().actor(),
                "ours@group.calendar.google.com",
                None,
            )
            .await;
        assert!(matches!(
            result,
            Err(BusyCalendarError::OwnAppointmentsCalendar)
        ));
    }

    #[tokio::test]
    async fn an_unshared_calendar_is_refused_with_the_address_to_share_it_with() {
        let mut source = MockBusyTimeSource::new();
        source
            .expect_share_with()
            .returning(|| "bys@project.iam.gserviceaccount.com".to_owned());
        source.expect_access().return_const(CalendarAccess::Shared);
        source
            .expect_calendar()
            .returning(|_, _| Err(SourceError::AccessGone("404".to_owned())));
        let result = choice(source, MockBusyTimeStore::new())
            .add(&a_provider().actor(), "ann@gmail.com", None)
            .await;
        assert!(matches!(
            result,
            Err(BusyCalendarError::NotShared { share_with }) if share_with.starts_with("bys@")
        ));
    }

    fn with_login() -> MockBusyTimeSource {
        let mut source = MockBusyTimeSource::new();
        source.expect_access().return_const(CalendarAccess::Login);
        source.expect_share_with().returning(String::new);
        source.expect_calendar().returning(|id, login| match login {
            Some(l) if l.username == "ann" && l.password == "app-pw" => Ok(ExternalCalendar {
                id: id.to_owned(),
                summary: "Work".to_owned(),
                mode: SourceMode::Events,
                credentials: Some("sealed".to_owned()),
            }),
            _ => Err(SourceError::AccessGone("401 Unauthorized".to_owned())),
        });
        source
    }

    const DAV: &str = "https://dav.example/ann/work/";

    fn login(password: &str) -> CalendarLogin {
        CalendarLogin {
            username: " ann ".to_owned(),
            password: password.to_owned(),
        }
    }

    #[tokio::test]
    async fn a_calendar_read_with_a_login_keeps_the_sealed_login_with_its_source() {
        let mut store = MockBusyTimeStore::new();
        store.expect_sources().returning(|_| Ok(vec![]));
        store
            .expect_save_source()
            .withf(|s| s.calendar_id == DAV && s.credentials.as_deref() == Some("sealed"))
            .times(1)
            .returning(|_| Ok(()));
        choice(with_login(), store)
            .add(&a_provider().actor(), DAV, Some(login("app-pw")))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_calendar_that_needs_a_login_is_refused_without_one_or_with_a_wrong_one() {
        let missing = choice(with_login(), MockBusyTimeStore::new())
            .add(&a_provider().actor(), DAV, Some(login("")))
            .await;
        assert!(matches!(missing, Err(BusyCalendarError::LoginRequired)));
        let wrong = choice(with_login(), MockBusyTimeStore::new())
            .add(&a_provider().actor(), DAV, Some(login("guess")))
            .await;
        assert!(matches!(wrong, Err(BusyCalendarError::LoginRefused(r)) if r.contains("401")));
    }
}
