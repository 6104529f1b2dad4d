//! Sorting a CalDAV server's failures into the cases the busy-time sync acts on.

use application::ports::SourceError;

/// A failed request: the HTTP status if the server answered.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {message}")]
pub(super) struct DavError {
    what: &'static str,
    message: String,
    status: Option<u16>,
    /// Whether the server said the sync token is no longer valid (RFC 6578 `valid-sync-token`).
    token_expired: bool,
}

impl DavError {
    /// An answer other than `207 Multi-Status`.
    pub(super) fn answered(what: &'static str, status: u16, body: &str) -> Self {
        Self {
            what,
            message: format!("the server answered {status}"),
            status: Some(status),
            token_expired: matches!(status, 403 | 409) && body.contains("valid-sync-token"),
        }
    }

    /// No answer: refused (also by the address guard), reset, timed out.
    pub(super) fn unanswered(what: &'static str, error: &reqwest::Error) -> Self {
        let mut message = if error.is_timeout() {
            "timed out".to_owned()
        } else {
            error.to_string()
        };
        // The address guard's refusal is the innermost cause; say it.
        let mut cause = std::error::Error::source(error);
        while let Some(inner) = cause {
            message = inner.to_string();
            cause = inner.source();
        }
        Self {
            what,
            message,
            status: None,
            token_expired: false,
        }
    }

    /// An answer that could not be read.
    pub(super) fn unreadable(what: &'static str, message: &str) -> Self {
        Self {
            what,
            message: format!("unreadable answer: {message}"),
            status: None,
            token_expired: false,
        }
    }

    /// Whether the server does not know the request (no RFC 6578 support).
    pub(super) fn is_unsupported(&self) -> bool {
        matches!(self.status, Some(400 | 405 | 501))
            || (self.status == Some(403) && !self.token_expired)
    }

    /// What the sync does about it: the sync token again from scratch, the calendar gone (or
    /// the login refused), rate limits, or a retry later.
    pub(super) fn into_source(self) -> SourceError {
        match self.status {
            _ if self.token_expired => SourceError::TokenExpired,
            Some(401 | 403 | 404 | 410) => SourceError::AccessGone(self.to_string()),
            Some(429 | 503) => SourceError::RateLimited(self.to_string()),
            _ => SourceError::Transient(Box::new(self)),
        }
    }
}
