//! Ports: the capabilities use cases need, as small async traits. Adapters implement them;
//! each trait's documentation is its contract, checked by the contract suites in `tests/`.

pub mod account_tokens;
pub mod api_tokens;
pub mod appointments;
pub mod audit;
pub mod busy_time;
pub mod calendar;
pub mod categories;
pub mod clock;
pub mod deliveries;
pub mod feeds;
pub mod images;
pub mod links;
pub mod mail;
pub mod move_proposals;
pub mod password;
pub mod personal_data;
pub mod rate_limits;
pub mod reviews;
pub mod schedules;
pub mod secret;
pub mod services;
pub mod sessions;
pub mod storage;
pub mod users;
pub mod waitlist;
pub mod watch_channels;
pub mod webhooks;

pub use account_tokens::{AccountToken, AccountTokens, TokenHash, TokenPurpose};
pub use api_tokens::{ApiSecret, ApiSecretHash, ApiToken, ApiTokens};
pub use appointments::{
    AppointmentFilter, AppointmentQuery, AppointmentStore, IdempotencyKey, Period, SeatInsertError,
    SeriesChange, SeriesInsertError,
};
pub use audit::{AuditEntry, AuditLog};
pub use busy_time::{
    BusySource, BusyTimeSource, BusyTimeStore, BusyUpdate, CalendarAccess, CalendarLogin,
    ExternalCalendar, SourceError, SourceMode, SourceRead, SourceStatus,
};
pub use calendar::{
    CalendarLinks, CalendarSync, EntryEdit, EntryEdits, EventLink, OwnedCalendar, ProviderCalendar,
};
pub use categories::CategoryStore;
pub use clock::Clock;
pub use deliveries::{
    Channel, ChannelBacklog, ClaimToken, Delivery, DeliveryId, DeliveryQueue, FailedDelivery,
    RetryPolicy,
};
pub use feeds::{Feed, FeedAudience, FeedRenderer, FeedToken, FeedTokenHash, FeedTokens};
pub use images::{ImageError, ImageProcessor, ImageRejection, ProcessedImage};
pub use links::Links;
pub use mail::{
    ClosingReason, EmailMessage, Invitation, InvitationMethod, Mail, MailComposer, Mailbox, Mailer,
    Recipient, VerifyLink,
};
pub use move_proposals::{MoveProposal, MoveProposalStore};
pub use password::{PasswordHash, PasswordHasher};
pub use personal_data::PersonalDataStore;
pub use rate_limits::{Hit, LimitKey, RateLimits};
pub use reviews::{Report, ReportedReview, ReviewStore, Reviewed};
pub use schedules::ScheduleStore;
pub use secret::{Secret, SecretHash, SecretKind};
pub use services::{
    CatalogQuery, Page, PageRequest, SearchQuery, ServiceListing, ServiceStore, SortOrder,
};
pub use sessions::{
    SessionData, SessionId, SessionIdHash, SessionIdKind, SessionStore, SessionUser,
};
pub use storage::{ObjectStorage, StoredObject, is_valid_key};
pub use users::{UserQuery, UserStore};
pub use waitlist::{EntryState, Hold, OfferError, WaitlistEntry, WaitlistStore};
pub use watch_channels::{
    CalendarWatch, ChannelRequest, ChannelToken, ChannelTokenHash, OpenedChannel, SyncCue,
    WatchChannel, WatchChannelStore,
};
pub use webhooks::{
    ClaimedMessage, FailureCount, MessageId, MessageOutcome, SendError, TargetRefused,
    WebhookAttempt, WebhookNotice, WebhookRequest, WebhookResponse, WebhookSender, WebhookStore,
    excerpt_of,
};

/// An opaque error from a backend (database, network, file system).
pub type BackendError = Box<dyn std::error::Error + Send + Sync>;

/// 32 bytes from the operating system's secure random source as 64 lower-case hex digits:
/// the body of every secret token, and the one random source of the edges too (session ids,
/// CSRF tokens, idempotency keys of forms).
///
/// # Errors
/// When the random source fails.
pub fn random_hex() -> Result<String, BackendError> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| BackendError::from(e.to_string()))?;
    Ok(hex::encode(bytes))
}

/// Whether `raw` has the shape [`random_hex`] makes.
pub(crate) fn is_random_hex(raw: &str) -> bool {
    raw.len() == 64 && raw.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// How a store call failed, in the cases callers act on.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// A uniqueness or no-overlap rule refused the write (email taken, slot taken).
    #[error("conflicts with existing data")]
    Conflict,
    /// The record changed since it was read (optimistic concurrency).
    #[error("changed by someone else meanwhile")]
    Stale,
    /// The record to update does not exist.
    #[error("not found")]
    NotFound,
    /// The store could not be reached in time; nothing was decided and the same call may
    /// succeed later.
    #[error("storage unavailable")]
    Unavailable(#[source] StoreUnavailable),
    /// The backend failed.
    #[error("storage failed")]
    Backend(#[source] BackendError),
}

/// The store did not answer: connection refused or lost, no pooled connection free within the
/// configured wait, the database shutting down or its file unreadable. Adapters wrap such
/// failures in this type, so that whoever finally handles an error can tell "try again later"
/// from "broken" by [`is_unavailable`], however many use-case errors wrap it.
#[derive(Debug, thiserror::Error)]
#[error("the store is unavailable")]
pub struct StoreUnavailable(#[source] pub BackendError);

impl RepoError {
    /// [`RepoError::Unavailable`] caused by `source`.
    pub fn unavailable(source: impl Into<BackendError>) -> Self {
        Self::Unavailable(StoreUnavailable(source.into()))
    }
}

/// Whether `error` or one of its causes is a [`StoreUnavailable`].
pub fn is_unavailable(error: &(dyn std::error::Error + 'static)) -> bool {
    std::iter::successors(Some(error), |e| e.source())
        .any(<dyn std::error::Error>::is::<StoreUnavailable>)
}

/// `error` and its causes in one line, `outer: inner: root`, for logs and stored error texts.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A delivery to an outside system (mail server, calendar API) failed.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Worth retrying later: timeouts, rate limits, 5xx, expired tokens.
    #[error("temporarily failed, retry later")]
    Transient(#[source] BackendError),
    /// Retrying will not help: rejected address, malformed request, revoked access.
    #[error("permanently failed")]
    Permanent(#[source] BackendError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("booking failed")]
    struct Wrapper(#[source] RepoError);

    #[derive(Debug, thiserror::Error)]
    enum Transparent {
        #[error(transparent)]
        Store(#[from] RepoError),
    }

    #[test]
    fn an_unavailable_store_is_recognised_through_any_wrapping() {
        let cause = || RepoError::unavailable("connection refused");
        assert!(is_unavailable(&cause()));
        assert!(is_unavailable(&Wrapper(cause())));
        assert!(is_unavailable(&Transparent::from(cause())));
        let boxed: BackendError = Box::new(cause());
        assert!(is_unavailable(boxed.as_ref()));
    }

    #[test]
    fn other_store_failures_are_not_unavailability() {
        assert!(!is_unavailable(&RepoError::Backend("disk corrupt".into())));
        assert!(!is_unavailable(&Wrapper(RepoError::Conflict)));
    }
}
