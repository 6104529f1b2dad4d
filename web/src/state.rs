//! What every handler can reach: the use cases, sessions, templates. Built once in
//! [`crate::startup`], shared behind an `Arc`.

use std::sync::Arc;
use std::time::Duration;

use application::ports::{Clock, ObjectStorage, SessionStore};

use crate::health::HealthCheck;
use crate::limits::Limits;
use crate::render::Templates;

use crate::session::CookiePolicy;
use crate::settings::ImageServing;
use crate::use_cases::UseCases;

/// How photos are served.
pub struct ImageServingState {
    /// Where they are kept.
    pub storage: Arc<dyn ObjectStorage>,
    /// Stream them, or redirect to the store.
    pub mode: ImageServing,
    /// How long a presigned URL works.
    pub presign_for: Duration,
    /// Largest accepted upload in bytes.
    pub max_upload_bytes: u64,
}

/// Shared application state.
pub struct AppState {
    /// The use cases.
    pub use_cases: Arc<UseCases>,
    /// Where sessions live.
    pub sessions: Arc<dyn SessionStore>,
    /// How session cookies are written.
    pub cookies: CookiePolicy,
    /// Rate limits: failed logins, account mails, sign-ups, API requests, bookings.
    pub limits: Limits,
    /// Compiled page templates.
    pub templates: Templates,
    /// The current time.
    pub clock: Arc<dyn Clock>,
    /// What `/readyz` (and `/metrics`) check.
    pub health: HealthCheck,
    /// Photo storage and serving.
    pub images: ImageServingState,
    /// The public base URL, for absolute links (feed addresses).
    pub base_url: String,
    /// How long a password reset link works, in minutes (shown on the request page).
    pub reset_link_minutes: u32,
    /// The privacy notice (`/privacy`) and the version sign-ups accept.
    pub privacy: crate::settings::PrivacySettings,
    /// Whether providers' calendars read with event details are watched with push channels
    /// (shown on the account page).
    pub calendar_push: bool,
}

/// The state as handlers receive it.
pub type SharedState = Arc<AppState>;
