//! Pure rules of Book Your Services: accounts, services, schedules, the slot engine and the
//! appointment lifecycle. No I/O, no async, no framework types: everything here is a value or a
//! function of values, so every rule is tested directly.
//!
//! Conventions: instants are UTC (`DateTime<Utc>`), zones are IANA names parsed once into [`Zone`],
//! wall-clock hours are minutes since local midnight, money is integer minor units.

pub mod appointment;
pub mod booking;
pub mod category;
pub mod class;
pub mod id;
pub mod language;
pub mod money;
pub mod policy;
pub mod review;
pub mod schedule;
pub mod series;
pub mod service;
pub mod slot;
pub mod text;
pub mod time_range;
pub mod user;
pub mod waitlist;
pub mod webhook;
pub mod zone;

pub use appointment::{
    Appointment, AppointmentStatus, BookingRequest, Cancellation, LifecycleError, Party, Reschedule,
};
pub use booking::BookingRejection;
pub use category::{Category, CategoryName};
pub use class::{Occurrence, OccurrenceSeats, OfferedSlot};
pub use id::{
    ApiTokenId, AppointmentId, CategoryId, ReportId, ReviewId, SeriesId, ServiceId, UserId,
    WaitlistEntryId, WebhookEndpointId,
};
pub use language::{Language, NotALanguage};
pub use money::{Price, PriceError};
pub use policy::{BookingPolicy, PolicyError, SlotStep};
pub use review::{
    Hiding, ModerationReason, REVIEW_WINDOW, Rating, Reply, ReplyText, Review, ReviewError,
    ReviewText, Stars,
};
pub use schedule::{DayHours, Schedule, ScheduleError, WallInterval, WeeklyHours};
pub use series::{Repeat, SeriesError, WallShift};
pub use service::{Buffers, Capacity, Service, ServiceDuration, ServiceError, Timing};
pub use slot::{BusyTimes, Offer};
pub use text::{Description, Note, ServiceName, TextError, TokenName};
pub use time_range::{EmptyRange, TimeRange};
pub use user::{Email, NewPassword, PersonName, Phone, PrivacyConsent, Role, User, UserError};
pub use waitlist::{WaitWindow, WaitWindowError};
pub use webhook::{
    EventTypes, WebhookDescription, WebhookEndpoint, WebhookError, WebhookEvent, WebhookScope,
    WebhookSecret, WebhookUrl,
};
pub use zone::{UnknownZone, Zone};
