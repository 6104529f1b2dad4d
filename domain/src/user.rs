//! User accounts: roles, contact details and the rules for a new password.

use std::str::FromStr;

use chrono::{DateTime, Utc};

use crate::id::UserId;
use crate::language::Language;
use crate::text::{TextError, bounded_text};
use crate::zone::Zone;

/// What a user may do on the platform. A user has exactly one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Searches, books, reschedules and cancels their own appointments.
    Customer,
    /// Offers services, sets hours and manages appointments made with them.
    Provider,
    /// Staff who may read everything and cancel appointments, but not change users or roles.
    Support,
    /// Staff with every right.
    Admin,
}

impl Role {
    /// The stable lower-case name used in storage and URLs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Provider => "provider",
            Self::Support => "support",
            Self::Admin => "admin",
        }
    }

    /// Whether the role belongs to platform staff (admin or support).
    pub const fn is_staff(self) -> bool {
        matches!(self, Self::Support | Self::Admin)
    }
}

impl FromStr for Role {
    type Err = UserError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "customer" => Ok(Self::Customer),
            "provider" => Ok(Self::Provider),
            "support" => Ok(Self::Support),
            "admin" => Ok(Self::Admin),
            other => Err(UserError::UnknownRole(other.to_owned())),
        }
    }
}

/// Why account data was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserError {
    /// Not a syntactically valid email address.
    #[error("{0:?} is not a valid email address")]
    Email(String),
    /// A phone number with letters or the wrong length.
    #[error("a phone number has 5 to 20 digits, spaces, dashes, dots, parentheses and a leading +")]
    Phone,
    /// A password that is too short or too long.
    #[error("the password must be between {min} and {max} characters")]
    PasswordLength {
        /// Minimum length in characters.
        min: usize,
        /// Maximum length in characters.
        max: usize,
    },
    /// A role name that does not exist.
    #[error("unknown role {0:?}")]
    UnknownRole(String),
    /// A name that is missing or too long.
    #[error(transparent)]
    Text(#[from] TextError),
}

/// A syntactically valid email address, lower-cased so that it is unique per person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Validates and normalises an address.
    ///
    /// # Errors
    /// [`UserError::Email`] when it is not a valid address.
    pub fn parse(raw: &str) -> Result<Self, UserError> {
        let trimmed = raw.trim();
        let parsed = email_address::EmailAddress::from_str(trimmed)
            .map_err(|_| UserError::Email(raw.to_owned()))?;
        // Display forms ("Ann <ann@x.org>") are not addresses a person types into a form.
        if parsed.email() != trimmed || !parsed.domain().contains('.') {
            return Err(UserError::Email(raw.to_owned()));
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The placeholder address of the erased account `id`: unique like every address, in the
    /// reserved `.invalid` domain (RFC 2606), so no mail can ever reach anyone through it.
    pub fn of_erased(id: UserId) -> Self {
        Self(format!("erased-{}@erased.invalid", id.as_uuid().simple()))
    }

    /// A form safe for logs: the first character of the local part and the domain.
    pub fn redacted(&self) -> String {
        let (local, domain) = self.0.split_once('@').unwrap_or((&self.0, ""));
        let first = local.chars().next().unwrap_or('*');
        format!("{first}***@{domain}")
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

bounded_text!(
    /// A person's or business's display name.
    PersonName, "name", 1..=100, multiline: false
);

/// A phone number as typed, checked loosely: international formats vary too much for more.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Validates a phone number.
    ///
    /// # Errors
    /// [`UserError::Phone`] for letters or fewer than 5 / more than 20 digits.
    pub fn parse(raw: &str) -> Result<Self, UserError> {
        let text = raw.trim();
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let allowed = text
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || " -.()".contains(c) || (c == '+' && i == 0));
        if allowed && (5..=20).contains(&digits) {
            Ok(Self(text.to_owned()))
        } else {
            Err(UserError::Phone)
        }
    }

    /// The number as typed (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password chosen by a person, checked before it is hashed. Never stored or logged.
pub struct NewPassword(String);

impl NewPassword {
    /// Shortest accepted password, in characters.
    pub const MIN: usize = 8;
    /// Longest accepted password, in characters (bounds the hashing work).
    pub const MAX: usize = 128;

    /// Checks the length rules.
    ///
    /// # Errors
    /// [`UserError::PasswordLength`] outside `MIN..=MAX` characters.
    pub fn parse(raw: &str) -> Result<Self, UserError> {
        let len = raw.chars().count();
        if (Self::MIN..=Self::MAX).contains(&len) {
            Ok(Self(raw.to_owned()))
        } else {
            Err(UserError::PasswordLength {
                min: Self::MIN,
                max: Self::MAX,
            })
        }
    }

    /// The password, for the hasher only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// A user's acceptance of the privacy notice at registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyConsent {
    /// The notice's version, as configured when they accepted it.
    pub version: String,
    /// When they accepted it.
    pub accepted_at: DateTime<Utc>,
}

/// A user account. A provider's hours and booking policy live in their [`crate::Schedule`];
/// their zone here is the zone those hours are read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Identity.
    pub id: UserId,
    /// Login and notification address (unique).
    pub email: Email,
    /// Display name.
    pub name: PersonName,
    /// What the user may do.
    pub role: Role,
    /// The zone the user sees times in by default.
    pub zone: Zone,
    /// Optional contact number.
    pub phone: Option<Phone>,
    /// For providers: the Gmail address their dedicated calendar is shared with.
    pub calendar_email: Option<Email>,
    /// A deactivated user cannot log in; a deactivated provider cannot be booked.
    pub active: bool,
    /// Storage key prefix of the profile photo and its sizes, if one was uploaded.
    pub photo: Option<String>,
    /// When the owner proved they read mail at [`Self::email`] (by opening a verification
    /// link); `None` until then, and again after the address changes.
    pub email_verified_at: Option<DateTime<Utc>>,
    /// Whether a customer is mailed, once per completed appointment, an invitation to review
    /// it (on by default; off by the mail's opt-out link or the profile).
    pub review_requests: bool,
    /// The language pages and mails are in for them; `None` follows their browser (pages) or
    /// the marketplace's default (mails).
    pub language: Option<Language>,
    /// The privacy notice version they accepted at registration, and when; `None` for
    /// accounts created before the notice was asked for (and by staff).
    pub privacy_consent: Option<PrivacyConsent>,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// When the owner erased the account; from then on it holds only a pseudonym
    /// ([`User::erased_name`]) and a placeholder address ([`Email::of_erased`]).
    pub erased_at: Option<DateTime<Utc>>,
}

impl User {
    /// A new, active account with no phone, calendar address or photo, its address not yet
    /// verified, review requests on.
    pub const fn new_account(
        id: UserId,
        email: Email,
        name: PersonName,
        role: Role,
        zone: Zone,
        created_at: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            email,
            name,
            role,
            zone,
            phone: None,
            calendar_email: None,
            active: true,
            photo: None,
            email_verified_at: None,
            review_requests: true,
            language: None,
            privacy_consent: None,
            created_at,
            erased_at: None,
        }
    }

    /// Whether the current address is verified.
    pub const fn is_email_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }

    /// Whether the owner erased the account.
    pub const fn is_erased(&self) -> bool {
        self.erased_at.is_some()
    }

    /// The pseudonym an erased account of `role` shows wherever it appears: the other party
    /// of an appointment keeps "a customer, 09:00, haircut", not the person.
    pub fn erased_name(role: Role) -> PersonName {
        let name = match role {
            Role::Customer => "Deleted customer",
            Role::Provider => "Deleted provider",
            Role::Support | Role::Admin => "Deleted staff member",
        };
        PersonName::parse(name).unwrap_or_else(|_| unreachable!("a valid constant name"))
    }

    /// Whether this user is a provider who can currently take bookings.
    pub fn is_bookable_provider(&self) -> bool {
        self.active && self.role == Role::Provider
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse(" Ann@Example.ORG ").unwrap().as_str(),
            "ann@example.org"
        );
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "",
            "ann",
            "ann@",
            "@x.org",
            "ann@localhost",
            "Ann <ann@x.org>",
            "a b@x.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_redacted_email_hides_the_local_part() {
        assert_eq!(
            Email::parse("ann.smith@x.org").unwrap().redacted(),
            "a***@x.org"
        );
    }

    #[test]
    fn phone_numbers_allow_common_punctuation_only() {
        assert!(Phone::parse("+33 (0)1 23-45.67.89").is_ok());
        assert_eq!(Phone::parse("call me").unwrap_err(), UserError::Phone);
        assert_eq!(Phone::parse("123").unwrap_err(), UserError::Phone);
        assert_eq!(Phone::parse("12+345678").unwrap_err(), UserError::Phone);
    }

    #[test]
    fn passwords_have_a_length_window_and_hide_in_debug_output() {
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse(&"x".repeat(129)).is_err());
        let ok = NewPassword::parse("correct horse").unwrap();
        assert_eq!(format!("{ok:?}"), "NewPassword(***)");
    }

    #[test]
    fn an_erased_accounts_address_is_valid_unique_and_undeliverable() {
        let id = UserId::from_uuid(uuid::Uuid::from_u128(7));
        let address = Email::of_erased(id);
        assert_eq!(Email::parse(address.as_str()).unwrap(), address);
        assert!(address.as_str().ends_with("@erased.invalid"));
        assert_ne!(
            address,
            Email::of_erased(UserId::from_uuid(uuid::Uuid::from_u128(8)))
        );
        assert_eq!(
            User::erased_name(Role::Provider).as_str(),
            "Deleted provider"
        );
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in [Role::Customer, Role::Provider, Role::Support, Role::Admin] {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert!("root".parse::<Role>().is_err());
        assert!(Role::Support.is_staff() && !Role::Provider.is_staff());
    }
}
