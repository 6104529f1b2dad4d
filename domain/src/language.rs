//! The language a person reads pages and mails in: a BCP 47 primary language subtag (`en`,
//! `de`, `pt`). Which languages the product speaks is the catalogue's business (one folder of
//! messages per language), not a rule of the domain.

use std::fmt;

/// A primary language subtag: two or three ASCII letters, stored lowercase.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(String);

/// Not a language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a language tag like en or de")]
pub struct NotALanguage(pub String);

impl Language {
    /// The language of `tag`, a language tag with or without region or script
    /// (`de`, `de-AT`, `zh-Hant-TW`, `en_GB`); only its primary subtag is kept.
    ///
    /// # Errors
    /// [`NotALanguage`] when the primary subtag is not two or three letters.
    pub fn parse(tag: &str) -> Result<Self, NotALanguage> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(Self(primary.to_ascii_lowercase()))
        } else {
            Err(NotALanguage(tag.to_owned()))
        }
    }

    /// The subtag, lowercase (`de`).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_primary_subtag_in_lowercase() {
        for (tag, primary) in [
            ("de", "de"),
            ("de-AT", "de"),
            ("EN_gb", "en"),
            ("zh-Hant-TW", "zh"),
            ("fil", "fil"),
        ] {
            assert_eq!(Language::parse(tag).unwrap().as_str(), primary, "{tag}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_language_tag() {
        for tag in ["", "e", "english", "d3", "*", "-de"] {
            assert!(Language::parse(tag).is_err(), "{tag}");
        }
    }
}
