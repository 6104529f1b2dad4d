//! Validated free text: names, descriptions and notes, trimmed and bounded in length.

/// Why a piece of text was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Empty or only white space where a value is required.
    #[error("{field} is required")]
    Missing {
        /// The field's human name.
        field: &'static str,
    },
    /// Too short or too long.
    #[error("{field} must be between {min} and {max} characters")]
    Length {
        /// The field's human name.
        field: &'static str,
        /// Minimum length in characters.
        min: usize,
        /// Maximum length in characters.
        max: usize,
    },
    /// Contains control characters (other than line breaks where allowed).
    #[error("{field} contains invisible control characters")]
    ControlCharacters {
        /// The field's human name.
        field: &'static str,
    },
}

/// Trims `raw` and checks its length in characters and that it has no control characters.
pub(crate) fn bounded(
    raw: &str,
    field: &'static str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, TextError> {
    let text = raw.trim();
    if text.is_empty() && min > 0 {
        return Err(TextError::Missing { field });
    }
    let allowed = |c: char| !c.is_control() || (multiline && (c == '\n' || c == '\r' || c == '\t'));
    if !text.chars().all(allowed) {
        return Err(TextError::ControlCharacters { field });
    }
    let len = text.chars().count();
    if len < min || len > max {
        return Err(TextError::Length { field, min, max });
    }
    Ok(text.to_owned())
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $field:literal, $min:literal..=$max:literal, multiline: $multi:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Validates and trims the text.
            ///
            /// # Errors
            /// [`TextError`] when it is missing, too long or contains control characters.
            pub fn parse(raw: &str) -> Result<Self, TextError> {
                $crate::text::bounded(raw, $field, $min, $max, $multi).map(Self)
            }

            /// The validated text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

bounded_text!(
    /// A service's name as shown in search results.
    ServiceName, "name", 2..=120, multiline: false
);
bounded_text!(
    /// A service's description; may be empty.
    Description, "description", 0..=5000, multiline: true
);
bounded_text!(
    /// A customer's note to the provider, or a cancellation reason.
    Note, "note", 1..=1000, multiline: true
);

bounded_text!(
    /// The name a user gives a personal API token, to tell their tokens apart.
    TokenName, "name", 1..=60, multiline: false
);

pub(crate) use bounded_text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed() {
        assert_eq!(
            ServiceName::parse("  Haircut ").unwrap().as_str(),
            "Haircut"
        );
    }

    #[test]
    fn a_blank_required_text_is_missing() {
        assert_eq!(
            ServiceName::parse("   ").unwrap_err(),
            TextError::Missing { field: "name" }
        );
        assert_eq!(Description::parse("  ").unwrap().as_str(), "");
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        assert!(ServiceName::parse(&"é".repeat(120)).is_ok());
        assert!(matches!(
            ServiceName::parse(&"é".repeat(121)),
            Err(TextError::Length { .. })
        ));
    }

    #[test]
    fn control_characters_are_refused_but_notes_keep_line_breaks() {
        assert!(ServiceName::parse("Hair\u{7}cut").is_err());
        assert!(ServiceName::parse("Hair\ncut").is_err());
        assert!(Note::parse("line one\nline two").is_ok());
    }
}
