//! What every handler can reach: the use cases, sessions, templates. Built once in
//! [`crate::startup`], shared behind an `Arc`.

use std::sync::Arc;

use application::authenticate::Authenticate;
use application::book_appointment::BookAppointment;
use application::ports::{CategoryStore, Clock};
use application::register_user::RegisterUser;

use crate::login_throttle::LoginThrottle;
use crate::render::Templates;
use crate::session::{CookiePolicy, SessionStore};

/// The use cases handlers call; each handler calls one.
pub struct UseCases {
    /// Sign up.
    pub register: RegisterUser,
    /// Log in.
    pub authenticate: Authenticate,
    /// Book a slot.
    pub book: BookAppointment,
}

/// Shared application state.
pub struct AppState {
    /// The use cases.
    pub use_cases: UseCases,
    /// Where sessions live.
    pub sessions: Arc<dyn SessionStore>,
    /// How session cookies are written.
    pub cookies: CookiePolicy,
    /// Failed-login counting.
    pub throttle: LoginThrottle,
    /// Compiled page templates.
    pub templates: Templates,
    /// The current time.
    pub clock: Arc<dyn Clock>,
    /// A cheap read that proves the stores answer, for `/readyz`.
    pub probe: Arc<dyn CategoryStore>,
}

/// The state as handlers receive it.
pub type SharedState = Arc<AppState>;
