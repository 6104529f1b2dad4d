//! Sorting Google's failures into retry-later and give-up.

use application::ports::{BackendError, DeliveryError, RepoError};

/// A failed call: the HTTP status if Google answered, and what the worker should do.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {message}")]
pub(super) struct CallError {
    what: &'static str,
    message: String,
    /// The HTTP status Google answered with, if it answered.
    pub(super) status: Option<u16>,
    /// Google's reason for the error (`rateLimitExceeded`, `notFound`, ...), if it gave one.
    pub(super) reason: String,
    transient: bool,
}

impl CallError {
    /// Classifies a client error.
    pub(super) fn from_google(what: &'static str, error: &google_calendar3::Error) -> Self {
        use google_calendar3::Error as E;
        let mut reason = String::new();
        let (status, transient) = match error {
            E::BadRequest(body) => {
                let status = body["error"]["code"]
                    .as_u64()
                    .and_then(|c| u16::try_from(c).ok());
                body["error"]["errors"][0]["reason"]
                    .as_str()
                    .unwrap_or("")
                    .clone_into(&mut reason);
                (status, status.is_some_and(|s| retryable(s, &reason)))
            }
            E::Failure(response) => {
                let status = response.status().as_u16();
                (Some(status), retryable(status, ""))
            }
            // Connection refused or reset, I/O, and a token endpoint that is down or refuses.
            E::HttpError(_) | E::Io(_) | E::MissingToken(_) => (None, true),
            E::UploadSizeLimitExceeded(..)
            | E::MissingAPIKey
            | E::Cancelled
            | E::FieldClash(_)
            | E::JsonDecodeError(..) => (None, false),
        };
        Self {
            what,
            message: error.to_string().trim_end().to_owned(),
            status,
            reason,
            transient,
        }
    }

    /// An error Google reported with `status` and `reason` inside an answer.
    pub(super) fn answered(what: &'static str, status: u16, reason: &str) -> Self {
        Self {
            what,
            message: format!("{status} {reason}"),
            status: Some(status),
            reason: reason.to_owned(),
            transient: retryable(status, reason),
        }
    }

    /// The call did not finish in time.
    pub(super) fn timed_out(what: &'static str) -> Self {
        Self::transient_with(what, "timed out".to_owned())
    }

    /// Something worth retrying that is not an HTTP answer.
    pub(super) fn transient(message: &str) -> Self {
        Self::transient_with("sync", message.to_owned())
    }

    /// Something retrying will not fix.
    pub(super) fn permanent(message: &str) -> Self {
        Self {
            what: "sync",
            message: message.to_owned(),
            status: None,
            reason: String::new(),
            transient: false,
        }
    }

    /// Our own store failed: retry later.
    pub(super) fn store(error: &RepoError) -> Self {
        Self::transient_with("store", error.to_string())
    }

    fn transient_with(what: &'static str, message: String) -> Self {
        Self {
            what,
            message,
            status: None,
            reason: String::new(),
            transient: true,
        }
    }

    /// Whether the thing to remove is already gone (`404 Not Found`, `410 Gone`).
    pub(super) fn is_gone(&self) -> bool {
        matches!(self.status, Some(404 | 410))
    }

    /// The port's error.
    pub(super) fn into_delivery(self) -> DeliveryError {
        let transient = self.transient;
        let source: BackendError = Box::new(self);
        if transient {
            DeliveryError::Transient(source)
        } else {
            DeliveryError::Permanent(source)
        }
    }
}

/// Whether an HTTP error status is worth retrying. Google reports rate limits as `403` with a
/// rate-limit reason as well as `429`.
fn retryable(status: u16, reason: &str) -> bool {
    matches!(status, 401 | 408 | 429 | 500..=599)
        || (status == 403 && super::busy::is_rate_limit(reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn google_error(code: u16, reason: &str) -> google_calendar3::Error {
        google_calendar3::Error::BadRequest(serde_json::json!({
            "error": { "code": code, "message": "x", "errors": [{ "reason": reason }] }
        }))
    }

    fn is_transient(code: u16, reason: &str) -> bool {
        matches!(
            CallError::from_google("t", &google_error(code, reason)).into_delivery(),
            DeliveryError::Transient(_)
        )
    }

    #[test]
    fn rate_limits_server_errors_and_expired_tokens_are_retried() {
        for code in [401, 408, 429, 500, 502, 503] {
            assert!(is_transient(code, ""), "{code} was not retried");
        }
        assert!(is_transient(403, "rateLimitExceeded"));
    }

    #[test]
    fn other_client_errors_are_permanent() {
        for code in [400, 403, 404, 409] {
            assert!(!is_transient(code, "forbidden"), "{code} was retried");
        }
    }

    #[test]
    fn a_missing_or_deleted_resource_counts_as_gone() {
        assert!(CallError::from_google("t", &google_error(410, "deleted")).is_gone());
        assert!(!CallError::from_google("t", &google_error(409, "duplicate")).is_gone());
    }
}
