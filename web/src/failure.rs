//! Failures and refusals at the edge, shared by the pages and the API so that neither imports
//! the other: an unexpected failure is logged once, here, with its cause chain, and a refusal's
//! message reads as a sentence.

use application::ports::{error_chain, is_unavailable};

/// What `Retry-After` says when the database is out of reach, in seconds.
pub const RETRY_AFTER_SECONDS: u32 = 5;

/// Logs `error` once with its cause chain under `context`: a warning when a store is merely out
/// of reach (answered 503), else an error (answered 500). Returns whether it was out of reach.
pub fn log(error: &(dyn std::error::Error + 'static), context: &str) -> bool {
    let unavailable = is_unavailable(error);
    if unavailable {
        tracing::warn!(error = %error_chain(error), "{context}: store unavailable");
    } else {
        tracing::error!(error = %error_chain(error), "{context}");
    }
    unavailable
}

/// A domain message as a sentence: capitalised, with a full stop.
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut text: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_sentences() {
        assert_eq!(sentence("name is required"), "Name is required.");
    }
}
