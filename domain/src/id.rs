//! Typed identifiers: one newtype per entity, so a service id can never be passed as a user id.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! entity_id {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps an existing UUID (from storage or a request).
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            /// The underlying UUID.
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )+};
}

entity_id!(
    /// A user account of any role (customer, provider, staff).
    UserId,
    /// A service offered by a provider.
    ServiceId,
    /// A service category.
    CategoryId,
    /// An appointment.
    AppointmentId,
    /// A personal API token (its public handle, never the secret).
    ApiTokenId,
    /// A customer's review of an appointment.
    ReviewId,
    /// Someone's report of a review to staff.
    ReportId,
    /// A receiver of webhooks registered by a provider or an admin.
    WebhookEndpointId,
    /// A recurring series of appointments booked together.
    SeriesId,
    /// A customer's place on a service's waitlist.
    WaitlistEntryId,
);
