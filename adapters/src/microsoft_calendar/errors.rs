//! Sorting Graph's failures into retry-later and give-up, for deliveries and for reads.

use application::ports::{BackendError, DeliveryError, RepoError, SourceError};
use chrono::{DateTime, Utc};

/// A failed call: the HTTP status and Graph's error code if Graph answered.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {message}")]
pub(super) struct GraphError {
    what: &'static str,
    message: String,
    /// The HTTP status Graph answered with, if it answered.
    pub(super) status: Option<u16>,
    /// Graph's error code (`ErrorFolderExists`, `SyncStateNotFound`, ...).
    pub(super) code: String,
    transient: bool,
}

impl GraphError {
    /// An error answer.
    pub(super) fn answered(what: &'static str, status: u16, code: &str) -> Self {
        Self {
            what,
            message: format!("{status} {code}"),
            status: Some(status),
            code: code.to_owned(),
            transient: matches!(status, 401 | 408 | 429 | 500..=599),
        }
    }

    /// No answer: connection refused or reset, a timeout.
    pub(super) fn unanswered(what: &'static str, error: &reqwest::Error) -> Self {
        let message = if error.is_timeout() {
            "timed out".to_owned()
        } else {
            error.to_string()
        };
        Self::transient(what, &message)
    }

    /// Graph asked us to wait until `until`; nothing was sent.
    pub(super) fn throttled(what: &'static str, until: DateTime<Utc>) -> Self {
        Self {
            what,
            message: format!("throttled by Microsoft Graph until {until}"),
            status: Some(429),
            code: "throttled".to_owned(),
            transient: true,
        }
    }

    /// Something worth retrying that is not an HTTP answer.
    pub(super) fn transient(what: &'static str, message: &str) -> Self {
        Self {
            what,
            message: message.to_owned(),
            status: None,
            code: String::new(),
            transient: true,
        }
    }

    /// Something retrying will not fix.
    pub(super) fn permanent(what: &'static str, message: &str) -> Self {
        Self {
            transient: false,
            ..Self::transient(what, message)
        }
    }

    /// Our own store failed: retry later.
    pub(super) fn store(error: &RepoError) -> Self {
        Self::transient("store", &error.to_string())
    }

    /// Whether the thing to remove is already gone (`404 Not Found`, `410 Gone`).
    pub(super) fn is_gone(&self) -> bool {
        matches!(self.status, Some(404 | 410))
    }

    /// The delivery port's error.
    pub(super) fn into_delivery(self) -> DeliveryError {
        let transient = self.transient;
        let source: BackendError = Box::new(self);
        if transient {
            DeliveryError::Transient(source)
        } else {
            DeliveryError::Permanent(source)
        }
    }

    /// The busy-time port's error: an invalid delta link means reading in full again.
    pub(super) fn into_source(self) -> SourceError {
        let resync = matches!(
            self.code.as_str(),
            "SyncStateNotFound" | "syncStateNotFound" | "SyncStateInvalid" | "resyncRequired"
        );
        match self.status {
            Some(410) => SourceError::TokenExpired,
            Some(400) if resync => SourceError::TokenExpired,
            Some(429) => SourceError::RateLimited(self.to_string()),
            Some(403 | 404) => SourceError::AccessGone(self.to_string()),
            _ => SourceError::Transient(Box::new(self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_transient(status: u16) -> bool {
        matches!(
            GraphError::answered("t", status, "x").into_delivery(),
            DeliveryError::Transient(_)
        )
    }

    #[test]
    fn throttling_server_errors_and_expired_tokens_are_retried_other_refusals_are_not() {
        for status in [401, 408, 429, 500, 503, 504] {
            assert!(is_transient(status), "{status} was not retried");
        }
        for status in [400, 403, 404, 409] {
            assert!(!is_transient(status), "{status} was retried");
        }
    }

    #[test]
    fn an_invalid_delta_link_asks_for_a_full_read() {
        let read = |status, code| GraphError::answered("t", status, code).into_source();
        assert!(matches!(
            read(410, "SyncStateNotFound"),
            SourceError::TokenExpired
        ));
        assert!(matches!(
            read(400, "SyncStateInvalid"),
            SourceError::TokenExpired
        ));
        assert!(matches!(
            read(429, "TooManyRequests"),
            SourceError::RateLimited(_)
        ));
        assert!(matches!(
            read(404, "ErrorInvalidUser"),
            SourceError::AccessGone(_)
        ));
        assert!(matches!(
            read(503, "ServiceUnavailable"),
            SourceError::Transient(_)
        ));
    }
}
