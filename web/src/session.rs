//! The session cookie: a random [`SessionId`] in an `HttpOnly` cookie; what it stands for is in
//! the [`SessionStore`](application::ports::SessionStore) port.

use application::ports::SessionId;
use chrono::TimeDelta;
use poem::web::cookie::{Cookie, CookieJar, SameSite};

/// The session cookie's name.
pub const COOKIE: &str = "bys_session";

/// How session cookies are written.
#[derive(Debug, Clone, Copy)]
pub struct CookiePolicy {
    /// Mark the cookie Secure (the app is served over https).
    pub secure: bool,
    /// Idle lifetime of a session.
    pub idle: TimeDelta,
}

impl CookiePolicy {
    /// Sets the session cookie to `id`: `HttpOnly`, `SameSite=Lax`, `Secure` over https.
    pub fn set(&self, jar: &CookieJar, id: &SessionId) {
        let mut cookie = Cookie::new_with_str(COOKIE, id.expose());
        cookie.set_http_only(true);
        cookie.set_same_site(SameSite::Lax);
        cookie.set_secure(self.secure);
        cookie.set_path("/");
        cookie.set_max_age(self.idle.to_std().unwrap_or_default());
        jar.add(cookie);
    }

    /// Removes the session cookie from the browser.
    pub fn clear(&self, jar: &CookieJar) {
        let mut cookie = Cookie::new_with_str(COOKIE, "");
        cookie.set_http_only(true);
        cookie.set_same_site(SameSite::Lax);
        cookie.set_secure(self.secure);
        cookie.set_path("/");
        cookie.make_removal();
        jar.add(cookie);
    }

    /// The session id the request's cookie carries, if well-formed.
    pub fn presented(jar: &CookieJar) -> Option<SessionId> {
        jar.get(COOKIE)
            .and_then(|c| SessionId::parse(c.value_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_http_only_same_site_lax_and_secure_over_https() {
        for secure in [false, true] {
            let jar = CookieJar::default();
            let policy = CookiePolicy {
                secure,
                idle: TimeDelta::hours(1),
            };
            let id = SessionId::generate().unwrap();
            policy.set(&jar, &id);
            let cookie = jar.get(COOKIE).unwrap();
            assert_eq!(cookie.value_str(), id.expose());
            assert!(cookie.http_only());
            assert_eq!(cookie.same_site(), Some(SameSite::Lax));
            assert_eq!(cookie.secure(), secure);
            assert_eq!(CookiePolicy::presented(&jar), Some(id));
        }
    }
}
